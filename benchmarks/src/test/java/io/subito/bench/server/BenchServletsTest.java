package io.subito.bench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.subito.container.RawClient;
import io.subito.servlet.Subito;
import org.junit.jupiter.api.Test;

/** The benchmark servlets answer exactly what the benchmark and the soak's order checker expect. */
class BenchServletsTest {
    @Test
    void plaintextAndJson() throws Exception {
        try (Subito s = Subito.builder().port(0).context("", ctx -> {
            ctx.addServlet("plaintext", new BenchServlets.Plaintext()).addMapping("/plaintext");
            ctx.addServlet("json", new BenchServlets.Json()).addMapping("/json");
        }).start(); RawClient c = new RawClient(s.port())) {
            c.send("GET /plaintext HTTP/1.1\r\nHost: t\r\n\r\nGET /json HTTP/1.1\r\nHost: t\r\n\r\n");
            RawClient.Response p = c.read();
            assertEquals("Hello, World!", p.text());
            assertEquals("text/plain", p.header("Content-Type"));
            assertEquals("13", p.header("Content-Length"));
            RawClient.Response j = c.read();
            assertEquals("{\"message\":\"Hello, World!\"}", j.text());
            assertEquals("application/json", j.header("Content-Type"));
        }
    }

    @Test
    void echoAnswersTheRequestIdAndBody() throws Exception {
        try (Subito s = Subito.builder().port(0).context("", ctx ->
                ctx.addServlet("echo", new BenchServlets.Echo()).addMapping("/echo")).start();
             RawClient c = new RawClient(s.port())) {
            c.send("GET /echo HTTP/1.1\r\nHost: t\r\nX-Request-Id: 3-17\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: t\r\nX-Request-Id: 3-18\r\nContent-Length: 7\r\n\r\npayload");
            RawClient.Response g = c.read();
            assertEquals("3-17:", g.text());
            assertEquals("3-17", g.header("X-Request-Id"));
            assertEquals("3-18:payload", c.read().text());
        }
    }
}
