package io.subito.deploy;

import io.subito.container.HttpExchange;
import io.subito.container.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The server's own 503 answers: while it starts, and at the path of an app that failed to deploy. */
final class Unavailable {
    private Unavailable() {
    }

    /**
     * A bare 503 page (no detail for the client: the log has it).
     *
     * @param retryAfterSeconds sent as {@code Retry-After}, or 0 for none
     */
    static void answer(HttpExchange ex, int retryAfterSeconds) throws IOException {
        byte[] body = "HTTP Status 503 - Service Unavailable".getBytes(StandardCharsets.UTF_8);
        HttpResponse r = ex.response();
        r.status(503);
        if (retryAfterSeconds > 0) {
            r.setHeader("Retry-After", Integer.toString(retryAfterSeconds));
        }
        r.setHeader("Content-Type", "text/plain;charset=utf-8");
        r.contentLength(body.length);
        r.output().write(body);
    }
}
