package io.subito.container.http2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** A stream's byte ring: it starts with a small array and takes larger ones as it fills, bytes in order throughout. */
class ByteRingTest {

    /** Records the array sizes a ring asks for and the arrays it gives back. */
    private static final class Lender implements SessionIo {
        final List<Integer> taken = new ArrayList<>();
        final List<Integer> given = new ArrayList<>();

        @Override
        public byte[] ringArray(int size) {
            taken.add(size);
            return new byte[size];
        }

        @Override
        public void ringArrayBack(byte[] a) {
            given.add(a.length);
        }

        @Override
        public void startStream(Http2Stream s, byte[] head) {
        }

        @Override
        public void wakeLoop() {
        }

        @Override
        public void runOnLoop(Runnable r) {
        }

        @Override
        public long now() {
            return 0;
        }

        @Override
        public void closeAfterWrite() {
        }
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i * 31);
        }
        return b;
    }

    @Test
    void aShortBodyTakesTheSmallestArrayNotTheWholeCapacity() {
        Lender l = new Lender();
        ByteRing ring = new ByteRing(32 * 1024, l);
        assertEquals(13, ring.write(bytes(13, 1), 0, 13));
        assertEquals(List.of(ByteRing.FIRST_ARRAY), l.taken);
        byte[] out = new byte[13];
        assertEquals(13, ring.read(out, 0, 13));
        assertArrayEquals(bytes(13, 1), out);
    }

    @Test
    void unreadBytesMoveToTheLargerArrayInOrder() {
        Lender l = new Lender();
        ByteRing ring = new ByteRing(32 * 1024, l);
        byte[] first = bytes(900, 7);
        byte[] second = bytes(3000, 9);
        ring.write(first, 0, first.length);
        byte[] some = new byte[500];
        ring.read(some, 0, 500); // the reader is behind: 400 unread when the ring grows
        assertEquals(3000, ring.write(second, 0, second.length));
        assertEquals(List.of(1024, 4096), l.taken);
        assertTrue(l.given.isEmpty(), "an array with unread bytes may still be read: left to the collector");
        byte[] rest = new byte[3400];
        assertEquals(3400, ring.read(rest, 0, 3400));
        for (int i = 0; i < 400; i++) {
            assertEquals(first[500 + i], rest[i]);
        }
        for (int i = 0; i < 3000; i++) {
            assertEquals(second[i], rest[400 + i]);
        }
    }

    @Test
    void anEmptyRingThatGrowsGivesItsOldArrayBack() {
        Lender l = new Lender();
        ByteRing ring = new ByteRing(32 * 1024, l);
        ring.write(bytes(100, 1), 0, 100);
        ring.read(new byte[100], 0, 100);
        assertEquals(20_000, ring.write(bytes(20_000, 3), 0, 20_000));
        assertEquals(List.of(1024, 32 * 1024), l.taken, "20,000 bytes need the whole capacity");
        assertEquals(List.of(1024), l.given);
    }

    @Test
    void theRingNeverHoldsMoreThanItsCapacity() {
        ByteRing ring = new ByteRing(5000, new Lender());
        assertEquals(5000, ring.write(new byte[8000], 0, 8000));
        assertEquals(0, ring.write(new byte[1], 0, 1));
        assertEquals(5000, ring.available());
    }

    @Test
    void aWriterAndAReaderOnTwoThreadsSeeEveryByteInOrderWhileTheRingGrows() throws Exception {
        int total = 4 << 20;
        ByteRing ring = new ByteRing(64 * 1024, new Lender());
        Thread writer = new Thread(() -> {
            byte[] chunk = new byte[40_000];
            long at = 0;
            while (at < total) {
                int n = (int) Math.min(ThreadLocalRandom.current().nextInt(1, chunk.length), total - at);
                for (int i = 0; i < n; i++) {
                    chunk[i] = (byte) (at + i);
                }
                int off = 0;
                while (off < n) {
                    off += ring.write(chunk, off, n - off);
                    Thread.onSpinWait();
                }
                at += n;
            }
        });
        writer.start();
        byte[] in = new byte[30_000];
        long seen = 0;
        while (seen < total) {
            int n = ring.read(in, 0, ThreadLocalRandom.current().nextInt(1, in.length));
            for (int i = 0; i < n; i++) {
                if (in[i] != (byte) (seen + i)) {
                    throw new AssertionError("byte " + (seen + i) + " out of order");
                }
            }
            seen += n;
        }
        writer.join(30_000);
        assertEquals(0, ring.available());
    }
}
