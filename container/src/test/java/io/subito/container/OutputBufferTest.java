package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The number and header encodings used for every response head and chunk. */
class OutputBufferTest {
    private static String text(OutputBuffer b) {
        return new String(b.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void decimalsFromTheTableAndComputed() {
        for (long v : new long[] {0, 7, 13, 999, 1000, 65536, 1234567890123L, Long.MAX_VALUE}) {
            OutputBuffer b = new OutputBuffer(4);
            b.putDecimal(v);
            assertEquals(Long.toString(v), text(b));
        }
    }

    @Test
    void chunkSizesInLowerCaseHex() {
        for (int v : new int[] {0, 1, 15, 16, 255, 256, 4096, 0xABCDEF, Integer.MAX_VALUE}) {
            OutputBuffer b = new OutputBuffer(2);
            b.putHex(v);
            assertEquals(Integer.toHexString(v), text(b));
        }
    }

    @Test
    void headerLinesAreTheSameWhetherCachedOrNot() {
        HeaderLineCache cache = new HeaderLineCache();
        String name = "Content-Type";
        String value = "text/plain";
        OutputBuffer b = new OutputBuffer(16);
        for (int i = 0; i < 3; i++) {
            cache.put(b, name, value);                    // miss, then kept, then a hit
            cache.put(b, "X-Id", Integer.toString(i));    // a fresh string every time
        }
        assertEquals("Content-Type: text/plain\r\nX-Id: 0\r\n"
                + "Content-Type: text/plain\r\nX-Id: 1\r\n"
                + "Content-Type: text/plain\r\nX-Id: 2\r\n", text(b));
    }

    @Test
    void controlCharactersInValuesCannotSplitTheHead() {
        OutputBuffer b = new OutputBuffer(8);
        new HeaderLineCache().put(b, "X-Evil", "a\r\nSet-Cookie: x=1");
        assertEquals("X-Evil: a  Set-Cookie: x=1\r\n", text(b));
    }
}
