package io.subito.container.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.subito.container.ExecutionMode;
import io.subito.container.Handlers;
import io.subito.container.RawClient;
import io.subito.container.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A pipelining client far past the per-connection cap ({@code maxPipelined}) and the input
 * buffer, that does not read until it has sent for a while: the server must push back (stop
 * reading while its responses cannot leave) rather than buffer without bound, and must answer
 * every request, in order, with its own body.
 */
class PipelineFloodTest {
    private static final int REQUESTS = 5000;

    @ParameterizedTest
    @MethodSource("io.subito.container.TestServer#modes")
    void everyRequestOfAFloodIsAnsweredInOrder(ExecutionMode mode) throws Exception {
        var config = TestServer.config(mode).maxPipelined(8).ioTimeoutMillis(60_000);
        try (TestServer s = TestServer.start(config, Handlers.ECHO)) {
            RawClient c = s.connect();
            AtomicReference<Throwable> sendFailure = new AtomicReference<>();
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < REQUESTS; i += 100) {
                        c.send(batch(i, Math.min(i + 100, REQUESTS)));
                    }
                } catch (Exception e) {
                    sendFailure.set(e);
                }
            });
            // let requests pile up unread before reading the first response
            Thread.sleep(500);
            c.soTimeout(30_000);
            for (int i = 0; i < REQUESTS; i++) {
                RawClient.Response r = c.read();
                assertEquals(200, r.status, "request " + i);
                assertEquals(Integer.toString(i), r.header("X-Id"), "responses out of order");
                assertEquals(expectedBody(i), r.text(), "body of request " + i);
                assertFalse(r.closes(), "connection closed at request " + i);
            }
            sender.get(60, TimeUnit.SECONDS);
            assertNull(sendFailure.get(), "sending failed");
        }
    }

    /** Requests {@code from..to}: GETs, Content-Length POSTs and chunked POSTs in turn. */
    private static byte[] batch(int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
            String id = "X-Id: " + i;
            String r = switch (i % 3) {
                case 0 -> Handlers.get("/f/" + i, id);
                case 1 -> "POST /f/" + i + " HTTP/1.1\r\nHost: t\r\n" + id + "\r\nContent-Length: "
                        + expectedBody(i).length() + "\r\n\r\n" + expectedBody(i);
                default -> "POST /f/" + i + " HTTP/1.1\r\nHost: t\r\n" + id + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + Integer.toHexString(expectedBody(i).length()) + "\r\n" + expectedBody(i) + "\r\n0\r\n\r\n";
            };
            out.writeBytes(r.getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    private static String expectedBody(int i) {
        return i % 3 == 0 ? "GET /f/" + i : "body-" + i;
    }
}
