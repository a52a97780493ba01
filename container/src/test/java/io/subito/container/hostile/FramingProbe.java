package io.subito.container.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.RawClient;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sends one {@link FramingCase} on a fresh raw connection, followed by a complete request for
 * {@link #NEXT}, and checks the outcome against what the server side saw. Shared by the engine
 * corpus and the servlet-bridge run, so both hold the server to the same rules.
 */
public final class FramingProbe {
    /** The path of the well-formed request sent after every case. */
    public static final String NEXT = "/next";
    private static final String NEXT_REQUEST = "GET " + NEXT + " HTTP/1.1\r\nHost: t\r\nX-Id: next\r\n\r\n";

    private final int port;
    /** Paths the server's handler or servlet ran for, in order; the server side adds to it. */
    private final List<String> seen = new CopyOnWriteArrayList<>();

    public FramingProbe(int port) {
        this.port = port;
    }

    /** Called by the server-side handler for every request it runs. */
    public void ran(String path) {
        seen.add(path);
    }

    public void check(FramingCase c) throws IOException {
        seen.clear();
        try (RawClient client = new RawClient(port)) {
            client.send(c.bytes());
            client.send(NEXT_REQUEST);
            RawClient.Response first = client.read();
            assertEquals(c.status(), first.status, () -> c.name() + ": " + first);
            if (c.refused()) {
                checkRefusal(c, client, first);
            } else {
                checkFramedExactly(c, client);
            }
        }
        assertFalse(seen.contains(FramingCase.HIDDEN), c.name() + ": a request hidden in the case ran: " + seen);
    }

    /**
     * For a handler that answers without reading the body: the response may already be out when
     * the engine, skipping the unread body, finds it malformed. Then there is exactly that one
     * response, the connection closes, and nothing after the broken body runs.
     */
    public void checkUnreadBody(FramingCase c) throws IOException {
        seen.clear();
        try (RawClient client = new RawClient(port)) {
            client.send(c.bytes());
            client.send(NEXT_REQUEST);
            RawClient.Response first = client.read();
            assertFalse(first.status == 500, () -> c.name() + ": " + first);
            assertTrue(client.awaitClosed(), c.name() + ": connection left open after an unreadable body");
        }
        assertFalse(seen.contains(NEXT), c.name() + ": the request after a broken body ran");
        assertFalse(seen.contains(FramingCase.HIDDEN), c.name() + ": a request hidden in the body ran: " + seen);
    }

    /** One response, marked as closing, then the end of the stream: nothing after the refusal ran. */
    private void checkRefusal(FramingCase c, RawClient client, RawClient.Response first) throws IOException {
        assertTrue(first.closes(), c.name() + ": refusal without Connection: close: " + first);
        assertTrue(client.awaitClosed(), c.name() + ": connection left open after the refusal");
        assertFalse(seen.contains(NEXT), c.name() + ": the request after a refusal ran");
        // a row refused for its head never reaches the handler; one refused for its body reaches it once
        assertTrue(seen.size() <= (c.bodyLevel() ? 1 : 0), c.name() + ": the handler ran for " + seen);
    }

    /** The request after an accepted case is answered as the next request, on a connection kept open. */
    private void checkFramedExactly(FramingCase c, RawClient client) throws IOException {
        RawClient.Response second = client.read();
        assertEquals(200, second.status, () -> c.name() + ": " + second);
        assertEquals("next", second.header("X-Id"), c.name() + ": second response is not the next request's");
        assertFalse(second.closes(), c.name() + ": connection closed after a well-framed request");
        assertEquals(2, seen.size(), c.name() + ": exactly the case and the next request run, but ran " + seen);
        assertEquals(NEXT, seen.get(1), c.name() + ": ran " + seen);
    }
}
