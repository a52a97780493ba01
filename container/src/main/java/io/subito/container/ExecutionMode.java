package io.subito.container;

/** Where a batch of pipelined requests runs. */
public enum ExecutionMode {
    /** On the selector loop thread: fastest, only for handlers that never block. */
    INLINE,
    /** On a bounded pool of worker threads, one hand-off per batch: safe for blocking code (default). */
    POOL,
    /** On a new virtual thread per batch; needs Java 21+ (falls back to POOL otherwise). */
    VIRTUAL
}
