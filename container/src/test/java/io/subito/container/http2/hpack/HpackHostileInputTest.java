package io.subito.container.http2.hpack;

import static io.subito.container.http2.hpack.HpackFixtures.assertTable;
import static io.subito.container.http2.hpack.HpackFixtures.block;
import static io.subito.container.http2.hpack.HpackFixtures.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What a hostile peer may send: each is refused with a compression error naming the flaw, or,
 * for a header list over the limit, refused for the stream alone with the table still in step;
 * and memory stays bounded by the limits, not by what the peer claims.
 */
class HpackHostileInputTest {
    private final HpackDecoder decoder = new HpackDecoder(4096, 8192);

    private HpackException compressionError(String hex, String expectedInMessage) {
        HpackException e = assertThrows(HpackException.class, () -> decode(decoder, hex));
        assertFalse(e.isHeaderListTooLarge(), e.getMessage());
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
        return e;
    }

    @Test
    void aStringLongerThanWhatIsLeftOfTheBlockIsRefused() {
        compressionError("0003 6162", "a string literal of 3 octets, with only 2 left");
        compressionError("0001 61 05 6162", "5 octets, with only 2 left");
        compressionError("0001 61 85 ff", "5 octets, with only 1 left"); // Huffman too
    }

    @Test
    void aHugeStringLengthInATinyBlockAllocatesNothing() {
        // a value of 2^31-1 octets claimed in a 10-octet block
        compressionError("0001 61 7f 80 ff ff ff 07", "a string literal of 2147483647 octets");
        assertEquals(0, decoder.scratchCapacity());
    }

    @Test
    void anIntegerAbove2To31Minus1IsRefused() {
        // indexed field, 7-bit prefix, then 2^31 - 127 + 127 + more
        compressionError("ff ff ff ff ff 07", "above 2^31-1");
        compressionError("3f ff ff ff ff 0f", "above 2^31-1");
    }

    @Test
    void anIntegerWithMoreThanFiveContinuationOctetsIsRefused() {
        // zero continuation octets that add nothing: still refused past five
        compressionError("ff 80 80 80 80 80 00", "more than five continuation octets");
        compressionError("ff 80 80 80 80 80 80 80 80 80 80 80 80 80 80 80 80 80 80 80 00", "more than five");
    }

    @Test
    void aBlockEndingInsideAnIntegerOrBeforeAStringIsRefused() {
        compressionError("ff", "ends inside an integer");
        compressionError("ff 80", "ends inside an integer");
        compressionError("40", "ends where a string literal should begin");
        compressionError("4001 61", "ends where a string literal should begin");
    }

    @Test
    void eosInsideAHuffmanStringIsRefused() {
        compressionError("0001 61 84 ffffffff", "EOS");
    }

    @Test
    void huffmanPaddingLongerThanSevenBitsIsRefused() {
        compressionError("0001 61 82 1fff", "padding");
    }

    @Test
    void huffmanPaddingThatIsNotAllOnesIsRefused() {
        compressionError("0001 61 81 18", "padding");
    }

    @Test
    void indexZeroIsRefused() {
        compressionError("80", "index 0");
    }

    @Test
    void anIndexBeyondTheTablesIsRefused() {
        compressionError("be", "index 62 is beyond the 61 static and 0 dynamic entries");
        compressionError("ff 80 01", "index 255 is beyond");
        // as a literal's name
        compressionError("7e 01 61", "index 62 is beyond");
        compressionError("0f 2f 01 61", "index 62 is beyond");
    }

    @Test
    void aSizeUpdateAboveTheAdvertisedLimitIsRefused() {
        compressionError("3f e2 1f", "a dynamic table size update to 4097, above the SETTINGS_HEADER_TABLE_SIZE of 4096");
        decoder.setMaxHeaderTableSize(100);
        compressionError("3f 46", "to 101, above the SETTINGS_HEADER_TABLE_SIZE of 100");
    }

