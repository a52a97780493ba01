package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.compress.CompressionSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine's side of response compression over real sockets: how a gzipped body is framed
 * (exact length when it was all buffered, chunked when it streams, until close for HTTP/1.0,
 * chunked with trailers), and that the responses pipelined behind it stay intact; the same
 * framing in memory through {@link LocalConnector} (whose loop has its own encoder pool).
 */
class CompressionFramingTest {
    private static final String MODES = "io.subito.container.TestServer#modes";
    private static final CompressionSettings ON = CompressionSettings.DEFAULTS.withEnabled(true).withMinBytes(1024);
    private static final CompressionSettings NOT_FOR_GOZILLA = ON.withExcludedUserAgents(java.util.List.of("gozilla/.*", "Old"));

    static byte[] json(int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; sb.length() < n - 1; i++) {
            sb.append("{\"id\":").append(i).append(",\"name\":\"item ").append(i).append("\"},");
        }
        sb.setLength(n - 1);
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    /** /json?N answers N bytes of JSON; /declared?N declares the length first; /trailers?N adds one. */
    private static final HttpHandler HANDLER = ex -> {
        HttpResponse res = ex.response();
        String path = ex.request().path();
        if (path.equals("/plain")) {
            Handlers.ECHO.handle(ex);
            return;
        }
        res.compression(path.equals("/picky") ? NOT_FOR_GOZILLA : ON);
        byte[] body = json(Integer.parseInt(ex.request().query()));
        res.setHeader("Content-Type", "application/json");
        if (path.equals("/declared")) {
            res.contentLength(body.length);
        }
        if (path.equals("/trailers")) {
            res.trailers(() -> Map.of("X-Checksum", "42"));
        }
        res.output().write(body);
    };

