package io.subito.container.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One parsed request head, as offsets into the connection's input buffer. Nothing is decoded
 * into a {@code String} until asked; a recycled head forgets the buffer, so a holder of a
 * finished request cannot read the next one's bytes.
 */
public final class RequestHead {
    private static final String[] COMMON_METHODS = {"GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH"};

    byte[] buf;
    int methodStart;
    int methodEnd;
    int targetStart;
    int targetEnd;
    int pathStart;
    int pathEnd;
    int queryStart = -1;
    /** Set by the request-line scan: the path has no byte that canonicalisation could change. */
    boolean pathPlain;
    int minorVersion;
    boolean asteriskTarget;
    /** The head came as an HTTP/2 field block (rewritten as HTTP/1.1 for the parser). */
    private boolean http2;

    int headerCount;
    int[] offsets = new int[4 * 16];
    KnownHeader[] kinds = new KnownHeader[16];
    private String[] nameCache = new String[16];
    private String[] valueCache = new String[16];
    /** Whether a header name or value was asked for as a String (only then are the caches cleared). */
    private boolean stringsMade;

    long contentLength = -1;
    boolean chunked;
    boolean expectContinue;
    boolean connectionClose;
    boolean connectionKeepAlive;

    /** Set when the canonical path differs from the raw bytes (decoding or normalisation happened). */
    String canonicalPath;
    private String method;
    private String rawPath;
    private final RecentStrings recent = new RecentStrings();
    private String query;

    public void recycle() {
        if (stringsMade) {
            stringsMade = false;
            java.util.Arrays.fill(nameCache, 0, headerCount, null);
            java.util.Arrays.fill(valueCache, 0, headerCount, null);
        }
        buf = null;
        http2 = false;
        headerCount = 0;
        queryStart = -1;
        asteriskTarget = false;
        contentLength = -1;
        chunked = false;
        expectContinue = false;
        connectionClose = false;
        connectionKeepAlive = false;
        canonicalPath = null;
        method = null;
        rawPath = null;
        query = null;
    }

    /** Moves every offset by {@code delta}, after the buffer's bytes were moved. */
    public void shift(int delta) {
        methodStart += delta;
        methodEnd += delta;
        targetStart += delta;
        targetEnd += delta;
        pathStart += delta;
        pathEnd += delta;
        if (queryStart >= 0) {
            queryStart += delta;
        }
        for (int i = 0; i < 4 * headerCount; i++) {
            offsets[i] += delta;
        }
    }

    void addHeader(int nameStart, int nameEnd, int valueStart, int valueEnd, KnownHeader kind) {
        int i = headerCount;
        if (i == kinds.length) {
            int n = i * 2;
            offsets = java.util.Arrays.copyOf(offsets, 4 * n);
            kinds = java.util.Arrays.copyOf(kinds, n);
            nameCache = java.util.Arrays.copyOf(nameCache, n);
            valueCache = java.util.Arrays.copyOf(valueCache, n);
        }
        offsets[4 * i] = nameStart;
        offsets[4 * i + 1] = nameEnd;
        offsets[4 * i + 2] = valueStart;
        offsets[4 * i + 3] = valueEnd;
        kinds[i] = kind;
        headerCount = i + 1;
    }

    /**
     * "METHOD /raw/path" for a log line about a request that another thread is running: made from
     * the bytes alone, touching none of the cached strings that thread may be filling; "-" if the
     * head was recycled meanwhile. The path is cut at 200 characters.
     */
    public String describe() {
        byte[] b = buf;
        int ms = methodStart;
        int me = methodEnd;
        int ps = pathStart;
        int pe = pathEnd;
        if (b == null || ms < 0 || ms >= me || me > b.length || ps < 0 || ps > pe || pe > b.length) {
            return "-";
        }
        String path = asteriskTarget ? "*" : ps == pe ? "/" : new String(b, ps, Math.min(pe - ps, 200), StandardCharsets.ISO_8859_1);
        return new String(b, ms, me - ms, StandardCharsets.ISO_8859_1) + " " + path;
    }

    // ---- request line ----

    public String method() {
        String m = method;
        if (m == null && buf != null) {
            m = commonMethod();
            if (m == null) {
                m = ascii(methodStart, methodEnd);
            }
            method = m;
        }
        return m;
    }

    private String commonMethod() {
        int len = methodEnd - methodStart;
        for (String c : COMMON_METHODS) {
            if (c.length() == len && regionEquals(methodStart, c, false)) {
                return c;
            }
        }
        return null;
    }

