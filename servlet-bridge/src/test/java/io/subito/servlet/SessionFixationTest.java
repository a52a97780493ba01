package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.security.LoginConfig;
import io.subito.servlet.security.PropertiesRealm;
import io.subito.servlet.security.SecurityConstraint;
import io.subito.servlet.security.WebResourceCollection;
import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every successful login gives a session the client had before it a new id (session fixation),
 * keeping the session's attributes; a login without a session makes none (as Tomcat).
 */
class SessionFixationTest {
    static final Map<String, String> renamed = new ConcurrentHashMap<>();
    static Subito server;
    static int port;

    static String basic(String user, String pass) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
    }

    static String session(HttpServletRequest r) {
        HttpSession s = r.getSession(false);
        return s == null ? "none" : s.getId() + " cart=" + s.getAttribute("cart");
    }

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0).realm(new PropertiesRealm().user("ann", "secret", "admin"))
                .context("/s", ctx -> {
                    ctx.setLoginConfig(LoginConfig.basic("Shop"));
                    ctx.addRoleDeclaration("admin");
                    ctx.addSecurityConstraint(new SecurityConstraint(
                            List.of(new WebResourceCollection("admin", List.of("/admin/*"), null, null)),
                            true, Set.of("admin"), false));
                    ctx.addServlet("start", Servlets.text(r -> {
                        r.getSession().setAttribute("cart", "3 items");
                        return r.getSession().getId();
                    })).addMapping("/open/start");
                    ctx.addServlet("see", Servlets.text(r -> session(r) + " user=" + r.getRemoteUser()))
                            .addMapping("/admin/see", "/open/see");
                    ctx.addServlet("login", Servlets.of((req, res) -> {
                        String before = session(req);
                        req.login(req.getParameter("u"), req.getParameter("p"));
                        res.getWriter().print(before + " -> " + session(req) + " user=" + req.getRemoteUser());
                    })).addMapping("/open/login");
                    ctx.addListener(new HttpSessionIdListener() {
                        @Override
                        public void sessionIdChanged(HttpSessionEvent e, String oldId) {
                            renamed.put(oldId, e.getSession().getId());
                        }
                    });
                })
                .start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** A new session; returns its cookie ("JSESSIONID=..."). */
    private static String newSession() throws Exception {
        Http.Reply r = Http.get(port, "/s/open/start");
        assertEquals(200, r.status());
        String cookie = r.header("Set-Cookie").split(";")[0];
        assertTrue(cookie.endsWith("=" + r.body()), cookie + " vs " + r.body());
        return cookie;
    }

    private static String id(String cookie) {
        return cookie.substring(cookie.indexOf('=') + 1);
    }

    @Test
    void basicLoginGivesTheSessionMadeBeforeItANewIdWithItsAttributes() throws Exception {
        String before = newSession();
        Http.Reply login = Http.get(port, "/s/admin/see", "Cookie: " + before, basic("ann", "secret"));
        assertEquals(200, login.status());
        assertNotNull(login.header("Set-Cookie"), "the new id is sent");
        String after = login.header("Set-Cookie").split(";")[0];
        assertNotEquals(before, after);
        assertEquals(id(after) + " cart=3 items user=ann", login.body());
        assertEquals(id(after), renamed.get(id(before)), "HttpSessionIdListener saw the change");
        // the id the client had before logging in (perhaps planted by an attacker) opens nothing now
        assertEquals("none user=null", Http.get(port, "/s/open/see", "Cookie: " + before).body());
        assertEquals(401, Http.get(port, "/s/admin/see", "Cookie: " + before).status());
    }

    @Test
    void theSessionKeepsTheBasicLoginSoLaterRequestsKeepTheNewId() throws Exception {
        String before = newSession();
        Http.Reply login = Http.get(port, "/s/admin/see", "Cookie: " + before, basic("ann", "secret"));
        String after = login.header("Set-Cookie").split(";")[0];
        // the browser sends its credentials again: the session's login is used, the id stays
        Http.Reply again = Http.get(port, "/s/admin/see", "Cookie: " + after, basic("ann", "secret"));
        assertEquals(200, again.status());
        assertNull(again.header("Set-Cookie"));
        assertEquals(id(after) + " cart=3 items user=ann", again.body());
        Http.Reply cookieOnly = Http.get(port, "/s/admin/see", "Cookie: " + after);
        assertEquals(200, cookieOnly.status());
        assertEquals(id(after) + " cart=3 items user=ann", cookieOnly.body());
    }

    @Test
    void basicLoginWithoutASessionMakesNone() throws Exception {
        Http.Reply r = Http.get(port, "/s/admin/see", basic("ann", "secret"));
        assertEquals(200, r.status());
        assertNull(r.header("Set-Cookie"));
        assertEquals("none user=ann", r.body());
    }

    @Test
    void aFailedLoginLeavesTheSessionAlone() throws Exception {
        String before = newSession();
        Http.Reply r = Http.get(port, "/s/admin/see", "Cookie: " + before, basic("ann", "wrong"));
        assertEquals(401, r.status());
        assertNull(r.header("Set-Cookie"));
        assertEquals(id(before) + " cart=3 items user=null", Http.get(port, "/s/open/see", "Cookie: " + before).body());
    }

    @Test
    void programmaticLoginGivesTheSessionANewIdWithItsAttributes() throws Exception {
        String before = newSession();
        Http.Reply r = Http.get(port, "/s/open/login?u=ann&p=secret", "Cookie: " + before);
        assertEquals(200, r.status());
        String after = r.header("Set-Cookie").split(";")[0];
        assertNotEquals(before, after);
        assertEquals(id(before) + " cart=3 items -> " + id(after) + " cart=3 items user=ann", r.body());
        assertEquals("none user=null", Http.get(port, "/s/open/see", "Cookie: " + before).body());
    }

    @Test
    void programmaticLoginWithoutASessionMakesNone() throws Exception {
        Http.Reply r = Http.get(port, "/s/open/login?u=ann&p=secret");
        assertEquals(200, r.status());
        assertNull(r.header("Set-Cookie"));
        assertEquals("none -> none user=ann", r.body());
    }
}
