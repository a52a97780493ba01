package io.subito.container;

import java.nio.charset.StandardCharsets;

/** Writes a response head (status line, headers, framing headers, Date) into an {@link OutputBuffer}. */
final class ResponseEncoder {
    private static final byte[][] STATUS_LINES = new byte[1000][];
    private static final byte[] CONTENT_LENGTH = ascii("Content-Length: ");
    private static final byte[] CHUNKED = ascii("Transfer-Encoding: chunked\r\n");
    private static final byte[] CLOSE = ascii("Connection: close\r\n");
    private static final byte[] KEEP_ALIVE = ascii("Connection: keep-alive\r\n");

    private ResponseEncoder() {
    }

    /** What framing the head announces. */
    enum Framing { LENGTH, CHUNKED, NONE, UNTIL_CLOSE }

    /** Encodes the head, or copies it from {@code cache} when it would encode to the same bytes. */
    static void encode(HttpResponse r, OutputBuffer out, ResponseHeadCache cache, HeaderLineCache lines, Framing framing,
                       long length, boolean close, boolean http10KeepAlive, long nowMillis) {
        byte[] date = DateCache.line(nowMillis);
        if (cache.tryPut(r, out, framing, length, close, http10KeepAlive, date)) {
            return;
        }
        long before = out.end();
        encode(r, out, lines, framing, length, close, http10KeepAlive, date);
        cache.remember(r, out, (int) (out.end() - before), framing, length, close, http10KeepAlive, date);
    }

    private static void encode(HttpResponse r, OutputBuffer out, HeaderLineCache lines, Framing framing, long length,
                               boolean close, boolean http10KeepAlive, byte[] date) {
        out.put(statusLine(r.status, r.reason));
        boolean hasDate = false;
        for (int i = 0; i < r.headerCount; i++) {
            String name = r.names[i];
            if (isEngineOwned(r, name, close)) {
                continue;
            }
            hasDate |= name.length() == 4 && name.equalsIgnoreCase("Date");
            lines.put(out, name, r.values[i]);
        }
        if (!hasDate) {
            out.put(date);
        }
        switch (framing) {
            case LENGTH -> {
                out.put(CONTENT_LENGTH);
                out.putDecimal(length);
                out.putCrlf();
            }
            case CHUNKED -> out.put(CHUNKED);
            default -> {
            }
        }
        if (close) {
            out.put(CLOSE);
        } else if (http10KeepAlive) {
            out.put(KEEP_ALIVE);
        }
        out.putCrlf();
    }

    /**
     * The engine owns message framing; an application's own values would make it ambiguous. The
     * one exception is the Connection header of a 101 that keeps the connection: it carries the
     * {@code upgrade} option that must accompany Upgrade (RFC 9110 section 7.8, RFC 6455 section
     * 4.1). The status is looked at only for a Connection header, so other responses pay nothing.
     */
    private static boolean isEngineOwned(HttpResponse r, String name, boolean close) {
        int n = name.length();
        return (n == 14 && name.equalsIgnoreCase("Content-Length"))
                || (n == 17 && name.equalsIgnoreCase("Transfer-Encoding"))
                || (n == 10 && name.equalsIgnoreCase("Connection") && (r.status != 101 || close));
    }

    static byte[] statusLine(int status, String reason) {
        if (reason == null) {
            byte[] line = STATUS_LINES[status];
            if (line == null) {
                line = ascii("HTTP/1.1 " + status + " " + HttpStatus.reason(status) + "\r\n");
                STATUS_LINES[status] = line;
            }
            return line;
        }
        StringBuilder sb = new StringBuilder(16 + reason.length()).append("HTTP/1.1 ").append(status).append(' ');
        for (int i = 0; i < reason.length(); i++) {
            char c = reason.charAt(i);
            sb.append(c < 0x20 || c == 0x7F || c > 0xFF ? ' ' : c);
        }
        return ascii(sb.append("\r\n").toString());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
