package io.subito.container.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The chunked decoder on its own, fed from a source that reveals a few bytes per fill. */
class ChunkedDecoderTest {
    /** Reveals {@code step} more bytes of {@code data} on each fill. */
    static final class Dribble implements InputSource {
        final byte[] data;
        final int step;
        int pos;
        int lim;

        Dribble(String s, int step) {
            this.data = s.getBytes(StandardCharsets.ISO_8859_1);
            this.step = step;
        }

        @Override public byte[] buffer() { return data; }
        @Override public int position() { return pos; }
        @Override public int limit() { return lim; }
        @Override public void advance(int n) { pos += n; }

        @Override
        public boolean fill() {
            if (lim == data.length) {
                return false;
            }
            lim = Math.min(data.length, lim + step);
            return true;
        }
    }

    static String decode(ChunkedDecoder d, Dribble src, int readSize) throws IOException {
        d.reset(src);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[readSize];
        int n;
        while ((n = d.read(buf, 0, buf.length)) >= 0) {
            out.write(buf, 0, n);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static final String BODY = "4\r\nWiki\r\n5;a=b;c=\"d e\"\r\npedia\r\nE \r\n in\r\n\r\nchunks.\r\n"
            + "0;last\r\nX-Sum: 1\r\nx-sum: 2\r\nOther:  v \r\n\r\nNEXT";

    @ParameterizedTest
    @CsvSource({"1,1", "1,3", "3,1", "7,100", "1000,1000", "1000,2"})
    void decodesAtAnySplit(int step, int readSize) throws Exception {
        ChunkedDecoder d = new ChunkedDecoder(HttpLimits.defaults());
        Dribble src = new Dribble(BODY, step);
        assertEquals("Wikipedia in\r\n\r\nchunks.", decode(d, src, readSize));
        assertTrue(d.isDone());
        assertEquals(Map.of("x-sum", "1,2", "other", "v"), d.trailers());
        assertEquals(BODY.length() - 4, src.pos, "stops exactly after the trailer section");
        assertEquals(-1, d.read(new byte[1], 0, 1), "stays at end");
    }

    @Test
    void emptyBody() throws Exception {
        ChunkedDecoder d = new ChunkedDecoder(HttpLimits.defaults());
        assertEquals("", decode(d, new Dribble("0\r\n\r\n", 1), 10));
        assertEquals(Map.of(), d.trailers());
    }

    @Test
    void trailersEmptyBeforeTheEnd() throws Exception {
        ChunkedDecoder d = new ChunkedDecoder(HttpLimits.defaults());
        Dribble src = new Dribble("3\r\nabc\r\n0\r\nT: 1\r\n\r\n", 100);
        d.reset(src);
        byte[] b = new byte[3];
        assertEquals(3, d.read(b, 0, 3));
        assertEquals(Map.of(), d.trailers());
        assertEquals(-1, d.read(b, 0, 3));
        assertEquals(Map.of("t", "1"), d.trailers());
    }

    @Test
    void resetForgetsThePreviousBody() throws Exception {
        ChunkedDecoder d = new ChunkedDecoder(HttpLimits.defaults());
        decode(d, new Dribble("1\r\na\r\n0\r\nT: 1\r\n\r\n", 5), 4);
        assertEquals("b", decode(d, new Dribble("1\r\nb\r\n0\r\n\r\n", 5), 4));
        assertEquals(Map.of(), d.trailers());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "g\r\n", "\r\n", " 1\r\na\r\n0\r\n\r\n", "1 x\r\n", "1\n", "1\ra", "1\r\nab\r\n", "1\r\na\n0\r\n\r\n",
            "1000000000000000\r\n", "1\r\na\r\n0\r\nNo Colon Here\r\n\r\n", "1\r\na\r\n0\r\n:v\r\n\r\n",
            "1\r\na\r\n0\r\nT: \u0001\r\n\r\n", "1;x\u0000\r\na\r\n0\r\n\r\n", "3\r\nab",
    })
    void malformedBodiesAre400(String body) {
        ChunkedDecoder d = new ChunkedDecoder(HttpLimits.defaults());
        MalformedBodyException e = assertThrows(MalformedBodyException.class, () -> decode(d, new Dribble(body, 1), 8));
        assertEquals(400, e.status(), e.getMessage());
    }

    @Test
    void limits() {
        HttpLimits small = new HttpLimits(8192, 4096, 100, 10, 20);
        ChunkedDecoder d = new ChunkedDecoder(small);
        assertEquals("a", assertDoesNotThrow(() -> decode(d, new Dribble("1;123456789\r\na\r\n0\r\n\r\n", 3), 8)));
        MalformedBodyException ext = assertThrows(MalformedBodyException.class,
                () -> decode(d, new Dribble("1;1234567890\r\na\r\n0\r\n\r\n", 3), 8));
        assertEquals(400, ext.status());
        MalformedBodyException trailers = assertThrows(MalformedBodyException.class,
                () -> decode(d, new Dribble("1\r\na\r\n0\r\nT: " + "x".repeat(30) + "\r\n\r\n", 3), 8));
        assertEquals(431, trailers.status());
    }

    private static String assertDoesNotThrow(org.junit.jupiter.api.function.ThrowingSupplier<String> s) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(s);
    }
}
