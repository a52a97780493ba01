package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Servlet 6.1 chapter 12 mapping rules, seen over HTTP. */
class MappingTest {
    static Subito server;
    static int port;

    static String describe(HttpServletRequest r) {
        HttpServletMapping m = r.getHttpServletMapping();
        return m.getServletName() + "|" + r.getContextPath() + "|" + r.getServletPath() + "|" + r.getPathInfo() + "|"
                + m.getMappingMatch() + "|" + m.getPattern() + "|" + m.getMatchValue();
    }

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0)
                .context("/app", ctx -> {
                    ctx.addServlet("exact", Servlets.text(MappingTest::describe)).addMapping("/foo/bar");
                    ctx.addServlet("prefix", Servlets.text(MappingTest::describe)).addMapping("/foo/*");
                    ctx.addServlet("longer", Servlets.text(MappingTest::describe)).addMapping("/foo/bar/baz/*");
                    ctx.addServlet("ext", Servlets.text(MappingTest::describe)).addMapping("*.do");
                    ctx.addServlet("star", Servlets.text(MappingTest::describe)).addMapping("/On*");
                    ctx.addServlet("root", Servlets.text(MappingTest::describe)).addMapping("");
                    ctx.addServlet("def", Servlets.text(MappingTest::describe)).addMapping("/");
                })
                .context("/", ctx -> ctx.addServlet("all", Servlets.text(MappingTest::describe)).addMapping("/*"))
                .start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static String get(String path) throws Exception {
        Http.Reply r = Http.get(port, path);
        assertEquals(200, r.status(), path);
        return r.body();
    }

    @Test
    void exactMatchWins() throws Exception {
        assertEquals("exact|/app|/foo/bar|null|EXACT|/foo/bar|foo/bar", get("/app/foo/bar"));
    }

    @Test
    void longestPrefixWins() throws Exception {
        assertEquals("prefix|/app|/foo|/bar/x|PATH|/foo/*|bar/x", get("/app/foo/bar/x"));
        assertEquals("longer|/app|/foo/bar/baz|/q|PATH|/foo/bar/baz/*|q", get("/app/foo/bar/baz/q"));
        assertEquals("prefix|/app|/foo|null|PATH|/foo/*|", get("/app/foo"));
    }

    @Test
    void prefixBeatsExtension() throws Exception {
        assertEquals("prefix|/app|/foo|/a.do|PATH|/foo/*|a.do", get("/app/foo/a.do"));
    }

    @Test
    void extensionMatch() throws Exception {
        assertEquals("ext|/app|/x/y.do|null|EXTENSION|*.do|x/y", get("/app/x/y.do"));
    }

    @Test
    void aStarInsideAPatternIsALiteralExactMatchAsInTomcat() throws Exception {
        assertEquals("star|/app|/On*|null|EXACT|/On*|On*", get("/app/On*"));
        assertEquals("def|/app|/One|null|DEFAULT|/|", get("/app/One"), "no wildcard");
    }

    @Test
    void noPatternReachesWebInfOrMetaInfFromOutside() throws Exception {
        // regression: an extension mapping (*.jsp once JSP is installed) used to serve /WEB-INF/x.jsp
        assertEquals(404, Http.get(port, "/app/WEB-INF/secret.do").status());
        assertEquals(404, Http.get(port, "/app/web-inf/secret.do").status());
        assertEquals(404, Http.get(port, "/app/META-INF/x.do").status());
        assertEquals(404, Http.get(port, "/WEB-INF/x").status(), "not even for a /* servlet");
    }

    @Test
    void emptyPatternIsContextRoot() throws Exception {
        assertEquals("root|/app||/|CONTEXT_ROOT||", get("/app/"));
    }

    @Test
    void defaultServletGetsTheRest() throws Exception {
        assertEquals("def|/app|/nothing/here|null|DEFAULT|/|", get("/app/nothing/here"));
    }

    @Test
    void contextPathWithoutSlashRedirects() throws Exception {
        Http.Reply r = Http.get(port, "/app?x=1");
        assertEquals(302, r.status());
        assertEquals("/app/?x=1", r.header("Location"));
    }

    @Test
    void rootContextTakesOtherPaths() throws Exception {
        assertEquals("all||| /other|PATH|/*|other".replace(" ", ""), get("/other"));
    }

    @Test
    void encodedAndDotSegmentsAreCanonicalBeforeMapping() throws Exception {
        assertEquals("exact|/app|/foo/bar|null|EXACT|/foo/bar|foo/bar", get("/app/foo/x/../%62ar"));
    }
}
