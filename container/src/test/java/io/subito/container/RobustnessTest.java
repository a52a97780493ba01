package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.http.RequestHead;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Buffer edge cases, concurrency and isolation between requests. */
class RobustnessTest {
    private static final String MODES = "io.subito.container.TestServer#modes";

    /** Reads the body first, then the head: the head must survive the body's buffer refills. */
    private static final HttpHandler BODY_THEN_HEAD = ex -> {
        byte[] body = Handlers.readAll(ex.requestBody());
        var req = ex.request();
        var res = ex.response();
        res.setHeader("X-Id", req.header("X-Id"));
        res.setHeader("X-Path", req.path());
        res.setHeader("X-Query", String.valueOf(req.query()));
        res.setHeader("X-Names", req.headerName(0) + "," + req.headerName(req.headerCount() - 1));
        res.output().write(body);
    };

    @ParameterizedTest
    @MethodSource(MODES)
    void headSurvivesBodyReadsWhenItSitsAtTheEndOfTheBuffer(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, BODY_THEN_HEAD)) {
            byte[] big = new byte[100_000];
            new java.util.Random(7).nextBytes(big);
            for (int gets = 0; gets < 120; gets += 7) { // move the POST's head through the buffer
                RawClient c = s.connect();
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < gets; i++) {
                    sb.append("GET /g?i=").append(i).append(" HTTP/1.1\r\nHost: t\r\nX-Id: g").append(i)
                            .append("\r\nX-Pad: ").append("p".repeat(60)).append("\r\n\r\n");
                }
                sb.append("POST /big/%41?q=").append(gets).append(" HTTP/1.1\r\nHost: t\r\nX-Id: post")
                        .append("\r\nContent-Length: ").append(big.length).append("\r\nX-Last: l\r\n\r\n");
                c.send(sb.toString());
                c.send(big);
                c.send("POST /chunked HTTP/1.1\r\nHost: t\r\nX-Id: ch\r\nTransfer-Encoding: chunked\r\nX-Last: l\r\n\r\n");
                for (int off = 0; off < big.length; off += 7000) {
                    int n = Math.min(7000, big.length - off);
                    c.send(Integer.toHexString(n) + "\r\n");
                    c.send(java.util.Arrays.copyOfRange(big, off, off + n));
                    c.send("\r\n");
                }
                c.send("0\r\n\r\n" + Handlers.get("/end", "X-Id: end"));
                for (int i = 0; i < gets; i++) {
                    RawClient.Response r = c.read();
                    assertEquals("g" + i, r.header("X-Id"));
                    assertEquals("i=" + i, r.header("X-Query"));
                }
                RawClient.Response post = c.read();
                assertEquals("post", post.header("X-Id"), "gets=" + gets);
                assertEquals("/big/A", post.header("X-Path"));
                assertEquals("q=" + gets, post.header("X-Query"));
                assertEquals("Host,X-Last", post.header("X-Names"));
                assertArrayEquals(big, post.body);
                RawClient.Response ch = c.read();
                assertEquals("ch", ch.header("X-Id"));
                assertEquals("Host,X-Last", ch.header("X-Names"));
                assertArrayEquals(big, ch.body);
                assertEquals("end", c.read().header("X-Id"));
                c.close();
            }
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void manyConcurrentPipeliningClients(ExecutionMode mode) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (TestServer s = TestServer.start(TestServer.config(mode).maxPipelined(5), Handlers.ECHO)) {
            List<Future<?>> done = new ArrayList<>();
            for (int client = 0; client < 8; client++) {
                int id = client;
                done.add(pool.submit(() -> {
                    try (RawClient c = new RawClient(s.port())) {
                        for (int round = 0; round < 5; round++) {
                            StringBuilder sb = new StringBuilder();
                            for (int i = 0; i < 40; i++) {
                                String tag = id + "-" + round + "-" + i;
                                if (i % 3 == 0) {
                                    sb.append("POST /p HTTP/1.1\r\nHost: t\r\nX-Id: ").append(tag)
                                            .append("\r\nContent-Length: ").append(tag.length()).append("\r\n\r\n").append(tag);
                                } else if (i % 3 == 1) {
                                    sb.append("POST /c HTTP/1.1\r\nHost: t\r\nX-Id: ").append(tag)
                                            .append("\r\nTransfer-Encoding: chunked\r\n\r\n")
                                            .append(Integer.toHexString(tag.length())).append("\r\n").append(tag).append("\r\n0\r\n\r\n");
                                } else {
                                    sb.append(Handlers.get("/g/" + tag, "X-Id: " + tag));
                                }
                            }
                            c.send(sb.toString());
                            for (int i = 0; i < 40; i++) {
                                String tag = id + "-" + round + "-" + i;
                                RawClient.Response r = c.read();
                                assertEquals(tag, r.header("X-Id"));
                                assertEquals(i % 3 == 2 ? "GET /g/" + tag : tag, r.text());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void emptyLinesBetweenPipelinedRequestsAreSkipped(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, Handlers.ECHO)) {
            RawClient c = s.connect();
            c.send("POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nab\r\n" + Handlers.get("/b") + "\r\n");
            assertEquals("ab", c.read().text());
            assertEquals("GET /b", c.read().text());
            c.send(Handlers.get("/c"));
            assertEquals("GET /c", c.read().text());
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void partlyReadBodiesAreDrained(ExecutionMode mode) throws Exception {
        HttpHandler readsThree = ex -> {
            byte[] three = new byte[3];
            int n = ex.requestBody().read(three);
            ex.response().output().write(three, 0, Math.max(n, 0));
        };
        try (TestServer s = TestServer.start(mode, readsThree)) {
            RawClient c = s.connect();
            String body = "0123456789".repeat(2000);
            c.send("POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: " + body.length() + "\r\n\r\n" + body
                    + "POST /b HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\nT: x\r\n\r\n"
                    + "POST /c HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nabcde");
            for (String expected : new String[] {"012", "012", "abc"}) {
                RawClient.Response r = c.read();
                assertEquals(expected, r.text());
            }
        }
    }

    @Test
    void unreadBodyTooLargeToDrainClosesTheConnection() throws Exception {
        HttpHandler ignores = ex -> ex.response().output().write("no".getBytes(StandardCharsets.UTF_8));
        try (TestServer s = TestServer.start(TestServer.config(ExecutionMode.POOL).maxBodyDrainBytes(1000), ignores)) {
            RawClient c = s.connect();
            c.send("POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 10000000\r\n\r\n" + "x".repeat(100));
            RawClient.Response r = c.read();
            assertEquals("no", r.text());
            assertTrue(r.closes(), r.toString());
        }
    }

    @Test
    void heldRequestHeadForgetsItsRequest() throws Exception {
        AtomicReference<RequestHead> held = new AtomicReference<>();
        HttpHandler h = ex -> {
            if (ex.request().pathEquals("/keep")) {
                held.set(ex.request());
            }
            Handlers.ECHO.handle(ex);
        };
        try (TestServer s = TestServer.start(TestServer.config(ExecutionMode.POOL).loops(1), h)) {
            RawClient a = s.connect();
            a.send(Handlers.get("/keep", "X-Secret: a-secret"));
            assertEquals(200, a.read().status);
            RawClient b = s.connect();
            b.send(Handlers.get("/other", "X-Secret: b-secret"));
            assertEquals(200, b.read().status);
            a.send(Handlers.get("/next", "X-Secret: a-second"));
            assertEquals(200, a.read().status);
            RequestHead r = held.get();
            assertNull(r.header("X-Secret"));
            assertNull(r.method());
            assertNull(r.path());
            assertEquals(0, r.headerCount());
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void optionsAsteriskOverTheSocket(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, Handlers.ECHO)) {
            RawClient c = s.connect();
            c.send("OPTIONS * HTTP/1.1\r\nHost: t\r\n\r\n");
            RawClient.Response r = c.read();
            assertEquals(200, r.status);
            assertEquals("*", r.header("X-Path"));
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void clientClosingMidRequestLeavesTheServerHealthy(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, Handlers.ECHO)) {
            for (int i = 0; i < 20; i++) {
                RawClient c = s.connect();
                c.send(i % 2 == 0 ? "GET /half HTTP/1.1\r\nHo" : "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nabc");
                c.close();
            }
            KeepAliveTest.awaitOpenConnections(s, 0);
            RawClient ok = s.connect();
            ok.send(Handlers.get("/fine"));
            assertEquals("GET /fine", ok.read().text());
        }
    }

    /** Pooled exchange objects carry nothing from one request to the next on a connection. */
    @ParameterizedTest
    @MethodSource(MODES)
    void nothingLeaksBetweenRequestsOnAConnection(ExecutionMode mode) throws Exception {
        HttpHandler h = ex -> {
            var res = ex.response();
            StringBuilder seen = new StringBuilder();
            seen.append("status=").append(res.status())
                    .append(" headers=").append(res.headerNames())
                    .append(" length=").append(res.contentLength())
                    .append(" written=").append(res.bytesWritten())
                    .append(" committed=").append(res.isCommitted())
                    .append(" close=").append(res.isCloseRequested())
                    .append(" trailers=").append(ex.trailers())
                    .append(" async=").append(ex.isAsyncStarted())
                    .append(" attachment=").append(ex.attachment() == null ? "none" : "kept");
            if (ex.request().pathEquals("/dirty")) {
                Handlers.readAll(ex.requestBody());
                res.status(201);
                res.setHeader("X-Dirty", "yes");
                res.trailers(() -> java.util.Map.of("X-T", "1"));
                res.output().write("dirty".getBytes(StandardCharsets.UTF_8));
                res.flush();
            } else {
                res.setHeader("X-Seen", seen.toString());
            }
        };
        try (TestServer s = TestServer.start(mode, h)) {
            RawClient c = s.connect();
            c.send("POST /dirty HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\nT: 1\r\n\r\n"
                    + "POST /clean HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\n\r\nb");
            RawClient.Response dirty = c.read();
            assertEquals(201, dirty.status);
            assertEquals("dirty", dirty.text());
            RawClient.Response clean = c.read();
            assertEquals(200, clean.status);
            assertNull(clean.header("X-Dirty"));
            assertTrue(clean.trailers.isEmpty());
            assertEquals("status=200 headers=[] length=-1 written=0 committed=false close=false trailers={} async=false"
                    + " attachment=none", clean.header("X-Seen"));
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void clientVanishingMidResponseLeavesTheServerHealthy(ExecutionMode mode) throws Exception {
        HttpHandler huge = ex -> {
            if (ex.request().pathEquals("/huge")) {
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 512; i++) { // 32 MB
                    ex.response().output().write(chunk);
                }
            } else {
                Handlers.ECHO.handle(ex);
            }
        };
        try (TestServer s = TestServer.start(TestServer.config(mode).loops(1), huge)) {
            for (int i = 0; i < 3; i++) {
                RawClient c = s.connect();
                c.send(Handlers.get("/huge"));
                c.readFully(100_000);
                c.socket.setSoLinger(true, 0); // reset, not a polite close
                c.close();
            }
            KeepAliveTest.awaitOpenConnections(s, 0);
            RawClient ok = s.connect();
            ok.send(Handlers.get("/fine"));
            assertEquals("GET /fine", ok.read().text());
        }
    }
}
