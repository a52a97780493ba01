package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.subito.container.http.HttpLimits;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Refusals over the socket, slowloris, max connections. */
class LimitsTest {
    private static final String MODES = "io.subito.container.TestServer#modes";

    @ParameterizedTest
    @MethodSource(MODES)
    void refusalsAnswerAndClose(ExecutionMode mode) throws Exception {
        String[][] cases = {
                {"GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + "b".repeat(9000) + "\r\n\r\n", "431"},
                {"GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: t\r\n\r\n", "414"},
                {"POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc", "400"},
                {"POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n", "501"},
                {"GET / HTTP/2.0\r\nHost: t\r\n\r\n", "505"},
                {"GET / HTTP/1.1\r\n\r\n", "400"},
                {"GET / HTTP/1.1\r\nHost: t\r\nBad Name: x\r\n\r\n", "400"},
                {"GET /%2e%2e/x HTTP/1.1\r\nHost: t\r\n\r\n", "400"},
                {"GET / HTTP/1.1\nHost: t\n\n", "400"},
        };
        try (TestServer s = TestServer.start(mode, Handlers.ECHO)) {
            for (String[] c : cases) {
                RawClient client = s.connect();
                client.send(c[0]);
                RawClient.Response r = client.read();
                assertEquals(Integer.parseInt(c[1]), r.status, r.toString());
                assertTrue(r.closes(), "Connection: close");
                assertTrue(r.text().startsWith(c[1] + " "), r.text());
                assertTrue(client.awaitClosed(), "closed after " + c[1]);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void refusalAfterGoodPipelinedRequestsKeepsTheirResponses(ExecutionMode mode) throws Exception {
        AtomicBoolean badRan = new AtomicBoolean();
        HttpHandler h = ex -> {
            if (ex.request().path().equals("/bad")) {
                badRan.set(true);
            }
            Handlers.ECHO.handle(ex);
        };
        try (TestServer s = TestServer.start(mode, h)) {
            RawClient c = s.connect();
            c.send(Handlers.get("/1", "X-Id: 1") + Handlers.get("/2", "X-Id: 2")
                    + "GET /bad HTTP/1.1\r\nHost: t\r\nX-Fold: a\r\n b\r\n\r\n" + Handlers.get("/4"));
            assertEquals("1", c.read().header("X-Id"));
            assertEquals("2", c.read().header("X-Id"));
            RawClient.Response r = c.read();
            assertEquals(400, r.status);
            assertTrue(c.awaitClosed());
            assertTrue(!badRan.get(), "the handler never sees a refused request");
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void slowlorisIsClosedWhileOthersAreServed(ExecutionMode mode) throws Exception {
        ServerConfig config = TestServer.config(mode).headTimeoutMillis(500).loops(1);
        try (TestServer s = TestServer.start(config, Handlers.ECHO)) {
            RawClient slow = s.connect();
            RawClient fast = s.connect();
            AtomicBoolean slowClosed = new AtomicBoolean();
            Thread dribbler = new Thread(() -> {
                try {
                    slow.send("GET / HTTP/1.1\r\nHost: t\r\nX-Slow: ");
                    for (int i = 0; i < 100; i++) { // never completes within 10 s
                        slow.send("a");
                        Thread.sleep(100);
                    }
                } catch (IOException e) {
                    slowClosed.set(true); // reset by the server: expected
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            dribbler.start();
            try {
                for (int i = 0; i < 5; i++) {
                    fast.send(Handlers.get("/fast/" + i));
                    assertEquals("GET /fast/" + i, fast.read().text());
                    Thread.sleep(50);
                }
                assertTrue(slow.awaitClosed(), "slowloris connection closed by the head timeout");
                fast.send(Handlers.get("/still"));
                assertEquals("GET /still", fast.read().text(), "the other client is still served");
            } finally {
                dribbler.interrupt();
                dribbler.join();
            }
        }
    }

    @Test
    void slowButSteadyBodyIsNotAHeadTimeout() throws Exception {
        ServerConfig config = TestServer.config(ExecutionMode.POOL).headTimeoutMillis(300);
        try (TestServer s = TestServer.start(config, Handlers.ECHO)) {
            RawClient c = s.connect();
            c.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n");
            c.sendByteByByte("0123456789", 1, 150); // 1.5 s of body, 5x the head timeout
            assertEquals("0123456789", c.read().text());
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void maxConnectionsIsEnforced(ExecutionMode mode) throws Exception {
        ServerConfig config = TestServer.config(mode).maxConnections(2);
        try (TestServer s = TestServer.start(config, Handlers.ECHO)) {
            RawClient a = s.connect();
            RawClient b = s.connect();
            a.send(Handlers.get("/a"));
            assertEquals(200, a.read().status);
            b.send(Handlers.get("/b"));
            assertEquals(200, b.read().status);
            RawClient third = s.connect();
            try {
                third.send(Handlers.get("/c"));
            } catch (IOException refused) {
                // reset before we could write: refused either way
            }
            assertTrue(third.awaitClosed(), "third connection refused");
            a.send(Handlers.get("/a2"));
            assertEquals(200, a.read().status, "existing connections unaffected");
            a.close();
            KeepAliveTest.awaitOpenConnections(s, 1);
            RawClient fourth = s.connect();
            fourth.send(Handlers.get("/d"));
            assertEquals("GET /d", fourth.read().text(), "a slot freed by a close is usable again");
        }
    }

    @Test
    void configuredLimitsApply() throws Exception {
        ServerConfig config = TestServer.config(ExecutionMode.POOL).bufferSize(4096)
                .limits(new HttpLimits(1024, 256, 5, 16, 64));
        try (TestServer s = TestServer.start(config, Handlers.ECHO)) {
            RawClient c = s.connect();
            c.send("GET / HTTP/1.1\r\nHost: t\r\nX: " + "x".repeat(1100) + "\r\n\r\n");
            assertEquals(431, c.read().status);
            c = s.connect();
            c.send("GET /" + "x".repeat(300) + " HTTP/1.1\r\nHost: t\r\n\r\n");
            assertEquals(414, c.read().status);
            c = s.connect();
            c.send("GET / HTTP/1.1\r\nHost: t\r\nA: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\nE: 1\r\n\r\n");
            assertEquals(431, c.read().status);
            c = s.connect();
            c.send("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n1;" + "e".repeat(20) + "\r\na\r\n0\r\n\r\n");
            assertEquals(400, c.read().status);
            c = s.connect();
            c.send("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\nT: " + "t".repeat(100) + "\r\n\r\n");
            assertEquals(431, c.read().status);
        }
    }

    @Test
    void invalidConfigIsRefusedWithTheSettingNamed() {
        try {
            new HttpServer(new ServerConfig().bufferSize(5000), Handlers.ECHO);
            fail("accepted a buffer size that is not a multiple of 4096");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("bufferSize"), e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void clientThatStopsReadingIsCutOffByTheIoTimeout(ExecutionMode mode) throws Exception {
        HttpHandler huge = ex -> {
            if (ex.request().pathEquals("/huge")) {
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 1024; i++) { // 64 MB: far more than the socket buffers hold
                    ex.response().output().write(chunk);
                }
            } else {
                Handlers.ECHO.handle(ex);
            }
        };
        ServerConfig config = TestServer.config(mode).ioTimeoutMillis(500).loops(1);
        try (TestServer s = TestServer.start(config, huge)) {
            RawClient stuck = s.connect();
            stuck.socket.setReceiveBufferSize(4096);
            stuck.send(Handlers.get("/huge"));
            KeepAliveTest.awaitOpenConnections(s, 0); // the stuck connection is given up
            RawClient other = s.connect();
            other.send(Handlers.get("/other"));
            assertEquals("GET /other", other.read().text(), "the server still serves others");
        }
    }

    @Test
    void portInUseIsReportedWithTheAddress() throws Exception {
        try (TestServer s = TestServer.start(ExecutionMode.POOL, Handlers.ECHO)) {
            HttpServer second = new HttpServer(TestServer.config(ExecutionMode.POOL).port(s.port()), Handlers.ECHO);
            java.net.BindException e = org.junit.jupiter.api.Assertions.assertThrows(java.net.BindException.class, second::start);
            assertTrue(e.getMessage().contains("127.0.0.1:" + s.port()), e.getMessage());
        }
    }

    /** Refused heads far larger than the input buffer: the answer must arrive, not a reset. */
    @ParameterizedTest
    @MethodSource(MODES)
    void hugeHeadsAreAnsweredNotReset(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, Handlers.ECHO)) {
            RawClient target = s.connect();
            target.send("GET /" + "t".repeat(200_000) + " HTTP/1.1\r\nHost: t\r\n\r\n");
            assertEquals(414, target.read().status);
            RawClient header = s.connect();
            header.send("GET / HTTP/1.1\r\nHost: t\r\nX: " + "h".repeat(200_000) + "\r\n\r\n");
            assertEquals(431, header.read().status);
            RawClient many = s.connect();
            many.send("GET / HTTP/1.1\r\nHost: t\r\n" + "X: y\r\n".repeat(20_000) + "\r\n");
            assertEquals(431, many.read().status);
        }
    }
}
