package io.subito.servlet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.subito.servlet.Subito;
import io.subito.servlet.support.Http;
import org.junit.jupiter.api.Test;

/** The two benchmark servlets answer exactly what the benchmark expects. */
class BenchServletsTest {
    @Test
    void plaintextAndJson() throws Exception {
        try (Subito s = Subito.builder().port(0).context("", ctx -> {
            ctx.addServlet("plaintext", new BenchServlets.Plaintext()).addMapping("/plaintext");
            ctx.addServlet("json", new BenchServlets.Json()).addMapping("/json");
        }).start(); Http h = new Http(s.port())) {
            Http.Reply p = h.send("GET", "/plaintext", null);
            assertEquals("Hello, World!", p.body());
            assertEquals("text/plain", p.header("Content-Type"));
            assertEquals("13", p.header("Content-Length"));
            Http.Reply j = h.send("GET", "/json", null);
            assertEquals("{\"message\":\"Hello, World!\"}", j.body());
            assertEquals("application/json", j.header("Content-Type"));
        }
    }

    @Test
    void echoAnswersTheRequestIdAndBody() throws Exception {
        try (Subito s = Subito.builder().port(0).context("", ctx ->
                ctx.addServlet("echo", new BenchServlets.Echo()).addMapping("/echo")).start();
             Http h = new Http(s.port())) {
            Http.Reply g = h.send("GET", "/echo", null, "X-Request-Id: 3-17");
            assertEquals("3-17:", g.body());
            assertEquals("3-17", g.header("X-Request-Id"));
            assertEquals("3-18:payload", h.send("POST", "/echo", "payload", "X-Request-Id: 3-18").body());
        }
    }
}
