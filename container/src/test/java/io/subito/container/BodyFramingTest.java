package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Request bodies (Content-Length, chunked, 100-continue) and response framing. */
class BodyFramingTest {
    private static final String MODES = "io.subito.container.TestServer#modes";

    private static String chunkedPost(String chunks) {
        return "POST /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks;
    }

    // ------------------------------------------------------------------ chunked request bodies

    @ParameterizedTest
    @MethodSource(MODES)
    void chunkedTrailersAreReceivedAndExtensionsSkipped(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, Handlers.ECHO)) {
            RawClient c = s.connect();
            c.send(chunkedPost("4;name=value;quoted=\"a b\"\r\nWiki\r\n5 ; ext\r\npedia\r\nD\r\n in\r\n\r\nchunks\r\n"
                    + "0;last\r\nX-Checksum: abc123\r\nX-Other:  two words \r\n\r\n"));
            RawClient.Response r = c.read();
            assertEquals(200, r.status);
            assertEquals("Wikipedia in\r\n\r\nchunks", r.text());
            assertEquals("{x-checksum=abc123, x-other=two words}", r.header("X-Trailers"));
            c.send(Handlers.get("/next"));
            assertEquals("GET /next", c.read().text(), "connection reusable after a chunked body");
        }
    }

    @Test
    void trailersAreEmptyUntilTheBodyIsRead() throws Exception {
        var seen = new java.util.concurrent.atomic.AtomicReference<String>();
        HttpHandler h = ex -> {
            String before = ex.trailers().toString() + ex.isBodyFinished();
            Handlers.readAll(ex.requestBody());
            seen.set(before + " " + ex.trailers() + ex.isBodyFinished());
        };
        try (TestServer s = TestServer.start(ExecutionMode.POOL, h)) {
            RawClient c = s.connect();
            c.send(chunkedPost("1\r\na\r\n0\r\nT: 1\r\n\r\n"));
            assertEquals(200, c.read().status);
            assertEquals("{}false {t=1}true", seen.get());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "z\r\nabc\r\n0\r\n\r\n",                         // not hex
            "\r\nabc\r\n0\r\n\r\n",                          // empty size
            "-3\r\nabc\r\n0\r\n\r\n",                        // sign
            "3x\r\nabc\r\n0\r\n\r\n",                        // junk after size
            "0x3\r\nabc\r\n0\r\n\r\n",                       // 0x prefix
            "3\nabc\r\n0\r\n\r\n",                           // bare LF after size
            "3\rabc\r\n0\r\n\r\n",                           // bare CR after size
            "3\r\nabcX\r\n0\r\n\r\n",                        // data longer than size
            "3\r\nabc0\r\n\r\n",                             // no CRLF after data
            "10000000000000000\r\nabc\r\n0\r\n\r\n",         // 17 hex digits: overflows
            "ffffffffffffffff\r\nabc\r\n0\r\n\r\n",          // 16 hex digits: overflows a signed long
            "3\r\nabc\r\n0\r\nBad Name: x\r\n\r\n",          // invalid trailer name
            "3\r\nabc\r\n0\r\n folded: x\r\n\r\n",           // obs-fold in trailers
            "3\r\nabc\r\n0\r\nNoColon\r\n\r\n",              // trailer without colon
    })
    void malformedChunkedBodyGets400AndClose(String chunks) throws Exception {
        try (TestServer s = TestServer.start(ExecutionMode.POOL, Handlers.ECHO)) {
            RawClient c = s.connect();
            c.send(chunkedPost(chunks) + Handlers.get("/must-not-run"));
            RawClient.Response r = c.read();
            assertEquals(400, r.status, r.toString());
            assertTrue(r.closes(), "Connection: close");
            assertTrue(c.awaitClosed(), "closed after the refusal");
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void oversizeChunkExtensionGets400(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, Handlers.ECHO)) {
            RawClient c = s.connect();
            c.send(chunkedPost("3;ext=" + "e".repeat(300) + "\r\nabc\r\n0\r\n\r\n"));
            RawClient.Response r = c.read();
            assertEquals(400, r.status);
            assertTrue(r.text().contains("extension"), r.text());
            assertTrue(c.awaitClosed());
        }
    }

    @Test
    void chunkExtensionWithinTheLimitIsSkipped() throws Exception {
        try (TestServer s = TestServer.start(ExecutionMode.POOL, Handlers.ECHO)) {
            RawClient c = s.connect();
            c.send(chunkedPost("3;ext=" + "e".repeat(200) + "\r\nabc\r\n0\r\n\r\n"));
            assertEquals("abc", c.read().text());
        }
    }

    @Test
    void oversizeTrailerSectionIsRefused() throws Exception {
        try (TestServer s = TestServer.start(ExecutionMode.POOL, Handlers.ECHO)) {
            RawClient c = s.connect();
            c.send(chunkedPost("3\r\nabc\r\n0\r\nX-Big: " + "t".repeat(9000) + "\r\n\r\n"));
            RawClient.Response r = c.read();
            assertEquals(431, r.status);
            assertTrue(c.awaitClosed());
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void bodyEndingEarlyIsNotAnEndlessWait(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, Handlers.ECHO)) {
            RawClient c = s.connect();
            c.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nonly this");
            c.shutdownOutput();
            // the server may answer 400 or just close; it must not hang nor answer 200
            try {
                RawClient.Response r = c.read();
                assertEquals(400, r.status, r.toString());
            } catch (java.io.EOFException | java.net.SocketException expected) {
                // closed without an answer: acceptable
            }
        }
    }

    // ------------------------------------------------------------------ unread bodies

    @ParameterizedTest
    @MethodSource(MODES)
    void unreadBodiesAreSkippedBeforeTheNextPipelinedRequest(ExecutionMode mode) throws Exception {
        HttpHandler ignoresBody = ex -> ex.response().output().write(ex.request().path().getBytes(StandardCharsets.UTF_8));
        try (TestServer s = TestServer.start(mode, ignoresBody)) {
            RawClient c = s.connect();
            String mid = "M".repeat(30_000); // partly beyond the first read, below maxBodyDrainBytes
            c.send("POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nGET /"
                    + "POST /b HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nGET /\r\n0\r\n\r\n"
                    + "POST /c HTTP/1.1\r\nHost: t\r\nContent-Length: " + mid.length() + "\r\n\r\n" + mid
                    + Handlers.get("/d"));
            assertEquals("/a", c.read().text());
            assertEquals("/b", c.read().text());
            assertEquals("/c", c.read().text());
            assertEquals("/d", c.read().text());
        }
    }

    // ------------------------------------------------------------------ 100-continue

    @ParameterizedTest
    @MethodSource(MODES)
    void continueIsSentWhenTheHandlerReadsTheBody(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, Handlers.ECHO)) {
            RawClient c = s.connect();
            c.send("POST /up HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
            RawClient.Response interim = c.readInterim();
            assertEquals("Continue", interim.reason);
            c.send("hello");
            RawClient.Response r = c.read();
            assertEquals(200, r.status);
            assertEquals("hello", r.text());
            c.send(Handlers.get("/again"));
            assertEquals("GET /again", c.read().text());
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void continueWithChunkedBody(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, Handlers.ECHO)) {
            RawClient c = s.connect();
            c.send("POST /up HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n");
            c.readInterim();
            c.send("3\r\nabc\r\n0\r\n\r\n");
            assertEquals("abc", c.read().text());
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void noContinueWhenTheHandlerDoesNotReadTheBody(ExecutionMode mode) throws Exception {
        HttpHandler refuses = ex -> {
            ex.response().status(413);
            ex.response().output().write("too big".getBytes(StandardCharsets.UTF_8));
        };
        try (TestServer s = TestServer.start(mode, refuses)) {
            RawClient c = s.connect();
            c.send("POST /up HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 100000\r\n\r\n");
            RawClient.Response r = c.read();
            assertEquals(413, r.status, "final status without a 100 first");
            assertEquals("too big", r.text());
            // the body may or may not follow: the server cannot tell it from a next request, so it
            // must say it closes, and close
            assertTrue(r.closes(), "Connection: close on the response: " + r);
            assertTrue(c.awaitClosed());
        }
    }

    @Test
    void continueIgnoredForHttp10() throws Exception {
        try (TestServer s = TestServer.start(ExecutionMode.POOL, Handlers.ECHO)) {
            RawClient c = s.connect();
            c.send("POST /up HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi");
            RawClient.Response r = c.read();
            assertEquals(200, r.status, "no interim response for HTTP/1.0");
            assertEquals("hi", r.text());
        }
    }

    // ------------------------------------------------------------------ response framing

    @ParameterizedTest
    @MethodSource(MODES)
    void headHasContentLengthButNoBody(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, Handlers.ECHO)) {
            RawClient c = s.connect();
            c.send("HEAD /h HTTP/1.1\r\nHost: t\r\nX-Id: 1\r\n\r\n" + Handlers.get("/g", "X-Id: 2"));
            RawClient.Response head = c.read(true);
            assertEquals(200, head.status);
            assertEquals(Integer.toString("HEAD /h".length()), head.header("Content-Length"));
            RawClient.Response get = c.read();
            assertEquals("2", get.header("X-Id"), "the GET's response follows the HEAD's head directly");
            assertEquals("GET /g", get.text());
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void headOfALargeOrStreamedResponseHasNoBody(ExecutionMode mode) throws Exception {
        HttpHandler h = ex -> {
            byte[] data = new byte[50_000];
            ex.response().output().write(data);
            if (ex.request().pathEquals("/flush")) {
                ex.response().flush();
            }
            ex.response().output().write(data);
        };
        try (TestServer s = TestServer.start(mode, h)) {
            RawClient c = s.connect();
            c.send("HEAD /big HTTP/1.1\r\nHost: t\r\n\r\nHEAD /flush HTTP/1.1\r\nHost: t\r\n\r\n" + Handlers.get("/big"));
            c.read(true);
            c.read(true);
            RawClient.Response r = c.read();
            assertEquals(100_000, r.body.length);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {204, 304, 101 + 99})
    void noBodyStatuses(int status) throws Exception {
        HttpHandler h = ex -> {
            ex.response().status(ex.request().pathEquals("/s") ? status : 200);
            ex.response().output().write("ignored".getBytes(StandardCharsets.UTF_8));
        };
        try (TestServer s = TestServer.start(ExecutionMode.POOL, h)) {
            RawClient c = s.connect();
            c.send(Handlers.get("/s") + Handlers.get("/after"));
            RawClient.Response r = c.read();
            assertEquals(status, r.status);
            if (status == 204 || status == 304) {
                assertNull(r.header("Content-Length"), "no Content-Length on " + status);
                assertNull(r.header("Transfer-Encoding"));
            }
            RawClient.Response after = c.read();
            assertEquals(200, after.status, "next response follows without body bytes between");
            assertEquals("ignored", after.text());
        }
    }

    @Test
    void largeBodyOnNoContentStatusIsDropped() throws Exception {
        HttpHandler h = ex -> {
            ex.response().status(204);
            ex.response().output().write(new byte[100_000]);
        };
        try (TestServer s = TestServer.start(ExecutionMode.POOL, h)) {
            RawClient c = s.connect();
            c.send(Handlers.get("/a") + Handlers.get("/b"));
            assertEquals(204, c.read().status);
            assertEquals(204, c.read().status);
            assertTrue(c.quietFor(200), "no stray body bytes");
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void streamingHandlerGetsChunkedEncoding(ExecutionMode mode) throws Exception {
        HttpHandler h = ex -> {
            var out = ex.response().output();
            out.write("part1,".getBytes(StandardCharsets.UTF_8));
            ex.response().flush();
            out.write("part2,".getBytes(StandardCharsets.UTF_8));
            ex.response().flush();
            out.write("end".getBytes(StandardCharsets.UTF_8));
        };
        try (TestServer s = TestServer.start(mode, h)) {
            RawClient c = s.connect();
            c.send(Handlers.get("/stream") + Handlers.get("/stream"));
            for (int i = 0; i < 2; i++) {
                RawClient.Response r = c.read();
                assertTrue(r.chunked, "chunked: " + r);
                assertEquals("part1,part2,end", r.text());
                assertFalse(r.closes());
            }
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void streamingToHttp10IsCloseDelimited(ExecutionMode mode) throws Exception {
        HttpHandler h = ex -> {
            ex.response().output().write("a".getBytes(StandardCharsets.UTF_8));
            ex.response().flush();
            ex.response().output().write("b".getBytes(StandardCharsets.UTF_8));
        };
        try (TestServer s = TestServer.start(mode, h)) {
            RawClient c = s.connect();
            c.send("GET /s HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            RawClient.Response r = c.read();
            assertTrue(r.closeDelimited, r.toString());
            assertFalse(r.chunked);
            assertTrue(r.closes());
            assertEquals("ab", r.text());
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void streamedResponseWithKnownLengthIsNotChunked(ExecutionMode mode) throws Exception {
        HttpHandler h = ex -> {
            ex.response().contentLength(4);
            ex.response().output().write("ab".getBytes(StandardCharsets.UTF_8));
            ex.response().flush();
            ex.response().output().write("cd".getBytes(StandardCharsets.UTF_8));
        };
        try (TestServer s = TestServer.start(mode, h)) {
            RawClient c = s.connect();
            c.send(Handlers.get("/a") + Handlers.get("/b"));
            for (int i = 0; i < 2; i++) {
                RawClient.Response r = c.read();
                assertEquals("4", r.header("Content-Length"));
                assertEquals("abcd", r.text());
            }
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void oneMegabyteResponseArrivesIntact(ExecutionMode mode) throws Exception {
        byte[] data = new byte[1 << 20];
        new java.util.Random(42).nextBytes(data);
        HttpHandler h = ex -> {
            String p = ex.request().path();
            if (p.equals("/length")) {
                ex.response().contentLength(data.length);
            }
            if (p.equals("/pieces")) {
                for (int off = 0; off < data.length; off += 1000) {
                    ex.response().output().write(data, off, Math.min(1000, data.length - off));
                }
            } else {
                ex.response().output().write(data);
            }
        };
        try (TestServer s = TestServer.start(mode, h)) {
            RawClient c = s.connect();
            c.send(Handlers.get("/length") + Handlers.get("/unknown") + Handlers.get("/pieces") + Handlers.get("/length"));
            for (int i = 0; i < 4; i++) {
                RawClient.Response r = c.read();
                assertEquals(200, r.status);
                assertArrayEquals(data, r.body, "response " + i);
            }
        }
    }

    @Test
    void applicationFramingHeadersCannotBreakFraming() throws Exception {
        HttpHandler h = ex -> {
            ex.response().setHeader("Content-Length", "1");
            ex.response().setHeader("Transfer-Encoding", "gzip");
            ex.response().setHeader("X-Split", "a\r\nInjected: yes");
            ex.response().output().write("hello".getBytes(StandardCharsets.UTF_8));
        };
        try (TestServer s = TestServer.start(ExecutionMode.POOL, h)) {
            RawClient c = s.connect();
            c.send(Handlers.get("/") + Handlers.get("/"));
            for (int i = 0; i < 2; i++) {
                RawClient.Response r = c.read();
                assertEquals("5", r.header("Content-Length"));
                assertEquals("hello", r.text());
                assertFalse(r.hasHeader("Injected"));
            }
        }
    }

    @Test
    void trailersOfAResponseThatFitsItsBufferStillGoChunked() throws Exception {
        HttpHandler h = ex -> {
            ex.response().trailers(() -> java.util.Map.of("X-Sum", "7"));
            ex.response().output().write("small".getBytes(StandardCharsets.UTF_8));
            // no flush: the response completes uncommitted, and would otherwise get a Content-Length
        };
        try (TestServer s = TestServer.start(ExecutionMode.POOL, h)) {
            RawClient c = s.connect();
            c.send(Handlers.get("/a") + Handlers.get("/b"));
            for (int i = 0; i < 2; i++) {
                RawClient.Response r = c.read();
                assertTrue(r.chunked);
                assertEquals("small", r.text());
                assertEquals(java.util.List.of("7"), r.trailers.get("x-sum"));
            }
        }
    }

    @Test
    void http10GetsALengthAndNoTrailers() throws Exception {
        HttpHandler h = ex -> {
            ex.response().trailers(() -> java.util.Map.of("X-Sum", "7"));
            ex.response().output().write("small".getBytes(StandardCharsets.UTF_8));
        };
        try (TestServer s = TestServer.start(ExecutionMode.POOL, h)) {
            RawClient c = s.connect();
            c.send("GET / HTTP/1.0\r\n\r\n");
            RawClient.Response r = c.read();
            assertEquals("5", r.header("Content-Length"));
            assertEquals("small", r.text());
        }
    }

    @Test
    void responseTrailersAreSentAfterAChunkedBody() throws Exception {
        HttpHandler h = ex -> {
            ex.response().trailers(() -> java.util.Map.of("X-Sum", "42"));
            ex.response().output().write("x".getBytes(StandardCharsets.UTF_8));
            ex.response().flush();
        };
        try (TestServer s = TestServer.start(ExecutionMode.POOL, h)) {
            RawClient c = s.connect();
            c.send(Handlers.get("/"));
            RawClient.Response r = c.read();
            assertTrue(r.chunked);
            assertEquals(java.util.List.of("42"), r.trailers.get("x-sum"));
        }
    }

    @Test
    void dateHeaderIsPresent() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        try (TestServer s = TestServer.start(ExecutionMode.POOL, ex -> ran.set(true))) {
            RawClient c = s.connect();
            c.send(Handlers.get("/"));
            RawClient.Response r = c.read();
            assertTrue(ran.get());
            assertTrue(r.header("Date").endsWith(" GMT"), r.header("Date"));
            assertEquals("0", r.header("Content-Length"));
        }
    }

    /**
     * A handler that catches the body's framing error and answers normally must not let the
     * connection go on: what follows the broken body cannot be trusted as a next request.
     */
    @ParameterizedTest
    @MethodSource(MODES)
    void framingErrorCaughtByTheHandlerStillEndsTheConnection(ExecutionMode mode) throws Exception {
        java.util.concurrent.atomic.AtomicInteger smuggled = new java.util.concurrent.atomic.AtomicInteger();
        HttpHandler catches = ex -> {
            if (ex.request().pathEquals("/smuggled")) {
                smuggled.incrementAndGet();
            }
            try {
                Handlers.readAll(ex.requestBody());
            } catch (java.io.IOException e) {
                ex.response().status(422);
            }
            ex.response().output().write("handled".getBytes(StandardCharsets.UTF_8));
        };
        try (TestServer s = TestServer.start(mode, catches)) {
            RawClient c = s.connect();
            c.send(chunkedPost("3\r\nabcX\r\n0\r\n\r\n") + Handlers.get("/smuggled"));
            RawClient.Response r = c.read();
            assertEquals(422, r.status);
            assertTrue(r.closes(), "Connection: close after a broken body: " + r);
            assertTrue(c.awaitClosed());
            assertEquals(0, smuggled.get(), "bytes after a broken body were served as a request");
        }
    }
}
