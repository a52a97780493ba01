package io.subito.servlet.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.LocalApp;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Servlet 6.1 chapter 12's mapping rules in memory: which servlet a path reaches, and the paths it sees. */
class LocalMappingTest {
    private static LocalApp app;

    static String describe(HttpServletRequest r) {
        HttpServletMapping m = r.getHttpServletMapping();
        return m.getServletName() + "|" + r.getServletPath() + "|" + r.getPathInfo() + "|" + m.getMappingMatch() + "|"
                + m.getPattern();
    }

    @BeforeAll
    static void start() throws Exception {
        app = LocalApp.of("/app", ctx -> {
            ctx.addServlet("exact", Servlets.text(LocalMappingTest::describe)).addMapping("/foo/bar");
            ctx.addServlet("prefix", Servlets.text(LocalMappingTest::describe)).addMapping("/foo/*");
            ctx.addServlet("longer", Servlets.text(LocalMappingTest::describe)).addMapping("/foo/bar/baz/*");
            ctx.addServlet("ext", Servlets.text(LocalMappingTest::describe)).addMapping("*.do");
            ctx.addServlet("root", Servlets.text(LocalMappingTest::describe)).addMapping("");
            ctx.addServlet("def", Servlets.text(LocalMappingTest::describe)).addMapping("/");
        });
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @ParameterizedTest(name = "{0} reaches {1}")
    @CsvSource(delimiter = ';', value = {
        "/app/foo/bar;         exact|/foo/bar|null|EXACT|/foo/bar",
        "/app/foo/bar/x;       prefix|/foo|/bar/x|PATH|/foo/*",
        "/app/foo;             prefix|/foo|null|PATH|/foo/*",
        "/app/foo/bar/baz/q;   longer|/foo/bar/baz|/q|PATH|/foo/bar/baz/*",
        "/app/foo/a.do;        prefix|/foo|/a.do|PATH|/foo/*",
        "/app/x/y.do;          ext|/x/y.do|null|EXTENSION|*.do",
        "/app/;                root||/|CONTEXT_ROOT|",
        "/app/nothing/here;    def|/nothing/here|null|DEFAULT|/",
    })
    void aPathReachesTheServletTheRulesChoose(String path, String expected) {
        Http.Reply r = app.get(path);
        assertEquals(200, r.status(), path);
        assertEquals(expected, r.body());
    }

    @Test
    void theContextPathWithoutItsSlashIsRedirectedToTheRoot() {
        Http.Reply r = app.get("/app");
        assertEquals(302, r.status());
        assertEquals("/app/", r.header("Location"));
    }

    @Test
    void aPathOutsideEveryContextIsNotFound() {
        assertEquals(404, app.get("/other/foo/bar").status());
    }

    @Test
    void pipelinedRequestsReachTheirOwnServletsInOrder() {
        String requests = "GET /app/foo/bar HTTP/1.1\r\nHost: t\r\n\r\n"
                + "GET /app/x.do HTTP/1.1\r\nHost: t\r\n\r\n"
                + "GET /app/foo/q HTTP/1.1\r\nHost: t\r\n\r\n";
        List<Http.Reply> replies = app.pipelined(3, requests);
        assertEquals(List.of("exact", "ext", "prefix"),
                replies.stream().map(r -> r.body().substring(0, r.body().indexOf('|'))).toList());
    }
}
