package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A failing handler gets a 500 without harming the connection or the other requests. */
class HandlerErrorTest {
    private static final String MODES = "io.subito.container.TestServer#modes";

    private static final HttpHandler THROWS_ON_BOOM = ex -> {
        String p = ex.request().path();
        if (p.equals("/boom")) {
            ex.response().setHeader("X-Partial", "yes");
            ex.response().output().write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IllegalStateException("boom");
        }
        if (p.equals("/boom-error")) {
            throw new AssertionError("an Error, not an Exception");
        }
        if (p.equals("/boom-after-commit")) {
            ex.response().output().write("committed".getBytes(StandardCharsets.UTF_8));
            ex.response().flush();
            throw new IllegalStateException("too late for a 500");
        }
        Handlers.ECHO.handle(ex);
    };

    @ParameterizedTest
    @MethodSource(MODES)
    void throwingHandlerGets500AndTheConnectionStaysUsable(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, THROWS_ON_BOOM)) {
            RawClient c = s.connect();
            c.send(Handlers.get("/ok", "X-Id: 1") + Handlers.get("/boom", "X-Id: 2") + Handlers.get("/ok", "X-Id: 3")
                    + Handlers.get("/boom-error") + Handlers.get("/ok", "X-Id: 5"));
            assertEquals("1", c.read().header("X-Id"));
            RawClient.Response boom = c.read();
            assertEquals(500, boom.status);
            assertFalse(boom.hasHeader("X-Partial"), "the failed response is replaced, not merged");
            assertFalse(boom.text().contains("partial"));
            assertFalse(boom.closes());
            assertEquals("3", c.read().header("X-Id"));
            assertEquals(500, c.read().status);
            assertEquals("5", c.read().header("X-Id"));
            c.send(Handlers.get("/ok", "X-Id: 6"));
            assertEquals("6", c.read().header("X-Id"));
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void failureAfterCommitEndsTheConnection(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(mode, THROWS_ON_BOOM)) {
            RawClient c = s.connect();
            c.send(Handlers.get("/boom-after-commit") + Handlers.get("/ok"));
            // the head went out as 200 chunked; the body must be cut short, never passed off as whole
            assertThrows(java.io.IOException.class, c::read, "a broken response must not end like a complete one");
            assertTrue(c.awaitClosed(), "closed after a failure mid-response");
        }
    }
}
