package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Graceful stop: in-flight requests finish, idle connections close, new ones are refused. */
class ShutdownTest {
    private static final String MODES = "io.subito.container.TestServer#modes";

    @ParameterizedTest
    @MethodSource(MODES)
    @SuppressWarnings("try") // the busy client is closed inside its block on purpose, before the stop returns
    void inFlightRequestCompletesWhileStopRuns(ExecutionMode mode) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        HttpHandler slow = ex -> {
            entered.countDown();
            Thread.sleep(300);
            ex.response().output().write("finished".getBytes(StandardCharsets.UTF_8));
        };
        ServerConfig config = TestServer.config(mode).shutdownGraceMillis(5000);
        HttpServer server = new HttpServer(config, slow);
        server.start();
        int port = server.port();
        try (RawClient busy = new RawClient(port); RawClient idle = new RawClient(port)) {
            idle.send(Handlers.get("/warm-up-is-slow-too"));
            assertEquals("finished", idle.read().text());
            busy.send(Handlers.get("/slow"));
            assertTrue(entered.await(5, TimeUnit.SECONDS) && entered.getCount() == 0);
            Thread stopper = new Thread(server::stop);
            stopper.start();
            RawClient.Response r = busy.read();
            assertEquals(200, r.status);
            assertEquals("finished", r.text(), "in-flight request completed during stop");
            assertTrue(r.closes(), "the last response announces the close");
            assertTrue(busy.awaitClosed());
            assertTrue(idle.awaitClosed(), "idle connection closed by stop");
            busy.close();
            stopper.join(10_000);
            assertTrue(!stopper.isAlive(), "stop returned");
        } finally {
            server.stop();
        }
        assertThrows(IOException.class, () -> new RawClient(port), "no new connections after stop");
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void aConnectionRefusedWhileStoppingLeavesTheRequestInFlightItsGracePeriod(ExecutionMode mode) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        HttpHandler held = ex -> {
            entered.countDown();
            gate.await(30, TimeUnit.SECONDS);
            ex.response().output().write("finished".getBytes(StandardCharsets.UTF_8));
        };
        HttpServer server = new HttpServer(TestServer.config(mode).shutdownGraceMillis(30_000), held);
        server.start();
        try (RawClient busy = new RawClient(server.port())) {
            busy.send(Handlers.get("/held"));
            assertTrue(entered.await(30, TimeUnit.SECONDS));
            assertEquals(1, server.openConnections());
            Thread stopper = new Thread(server::stop);
            stopper.start();
            while (!server.isStopping()) {
                Thread.onSpinWait();
            }
            // what the acceptor does with a connection it took as the listener closed
            assertTrue(!server.connectionOpened(), "refused while stopping");
            assertEquals(1, server.openConnections(), "the refusal leaves the count of the connection in flight");
            gate.countDown();
            RawClient.Response r = busy.read();
            assertEquals(200, r.status);
            assertEquals("finished", r.text(), "the request in flight was not cut");
            stopper.join(30_000);
            assertTrue(!stopper.isAlive(), "stop returned once the request finished");
        } finally {
            gate.countDown();
            server.stop();
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void stopWithNoConnectionsIsQuickAndRepeatable(ExecutionMode mode) throws Exception {
        HttpServer server = new HttpServer(TestServer.config(mode), Handlers.ECHO);
        server.start();
        int port = server.port();
        try (RawClient c = new RawClient(port)) {
            c.send(Handlers.get("/x", "Connection: close"));
            assertEquals(200, c.read().status);
        }
        server.stop();
        server.stop();
        assertThrows(IOException.class, () -> new RawClient(port));
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void requestStuckPastTheGracePeriodIsCutOff(ExecutionMode mode) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        HttpHandler stuck = ex -> {
            entered.countDown();
            never.await(10, TimeUnit.SECONDS);
        };
        HttpServer server = new HttpServer(TestServer.config(mode).shutdownGraceMillis(300), stuck);
        server.start();
        try (LogCapture log = new LogCapture("io.subito"); RawClient c = new RawClient(server.port())) {
            c.send(Handlers.get("/stuck"));
            assertTrue(entered.await(5, TimeUnit.SECONDS));
            long t0 = System.nanoTime();
            if (mode == ExecutionMode.INLINE) {
                // the loop itself is blocked: stop can only give up on it
                Thread stopper = new Thread(server::stop);
                stopper.start();
                stopper.join(8000);
                never.countDown();
                stopper.join(5000);
                assertTrue(!stopper.isAlive(), "stop returned");
            } else {
                server.stop();
                never.countDown();
            }
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(9), "stop is bounded");
            // the log names what was cut: method, path and how long it ran
            String line = LogCapture.text(mode == ExecutionMode.INLINE
                    ? log.await("stop could not cut GET /stuck", "running for", "execution=inline")
                    : log.await("stop cut GET /stuck", "running for", "shutdownGraceMillis (300 ms)"));
            java.util.regex.Matcher ran = java.util.regex.Pattern.compile("running for (\\d+) ms").matcher(line);
            assertTrue(ran.find() && Long.parseLong(ran.group(1)) >= 300, line);
            if (mode == ExecutionMode.INLINE) {
                // the handler ran to its end on the loop after stop gave up: its response may
                // still leave, but it must announce the close, and the connection must end
                try {
                    RawClient.Response r = c.read();
                    assertTrue(r.closes(), r.toString());
                } catch (IOException closedFirst) {
                    // closed before the response: fine too
                }
            }
            try {
                assertTrue(c.awaitClosed(), "connection closed by stop");
            } catch (IOException reset) {
                // reset is a close too
            }
        } finally {
            never.countDown();
            server.stop();
        }
    }
}
