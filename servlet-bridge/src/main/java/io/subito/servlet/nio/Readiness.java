package io.subito.servlet.nio;

import java.io.IOException;

/** One direction of a socket that a listener is driven over: the request body, the response, or an upgraded stream. */
public interface Readiness {
    /** Whether the next read or write returns without waiting for the client. */
    boolean readyNow() throws IOException;

    /** {@code r} runs once, on the selector loop, when the socket becomes ready (or closes). */
    void whenReady(Runnable r);
}
