package io.subito.bench.server;

import io.subito.container.HttpExchange;
import io.subito.container.HttpHandler;
import io.subito.container.HttpResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark handler: {@code GET /plaintext} answers {@code Hello, World!} and {@code GET /json}
 * a constant {@code {"message":"Hello, World!"}} (as peer-bench's servers); anything else 404.
 */
public final class PlaintextHandler implements HttpHandler {
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] JSON = "{\"message\":\"Hello, World!\"}".getBytes(StandardCharsets.ISO_8859_1);

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        HttpResponse r = exchange.response();
        if (exchange.request().pathEquals("/plaintext")) {
            r.setHeader("Content-Type", "text/plain");
            r.output().write(HELLO);
        } else if (exchange.request().pathEquals("/json")) {
            r.setHeader("Content-Type", "application/json");
            r.output().write(JSON);
        } else {
            r.status(404);
        }
    }
}