    public boolean isMethod(String name) {
        return buf != null && methodEnd - methodStart == name.length() && regionEquals(methodStart, name, false);
    }

    public boolean isHead() {
        return isMethod("HEAD");
    }

    /** The request-target exactly as sent. */
    public String target() {
        return buf == null ? null : ascii(targetStart, targetEnd);
    }

    /** The path as sent: not decoded, path parameters kept (the Servlet request URI). */
    public String rawPath() {
        String p = rawPath;
        if (p == null && buf != null) {
            p = asteriskTarget ? "*" : pathStart == pathEnd ? "/" : recent.latin1(buf, pathStart, pathEnd);
            rawPath = p;
        }
        return p;
    }

    /** The query string as sent, or null when the target has no '?'. */
    public String query() {
        String q = query;
        if (q == null && queryStart >= 0 && buf != null) {
            q = ascii(queryStart, targetEnd);
            query = q;
        }
        return q;
    }

    /**
     * The canonical path: path parameters removed, percent-decoded as UTF-8, dot-segments
     * resolved (Servlet 6 section 3.5.2). Equal to {@link #rawPath()} for plain paths.
     */
    public String path() {
        if (buf == null) {
            return null;
        }
        if (canonicalPath != null) {
            return canonicalPath;
        }
        return rawPath();
    }

    /** Compares the canonical path without making a String of it. */
    public boolean pathEquals(String p) {
        if (buf == null) {
            return false;
        }
        if (canonicalPath != null) {
            return canonicalPath.equals(p);
        }
        return !asteriskTarget && pathEnd - pathStart == p.length() && regionEquals(pathStart, p, false);
    }

    public int minorVersion() {
        return minorVersion;
    }

    public String protocol() {
        return http2 ? "HTTP/2.0" : minorVersion == 1 ? "HTTP/1.1" : "HTTP/1.0";
    }

    /** This head is an HTTP/2 stream's request: {@link #protocol()} says so. */
    public void markHttp2() {
        http2 = true;
    }

    public boolean isHttp2() {
        return http2;
    }

    // ---- headers ----

    public int headerCount() {
        return buf == null ? 0 : headerCount;
    }

    public String headerName(int i) {
        checkIndex(i);
        String s = nameCache[i];
        if (s == null) {
            s = ascii(offsets[4 * i], offsets[4 * i + 1]);
            nameCache[i] = s;
            stringsMade = true;
        }
        return s;
    }

    public String headerValue(int i) {
        checkIndex(i);
        String s = valueCache[i];
        if (s == null) {
            s = ascii(offsets[4 * i + 2], offsets[4 * i + 3]);
            valueCache[i] = s;
            stringsMade = true;
        }
        return s;
    }

    /** The first value of a header, matched case-insensitively, or null. */
    public String header(String name) {
        int i = indexOf(name, 0);
        return i < 0 ? null : headerValue(i);
    }

    public List<String> headers(String name) {
        List<String> out = new ArrayList<>(2);
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            out.add(headerValue(i));
        }
        return out;
    }

    /** Index of the first header named {@code name} at or after {@code from}, or -1. */
    public int indexOf(String name, int from) {
        if (buf == null) {
            return -1;
        }
        int len = name.length();
        for (int i = from; i < headerCount; i++) {
            int s = offsets[4 * i];
            if (offsets[4 * i + 1] - s == len && regionEquals(s, name, true)) {
                return i;
            }
        }
        return -1;
    }

    public long contentLength() {
        return contentLength;
    }

    public boolean isChunked() {
        return chunked;
    }

    public boolean expectsContinue() {
        return expectContinue;
    }

    /** Whether the client allows the connection to stay open after this request. */
    public boolean keepAliveRequested() {
        return minorVersion == 1 ? !connectionClose : connectionKeepAlive && !connectionClose;
    }

    private void checkIndex(int i) {
        if (buf == null || i < 0 || i >= headerCount) {
            throw new IndexOutOfBoundsException("header " + i);
        }
    }

    private boolean regionEquals(int off, String s, boolean ignoreCase) {
        byte[] b = buf;
        for (int i = 0, n = s.length(); i < n; i++) {
            int c = b[off + i] & 0xFF;
            int d = s.charAt(i);
            if (c != d) {
                if (!ignoreCase || (c | 0x20) != (d | 0x20) || !Character.isLetter(d)) {
                    return false;
                }
            }
        }
        return true;
    }

    private String ascii(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
