package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.support.Http;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** TRACE is refused with 405 unless allowTrace is set, as Tomcat's connector does. */
class TraceTest {
    /** HttpServlet's own doTrace echoes the request; counts how often an application got to. */
    public static class Echo extends HttpServlet {
        private static final long serialVersionUID = 1L;
        final AtomicInteger traces = new AtomicInteger();

        @Override
        protected void doTrace(HttpServletRequest req, HttpServletResponse res) throws jakarta.servlet.ServletException, IOException {
            traces.incrementAndGet();
            super.doTrace(req, res);
        }
    }

    private static Subito start(Echo echo, boolean allowTrace) throws Exception {
        return Subito.builder().port(0).config(c -> c.allowTrace(allowTrace))
                .context("/app", ctx -> ctx.addServlet("echo", echo).addMapping("/echo"))
                .start();
    }

    @Test
    void traceIsAnswered405ByDefaultWithoutReachingTheApplication() throws Exception {
        Echo echo = new Echo();
        try (Subito s = start(echo, new io.subito.container.ServerConfig().allowTrace())) {
            Http.Reply r = Http.request(s.port(), "TRACE", "/app/echo", "Cookie: secret=1");
            assertEquals(405, r.status());
            assertEquals("GET, HEAD, POST, PUT, DELETE, OPTIONS", r.header("Allow"));
            assertFalse(r.body().contains("secret"), r.body());
            assertEquals(0, echo.traces.get());
            Http.Reply nowhere = Http.request(s.port(), "TRACE", "/no/such/app");
            assertEquals(405, nowhere.status(), "refused whatever the path");
        }
    }

    @Test
    void optionsAsteriskDoesNotOfferTraceWhileItIsRefused() throws Exception {
        try (Subito s = start(new Echo(), false); Http h = new Http(s.port())) {
            h.raw("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n");
            Http.Reply r = h.read(false);
            assertEquals(200, r.status());
            assertFalse(r.header("Allow").contains("TRACE"), r.header("Allow"));
        }
    }

    @Test
    void withAllowTraceTheServletEchoesTheRequest() throws Exception {
        Echo echo = new Echo();
        try (Subito s = start(echo, true)) {
            Http.Reply r = Http.request(s.port(), "TRACE", "/app/echo", "X-Probe: 42");
            assertEquals(200, r.status());
            assertTrue(r.body().startsWith("TRACE /app/echo HTTP/1.1"), r.body());
            assertTrue(r.body().contains("X-Probe: 42"), r.body());
            assertEquals(1, echo.traces.get());
            try (Http h = new Http(s.port())) {
                h.raw("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n");
                assertTrue(h.read(false).header("Allow").contains("TRACE"));
            }
        }
    }
}
