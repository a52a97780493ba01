package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpSession;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Behaviours the Jakarta Servlet TCK found wrong once, each pinned here over real HTTP. */
class TckRegressionTest {
    static Subito server;
    static int port;
    static Path base;

    @BeforeAll
    static void start() throws Exception {
        base = Files.createTempDirectory("subito-tckreg");
        Files.writeString(base.resolve("page.html"), "<p>static page</p>\n");
        server = Subito.builder().port(0).context("/t", base, ctx -> {
            ctx.addServlet("quoted", Servlets.text(req -> req.getCookies()[0].getValue())).addMapping("/quoted");
            ctx.addServlet("expire", Servlets.of((req, res) -> {
                Cookie c = new Cookie("gone", "x");
                c.setMaxAge(0);
                res.addCookie(c);
            })).addMapping("/expire");
            ctx.addServlet("afterError", Servlets.of((req, res) -> {
                res.sendError(404, "nothing here");
                res.addIntHeader("late", 1);
                res.setHeader("Late2", "x");
            })).addMapping("/afterError");
            ctx.addServlet("afterRedirect", Servlets.of((req, res) -> {
                res.sendRedirect("/elsewhere");
                res.addIntHeader("late", 1);
            })).addMapping("/afterRedirect");
            ctx.addServlet("reader", Servlets.of((req, res) -> {
                String r;
                try {
                    req.getReader();
                    r = "no exception";
                } catch (UnsupportedEncodingException e) {
                    r = "UnsupportedEncodingException";
                }
                res.getWriter().print(r);
            })).addMapping("/reader");
            ctx.addFilter("prefix", new HttpFilter() {
                private static final long serialVersionUID = 1L;

                @Override
                protected void doFilter(jakarta.servlet.http.HttpServletRequest req,
                                        jakarta.servlet.http.HttpServletResponse res,
                                        jakarta.servlet.FilterChain chain)
                        throws java.io.IOException, jakarta.servlet.ServletException {
                    res.getWriter().println("from filter");
                    chain.doFilter(req, res);
                }
            }).addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/page.html");
            ctx.addServlet("session", Servlets.of((req, res) -> {
                HttpSession s = req.getSession();
                s.setMaxInactiveInterval(1);
                if (req.getParameter("sleep") != null) {
                    try {
                        Thread.sleep(Long.parseLong(req.getParameter("sleep")));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                res.getWriter().print(s.getId());
            })).addMapping("/session");
            ctx.addServlet("sessionAlive", Servlets.text(req -> String.valueOf(req.getSession(false) != null)))
                    .addMapping("/alive");
        }).start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void quotedCookieValueKeepsItsQuotes() throws Exception {
        assertEquals("\"value1\"", Http.get(port, "/t/quoted", "Cookie: name1=\"value1\"").body());
    }

    @Test
    void maxAgeZeroIsSentAsAnExpiresInThePastWithoutMaxAge() throws Exception {
        String setCookie = Http.get(port, "/t/expire").header("Set-Cookie");
        assertTrue(setCookie.startsWith("gone=x"), setCookie);
        assertTrue(setCookie.contains("Expires="), setCookie);
        assertFalse(setCookie.contains("Max-Age"), setCookie);
    }

    @Test
    void headersSetAfterSendErrorOrRedirectAreIgnored() throws Exception {
        Http.Reply error = Http.get(port, "/t/afterError");
        assertEquals(404, error.status());
        assertNull(error.header("late"));
        assertNull(error.header("Late2"));
        Http.Reply redirect = Http.get(port, "/t/afterRedirect");
        assertEquals(302, redirect.status());
        assertNull(redirect.header("late"));
    }

    @Test
    void getReaderWithAnUnknownCharsetThrowsUnsupportedEncoding() throws Exception {
        Http.Reply r = Http.post(port, "/t/reader", "body", "Content-Type: text/plain; charset=DoesNotExist");
        assertEquals("UnsupportedEncodingException", r.body());
    }

    @Test
    void staticFileAfterAFilterUsedTheWriterIsNotCutByItsOwnLength() throws Exception {
        Http.Reply r = Http.get(port, "/t/page.html");
        assertEquals(200, r.status());
        assertEquals("from filter\n<p>static page</p>\n", new String(r.bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void sessionInUseByALongRequestDoesNotExpireUnderIt() throws Exception {
        String id = Http.get(port, "/t/session").body();
        // longer than the 1 s timeout and than one 5 s sweep of the expiry thread
        Http.Reply slow = Http.get(port, "/t/session?sleep=6000", "Cookie: JSESSIONID=" + id);
        assertEquals(id, slow.body());
        assertEquals("true", Http.get(port, "/t/alive", "Cookie: JSESSIONID=" + id).body());
    }
}
