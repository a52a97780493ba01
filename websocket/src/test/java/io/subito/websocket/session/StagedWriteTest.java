package io.subito.websocket.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StagedWriteTest {
    /** A socket that takes at most {@code limit} bytes per write and records each write's buffer count. */
    private static final class Socket implements Transport {
        final ByteArrayOutputStream taken = new ByteArrayOutputStream();
        final List<Integer> buffersPerWrite = new ArrayList<>();
        long limit;

        Socket(long limit) {
            this.limit = limit;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            buffersPerWrite.add(length);
            long left = limit;
            for (int k = offset; k < offset + length && left > 0; k++) {
                int n = (int) Math.min(left, srcs[k].remaining());
                byte[] b = new byte[n];
                srcs[k].get(b);
                taken.writeBytes(b);
                left -= n;
            }
            return limit - left;
        }

        @Override
        public int read(ByteBuffer dst) {
            return 0;
        }

        @Override
        public boolean hasPendingOutput() {
            return false;
        }

        @Override
        public void whenReadable(Runnable r) {
        }

        @Override
        public void whenWritable(Runnable r) {
        }

        @Override
        public void onClose(Runnable r) {
        }

        @Override
        public void onServerStop(Runnable r) {
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private static ByteBuffer bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i);
        }
        return ByteBuffer.wrap(b);
    }

    private static byte[] concat(ByteBuffer... bs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer b : bs) {
            out.writeBytes(java.util.Arrays.copyOfRange(b.array(), b.position(), b.limit()));
        }
        return out.toByteArray();
    }

    @Test
    void framesThatFitTheStageLeaveInOneBufferInOrder() throws IOException {
        ByteBuffer[] frames = {bytes(4, 1), bytes(16_384, 7), bytes(2, 3), bytes(30, 9)};
        byte[] expected = concat(frames);
        Socket socket = new Socket(Long.MAX_VALUE);
        assertEquals(expected.length, StagedWrite.write(socket, frames, frames.length));
        assertArrayEquals(expected, socket.taken.toByteArray());
        assertEquals(List.of(1), socket.buffersPerWrite, "one write of one buffer");
        for (ByteBuffer f : frames) {
            assertEquals(0, f.remaining(), "each frame's position moved past what was taken");
        }
    }

    @Test
    void whatTheSocketDidNotTakeStaysInTheFramesOwnBuffers() throws IOException {
        ByteBuffer[] frames = {bytes(4, 1), bytes(100, 7), bytes(10, 3)};
        byte[] expected = concat(frames);
        Socket socket = new Socket(50);
        assertEquals(50, StagedWrite.write(socket, frames, frames.length));
        assertEquals(0, frames[0].remaining());
        assertEquals(54, frames[1].remaining());
        assertEquals(10, frames[2].remaining());
        socket.limit = Long.MAX_VALUE;
        assertEquals(64, StagedWrite.write(socket, frames, frames.length), "the rest, from the frames' new positions");
        assertArrayEquals(expected, socket.taken.toByteArray());
    }

    @Test
    void moreThanTheStageHoldsIsWrittenGatheredAsItIs() throws IOException {
        ByteBuffer[] frames = {bytes(10, 1), bytes(StagedWrite.STAGE_BYTES, 5)};
        byte[] expected = concat(frames);
        Socket socket = new Socket(Long.MAX_VALUE);
        assertEquals(expected.length, StagedWrite.write(socket, frames, frames.length));
        assertArrayEquals(expected, socket.taken.toByteArray());
        assertEquals(List.of(2), socket.buffersPerWrite, "the frames' own buffers, gathered");
    }
}
