package io.subito.container.http;

/** Parses {@code method SP request-target SP HTTP-version} into a {@link RequestHead}. */
final class RequestLine {
    private static final byte[] HTTP_SCHEME = Ascii.bytes("http://");
    private static final byte[] HTTPS_SCHEME = Ascii.bytes("https://");
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long HTTP_1_1 = (long) LONGS.get(Ascii.bytes("HTTP/1.1"), 0);
    private static final long HTTP_1_0 = (long) LONGS.get(Ascii.bytes("HTTP/1.0"), 0);
    /** Bytes allowed in a request-target: visible ASCII except '#' (a fragment is never sent). */
    private static final boolean[] TARGET_CHARS = new boolean[256];

    static {
        for (int c = 0x21; c < 0x7F; c++) {
            TARGET_CHARS[c] = c != '#';
        }
    }

    private RequestLine() {
    }

    static void parse(byte[] b, int from, int to, RequestHead head, HttpLimits limits) throws HttpParseException {
        int i = from;
        while (i < to && Ascii.isToken(b[i])) {
            i++;
        }
        if (i == from || i == to || b[i] != ' ') {
            throw new HttpParseException(400, "malformed method");
        }
        head.methodStart = from;
        head.methodEnd = i;
        int ts = i + 1;
        int te = ts;
        while (te < to && TARGET_CHARS[b[te] & 0xFF]) {
            te++;
        }
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

    private static int version(byte[] b, int from, int to) throws HttpParseException {
        if (to - from == 8) {
            long v = (long) LONGS.get(b, from);
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
        int q = pathStart;
        while (q < te && b[q] != '?') {
            q++;
        }
        head.pathStart = pathStart;
        head.pathEnd = q;
        head.queryStart = q < te ? q + 1 : -1;
        head.canonicalPath = PathCanonicalizer.canonicalize(b, pathStart, q);
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
