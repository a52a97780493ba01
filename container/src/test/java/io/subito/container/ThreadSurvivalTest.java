package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine's own threads (workers, selector loops, acceptor, reaper) outlive any Throwable from
 * the work they run, Errors included, and say so in the log. Each test provokes the error, then
 * shows over sockets that the server still serves, and that the log line is there.
 *
 * <p>This class is the only one in the module whose handlers throw OutOfMemoryError and
 * StackOverflowError: those are logged once per JVM (per kind of work), which the first test counts.
 */
class ThreadSurvivalTest {
    private static final String MODES = "io.subito.container.TestServer#modes";

    /** An Error that is not a VirtualMachineError: logged every time. */
    static final class CustomError extends Error {
        private static final long serialVersionUID = 1L;

        CustomError(String message) {
            super(message);
        }
    }

    /** A VirtualMachineError of this test's own, so no other test has had it logged already. */
    static final class TestVmError extends VirtualMachineError {
        private static final long serialVersionUID = 1L;

        TestVmError() {
            super("a test's virtual machine error");
        }
    }

    static final HttpHandler FAILING = ex -> {
        switch (ex.request().path()) {
            case "/oom" -> {
                // a real OutOfMemoryError ("Requested array size exceeds VM limit") without filling the heap
                long[] huge = new long[Integer.MAX_VALUE];
                ex.response().output().write(("got " + huge.length).getBytes(StandardCharsets.UTF_8));
            }
            case "/soe" -> ex.response().output().write(("depth " + recurse(0)).getBytes(StandardCharsets.UTF_8));
            case "/custom" -> throw new CustomError("a custom error from a handler");
            case "/vm" -> throw new TestVmError();
            default -> Handlers.ECHO.handle(ex);
        }
    };

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @Test
    void outOfMemoryStackOverflowAndCustomErrorsGet500AndEveryModeKeepsServing() throws Exception {
        try (LogCapture log = new LogCapture("io.subito")) {
            int customs = 0;
            for (ExecutionMode mode : TestServer.modes().toList()) {
                // two workers, and more failing requests than that: a worker lost per error would show
                ServerConfig config = TestServer.config(mode).workerThreads(2);
                try (TestServer s = TestServer.start(config, FAILING)) {
                    for (int round = 0; round < 3; round++) {
                        for (String path : List.of("/oom", "/soe", "/custom")) {
                            RawClient c = s.connect();
                            c.send(Handlers.get(path) + Handlers.get("/ok", "X-Id: after-" + path));
                            assertEquals(500, c.read().status, mode + " " + path);
                            assertEquals("after-" + path, c.read().header("X-Id"), mode + ": the same connection serves on");
                            customs += path.equals("/custom") ? 1 : 0;
                        }
                    }
                    for (int i = 0; i < 6; i++) {
                        RawClient fresh = s.connect();
                        fresh.send(Handlers.get("/ok", "X-Id: fresh-" + i));
                        assertEquals("fresh-" + i, fresh.read().header("X-Id"), mode + ": new connections are served");
                    }
                }
            }
            List<LogRecord> oom = log.matching("a request handler (GET /oom) failed", "OutOfMemoryError");
            List<LogRecord> soe = log.matching("a request handler (GET /soe) failed", "StackOverflowError");
            assertEquals(1, oom.size(), "one line for all the OutOfMemoryErrors:\n" + log.dump());
            assertEquals(1, soe.size(), "one line for all the StackOverflowErrors:\n" + log.dump());
            assertEquals(Level.SEVERE, oom.get(0).getLevel());
            assertTrue(oom.get(0).getThrown() instanceof OutOfMemoryError, "with its stack trace");
            assertEquals(customs, log.matching("a request handler (GET /custom) failed", "a custom error from a handler").size(),
                    "an ordinary Error is logged every time");
        }
    }

    @Test
    void aVirtualMachineErrorIsLoggedOnceAtSevereNotOncePerOccurrence() throws Exception {
        HttpHandler h = ex -> {
            if (ex.request().path().equals("/vm")) {
                throw new TestVmError();
            }
            Handlers.ECHO.handle(ex);
        };
        int thrown = 0;
        try (LogCapture log = new LogCapture("io.subito")) {
            for (ExecutionMode mode : TestServer.modes().toList()) {
                try (TestServer s = TestServer.start(mode, h)) {
                    RawClient c = s.connect();
                    StringBuilder flood = new StringBuilder();
                    for (int i = 0; i < 40; i++) {
                        flood.append(Handlers.get("/vm"));
                    }
                    c.send(flood + Handlers.get("/ok", "X-Id: survived"));
                    for (int i = 0; i < 40; i++) {
                        assertEquals(500, c.read().status);
                        thrown++;
                    }
                    assertEquals("survived", c.read().header("X-Id"), mode.toString());
                }
            }
            List<LogRecord> lines = log.matching("TestVmError");
            assertEquals(1, lines.size(), thrown + " errors, one line:\n" + log.dump());
            assertEquals(Level.SEVERE, lines.get(0).getLevel());
            assertTrue(LogCapture.text(lines.get(0)).contains("counted"), LogCapture.text(lines.get(0)));
        }
    }

