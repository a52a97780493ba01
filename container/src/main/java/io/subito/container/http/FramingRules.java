package io.subito.container.http;

/**
 * The checks that decide where a message ends and whether it is ambiguous (RFC 9112 section 6,
 * the request-smuggling rules): Host, Content-Length, Transfer-Encoding, Connection, Expect.
 */
final class FramingRules {
    private static final byte[] CHUNKED = Ascii.bytes("chunked");
    private static final byte[] CLOSE = Ascii.bytes("close");
    private static final byte[] KEEP_ALIVE = Ascii.bytes("keep-alive");
    private static final byte[] CONTINUE = Ascii.bytes("100-continue");

    private FramingRules() {
    }

    static void apply(RequestHead h) throws HttpParseException {
        int hosts = 0;
        boolean sawLength = false;
        boolean sawCoding = false;
        byte[] b = h.buf;
        for (int i = 0; i < h.headerCount; i++) {
            int vs = h.offsets[4 * i + 2];
            int ve = h.offsets[4 * i + 3];
            switch (h.kinds[i]) {
                case HOST -> {
                    hosts++;
                    hostValue(b, vs, ve);
                }
                case CONTENT_LENGTH -> {
                    long n = contentLength(b, vs, ve);
                    if (sawLength && n != h.contentLength) {
                        throw new HttpParseException(400, "differing Content-Length values");
                    }
                    sawLength = true;
                    h.contentLength = n;
                }
                case TRANSFER_ENCODING -> {
                    transferCodings(b, vs, ve, h, sawCoding);
                    sawCoding = true;
                }
                case CONNECTION -> connectionOptions(b, vs, ve, h);
                case EXPECT -> expect(b, vs, ve, h);
                default -> {
                }
            }
        }
        if (h.minorVersion == 1 && hosts != 1) {
            throw new HttpParseException(400, hosts == 0 ? "missing Host header" : "more than one Host header");
        }
        if (hosts > 1) {
            throw new HttpParseException(400, "more than one Host header");
        }
        if (sawCoding) {
            if (sawLength) {
                throw new HttpParseException(400, "both Content-Length and Transfer-Encoding");
            }
            if (h.minorVersion == 0) {
                throw new HttpParseException(400, "Transfer-Encoding in an HTTP/1.0 request");
            }
            if (!h.chunked) {
                throw new HttpParseException(400, "Transfer-Encoding does not end in chunked");
            }
        }
        if (h.expectContinue && h.minorVersion == 0) {
            h.expectContinue = false; // RFC 9110 10.1.1: ignore 100-continue from HTTP/1.0
        }
    }

    /**
     * RFC 9112 3.2: 400 for a Host whose value is not {@code uri-host [":" port]}; checked by
     * character class (reg-name, IP literal brackets, port colon), as routing trusts this value.
     */
    /** RFC 3986 host and port characters (reg-name, IP literal, port). */
    private static final boolean[] HOST_CHARS = new boolean[256];

    static {
        for (char c = 'a'; c <= 'z'; c++) HOST_CHARS[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) HOST_CHARS[c] = true;
        for (char c = '0'; c <= '9'; c++) HOST_CHARS[c] = true;
        for (char c : "-._~%!$&'()*+,;=:[]".toCharArray()) HOST_CHARS[c] = true;
    }

    private static void hostValue(byte[] b, int from, int to) throws HttpParseException {
        for (int i = from; i < to; i++) {
            if (!HOST_CHARS[b[i] & 0xFF]) {
                throw new HttpParseException(400, "invalid Host header");
            }
        }
    }

    private static long contentLength(byte[] b, int from, int to) throws HttpParseException {
        if (from == to) {
            throw new HttpParseException(400, "empty Content-Length");
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                throw new HttpParseException(400, "Content-Length is not a non-negative integer");
            }
            if (n > (Long.MAX_VALUE - d) / 10) {
                throw new HttpParseException(400, "Content-Length overflows");
            }
            n = n * 10 + d;
        }
        return n;
    }

    /**
     * Only "chunked" is supported, and it must be the final coding and appear once across all
     * Transfer-Encoding fields. Anything before it is a coding we do not implement (501).
     */
    private static void transferCodings(byte[] b, int from, int to, RequestHead h, boolean earlier)
            throws HttpParseException {
        int i = from;
        boolean any = false;
        while (i <= to) {
            int end = i;
            while (end < to && b[end] != ',') {
                end++;
            }
            int s = i;
            int e = end;
            while (s < e && (b[s] == ' ' || b[s] == '\t')) s++;
            while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) e--;
            if (s == e) {
                throw new HttpParseException(400, "empty transfer coding");
            }
            if (h.chunked) {
                throw new HttpParseException(400, "chunked is not the final transfer coding");
            }
            if (Ascii.equalsLower(b, s, e - s, CHUNKED)) {
                h.chunked = true;
            } else {
                for (int k = s; k < e; k++) {
                    if (!Ascii.isToken(b[k])) {
                        throw new HttpParseException(400, "malformed transfer coding");
                    }
                }
                throw new HttpParseException(501, "transfer coding not implemented: " + new String(b, s, e - s,
                        java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            any = true;
            i = end + 1;
        }
        if (!any && !earlier) {
            throw new HttpParseException(400, "empty Transfer-Encoding");
        }
    }

    private static void connectionOptions(byte[] b, int from, int to, RequestHead h) {
        int i = from;
        while (i < to) {
            int end = i;
            while (end < to && b[end] != ',') end++;
            int s = i;
            int e = end;
            while (s < e && (b[s] == ' ' || b[s] == '\t')) s++;
            while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) e--;
            if (Ascii.equalsLower(b, s, e - s, CLOSE)) {
                h.connectionClose = true;
            } else if (Ascii.equalsLower(b, s, e - s, KEEP_ALIVE)) {
                h.connectionKeepAlive = true;
            }
            i = end + 1;
        }
    }

    private static void expect(byte[] b, int from, int to, RequestHead h) throws HttpParseException {
        if (!Ascii.equalsLower(b, from, to - from, CONTINUE)) {
            throw new HttpParseException(417, "unsupported expectation");
        }
        h.expectContinue = true;
    }
}
