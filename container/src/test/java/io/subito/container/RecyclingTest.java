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
 * The engine's exchange is pooled per connection. A handler that keeps it past completion (a
 * contract violation the servlet bridge never commits) must at least not be able to put
 * anything into the connection's next response while the connection waits for it, nor read the
 * finished request from the recycled head.
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

    /** Inline with one loop: another connection's request runs on the very thread that kept the exchange. */
    @ParameterizedTest
    @MethodSource(MODES)
    void keptExchangeSeesNothingOfAnotherConnectionOnTheSameThread(ExecutionMode mode) throws Exception {
        AtomicReference<HttpExchange> kept = new AtomicReference<>();
        AtomicReference<String> seenByProbe = new AtomicReference<>();
        HttpHandler handler = ex -> {
            if (ex.request().path().equals("/probe")) {
                HttpExchange stale = kept.get();
                seenByProbe.set(stale.request().header("X-Secret") + "|" + stale.request().path());
                try {
                    stale.response().output().write(LEAK);
                    seenByProbe.set("stale write accepted");
                } catch (IOException expected) {
                    // the stale response is closed
                }
                stale.response().setHeader("X-Leak", "yes");
            }
            keeping(kept).handle(ex);
        };
        try (TestServer s = TestServer.start(TestServer.config(mode).loops(1), handler)) {
            RawClient a = s.connect();
            a.send(Handlers.get("/keep", "X-Id: a1"));
            assertEquals("a1", a.read().header("X-Id"));

            RawClient b = s.connect();
            b.send(Handlers.get("/probe", "X-Id: b1", "X-Secret: from-b"));
            RawClient.Response probe = b.read();
            assertEquals("b1", probe.header("X-Id"));
            assertFalse(probe.hasHeader("X-Leak"));
            assertEquals("null|null", seenByProbe.get());

            a.send(Handlers.get("/after", "X-Id: a2"));
            RawClient.Response after = a.read();
            assertEquals("a2", after.header("X-Id"));
            assertFalse(after.hasHeader("X-Leak"));
            assertEquals("GET /after", after.text());
        }
    }
}
