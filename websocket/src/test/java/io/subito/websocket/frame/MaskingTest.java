package io.subito.websocket.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskingTest {
    @Test
    void unmaskingInPiecesOfAnyLengthAndMaskOffsetOnHeapAndDirectBuffersGivesTheBytewiseXorOfRfc6455() {
        Random r = new Random(42);
        for (int round = 0; round < 500; round++) {
            byte[] plain = new byte[r.nextInt(200)];
            r.nextBytes(plain);
            byte[] mask = new byte[4];
            r.nextBytes(mask);
            byte[] wire = new byte[plain.length];
            for (int i = 0; i < plain.length; i++) {
                wire[i] = (byte) (plain[i] ^ mask[i & 3]);
            }
            // unmask in place, in random pieces (each from the mask index the last one left)
            ByteBuffer b = ByteBuffer.wrap(wire.clone());
            int at = 0;
            int m = 0;
            while (at < wire.length) {
                int n = Math.min(wire.length - at, 1 + r.nextInt(40));
                m = Masking.unmask(b, at, n, mask, m);
                at += n;
            }
            assertArrayEquals(plain, b.array(), "round " + round);
            // the reader's direct buffer, in either byte order, from an offset that is not a multiple of 8
            for (java.nio.ByteOrder order : new java.nio.ByteOrder[] {java.nio.ByteOrder.BIG_ENDIAN, java.nio.ByteOrder.LITTLE_ENDIAN}) {
                ByteBuffer d = ByteBuffer.allocateDirect(wire.length + 3).order(order);
                d.position(3);
                d.put(wire);
                int p = 3;
                int dm = 0;
                while (p < wire.length + 3) {
                    int n = Math.min(wire.length + 3 - p, 1 + r.nextInt(40));
                    dm = Masking.unmask(d, p, n, mask, dm);
                    p += n;
                }
                byte[] got = new byte[wire.length];
                d.get(3, got);
                assertArrayEquals(plain, got, "direct " + order + ", round " + round);
            }
            assertArrayEquals(wire, Masking.masked(ByteBuffer.wrap(plain), mask).array());
            // an array (a copy of masked bytes), from any mask index and offset
            int from = r.nextInt(4);
            byte[] copy = new byte[plain.length + 5];
            for (int i = 0; i < plain.length; i++) {
                copy[5 + i] = (byte) (plain[i] ^ mask[(from + i) & 3]);
            }
            assertEquals((from + plain.length) & 3, Masking.unmask(copy, 5, plain.length, mask, from));
            assertArrayEquals(plain, java.util.Arrays.copyOfRange(copy, 5, copy.length), "array, round " + round);
        }
    }
}
