package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** startAsync / complete from another thread, with pipelined requests behind. */
class AsyncTest {
    private static final String MODES = "io.subito.container.TestServer#modes";
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    /** /async/N completes 50 ms later from a timer thread; anything else is echoed at once. */
    private HttpHandler asyncAfter50ms() {
        return ex -> {
            if (ex.request().path().startsWith("/async")) {
                ex.startAsync();
                String id = ex.request().header("X-Id");
                timer.schedule(() -> {
                    try {
                        ex.response().setHeader("X-Id", id);
                        ex.response().output().write(("async " + id).getBytes(StandardCharsets.UTF_8));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    } finally {
                        ex.complete();
                    }
                }, 50, TimeUnit.MILLISECONDS);
            } else {
                Handlers.ECHO.handle(ex);
            }
        };
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void asyncCompletionFromAnotherThreadKeepsPipelineOrder(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, asyncAfter50ms())) {
            RawClient c = s.connect();
            c.send(Handlers.get("/sync", "X-Id: 1") + Handlers.get("/async", "X-Id: 2") + Handlers.get("/sync", "X-Id: 3")
                    + Handlers.get("/async", "X-Id: 4") + Handlers.get("/async", "X-Id: 5")
                    + "POST /sync HTTP/1.1\r\nHost: t\r\nX-Id: 6\r\nContent-Length: 4\r\n\r\nbody");
            String[] bodies = {"GET /sync", "async 2", "GET /sync", "async 4", "async 5", "body"};
            for (int i = 0; i < bodies.length; i++) {
                RawClient.Response r = c.read();
                assertEquals(200, r.status);
                assertEquals(Integer.toString(i + 1), r.header("X-Id"));
                assertEquals(bodies[i], r.text());
            }
            c.send(Handlers.get("/async", "X-Id: 7"));
            assertEquals("async 7", c.read().text(), "connection reading again after async");
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void completeBeforeTheHandlerReturns(ExecutionMode mode) throws Exception {
        HttpHandler h = ex -> {
            ex.startAsync();
            ex.response().output().write("early".getBytes(StandardCharsets.UTF_8));
            ex.complete();
        };
        try (TestServer s = TestServer.start(mode, h)) {
            RawClient c = s.connect();
            c.send(Handlers.get("/1") + Handlers.get("/2"));
            assertEquals("early", c.read().text());
            assertEquals("early", c.read().text());
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void asyncStreamingFromAnotherThread(ExecutionMode mode) throws Exception {
        HttpHandler h = ex -> {
            ex.startAsync();
            timer.execute(() -> {
                try {
                    for (int i = 0; i < 3; i++) {
                        ex.response().output().write(("p" + i).getBytes(StandardCharsets.UTF_8));
                        ex.response().flush();
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    ex.complete();
                }
            });
        };
        try (TestServer s = TestServer.start(mode, h)) {
            RawClient c = s.connect();
            c.send(Handlers.get("/a") + Handlers.get("/b"));
            RawClient.Response r = c.read();
            assertTrue(r.chunked);
            assertEquals("p0p1p2", r.text());
            assertEquals("p0p1p2", c.read().text());
        }
    }

    /**
     * Responses that precede an async request in the same batch must not wait for its completion
     * (DESIGN.md: output is written earlier when a request goes async).
     */
    @ParameterizedTest
    @MethodSource(MODES)
    void earlierResponsesAreNotHeldBehindAnAsyncRequest(ExecutionMode mode) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpHandler h = ex -> {
            if (ex.request().path().equals("/wait")) {
                ex.startAsync();
                timer.execute(() -> {
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ex.complete();
                });
            } else {
                Handlers.ECHO.handle(ex);
            }
        };
        try (TestServer s = TestServer.start(mode, h)) {
            RawClient c = s.connect();
            c.send(Handlers.get("/first", "X-Id: 1") + Handlers.get("/wait", "X-Id: 2"));
            RawClient.Response first;
            try {
                first = c.read();
            } finally {
                release.countDown();
            }
            assertEquals("1", first.header("X-Id"));
            assertEquals(200, c.read().status);
        }
    }

    /**
     * complete() racing the handler's return: the resumed request behind it then waits for its
     * body, which needs the connection's state to be exactly what the resumed thread set.
     */
    @ParameterizedTest
    @MethodSource(MODES)
    void completionRacingTheHandlersReturn(ExecutionMode mode) throws Exception {
        HttpHandler h = ex -> {
            if (ex.request().pathEquals("/async")) {
                ex.startAsync();
                timer.execute(ex::complete);
            } else {
                Handlers.ECHO.handle(ex);
            }
        };
        try (TestServer s = TestServer.start(TestServer.config(mode).ioTimeoutMillis(3000), h)) {
            RawClient c = s.connect();
            for (int i = 0; i < 200; i++) {
                c.send(Handlers.get("/async") + "POST /body HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\n");
                assertEquals(200, c.read().status);
                c.send("ok");
                assertEquals("ok", c.read().text(), "round " + i);
            }
        }
    }

    /**
     * Servlet-style async: the body is read on another thread, which starts waiting for it
     * before the handler has returned. The handler's return must not break that wait.
     */
    @ParameterizedTest
    @MethodSource(MODES)
    void bodyReadOnAnotherThreadWhileTheHandlerReturns(ExecutionMode mode) throws Exception {
        HttpHandler h = ex -> {
            ex.startAsync();
            timer.execute(() -> {
                try {
                    byte[] body = Handlers.readAll(ex.requestBody());
                    ex.response().output().write(body);
                } catch (Exception e) {
                    ex.response().status(500);
                } finally {
                    ex.complete();
                }
            });
            Thread.sleep(200); // the reader is now waiting for the body
        };
        // a lost wake-up would stall the reader until the io timeout: make that longer than the
        // client's read timeout so it fails instead of passing slowly
        try (TestServer s = TestServer.start(TestServer.config(mode).ioTimeoutMillis(20_000), h)) {
            RawClient c = s.connect();
            for (int i = 0; i < 2; i++) {
                c.send("POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\n");
                Thread.sleep(400); // after the handler returned
                c.send("hello");
                RawClient.Response r = c.read();
                assertEquals(200, r.status);
                assertEquals("hello", r.text());
            }
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void manyClientsMixingAsyncAndSyncRequests(ExecutionMode mode) throws Exception {
        java.util.Random delays = new java.util.Random(5);
        HttpHandler h = ex -> {
            String id = ex.request().header("X-Id");
            if (ex.request().path().startsWith("/async")) {
                ex.startAsync();
                int delay;
                synchronized (delays) {
                    delay = delays.nextInt(4);
                }
                timer.schedule(() -> {
                    try {
                        ex.response().setHeader("X-Id", id);
                        ex.response().output().write(id.getBytes(StandardCharsets.UTF_8));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    } finally {
                        ex.complete();
                    }
                }, delay, TimeUnit.MILLISECONDS);
            } else {
                Handlers.ECHO.handle(ex);
            }
        };
        java.util.concurrent.ExecutorService clients = Executors.newFixedThreadPool(6);
        try (TestServer s = TestServer.start(mode, h)) {
            java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int k = 0; k < 6; k++) {
                int client = k;
                done.add(clients.submit(() -> {
                    try (RawClient c = new RawClient(s.port())) {
                        for (int round = 0; round < 4; round++) {
                            StringBuilder sb = new StringBuilder();
                            for (int i = 0; i < 30; i++) {
                                String id = client + "-" + round + "-" + i;
                                sb.append(Handlers.get((i % 2 == 0 ? "/async/" : "/sync/") + id, "X-Id: " + id));
                            }
                            c.send(sb.toString());
                            for (int i = 0; i < 30; i++) {
                                String id = client + "-" + round + "-" + i;
                                RawClient.Response r = c.read();
                                assertEquals(id, r.header("X-Id"));
                                assertEquals(i % 2 == 0 ? id : "GET /sync/" + id, r.text());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
    }
}
