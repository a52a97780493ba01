package io.subito.container.http2.hpack;

import static io.subito.container.http2.hpack.HpackFixtures.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HuffmanTest {

    @ParameterizedTest(name = "symbol {0} is {1} in {2} bits")
    @CsvSource({
        "0, 1ff8, 13", "1, 7fffd8, 23", "9, ffffea, 24", "10, 3ffffffc, 30", "22, 3ffffffe, 30",
        "31, ffffffb, 28", "32, 14, 6", "48, 0, 5", "58, 5c, 7", "60, 7ffc, 15", "92, 7fff0, 19",
        "97, 3, 5", "122, 7b, 7", "126, 1ffd, 13", "127, ffffffc, 28", "128, fffe6, 20",
        "153, 1fffdc, 21", "195, 7fff1, 19", "199, 1ffffec, 25", "200, 3ffffe2, 26",
        "220, ffffffd, 28", "249, ffffffe, 28", "254, 7fffff0, 27", "255, 3ffffee, 26",
        "256, 3fffffff, 30",
    })
    void codesComputedFromTheLengthsAreThoseOfAppendixB(int symbol, String code, int length) {
        assertEquals(length, Huffman.length(symbol));
        assertEquals(Integer.parseInt(code, 16), Huffman.code(symbol));
    }

    @Test
    void theCodeIsACompletePrefixCodeWithEosThirtyOnes() {
        long kraft = 0;
        for (int s = 0; s <= Huffman.EOS; s++) {
            kraft += 1L << (30 - Huffman.length(s));
            for (int t = 0; t < s; t++) {
                int shorter = Math.min(Huffman.length(s), Huffman.length(t));
                assertTrue(Huffman.code(s) >>> (Huffman.length(s) - shorter) != Huffman.code(t) >>> (Huffman.length(t) - shorter),
                        "code of " + t + " is a prefix of the code of " + s + " or the reverse");
            }
        }
        assertEquals(1L << 30, kraft, "the code lengths fill the code space exactly");
        assertEquals((1 << 30) - 1, Huffman.code(Huffman.EOS));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "www.example.com | f1e3c2e5f23a6ba0ab90f4ff",
        "no-cache | a8eb10649cbf",
        "custom-key | 25a849e95ba97d7f",
        "custom-value | 25a849e95bb8e8b4bf",
        "302 | 6402",
        "307 | 640eff",
        "private | aec3771a4b",
        "Mon, 21 Oct 2013 20:13:21 GMT | d07abe941054d444a8200595040b8166e082a62d1bff",
        "Mon, 21 Oct 2013 20:13:22 GMT | d07abe941054d444a8200595040b8166e084a62d1bff",
        "https://www.example.com | 9d29ad171863c78f0b97c8e9ae82ae43d3",
        "gzip | 9bd9ab",
        "'foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1' | 94e7821dd7f2e6c7b335dfdfcd5b3960d5af27087f3672c1ab270fb5291f9587316065c003ed4ee5b1063d5007",
    })
    void encodesAndDecodesTheStringsOfAppendixC(String text, String coded) throws HpackException {
        assertEquals(coded.length() / 2, Huffman.encodedLength(text, false));
        ByteBuffer out = ByteBuffer.allocate(100);
        Huffman.encode(text, false, out);
        assertEquals(coded, HpackFixtures.hex(out));
        assertEquals(text, decode(coded));
    }

    @Test
    void everyOctetRoundTripsAloneAndTogether() throws HpackException {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 256; c++) {
            String one = String.valueOf(c);
            // Huffman.encode maps control chars for sending; the decoder must take any octet
            ByteBuffer out = ByteBuffer.allocate(8);
            writeSymbols(out, c);
            assertEquals(one, decode(HpackFixtures.hex(out)), "octet " + (int) c);
            all.append(c);
        }
        ByteBuffer out = ByteBuffer.allocate(1024);
        writeSymbols(out, all.toString().toCharArray());
        assertEquals(all.toString(), decode(HpackFixtures.hex(out)));
    }

    @Test
    void namesAreCodedInLowerCase() throws HpackException {
        ByteBuffer out = ByteBuffer.allocate(32);
        Huffman.encode("Custom-KEY", true, out);
        assertEquals("custom-key", decode(HpackFixtures.hex(out)));
        assertEquals(Huffman.encodedLength("custom-key", false), Huffman.encodedLength("Custom-KEY", true));
    }

    @Test
    void anEmptyStringIsValid() throws HpackException {
        assertEquals("", decode(""));
    }

    @Test
    void eosInsideAStringIsRefused() {
        // 30 one bits (EOS) then two zero bits
        HpackException e = assertThrows(HpackException.class, () -> decode("fffffffc"));
        assertTrue(e.getMessage().contains("EOS"), e.getMessage());
        // 'a' (00011) then EOS, then padding
        assertThrows(HpackException.class, () -> decode("1fffffffff"));
    }

    @Test
    void paddingLongerThanSevenBitsIsRefused() {
        // 'a' (00011) and 11 one bits
        HpackException e = assertThrows(HpackException.class, () -> decode("1fff"));
        assertTrue(e.getMessage().contains("padding"), e.getMessage());
        // eight one bits and nothing else
        assertThrows(HpackException.class, () -> decode("ff"));
    }

    @Test
    void paddingThatIsNotAllOnesIsRefused() {
        // 'a' (00011) then 000
        assertThrows(HpackException.class, () -> decode("18"));
        // 'a' then 110
        assertThrows(HpackException.class, () -> decode("1e"));
        // seven ones then a zero: the start of a longer code
        assertThrows(HpackException.class, () -> decode("fe"));
    }

    @Test
    void paddingOfOneToSevenOnesIsAccepted() throws HpackException {
        assertEquals("a", decode("1f"));     // 00011 111
        assertEquals("0", decode("07"));     // 00000 111
        assertEquals("00", decode("003f")); // 00000 00000 111111
    }

    @Test
    void onlyTheKeptOctetsAreStoredButAllAreCountedAndChecked() throws HpackException {
        byte[] coded = hex("f1e3c2e5f23a6ba0ab90f4ff"); // www.example.com
        byte[] dst = new byte[4];
        assertEquals(15, HuffmanDecoder.decode(ByteBuffer.wrap(coded), 0, coded.length, dst, 0, 4));
        assertEquals("www.", new String(dst, StandardCharsets.ISO_8859_1));
        byte[] bad = hex("1e"); // 'a' then 110: bad padding, though nothing is kept
        assertThrows(HpackException.class, () -> HuffmanDecoder.decode(ByteBuffer.wrap(bad), 0, 1, dst, 0, 0));
    }

    private static String decode(String hexCoded) throws HpackException {
        byte[] coded = HexFormat.of().parseHex(hexCoded);
        byte[] dst = new byte[coded.length * 8 / 5 + 1];
        int n = HuffmanDecoder.decode(ByteBuffer.wrap(coded), 0, coded.length, dst, 0, dst.length);
        return new String(dst, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** Huffman-codes the octets as they are (no mapping), EOS-padded. */
    private static void writeSymbols(ByteBuffer out, char... octets) {
        long acc = 0;
        int bits = 0;
        for (char c : octets) {
            acc = (acc << Huffman.length(c)) | Huffman.code(c);
            bits += Huffman.length(c);
            while (bits >= 8) {
                bits -= 8;
                out.put((byte) (acc >>> bits));
            }
        }
        if (bits > 0) {
            out.put((byte) ((acc << (8 - bits)) | (0xFF >>> bits)));
        }
    }
}
