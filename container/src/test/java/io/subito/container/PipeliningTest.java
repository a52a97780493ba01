package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PipeliningTest {
    private static final String MODES = "io.subito.container.TestServer#modes";

    @ParameterizedTest
    @MethodSource(MODES)
    void hundredRequestsInOneWriteGetHundredOrderedResponses(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, Handlers.ECHO)) {
            RawClient c = s.connect();
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                all.append(Handlers.get("/r/" + i, "X-Id: " + i));
            }
            c.send(all.toString());
            for (int i = 0; i < 100; i++) {
                RawClient.Response r = c.read();
                assertEquals(200, r.status);
                assertEquals(Integer.toString(i), r.header("X-Id"));
                assertEquals("GET /r/" + i, r.text());
                assertEquals(Integer.toString(i + 1), r.header("X-Request-Number"));
                assertFalse(r.closes());
            }
            // still usable afterwards
            c.send(Handlers.get("/after", "X-Id: after"));
            assertEquals("after", c.read().header("X-Id"));
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void pipelineLargerThanTheInputBuffer(ExecutionMode mode) throws Exception {
        // ~200 requests of ~250 bytes: several buffer-fulls, heads split across reads
        ServerConfig config = TestServer.config(mode).bufferSize(4096).limits(
                new io.subito.container.http.HttpLimits(2048, 1024, 100, 256, 2048)).maxPipelined(7);
        try (TestServer s = TestServer.start(config, Handlers.ECHO)) {
            RawClient c = s.connect();
            StringBuilder all = new StringBuilder();
            String filler = "f".repeat(180);
            for (int i = 0; i < 200; i++) {
                all.append(Handlers.get("/p/" + i, "X-Id: " + i, "X-Filler: " + filler));
            }
            c.send(all.toString());
            for (int i = 0; i < 200; i++) {
                RawClient.Response r = c.read();
                assertEquals(200, r.status, r.toString());
                assertEquals(Integer.toString(i), r.header("X-Id"));
            }
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void pipelinedPostsWithBodiesInterleavedWithGets(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, Handlers.ECHO)) {
            RawClient c = s.connect();
            String big = "B".repeat(40_000); // larger than the input buffer
            String pipeline = Handlers.get("/g1", "X-Id: 1")
                    + "POST /p2 HTTP/1.1\r\nHost: t\r\nX-Id: 2\r\nContent-Length: 11\r\n\r\nhello world"
                    + Handlers.get("/g3", "X-Id: 3")
                    + "POST /p4 HTTP/1.1\r\nHost: t\r\nX-Id: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nchunk\r\n7\r\ned body\r\n0\r\n\r\n"
                    + "POST /p5 HTTP/1.1\r\nHost: t\r\nX-Id: 5\r\nContent-Length: 0\r\n\r\n"
                    + "POST /p6 HTTP/1.1\r\nHost: t\r\nX-Id: 6\r\nContent-Length: " + big.length() + "\r\n\r\n" + big
                    + Handlers.get("/g7", "X-Id: 7")
                    + "PUT /p8 HTTP/1.1\r\nHost: t\r\nX-Id: 8\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "9c40\r\n" + big + "\r\n1\r\n!\r\n0\r\nX-Check: yes\r\n\r\n"
                    + Handlers.get("/g9", "X-Id: 9");
            c.send(pipeline);
            String[] bodies = {"GET /g1", "hello world", "GET /g3", "chunked body", "", big, "GET /g7", big + "!", "GET /g9"};
            for (int i = 0; i < bodies.length; i++) {
                RawClient.Response r = c.read();
                assertEquals(200, r.status, r.toString());
                assertEquals(Integer.toString(i + 1), r.header("X-Id"));
                assertEquals(bodies[i], r.text(), "body of request " + (i + 1));
            }
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void requestSentOneByteAtATime(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, Handlers.ECHO)) {
            RawClient c = s.connect();
            String post = "POST /dribble?x=1 HTTP/1.1\r\nHost: t\r\nX-Id: d\r\nContent-Length: 10\r\n\r\n0123456789";
            c.sendByteByByte(post, 1, 1);
            RawClient.Response r = c.read();
            assertEquals(200, r.status);
            assertEquals("0123456789", r.text());
            assertEquals("x=1", r.header("X-Query"));
            String chunked = "POST /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3;e=1\r\nabc\r\n2\r\nde\r\n0\r\nT: v\r\n\r\n";
            c.sendByteByByte(chunked, 1, 1);
            r = c.read();
            assertEquals("abcde", r.text());
            assertEquals("{t=v}", r.header("X-Trailers"));
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void requestSplitAtEveryByteBoundary(ExecutionMode mode) throws Exception {
        String request = "POST /split/%41?q HTTP/1.1\r\nHost: t\r\nX-Id: s\r\nContent-Length: 4\r\n\r\nbody";
        byte[] b = request.getBytes(StandardCharsets.ISO_8859_1);
        try (TestServer s = TestServer.start(mode, Handlers.ECHO)) {
            RawClient c = s.connect();
            for (int split = 1; split < b.length; split++) {
                c.send(java.util.Arrays.copyOfRange(b, 0, split));
                Thread.sleep(2);
                c.send(java.util.Arrays.copyOfRange(b, split, b.length));
                RawClient.Response r = c.read();
                assertEquals(200, r.status, "split at " + split);
                assertEquals("body", r.text(), "split at " + split);
                assertEquals("/split/A", r.header("X-Path"));
            }
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void secondRequestSplitBehindAFirstCompleteOne(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, Handlers.ECHO)) {
            RawClient c = s.connect();
            String two = Handlers.get("/one", "X-Id: 1") + Handlers.get("/two", "X-Id: 2");
            int cut = Handlers.get("/one", "X-Id: 1").length() + 9;
            c.send(two.substring(0, cut));
            assertEquals("1", c.read().header("X-Id"));
            assertTrue(c.quietFor(100), "no response for a partial request");
            c.send(two.substring(cut));
            assertEquals("2", c.read().header("X-Id"));
        }
    }

    /**
     * A client that sends a request and the head of the next one, then waits for the first
     * response before sending the second body: the server must not hold that response back
     * while it waits for the body.
     */
    @ParameterizedTest
    @MethodSource(MODES)
    void earlierResponsesLeaveBeforeWaitingForALaterBody(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(TestServer.config(mode).ioTimeoutMillis(3000), Handlers.ECHO)) {
            RawClient c = s.connect();
            for (String body : new String[] {"Content-Length: 2\r\n\r\n", "Transfer-Encoding: chunked\r\n\r\n"}) {
                c.send(Handlers.get("/first", "X-Id: 1") + "POST /second HTTP/1.1\r\nHost: t\r\nX-Id: 2\r\n" + body);
                assertEquals("1", c.read().header("X-Id"));
                c.send(body.startsWith("Content") ? "ok" : "2\r\nok\r\n0\r\n\r\n");
                RawClient.Response second = c.read();
                assertEquals("2", second.header("X-Id"));
                assertEquals("ok", second.text());
            }
        }
    }

    /**
     * DESIGN.md: output leaves early "when a request takes long enough that holding earlier
     * responses would hurt latency": while a handler runs longer than stallFlushMillis on a
     * worker, the loop sends the responses finished before it. (Inline, the loop is the thread
     * running the handler; that mode is for handlers that never block.)
     */
    @ParameterizedTest
    @MethodSource(MODES)
    void earlierResponsesLeaveWhileALaterHandlerRunsLong(ExecutionMode mode) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(mode != ExecutionMode.INLINE, "inline runs handlers on the loop");
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        HttpHandler h = ex -> {
            if (ex.request().pathEquals("/slow")) {
                release.await(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            Handlers.ECHO.handle(ex);
        };
        try (TestServer s = TestServer.start(mode, h)) {
            RawClient c = s.connect();
            c.send(Handlers.get("/fast", "X-Id: 1") + Handlers.get("/slow", "X-Id: 2"));
            try {
                assertEquals("1", c.read().header("X-Id"));
            } finally {
                release.countDown();
            }
            assertEquals("2", c.read().header("X-Id"));
        }
    }

    /**
     * The loop's early write and a handler's own writes must not interleave: a handler that
     * stalls (so the loop sends what came before), then streams a large body with flushes,
     * then more requests — every response whole and in order, many times over.
     */
    @ParameterizedTest
    @MethodSource(MODES)
    void aStalledHandlerThatThenStreamsKeepsEveryResponseWhole(ExecutionMode mode) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(mode != ExecutionMode.INLINE, "inline runs handlers on the loop");
        byte[] chunk = new byte[7000];
        java.util.Arrays.fill(chunk, (byte) 'z');
        HttpHandler h = ex -> {
            if (ex.request().pathEquals("/stream")) {
                Thread.sleep(30);
                ex.response().setHeader("X-Id", ex.request().header("X-Id"));
                for (int i = 0; i < 20; i++) {
                    ex.response().output().write(chunk);
                    ex.response().flush();
                    if (i % 5 == 0) {
                        Thread.sleep(25);
                    }
                }
                return;
            }
            Handlers.ECHO.handle(ex);
        };
        try (TestServer s = TestServer.start(new ServerConfig().port(0).loops(1).workerThreads(4).mode(mode)
                .stallFlushMillis(5).shutdownGraceMillis(2000), h)) {
            RawClient c = s.connect();
            for (int round = 0; round < 5; round++) {
                c.send(Handlers.get("/a", "X-Id: a" + round) + Handlers.get("/stream", "X-Id: s" + round)
                        + Handlers.get("/b", "X-Id: b" + round) + Handlers.get("/c", "X-Id: c" + round));
                assertEquals("a" + round, c.read().header("X-Id"));
                RawClient.Response streamed = c.read();
                assertEquals("s" + round, streamed.header("X-Id"));
                assertEquals(20 * chunk.length, streamed.body.length);
                assertEquals("b" + round, c.read().header("X-Id"));
                assertEquals("c" + round, c.read().header("X-Id"));
            }
        }
    }
}
