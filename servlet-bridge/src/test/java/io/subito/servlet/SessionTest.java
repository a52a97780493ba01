package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sessions over HTTP: cookie and URL tracking, invalidate, id change, listeners and binding events. */
class SessionTest {
    static Subito server;
    static int port;
    static final List<String> events = new CopyOnWriteArrayList<>();

    static final class Bound implements HttpSessionBindingListener {
        @Override
        public void valueBound(HttpSessionBindingEvent e) {
            events.add("bound " + e.getName());
        }

        @Override
        public void valueUnbound(HttpSessionBindingEvent e) {
            events.add("unbound " + e.getName());
        }
    }

    static final class Events implements HttpSessionListener, HttpSessionAttributeListener, HttpSessionIdListener {
        @Override
        public void sessionCreated(HttpSessionEvent se) {
            events.add("created");
        }

        @Override
        public void sessionDestroyed(HttpSessionEvent se) {
            events.add("destroyed " + se.getSession().getAttribute("n"));
        }

        @Override
        public void attributeAdded(HttpSessionBindingEvent e) {
            events.add("added " + e.getName());
        }

        @Override
        public void attributeRemoved(HttpSessionBindingEvent e) {
            events.add("removed " + e.getName());
        }

        @Override
        public void attributeReplaced(HttpSessionBindingEvent e) {
            events.add("replaced " + e.getName());
        }

        @Override
        public void sessionIdChanged(HttpSessionEvent e, String oldId) {
            events.add("id changed");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0).context("/s", ctx -> {
            ctx.addListener(new Events());
            ctx.getSessionCookieConfig().setAttribute("SameSite", "Lax");
            ctx.addServlet("count", Servlets.text(r -> {
                HttpSession s = r.getSession();
                Integer n = (Integer) s.getAttribute("n");
                n = n == null ? 1 : n + 1;
                s.setAttribute("n", n);
                return n + " " + s.isNew() + " " + r.isRequestedSessionIdValid() + " " + r.isRequestedSessionIdFromCookie()
                        + " " + r.isRequestedSessionIdFromURL();
            })).addMapping("/count");
            ctx.addServlet("short", Servlets.text(r -> {
                r.getSession().setMaxInactiveInterval(1);
                return "short";
            })).addMapping("/short");
            ctx.addServlet("peek", Servlets.text(r -> String.valueOf(r.getSession(false)))).addMapping("/peek");
            ctx.addServlet("bind", Servlets.text(r -> {
                r.getSession().setAttribute("b", new Bound());
                r.getSession().removeAttribute("b");
                return "ok";
            })).addMapping("/bind");
            ctx.addServlet("invalidate", Servlets.text(r -> {
                r.getSession().invalidate();
                try {
                    r.getSession(false).getAttribute("x");
                    return "still";
                } catch (IllegalStateException | NullPointerException e) {
                    return "gone";
                }
            })).addMapping("/invalidate");
            ctx.addServlet("change", Servlets.text(r -> {
                String before = r.getSession().getId();
                String after = r.changeSessionId();
                return before + " " + after + " " + r.getSession().getId();
            })).addMapping("/change");
            ctx.addServlet("url", Servlets.of((req, res) -> {
                req.getSession();
                res.getWriter().print(res.encodeURL("/s/count?x=1") + " " + res.encodeURL("http://other.example/y"));
            })).addMapping("/url");
        }).start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void clear() {
        events.clear();
    }

    private static String cookieOf(Http.Reply r) {
        String sc = r.header("Set-Cookie");
        assertNotNull(sc, "no Set-Cookie");
        return sc.substring(0, sc.indexOf(';'));
    }

    @Test
    void cookieTracksTheSession() throws Exception {
        Http.Reply first = Http.get(port, "/s/count");
        assertEquals("1 true false false false", first.body());
        String sc = first.header("Set-Cookie");
        assertTrue(sc.matches("JSESSIONID=[0-9A-F]{32}; Path=/s; HttpOnly; SameSite=Lax"), sc);
        String cookie = cookieOf(first);
        Http.Reply second = Http.get(port, "/s/count", "Cookie: " + cookie);
        assertEquals("2 false true true false", second.body());
        assertNull(second.header("Set-Cookie"));
        assertEquals(List.of("created", "added n", "replaced n"), events);
    }

    @Test
    void urlRewritingTracksTheSession() throws Exception {
        Http.Reply r = Http.get(port, "/s/url");
        String[] urls = r.body().split(" ");
        assertTrue(urls[0].matches("/s/count;jsessionid=[0-9A-F]{32}\\?x=1"), urls[0]);
        assertEquals("http://other.example/y", urls[1]);
        String path = urls[0].replace("?x=1", "");
        assertEquals("1 false true false true", Http.get(port, path).body());
    }

    @Test
    void idleSessionExpiresAndListenersHearIt() throws Exception {
        String cookie = cookieOf(Http.get(port, "/s/short"));
        events.clear();
        Thread.sleep(1_300); // longer than the 1 s the session may idle
        assertEquals("null", Http.get(port, "/s/peek", "Cookie: " + cookie).body());
        assertEquals(List.of("destroyed null"), events);
    }

    @Test
    void noSessionUntilAsked() throws Exception {
        Http.Reply r = Http.get(port, "/s/peek");
        assertEquals("null", r.body());
        assertNull(r.header("Set-Cookie"));
    }

    @Test
    void unknownIdGetsANewSession() throws Exception {
        Http.Reply r = Http.get(port, "/s/count", "Cookie: JSESSIONID=NOTASESSION");
        assertEquals("1 true false true false", r.body());
        assertNotEquals("JSESSIONID=NOTASESSION", cookieOf(r));
    }

    @Test
    void bindingListenerHearsBoundAndUnbound() throws Exception {
        Http.get(port, "/s/bind");
        assertEquals(List.of("created", "bound b", "added b", "unbound b", "removed b"), events);
    }

    @Test
    void invalidateEndsTheSessionAndTellsListenersFirst() throws Exception {
        String cookie = cookieOf(Http.get(port, "/s/count"));
        events.clear();
        assertEquals("gone", Http.get(port, "/s/invalidate", "Cookie: " + cookie).body());
        assertEquals(List.of("destroyed 1", "removed n"), events);
        assertEquals("null", Http.get(port, "/s/peek", "Cookie: " + cookie).body());
    }

    @Test
    void changeSessionIdKeepsStateUnderANewId() throws Exception {
        String cookie = cookieOf(Http.get(port, "/s/count"));
        Http.Reply r = Http.get(port, "/s/change", "Cookie: " + cookie);
        String[] ids = r.body().split(" ");
        assertNotEquals(ids[0], ids[1]);
        assertEquals(ids[1], ids[2]);
        assertEquals("JSESSIONID=" + ids[1], cookieOf(r));
        assertEquals("2 false true true false", Http.get(port, "/s/count", "Cookie: JSESSIONID=" + ids[1]).body());
        assertTrue(events.contains("id changed"));
    }
}
