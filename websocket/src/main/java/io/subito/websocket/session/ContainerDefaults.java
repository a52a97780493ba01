package io.subito.websocket.session;

import jakarta.websocket.WebSocketContainer;

/**
 * The defaults a {@link WebSocketContainer} gives its new sessions (send timeout, idle timeout,
 * largest text and binary messages), the same on the server's container and the client's.
 */
public abstract class ContainerDefaults implements WebSocketContainer {
    private volatile long asyncSendTimeout;
    private volatile long maxIdleTimeout;
    private volatile int maxText;
    private volatile int maxBinary;

    /** Starts from {@code settings}; message sizes past 2 GiB are cut to the int the API has. */
    protected ContainerDefaults(WsSettings settings) {
        this.asyncSendTimeout = settings.asyncSendTimeoutMillis();
        this.maxIdleTimeout = settings.maxIdleTimeoutMillis();
        this.maxText = (int) Math.min(Integer.MAX_VALUE, settings.maxTextMessageBytes());
        this.maxBinary = (int) Math.min(Integer.MAX_VALUE, settings.maxBinaryMessageBytes());
    }

    /** Gives {@code other} these defaults (a server container's client, which must behave the same). */
    protected void copyDefaultsTo(WebSocketContainer other) {
        other.setAsyncSendTimeout(asyncSendTimeout);
        other.setDefaultMaxSessionIdleTimeout(maxIdleTimeout);
        other.setDefaultMaxTextMessageBufferSize(maxText);
        other.setDefaultMaxBinaryMessageBufferSize(maxBinary);
    }

    @Override
    public long getDefaultAsyncSendTimeout() {
        return asyncSendTimeout;
    }

    @Override
    public void setAsyncSendTimeout(long timeoutmillis) {
        asyncSendTimeout = timeoutmillis;
    }

    @Override
    public long getDefaultMaxSessionIdleTimeout() {
        return maxIdleTimeout;
    }

    @Override
    public void setDefaultMaxSessionIdleTimeout(long timeout) {
        maxIdleTimeout = timeout;
    }

    @Override
    public int getDefaultMaxBinaryMessageBufferSize() {
        return maxBinary;
    }

    @Override
    public void setDefaultMaxBinaryMessageBufferSize(int max) {
        maxBinary = max;
    }

    @Override
    public int getDefaultMaxTextMessageBufferSize() {
        return maxText;
    }

    @Override
    public void setDefaultMaxTextMessageBufferSize(int max) {
        maxText = max;
    }
}
