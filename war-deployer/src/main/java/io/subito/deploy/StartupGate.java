package io.subito.deploy;

import io.subito.container.HttpExchange;
import io.subito.container.HttpHandler;

/**
 * The server binds its port before deploying, so a port in use is reported at once rather than
 * after every app has started; until {@link #open()}, every request on every path gets 503 with
 * {@code Retry-After}. So no client (or load balancer's health check) gets a 404 for an app that
 * is still deploying, and none is served by a half-started server.
 */
final class StartupGate implements HttpHandler {
    /** Seconds a client is asked to wait before trying again. */
    static final int RETRY_AFTER_SECONDS = 2;

    private final HttpHandler next;
    private volatile boolean open;

    StartupGate(HttpHandler next) {
        this.next = next;
    }

    /** From now on requests go through: every app present at start has deployed or failed. */
    void open() {
        open = true;
    }

    boolean isOpen() {
        return open;
    }

    @Override
    public void handle(HttpExchange ex) throws Exception {
        if (open) {
            next.handle(ex);
        } else {
            Unavailable.answer(ex, RETRY_AFTER_SECONDS);
        }
    }
}
