package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Static files kept under WEB-INF (MVC views, fragments, error pages): the application reaches
 * them by forward, include and error page, as on Tomcat and Jetty; a client's own request for
 * them is still 404.
 */
class PrivateResourceDispatchTest {
    @TempDir
    static Path base;
    static Subito server;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(base.resolve("WEB-INF/views"));
        Files.writeString(base.resolve("WEB-INF/views/page.html"), "<p>the view</p>");
        Files.createDirectories(base.resolve("WEB-INF/fragments"));
        Files.writeString(base.resolve("WEB-INF/fragments/header.html"), "HEADER");
        Files.createDirectories(base.resolve("WEB-INF/errors"));
        Files.writeString(base.resolve("WEB-INF/errors/404.html"), "custom not found page");
        Files.createDirectories(base.resolve("META-INF"));
        Files.writeString(base.resolve("META-INF/note.txt"), "meta note");
        WebAppContext ctx = new WebAppContext("/mvc", base, PrivateResourceDispatchTest.class.getClassLoader());
        ctx.addServlet("controller", Servlets.of((req, res) ->
                req.getRequestDispatcher("/WEB-INF/views/page.html").forward(req, res))).addMapping("/show");
        ctx.addServlet("relative", Servlets.of((req, res) ->
                req.getRequestDispatcher("WEB-INF/views/page.html").forward(req, res))).addMapping("/relative");
        ctx.addServlet("meta", Servlets.of((req, res) ->
                req.getServletContext().getRequestDispatcher("/META-INF/note.txt").forward(req, res))).addMapping("/meta");
        ctx.addServlet("layout", Servlets.of((req, res) -> {
            res.setContentType("text/plain");
            res.getWriter().print("[");
            req.getRequestDispatcher("/WEB-INF/fragments/header.html").include(req, res);
            res.getWriter().print("] body");
        })).addMapping("/layout");
        ctx.addServlet("missingView", Servlets.of((req, res) ->
                req.getRequestDispatcher("/WEB-INF/views/none.html").forward(req, res))).addMapping("/missing-view");
        ctx.addServlet("gone", Servlets.of((req, res) -> res.sendError(404))).addMapping("/gone");
        ctx.addErrorPage(404, "/WEB-INF/errors/404.html");
        server = Subito.builder().port(0).build(ctx);
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void aForwardToAStaticViewUnderWebInfServesIt() throws Exception {
        Http.Reply r = Http.get(port, "/mvc/show");
        assertEquals(200, r.status());
        assertEquals("<p>the view</p>", r.body());
        assertEquals("text/html", r.header("Content-Type"));
        assertEquals("<p>the view</p>", Http.get(port, "/mvc/relative").body());
    }

    @Test
    void aForwardToMetaInfServesItToo() throws Exception {
        Http.Reply r = Http.get(port, "/mvc/meta");
        assertEquals(200, r.status());
        assertEquals("meta note", r.body());
    }

    @Test
    void anIncludeOfAFragmentUnderWebInfServesIt() throws Exception {
        Http.Reply r = Http.get(port, "/mvc/layout");
        assertEquals(200, r.status());
        assertEquals("[HEADER] body", r.body());
    }

    @Test
    void aForwardToAMissingFileUnderWebInfIsStill404() throws Exception {
        Http.Reply r = Http.get(port, "/mvc/missing-view");
        assertEquals(404, r.status());
        assertEquals("custom not found page", r.body());
    }

    @Test
    void anErrorPageKeptUnderWebInfIsServedWithTheErrorStatusAndNoValidatorsOrRanges() throws Exception {
        Http.Reply r = Http.get(port, "/mvc/gone", "Range: bytes=0-3");
        assertEquals(404, r.status());
        assertEquals("custom not found page", r.body());
        assertNull(r.header("ETag"), "an error page is not a cacheable representation");
        assertNull(r.header("Content-Range"));
        Http.Reply posted = Http.post(port, "/mvc/no-such-page", "x=1");
        assertEquals(404, posted.status());
        assertEquals("custom not found page", posted.body());
    }

    @Test
    void aClientsOwnRequestForWebInfOrMetaInfIsStill404() throws Exception {
        for (String target : new String[] {"/mvc/WEB-INF/views/page.html", "/mvc/web-inf/views/page.html",
            "/mvc/WEB-INF/fragments/header.html", "/mvc/META-INF/note.txt", "/mvc/x/../WEB-INF/views/page.html"}) {
            Http.Reply r = Http.get(port, target);
            assertEquals(404, r.status(), target);
            assertFalse(r.body().contains("the view") || r.body().contains("HEADER") || r.body().contains("meta note"),
                    target + " leaked: " + r.body());
            assertTrue(r.body().contains("custom not found page"), target + ": " + r.body());
        }
    }
}
