package io.subito.servlet.session;

import jakarta.servlet.http.Cookie;
import java.util.function.Predicate;

/** Where a request names its session: the session cookie, or a {@code ;jsessionid=} path parameter. */
final class RequestedIds {
    private RequestedIds() {
    }

    /**
     * The id of the cookie called {@code name}; of several such cookies the first that
     * {@code live} accepts (only then is any looked up: a store round trip with a shared store),
     * else the first. Null when there is none.
     */
    static String fromCookies(Cookie[] cookies, String name, Predicate<String> live) {
        String first = null;
        int count = 0;
        for (Cookie c : cookies) {
            if (c.getName().equals(name) && count++ == 0) {
                first = c.getValue();
            }
        }
        for (int i = 0; count > 1 && i < cookies.length; i++) {
            Cookie c = cookies[i];
            if (c.getName().equals(name) && live.test(c.getValue())) {
                return c.getValue();
            }
        }
        return first;
    }

    /** The value of the path parameter {@code ;name=} in a raw path, or null. */
    static String fromPathParameter(String raw, String name) {
        String key = ";" + name + "=";
        int i = raw.indexOf(key);
        if (i < 0) {
            return null;
        }
        int start = i + key.length();
        int end = start;
        while (end < raw.length() && raw.charAt(end) != ';' && raw.charAt(end) != '/') {
            end++;
        }
        return raw.substring(start, end);
    }
}
