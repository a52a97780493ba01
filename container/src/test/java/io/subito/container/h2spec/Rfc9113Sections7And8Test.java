package io.subito.container.h2spec;

import static io.subito.container.h2spec.H2specConnection.GET;
import static io.subito.container.h2spec.H2specConnection.POST;
import static io.subito.container.h2spec.H2specConnection.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.subito.container.H2Client;
import io.subito.container.http2.ErrorCode;
import io.subito.container.http2.Frame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * h2spec's cases for RFC 9113 section 7 (error codes) and 8 (HTTP message exchanges: 8.1,
 * header fields 8.1.2 with 8.1.2.1, 8.1.2.2, 8.1.2.3 and 8.1.2.6 of RFC 7540's numbering, server
 * push 8.2), with h2spec's generic exchanges.
 */
@DisplayName("RFC 9113 §7, §8")
class Rfc9113Sections7And8Test extends H2specServer {

    /** The common request fields followed by {@code more}. */
    private static String[] get(String... more) {
        String[] r = java.util.Arrays.copyOf(GET, GET.length + more.length);
        System.arraycopy(more, 0, r, GET.length, more.length);
        return r;
    }

    @Test
    @DisplayName("7/1 Sends a GOAWAY frame with unknown error code: no special behaviour (PING answered or the close)")
    void goAwayWithUnknownCode() throws Exception {
        try (H2specConnection h = handshake()) {
            h.goAway(0, 0xff);
            // with no stream in flight the server's answer to GOAWAY is the close; a PING it still reads is answered
            h.ping(false, H2specConnection.bytes("h2spec\u0000\u0000"));
            H2Client.In f;
            try {
                f = h.c.next();
            } catch (java.io.EOFException | java.net.SocketException closed) {
                return;
            }
            assertEquals(Frame.PING, f.type(), "a PING ACK or nothing: " + f);
        }
    }

