package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The benchmark handler answers exactly what peer-bench's check expects. */
class PlaintextHandlerTest {
    @Test
    void plaintextJsonAndNotFound() throws Exception {
        try (TestServer s = TestServer.start(ExecutionMode.INLINE, new PlaintextHandler())) {
            RawClient c = s.connect();
            c.send(Handlers.get("/plaintext") + Handlers.get("/json") + Handlers.get("/other"));
            RawClient.Response plain = c.read();
            assertEquals(200, plain.status);
            assertEquals("text/plain", plain.header("Content-Type"));
            assertEquals("Hello, World!", plain.text());
            RawClient.Response json = c.read();
            assertEquals("application/json", json.header("Content-Type"));
            assertEquals("{\"message\":\"Hello, World!\"}", json.text());
            assertEquals(404, c.read().status);
        }
    }
}
