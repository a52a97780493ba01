package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.ExecutionMode;
import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request and response objects are pooled per connection. A servlet that keeps a finished
 * request, response, their streams, reader, writer, parts, session and AsyncContext, and uses
 * them while the next request is served (on the same connection, or on the same thread in
 * inline mode), must not read anything of that request nor write anything into its response.
 */
class RecyclingLeakTest {
    private static final String BOUNDARY = "XyZ";
    private static final String MULTIPART = "--" + BOUNDARY + "\r\n"
            + "Content-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\n"
            + "first-part\r\n--" + BOUNDARY + "--\r\n";

    /** What the first request's servlet kept. */
    record Kept(HttpServletRequest req, HttpServletResponse res, InputStream in, BufferedReader reader,
                ServletOutputStream out, PrintWriter writer, Collection<Part> parts, HttpSession session,
                AsyncContext async) {
    }

    static volatile Kept kept;
    /** What each stale call did while the probe request was being served: "threw X" or "returned v". */
    static final Map<String, String> outcomes = new LinkedHashMap<>();
    static Subito pool;
    static Subito inline;

    @BeforeAll
    static void start() throws Exception {
        pool = server(ExecutionMode.POOL);
        // one loop: every connection's requests run on the same thread
        inline = server(ExecutionMode.INLINE);
    }

    private static Subito server(ExecutionMode mode) throws Exception {
        return Subito.builder().port(0).config(c -> c.mode(mode).loops(1)).context("", ctx -> {
            var keep = ctx.addServlet("keep", Servlets.of(RecyclingLeakTest::keep));
            keep.setAsyncSupported(true);
            keep.setMultipartConfig(new MultipartConfigElement(""));
            keep.addMapping("/keep");
            ctx.addServlet("probe", Servlets.of(RecyclingLeakTest::probe)).addMapping("/probe");
        }).start();
    }

    @AfterAll
    static void stop() {
        pool.stop();
        inline.stop();
    }

    static Stream<Arguments> cases() {
        return Stream.of("stream", "writer", "parts", "async").flatMap(kind -> Stream.of(
                Arguments.of(ExecutionMode.POOL, kind, true),
                Arguments.of(ExecutionMode.INLINE, kind, true),
                Arguments.of(ExecutionMode.INLINE, kind, false)));
    }

    @ParameterizedTest(name = "{0} {1} same connection: {2}")
    @MethodSource("cases")
    void keptObjectsCannotReachTheNextRequest(ExecutionMode mode, String kind, boolean sameConnection) throws Exception {
        int port = (mode == ExecutionMode.POOL ? pool : inline).port();
        try (Http first = new Http(port); Http other = new Http(port)) {
            Http.Reply r1 = kind.equals("parts")
                    ? first.send("POST", "/keep?kind=parts&p=first-param", MULTIPART,
                            "Content-Type: multipart/form-data; boundary=" + BOUNDARY, "X-Secret: first-secret",
                            "Cookie: c=first-cookie")
                    : first.send("POST", "/keep?kind=" + kind + "&p=first-param", "first-body",
                            "X-Secret: first-secret", "Cookie: c=first-cookie");
            assertEquals(200, r1.status(), r1.body());
            assertTrue(r1.body().startsWith("first"), r1.body());

            Http second = sameConnection ? first : other;
            Http.Reply probe = second.send("POST", "/probe?p=next-param", "next-body",
                    "X-Secret: next-secret", "Cookie: c=next-cookie");
            assertEquals(200, probe.status(), "a stale setStatus must not reach the next response");
            assertEquals("probe:next-body", probe.body(), "nothing written through stale objects, nothing of the body taken");
            assertNull(probe.header("X-Leak"));
            assertFalse(probe.headers("Set-Cookie").stream().anyMatch(c -> c.startsWith("leak")));
            assertTrue(probe.header("X-Probe") != null);

            synchronized (outcomes) {
                assertFalse(outcomes.isEmpty());
                outcomes.forEach((call, outcome) ->
                        assertFalse(outcome.contains("next"), call + " saw the next request: " + outcome));
                outcomes.forEach((call, outcome) -> {
                    if (call.startsWith("req.") || call.startsWith("res.") || call.startsWith("async.get")) {
                        assertEquals("threw IllegalStateException", outcome, call);
                    }
                });
                expectStreams(kind);
            }
            // the connection serves on normally
            assertEquals("probe:again", second.send("POST", "/probe", "again").body());
        }
    }

    private static void expectStreams(String kind) {
        switch (kind) {
            case "stream" -> {
                assertEquals("threw IOException", outcomes.get("in.read"));
                assertEquals("threw IOException", outcomes.get("out.write"));
                assertEquals("threw IOException", outcomes.get("out.flush"));
            }
            case "writer", "async" -> {
                assertEquals("threw IOException", outcomes.get("reader.read"));
                assertEquals("returned true", outcomes.get("writer.checkError"), "a stale writer reports its failure");
            }
            case "parts" -> assertEquals("threw IOException", outcomes.get("part.content"),
                    "a kept part's content went with its request (its temp file deleted), so it holds nobody's bytes");
            default -> throw new IllegalArgumentException(kind);
        }
        if (kind.equals("async")) {
            assertEquals("returned null", outcomes.get("async.complete"), "complete() after completion does nothing");
            assertEquals("threw IllegalStateException", outcomes.get("async.dispatch"));
        }
        assertEquals("returned first-session", outcomes.get("session.s"), "the kept session is the first client's own");
    }

