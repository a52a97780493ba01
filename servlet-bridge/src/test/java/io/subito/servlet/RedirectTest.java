package io.subito.servlet;

import io.subito.servlet.config.RequestLimits;
import io.subito.servlet.config.ResponseSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sendRedirect's Location over real HTTP: a path by default (relativeRedirects=true), so the
 * client's Host header never comes back in it; an absolute URI when a context sets
 * relativeRedirects=false.
 */
class RedirectTest {
    static Subito server;
    static int port;

    private static void redirects(WebAppContext ctx) {
        ctx.addServlet("to", Servlets.of((req, res) -> res.sendRedirect(req.getParameter("to"))))
                .addMapping("/a/to");
        ctx.addServlet("forward", Servlets.of((req, res) ->
                req.getRequestDispatcher("/a/to?to=../target").forward(req, res))).addMapping("/forward");
    }

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0)
                .context("/rel", RedirectTest::redirects)
                .context("/abs", ctx -> {
                    ctx.setResponseSettings(ResponseSettings.DEFAULTS.withRelativeRedirects(false));
                    redirects(ctx);
                })
                .start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static String location(String target, String host) throws Exception {
        Http.Reply r = Http.get(port, target, "Host: " + host);
        assertEquals(302, r.status(), target);
        return r.header("Location");
    }

    @Test
    void aRelativeTargetBecomesAPathAgainstTheRequestUri() throws Exception {
        assertEquals("/rel/target?x=1", location("/rel/a/to?to=../target%3Fx%3D1", "h.example:9000"));
        assertEquals("/rel/a/next", location("/rel/a/to?to=next", "h.example"));
        assertEquals("/rel/a/", location("/rel/a/to?to=.", "h.example"));
    }

    @Test
    void theClientsHostNeverReachesTheLocationByDefault() throws Exception {
        String l = location("/rel/a/to?to=/login", "evil.example");
        assertEquals("/login", l);
        assertFalse(l.contains("evil"), l);
    }

    @Test
    void targetsWithASchemeOrANetworkPathAreSentAsGiven() throws Exception {
        assertEquals("https://other.example/x", location("/rel/a/to?to=https://other.example/x", "h.example"));
        assertEquals("//cdn.example/x", location("/rel/a/to?to=//cdn.example/x", "h.example"));
    }

    @Test
    void aRedirectAfterAForwardIsRelativeToTheForwardedUri() throws Exception {
        assertEquals("/rel/target", location("/rel/forward", "h.example"));
        assertEquals("http://h.example/abs/target", location("/abs/forward", "h.example"));
    }

    @Test
    void relativeRedirectsFalseGivesAnAbsoluteUriFromTheHostHeader() throws Exception {
        assertEquals("http://h.example:9000/abs/target?x=1", location("/abs/a/to?to=../target%3Fx%3D1", "h.example:9000"));
        assertEquals("http://h.example/login", location("/abs/a/to?to=/login", "h.example"));
        assertEquals("http://cdn.example/x", location("/abs/a/to?to=//cdn.example/x", "h.example"));
    }

    /** RFC 1945 allows only absolute URIs in Location; Tomcat sends HTTP/1.0 clients absolute ones too. */
    @Test
    void anHttp10ClientGetsAnAbsoluteUri() throws Exception {
        try (Http h = new Http(port)) {
            h.raw("GET /rel/a/to?to=/login HTTP/1.0\r\nHost: h.example\r\n\r\n");
            Http.Reply r = h.read(false);
            assertEquals(302, r.status());
            assertEquals("http://h.example/login", r.header("Location"));
        }
    }
}
