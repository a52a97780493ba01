package io.subito.container.http2;

/**
 * What the server announces and enforces on its HTTP/2 connections: the SETTINGS it sends and
 * the limits behind them.
 *
 * @param maxConcurrentStreams SETTINGS_MAX_CONCURRENT_STREAMS; a stream beyond it is refused (REFUSED_STREAM)
 * @param initialWindow SETTINGS_INITIAL_WINDOW_SIZE: request body bytes buffered per stream before the handler reads
 * @param maxFrameSize SETTINGS_MAX_FRAME_SIZE: the largest frame accepted
 * @param maxHeaderListSize SETTINGS_MAX_HEADER_LIST_SIZE: decoded request fields (RFC 7541 sizes); more is answered 431
 * @param connectionWindow the connection's receive window, raised from 65535 at the start
 * @param responseBuffer response body bytes a stream buffers before its handler waits for the client's window
 * @param ioTimeoutMillis how long a handler waits for body bytes or window, and how long a finished response may
 *        wait for the client's window before its stream is reset
 * @param maxResets streams reset by the client, or by the server for the client's fault, per 10 s; more: GOAWAY ENHANCE_YOUR_CALM
 * @param maxControlFrames SETTINGS, PING, PRIORITY, empty DATA, tiny or useless WINDOW_UPDATE, unknown frames per 10 s;
 *        more: GOAWAY ENHANCE_YOUR_CALM
 */
public record Http2Limits(int maxConcurrentStreams, int initialWindow, int maxFrameSize, int maxHeaderListSize,
        int connectionWindow, int responseBuffer, long ioTimeoutMillis, int maxResets, int maxControlFrames) {
    public static Http2Limits defaults() {
        return new Http2Limits(100, 65_535, 16_384, 16_384, 1 << 20, 32_768, 30_000, 200, 2_000);
    }

    /** The same limits with another I/O timeout. */
    public Http2Limits withIoTimeout(long millis) {
        return new Http2Limits(maxConcurrentStreams, initialWindow, maxFrameSize, maxHeaderListSize, connectionWindow,
                responseBuffer, millis, maxResets, maxControlFrames);
    }
}
