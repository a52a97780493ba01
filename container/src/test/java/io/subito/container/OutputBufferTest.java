package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The number and header encodings used for every response head and chunk, and borrowing the array. */
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

    @Test
    void aBorrowedArrayGoesBackOnlyWhenNothingIsPending() {
        ByteBuffer pooled = ByteBuffer.allocate(64);
        OutputBuffer b = new OutputBuffer();
        assertTrue(b.detached());
        assertTrue(b.attach(pooled));
        assertFalse(b.attach(ByteBuffer.allocate(64)), "an attached buffer keeps its array");
        b.put("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertNull(b.detach(), "bytes pending: the array stays");
        ByteBuffer[] g = b.gather(null);
        g[0].position(g[0].limit()); // as if the socket took everything
        b.consumed();
        assertSame(pooled, b.detach());
        assertTrue(b.detached());
        assertNull(b.detach(), "given back once");
    }

    @Test
    void growingPastTheBorrowedArrayLeavesItBehind() {
        ByteBuffer pooled = ByteBuffer.allocate(8);
        OutputBuffer b = new OutputBuffer();
        b.attach(pooled);
        b.put("0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("0123456789abcdef", text(b));
        b.clear();
        assertNull(b.detach(), "the pool's array was left when the bytes outgrew it; the private one is dropped");
        assertTrue(b.detached());
    }

    @Test
    void writingWhileDetachedAllocatesAPrivateArray() {
        OutputBuffer b = new OutputBuffer();
        b.putCrlf();
        assertFalse(b.detached());
        assertEquals("\r\n", text(b));
        b.clear();
        assertNull(b.detach());
        assertTrue(b.detached());
    }
}
