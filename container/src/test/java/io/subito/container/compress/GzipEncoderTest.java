package io.subito.container.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The encoder in memory: what it writes is gzip the JDK reads back, whatever the pieces and flushes. */
class GzipEncoderTest {
    private static byte[] text(int n) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < n) {
            sb.append("{\"id\":").append(sb.length()).append(",\"name\":\"item\",\"tags\":[\"a\",\"b\"]},");
        }
        return sb.substring(0, n).getBytes();
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Test
    void aStreamWrittenInPiecesDecodesToTheOriginal() throws IOException {
        GzipEncoderPool pool = new GzipEncoderPool(2, 8192);
        byte[] body = text(300_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GzipEncoder e = pool.take();
        e.begin();
        Random r = new Random(7);
        for (int i = 0; i < body.length; ) {
            int n = Math.min(body.length - i, 1 + r.nextInt(20_000));
            e.write(body, i, n, out::write);
            i += n;
        }
        e.finish(out::write);
        assertArrayEquals(body, gunzip(out.toByteArray()));
        assertTrue(out.size() < body.length / 4, "compressed: " + out.size());
        e.release();
    }

    @Test
    void aFlushMakesEverythingSoFarDecodableAtOnce() throws IOException {
        GzipEncoder e = new GzipEncoderPool(2, 8192).take();
        e.begin();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] first = "first part, ".getBytes();
        e.write(first, 0, first.length, out::write);
        e.flush(out::write);
        byte[] sent = out.toByteArray();
        // a reader that has only what was sent so far gets all of it
        GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(sent));
        assertArrayEquals(first, in.readNBytes(first.length));
        byte[] second = "second part".getBytes();
        e.write(second, 0, second.length, out::write);
        e.finish(out::write);
        assertEquals("first part, second part", new String(gunzip(out.toByteArray())));
    }

    @Test
    void aWholeBodyIsOneMemberWithItsExactLength() throws IOException {
        GzipEncoderPool pool = new GzipEncoderPool(2, 8192);
        for (int n : new int[] {0, 1, 2048, 8192, 100_000}) {
            byte[] body = text(n);
            GzipEncoder e = pool.take();
            e.begin();
            int len = e.compressWhole(body, 0, body.length);
            assertEquals(GzipEncoder.State.WHOLE, e.state());
            assertEquals(len, e.length());
            assertArrayEquals(body, gunzip(Arrays.copyOf(e.bytes(), len)), "n=" + n);
            e.release();
        }
    }

    @Test
    void incompressibleBytesFitTheBound() throws IOException {
        byte[] noise = new byte[8192];
        new Random(1).nextBytes(noise);
        GzipEncoder e = new GzipEncoderPool(2, 8192).take();
        int before = e.bytes().length;
        e.begin();
        int len = e.compressWhole(noise, 0, noise.length);
        assertTrue(len <= GzipEncoder.bound(noise.length), len + " within " + GzipEncoder.bound(noise.length));
        assertEquals(before, e.bytes().length, "a body of the buffer's size never grows the output array");
        assertArrayEquals(noise, gunzip(Arrays.copyOf(e.bytes(), len)));
    }

    @Test
    void encodersAreReusedAndEndedWhenThePoolCloses() throws IOException {
        GzipEncoderPool pool = new GzipEncoderPool(2, 8192);
        GzipEncoder a = pool.take();
        a.begin();
        byte[] b = text(5000);
        a.write(b, 0, b.length, (x, o, n) -> { });
        a.release(); // abandoned mid-member: reset by the next begin
        assertEquals(1, pool.pooled());
        GzipEncoder again = pool.take();
        assertSame(a, again, "taken from the pool, not made");
        again.begin();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        again.write(b, 0, b.length, out::write);
        again.finish(out::write);
        assertArrayEquals(b, gunzip(out.toByteArray()), "nothing of the abandoned member is left");
        again.release();
        GzipEncoder third = pool.take();
        GzipEncoder fourth = pool.take();
        GzipEncoder fifth = pool.take();
        third.begin();
        fourth.begin();
        fifth.begin();
        third.release();
        fourth.release();
        fifth.release();
        assertEquals(2, pool.pooled(), "the pool keeps its capacity; the extra one is ended");
        pool.close();
        assertEquals(0, pool.pooled());
        assertEquals(GzipEncoder.State.ENDED, third.state());
        GzipEncoder late = new GzipEncoderPool(2, 8192).take();
        late.begin();
        pool.give(late); // given back to a closed pool
        assertEquals(GzipEncoder.State.ENDED, late.state());
    }

    @Test
    void callsOutOfOrderAreRefused() {
        GzipEncoder e = new GzipEncoderPool(2, 8192).take();
        byte[] b = {1};
        assertThrows(IllegalStateException.class, () -> e.write(b, 0, 1, (x, o, n) -> { }));
        e.begin();
        assertThrows(IllegalStateException.class, e::begin);
        IllegalStateException ex = assertThrows(IllegalStateException.class, () -> {
            e.compressWhole(b, 0, 1);
            e.compressWhole(b, 0, 1);
        });
        assertTrue(ex.getMessage().contains("WHOLE"), ex.getMessage());
    }
}
