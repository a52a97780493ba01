package io.subito.container;

import java.util.ArrayDeque;

/** Input buffers of one loop, reused; touched only by that loop's thread. */
final class BufferPool {
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    private final int size;
    private final int maxPooled;

    BufferPool(int size, int maxPooled) {
        this.size = size;
        this.maxPooled = maxPooled;
    }

    byte[] acquire() {
        byte[] b = free.pollFirst();
        return b != null ? b : new byte[size];
    }

    void release(byte[] b) {
        if (b != null && b.length == size && free.size() < maxPooled) {
            free.addFirst(b);
        }
    }
}
