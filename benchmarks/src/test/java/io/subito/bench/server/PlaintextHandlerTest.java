package io.subito.bench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.subito.container.LocalConnector;
import io.subito.container.RawClient;
import org.junit.jupiter.api.Test;

/** The benchmark handler answers exactly what peer-bench's check expects. */
class PlaintextHandlerTest {
    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n";
    }

    @Test
    void plaintextJsonAndNotFound() throws Exception {
        RawClient replies = RawClient.parsing(new LocalConnector(new PlaintextHandler())
                .responses(get("/plaintext") + get("/json") + get("/other")));
        RawClient.Response plain = replies.read();
        assertEquals(200, plain.status);
        assertEquals("text/plain", plain.header("Content-Type"));
        assertEquals("Hello, World!", plain.text());
        RawClient.Response json = replies.read();
        assertEquals("application/json", json.header("Content-Type"));
        assertEquals("{\"message\":\"Hello, World!\"}", json.text());
        assertEquals(404, replies.read().status);
    }
}
