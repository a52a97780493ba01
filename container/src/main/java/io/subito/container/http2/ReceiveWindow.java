package io.subito.container.http2;

/**
 * The connection's receive window (RFC 9113 section 6.9): what the client may still send in DATA
 * frames on all streams together. DATA takes from it; what handlers read, what is dropped and
 * padding is credited back, and the credit leaves as one connection WINDOW_UPDATE per loop round.
 * Part of the {@link Http2Session}, on its loop.
 */
final class ReceiveWindow {
    private long window = Http2Settings.DEFAULT_WINDOW;
    /** Credited since the last WINDOW_UPDATE; may go below zero after an h2c upgrade (see {@link #takenBeforeHttp2}). */
    private long credit;

    /** The server's preface raises the window to {@code size} (a WINDOW_UPDATE on stream 0 with the difference). */
    void open(int size, FrameWriter w) {
        int more = size - Http2Settings.DEFAULT_WINDOW;
        if (more > 0) {
            w.windowUpdate(0, more);
            window += more;
        }
    }

    /** A DATA frame of {@code n} bytes (padding included) arrives. */
    void take(int n) throws Http2Exception {
        window -= n;
        if (window < 0) {
            throw Http2Exception.connection(ErrorCode.FLOW_CONTROL_ERROR, "DATA beyond the connection's window");
        }
    }

    /** {@code n} bytes are read, dropped or were padding: the client may send them again. */
    void credit(int n) {
        window += n;
        credit += n;
    }

    /**
     * An h2c upgrade's request body came before HTTP/2 and took none of the window: the credit
     * that follows the handler's reads must not open it beyond what was announced.
     */
    void takenBeforeHttp2(int n) {
        window -= n;
        credit -= n;
    }

    /** Loop side, at the end of a round: the credit as one WINDOW_UPDATE. */
    void flush(FrameWriter w) {
        if (credit > 0) {
            w.windowUpdate(0, (int) Math.min(credit, Integer.MAX_VALUE));
            credit = 0;
        }
    }

    @Override
    public String toString() {
        return "receive window " + window + ", " + credit + " to credit";
    }
}
