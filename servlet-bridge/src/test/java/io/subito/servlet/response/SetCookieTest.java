package io.subito.servlet.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

/** Set-Cookie formatting and the RFC 6265 checks in memory; CookieInjectionTest shows them over sockets. */
class SetCookieTest {
    private static String refusal(Cookie c) {
        return assertThrows(IllegalArgumentException.class, () -> SetCookie.format(c)).getMessage();
    }

    @Test
    void aValidCookieIsWrittenWithItsAttributes() {
        Cookie c = new Cookie("pref", "dark_mode-1");
        c.setDomain("example.com");
        c.setPath("/app");
        c.setSecure(true);
        c.setHttpOnly(true);
        c.setAttribute("SameSite", "Lax");
        c.setAttribute("Partitioned", "");
        assertEquals("pref=dark_mode-1; Domain=example.com; Path=/app; Secure; HttpOnly; Partitioned; SameSite=Lax",
                SetCookie.format(c));
    }

    @Test
    void quotedAndEmptyValuesAreAllowed() {
        assertEquals("q=\"abc\"", SetCookie.format(new Cookie("q", "\"abc\"")));
        assertEquals("e=", SetCookie.format(new Cookie("e", "")));
        assertEquals("n=", SetCookie.format(new Cookie("n", null)));
        assertEquals("b64=YWJj+/=", SetCookie.format(new Cookie("b64", "YWJj+/=")));
    }

    @Test
    void aValueThatWouldAddAttributesIsRefusedNamingTheCookie() {
        String m = refusal(new Cookie("pref", "x; Domain=evil.example"));
        assertTrue(m.startsWith("cookie \"pref\": value has ';' (0x3B) at index 1"), m);
    }

    @Test
    void everyCharacterOutsideCookieOctetsIsRefusedInAValue() {
        for (String v : new String[] {"a b", "a\tb", "a,b", "a\"b", "a\\b", "a\r\nSet-Cookie: x=1", "a\u007fb",
                "caf\u00e9", "\"a;b\"", "\"", "\"a"}) {
            String m = refusal(new Cookie("c", v));
            assertTrue(m.startsWith("cookie \"c\": value has "), v + " -> " + m);
        }
    }

    @Test
    void aDomainOrPathWithSeparatorsOrControlsIsRefused() {
        for (String d : new String[] {"evil.example; Secure", "a..b", "-a.b", "a-.b", "a.b.", "a b", "a\r\nb", "x_y.com"}) {
            Cookie c = new Cookie("d", "1");
            c.setDomain(d);
            assertTrue(refusal(c).startsWith("cookie \"d\": domain"), d);
        }
        for (String p : new String[] {"/a;Domain=evil", "/a\r\nX: y", "/\u00e9", "/a\u0000"}) {
            Cookie c = new Cookie("p", "1");
            c.setPath(p);
            assertTrue(refusal(c).startsWith("cookie \"p\": path has "), p);
        }
    }

    @Test
    void aLeadingDotOnTheDomainIsAcceptedAndAnEmptyDomainOrPathIsLeftOut() {
        Cookie c = new Cookie("d", "1");
        c.setDomain(".example.com");
        assertEquals("d=1; Domain=.example.com", SetCookie.format(c));
        Cookie e = new Cookie("e", "1");
        e.setDomain("");
        e.setPath("");
        assertEquals("e=1", SetCookie.format(e));
    }

    @Test
    void attributeValuesWithSemicolonsOrControlsAreRefused() {
        Cookie c = new Cookie("s", "1");
        c.setAttribute("SameSite", "None; Domain=evil");
        assertTrue(refusal(c).startsWith("cookie \"s\": attribute SameSite has ';'"), refusal(c));
        Cookie d = new Cookie("s", "1");
        d.setAttribute("Priority", "High\r\nX-Injected: 1");
        assertTrue(refusal(d).startsWith("cookie \"s\": attribute Priority has 0x0D"), refusal(d));
    }

    /** Cookie's own constructor checks the name; a subclass can still return any name. */
    @Test
    void aNameThatIsNotATokenIsRefusedEvenFromACookieSubclass() {
        Cookie c = new Cookie("ok", "1") {
            private static final long serialVersionUID = 1L;

            @Override
            public String getName() {
                return "bad name";
            }
        };
        assertTrue(refusal(c).startsWith("cookie \"bad name\": name has 0x20 at index 3"), refusal(c));
    }

    @Test
    void messagesShowNoControlCharactersOfTheCookie() {
        Cookie c = new Cookie("c", "1");
        c.setDomain("a\r\nb");
        String m = refusal(c);
        assertTrue(m.indexOf('\r') < 0 && m.indexOf('\n') < 0, m);
    }
}
