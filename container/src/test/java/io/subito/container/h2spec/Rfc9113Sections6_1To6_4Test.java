package io.subito.container.h2spec;

import static io.subito.container.h2spec.H2specConnection.GET;
import static io.subito.container.h2spec.H2specConnection.POST;
import static io.subito.container.h2spec.H2specConnection.assertStatus;
import static io.subito.container.h2spec.H2specConnection.bytes;
import static io.subito.container.h2spec.H2specConnection.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.subito.container.H2Client;
import io.subito.container.http2.ErrorCode;
import io.subito.container.http2.Frame;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** h2spec's cases for RFC 9113 sections 6.1 (DATA), 6.2 (HEADERS), 6.3 (PRIORITY), 6.4 (RST_STREAM), with h2spec's generic ones. */
@DisplayName("RFC 9113 §6.1–6.4")
class Rfc9113Sections6_1To6_4Test extends H2specServer {

    @Test
    @DisplayName("6.1/1 Sends a DATA frame with 0x0 stream identifier: connection error PROTOCOL_ERROR")
    void dataOnStreamZero() throws Exception {
        try (H2specConnection h = handshake()) {
            h.data(0, true, "test");
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("6.1/2 Sends a DATA frame on the stream that is not in \"open\" or \"half-closed (local)\" state: stream error STREAM_CLOSED")
    void dataOnHalfClosedRemote() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, true, ":method", "POST", ":scheme", "http", ":path", "/held", ":authority", "127.0.0.1");
            h.data(1, true, "test");
            h.expectStreamError(1, ErrorCode.STREAM_CLOSED);
        }
    }

    @Test
    @DisplayName("6.1/3 Sends a DATA frame with invalid pad length: connection error PROTOCOL_ERROR")
    void dataWithInvalidPadLength() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/", ":authority", "127.0.0.1", "content-length", "4");
            // PADDED | END_STREAM, 5 bytes: pad length 6, "Test"
            h.raw(bytes("\u0000\u0000\u0005\u0000\u0009\u0000\u0000\u0000\u0001\u0006Test"));
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("6.1 (generic) Sends a DATA frame, multiple DATA frames, a DATA frame with padding: the body arrives whole")
    void dataFramesArrive() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, false, POST);
            h.data(1, true, "test");
            assertEquals("test", h.response(1).text());
            h.headers(3, false, POST);
            h.data(3, false, "te");
            h.data(3, true, "st");
            assertEquals("test", h.response(3).text());
            h.headers(5, false, POST);
            h.frame(Frame.DATA, Frame.FLAG_PADDED | Frame.FLAG_END_STREAM, 5, concat(new byte[] {8}, concat(bytes("test"), new byte[8])));
            assertEquals("test", h.response(5).text());
        }
    }

    @Test
    @DisplayName("6.2/1 Sends a HEADERS frame without the END_HEADERS flag, and a PRIORITY frame: connection error PROTOCOL_ERROR")
    void headersThenPriority() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, false, false, h.block(GET));
            h.priority(1, 0, 256);
            h.continuation(1, true, h.block("x-dummy0", "x"));
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("6.2/2 Sends a HEADERS frame to another stream while sending a HEADERS frame: connection error PROTOCOL_ERROR")
    void headersOfAnotherStreamInBetween() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, false, false, h.block(GET));
            h.headers(3, true, true, h.block(GET));
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("6.2/3 Sends a HEADERS frame with 0x0 stream identifier: connection error PROTOCOL_ERROR")
    void headersOnStreamZero() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(0, true, true, h.block(GET));
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("6.2/4 Sends a HEADERS frame with invalid pad length: connection error PROTOCOL_ERROR")
    void headersWithInvalidPadLength() throws Exception {
        try (H2specConnection h = handshake()) {
            byte[] block = h.block(GET);
            // the pad length is the block's length + 2, more than the frame's payload after it
            h.frame(block.length + 1, Frame.HEADERS, Frame.FLAG_PADDED | Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM, 1,
                    concat(new byte[] {(byte) (block.length + 2)}, block));
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("6.2 (generic) Sends a HEADERS frame, one with padding, one with priority: each is answered")
    void headersVariantsAreAnswered() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, true, GET);
            assertStatus("200", h.response(1).fields());
            byte[] block = h.block(GET);
            h.frame(Frame.HEADERS, Frame.FLAG_PADDED | Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM, 3,
                    concat(new byte[] {5}, concat(block, new byte[5])));
            assertStatus("200", h.response(3).fields());
            block = h.block(GET);
            byte[] withPriority = ByteBuffer.allocate(5 + block.length).putInt(0x8000_0003).put((byte) 15).put(block).array();
            h.frame(Frame.HEADERS, Frame.FLAG_PRIORITY | Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM, 5, withPriority);
            H2Client.Response r = h.response(5);
            assertStatus("200", r.fields());
            assertEquals(new String(BODY, java.nio.charset.StandardCharsets.US_ASCII), r.text());
        }
    }

    @Test
    @DisplayName("6.3/1 Sends a PRIORITY frame with 0x0 stream identifier: connection error PROTOCOL_ERROR")
    void priorityOnStreamZero() throws Exception {
        try (H2specConnection h = handshake()) {
            h.priority(0, 0, 256);
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("6.3/2 Sends a PRIORITY frame with a length other than 5 octets: stream error FRAME_SIZE_ERROR")
    void priorityOfWrongLength() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, true, ":method", "GET", ":scheme", "http", ":path", "/held", ":authority", "127.0.0.1");
            h.frame(Frame.PRIORITY, 0, 1, new byte[] {(byte) 0x80, 0, 0, 1});
            h.expectStreamError(1, ErrorCode.FRAME_SIZE_ERROR);
            h.expectAlive();
        }
    }

    @Test
    @DisplayName("6.4/1 Sends a RST_STREAM frame with 0x0 stream identifier: connection error PROTOCOL_ERROR")
    void rstStreamOnStreamZero() throws Exception {
        try (H2specConnection h = handshake()) {
            h.rstStream(0, ErrorCode.CANCEL.code);
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("6.4/2 Sends a RST_STREAM frame on a idle stream: connection error PROTOCOL_ERROR")
    void rstStreamOnIdleStream() throws Exception {
        try (H2specConnection h = handshake()) {
            h.rstStream(1, ErrorCode.CANCEL.code);
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("6.4/3 Sends a RST_STREAM frame with a length other than 4 octets: connection error FRAME_SIZE_ERROR")
    void rstStreamOfWrongLength() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, true, GET);
            h.frame(Frame.RST_STREAM, 0, 1, new byte[3]);
            h.expectConnectionError(ErrorCode.FRAME_SIZE_ERROR);
        }
    }

    @Test
    @DisplayName("6.4 (generic) Sends a RST_STREAM frame: the stream ends, the connection goes on")
    void rstStreamEndsTheStream() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/held", ":authority", "127.0.0.1");
            h.rstStream(1, ErrorCode.CANCEL.code);
            h.expectAlive();
            h.headers(3, true, GET);
            assertStatus("200", h.response(3).fields());
        }
    }
}
