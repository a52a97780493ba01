package io.subito.websocket.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskingTest {
    @Test
    void unmaskingInPiecesOfAnyLengthAndMaskOffsetGivesTheBytewiseXorOfRfc6455() {
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
            assertArrayEquals(wire, Masking.masked(ByteBuffer.wrap(plain), mask).array());
        }
    }
}