    @Test
    void aSizeUpdateAfterAFieldIsRefused() {
        compressionError("82 20", "a dynamic table size update after a header field");
    }

    @Test
    void aLoweredLimitWithoutTheUpdateItRequiresIsRefused() throws HpackException {
        decode(decoder, HpackDecoderTest.C31);
        decoder.setMaxHeaderTableSize(0);
        compressionError("82", "does not begin with the dynamic table size update");
    }

    @Test
    void anHpackBombIsRefusedForTheStreamWithoutFillingMemory() throws HpackException {
        // one 4000-octet value put in the table, then sent by index 1000 times: 4 MB decoded
        String value = "61".repeat(4000);
        HpackFixtures.Recorded sink = new HpackFixtures.Recorded();
        ByteBuffer bomb = block("4001 78 7f a1 1e" + value + "be".repeat(1000));
        HpackException e = assertThrows(HpackException.class, () -> decoder.decode(bomb, sink));
        assertTrue(e.isHeaderListTooLarge(), e.getMessage());
        assertEquals(2, sink.fields.size(), "fields past the 8192-octet limit never reach the sink");
        assertEquals(bomb.limit(), bomb.position(), "read to the end all the same");
        assertTable(decoder.table(), 4033, "(s = 4033) x: " + "a".repeat(4000));
    }

    @Test
    void afterAListTooLargeTheTableIsStillInStepWithThePeer() throws HpackException {
        // a value too large for the list, then two fields added to the table
        HpackDecoder d = new HpackDecoder(4096, 100);
        String big = "62".repeat(200);
        HpackException e = assertThrows(HpackException.class,
                () -> decode(d, "0001 79 7f 49" + big + "4001 61 0131 4001 62 0132"));
        assertTrue(e.isHeaderListTooLarge());
        assertTable(d.table(), 68, "(s =  34) b: 2", "(s =  34) a: 1");
        assertEquals(List.of("a: 1", "b: 2"), decode(d, "bf be"), "the next block indexes them as the peer does");
    }

    @Test
    void aHuffmanStringLongerThanTheLimitsIsMeasuredNotKept() {
        // 100,000 octets of Huffman-coded '0' (5 bits each): 160,000 octets decoded
        String coded = "00".repeat(100_000);
        HpackException e = assertThrows(HpackException.class,
                () -> decode(decoder, "0001 78 ff a1 8c 06" + coded));
        assertTrue(e.isHeaderListTooLarge(), e.getMessage());
        assertTrue(e.getMessage().contains("160033 octets"), e.getMessage());
        assertTrue(decoder.scratchCapacity() <= 8192, "scratch " + decoder.scratchCapacity());
    }

    @Test
    void aRawStringLongerThanTheLimitsInADirectBufferIsNotCopied() {
        String raw = "61".repeat(50_000);
        byte[] b = HpackFixtures.hex("0001 78 7f d1 85 03" + raw);
        ByteBuffer direct = ByteBuffer.allocateDirect(b.length).put(b).flip();
        HpackException e = assertThrows(HpackException.class, () -> decoder.decode(direct, (n, v, s) -> { }));
        assertTrue(e.isHeaderListTooLarge(), e.getMessage());
        assertTrue(decoder.scratchCapacity() < 64, "scratch " + decoder.scratchCapacity());
    }

    @Test
    void randomBytesAreDecodedOrRefusedWithAnHpackExceptionOnly() {
        Random random = new Random(7541);
        int refused = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[random.nextInt(40)];
            random.nextBytes(b);
            HpackDecoder d = new HpackDecoder(random.nextInt(5000), 1 + random.nextInt(10000));
            try {
                d.decode(ByteBuffer.wrap(b), (n, v, s) -> { });
                d.decode(ByteBuffer.wrap(b), (n, v, s) -> { });
            } catch (HpackException expected) {
                refused++;
            }
            assertTrue(d.dynamicTableSize() <= d.table().maxSize());
        }
        assertTrue(refused > 0 && refused < 50_000, "refused " + refused);
    }
}
