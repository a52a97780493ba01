package io.subito.container.h2spec;

import static io.subito.container.h2spec.H2specConnection.GET;
import static io.subito.container.h2spec.H2specConnection.POST;
import static io.subito.container.h2spec.H2specConnection.assertStatus;
import static io.subito.container.h2spec.H2specConnection.bytes;

import io.subito.container.http2.ErrorCode;
import io.subito.container.http2.Frame;
import io.subito.container.http2.Http2Settings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * h2spec's cases for RFC 9113 section 5: stream states (5.1), identifiers (5.1.1), concurrency
 * (5.1.2), dependencies (5.3.1), connection errors (5.4.1), extensions (5.5).
 */
@DisplayName("RFC 9113 §5")
class Rfc9113Section5Test extends H2specServer {
    private static final String[] HELD = {":method", "GET", ":scheme", "http", ":path", "/held", ":authority", "127.0.0.1"};
    private static final String[] HELD_POST = {":method", "POST", ":scheme", "http", ":path", "/held", ":authority", "127.0.0.1"};

    @Test
    @DisplayName("5.1/1 idle: Sends a DATA frame: connection error PROTOCOL_ERROR")
    void idleData() throws Exception {
        try (H2specConnection h = handshake()) {
            h.data(1, true, "test");
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("5.1/2 idle: Sends a RST_STREAM frame: connection error PROTOCOL_ERROR")
    void idleRstStream() throws Exception {
        try (H2specConnection h = handshake()) {
            h.rstStream(1, ErrorCode.CANCEL.code);
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("5.1/3 idle: Sends a WINDOW_UPDATE frame: connection error PROTOCOL_ERROR")
    void idleWindowUpdate() throws Exception {
        try (H2specConnection h = handshake()) {
            h.windowUpdate(1, 100);
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("5.1/4 idle: Sends a CONTINUATION frame: connection error PROTOCOL_ERROR")
    void idleContinuation() throws Exception {
        try (H2specConnection h = handshake()) {
            h.continuation(1, true, h.block(GET));
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("5.1/5 half closed (remote): Sends a DATA frame: stream error STREAM_CLOSED")
    void halfClosedRemoteData() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, true, HELD);
            h.data(1, true, "test");
            h.expectStreamError(1, ErrorCode.STREAM_CLOSED);
            h.expectAlive();
        }
    }

    @Test
    @DisplayName("5.1/6 half closed (remote): Sends a HEADERS frame: stream error STREAM_CLOSED")
    void halfClosedRemoteHeaders() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, true, HELD);
            h.headers(1, true, HELD);
            h.expectStreamError(1, ErrorCode.STREAM_CLOSED);
            h.expectAlive();
        }
    }

    @Test
    @DisplayName("5.1/7 half closed (remote): Sends a CONTINUATION frame: connection error PROTOCOL_ERROR (no field block is open)")
    void halfClosedRemoteContinuation() throws Exception {
        try (H2specConnection h = handshake()) {
            byte[] block = h.block(HELD);
            h.headers(1, true, true, block);
            h.continuation(1, true, block);
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("5.1/8 closed: Sends a DATA frame after sending RST_STREAM frame: stream error STREAM_CLOSED")
    void dataAfterClientReset() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, false, HELD_POST);
            h.rstStream(1, ErrorCode.CANCEL.code);
            h.data(1, true, "test");
            h.expectStreamError(1, ErrorCode.STREAM_CLOSED);
            h.expectAlive();
        }
    }

    @Test
    @DisplayName("5.1/9 closed: Sends a HEADERS frame after sending RST_STREAM frame: stream error STREAM_CLOSED")
    void headersAfterClientReset() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, false, HELD_POST);
            h.rstStream(1, ErrorCode.CANCEL.code);
            h.headers(1, true, HELD_POST);
            h.expectStreamError(1, ErrorCode.STREAM_CLOSED);
            h.expectAlive();
        }
    }

    @Test
    @DisplayName("5.1/10 closed: Sends a CONTINUATION frame after sending RST_STREAM frame: connection error PROTOCOL_ERROR")
    void continuationAfterClientReset() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, false, HELD_POST);
            h.rstStream(1, ErrorCode.CANCEL.code);
            h.continuation(1, true, h.block("x-dummy0", "x"));
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("5.1/11 closed: Sends a DATA frame (after both ended the stream): stream error STREAM_CLOSED")
    void dataOnClosedStream() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, true, GET);
            h.response(1);
            h.data(1, true, "test");
            h.expectStreamError(1, ErrorCode.STREAM_CLOSED);
        }
    }

    @Test
    @DisplayName("5.1/12 closed: Sends a HEADERS frame (after both ended the stream): connection error STREAM_CLOSED")
    void headersOnClosedStream() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, true, GET);
            h.response(1);
            h.headers(1, true, GET);
            h.expectConnectionError(ErrorCode.STREAM_CLOSED);
        }
    }

    @Test
    @DisplayName("5.1/12 (extra) closed: a HEADERS on a stream that ended long ago is STREAM_CLOSED too")
    void headersOnLongClosedStream() throws Exception {
        try (H2specConnection h = handshake()) {
            for (int id = 1; id <= 41; id += 2) {
                h.headers(id, true, GET);
                h.response(id);
            }
            h.headers(3, true, GET);
            h.expectConnectionError(ErrorCode.STREAM_CLOSED);
        }
    }

    @Test
    @DisplayName("5.1/13 closed: Sends a CONTINUATION frame: connection error PROTOCOL_ERROR (no field block is open)")
    void continuationOnClosedStream() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, true, GET);
            h.response(1);
            h.continuation(1, true, h.block("x-dummy0", "x"));
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("5.1 (extra) closed by the server's RST_STREAM: frames the client sent before it saw the reset are ignored")
    void framesAfterServerResetAreIgnored() throws Exception {
        try (H2specConnection h = handshake()) {
            // content-length 1 and 4 bytes of DATA: the server resets the stream (section 8.1.1)
            h.headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/", ":authority", "127.0.0.1", "content-length", "1");
            h.data(1, false, "test");
            h.expectStreamError(1, ErrorCode.PROTOCOL_ERROR);
            h.data(1, false, "more");
            h.headers(1, true, "x-trailer", "late");
            h.expectAlive();
            h.headers(3, true, GET);
            assertStatus("200", h.response(3).fields());
        }
    }

    @Test
    @DisplayName("5.1.1/1 Sends even-numbered stream identifier: connection error PROTOCOL_ERROR")
    void evenStreamId() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(2, true, GET);
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("5.1.1/2 Sends stream identifier that is numerically smaller than previous: connection error PROTOCOL_ERROR")
    void smallerStreamId() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(5, true, GET);
            h.headers(3, true, GET);
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("5.1.2/1 Sends HEADERS frames that causes their advertised concurrent stream limit to be exceeded: stream error REFUSED_STREAM")
    void concurrentStreamLimit() throws Exception {
        try (H2specConnection h = handshake()) {
            int max = h.serverSettings.get(Http2Settings.MAX_CONCURRENT_STREAMS);
            h.settings(Http2Settings.INITIAL_WINDOW_SIZE, 0); // no response can end: every stream stays open
            h.expectSettingsAck();
            byte[] block = h.block(GET);
            int id = 1;
            for (int i = 0; i <= max; i++, id += 2) {
                h.headers(id, true, true, block);
            }
            h.expectStreamError(id - 2, ErrorCode.REFUSED_STREAM);
            h.expectAlive();
        }
    }

    @Test
    @DisplayName("5.3.1/1 Sends HEADERS frame that depends on itself: stream error PROTOCOL_ERROR")
    void headersDependingOnItself() throws Exception {
        try (H2specConnection h = handshake()) {
            byte[] block = h.block(GET);
            byte[] payload = java.nio.ByteBuffer.allocate(5 + block.length).putInt(1).put((byte) 255).put(block).array();
            h.frame(Frame.HEADERS, Frame.FLAG_END_STREAM | Frame.FLAG_END_HEADERS | Frame.FLAG_PRIORITY, 1, payload);
            h.expectStreamError(1, ErrorCode.PROTOCOL_ERROR);
            h.expectAlive();
        }
    }

    @Test
    @DisplayName("5.3.1/2 Sends PRIORITY frame that depend on itself: stream error PROTOCOL_ERROR")
    void priorityDependingOnItself() throws Exception {
        try (H2specConnection h = handshake()) {
            h.priority(1, 1, 256);
            h.expectStreamError(1, ErrorCode.PROTOCOL_ERROR);
            h.expectAlive();
        }
    }

    @Test
    @DisplayName("5.3 (generic) Sends PRIORITY frames with weights 1 and 256, a dependency and the exclusive bit: accepted, ignored")
    void priorityFramesAreAccepted() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, false, HELD_POST);
            h.priority(1, 0, 1);
            h.priority(1, 0, 256);
            h.priority(3, 1, 16);
            h.priority(5, 0x8000_0001, 16);
            h.expectAlive();
            h.headers(7, true, GET);
            assertStatus("200", h.response(7).fields());
        }
    }

    @Test
    @DisplayName("5.3 (generic) Sends a PRIORITY frame for an idle stream, then a HEADERS frame for a lower stream id: answered")
    void priorityOnIdleStreamDoesNotOpenIt() throws Exception {
        try (H2specConnection h = handshake()) {
            h.priority(3, 0, 16);
            h.headers(1, true, GET);
            assertStatus("200", h.response(1).fields());
        }
    }

    @Test
    @DisplayName("5.4.1/1 Sends an invalid PING frame for connection close: the connection closes")
    void invalidPingCloses() throws Exception {
        try (H2specConnection h = handshake()) {
            h.raw(bytes("\u0000\u0000\u0008\u0006\u0000\u0000\u0000\u0000\u0003"));
            h.raw(new byte[8]);
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR); // GOAWAY, then the close
        }
    }

    @Test
    @DisplayName("5.4.1/2 Sends an invalid PING frame to receive GOAWAY frame: GOAWAY PROTOCOL_ERROR with the last stream id")
    void invalidPingGoAway() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, true, GET);
            h.response(1);
            h.raw(bytes("\u0000\u0000\u0008\u0006\u0000\u0000\u0000\u0000\u0003"));
            h.raw(new byte[8]);
            var g = h.expect(Frame.GOAWAY, 0, 0, "GOAWAY");
            org.junit.jupiter.api.Assertions.assertEquals(1, g.intAt(0), "the last stream id the server processed");
            org.junit.jupiter.api.Assertions.assertEquals(ErrorCode.PROTOCOL_ERROR.code, g.intAt(4));
        }
    }

    @Test
    @DisplayName("5.5/1 Sends an unknown extension frame: ignored, the PING after it is answered")
    void unknownExtensionFrame() throws Exception {
        try (H2specConnection h = handshake()) {
            h.frame(0x16, 0, 0, new byte[8]);
            h.frame(0xFF, 0xFF, 1, bytes("on an idle stream"));
            h.expectAlive();
        }
    }

    @Test
    @DisplayName("5.5/2 Sends an unknown extension frame in the middle of a header block: connection error PROTOCOL_ERROR")
    void unknownFrameInsideFieldBlock() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, true, false, h.block(GET));
            h.frame(0x16, 0, 0, new byte[8]);
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("5.1 (generic) WINDOW_UPDATE, PRIORITY and RST_STREAM on a half-closed (remote) stream are accepted")
    void framesAllowedOnHalfClosedRemote() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, true, HELD);
            h.windowUpdate(1, 100);
            h.priority(1, 0, 16);
            h.rstStream(1, ErrorCode.CANCEL.code);
            h.priority(1, 0, 16); // PRIORITY on a closed stream, too
            h.expectAlive();
            h.headers(3, true, POST);
            assertStatus("200", h.response(3).fields());
        }
    }
}
