package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How the bridge behaves on the engine: pipelining, HEAD, 100-continue, large bodies, OPTIONS *. */
class EngineIntegrationTest {
    static Subito server;
    static int port;

    public static class Get extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            res.setContentType("text/plain");
            res.getWriter().print("get " + req.getQueryString());
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0).context("", ctx -> {
            ctx.addServlet("get", new Get()).addMapping("/get");
            ctx.addServlet("echo", Servlets.of((req, res) -> {
                byte[] b = req.getInputStream().readAllBytes();
                res.getOutputStream().write(b);
            })).addMapping("/echo");
            ctx.addServlet("big", Servlets.of((req, res) -> {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < 20_000; i++) {
                    sb.append(i % 10);
                }
                res.getWriter().print(sb);
            })).addMapping("/big");
        }).start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void pipelinedRequestsAnswerInOrder() throws Exception {
        try (Http h = new Http(port)) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                sb.append("GET /get?").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            h.raw(sb.toString());
            for (int i = 0; i < 20; i++) {
                assertEquals("get " + i, h.read(false).body());
            }
        }
    }

    @Test
    void headOnAnOrdinaryServletSendsNoBody() throws Exception {
        try (Http h = new Http(port)) {
            Http.Reply head = h.send("HEAD", "/get?x", null);
            assertEquals(200, head.status());
            assertEquals("5", head.header("Content-Length"));
            assertEquals("get y", h.send("GET", "/get?y", null).body(), "the connection is still in step");
        }
    }

    @Test
    void expectContinueAndEcho() throws Exception {
        try (Http h = new Http(port)) {
            h.raw("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
            Http.Reply interim = h.read(false);
            assertEquals(100, interim.status());
            h.raw("hello");
            assertEquals("hello", h.read(false).body());
        }
    }

    @Test
    void largeBodyStreamsChunked() throws Exception {
        Http.Reply r = Http.get(port, "/big");
        assertEquals(20_000, r.bytes().length);
        assertEquals("chunked", r.header("Transfer-Encoding"));
    }

    @Test
    void methodNotImplementedByServletIs405() throws Exception {
        Http.Reply r = Http.post(port, "/get", "x");
        assertEquals(405, r.status());
    }

    @Test
    void optionsAsterisk() throws Exception {
        try (Http h = new Http(port)) {
            h.raw("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n");
            Http.Reply r = h.read(false);
            assertEquals(200, r.status());
            assertTrue(r.header("Allow").contains("GET"));
        }
    }

    @Test
    void badRequestFromTheEngineNeverReachesAServlet() throws Exception {
        try (Http h = new Http(port)) {
            h.raw("GET /get HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n");
            assertNotEquals(200, h.read(false).status());
        }
    }
}
