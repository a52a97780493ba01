package io.subito.container;

/**
 * Hears of each request the engine refuses itself (a malformed or oversize head, an unsupported
 * version or transfer coding: 400, 413, 414, 431, 501, 505), which never reaches the handler.
 * Called on the thread that refused it, after the refusal was queued for the client; it must
 * not block. An exception it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface RefusalListener {
    void refused(RefusedRequest request);
}
