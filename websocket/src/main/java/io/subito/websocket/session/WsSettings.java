package io.subito.websocket.session;

/**
 * Limits and timeouts of WebSocket connections; the defaults are those of docs/SECURITY.md, and the
 * server's {@code websocket.*} keys of {@code conf/server.properties} (the names below) set them for
 * every deployed application.
 *
 * @param maxTextMessageBytes largest whole text message, in UTF-8 bytes (excess: close 1009)
 * @param maxBinaryMessageBytes largest whole binary message (excess: close 1009)
 * @param maxIdleTimeoutMillis a session with no message either way for this long is closed (1001 to the client, 1006 to its own @OnClose); 0: never
 * @param closeTimeoutMillis how long a close we sent waits for the client's before the socket is closed
 * @param asyncSendTimeoutMillis how long a send may wait for the client to read; -1 or 0: no limit
 * @param maxQueuedBytes output waiting for a client that does not read, past which the connection stops reading
 * @param permessageDeflate whether permessage-deflate (RFC 7692) is offered to clients that ask for it
 */
public record WsSettings(long maxTextMessageBytes, long maxBinaryMessageBytes, long maxIdleTimeoutMillis,
        long closeTimeoutMillis, long asyncSendTimeoutMillis, long maxQueuedBytes, boolean permessageDeflate) {
    public static final WsSettings DEFAULTS = new WsSettings(64 * 1024, 64 * 1024, 0, 5_000, 30_000, 1024 * 1024, true);

    public static final String MAX_TEXT_MESSAGE_BYTES = "websocket.maxTextMessageBytes";
    public static final String MAX_BINARY_MESSAGE_BYTES = "websocket.maxBinaryMessageBytes";
    public static final String IDLE_TIMEOUT_MILLIS = "websocket.idleTimeoutMillis";
    public static final String CLOSE_TIMEOUT_MILLIS = "websocket.closeTimeoutMillis";
    public static final String ASYNC_SEND_TIMEOUT_MILLIS = "websocket.asyncSendTimeoutMillis";
    public static final String MAX_QUEUED_BYTES = "websocket.maxQueuedBytes";
    public static final String PERMESSAGE_DEFLATE = "websocket.permessageDeflate";

    /**
     * The servlet context attribute by which the server hands its settings to each application's
     * {@code WsInitializer} (which takes it away again: it is not the application's).
     */
    public static final String ATTRIBUTE = "io.subito.websocket.settings";

    public WsSettings {
        if (maxTextMessageBytes < 1 || maxBinaryMessageBytes < 1 || maxTextMessageBytes > Integer.MAX_VALUE
                || maxBinaryMessageBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the largest WebSocket messages are 1 byte to 2 GiB, not " + maxTextMessageBytes
                    + " (text) and " + maxBinaryMessageBytes + " (binary)");
        }
        if (maxIdleTimeoutMillis < 0 || closeTimeoutMillis < 1 || maxQueuedBytes < 1) {
            throw new IllegalArgumentException("WebSocket timeouts and limits: idle " + maxIdleTimeoutMillis + " ms (0: none), close "
                    + closeTimeoutMillis + " ms and queued output " + maxQueuedBytes + " bytes (both at least 1)");
        }
    }
}
