package io.subito.servlet.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.LocalApp;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sessions in memory: made when asked, tracked by cookie or URL, their ids changed, invalidated. */
class LocalSessionTest {
    private static LocalApp app;

    @BeforeAll
    static void start() throws Exception {
        app = LocalApp.of("/s", ctx -> {
            ctx.addServlet("count", Servlets.text(r -> {
                HttpSession s = r.getSession();
                Integer n = (Integer) s.getAttribute("n");
                n = n == null ? 1 : n + 1;
                s.setAttribute("n", n);
                return n + " " + s.isNew() + " " + r.isRequestedSessionIdValid() + " "
                        + r.isRequestedSessionIdFromCookie() + " " + r.isRequestedSessionIdFromURL();
            })).addMapping("/count");
            ctx.addServlet("peek", Servlets.text(r -> String.valueOf(r.getSession(false)))).addMapping("/peek");
            ctx.addServlet("change", Servlets.text(r -> {
                String before = r.getSession().getId();
                return before + " " + r.changeSessionId();
            })).addMapping("/change");
            ctx.addServlet("invalidate", Servlets.text(r -> {
                r.getSession().invalidate();
                return String.valueOf(r.getSession(false));
            })).addMapping("/invalidate");
            ctx.addServlet("url", Servlets.of((req, res) -> {
                req.getSession();
                res.getWriter().print(res.encodeURL("/s/count"));
            })).addMapping("/url");
        });
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String cookieOf(Http.Reply r) {
        String sc = r.header("Set-Cookie");
        assertNotNull(sc, "no Set-Cookie in " + r.headers());
        return sc.substring(0, sc.indexOf(';'));
    }

    @Test
    void noSessionIsMadeUntilTheApplicationAsksForOne() {
        Http.Reply r = app.get("/s/peek");
        assertEquals("null", r.body());
        assertNull(r.header("Set-Cookie"));
    }

    @Test
    void theSessionCookieBringsTheSameSessionBack() {
        Http.Reply first = app.get("/s/count");
        assertEquals("1 true false false false", first.body());
        assertTrue(first.header("Set-Cookie").matches("JSESSIONID=[0-9A-F]{32}; Path=/s; HttpOnly"),
                first.header("Set-Cookie"));
        Http.Reply second = app.get("/s/count", "Cookie: " + cookieOf(first));
        assertEquals("2 false true true false", second.body());
        assertNull(second.header("Set-Cookie"), "the client has the cookie already");
    }

    @Test
    void anIdInTheUrlBringsTheSessionBack() {
        String url = app.get("/s/url").body();
        assertTrue(url.matches("/s/count;jsessionid=[0-9A-F]{32}"), url);
        assertEquals("1 false true false true", app.get(url).body());
    }

    @Test
    void anUnknownIdGetsANewSessionWithANewId() {
        Http.Reply r = app.get("/s/count", "Cookie: JSESSIONID=NOTASESSION");
        assertEquals("1 true false true false", r.body());
        assertNotEquals("JSESSIONID=NOTASESSION", cookieOf(r));
    }

    @Test
    void aChangedIdIsSentAndTheOldOneNoLongerWorks() {
        String cookie = cookieOf(app.get("/s/count"));
        Http.Reply changed = app.get("/s/change", "Cookie: " + cookie);
        String[] ids = changed.body().split(" ");
        assertEquals("JSESSIONID=" + ids[0], cookie);
        assertEquals("JSESSIONID=" + ids[1], cookieOf(changed));
        assertEquals("2 false true true false", app.get("/s/count", "Cookie: " + cookieOf(changed)).body());
        assertEquals("null", app.get("/s/peek", "Cookie: " + cookie).body());
    }

    @Test
    void anInvalidatedSessionIsGoneForTheSameAndLaterRequests() {
        String cookie = cookieOf(app.get("/s/count"));
        assertEquals("null", app.get("/s/invalidate", "Cookie: " + cookie).body());
        assertEquals("null", app.get("/s/peek", "Cookie: " + cookie).body());
    }
}
