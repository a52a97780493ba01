package io.subito.container;

import io.subito.container.compress.GzipEncoderPool;

/**
 * What a connection needs of the thread that owns it: {@link SelectorLoop} in a running server,
 * {@code LocalLoop} (the thread driving a {@link LocalConnector}) in protocol tests. The loop's
 * pools are touched only by its own thread (the gzip encoders excepted); other threads reach it
 * through {@link #execute}.
 */
abstract class EventLoop {
    /** Done HTTP/2 stream objects a loop keeps for its connections' next streams. */
    static final int POOLED_HTTP2_STREAMS = 1024;
    private RingArrays ringArrays;
    private final java.util.ArrayDeque<io.subito.container.http2.Http2Stream> http2Streams = new java.util.ArrayDeque<>();

    /** Loop side: done HTTP/2 stream objects (with their tasks), reused by this loop's connections. */
    final java.util.ArrayDeque<io.subito.container.http2.Http2Stream> http2Streams() {
        return http2Streams;
    }

    /** Loop side: this loop's HTTP/2 ring arrays, made with its first HTTP/2 connection. */
    final RingArrays ringArrays(ServerConfig config) {
        if (ringArrays == null) {
            ringArrays = new RingArrays(config.http2Limits().initialWindow(), config.http2Limits().responseBuffer());
        }
        return ringArrays;
    }

    /** The time the loop read last (millis), fresh enough for activity times and Date lines. */
    abstract long now();

    /**
     * The time for the calling thread: on the loop, {@link #now} (read when it took the current
     * key: fresh, as inline handlers do not block for long and a wait for the socket refreshes
     * it); a worker may have run for any time, so it reads the clock.
     */
    final long clockForThisThread() {
        return isLoopThread() ? now() : System.currentTimeMillis();
    }

    /** Input and output arrays, reused by the loop's connections in turn. */
    abstract BufferPool buffers();

    /** Exchanges (request head, parser, body streams, response), reused by the loop's connections in turn. */
    abstract ExchangePool exchanges();

    /**
     * Gzip encoders for the loop's compressed responses. Unlike the other pools, taken and given
     * back by whichever thread writes the response (lock-free).
     */
    abstract GzipEncoderPool gzipEncoders();

    /** The loop's counters (connections, batches, responses by status class, body bytes). */
    abstract LoopStats stats();

    abstract boolean isLoopThread();

    /** Runs {@code task} on the loop thread, soon. */
    abstract void execute(Runnable task);

    /** Runs {@code c}'s batch on this loop's thread (execution=inline), now. */
    abstract void runInline(Connection c);

    /** Called by a connection once it is closed. */
    abstract void removed(Connection c);
}
