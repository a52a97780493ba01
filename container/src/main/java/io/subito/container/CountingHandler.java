package io.subito.container;

import io.subito.container.http.MalformedBodyException;

/**
 * Wraps the server's handler to count each response in its loop's {@link LoopStats}, without
 * touching the connection's code: status and body bytes when the handler returns, or, for a
 * request that went async, when it completes ({@link HttpExchange#complete()}).
 */
final class CountingHandler implements HttpHandler {
    private final HttpHandler next;

    CountingHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handle(HttpExchange ex) throws Exception {
        try {
            next.handle(ex);
        } catch (Throwable t) {
            // the connection answers it with the body's 4xx or with 500 (or cuts a committed response)
            int status = t instanceof MalformedBodyException bad ? bad.status() : 500;
            ex.stats.served(status, ex.requestBytesRead(), ex.response().bytesWritten());
            throw t;
        }
        // not once it went async, even if already completed: complete() counts that response (a
        // check of "still async" here lost the count when complete() ran between it and the return)
        if (!ex.asyncTouched()) {
            ex.countServed();
        }
    }
}
