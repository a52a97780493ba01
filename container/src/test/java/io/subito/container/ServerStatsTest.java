package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The engine's counters and its refusal listener, over real sockets in every execution mode. */
class ServerStatsTest {
    private static final String MODES = "io.subito.container.TestServer#modes";

    /** /missing answers 404, /fail throws, /async completes on another thread with 202; the rest echo. */
    private static final HttpHandler HANDLER = ex -> {
        switch (ex.request().path()) {
            case "/missing" -> ex.response().status(404);
            case "/fail" -> throw new IllegalStateException("boom");
            case "/async" -> {
                ex.startAsync();
                new Thread(() -> {
                    ex.response().status(202);
                    ex.complete();
                }).start();
            }
            default -> Handlers.ECHO.handle(ex);
        }
    };

    @ParameterizedTest
    @MethodSource(MODES)
    void countsRequestsStatusClassesBodyBytesAndBatches(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, HANDLER)) {
            RawClient c = s.connect();
            // one read, three requests: one batch (the loop may see them in two reads on a slow machine)
            c.send(Handlers.get("/a") + Handlers.get("/missing")
                    + "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello");
            assertEquals(200, c.read().status);
            assertEquals(404, c.read().status);
            assertEquals("hello", c.read().text());
            c.send(Handlers.get("/async"));
            assertEquals(202, c.read().status);
            c.send(Handlers.get("/fail"));
            assertEquals(500, c.read().status);

            ServerStats st = s.server.stats();
            awaitAtLeast(5, st::requests);
            assertEquals(5, st.requests());
            assertEquals(3, st.responses(2), "200, 200 and 202 (the async one counted when it completed)");
            assertEquals(1, st.responses(4));
            assertEquals(1, st.responses(5));
            assertEquals(5, st.bytesIn(), "the POST's body");
            // "GET /a" and the echoed "hello"
            assertEquals(6 + 5, st.bytesOut());
            assertEquals(1, st.acceptedConnections());
            assertEquals(1, st.openConnections());
            assertTrue(st.batches() >= 3 && st.batches() <= 5, "batches: " + st.batches());
            assertEquals(mode == ExecutionMode.POOL ? 0 : -1, Math.min(st.workersQueued(), 0));
            long perLoop = st.loops().stream().mapToLong(LoopStats::requests).sum();
            assertEquals(st.requests(), perLoop);
            if (mode == ExecutionMode.INLINE) {
                assertTrue(st.loops().stream().mapToLong(LoopStats::requestsOnLoop).sum() >= 4,
                        "inline requests are counted by the loop thread itself");
            }
        }
    }

    @Test
    void refusedRequestsReachTheListenerWithTheirFirstLineAndAreCounted() throws Exception {
        List<RefusedRequest> heard = new CopyOnWriteArrayList<>();
        CountDownLatch two = new CountDownLatch(2);
        HttpServer server = new HttpServer(TestServer.config(ExecutionMode.POOL), HANDLER).onRefusal(r -> {
            heard.add(r);
            two.countDown();
        });
        server.start();
        try (RawClient bad = new RawClient(server.port()); RawClient version = new RawClient(server.port())) {
            bad.send("GET /x HTTP/1.1\r\nHost: t\r\nBad Name: x\r\n\r\n");
            RawClient.Response r = bad.read();
            assertEquals(400, r.status);
            version.send("GET /v\u0001 HTTP/2.0\r\nHost: t\r\n\r\n");
            assertEquals(400, version.read().status);
            assertTrue(two.await(10, TimeUnit.SECONDS));
            RefusedRequest first = heard.stream().filter(x -> x.requestLine().startsWith("GET /x")).findFirst().orElseThrow();
            assertEquals("GET /x HTTP/1.1", first.requestLine());
            assertEquals(400, first.status());
            assertEquals(r.body.length, first.bodyBytes());
            assertEquals("127.0.0.1", first.remote().getAddress().getHostAddress());
            assertTrue(heard.stream().anyMatch(x -> x.requestLine().equals("GET /v\\x01 HTTP/2.0")), heard.toString());
            assertEquals(2, server.stats().refusedRequests());
            assertEquals(2, server.stats().responses(4));
        } finally {
            server.stop();
        }
    }

    @Test
    void aRefusedOverlongTargetIsCutInTheLog() {
        byte[] line = ("GET /" + "a".repeat(5000) + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII);
        String s = RefusedRequest.firstLine(line, 0, line.length);
        assertEquals(RefusedRequest.MAX_LINE + 3, s.length());
        assertTrue(s.endsWith("aaa..."));
        assertEquals("", RefusedRequest.firstLine(line, 0, 0));
    }

    @Test
    void connectionsOverTheLimitAreCountedAsRefused() throws Exception {
        try (TestServer s = TestServer.start(TestServer.config(ExecutionMode.POOL).maxConnections(1), HANDLER)) {
            RawClient first = s.connect();
            first.send(Handlers.get("/a"));
            assertEquals(200, first.read().status);
            RawClient second = s.connect();
            assertTrue(second.awaitClosed());
            awaitAtLeast(1, s.server.stats()::refusedConnections);
            assertEquals(1, s.server.stats().acceptedConnections());
        }
    }

    private static void awaitAtLeast(long n, LongSupplier counter) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counter.getAsLong() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(counter.getAsLong() >= n, "counter reached " + counter.getAsLong() + ", expected " + n);
    }
}
