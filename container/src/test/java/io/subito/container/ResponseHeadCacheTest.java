package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A connection reuses its last encoded head when the next response is made of the same parts;
 * any difference (status, a header value, a header more or less, length, framing) must show.
 */
class ResponseHeadCacheTest {
    static final String TEXT = "text/plain";

    static final HttpHandler HANDLER = ex -> {
        HttpResponse r = ex.response();
        String path = ex.request().path();
        switch (path) {
            case "/same" -> r.setHeader("Content-Type", TEXT);
            case "/other-value" -> r.setHeader("Content-Type", "text/html");
            case "/equal-but-new-string" -> r.setHeader("Content-Type", new String("text/plain"));
            case "/status" -> {
                r.status(404);
                r.setHeader("Content-Type", TEXT);
            }
            case "/more" -> {
                r.setHeader("Content-Type", TEXT);
                r.setHeader("X-More", "1");
            }
            case "/none" -> {
            }
            case "/longer" -> r.setHeader("Content-Type", TEXT);
            default -> r.status(500);
        }
        byte[] body = (path.equals("/longer") ? "a longer body" : "body").getBytes(StandardCharsets.US_ASCII);
        r.output().write(body);
    };

    @Test
    void everyDifferenceShowsOnTheWire() throws Exception {
        try (TestServer server = TestServer.start(ExecutionMode.INLINE, HANDLER)) {
            RawClient c = server.connect();
            for (int round = 0; round < 2; round++) {
                check(c, "/same", 200, TEXT, null, 4);
                check(c, "/same", 200, TEXT, null, 4);
                check(c, "/other-value", 200, "text/html", null, 4);
                check(c, "/same", 200, TEXT, null, 4);
                check(c, "/equal-but-new-string", 200, TEXT, null, 4);
                check(c, "/status", 404, TEXT, null, 4);
                check(c, "/more", 200, TEXT, "1", 4);
                check(c, "/same", 200, TEXT, null, 4);
                check(c, "/none", 200, null, null, 4);
                check(c, "/longer", 200, TEXT, null, 13);
                check(c, "/same", 200, TEXT, null, 4);
            }
            c.send("GET /same HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            RawClient.Response closing = c.read();
            assertEquals("close", closing.header("connection"));
            assertEquals("4", closing.header("content-length"));
        }
    }

    private static void check(RawClient c, String path, int status, String type, String more, int length)
            throws Exception {
        c.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
        RawClient.Response r = c.read();
        assertEquals(status, r.status, path);
        if (type == null) {
            assertFalse(r.hasHeader("content-type"), path);
        } else {
            assertEquals(type, r.header("content-type"), path);
        }
        if (more == null) {
            assertNull(r.hasHeader("x-more") ? "present" : null, path);
        } else {
            assertEquals(more, r.header("x-more"), path);
        }
        assertEquals(String.valueOf(length), r.header("content-length"), path);
        assertFalse(r.hasHeader("connection"), path);
        assertEquals(1, r.headers.get("date").size(), path);
    }
}
