package io.subito.servlet.response;

import jakarta.servlet.http.Cookie;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** Formats a Set-Cookie value as Tomcat's Rfc6265CookieProcessor does. */
public final class SetCookie {
    private static final DateTimeFormatter EXPIRES =
            DateTimeFormatter.ofPattern("EEE, dd-MMM-yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private SetCookie() {
    }

    public static String format(Cookie c) {
        StringBuilder sb = new StringBuilder(64);
        sb.append(c.getName()).append('=');
        String v = c.getValue();
        if (v != null) {
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
        if (c.getDomain() != null) {
            sb.append("; Domain=").append(c.getDomain());
        }
        if (c.getPath() != null) {
            sb.append("; Path=").append(c.getPath());
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
