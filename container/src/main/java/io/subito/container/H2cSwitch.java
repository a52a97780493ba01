package io.subito.container;

import io.subito.container.http.RequestHead;
import io.subito.container.http2.H2cUpgrade;

/**
 * Whether a connection's first request, which asks for h2c ({@link H2cUpgrade}), gets it. It does
 * when its whole body (at most a stream's window) is already in the input window, as RFC 7540
 * section 3.2 has the client send it before any frame; otherwise, as for a chunked body or
 * {@code Expect: 100-continue}, the request is served over HTTP/1.1, as the RFC allows. An
 * HTTP2-Settings field that is not a SETTINGS payload is refused.
 */
final class H2cSwitch {
    private H2cSwitch() {
    }

    /**
     * Loop side.
     *
     * @return null: served over HTTP/1.1; empty: the connection speaks HTTP/2 now; else the reason for a 400
     */
    static String tryUpgrade(Connection c, RequestHead head, InputWindow input, int headEnd) {
        if (!H2cUpgrade.requested(head) || head.isChunked() || head.expectsContinue()) {
            return null;
        }
        long length = Math.max(0, head.contentLength());
        if (length > c.config.http2Limits().initialWindow() || input.limit() - headEnd < length) {
            return null;
        }
        byte[] settings;
        try {
            settings = H2cUpgrade.settings(head);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        c.switchToH2c(settings, H2cUpgrade.streamHead(head), head.isHead(), headEnd, (int) length);
        return "";
    }
}
