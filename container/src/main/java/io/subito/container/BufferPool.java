package io.subito.container;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Input buffers of one loop, reused; touched only by that loop's thread. Buffers are heap
 * arrays (the parser reads them eight bytes at a time) kept with their {@link ByteBuffer}
 * view, so taking one for a read allocates nothing.
 */
final class BufferPool {
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private final int size;
    private final int maxPooled;

    BufferPool(int size, int maxPooled) {
        this.size = size;
        this.maxPooled = maxPooled;
    }

    ByteBuffer acquire() {
        ByteBuffer b = free.pollFirst();
        return b != null ? b.clear() : ByteBuffer.allocate(size);
    }

    void release(ByteBuffer b) {
        if (b != null && b.capacity() == size && free.size() < maxPooled) {
            free.addFirst(b);
        }
    }
}