    private static void keep(HttpServletRequest req, HttpServletResponse res) throws java.io.IOException, jakarta.servlet.ServletException {
        String kind = req.getParameter("kind");
        req.setAttribute("a", "first-attr");
        req.getHeader("X-Secret");
        req.getCookies();
        HttpSession session = req.getSession(true);
        session.setAttribute("s", "first-session");
        InputStream in = null;
        BufferedReader reader = null;
        ServletOutputStream out = null;
        PrintWriter writer = null;
        Collection<Part> parts = null;
        AsyncContext async = null;
        switch (kind) {
            case "stream" -> {
                in = req.getInputStream();
                in.read(); // the rest of the body stays unread
                out = res.getOutputStream();
                out.write("first".getBytes(StandardCharsets.UTF_8));
            }
            case "parts" -> {
                parts = req.getParts();
                writer = res.getWriter();
                writer.print("first");
            }
            case "writer", "async" -> {
                reader = req.getReader();
                reader.read();
                writer = res.getWriter();
                writer.print("first");
                if (kind.equals("async")) {
                    async = req.startAsync();
                    async.complete();
                }
            }
            default -> throw new IllegalArgumentException(kind);
        }
        kept = new Kept(req, res, in, reader, out, writer, parts, session, async);
    }

    /** The next request: uses every kept object, then answers with its own body. */
    private static void probe(HttpServletRequest req, HttpServletResponse res) throws java.io.IOException {
        req.setAttribute("a", "next-attr");
        req.getSession(true).setAttribute("s", "next-session");
        res.setHeader("X-Probe", "1");
        Kept k = kept;
        if (k != null) {
            kept = null;
            synchronized (outcomes) {
                outcomes.clear();
                useStale(k);
            }
        }
        res.getWriter().print("probe:" + new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static void useStale(Kept k) {
        HttpServletRequest req = k.req();
        HttpServletResponse res = k.res();
        call("req.header", () -> req.getHeader("X-Secret"));
        call("req.headerNames", () -> req.getHeaderNames());
        call("req.parameter", () -> req.getParameter("p"));
        call("req.attribute", () -> req.getAttribute("a"));
        call("req.cookies", () -> Arrays.toString(req.getCookies()));
        call("req.uri", req::getRequestURI);
        call("req.query", req::getQueryString);
        call("req.inputStream", req::getInputStream);
        call("req.reader", req::getReader);
        call("req.session", () -> req.getSession(false));
        call("req.parts", req::getParts);
        call("req.setAttribute", () -> {
            req.setAttribute("a", "stale");
            return null;
        });
        call("res.setStatus", () -> {
            res.setStatus(418);
            return null;
        });
        call("res.setHeader", () -> {
            res.setHeader("X-Leak", "1");
            return null;
        });
        call("res.addCookie", () -> {
            res.addCookie(new Cookie("leak", "1"));
            return null;
        });
        call("res.outputStream", res::getOutputStream);
        call("res.writer", res::getWriter);
        call("res.isCommitted", res::isCommitted);
        call("res.sendError", () -> {
            res.sendError(500);
            return null;
        });
        useStaleStreams(k);
    }

    private static void useStaleStreams(Kept k) {
        if (k.in() != null) {
            call("in.read", () -> k.in().read());
        }
        if (k.reader() != null) {
            call("reader.read", () -> k.reader().readLine());
        }
        if (k.out() != null) {
            call("out.write", () -> {
                k.out().write("LEAK".getBytes(StandardCharsets.UTF_8));
                return null;
            });
            call("out.flush", () -> {
                k.out().flush();
                return null;
            });
        }
        if (k.writer() != null) {
            k.writer().print("LEAK");
            k.writer().println();
            k.writer().printf("%s", "LEAK");
            k.writer().flush();
            call("writer.checkError", () -> k.writer().checkError());
        }
        if (k.parts() != null) {
            call("part.content", () -> new String(k.parts().iterator().next().getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8).trim());
        }
        if (k.async() != null) {
            call("async.getRequest", () -> k.async().getRequest());
            call("async.complete", () -> {
                k.async().complete();
                return null;
            });
            call("async.dispatch", () -> {
                k.async().dispatch("/probe");
                return null;
            });
        }
        call("session.s", () -> k.session().getAttribute("s"));
    }

    private static void call(String name, Callable<Object> c) {
        String outcome;
        try {
            outcome = "returned " + c.call();
        } catch (Exception e) {
            outcome = "threw " + e.getClass().getSimpleName();
        }
        outcomes.put(name, outcome);
    }
}