    @Test
    void theAcceptorSurvivesAnErrorAndKeepsAccepting() throws Exception {
        AtomicBoolean thrown = new AtomicBoolean();
        try (LogCapture log = new LogCapture("io.subito"); TestServer s = TestServer.start(ExecutionMode.POOL, Handlers.ECHO)) {
            s.server.faultPoint = where -> {
                if (where.equals("accept") && thrown.compareAndSet(false, true)) {
                    throw new CustomError("the acceptor's error");
                }
            };
            RawClient victim = s.connect();
            assertTrue(victim.awaitClosed(), "the connection accepted when the error came is closed, not leaked");
            log.await("the acceptor failed", "the acceptor's error");
            for (int i = 0; i < 4; i++) {
                RawClient c = s.connect();
                c.send(Handlers.get("/ok", "X-Id: " + i));
                assertEquals(String.valueOf(i), c.read().header("X-Id"), "accepted after the error");
            }
            assertEquals(4, s.server.openConnections(), "the lost connection was not counted as open");
        }
    }

    @Test
    void everySelectorLoopSurvivesAnErrorInItsOwnTurn() throws Exception {
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        try (LogCapture log = new LogCapture("io.subito"); TestServer s = TestServer.start(ExecutionMode.POOL, Handlers.ECHO)) {
            s.server.faultPoint = where -> {
                if (where.equals("loop") && failedOnce.add(Thread.currentThread().getName())) {
                    throw new CustomError("a loop's error");
                }
            };
            log.await("subito-loop-0 failed", "a loop's error");
            log.await("subito-loop-1 failed", "a loop's error");
            for (int i = 0; i < 4; i++) { // round-robin: both loops get connections
                RawClient c = s.connect();
                c.send(Handlers.get("/ok", "X-Id: " + i));
                assertEquals(String.valueOf(i), c.read().header("X-Id"));
            }
        }
    }

    @Test
    void theReaperSurvivesAnErrorAndStillClosesIdleConnections() throws Exception {
        AtomicBoolean thrown = new AtomicBoolean();
        ServerConfig config = TestServer.config(ExecutionMode.POOL).loops(1).keepAliveTimeoutMillis(1500);
        try (LogCapture log = new LogCapture("io.subito"); TestServer s = TestServer.start(config, Handlers.ECHO)) {
            RawClient first = s.connect();
            first.send(Handlers.get("/ok"));
            assertEquals(200, first.read().status);
            s.server.faultPoint = where -> {
                if (where.equals("reap") && thrown.compareAndSet(false, true)) {
                    throw new CustomError("the reaper's error");
                }
            };
            log.await("a selector loop serving a connection failed", "the reaper's error");
            assertTrue(first.awaitClosed(), "the connection the reaper failed on is closed");
            RawClient later = s.connect();
            later.send(Handlers.get("/ok"));
            assertEquals(200, later.read().status);
            later.soTimeout(10_000);
            long t0 = System.nanoTime();
            assertTrue(later.awaitClosed(), "an idle connection is still reaped after the error");
            assertTrue(System.nanoTime() - t0 > 1_000_000_000L, "by the keep-alive timeout, not at once");
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void aReadinessCallbackThatThrowsEndsOnlyItsOwnConnection(ExecutionMode mode) throws Exception {
        CountDownLatch armed = new CountDownLatch(1);
        HttpHandler h = ex -> {
            if (ex.request().path().equals("/callback")) {
                ex.startAsync();
                // runs on the selector loop once the body arrives
                ex.whenReadable(() -> {
                    throw new CustomError("a readiness callback's error");
                });
                armed.countDown();
                return;
            }
            Handlers.ECHO.handle(ex);
        };
        // one loop: the failing connection and the bystander share it
        try (LogCapture log = new LogCapture("io.subito"); TestServer s = TestServer.start(TestServer.config(mode).loops(1), h)) {
            RawClient bystander = s.connect();
            bystander.send(Handlers.get("/ok", "X-Id: before"));
            assertEquals("before", bystander.read().header("X-Id"));
            RawClient c = s.connect();
            c.send("POST /callback HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n\r\n");
            assertTrue(armed.await(10, TimeUnit.SECONDS));
            c.send("body");
            assertTrue(c.awaitClosed(), "the connection whose callback threw is closed");
            log.await("a selector loop serving a connection", "failed", "a readiness callback's error");
            bystander.send(Handlers.get("/ok", "X-Id: after"));
            assertEquals("after", bystander.read().header("X-Id"), "the loop serves its other connections on");
            RawClient fresh = s.connect();
            fresh.send(Handlers.get("/ok", "X-Id: fresh"));
            assertEquals("fresh", fresh.read().header("X-Id"));
        }
    }
}
