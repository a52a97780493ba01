package io.subito.websocket.session;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One write of a batch of frames through the writing thread's direct buffer: the headers and
 * payloads are copied into it and leave in a single buffer. Heap buffers handed to the socket
 * directly would each be copied by the JDK into a temporary direct buffer anyway (and gathered
 * with one I/O vector each); copied here once, they cost the same copy and none of that. Bytes
 * the transport did not take stay in the frames' own buffers (their positions move by what was
 * taken), so the outbox's bookkeeping is the same as for a gathering write.
 */
final class StagedWrite {
    /** A 16 KiB message with its header, and a few small frames beside it. */
    static final int STAGE_BYTES = 32 * 1024;
    private static final ThreadLocal<StagedWrite> STAGE = ThreadLocal.withInitial(StagedWrite::new);

    private final ByteBuffer stage = ByteBuffer.allocateDirect(STAGE_BYTES);
    private final ByteBuffer[] one = {stage};

    private StagedWrite() {
    }

    /**
     * Writes {@code srcs[0, n)}; the bytes taken, each source's position moved past its share of
     * them. More than the stage holds is written as it is, gathered: the socket may take much more
     * than the stage at once, and such a payload's copy into a temporary buffer is small beside it.
     */
    static long write(Transport raw, ByteBuffer[] srcs, int n) throws IOException {
        long total = 0;
        for (int k = 0; k < n; k++) {
            total += srcs[k].remaining();
        }
        return total > STAGE_BYTES ? raw.write(srcs, 0, n) : STAGE.get().writeStaged(raw, srcs, n);
    }

    /** All of {@code srcs[0, n)} fits the stage. */
    private long writeStaged(Transport raw, ByteBuffer[] srcs, int n) throws IOException {
        stage.clear();
        for (int k = 0; k < n; k++) {
            ByteBuffer s = srcs[k];
            int r = s.remaining();
            stage.put(stage.position(), s, s.position(), r);
            stage.position(stage.position() + r);
        }
        stage.flip();
        long taken = raw.write(one, 0, 1);
        long left = taken;
        for (int k = 0; k < n && left > 0; k++) {
            ByteBuffer s = srcs[k];
            int share = (int) Math.min(s.remaining(), left);
            s.position(s.position() + share);
            left -= share;
        }
        return taken;
    }
}
