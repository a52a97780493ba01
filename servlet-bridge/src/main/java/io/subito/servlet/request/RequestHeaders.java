package io.subito.servlet.request;

import io.subito.container.http.RequestHead;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/** Header reads over the engine's lazily decoded {@link RequestHead}. */
public final class RequestHeaders {
    private static final DateTimeFormatter RFC_850 = DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss zzz", Locale.US);
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.US);

    private RequestHeaders() {
    }

    public static Enumeration<String> values(RequestHead head, String name) {
        if (head.indexOf(name, 0) < 0) {
            return Collections.emptyEnumeration();
        }
        return Collections.enumeration(head.headers(name));
    }

    /** Each name once, in first-seen order, as the client spelled it. */
    public static Enumeration<String> names(RequestHead head) {
        int n = head.headerCount();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (head.indexOf(head.headerName(i), 0) == i) {
                out.add(head.headerName(i));
            }
        }
        return Collections.enumeration(out);
    }

    public static int intValue(RequestHead head, String name) {
        String v = head.header(name);
        return v == null ? -1 : Integer.parseInt(v.trim());
    }

    /** Milliseconds since the epoch, -1 when absent; IllegalArgumentException when not a date. */
    public static long dateValue(RequestHead head, String name) {
        String v = head.header(name);
        if (v == null) {
            return -1;
        }
        long t = parseDate(v.trim());
        if (t == Long.MIN_VALUE) {
            throw new IllegalArgumentException("header " + name + " is not a date: " + v);
        }
        return t;
    }

    /** Parses the three HTTP date formats; Long.MIN_VALUE when none fits. */
    public static long parseDate(String v) {
        for (DateTimeFormatter f : new DateTimeFormatter[] {DateTimeFormatter.RFC_1123_DATE_TIME, RFC_850}) {
            try {
                return ZonedDateTime.parse(v, f).toInstant().toEpochMilli();
            } catch (DateTimeParseException ignored) {
                // try the next format
            }
        }
        try {
            return java.time.LocalDateTime.parse(v.replaceAll(" +", " "), ASCTIME)
                    .toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            return Long.MIN_VALUE;
        }
    }

    /** The request's cookies, parsed once per request (null when it sent none). */
    static jakarta.servlet.http.Cookie[] cookies(RequestState s) {
        if (!s.cookiesParsed) {
            s.cookiesParsed = true;
            s.cookies = CookieParser.parse(s.head);
        }
        return s.cookies;
    }

    /** The Accept-Language locales, parsed once per request. */
    static java.util.List<java.util.Locale> locales(RequestState s) {
        if (s.locales == null) {
            // most requests have no Accept-Language: no list of values made for them
            s.locales = s.head.indexOf("Accept-Language", 0) < 0 ? Locales.parse(java.util.List.of())
                    : Locales.parse(s.head.headers("Accept-Language"));
        }
        return s.locales;
    }

    /** Trailer fields as getTrailerFields answers them: names in lower case, in their order. */
    static java.util.Map<String, String> lowerCaseNames(java.util.Map<String, String> raw) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        raw.forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return out;
    }
}
