package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine's exchange is pooled per loop. A handler that keeps it past completion (a
 * contract violation the servlet bridge never commits) must at least not be able to put
 * anything into a later response while the exchange waits in the pool, nor read the finished
 * request from the recycled head.
 */
class RecyclingTest {
    private static final String MODES = "io.subito.container.TestServer#modes";
    private static final byte[] LEAK = "LEAK".getBytes(StandardCharsets.US_ASCII);

    /** Keeps the exchange of /keep; answers every request with its X-Id. */
    private static HttpHandler keeping(AtomicReference<HttpExchange> kept) {
        return ex -> {
            if (ex.request().path().equals("/keep")) {
                kept.set(ex);
            }
            Handlers.ECHO.handle(ex);
        };
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void keptResponseCannotWriteIntoTheNextResponse(ExecutionMode mode) throws Exception {
        AtomicReference<HttpExchange> kept = new AtomicReference<>();
        try (TestServer s = TestServer.start(mode, keeping(kept))) {
            RawClient c = s.connect();
            c.send(Handlers.get("/keep", "X-Id: 1", "X-Secret: first"));
            assertEquals("1", c.read().header("X-Id"));

            HttpExchange stale = kept.get();
            HttpResponse old = stale.response();
            assertThrows(IOException.class, () -> old.output().write(LEAK));
            old.status(418);
            old.setHeader("X-Leak", "yes");
            old.addHeader("Set-Cookie", "leak=yes");
            old.contentLength(1);
            old.flush(); // must not send anything of its own
            assertNull(stale.request().header("X-Secret"), "the recycled head holds nothing of the finished request");

            c.send(Handlers.get("/next", "X-Id: 2"));
            RawClient.Response next = c.read();
            assertEquals(200, next.status);
            assertEquals("2", next.header("X-Id"));
            assertFalse(next.hasHeader("X-Leak"));
            assertFalse(next.hasHeader("Set-Cookie"));
            assertEquals("GET /next", next.text());
        }
    }

    /**
     * Exchanges are pooled per loop, so the one kept from connection a is the next one any
     * connection of that loop takes. Between requests it is inert: what a stale holder does to it
     * while no request holds it reaches neither connection. (During another request it is that
     * request's exchange: keeping one is outside the handler contract; servlet applications never
     * see it, and the bridge's RecyclingLeakTest proves their kept objects reach nothing of a
     * later request, on the same connection or another.)
     */
    @ParameterizedTest
    @MethodSource(MODES)
    void keptExchangeIsInertUntilAnotherConnectionTakesIt(ExecutionMode mode) throws Exception {
        AtomicReference<HttpExchange> kept = new AtomicReference<>();
        try (TestServer s = TestServer.start(TestServer.config(mode).loops(1), keeping(kept))) {
            RawClient a = s.connect();
            a.send(Handlers.get("/keep", "X-Id: a1", "X-Secret: from-a"));
            assertEquals("a1", a.read().header("X-Id"));

            HttpExchange stale = kept.get();
            assertNull(stale.request().header("X-Secret"), "the pooled exchange holds nothing of the finished request");
            assertNull(stale.request().path());
            assertThrows(IOException.class, () -> stale.response().output().write(LEAK));
            stale.response().setHeader("X-Leak", "yes");
            stale.response().status(418);
            stale.response().flush();

            RawClient b = s.connect();
            b.send(Handlers.get("/other", "X-Id: b1"));
            RawClient.Response other = b.read();
            assertEquals(200, other.status);
            assertEquals("b1", other.header("X-Id"));
            assertFalse(other.hasHeader("X-Leak"));
            assertEquals("GET /other", other.text());

            a.send(Handlers.get("/after", "X-Id: a2"));
            RawClient.Response after = a.read();
            assertEquals("a2", after.header("X-Id"));
            assertFalse(after.hasHeader("X-Leak"));
            assertEquals("GET /after", after.text());
        }
    }
}
