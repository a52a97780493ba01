package io.subito.container.http2;

/**
 * A stream's state, RFC 9113 section 5.1, as a server sees it (no push, so no reserved states).
 * Only {@link #next} changes it.
 * <pre>
 *   IDLE --recv HEADERS--&gt; OPEN --recv END_STREAM--&gt; HALF_CLOSED_REMOTE --send END_STREAM--&gt; CLOSED
 *                           |                                                          ^
 *                           +--send END_STREAM--&gt; HALF_CLOSED_LOCAL --recv END_STREAM--+
 *   any state --send or recv RST_STREAM--&gt; CLOSED
 * </pre>
 */
public enum StreamState {
    IDLE, OPEN, HALF_CLOSED_LOCAL, HALF_CLOSED_REMOTE, CLOSED;

    /** What happens to a stream. */
    public enum Event { RECV_HEADERS, RECV_END_STREAM, SEND_END_STREAM, RESET }

    /** The state after {@code e}; a receive the state does not allow is the caller's error to report (null). */
    public StreamState next(Event e) {
        return switch (e) {
            case RESET -> CLOSED;
            case RECV_HEADERS -> this == IDLE ? OPEN : null;
            case RECV_END_STREAM -> switch (this) {
                case OPEN -> HALF_CLOSED_REMOTE;
                case HALF_CLOSED_LOCAL -> CLOSED;
                default -> null;
            };
            case SEND_END_STREAM -> switch (this) {
                case OPEN -> HALF_CLOSED_LOCAL;
                case HALF_CLOSED_REMOTE -> CLOSED;
                default -> this;
            };
        };
    }

    /** Whether the client may still send DATA or trailers on the stream. */
    public boolean receives() {
        return this == OPEN || this == HALF_CLOSED_LOCAL;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
