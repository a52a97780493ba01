package io.subito.container;

import java.net.InetSocketAddress;

/**
 * A request the engine refused before any handler saw it.
 *
 * @param remote the client's address (null if the socket no longer knows it)
 * @param requestLine the first line as received, up to {@link #MAX_LINE} characters, bytes
 *        outside printable ASCII shown as {@code \xHH}; "" when nothing of it had arrived
 * @param status the status answered
 * @param reason why, as the response body names it
 * @param bodyBytes the length of the response body sent
 * @param connectionId the engine's id of the connection (which is closed after the refusal)
 */
public record RefusedRequest(InetSocketAddress remote, String requestLine, int status, String reason, int bodyBytes,
        long connectionId) {

    /** Longer first lines (a 414's target, say) are cut here and end in "...". */
    public static final int MAX_LINE = 1024;

    /** The first line of the head that starts at {@code from}, escaped for a log. */
    static String firstLine(byte[] in, int from, int to) {
        StringBuilder b = new StringBuilder(Math.min(Math.max(to - from, 0), 80));
        for (int i = from; i < to; i++) {
            int c = in[i] & 0xFF;
            if (c == '\r' || c == '\n') {
                break;
            }
            if (b.length() >= MAX_LINE) {
                b.append("...");
                break;
            }
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                b.append(String.format("\\x%02x", c));
            } else {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}
