package io.subito.deploy.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pattern language in memory: letters, names, escaping and the errors a bad pattern gets. */
class AccessLogPatternTest {
    /** A request as a log entry, without a server. */
    private record Entry(String requestLine, int status, long bodyBytes, Map<String, String> headers, long elapsedNanos)
            implements LogEntry {
        public InetSocketAddress remote() { return new InetSocketAddress("10.1.2.3", 55000); }
        public InetSocketAddress local() { return new InetSocketAddress("127.0.0.1", 8080); }
        public String method() { return requestLine.split(" ")[0]; }
        public String target() { return requestLine.split(" ")[1]; }
        public String path() { return target().split("\\?")[0]; }
        public String query() { return target().contains("?") ? target().split("\\?", 2)[1] : null; }
        public String protocol() { return requestLine.split(" ")[2]; }
        public String requestHeader(String name) { return headers.get(name); }
        public String responseHeader(String name) { return name.equals("X-Out") ? "out" : null; }
        public long startMillis() { return 0; }
    }

    private static final Entry GET = new Entry("GET /a?b=1 HTTP/1.1", 200, 12,
            Map.of("User-Agent", "curl/8 \"quoted\"", "Host", "example.org:8080", "Authorization", "Basic dXNlcjpwdw=="),
            2_345_678_901L);

    @Test
    void combinedIsTheCommonFormatWithRefererAndUserAgent() {
        String line = AccessLogPattern.parse("combined").format(GET);
        assertTrue(line.matches("10\\.1\\.2\\.3 - user \\[\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}] "
                + "\"GET /a\\?b=1 HTTP/1\\.1\" 200 12 \"-\" \"curl/8 \\\\\"quoted\\\\\"\""), line);
        assertEquals(AccessLogPattern.COMMON, AccessLogPattern.parse("common").source());
    }

    @Test
    void tomcatLettersGiveTheRequestsParts() {
        assertEquals("10.1.2.3 127.0.0.1 8080 55000 GET /a ?b=1 HTTP/1.1 200 12 12 example.org - out",
                AccessLogPattern.parse("%a %A %p %{remote}p %m %U %q %H %s %b %B %v %{X-Missing}i %{X-Out}o").format(GET));
        assertEquals("2345678 2 2345 2.345", AccessLogPattern.parse("%D %T %{ms}T %{fracsec}T").format(GET));
        assertEquals("0 - 0", AccessLogPattern.parse("%B %b %s").format(new Entry("GET / HTTP/1.1", 0, 0, Map.of(), 0)));
        assertEquals("1970 0 000", AccessLogPattern.parse("%{yyyy}t %{sec}t %{msec_frac}t").format(GET));
        assertEquals("100% x", AccessLogPattern.parse("100%% x").format(GET));
    }

    @Test
    void headerValuesCannotBreakTheLine() {
        Entry evil = new Entry("GET / HTTP/1.1", 200, 1, Map.of("X-Evil", "a\"b\\c\nd\u0001"), 0);
        assertEquals("a\\\"b\\\\c\\x0ad\\x01", AccessLogPattern.parse("%{X-Evil}i").format(evil));
    }

    @Test
    void cookiesAreFoundByName() {
        assertEquals("abc", AccessLogPattern.cookie("a=1; sid=abc;b=2", "sid"));
        assertEquals(null, AccessLogPattern.cookie("a=1", "sid"));
    }

    @Test
    void whatIsNotSupportedIsRefusedNamingItAndWhere() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccessLogPattern.parse("%h %S"))
                .getMessage().startsWith("%S (at position 4) is not supported"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccessLogPattern.parse("%i"))
                .getMessage().contains("needs a name: %{Name}i"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccessLogPattern.parse("%{X"))
                .getMessage().contains("has no closing }"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccessLogPattern.parse("50%"))
                .getMessage().contains("lone %"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccessLogPattern.parse("%{minutes}T"))
                .getMessage().contains("use ms, us or fracsec"));
    }
}
