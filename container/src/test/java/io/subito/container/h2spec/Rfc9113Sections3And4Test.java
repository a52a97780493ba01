package io.subito.container.h2spec;

import static io.subito.container.h2spec.H2specConnection.GET;
import static io.subito.container.h2spec.H2specConnection.POST;
import static io.subito.container.h2spec.H2specConnection.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.subito.container.H2Client;
import io.subito.container.http2.ErrorCode;
import io.subito.container.http2.Frame;
import io.subito.container.http2.Http2Settings;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** h2spec's cases for RFC 9113 sections 3.5 (preface), 4.1 (frame format), 4.2 (frame size), 4.3 (field blocks). */
@DisplayName("RFC 9113 §3.5, §4.1–4.3")
class Rfc9113Sections3And4Test extends H2specServer {

    @Test
    @DisplayName("3.5/1 Sends client connection preface: the server's first frame is SETTINGS without ACK")
    void clientConnectionPreface() throws Exception {
        try (H2specConnection h = H2specConnection.open(server.port())) {
            H2Client.In first = h.c.next();
            assertEquals(Frame.SETTINGS, first.type(), "first frame " + first);
            assertFalse(first.has(Frame.FLAG_ACK));
        }
    }

    @Test
    @DisplayName("3.5/2 Sends invalid connection preface (PRI, then other bytes): not HTTP/2, refused and closed")
    void invalidConnectionPreface() throws Exception {
        try (H2specConnection h = H2specConnection.raw(server.port())) {
            // on the cleartext port only the exact preface chooses HTTP/2 (section 3.4: the GOAWAY may be
            // omitted, as the peer is not using HTTP/2); the rest is an HTTP/1.1 request line the server refuses
            h.raw(bytes("PRI * HTTP/2.0\r\n\r\nXX\r\n\r\nINVALID CONNECTION PREFACE\r\n\r\n"));
            String answer = new String(h.c.in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            org.junit.jupiter.api.Assertions.assertTrue(answer.matches("(?s)HTTP/1\\.1 [45]\\d\\d .*"), answer);
        }
    }

    @Test
    @DisplayName("3.5/2 (as h2spec sends it) Sends INVALID CONNECTION PREFACE on the cleartext port: 400 and the close")
    void invalidConnectionPrefaceAsHttp11() throws Exception {
        try (H2specConnection h = H2specConnection.raw(server.port())) {
            h.raw(bytes("INVALID CONNECTION PREFACE\r\n\r\n"));
            String answer = new String(h.c.in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            org.junit.jupiter.api.Assertions.assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        }
    }

    @Test
    @DisplayName("4.1/1 Sends a frame with unknown type: ignored, a PING after it is answered")
    void unknownFrameType() throws Exception {
        try (H2specConnection h = handshake()) {
            h.frame(0x16, 0, 0, new byte[8]);
            h.expectAlive();
        }
    }

    @Test
    @DisplayName("4.1/2 Sends a frame with undefined flag: ignored, the PING is answered")
    void undefinedFlag() throws Exception {
        try (H2specConnection h = handshake()) {
            byte[] eight = bytes("flags!!!");
            h.frame(Frame.PING, 0x16, 0, eight);
            h.expectPingAck(eight);
        }
    }

    @Test
    @DisplayName("4.1/3 Sends a frame with reserved field bit: ignored, the PING is answered")
    void reservedBit() throws Exception {
        try (H2specConnection h = handshake()) {
            byte[] eight = bytes("reserved");
            h.raw(bytes("\u0000\u0000\u0008\u0006\u0016\u0080\u0000\u0000\u0000"));
            h.raw(eight);
            h.expectPingAck(eight);
        }
    }

    @Test
    @DisplayName("4.2/1 Sends a DATA frame with 2^14 octets in length: processed, the response comes")
    void dataOfMaxFrameSize() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, false, POST);
            byte[] body = new byte[h.maxFrameSize()];
            Arrays.fill(body, (byte) 'x');
            h.data(1, true, body);
            H2Client.Response r = h.response(1);
            H2specConnection.assertStatus("200", r.fields());
            assertEquals(body.length, r.body().length, "the body echoed");
        }
    }

    @Test
    @DisplayName("4.2/2 Sends a large size DATA frame that exceeds the SETTINGS_MAX_FRAME_SIZE: FRAME_SIZE_ERROR")
    void dataOverMaxFrameSize() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, false, POST);
            h.data(1, true, new byte[h.maxFrameSize() + 1]);
            // section 4.2 lets a frame size error be a connection error; the server makes every one so
            h.expectConnectionError(ErrorCode.FRAME_SIZE_ERROR);
        }
    }

    @Test
    @DisplayName("4.2/3 Sends a large size HEADERS frame that exceeds the SETTINGS_MAX_FRAME_SIZE: connection error FRAME_SIZE_ERROR")
    void headersOverMaxFrameSize() throws Exception {
        try (H2specConnection h = handshake()) {
            String dummy = "x".repeat(4000);
            byte[] block = h.block(":method", "GET", ":scheme", "http", ":path", "/", ":authority", "127.0.0.1",
                    "x-dummy0", dummy, "x-dummy1", dummy, "x-dummy2", dummy, "x-dummy3", dummy, "x-dummy4", dummy);
            h.headers(1, true, true, block);
            h.expectConnectionError(ErrorCode.FRAME_SIZE_ERROR);
        }
    }

    @Test
    @DisplayName("4.3/1 Sends invalid header block fragment: connection error COMPRESSION_ERROR")
    void invalidFieldBlock() throws Exception {
        try (H2specConnection h = handshake()) {
            // a literal with incremental indexing whose name length is missing
            h.headers(1, true, true, new byte[] {0x40});
            h.expectConnectionError(ErrorCode.COMPRESSION_ERROR);
        }
    }

    @Test
    @DisplayName("4.3/2 Sends a PRIORITY frame while sending the header blocks: connection error PROTOCOL_ERROR")
    void priorityInsideFieldBlock() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, false, false, h.block(GET));
            h.priority(1, 0, 256);
            h.continuation(1, true, h.block("x-dummy0", "x"));
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("4.3/3 Sends a HEADERS frame to another stream while sending the header blocks: connection error PROTOCOL_ERROR")
    void headersOfAnotherStreamInsideFieldBlock() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, false, false, h.block(GET));
            h.headers(3, true, true, h.block(GET));
            h.continuation(1, true, h.block("x-dummy0", "x"));
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("4.3 (extra) A field block split over HEADERS and CONTINUATION frames is one request")
    void fieldBlockOverContinuations() throws Exception {
        try (H2specConnection h = handshake()) {
            byte[] block = h.block(GET);
            h.headers(1, true, false, Arrays.copyOfRange(block, 0, 2));
            h.continuation(1, false, Arrays.copyOfRange(block, 2, 4));
            h.continuation(1, true, Arrays.copyOfRange(block, 4, block.length));
            H2specConnection.assertStatus("200", h.response(1).fields());
        }
    }

    @Test
    @DisplayName("3.5 (extra) The server's preface announces SETTINGS_MAX_CONCURRENT_STREAMS and SETTINGS_ENABLE_PUSH 0")
    void serverPrefaceSettings() throws Exception {
        try (H2specConnection h = handshake()) {
            assertEquals(100, h.serverSettings.get(Http2Settings.MAX_CONCURRENT_STREAMS));
            assertEquals(0, h.serverSettings.get(Http2Settings.ENABLE_PUSH));
        }
    }
}
