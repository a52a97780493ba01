package io.subito.container.http2.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7541 Appendix C.1: integers with an N-bit prefix, written and read. */
class HpackIntegerTest {

    @Test
    void c11TenWithAFiveBitPrefix() throws HpackException {
        assertEquals("0a", write(10, 5));
        assertEquals(10, readAsSizeUpdate("2a"));
    }

    @Test
    void c12ThirteenThirtySevenWithAFiveBitPrefix() throws HpackException {
        assertEquals("1f9a0a", write(1337, 5));
        assertEquals(1337, readAsSizeUpdate("3f9a0a"));
    }

    @Test
    void c13FortyTwoStartingAtAnOctetBoundary() {
        assertEquals("2a", write(42, 8));
    }

    @ParameterizedTest(name = "{0} with a {1}-bit prefix")
    @CsvSource({"0, 5", "30, 5", "31, 5", "158, 5", "159, 5", "16414, 5", "2147483647, 5", "2147483647, 4",
        "126, 7", "127, 7", "2147483647, 7", "62, 6", "63, 6", "14, 4", "15, 4"})
    void lengthIsWhatWriteWritesAndTheDecoderReadsItBack(int value, int prefixBits) throws HpackException {
        String hex = write(value, prefixBits);
        assertEquals(PrefixInteger.length(value, prefixBits), hex.length() / 2);
        if (prefixBits == 5) {
            assertEquals(value, readAsSizeUpdate(String.format("%02x", 0x20 | Integer.parseInt(hex.substring(0, 2), 16))
                    + hex.substring(2)));
        }
    }

    private static String write(int value, int prefixBits) {
        ByteBuffer out = ByteBuffer.allocate(8);
        PrefixInteger.write(out, 0, prefixBits, value);
        return HpackFixtures.hex(out);
    }

    /** The decoder reads a 5-bit-prefix integer in a dynamic table size update. */
    private static int readAsSizeUpdate(String hex) throws HpackException {
        HpackDecoder d = new HpackDecoder(Integer.MAX_VALUE, 100);
        HpackFixtures.decode(d, hex);
        return d.table().maxSize();
    }
}
