package io.subito.container.http2;

import io.subito.container.http2.hpack.HeaderSink;
import java.util.Arrays;

/**
 * The fields of one request's (or trailer section's) field block as HPACK decodes them, checked
 * against RFC 9113 section 8: names in lower case, pseudo-header fields first, each once, only the
 * request ones, none in trailers; no connection-specific fields; {@code te} only as
 * {@code trailers}; values without CR, LF, NUL or surrounding white space. The first violation
 * is kept ({@link #error()}): the request is malformed, a stream error of type PROTOCOL_ERROR.
 *
 * <p>A valid request becomes the bytes of an HTTP/1.1 request head ({@link #toHead}), which the
 * engine's own parser checks and indexes as it does for HTTP/1.1, so one set of rules and one
 * {@code RequestHead} serve both protocols. One instance per connection, reused per field block
 * (decoding happens on the connection's loop only).
 */
public final class RequestFields implements HeaderSink {
    private boolean trailers;
    private String method;
    private String scheme;
    private String authority;
    private String path;
    private String host;
    private boolean regularSeen;
    private String error;
    private long contentLength = -1;
    private String[] names = new String[16];
    private String[] values = new String[16];
    private int count;
    private String cookies;

    /** Starts a field block: a request's ({@code trailers} false) or a trailer section's. */
    public void begin(boolean trailerSection) {
        trailers = trailerSection;
        method = scheme = authority = path = host = null;
        regularSeen = false;
        error = null;
        contentLength = -1;
        Arrays.fill(names, 0, count, null);
        Arrays.fill(values, 0, count, null);
        count = 0;
        cookies = null;
    }

    @Override
    public void header(String name, String value, boolean sensitive) {
        if (error != null) {
            return;
        }
        if (!validName(name)) {
            fail("field name '" + name + "' is not a lower-case token (section 8.2)");
            return;
        }
        if (!validValue(value)) {
            fail("field '" + name + "' has a value with CR, LF, NUL or surrounding white space (section 8.2.1)");
            return;
        }
        if (name.charAt(0) == ':') {
            pseudo(name, value);
            return;
        }
        regularSeen = true;
        switch (name) {
            case "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade" -> {
                fail("connection-specific field '" + name + "' (section 8.2.2)");
                return;
            }
            case "te" -> {
                if (!value.equals("trailers")) {
                    fail("te: " + value + " (only 'trailers' is allowed, section 8.2.2)");
                    return;
                }
            }
            case "content-length" -> {
                contentLength = parseLength(value);
                if (contentLength < 0) {
                    fail("content-length: " + value);
                    return;
                }
            }
            case "host" -> {
                host = value;
                return;
            }
            case "cookie" -> {
                // section 8.2.3: split cookie fields are joined again for HTTP/1.1's single Cookie
                cookies = cookies == null ? value : cookies + "; " + value;
                return;
            }
            default -> {
            }
        }
        if (count == names.length) {
            names = Arrays.copyOf(names, count * 2);
            values = Arrays.copyOf(values, count * 2);
        }
        names[count] = name;
        values[count++] = value;
    }

    private void pseudo(String name, String value) {
        if (trailers) {
            fail("pseudo-header field " + name + " in trailers (section 8.1)");
            return;
        }
        if (regularSeen) {
            fail("pseudo-header field " + name + " after a regular field (section 8.3)");
            return;
        }
        switch (name) {
            case ":method" -> method = once(name, method, value);
            case ":scheme" -> scheme = once(name, scheme, value);
            case ":authority" -> authority = once(name, authority, value);
            case ":path" -> path = once(name, path, value);
            default -> fail("pseudo-header field " + name + " is not one of a request's (section 8.3.1)");
        }
    }

    private String once(String name, String had, String value) {
        if (had != null) {
            fail("pseudo-header field " + name + " twice (section 8.3)");
        }
        return value;
    }

    /** After the block: the first rule it broke, or null. Completes the checks that need the whole block. */
    public String error() {
        if (error == null && !trailers) {
            if (method == null) {
                fail("no :method (section 8.3.1)");
            } else if (method.equals("CONNECT")) {
                fail("CONNECT is not supported");
            } else if (scheme == null || path == null) {
                fail("no " + (scheme == null ? ":scheme" : ":path") + " (section 8.3.1)");
            } else if (path.isEmpty()) {
                fail("empty :path (section 8.3.1)");
            }
        }
        return error;
    }

    private void fail(String why) {
        if (error == null) {
            error = why;
        }
    }

    /** The declared content-length, or -1. */
    public long contentLength() {
        return contentLength;
    }

    public String method() {
        return method;
    }

    /** The fields of a trailer section, for the request's trailers. */
    public java.util.Map<String, String> toMap() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            m.merge(names[i], values[i], (a, b) -> a + "," + b);
        }
        return m;
    }

    public String scheme() {
        return scheme;
    }

    public int count() {
        return count;
    }

    public String name(int i) {
        return names[i];
    }

    public String value(int i) {
        return values[i];
    }

    /**
     * The request as an HTTP/1.1 head: {@code METHOD path HTTP/1.1}, {@code Host} from
     * {@code :authority} (or the host field), then the fields; ends with the empty line.
     */
    public byte[] toHead() {
        String h = authority != null ? authority : host;
        int n = method.length() + path.length() + 12 + (h != null ? h.length() + 8 : 0) + 2;
        if (cookies != null) {
            n += cookies.length() + 10;
        }
        for (int i = 0; i < count; i++) {
            n += names[i].length() + values[i].length() + 4;
        }
        byte[] b = new byte[n];
        int at = put(b, 0, method);
        b[at++] = ' ';
        at = put(b, at, path);
        at = put(b, at, " HTTP/1.1\r\n");
        if (h != null) {
            at = line(b, at, "host", h);
        }
        if (cookies != null) {
            at = line(b, at, "cookie", cookies);
        }
        for (int i = 0; i < count; i++) {
            at = line(b, at, names[i], values[i]);
        }
        b[at++] = '\r';
        b[at] = '\n';
        return b;
    }

    private static int line(byte[] b, int at, String name, String value) {
        at = put(b, at, name);
        b[at++] = ':';
        b[at++] = ' ';
        at = put(b, at, value);
        b[at++] = '\r';
        b[at++] = '\n';
        return at;
    }

    private static int put(byte[] b, int at, String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            b[at++] = (byte) s.charAt(i);
        }
        return at;
    }

    /** Token characters of RFC 9110 section 5.6.2 without upper case; pseudo-header names start with ':'. */
    static boolean validName(String name) {
        int n = name.length();
        if (n == 0) {
            return false;
        }
        for (int i = name.charAt(0) == ':' ? 1 : 0; i < n; i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z' || c <= ' ' || c >= 0x7F || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return n > 1 || name.charAt(0) != ':';
    }

    static boolean validValue(String v) {
        int n = v.length();
        if (n > 0 && (isSpace(v.charAt(0)) || isSpace(v.charAt(n - 1)))) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static long parseLength(String v) {
        if (v.isEmpty() || v.length() > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    @Override
    public String toString() {
        return (trailers ? "trailers" : method + " " + path) + ", " + count + " fields" + (error == null ? "" : ", malformed: " + error);
    }
}
