package io.subito.container.http2;

/** The client connection preface (RFC 9113 section 3.4), matched as its bytes arrive. */
public final class Preface {
    public static final int LENGTH = 24;
    private static final byte[] BYTES = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    private int seen;

    /** Whether {@code b[pos, lim)} is the preface's start, or all of it (and maybe more): h2c with prior knowledge. */
    public static boolean startsWith(byte[] b, int pos, int lim) {
        int n = Math.min(lim - pos, LENGTH);
        for (int i = 0; i < n; i++) {
            if (b[pos + i] != BYTES[i]) {
                return false;
            }
        }
        return true;
    }

    /** Consumes what arrived of the preface; returns the position after it. */
    int match(byte[] b, int pos, int lim) throws Http2Exception {
        int n = Math.min(lim - pos, LENGTH - seen);
        for (int i = 0; i < n; i++) {
            if (b[pos + i] != BYTES[seen + i]) {
                throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "the client connection preface is wrong");
            }
        }
        seen += n;
        return pos + n;
    }

    boolean complete() {
        return seen == LENGTH;
    }
}
