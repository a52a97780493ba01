package io.subito.container;

import java.util.ArrayDeque;

/**
 * Exchanges of one loop, reused; touched only by that loop's thread. Last in, first out, so the
 * exchange a connection takes is the one most recently used, still in the CPU's cache.
 */
final class ExchangePool {
    private final ArrayDeque<HttpExchange> free = new ArrayDeque<>();
    private final ServerConfig config;
    private final int maxPooled;
    private final LoopStats stats;

    ExchangePool(ServerConfig config, int maxPooled, LoopStats stats) {
        this.config = config;
        this.maxPooled = maxPooled;
        this.stats = stats;
    }

    HttpExchange acquire() {
        HttpExchange e = free.pollFirst();
        return e != null ? e : new HttpExchange(config, stats);
    }

    void release(HttpExchange e) {
        if (free.size() < maxPooled) {
            free.addFirst(e);
        }
    }
}
