package io.subito.container.http2;

/** What an {@link Http2Session} needs of the connection under it; implemented by the engine. */
public interface SessionIo {
    /** Loop side: a request arrived on {@code s}, as the bytes of an HTTP/1.1 request head (see {@link RequestFields#toHead}). */
    void startStream(Http2Stream s, byte[] head);

    /** Any thread: run {@link Http2Session#flush} on the connection's loop soon. */
    void wakeLoop();

    /** Any thread: run {@code r} on the connection's loop (readiness callbacks must hand work off from there). */
    void runOnLoop(Runnable r);

    /** The loop's clock, in milliseconds. */
    long now();

    /** Loop side: the connection closes once the pending frames are written. */
    void closeAfterWrite();

    /**
     * Loop side: a heap buffer lent to the session while it has frames to send or a field block to
     * gather, so that an idle connection holds none (the engine lends its loop's pooled buffers).
     */
    default java.nio.ByteBuffer borrowBuffer() {
        return java.nio.ByteBuffer.allocate(16 * 1024);
    }

    /** Loop side: a done stream object to serve a new stream ({@link Http2Stream#reuse}), or null. */
    default Http2Stream reusedStream() {
        return null;
    }

    /** Loop side: a stream is done (its handler returned, both sides closed, no queue holds it): it may be reused. */
    default void streamDone(Http2Stream s) {
    }

    /** Any thread: the array of a stream's byte ring, taken by its first write. */
    default byte[] ringArray(int size) {
        return new byte[size];
    }

    /** Any thread: a ring's array that no thread uses any more (its stream is done, or the ring moved to a larger one). */
    default void ringArrayBack(byte[] a) {
    }

    /** Loop side: a buffer from {@link #borrowBuffer} comes back (or a larger one made in its place, which may be dropped). */
    default void giveBackBuffer(java.nio.ByteBuffer b) {
    }
}
