package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine owns framing: a handler that declares a Content-Length and then writes more or
 * fewer bytes must not desynchronise the connection for the responses behind it.
 */
class ResponseLengthTest {
    private static final String MODES = "io.subito.container.TestServer#modes";

    private static HttpHandler declares(int declared, int written, boolean flushFirst) {
        return ex -> {
            if (ex.request().pathEquals("/bad")) {
                ex.response().contentLength(declared);
                if (flushFirst) {
                    ex.response().flush();
                }
                ex.response().output().write("x".repeat(written).getBytes(StandardCharsets.UTF_8));
            } else {
                Handlers.ECHO.handle(ex);
            }
        };
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void bytesBeyondTheDeclaredLengthAreNotSent(ExecutionMode mode) throws Exception {
        for (boolean flushFirst : new boolean[] {false, true}) {
            try (TestServer s = TestServer.start(mode, declares(3, 10, flushFirst))) {
                RawClient c = s.connect();
                c.send(Handlers.get("/bad") + Handlers.get("/next", "X-Id: n"));
                RawClient.Response r = c.read();
                assertEquals("3", r.header("Content-Length"));
                assertEquals("xxx", r.text());
                RawClient.Response next = c.read();
                assertEquals(200, next.status, "next response intact (flushFirst=" + flushFirst + ")");
                assertEquals("n", next.header("X-Id"));
            }
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void responseShorterThanDeclaredEndsTheConnection(ExecutionMode mode) throws Exception {
        for (boolean flushFirst : new boolean[] {false, true}) {
            try (TestServer s = TestServer.start(mode, declares(10, 3, flushFirst))) {
                RawClient c = s.connect();
                c.send(Handlers.get("/bad") + Handlers.get("/next", "X-Id: n"));
                // 10 bytes promised, 3 sent: the client must see the body cut short by a close,
                // never the next response's bytes taken as the rest of this body
                IOException e = assertThrows(IOException.class, c::read, "flushFirst=" + flushFirst);
                assertTrue(e.getMessage().contains("body"), e.getMessage());
            }
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void headWithADeclaredLengthAndNoBodyKeepsTheConnection(ExecutionMode mode) throws Exception {
        HttpHandler h = ex -> {
            ex.response().contentLength(12345);
            if (ex.request().pathEquals("/flush")) {
                ex.response().flush();
            }
        };
        try (TestServer s = TestServer.start(mode, h)) {
            RawClient c = s.connect();
            c.send("HEAD /a HTTP/1.1\r\nHost: t\r\n\r\nHEAD /flush HTTP/1.1\r\nHost: t\r\n\r\n");
            for (int i = 0; i < 2; i++) {
                RawClient.Response r = c.read(true);
                assertEquals("12345", r.header("Content-Length"));
                org.junit.jupiter.api.Assertions.assertFalse(r.closes());
            }
            c.send("HEAD /again HTTP/1.1\r\nHost: t\r\n\r\n");
            assertEquals("12345", c.read(true).header("Content-Length"));
        }
    }
}
