package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import java.io.UnsupportedEncodingException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the container keeps from one request for the next (the filter chain object, the default
 * mapping's match, the last character encoding looked up, the request listeners' event) never
 * shows one request's data in another, over many requests on one connection.
 */
class PerRequestReuseTest {
    static Subito server;
    static int port;
    static final AtomicReference<FilterChain> keptChain = new AtomicReference<>();
    static final AtomicInteger destroyed = new AtomicInteger();
    static final AtomicInteger mismatched = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0).context("/r", ctx -> {
            ctx.addFilter("outer", (req, res, chain) -> {
                res.getWriter().print("(");
                chain.doFilter(req, res);
                res.getWriter().print(")");
            }).addMappingForUrlPatterns(null, true, "/chain/*");
            ctx.addFilter("keeper", (req, res, chain) -> {
                keptChain.set(chain);
                chain.doFilter(req, res);
            }).addMappingForUrlPatterns(null, true, "/chain/*");
            ctx.addServlet("chained", Servlets.of((req, res) -> {
                res.getWriter().print(req.getPathInfo());
                if ("/forward".equals(req.getPathInfo())) {
                    req.getRequestDispatcher("/chain/forwarded").forward(req, res);
                }
            })).addMapping("/chain/*");
            ctx.addServlet("stale", Servlets.of((req, res) -> {
                try {
                    keptChain.get().doFilter(req, res);
                    res.getWriter().print("ran");
                } catch (IllegalStateException e) {
                    res.getWriter().print("refused");
                }
            })).addMapping("/stale");
            ctx.addServlet("default", Servlets.text(req -> req.getServletPath() + "|" + req.getPathInfo() + "|"
                    + req.getHttpServletMapping().getMappingMatch() + "|" + req.getHttpServletMapping().getPattern()
                    + "|" + req.getHttpServletMapping().getMatchValue())).addMapping("/");
            ctx.addFilter("onForward", (req, res, chain) -> {
                res.getWriter().print("[");
                chain.doFilter(req, res);
                res.getWriter().print("]");
            }).addMappingForUrlPatterns(java.util.EnumSet.of(jakarta.servlet.DispatcherType.FORWARD), true, "/chain/*");
            ctx.addServlet("encoding", Servlets.of((req, res) -> {
                try {
                    req.setCharacterEncoding(req.getHeader("X-Enc"));
                } catch (UnsupportedEncodingException e) {
                    res.getWriter().print("unsupported " + e.getMessage());
                    return;
                }
                res.setContentType("text/plain;charset=UTF-8");
                res.getWriter().print(req.getCharacterEncoding() + " " + req.getParameter("v"));
            })).addMapping("/encoding");
            ctx.addServlet("event", Servlets.text(req -> String.valueOf(req.getAttribute("initialized") == req)))
                    .addMapping("/event");
            ctx.addListener(new ServletRequestListener() {
                @Override
                public void requestInitialized(ServletRequestEvent e) {
                    e.getServletRequest().setAttribute("initialized", e.getServletRequest());
                }

                @Override
                public void requestDestroyed(ServletRequestEvent e) {
                    // the event of this request's end names this request, not one before it
                    destroyed.incrementAndGet();
                    if (e.getServletRequest().getAttribute("initialized") != e.getServletRequest()) {
                        mismatched.incrementAndGet();
                    }
                }
            });
        }).start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void theSameFiltersRunForEveryRequestOfAConnectionAndANestedDispatchGetsItsOwnChain() throws Exception {
        try (Http h = new Http(port)) {
            for (int i = 0; i < 5; i++) {
                assertEquals("(/x" + i + ")", h.send("GET", "/r/chain/x" + i, null).body());
            }
            // the forward's filters run while the request's chain is still in use; the forward resets
            // the buffer and closes the response, so the outer filters' output is gone
            assertEquals("[/forwarded]", h.send("GET", "/r/chain/forward", null).body());
            assertEquals("(/y)", h.send("GET", "/r/chain/y", null).body());
        }
    }

    @Test
    void aFilterChainKeptPastItsRequestRefusesToRunAgain() throws Exception {
        try (Http h = new Http(port)) {
            assertEquals("(/kept)", h.send("GET", "/r/chain/kept", null).body());
            assertEquals("refused", h.send("GET", "/r/stale", null).body());
        }
    }

    @Test
    void theDefaultServletsMatchNamesEachRequestsOwnPath() throws Exception {
        try (Http h = new Http(port)) {
            for (String path : new String[] {"/a", "/b/c", "/a", "/a", "/"}) {
                assertEquals(path + "|null|DEFAULT|/|", h.send("GET", "/r" + path, null).body());
            }
        }
    }

    @Test
    void eachRequestDecodesWithTheEncodingItSetEvenWhenTheNamesAlternate() throws Exception {
        String form = "Content-Type: application/x-www-form-urlencoded";
        try (Http h = new Http(port)) {
            for (int i = 0; i < 3; i++) {
                assertEquals("UTF-8 é", h.send("POST", "/r/encoding", "v=%C3%A9", form, "X-Enc: UTF-8").body());
                assertEquals("ISO-8859-1 Ã©", h.send("POST", "/r/encoding", "v=%C3%A9", form, "X-Enc: ISO-8859-1").body());
                assertEquals("utf-8 é", h.send("POST", "/r/encoding", "v=%C3%A9", form, "X-Enc: utf-8").body());
            }
            assertEquals("unsupported no-such-charset",
                    h.send("POST", "/r/encoding", "v=x", form, "X-Enc: no-such-charset").body());
            assertEquals("UTF-8 é", h.send("POST", "/r/encoding", "v=%C3%A9", form, "X-Enc: UTF-8").body());
        }
    }

    @Test
    void theRequestListenersSeeTheirOwnRequestAtBothEnds() throws Exception {
        int before = destroyed.get();
        try (Http h = new Http(port)) {
            for (int i = 0; i < 5; i++) {
                assertEquals("true", h.send("GET", "/r/event", null).body());
            }
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (destroyed.get() < before + 5 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(before + 5, destroyed.get(), "requestDestroyed calls");
        assertEquals(0, mismatched.get(), "requestDestroyed calls that saw another request");
    }
}
