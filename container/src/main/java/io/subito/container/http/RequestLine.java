package io.subito.container.http;

import java.util.Arrays;

/** Parses {@code method SP request-target SP HTTP-version} into a {@link RequestHead}. */
final class RequestLine {
    private static final byte[] HTTP_SCHEME = Ascii.bytes("http://");
    private static final byte[] HTTPS_SCHEME = Ascii.bytes("https://");
    private static final long HTTP_1_1 = Ascii.longAt(Ascii.bytes("HTTP/1.1"), 0);
    private static final long HTTP_1_0 = Ascii.longAt(Ascii.bytes("HTTP/1.0"), 0);
    private static final int GET_SP = Ascii.intAt(Ascii.bytes("GET "), 0);
    /**
     * What each byte is in a request-target, for the one pass that validates it, finds the query
     * and tells whether the path is already canonical: visible ASCII except '#' (a fragment is
     * never sent) is allowed; of those, '?' ends the path and the bytes that may make a path
     * non-canonical are marked (see {@link PathCanonicalizer}).
     */
    private static final byte[] TARGET_CLASS = new byte[256];
    private static final byte PLAIN = 0;
    private static final byte NOT_TARGET = 1;
    private static final byte QUERY = 2;
    private static final byte ALWAYS_NOTABLE = 3;
    private static final byte NOTABLE_AFTER_SLASH = 4;

    static {
        Arrays.fill(TARGET_CLASS, NOT_TARGET);
        for (int c = 0x21; c < 0x7F; c++) {
            TARGET_CLASS[c] = PathCanonicalizer.alwaysNotable(c) ? ALWAYS_NOTABLE
                    : PathCanonicalizer.notableAfterSlash(c) ? NOTABLE_AFTER_SLASH : PLAIN;
        }
        TARGET_CLASS['#'] = NOT_TARGET;
        TARGET_CLASS['?'] = QUERY;
    }

    private RequestLine() {
    }

    static void parse(byte[] b, int from, int to, RequestHead head, HttpLimits limits) throws HttpParseException {
        int ts = method(b, from, to, head) + 1;
        int te = scanTarget(b, ts, to, head);
        if (te < to && b[te] != ' ') {
            throw new HttpParseException(400, "invalid character in request-target");
        }
        if (te == ts) {
            throw new HttpParseException(400, "empty request-target");
        }
        if (te - ts > limits.maxTargetLength()) {
            throw new HttpParseException(414, "request-target longer than " + limits.maxTargetLength());
        }
        if (te == to) {
            throw new HttpParseException(400, "missing HTTP version");
        }
        head.minorVersion = version(b, te + 1, to);
        head.targetStart = ts;
        head.targetEnd = te;
        target(b, ts, te, head);
    }

    /** Marks the method; returns the index of the space after it. */
    private static int method(byte[] b, int from, int to, RequestHead head) throws HttpParseException {
        head.methodStart = from;
        if (to - from > 4 && Ascii.intAt(b, from) == GET_SP) {
            head.methodEnd = from + 3;
            return from + 3;
        }
        int i = from;
        while (i < to && Ascii.isToken(b[i])) {
            i++;
        }
        if (i == from || i == to || b[i] != ' ') {
            throw new HttpParseException(400, "malformed method");
        }
        head.methodEnd = i;
        return i;
    }

    /**
     * Scans the request-target up to its first disallowed byte, which it returns. On the way it
     * records where the query starts ({@code head.queryStart}, or -1) and whether the bytes before
     * it are a plain path ({@code head.pathPlain}), so plain paths need no second pass.
     */
    private static int scanTarget(byte[] b, int ts, int to, RequestHead head) {
        int q = -1;
        boolean plain = true;
        int i = ts;
        for (; i < to; i++) {
            byte kind = TARGET_CLASS[b[i] & 0xFF];
            if (kind == PLAIN) {
                continue;
            }
            if (kind == NOT_TARGET) {
                break;
            }
            if (q < 0) {
                if (kind == QUERY) {
                    q = i;
                } else if (kind == ALWAYS_NOTABLE || (i > ts && b[i - 1] == '/')) {
                    plain = false; // '%', ';', '\\', "/." or "//"
                }
            }
        }
        head.queryStart = q;
        head.pathPlain = plain;
        return i;
    }

    private static int version(byte[] b, int from, int to) throws HttpParseException {
        if (to - from == 8) {
            long v = Ascii.longAt(b, from);
            if (v == HTTP_1_1) {
                return 1;
            }
            if (v == HTTP_1_0) {
                return 0;
            }
        }
        if (to - from != 8 || b[from] != 'H' || b[from + 1] != 'T' || b[from + 2] != 'T' || b[from + 3] != 'P'
                || b[from + 4] != '/' || !digit(b[from + 5]) || b[from + 6] != '.' || !digit(b[from + 7])) {
            throw new HttpParseException(400, "malformed HTTP version");
        }
        if (b[from + 5] != '1' || (b[from + 7] != '0' && b[from + 7] != '1')) {
            throw new HttpParseException(505, "HTTP version not supported");
        }
        return b[from + 7] - '0';
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static void target(byte[] b, int ts, int te, RequestHead head) throws HttpParseException {
        int pathStart;
        if (b[ts] == '/') {
            pathStart = ts;
        } else if (te - ts == 1 && b[ts] == '*') {
            if (!head.isMethod("OPTIONS")) {
                throw new HttpParseException(400, "asterisk-form target is only allowed for OPTIONS");
            }
            head.asteriskTarget = true;
            head.pathStart = head.pathEnd = ts;
            return;
        } else if (head.isMethod("CONNECT")) {
            throw new HttpParseException(501, "CONNECT is not supported");
        } else {
            pathStart = absoluteFormPath(b, ts, te);
        }
        int q = head.queryStart;
        if (q < 0) {
            q = te;
        } else {
            head.queryStart = q + 1;
        }
        head.pathStart = pathStart;
        head.pathEnd = q;
        // the scan's verdict covers the whole target: an absolute-form one ("http://") never counts as plain
        if (!head.pathPlain || pathStart == q) {
            head.canonicalPath = PathCanonicalizer.canonicalize(b, pathStart, q);
        }
    }

    /** RFC 9112 3.2.2: a server must accept absolute-form; the path starts after the authority. */
    private static int absoluteFormPath(byte[] b, int ts, int te) throws HttpParseException {
        int schemeLen;
        if (Ascii.equalsLower(b, ts, Math.min(HTTP_SCHEME.length, te - ts), HTTP_SCHEME)) {
            schemeLen = HTTP_SCHEME.length;
        } else if (Ascii.equalsLower(b, ts, Math.min(HTTPS_SCHEME.length, te - ts), HTTPS_SCHEME)) {
            schemeLen = HTTPS_SCHEME.length;
        } else {
            throw new HttpParseException(400, "request-target is neither origin-form nor absolute-form");
        }
        int i = ts + schemeLen;
        int authority = i;
        while (i < te && b[i] != '/' && b[i] != '?') {
            if (b[i] == '@') {
                throw new HttpParseException(400, "userinfo in absolute-form target");
            }
            i++;
        }
        if (i == authority) {
            throw new HttpParseException(400, "absolute-form target without host");
        }
        return i; // at '/', at '?' or at the end: an empty path, which means "/"
    }
}