    @Test
    @DisplayName("7/2 Sends a RST_STREAM frame with unknown error code: no special behaviour (a PING is answered)")
    void rstStreamWithUnknownCode() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, false, POST);
            h.rstStream(1, 0xff);
            h.expectAlive();
        }
    }

    @Test
    @DisplayName("8.1/1 Sends a second HEADERS frame without the END_STREAM flag: stream error PROTOCOL_ERROR")
    void trailersWithoutEndStream() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, false, POST);
            h.data(1, false, "test");
            h.headers(1, false, "x-test", "ok");
            h.expectStreamError(1, ErrorCode.PROTOCOL_ERROR);
            h.expectAlive();
        }
    }

    @Test
    @DisplayName("8.1 (generic) Sends a GET request: 200 with the body")
    void getRequest() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, true, GET);
            H2Client.Response r = h.response(1);
            assertStatus("200", r.fields());
            assertEquals(new String(BODY, StandardCharsets.US_ASCII), r.text());
            assertEquals(Integer.toString(BODY.length), r.fields().get("content-length"));
        }
    }

    @Test
    @DisplayName("8.1 (generic) Sends a HEAD request: 200 without a body")
    void headRequest() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, true, ":method", "HEAD", ":scheme", "http", ":path", "/", ":authority", "127.0.0.1");
            H2Client.Response r = h.response(1);
            assertStatus("200", r.fields());
            assertEquals(0, r.body().length);
        }
    }

    @Test
    @DisplayName("8.1 (generic) Sends a POST request: the body comes back")
    void postRequest() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, false, POST);
            h.data(1, true, "test");
            H2Client.Response r = h.response(1);
            assertStatus("200", r.fields());
            assertEquals("test", r.text());
        }
    }

    @Test
    @DisplayName("8.1 (generic) Sends a POST request with trailers: the body and the trailers reach the handler")
    void postRequestWithTrailers() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, false, POST);
            h.data(1, false, "test");
            h.headers(1, true, "x-test", "ok");
            H2Client.Response r = h.response(1);
            assertEquals("test", r.text());
            assertEquals("{x-test=ok}", r.fields().get("x-trailers"));
        }
    }

    @Test
    @DisplayName("8.1.2/1 Sends a HEADERS frame that contains the header field name in uppercase letters: stream error PROTOCOL_ERROR")
    void upperCaseFieldName() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, true, true, literal(h.block(GET), "X-TEST", "ok"));
            h.expectStreamError(1, ErrorCode.PROTOCOL_ERROR);
            h.expectAlive();
        }
    }

    @Test
    @DisplayName("8.1.2.1/1 Sends a HEADERS frame that contains a unknown pseudo-header field: stream error PROTOCOL_ERROR")
    void unknownPseudoHeader() throws Exception {
        streamError(get(":test", "ok"));
    }

    @Test
    @DisplayName("8.1.2.1/2 Sends a HEADERS frame that contains the pseudo-header field defined for response: stream error PROTOCOL_ERROR")
    void responsePseudoHeaderInRequest() throws Exception {
        streamError(get(":status", "200"));
    }

    @Test
    @DisplayName("8.1.2.1/3 Sends a HEADERS frame that contains a pseudo-header field as trailers: stream error PROTOCOL_ERROR")
    void pseudoHeaderInTrailers() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, false, POST);
            h.data(1, false, "test");
            h.headers(1, true, ":method", "POST");
            h.expectStreamError(1, ErrorCode.PROTOCOL_ERROR);
            h.expectAlive();
        }
    }

    @Test
    @DisplayName("8.1.2.1/4 Sends a HEADERS frame that contains a pseudo-header field that appears in a header block after a regular header field: stream error PROTOCOL_ERROR")
    void pseudoHeaderAfterRegular() throws Exception {
        streamError("x-test", "ok", ":method", "GET", ":scheme", "http", ":path", "/", ":authority", "127.0.0.1");
    }

    @Test
    @DisplayName("8.1.2.2/1 Sends a HEADERS frame that contains the connection-specific header field: stream error PROTOCOL_ERROR")
    void connectionSpecificField() throws Exception {
        streamError(get("connection", "keep-alive"));
    }

    @Test
    @DisplayName("8.1.2.2/2 Sends a HEADERS frame that contains the TE header field with any value other than \"trailers\": stream error PROTOCOL_ERROR")
    void teOtherThanTrailers() throws Exception {
        streamError(get("trailers", "test", "te", "trailers, deflate"));
    }

    @Test
    @DisplayName("8.1.2.2 (extra) TE: trailers is allowed")
    void teTrailersIsAllowed() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, true, get("te", "trailers"));
            assertStatus("200", h.response(1).fields());
        }
    }

    @Test
    @DisplayName("8.1.2.3/1 Sends a HEADERS frame with empty \":path\" pseudo-header field: stream error PROTOCOL_ERROR")
    void emptyPath() throws Exception {
        streamError(":method", "GET", ":scheme", "http", ":path", "", ":authority", "127.0.0.1");
    }

    @Test
    @DisplayName("8.1.2.3/2 Sends a HEADERS frame that omits \":method\" pseudo-header field: stream error PROTOCOL_ERROR")
    void noMethod() throws Exception {
        streamError(":scheme", "http", ":path", "/", ":authority", "127.0.0.1");
    }

    @Test
    @DisplayName("8.1.2.3/3 Sends a HEADERS frame that omits \":scheme\" pseudo-header field: stream error PROTOCOL_ERROR")
    void noScheme() throws Exception {
        streamError(":method", "GET", ":path", "/", ":authority", "127.0.0.1");
    }

    @Test
    @DisplayName("8.1.2.3/4 Sends a HEADERS frame that omits \":path\" pseudo-header field: stream error PROTOCOL_ERROR")
    void noPath() throws Exception {
        streamError(":method", "GET", ":scheme", "http", ":authority", "127.0.0.1");
    }

    @Test
    @DisplayName("8.1.2.3/5 Sends a HEADERS frame with duplicated \":method\" pseudo-header field: stream error PROTOCOL_ERROR")
    void duplicateMethod() throws Exception {
        streamError(get(":method", "GET"));
    }

    @Test
    @DisplayName("8.1.2.3/6 Sends a HEADERS frame with duplicated \":scheme\" pseudo-header field: stream error PROTOCOL_ERROR")
    void duplicateScheme() throws Exception {
        streamError(get(":scheme", "http"));
    }

    @Test
    @DisplayName("8.1.2.3/7 Sends a HEADERS frame with duplicated \":path\" pseudo-header field: stream error PROTOCOL_ERROR")
    void duplicatePath() throws Exception {
        streamError(get(":path", "/"));
    }

    @Test
    @DisplayName("8.1.2.6/1 Sends a HEADERS frame with the \"content-length\" header field which does not equal the DATA frame payload length: stream error PROTOCOL_ERROR")
    void contentLengthAboveData() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/", ":authority", "127.0.0.1", "content-length", "1");
            h.data(1, true, "test");
            h.expectStreamError(1, ErrorCode.PROTOCOL_ERROR);
            h.expectAlive();
        }
    }

    @Test
    @DisplayName("8.1.2.6/2 Sends a HEADERS frame with the \"content-length\" header field which does not equal the sum of the multiple DATA frames payload length: stream error PROTOCOL_ERROR")
    void contentLengthBelowSumOfData() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/", ":authority", "127.0.0.1", "content-length", "1");
            h.data(1, false, "test");
            h.data(1, true, "test");
            h.expectStreamError(1, ErrorCode.PROTOCOL_ERROR);
            h.expectAlive();
        }
    }

    @Test
    @DisplayName("8.2/1 Sends a PUSH_PROMISE frame: connection error PROTOCOL_ERROR")
    void pushPromiseFromClient() throws Exception {
        try (H2specConnection h = handshake()) {
            byte[] block = h.block(GET);
            h.frame(Frame.PUSH_PROMISE, Frame.FLAG_END_HEADERS, 1, ByteBuffer.allocate(4 + block.length).putInt(3).put(block).array());
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    /** The request {@code nameValues} on stream 1 is reset with PROTOCOL_ERROR; the connection goes on. */
    private static void streamError(String... nameValues) throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, true, nameValues);
            h.expectStreamError(1, ErrorCode.PROTOCOL_ERROR);
            h.headers(3, true, GET);
            assertStatus("200", h.response(3).fields());
        }
    }

    /** {@code block} with a literal field without indexing appended, its name sent as given (HPACK encoders lower-case nothing). */
    private static byte[] literal(byte[] block, String name, String value) {
        ByteBuffer b = ByteBuffer.allocate(block.length + 3 + name.length() + value.length());
        b.put(block).put((byte) 0x00).put((byte) name.length()).put(name.getBytes(StandardCharsets.US_ASCII));
        b.put((byte) value.length()).put(value.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }
}
