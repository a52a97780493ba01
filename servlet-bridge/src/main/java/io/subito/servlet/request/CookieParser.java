package io.subito.servlet.request;

import io.subito.container.http.RequestHead;
import jakarta.servlet.http.Cookie;
import java.util.ArrayList;
import java.util.List;

/** Parses Cookie request headers as RFC 6265 name=value pairs, quotes kept (Tomcat's Rfc6265CookieProcessor). */
public final class CookieParser {
    private CookieParser() {
    }

    /** The cookies, or null when there are none (as getCookies() requires). */
    public static Cookie[] parse(RequestHead head) {
        List<Cookie> out = null;
        for (int i = head.indexOf("Cookie", 0); i >= 0; i = head.indexOf("Cookie", i + 1)) {
            String v = head.headerValue(i);
            for (String pair : v.split(";")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim(); // RFC 6265: DQUOTEs belong to the value
                if (name.isEmpty() || name.startsWith("$")) {
                    continue;
                }
                try {
                    Cookie c = new Cookie(name, value);
                    if (out == null) {
                        out = new ArrayList<>(4);
                    }
                    out.add(c);
                } catch (IllegalArgumentException invalidName) {
                    // a cookie whose name is not a token is ignored, as Tomcat does
                }
            }
        }
        return out == null ? null : out.toArray(new Cookie[0]);
    }
}
