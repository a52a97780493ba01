package io.subito.websocket.session;

/**
 * The close handshake of RFC 6455 section 7, as one connection sees it.
 *
 * <pre>
 *   OPEN --(we send close)--> CLOSE_SENT --(client's close, or the close timeout)--> CLOSED
 *   OPEN --(client's close; we answer)--------------------------------------------> CLOSED
 *   any --(the socket ends)-------------------------------------------------------> CLOSED
 * </pre>
 */
enum CloseState {
    OPEN, CLOSE_SENT, CLOSED;

    /** Whether data frames may still be sent. */
    boolean canSend() {
        return this == OPEN;
    }
}
