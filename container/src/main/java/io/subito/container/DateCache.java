package io.subito.container;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The {@code Date:} header line, rebuilt at most once a second by whichever thread notices. The
 * caller passes the time it already has (a selector loop's clock, read once per select) so that a
 * batch of pipelined responses does not read the system clock once per response.
 */
final class DateCache {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US);
    private static volatile Entry current = build(System.currentTimeMillis() / 1000);

    private record Entry(long second, byte[] line, String value) {
    }

    private DateCache() {
    }

    /** {@code "Date: <IMF-fixdate>\r\n"} for the current second. */
    static byte[] line() {
        return line(System.currentTimeMillis());
    }

    /** {@code "Date: <IMF-fixdate>\r\n"} for the second of {@code millis}. */
    static byte[] line(long millis) {
        return entry(millis).line;
    }

    /** The IMF-fixdate of the current second, as a String (an HTTP/2 response's date field). */
    static String value() {
        return entry(System.currentTimeMillis()).value;
    }

    private static Entry entry(long millis) {
        long second = millis / 1000;
        Entry e = current;
        if (e.second != second) {
            e = build(second);
            current = e;
        }
        return e;
    }

    private static Entry build(long second) {
        String date = IMF_FIXDATE.format(ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(second), ZoneOffset.UTC));
        return new Entry(second, ("Date: " + date + "\r\n").getBytes(StandardCharsets.ISO_8859_1), date);
    }
}
