package io.subito.servlet.response;

import jakarta.servlet.http.Cookie;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Formats a Set-Cookie value as Tomcat's Rfc6265CookieProcessor does, refusing (with
 * {@link CookieRules}) any part that could end the field early or add attributes of its own.
 */
public final class SetCookie {
    private static final DateTimeFormatter EXPIRES =
            DateTimeFormatter.ofPattern("EEE, dd-MMM-yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private SetCookie() {
    }

    /** @throws IllegalArgumentException naming the cookie, for a part RFC 6265 does not allow */
    public static String format(Cookie c) {
        String name = c.getName();
        CookieRules.checkName(name);
        StringBuilder sb = new StringBuilder(64);
        sb.append(name).append('=');
        String v = c.getValue();
        if (v != null) {
            CookieRules.checkValue(name, v);
            sb.append(v);
        }
        int maxAge = c.getMaxAge();
        if (maxAge >= 0) {
            // RFC 6265: only positive Max-Age values are sent; Expires in the past deletes the cookie
            if (maxAge > 0) {
                sb.append("; Max-Age=").append(maxAge);
            }
            sb.append("; Expires=");
            sb.append(maxAge == 0 ? "Thu, 01-Jan-1970 00:00:10 GMT"
                    : EXPIRES.format(Instant.now().plusSeconds(maxAge)));
        }
        String domain = c.getDomain();
        if (domain != null && !domain.isEmpty()) { // an empty one is left out, as Tomcat does
            CookieRules.checkDomain(name, domain);
            sb.append("; Domain=").append(domain);
        }
        String path = c.getPath();
        if (path != null && !path.isEmpty()) {
            CookieRules.checkPath(name, path);
            sb.append("; Path=").append(path);
        }
        if (c.getSecure()) {
            sb.append("; Secure");
        }
        if (c.isHttpOnly()) {
            sb.append("; HttpOnly");
        }
        for (Map.Entry<String, String> a : c.getAttributes().entrySet()) {
            String k = a.getKey();
            if (isStandard(k)) {
                continue;
            }
            sb.append("; ").append(k);
            String val = a.getValue();
            CookieRules.checkAttribute(name, k, val);
            if (val != null && !val.isEmpty()) {
                sb.append('=').append(val);
            }
        }
        return sb.toString();
    }

    private static boolean isStandard(String k) {
        switch (k.toLowerCase(Locale.ROOT)) {
            case "max-age", "expires", "domain", "path", "secure", "httponly", "comment", "version":
                return true;
            default:
                return false;
        }
    }
}
