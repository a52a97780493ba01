package io.subito.servlet.response;

/**
 * What may go into a Set-Cookie header (RFC 6265 section 4.1.1), checked as Tomcat's
 * {@code Rfc6265CookieProcessor} checks it, so that no part of a cookie can end its field early
 * and smuggle in attributes of its own ({@code "x; Domain=evil"}). Every refusal is an
 * {@link IllegalArgumentException} naming the cookie and the offending character.
 */
public final class CookieRules {
    private CookieRules() {
    }

    /** A cookie name is an RFC 9110 token. */
    public static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a cookie needs a name");
        }
        int bad = firstNonToken(name);
        if (bad >= 0) {
            throw refused(name, "name", name, bad, "a token");
        }
    }

    /**
     * The value: cookie-octets (US-ASCII without CTLs, whitespace, {@code " , ; \}), optionally
     * within one pair of double quotes.
     */
    public static void checkValue(String cookie, String value) {
        int n = value.length();
        boolean quoted = n > 1 && value.charAt(0) == '"' && value.charAt(n - 1) == '"';
        for (int i = quoted ? 1 : 0, end = quoted ? n - 1 : n; i < end; i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E || c == '"' || c == ',' || c == ';' || c == '\\') {
                throw refused(cookie, "value", value, i, "cookie-octets (RFC 6265 section 4.1.1), optionally quoted");
            }
        }
    }

    /**
     * The Domain attribute: letters, digits, dots and hyphens in labels that start and end with a
     * letter or digit (Tomcat's rule). One leading dot is accepted, which RFC 6265 user agents ignore
     * and many existing applications send.
     */
    public static void checkDomain(String cookie, String domain) {
        int start = domain.startsWith(".") ? 1 : 0;
        char prev = '.';
        for (int i = start; i < domain.length(); i++) {
            char c = domain.charAt(i);
            boolean ok = isAlnum(c)
                    || (c == '.' && isAlnum(prev)) // no empty label, none ending in '-'
                    || (c == '-' && prev != '.'); // no label starting with '-'
            if (!ok) {
                throw refused(cookie, "domain", domain, i, "a host name");
            }
            prev = c;
        }
        if (!isAlnum(prev)) {
            throw new IllegalArgumentException("cookie \"" + cookie + "\": domain \"" + printable(domain)
                    + "\" is not a host name");
        }
    }

    /** The Path attribute: visible US-ASCII and space, without ';'. */
    public static void checkPath(String cookie, String path) {
        int bad = firstNotAttributeText(path);
        if (bad >= 0) {
            throw refused(cookie, "path", path, bad, "visible US-ASCII without ';'");
        }
    }

    /** Any other attribute: a token for its name, visible US-ASCII and space without ';' for its value. */
    public static void checkAttribute(String cookie, String name, String value) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("cookie \"" + printable(cookie) + "\": an attribute needs a name");
        }
        int bad = firstNonToken(name);
        if (bad >= 0) {
            throw refused(cookie, "attribute name", name, bad, "a token");
        }
        if (value != null) {
            bad = firstNotAttributeText(value);
            if (bad >= 0) {
                throw refused(cookie, "attribute " + name, value, bad, "visible US-ASCII without ';'");
            }
        }
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static int firstNonToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7F || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static int firstNotAttributeText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E || c == ';') {
                return i;
            }
        }
        return -1;
    }

    private static IllegalArgumentException refused(String cookie, String part, String text, int at, String expected) {
        char c = text.charAt(at);
        return new IllegalArgumentException("cookie \"" + printable(cookie) + "\": " + part + " has "
                + describe(c) + " at index " + at + "; it must be " + expected);
    }

    private static String describe(char c) {
        String hex = String.format("0x%02X", (int) c);
        return c > 0x20 && c < 0x7F ? "'" + c + "' (" + hex + ")" : hex;
    }

    /** A name or value echoed in a message: control characters shown as '?', so the message cannot split a log line. */
    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 64));
        for (int i = 0; i < s.length() && i < 64; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7F ? '?' : c);
        }
        return s.length() > 64 ? sb.append("...").toString() : sb.toString();
    }
}
