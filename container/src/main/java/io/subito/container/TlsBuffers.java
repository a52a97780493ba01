package io.subito.container;

import java.nio.ByteBuffer;
import org.jctools.queues.MpmcArrayQueue;

/**
 * Packet buffers of one loop's TLS connections, reused: one for received records, one for records
 * on their way out. A connection holds them only while it needs them (a partial record waiting
 * for its rest, records the socket has not taken yet), so an idle TLS connection holds none.
 * Unlike {@link BufferPool} these are taken by the batch's thread too (a handler writing or
 * reading a body over TLS), hence a lock-free multi-producer multi-consumer queue. Direct
 * buffers: they go to the socket as they are, without the JDK's copy into a temporary one.
 */
final class TlsBuffers {
    /** Received records: one whole record of the largest size. */
    final int inSize;
    /** Outgoing records: a batch's output of up to this many full records leaves in one write. */
    final int outSize;
    static final int RECORDS_PER_WRITE = 4;
    private final MpmcArrayQueue<ByteBuffer> in;
    private final MpmcArrayQueue<ByteBuffer> out;

    TlsBuffers(int packetSize, int maxPooled) {
        this.inSize = packetSize;
        this.outSize = packetSize * RECORDS_PER_WRITE;
        this.in = new MpmcArrayQueue<>(maxPooled);
        this.out = new MpmcArrayQueue<>(maxPooled);
    }

    ByteBuffer acquireIn() {
        ByteBuffer b = in.poll();
        return b != null ? b.clear() : ByteBuffer.allocateDirect(inSize);
    }

    ByteBuffer acquireOut() {
        ByteBuffer b = out.poll();
        return b != null ? b.clear() : ByteBuffer.allocateDirect(outSize);
    }

    void releaseIn(ByteBuffer b) {
        in.offer(b);
    }

    void releaseOut(ByteBuffer b) {
        out.offer(b);
    }
}