    @ParameterizedTest
    @MethodSource(MODES)
    void aBodyThatFitsTheBufferGetsItsExactCompressedLength(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, HANDLER)) {
            RawClient c = s.connect();
            c.send(Handlers.get("/json?6000", "Accept-Encoding: gzip") + Handlers.get("/plain", "X-Id: after"));
            RawClient.Response r = c.read();
            assertEquals("gzip", r.header("Content-Encoding"));
            assertEquals("Accept-Encoding", r.header("Vary"));
            assertNull(r.header("Transfer-Encoding"));
            assertEquals(Integer.toString(r.body.length), r.header("Content-Length"));
            assertTrue(r.body.length < 3000, "compressed to " + r.body.length);
            assertArrayEquals(json(6000), gunzip(r.body));
            RawClient.Response next = c.read();
            assertEquals("after", next.header("X-Id"), "the pipelined response behind it is intact");
            assertEquals("GET /plain", next.text());
            assertNull(next.header("Content-Encoding"), "a response without compression settings is as written");
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void aBodyLargerThanTheBufferStreamsChunked(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, HANDLER)) {
            RawClient c = s.connect();
            for (String path : new String[] {"/json?200000", "/declared?200000"}) {
                c.send(Handlers.get(path, "Accept-Encoding: gzip") + Handlers.get("/plain", "X-Id: after"));
                RawClient.Response r = c.read();
                assertEquals("gzip", r.header("Content-Encoding"), path);
                assertTrue(r.chunked, path + " is chunked");
                assertNull(r.header("Content-Length"), "the declared length is not the compressed one: " + path);
                assertArrayEquals(json(200000), gunzip(r.body), path);
                assertEquals("after", c.read().header("X-Id"), path);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void anHttp10ClientGetsAStreamedBodyUntilClose(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, HANDLER)) {
            RawClient c = s.connect();
            c.send("GET /json?100000 HTTP/1.0\r\nAccept-Encoding: gzip\r\n\r\n");
            RawClient.Response r = c.read();
            assertEquals("gzip", r.header("Content-Encoding"));
            assertTrue(r.closeDelimited);
            assertArrayEquals(json(100000), gunzip(r.body));
            RawClient small = s.connect();
            small.send("GET /json?3000 HTTP/1.0\r\nAccept-Encoding: gzip\r\nConnection: keep-alive\r\n\r\n");
            RawClient.Response whole = small.read();
            assertEquals(Integer.toString(whole.body.length), whole.header("Content-Length"));
            assertArrayEquals(json(3000), gunzip(whole.body));
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void trailersStillFollowACompressedBody(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, HANDLER)) {
            RawClient c = s.connect();
            c.send(Handlers.get("/trailers?5000", "Accept-Encoding: gzip", "TE: trailers") + Handlers.get("/plain", "X-Id: after"));
            RawClient.Response r = c.read();
            assertTrue(r.chunked);
            assertEquals("gzip", r.header("Content-Encoding"));
            assertArrayEquals(json(5000), gunzip(r.body));
            assertEquals("42", r.trailers.get("x-checksum").get(0));
            assertEquals("after", c.read().header("X-Id"));
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void withoutAcceptEncodingTheBodyIsAsWrittenButVaries(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, HANDLER)) {
            RawClient c = s.connect();
            c.send(Handlers.get("/json?6000") + Handlers.get("/json?500", "Accept-Encoding: gzip"));
            RawClient.Response r = c.read();
            assertNull(r.header("Content-Encoding"));
            assertEquals("Accept-Encoding", r.header("Vary"), "the response varies on Accept-Encoding all the same");
            assertEquals("6000", r.header("Content-Length"));
            assertArrayEquals(json(6000), r.body);
            RawClient.Response small = c.read();
            assertNull(small.header("Content-Encoding"), "500 bytes are below compressionMinBytes");
            assertFalse(small.hasHeader("Vary"));
            assertEquals("500", small.header("Content-Length"));
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void anExcludedUserAgentGetsTheIdentityBodyAndOthersGetGzip(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, HANDLER)) {
            RawClient c = s.connect();
            c.send(Handlers.get("/picky?6000", "Accept-Encoding: gzip", "User-Agent: gozilla/1.0")
                    + Handlers.get("/picky?6000", "Accept-Encoding: gzip", "User-Agent: Old")
                    + Handlers.get("/picky?6000", "Accept-Encoding: gzip", "User-Agent: Older")
                    + Handlers.get("/picky?6000", "Accept-Encoding: gzip"));
            for (String agent : new String[] {"gozilla/1.0", "Old"}) {
                RawClient.Response excluded = c.read();
                assertNull(excluded.header("Content-Encoding"), agent + " is excluded");
                assertEquals("Accept-Encoding", excluded.header("Vary"), "it still varies on Accept-Encoding");
                assertEquals("6000", excluded.header("Content-Length"));
                assertArrayEquals(json(6000), excluded.body);
            }
            RawClient.Response other = c.read();
            assertEquals("gzip", other.header("Content-Encoding"), "Older does not match Old as a whole");
            assertArrayEquals(json(6000), gunzip(other.body));
            RawClient.Response none = c.read();
            assertEquals("gzip", none.header("Content-Encoding"), "no User-Agent: not excluded");
            assertArrayEquals(json(6000), gunzip(none.body));
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void headAndTheSameGetOnOneConnection(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, HANDLER)) {
            RawClient c = s.connect();
            c.send("HEAD /json?6000 HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\n\r\n"
                    + Handlers.get("/json?6000", "Accept-Encoding: gzip"));
            RawClient.Response head = c.read(true);
            assertNull(head.header("Content-Encoding"), "HEAD is never compressed");
            assertEquals("6000", head.header("Content-Length"));
            RawClient.Response get = c.read();
            assertEquals("gzip", get.header("Content-Encoding"));
            assertArrayEquals(json(6000), gunzip(get.body));
        }
    }

    @Test
    void inMemoryAWholeAndAStreamedCompressedBodyAreFramedAndThePipelinedOneBehindIsIntact() throws IOException {
        LocalConnector local = new LocalConnector(HANDLER);
        RawClient replies = RawClient.parsing(local.responses(Handlers.get("/json?6000", "Accept-Encoding: gzip")
                + Handlers.get("/json?200000", "Accept-Encoding: gzip") + Handlers.get("/plain", "X-Id: after")));
        RawClient.Response whole = replies.read();
        assertEquals("gzip", whole.header("Content-Encoding"));
        assertEquals(Integer.toString(whole.body.length), whole.header("Content-Length"));
        assertArrayEquals(json(6000), gunzip(whole.body));
        RawClient.Response streamed = replies.read();
        assertEquals("gzip", streamed.header("Content-Encoding"));
        assertTrue(streamed.chunked, "a body past the buffer streams chunked");
        assertArrayEquals(json(200000), gunzip(streamed.body));
        RawClient.Response next = replies.read();
        assertEquals("after", next.header("X-Id"));
        assertNull(next.header("Content-Encoding"));
        assertEquals("GET /plain", next.text());
    }
}
