package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Connection persistence: HTTP/1.1 default, Connection: close, HTTP/1.0, the idle reaper. */
class KeepAliveTest {
    private static final String MODES = "io.subito.container.TestServer#modes";

    @ParameterizedTest
    @MethodSource(MODES)
    void http11KeepsTheConnectionOpen(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, Handlers.ECHO)) {
            RawClient c = s.connect();
            for (int i = 1; i <= 3; i++) {
                c.send(Handlers.get("/k/" + i));
                RawClient.Response r = c.read();
                assertEquals("GET /k/" + i, r.text());
                assertNull(r.header("Connection"), "no Connection header needed for 1.1 keep-alive");
                assertEquals(Integer.toString(i), r.header("X-Request-Number"));
            }
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void connectionCloseIsHonouredAndLaterPipelinedRequestsIgnored(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, Handlers.ECHO)) {
            RawClient c = s.connect();
            c.send(Handlers.get("/1", "X-Id: 1") + Handlers.get("/2", "X-Id: 2", "Connection: close")
                    + Handlers.get("/3", "X-Id: 3"));
            assertFalse(c.read().closes());
            RawClient.Response r = c.read();
            assertEquals("2", r.header("X-Id"));
            assertTrue(r.closes());
            assertTrue(c.awaitClosed(), "closed after the Connection: close response, /3 not answered");
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void http10ClosesByDefault(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, Handlers.ECHO)) {
            RawClient c = s.connect();
            c.send("GET /old HTTP/1.0\r\n\r\n");
            RawClient.Response r = c.read();
            assertEquals("GET /old", r.text());
            assertEquals("8", r.header("Content-Length"));
            assertTrue(r.closes());
            assertTrue(c.awaitClosed());
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void http10WithKeepAliveStaysOpen(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, Handlers.ECHO)) {
            RawClient c = s.connect();
            for (int i = 0; i < 3; i++) {
                c.send("GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
                RawClient.Response r = c.read();
                assertEquals("keep-alive", r.header("Connection"));
                assertEquals("GET /old", r.text());
            }
            c.send("GET /last HTTP/1.0\r\n\r\n");
            assertTrue(c.read().closes());
            assertTrue(c.awaitClosed());
        }
    }

    @Test
    void http10PipelinedWithKeepAlive() throws Exception {
        try (TestServer s = TestServer.start(ExecutionMode.POOL, Handlers.ECHO)) {
            RawClient c = s.connect();
            c.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\nPOST /b HTTP/1.0\r\nConnection: keep-alive\r\n"
                    + "Content-Length: 3\r\n\r\nxyzGET /c HTTP/1.0\r\n\r\n");
            assertEquals("GET /a", c.read().text());
            assertEquals("xyz", c.read().text());
            RawClient.Response last = c.read();
            assertEquals("GET /c", last.text());
            assertTrue(last.closes());
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void reaperClosesIdleConnections(ExecutionMode mode) throws Exception {
        ServerConfig config = TestServer.config(mode).keepAliveTimeoutMillis(300);
        try (TestServer s = TestServer.start(config, Handlers.ECHO)) {
            RawClient idleFromStart = s.connect();
            RawClient idleAfterRequest = s.connect();
            idleAfterRequest.send(Handlers.get("/once"));
            assertEquals(200, idleAfterRequest.read().status);
            assertTrue(idleAfterRequest.awaitClosed(), "idle keep-alive connection reaped");
            assertTrue(idleFromStart.awaitClosed(), "connection that never sent anything reaped");
            awaitOpenConnections(s, 0);
        }
    }

    @Test
    void busyConnectionIsNotReaped() throws Exception {
        ServerConfig config = TestServer.config(ExecutionMode.POOL).keepAliveTimeoutMillis(1500);
        try (TestServer s = TestServer.start(config, Handlers.ECHO)) {
            RawClient c = s.connect();
            for (int i = 0; i < 30; i++) { // ~3 s, twice the idle timeout
                c.send(Handlers.get("/busy/" + i));
                assertEquals("GET /busy/" + i, c.read().text());
                Thread.sleep(100);
            }
        }
    }

    static void awaitOpenConnections(TestServer s, int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (s.server.openConnections() != n && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(n, s.server.openConnections(), "open connections");
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void halfClosedClientStillGetsItsResponses(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, Handlers.ECHO)) {
            RawClient c = s.connect();
            c.send(Handlers.get("/1") + "POST /2 HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc" + Handlers.get("/3"));
            c.shutdownOutput();
            assertEquals("GET /1", c.read().text());
            assertEquals("abc", c.read().text());
            assertEquals("GET /3", c.read().text());
            assertTrue(c.awaitClosed());
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void http10HeadWithKeepAlive(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, Handlers.ECHO)) {
            RawClient c = s.connect();
            c.send("HEAD /h HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /g HTTP/1.0\r\n\r\n");
            RawClient.Response head = c.read(true);
            assertEquals("keep-alive", head.header("Connection"));
            assertEquals("7", head.header("Content-Length"));
            assertEquals("GET /g", c.read().text());
            assertTrue(c.awaitClosed());
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void closingTheBodyStreamEndsTheResponseCleanly(ExecutionMode mode) throws Exception {
        HttpHandler h = ex -> {
            var out = ex.response().output();
            out.write("one".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (ex.request().pathEquals("/flushed")) {
                ex.response().flush();
                out.write("two".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            out.close();
            try {
                out.write('x');
            } catch (java.io.IOException expected) {
                return;
            }
            throw new AssertionError("write after close accepted");
        };
        try (TestServer s = TestServer.start(mode, h)) {
            RawClient c = s.connect();
            c.send(Handlers.get("/flushed") + Handlers.get("/plain") + Handlers.get("/flushed"));
            assertEquals("onetwo", c.read().text());
            assertEquals("one", c.read().text());
            assertEquals("onetwo", c.read().text());
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void connectionCloseSetAsAHeaderByTheHandlerClosesTheConnection(ExecutionMode mode) throws Exception {
        HttpHandler handler = ex -> {
            ex.response().setHeader("Connection", "close");
            ex.response().output().write('x');
        };
        try (TestServer s = TestServer.start(mode, handler)) {
            RawClient c = s.connect();
            c.send(Handlers.get("/1") + Handlers.get("/2"));
            RawClient.Response r = c.read();
            assertEquals("x", r.text());
            assertTrue(r.closes(), "the engine announces the close the handler asked for");
            assertTrue(c.awaitClosed(), "and closes: /2 is not answered");
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void absoluteFormWithoutPathMeansTheRoot(ExecutionMode mode) throws Exception {
        HttpHandler handler = ex -> ex.response().output().write(
                (ex.request().path() + " " + ex.request().rawPath() + " " + ex.request().query())
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        try (TestServer s = TestServer.start(mode, handler)) {
            RawClient c = s.connect();
            c.send("GET http://example.org HTTP/1.1\r\nHost: example.org\r\n\r\n"
                    + "GET http://example.org?a=1 HTTP/1.1\r\nHost: example.org\r\n\r\n");
            assertEquals("/ / null", c.read().text());
            assertEquals("/ / a=1", c.read().text());
        }
    }
}
