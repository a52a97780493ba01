package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HttpServletResponse over real HTTP: types and charsets, output rules, buffer, redirects, cookies. */
class ResponseTest {
    static Subito server;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0).context("/r", ctx -> {
            ctx.addLocaleEncodingMapping("ja", "Shift_JIS");
            ctx.addServlet("charset", Servlets.of((req, res) -> {
                res.setContentType("text/html");
                res.getWriter().print("é");
                res.setCharacterEncoding("UTF-8"); // too late: the writer fixed the charset
            })).addMapping("/charset");
            ctx.addServlet("types", Servlets.of((req, res) -> {
                String t = req.getParameter("t");
                res.setContentType(t);
                if (req.getParameter("writer") != null) {
                    res.getWriter().print(res.getContentType());
                } else {
                    res.getOutputStream().print(String.valueOf(res.getContentType()));
                }
            })).addMapping("/types");
            ctx.addServlet("utf8", Servlets.of((req, res) -> {
                res.setContentType("text/plain; charset=UTF-8");
                res.getWriter().print("é€");
            })).addMapping("/utf8");
            ctx.addServlet("locale", Servlets.of((req, res) -> {
                res.setContentType("text/plain");
                res.setLocale(Locale.JAPANESE);
                res.getWriter().print(res.getCharacterEncoding() + " " + res.getContentType());
            })).addMapping("/locale");
            ctx.addServlet("exclusive", Servlets.of((req, res) -> {
                res.getOutputStream();
                String r;
                try {
                    res.getWriter();
                    r = "no";
                } catch (IllegalStateException e) {
                    r = "ISE";
                }
                res.getOutputStream().print(r);
            })).addMapping("/exclusive");
            ctx.addServlet("redirect", Servlets.of((req, res) -> res.sendRedirect("../target?x=1")))
                    .addMapping("/a/redirect");
            ctx.addServlet("redirect301", Servlets.of((req, res) -> res.sendRedirect("/elsewhere", 301)))
                    .addMapping("/redirect301");
            ctx.addServlet("cookie", Servlets.of((req, res) -> {
                Cookie c = new Cookie("k", "v");
                c.setPath("/r");
                c.setHttpOnly(true);
                c.setMaxAge(60);
                c.setAttribute("SameSite", "Strict");
                c.setAttribute("Partitioned", "");
                res.addCookie(c);
            })).addMapping("/cookie");
            ctx.addServlet("reset", Servlets.of((req, res) -> {
                res.setHeader("X-Gone", "1");
                res.setStatus(404);
                res.getWriter().print("discarded");
                res.reset();
                res.setContentType("text/plain");
                res.getOutputStream().print("after reset");
            })).addMapping("/reset");
            ctx.addServlet("commit", Servlets.of((req, res) -> {
                res.setContentType("text/plain");
                res.getWriter().print("part1 ");
                res.flushBuffer();
                boolean committed = res.isCommitted();
                String r;
                try {
                    res.reset();
                    r = "no";
                } catch (IllegalStateException e) {
                    r = "ISE";
                }
                res.setHeader("X-Late", "ignored");
                res.getWriter().print(committed + " " + r);
            })).addMapping("/commit");
            ctx.addServlet("length", Servlets.of((req, res) -> {
                res.setContentLength(5);
                res.getOutputStream().print("12345");
                res.getOutputStream().print("too much");
            })).addMapping("/length");
            ctx.addServlet("buffer", Servlets.of((req, res) -> {
                res.setBufferSize(4);
                res.getOutputStream().print("0123456789");
                res.getOutputStream().print(" " + res.isCommitted());
            })).addMapping("/buffer");
            ctx.addServlet("bufferLate", Servlets.of((req, res) -> {
                res.getOutputStream().print("x");
                try {
                    res.setBufferSize(100);
                    res.getOutputStream().print("no");
                } catch (IllegalStateException e) {
                    res.getOutputStream().print("ISE");
                }
            })).addMapping("/bufferLate");
            ctx.addServlet("headers", Servlets.of((req, res) -> {
                res.addHeader("X-A", "1");
                res.addHeader("X-A", "2");
                res.setIntHeader("X-I", 7);
                res.setDateHeader("X-D", 10_000);
                res.setHeader("Content-Type", "text/csv");
                res.getWriter().print(res.getHeaders("X-A") + " " + res.containsHeader("x-i") + " " + res.getContentType());
            })).addMapping("/headers");
            ctx.addServlet("trailers", Servlets.of((req, res) -> {
                res.setTrailerFields(() -> Map.of("x-checksum", "abc"));
                res.getWriter().print("body");
                res.flushBuffer();
            })).addMapping("/trailers");
        }).start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** The same connection switching content types back and forth gets each one exactly (nothing memoised leaks). */
    @Test
    void contentTypesChangeFreelyOnOneConnection() throws Exception {
        String[][] cases = {
            {"text/plain", "", "text/plain"},
            {"text/plain", "", "text/plain"},
            {"text/html;charset=UTF-8", "", "text/html;charset=UTF-8"},
            {"text/html;charset=ISO-8859-1", "", "text/html;charset=ISO-8859-1"},
            {"text/html;charset=UTF-8", "&writer", "text/html;charset=UTF-8"},
            {"text/plain", "&writer", "text/plain;charset=ISO-8859-1"},
            {"text/plain", "", "text/plain"},
        };
        try (io.subito.servlet.support.Http h = new io.subito.servlet.support.Http(port)) {
            for (String[] c : cases) {
                String target = "/r/types?t=" + java.net.URLEncoder.encode(c[0], java.nio.charset.StandardCharsets.UTF_8) + c[1];
                io.subito.servlet.support.Http.Reply r = h.send("GET", target, null);
                assertEquals(c[2], r.header("Content-Type").replace(" ", ""), target);
                assertEquals(c[2], r.body().replace(" ", ""), target);
            }
        }
    }

    @Test
    void writerDefaultsToIsoLatin1AndSaysSo() throws Exception {
        Http.Reply r = Http.get(port, "/r/charset");
        assertEquals("text/html;charset=ISO-8859-1", r.header("Content-Type"));
        assertEquals("é", r.body(StandardCharsets.ISO_8859_1));
    }

    @Test
    void charsetFromContentType() throws Exception {
        Http.Reply r = Http.get(port, "/r/utf8");
        assertEquals("text/plain;charset=UTF-8", r.header("Content-Type"));
        assertEquals("é€", r.body());
        assertEquals("5", r.header("Content-Length"));
    }

    @Test
    void localeEncodingMapping() throws Exception {
        Http.Reply r = Http.get(port, "/r/locale");
        assertEquals("Shift_JIS text/plain;charset=Shift_JIS", r.body());
        assertEquals("ja", r.header("Content-Language"));
    }

    @Test
    void streamAndWriterAreExclusive() throws Exception {
        assertEquals("ISE", Http.get(port, "/r/exclusive").body());
    }

    @Test
    void redirectLocationIsAPathResolvedAndNormalised() throws Exception {
        Http.Reply r = Http.get(port, "/r/a/redirect", "Host: h.example:9000");
        assertEquals(302, r.status());
        assertEquals("/r/target?x=1", r.header("Location"));
    }

    @Test
    void redirectWithStatus() throws Exception {
        Http.Reply r = Http.get(port, "/r/redirect301", "Host: h.example");
        assertEquals(301, r.status());
        assertEquals("/elsewhere", r.header("Location"));
    }

    @Test
    void cookieAttributes() throws Exception {
        String sc = Http.get(port, "/r/cookie").header("Set-Cookie");
        assertTrue(sc.startsWith("k=v; Max-Age=60; Expires="), sc);
        assertTrue(sc.contains("; Path=/r; HttpOnly"), sc);
        assertTrue(sc.contains("; SameSite=Strict"), sc);
        assertTrue(sc.contains("; Partitioned"), sc);
    }

    @Test
    void resetClearsStatusHeadersAndBody() throws Exception {
        Http.Reply r = Http.get(port, "/r/reset");
        assertEquals(200, r.status());
        assertNull(r.header("X-Gone"));
        assertEquals("after reset", r.body());
    }

    @Test
    void flushCommitsAndLaterChangesAreIgnored() throws Exception {
        Http.Reply r = Http.get(port, "/r/commit");
        assertEquals("part1 true ISE", r.body());
        assertNull(r.header("X-Late"));
        assertEquals("chunked", r.header("Transfer-Encoding"));
    }

    @Test
    void contentLengthClosesTheBody() throws Exception {
        Http.Reply r = Http.get(port, "/r/length");
        assertEquals("12345", r.body());
        assertEquals("5", r.header("Content-Length"));
    }

    @Test
    void overflowingTheBufferCommits() throws Exception {
        assertEquals("0123456789 true", Http.get(port, "/r/buffer").body());
    }

    @Test
    void bufferSizeCannotChangeAfterContent() throws Exception {
        assertEquals("xISE", Http.get(port, "/r/bufferLate").body());
    }

    @Test
    void headerMethods() throws Exception {
        Http.Reply r = Http.get(port, "/r/headers");
        assertEquals("[1, 2] true text/csv;charset=ISO-8859-1", r.body());
        assertEquals(java.util.List.of("1", "2"), r.headers("X-A"));
        assertEquals("Thu, 01 Jan 1970 00:00:10 GMT", r.header("X-D"), "IMF-fixdate: a two-digit day (RFC 9110 section 5.6.7)");
        assertFalse(r.headers("Content-Type").isEmpty());
    }

    @Test
    void trailerFieldsAfterChunkedBody() throws Exception {
        Http.Reply r = Http.get(port, "/r/trailers");
        assertEquals("body", r.body());
        assertEquals("abc", r.trailers().get("x-checksum"));
    }
}
