package io.subito.container.http2;

/**
 * What a client may make the server do without getting anything done, per connection, counted
 * in windows of {@link #WINDOW_MILLIS}: past a limit the connection ends with GOAWAY
 * ENHANCE_YOUR_CALM. On the loop only.
 *
 * <ul>
 * <li><b>Resets</b>: streams the client resets (Rapid Reset, CVE-2023-44487) and streams the
 * server resets because the client broke a rule on them (MadeYouReset, CVE-2025-8671: a frame
 * that provokes a reset costs the client the same as a reset it sends), REFUSED_STREAM included.
 * Starting a request is the expensive part; a reset does not undo it.</li>
 * <li><b>Control frames</b> that cost work and move nothing: SETTINGS and PING (each needs an
 * ACK), PRIORITY, DATA without bytes and without END_STREAM, WINDOW_UPDATE that is tiny (under
 * 1 KiB) or for a stream that is gone, frames of unknown types. WINDOW_UPDATEs that open a window
 * for real are not counted: a client downloading fast sends many, and one that sends too much
 * overflows a window, which is an error of its own.</li>
 * </ul>
 */
final class FloodGuard {
    static final long WINDOW_MILLIS = 10_000;
    /** A WINDOW_UPDATE below this many bytes is overhead, not flow. */
    static final int SMALL_WINDOW_UPDATE = 1024;
    private final int maxResets;
    private final int maxControlFrames;
    private long windowStart = Long.MIN_VALUE;
    private int resets;
    private int controlFrames;

    FloodGuard(int maxResets, int maxControlFrames) {
        this.maxResets = maxResets;
        this.maxControlFrames = maxControlFrames;
    }

    /** A stream was reset (by the client, or by the server for the client's fault). */
    void reset(long now) throws Http2Exception {
        roll(now);
        if (++resets > maxResets) {
            throw Http2Exception.connection(ErrorCode.ENHANCE_YOUR_CALM, "more than " + maxResets + " stream resets in "
                    + WINDOW_MILLIS / 1000 + " s (rapid reset)");
        }
    }

    /** A frame that costs work and carries nothing forward. */
    void control(long now, int type) throws Http2Exception {
        roll(now);
        if (++controlFrames > maxControlFrames) {
            throw Http2Exception.connection(ErrorCode.ENHANCE_YOUR_CALM, "more than " + maxControlFrames
                    + " control frames in " + WINDOW_MILLIS / 1000 + " s (" + Frame.typeName(type) + " flood)");
        }
    }

    private void roll(long now) {
        if (now - windowStart >= WINDOW_MILLIS) {
            windowStart = now;
            resets = 0;
            controlFrames = 0;
        }
    }

    @Override
    public String toString() {
        return resets + " resets, " + controlFrames + " control frames in this window";
    }
}
