package io.subito.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The benchmark handler: {@code GET /plaintext} answers {@code Hello, World!}; anything else 404. */
public final class PlaintextHandler implements HttpHandler {
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.ISO_8859_1);

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        HttpResponse r = exchange.response();
        if (!exchange.request().pathEquals("/plaintext")) {
            r.status(404);
            return;
        }
        r.setHeader("Content-Type", "text/plain");
        r.output().write(HELLO);
    }
}
