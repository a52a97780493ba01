package io.subito.servlet.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.Subito;
import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.http.Cookie;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An application that copies request input into a cookie, as preference and tracking cookies do,
 * attacked over real sockets: input that would end the cookie early and add attributes of its own
 * ({@code ; Domain=}, {@code ; Max-Age=}, {@code ; SameSite=None}), split the header, or carry
 * characters RFC 6265 does not allow. The servlet gets an IllegalArgumentException naming the
 * cookie, and no Set-Cookie reaches the wire.
 */
class CookieInjectionTest {
    static Subito server;
    static int port;

    static final String[] PAYLOADS = {
        "x; Domain=evil.example",
        "x;Domain=evil.example",
        "x; Max-Age=99999999",
        "x; SameSite=None; Secure",
        "x; Path=/; HttpOnly",
        "x\r\nSet-Cookie: admin=1",
        "x\nSet-Cookie: admin=1",
        "x, admin=1",
        "x\"; Domain=evil.example; a=\"",
        "\"x; Domain=evil.example\"",
        "x\\; Domain=evil.example",
        "x Domain=evil.example",
        "x\tDomain=evil.example",
        "x\u0000; Domain=evil.example",
        "x\u007f",
        "\u00e9; Domain=evil.example",
    };

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0).context("/app", ctx -> {
            // where the input goes is chosen by the request: value, domain, path or an attribute
            ctx.addServlet("remember", Servlets.of((req, res) -> {
                String v = req.getParameter("v");
                Cookie c = new Cookie("pref", "ok");
                switch (req.getParameter("into")) {
                    case "value" -> c.setValue(v);
                    case "domain" -> c.setDomain(v);
                    case "path" -> c.setPath(v);
                    default -> c.setAttribute("SameSite", v);
                }
                if (req.getParameter("catch") == null) {
                    res.addCookie(c);
                    return;
                }
                try {
                    res.addCookie(c);
                    res.getWriter().print("added");
                } catch (IllegalArgumentException e) {
                    res.setStatus(400);
                    res.getWriter().print(e.getMessage());
                }
            })).addMapping("/remember");
        }).start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static Http.Reply remember(String into, String value, boolean caught) throws Exception {
        String q = "into=" + into + "&v=" + URLEncoder.encode(value, StandardCharsets.UTF_8) + (caught ? "&catch=1" : "");
        return Http.get(port, "/app/remember?" + q);
    }

    @Test
    void injectedValuesReachTheServletAsAnExceptionNamingTheCookieAndNeverTheWire() throws Exception {
        for (String p : PAYLOADS) {
            Http.Reply r = remember("value", p, true);
            assertEquals(400, r.status(), p);
            assertTrue(r.body().startsWith("cookie \"pref\": value has "), p + " -> " + r.body());
            assertNull(r.header("Set-Cookie"), p);
        }
    }

    @Test
    void anUncaughtRefusalIsA500WithNoCookie() throws Exception {
        for (String p : PAYLOADS) {
            Http.Reply r = remember("value", p, false);
            assertEquals(500, r.status(), p);
            assertNull(r.header("Set-Cookie"), p);
        }
    }

    @Test
    void injectedDomainsPathsAndAttributesAreRefusedToo() throws Exception {
        String[][] rows = {
            {"domain", "example.com; Domain=evil.example"},
            {"domain", "example.com\r\nSet-Cookie: admin=1"},
            {"path", "/; Domain=evil.example"},
            {"path", "/\r\nSet-Cookie: admin=1"},
            {"attribute", "Lax; Domain=evil.example"},
            {"attribute", "Lax\r\nSet-Cookie: admin=1"},
        };
        for (String[] row : rows) {
            Http.Reply r = remember(row[0], row[1], true);
            assertEquals(400, r.status(), row[1]);
            assertTrue(r.body().startsWith("cookie \"pref\": "), r.body());
            assertNull(r.header("Set-Cookie"), row[1]);
        }
    }

    /** The session cookie's settings are checked when set, so a bad one fails the app's start, not every session. */
    @Test
    void theSessionCookieConfigRefusesInjectionWhenSet() {
        jakarta.servlet.SessionCookieConfig config =
                new io.subito.servlet.WebAppContext("/s", null, getClass().getClassLoader()).getSessionCookieConfig();
        String[][] rows = {{"Domain", "example.com; Domain=evil.example"}, {"Path", "/\r\nX: 1"},
            {"SameSite", "None; Domain=evil.example"}, {"bad name", "1"}};
        for (String[] row : rows) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> config.setAttribute(row[0], row[1]));
            assertTrue(e.getMessage().startsWith("cookie \"JSESSIONID\": "), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> config.setName("JSESSIONID; Domain=evil.example"));
        config.setDomain("example.com");
        config.setAttribute("SameSite", "Lax");
        assertEquals("example.com", config.getDomain());
    }

    @Test
    void ordinaryInputStillMakesACookie() throws Exception {
        assertEquals("pref=dark-mode_2", remember("value", "dark-mode_2", true).header("Set-Cookie"));
        assertEquals("pref=\"quoted\"", remember("value", "\"quoted\"", true).header("Set-Cookie"));
        assertEquals("pref=ok; Domain=example.com", remember("domain", "example.com", true).header("Set-Cookie"));
        assertEquals("pref=ok; Path=/app/a b", remember("path", "/app/a b", true).header("Set-Cookie"));
        assertEquals("pref=ok; SameSite=Strict", remember("attribute", "Strict", true).header("Set-Cookie"));
    }
}
