package io.subito.container.h2spec;

import io.subito.container.ExecutionMode;
import io.subito.container.Handlers;
import io.subito.container.HttpHandler;
import io.subito.container.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The running server of a conformance class (one per class, a connection per case), serving
 * what h2spec expects of the path it is pointed at: a response with a body of some bytes to
 * GET, the request body back to POST. {@code /held} keeps its handler (and so its stream) until
 * the case ends, for the cases that need a stream still open on the server.
 */
abstract class H2specServer {
    static final byte[] BODY = "HTTP/2 conformance: the response body of /".getBytes(StandardCharsets.US_ASCII);
    /** Fields of the response to {@code /big-head}: a field block of about 4.5 KB. */
    static final int BIG_HEAD_FIELDS = 40;
    private static volatile CountDownLatch held = new CountDownLatch(1);

    static final HttpHandler HANDLER = exchange -> {
        if ("/held".equals(exchange.request().path())) {
            held.await(20, TimeUnit.SECONDS);
        }
        byte[] body = Handlers.readAll(exchange.requestBody());
        var res = exchange.response();
        if ("/big-head".equals(exchange.request().path())) {
            for (int i = 0; i < BIG_HEAD_FIELDS; i++) {
                res.setHeader("x-big-" + i, "v" + i + "-" + "x".repeat(100));
            }
        }
        res.setHeader("content-type", "text/plain");
        if (!exchange.trailers().isEmpty()) {
            res.setHeader("x-trailers", exchange.trailers().toString());
        }
        res.output().write(body.length > 0 ? body : BODY);
    };

    static TestServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = TestServer.start(ExecutionMode.POOL, HANDLER);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void releaseHeldHandlers() {
        CountDownLatch l = held;
        held = new CountDownLatch(1);
        l.countDown();
    }

    static H2specConnection handshake() throws IOException {
        return H2specConnection.handshake(server.port());
    }
}
