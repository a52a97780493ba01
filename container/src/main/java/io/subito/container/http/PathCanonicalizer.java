package io.subito.container.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Servlet 6 section 3.5.2 URI path canonicalisation: path parameters removed, percent-decoding,
 * dot-segment removal, and refusal (400) of the suspicious sequences the specification names:
 * encoded '/' or '\', control characters, '.' or '..' segments that were encoded or carry path
 * parameters, empty segments with parameters, and '..' above the root. Raw backslashes are
 * refused too, as Tomcat does.
 */
public final class PathCanonicalizer {
    private PathCanonicalizer() {
    }

    /** Returns null when the raw path is already canonical (the common case), else the canonical path. */
    public static String canonicalize(byte[] b, int from, int to) throws HttpParseException {
        if (isPlain(b, from, to)) {
            return null;
        }
        return slowPath(b, from, to);
    }

    /** Bytes that make a path non-canonical wherever they are: an escape, a path parameter, a backslash. */
    static boolean alwaysNotable(int c) {
        return c == '%' || c == ';' || c == '\\';
    }

    /** Bytes that make a path non-canonical right after a '/': "/." and "//". */
    static boolean notableAfterSlash(int c) {
        return c == '.' || c == '/';
    }

    private static boolean isPlain(byte[] b, int from, int to) {
        if (from == to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            int c = b[i];
            if (alwaysNotable(c) || (notableAfterSlash(c) && i > from && b[i - 1] == '/')) {
                return false;
            }
        }
        return true;
    }

    private static String slowPath(byte[] b, int from, int to) throws HttpParseException {
        if (from == to) {
            return "/";
        }
        byte[] out = new byte[to - from + 1];
        int[] segmentStarts = new int[to - from + 1];
        int depth = 0;
        int len = 0;
        int i = from + 1;
        boolean trailingSlash = false;
        while (i <= to) {
            int end = i;
            while (end < to && b[end] != '/') {
                end++;
            }
            int segEnd = end;
            boolean hadParam = false;
            for (int k = i; k < end; k++) {
                if (b[k] == ';') {
                    segEnd = k;
                    hadParam = true;
                    checkParameters(b, k + 1, end);
                    break;
                }
            }
            int mark = len;
            boolean encoded = false;
            for (int k = i; k < segEnd; k++) {
                int c = b[k] & 0xFF;
                if (c == '\\') {
                    throw new HttpParseException(400, "backslash in path");
                }
                if (c == '%') {
                    c = decodeEscape(b, k, segEnd);
                    k += 2;
                    encoded = true;
                }
                out[len++] = (byte) c;
            }
            int segLen = len - mark;
            boolean last = end >= to;
            if (segLen == 0) {
                if (hadParam && !last) {
                    throw new HttpParseException(400, "empty path segment with parameters");
                }
                len = mark;
                trailingSlash = last;
            } else if (isDots(out, mark, segLen, 1) || isDots(out, mark, segLen, 2)) {
                if (hadParam || encoded) {
                    throw new HttpParseException(400, "dot segment with parameters or encoding");
                }
                len = mark;
                if (segLen == 2) {
                    if (depth == 0) {
                        throw new HttpParseException(400, "path escapes the root");
                    }
                    len = segmentStarts[--depth];
                }
                trailingSlash = false; // Servlet 3.5.2: "/a/b/." is "/a/b", "/a/b/.." is "/a"
            } else {
                segmentStarts[depth++] = mark;
                // segments are written as "/name"
                System.arraycopy(out, mark, out, mark + 1, segLen);
                out[mark] = '/';
                len++;
                trailingSlash = false;
            }
            i = end + 1;
        }
        if (len == 0 || trailingSlash) {
            out[len++] = '/';
        }
        return utf8(out, len);
    }

    /** Path parameters are not decoded, but the suspicious sequences of 3.5.2 are refused there too. */
    private static void checkParameters(byte[] b, int from, int to) throws HttpParseException {
        for (int k = from; k < to; k++) {
            if (b[k] == '\\') {
                throw new HttpParseException(400, "backslash in path");
            }
            if (b[k] == '%') {
                decodeEscape(b, k, to);
                k += 2;
            }
        }
    }

    private static boolean isDots(byte[] out, int at, int len, int n) {
        if (len != n) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (out[at + k] != '.') {
                return false;
            }
        }
        return true;
    }

    private static int decodeEscape(byte[] b, int k, int end) throws HttpParseException {
        if (k + 3 > end) {
            throw new HttpParseException(400, "truncated percent-encoding in path");
        }
        int hi = Ascii.hexValue(b[k + 1]);
        int lo = Ascii.hexValue(b[k + 2]);
        if (hi < 0 || lo < 0) {
            throw new HttpParseException(400, "invalid percent-encoding in path");
        }
        int c = hi << 4 | lo;
        if (c == '/' || c == '\\') {
            throw new HttpParseException(400, "encoded " + (char) c + " in path");
        }
        if (c < 0x20 || c == 0x7F) {
            throw new HttpParseException(400, "encoded control character in path");
        }
        return c;
    }

    private static String utf8(byte[] out, int len) throws HttpParseException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out, 0, len))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new HttpParseException(400, "path is not valid UTF-8");
        }
    }
}
