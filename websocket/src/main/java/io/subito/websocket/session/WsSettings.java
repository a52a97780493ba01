package io.subito.websocket.session;

/**
 * Limits and timeouts of WebSocket connections; the defaults are those of docs/SECURITY.md.
 *
 * @param maxTextMessageBytes largest whole text message, in UTF-8 bytes (excess: close 1009)
 * @param maxBinaryMessageBytes largest whole binary message (excess: close 1009)
 * @param maxIdleTimeoutMillis a session with no message either way for this long is closed (1001 to the client, 1006 to its own @OnClose); 0: never
 * @param closeTimeoutMillis how long a close we sent waits for the client's before the socket is closed
 * @param asyncSendTimeoutMillis how long a send may wait for the client to read; -1 or 0: no limit
 * @param maxQueuedBytes output waiting for a client that does not read, past which the connection stops reading
 */
public record WsSettings(long maxTextMessageBytes, long maxBinaryMessageBytes, long maxIdleTimeoutMillis,
        long closeTimeoutMillis, long asyncSendTimeoutMillis, long maxQueuedBytes) {
    public static final WsSettings DEFAULTS = new WsSettings(64 * 1024, 64 * 1024, 0, 5_000, 30_000, 1024 * 1024);
}
