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
}
