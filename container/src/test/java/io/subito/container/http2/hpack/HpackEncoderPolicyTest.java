package io.subito.container.http2.hpack;

import static io.subito.container.http2.hpack.HpackFixtures.assertTable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What the encoder chooses by itself: indexing, Huffman, names, size updates, a full buffer. */
class HpackEncoderPolicyTest {
    private final HpackEncoder encoder = new HpackEncoder(4096);
    private final HpackDecoder decoder = new HpackDecoder(4096, 1 << 20);

    @Test
    void aRepeatedResponseFieldGoesOutAsOneOctetFromTheSecondResponseOn() {
        String first = block("content-type", "text/plain");
        assertTrue(first.startsWith("5f"), "literal with incremental indexing, name 31: " + first);
        assertEquals("be", block("content-type", "text/plain"));
        assertEquals("be", block("content-type", "text/plain"));
        assertTable(encoder.table(), 54, "(s =  54) content-type: text/plain");
    }

    @ParameterizedTest
    @ValueSource(strings = {"set-cookie", "cookie", "authorization", "proxy-authorization"})
    void secretsAreNeverIndexed(String name) throws HpackException {
        String first = block(name, "session=0123456789abcdef");
        assertEquals(0x10, Integer.parseInt(first.substring(0, 2), 16) & 0xF0, "never-indexed: " + first);
        assertEquals(first, block(name, "session=0123456789abcdef"), "sent whole again, never by index");
        assertTable(encoder.table(), 0);
        HpackFixtures.Recorded sink = new HpackFixtures.Recorded();
        decoder.decode(ByteBuffer.wrap(HpackFixtures.hex(first)), sink);
        assertEquals(List.of(name), sink.sensitive, "the decoder sees the never-indexed bit");
    }

    @Test
    void aSensitiveFieldIsNeverIndexedEvenWhenTheStaticTableHoldsIt() throws HpackException {
        ByteBuffer out = ByteBuffer.allocate(64);
        encoder.encode(":method", "GET", true, out);
        assertEquals("1203474554", HpackFixtures.hex(out), "name index 2, \"GET\" (Huffman would not be shorter)");
        out.clear();
        encoder.beginBlock();
        encoder.encode("x-api-key", "k", true, out);
        assertTrue(HpackFixtures.hex(out).startsWith("10"), HpackFixtures.hex(out));
        assertTable(encoder.table(), 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"content-length", "content-range", "etag", "last-modified", "location", "age", ":path"})
    void valuesThatRarelyRepeatAreNotIndexed(String name) {
        String first = block(name, "12345");
        assertEquals(0x00, Integer.parseInt(first.substring(0, 2), 16) & 0xF0, "without indexing: " + first);
        assertTable(encoder.table(), 0);
    }

    @Test
    void aFieldLargerThanHalfTheTableIsNotIndexed() {
        String big = "v".repeat(2048);
        String coded = block("x-big", big);
        assertTrue(coded.startsWith("00"), coded.substring(0, 8));
        assertTable(encoder.table(), 0);
        block("x-big", "v".repeat(100));
        assertEquals(1, encoder.table().length(), "a smaller one is");
    }

    @Test
    void huffmanIsUsedOnlyWhenShorter() {
        // "307" Huffman-codes to three octets too: sent as it is
        assertEquals("4803333037", block(":status", "307"));
        // "302" takes two
        assertEquals("48826402", block(":status", "302"));
    }

    @Test
    void namesAreSentInLowerCaseWhateverTheCallerGave() throws HpackException {
        String coded = block("Content-Type", "text/html", "X-Powered-By", "Subito");
        assertTrue(coded.startsWith("5f"), "Content-Type found in the static table: " + coded);
        assertEquals(List.of("content-type: text/html", "x-powered-by: Subito"), HpackFixtures.decode(decoder, coded));
        // the table: [62] x-powered-by: Subito, [63] Content-Type: text/html
        assertEquals("bf", block("CONTENT-TYPE", "text/html"), "a table entry is found whatever the case");
    }

    @Test
    void charactersAFieldCannotHoldAreReplacedAsTheHttp11EngineDoes() throws HpackException {
        String coded = block("x-a", "a\r\nb\u0000c\td\u00e9e\u20acf\u007f");
        assertEquals(List.of("x-a: a  b c\td\u00e9e?f "), HpackFixtures.decode(decoder, coded));
    }

    @Test
    void statusCodesOfTheStaticTableTakeOneOctet() {
        int[] statuses = {200, 204, 206, 304, 400, 404, 500};
        for (int i = 0; i < statuses.length; i++) {
            ByteBuffer out = ByteBuffer.allocate(8);
            encoder.beginBlock();
            encoder.encodeStatus(statuses[i], out);
            assertEquals(String.format("%02x", 0x88 + i), HpackFixtures.hex(out));
        }
        ByteBuffer out = ByteBuffer.allocate(8);
        encoder.beginBlock();
        encoder.encodeStatus(302, out);
        encoder.encodeStatus(302, out);
        assertEquals("48826402" + "be", HpackFixtures.hex(out));
        assertThrows(IllegalArgumentException.class, () -> encoder.encodeStatus(99, ByteBuffer.allocate(8)));
        assertThrows(IllegalArgumentException.class, () -> encoder.encodeStatus(1000, ByteBuffer.allocate(8)));
    }

    @Test
    void aBufferTooSmallGetsNothingAndTheFieldCanBeSentAgain() throws HpackException {
        encoder.setMaxHeaderTableSize(1024);
        encoder.beginBlock();
        ByteBuffer small = ByteBuffer.allocate(10);
        small.put((byte) 0x55);
        assertThrows(BufferOverflowException.class, () -> encoder.encode("x-custom", "a value that does not fit", small));
        assertEquals(1, small.position(), "nothing written");
        assertTable(encoder.table(), 0);

        ByteBuffer out = ByteBuffer.allocate(64);
        encoder.encode("x-custom", "a value that does not fit", out);
        String coded = HpackFixtures.hex(out);
        assertTrue(coded.startsWith("3fe107"), "the size update was kept for the retry: " + coded);
        decoder.setMaxHeaderTableSize(1024);
        assertEquals(List.of("x-custom: a value that does not fit"), HpackFixtures.decode(decoder, coded));
        assertEquals(1, encoder.table().length());
    }

    @Test
    void maxEncodedLengthIsEnoughEvenWithSizeUpdates() {
        encoder.setMaxHeaderTableSize(0);
        encoder.setMaxHeaderTableSize(4000);
        encoder.beginBlock();
        String name = "x-\u00ff\u00fe\u00fd";
        String value = "\u00ff".repeat(300);
        ByteBuffer out = ByteBuffer.allocate(HpackEncoder.maxEncodedLength(name, value));
        encoder.encode(name, value, out);
        assertTrue(out.position() > 300, "written: " + out.position());
    }

    @Test
    void aLoweredPeerLimitOpensTheNextBlockWithAnUpdate() {
        encoder.setMaxHeaderTableSize(0);
        assertEquals("20" + "82", block(":method", "GET"));
        assertEquals("82", block(":method", "GET"), "once only");
    }

    @Test
    void aLimitLoweredAndRaisedBetweenBlocksSendsTheSmallestThenTheLast() {
        block("x-a", "1");
        encoder.setMaxHeaderTableSize(100);
        encoder.setMaxHeaderTableSize(0);
        encoder.setMaxHeaderTableSize(4096);
        assertEquals("20" + "3fe11f" + "82", block(":method", "GET"));
        assertTable(encoder.table(), 0);
    }

    @Test
    void anEntryThatTheOpeningSizeUpdateEvictsIsNotReferredTo() {
        assertEquals("4003782d610131", block("x-a", "1"));
        encoder.setMaxHeaderTableSize(0);
        // not "be": the update to 0 empties the table before the field is read
        assertEquals("20" + "0003782d610131", block("x-a", "1"));
    }

    @Test
    void anUnchangedOrHigherLimitThanItsOwnSendsNothing() {
        encoder.setMaxHeaderTableSize(4096);
        assertEquals("82", block(":method", "GET"));
        encoder.setMaxHeaderTableSize(65536);
        assertEquals("82", block(":method", "GET"), "the encoder's own 4096 is the most it uses");
    }

    @Test
    void anEncoderSmallerThanTheDefaultSaysSoInItsFirstBlock() {
        HpackEncoder small = new HpackEncoder(100);
        ByteBuffer out = ByteBuffer.allocate(16);
        small.encode(":method", "GET", out);
        assertEquals("3f45" + "82", HpackFixtures.hex(out));
    }

    @Test
    void sizeUpdatesGoOnlyAtTheStartOfABlock() {
        ByteBuffer out = ByteBuffer.allocate(16);
        encoder.beginBlock();
        encoder.encode(":method", "GET", out);
        encoder.setMaxHeaderTableSize(0);
        encoder.encode(":method", "POST", out);
        assertEquals("8283", HpackFixtures.hex(out));
        assertEquals("2082", block(":method", "GET"));
    }

    /** One block of name, value pairs by the default policy, as hex. */
    private String block(String... namesAndValues) {
        ByteBuffer out = ByteBuffer.allocate(8192);
        encoder.beginBlock();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            encoder.encode(namesAndValues[i], namesAndValues[i + 1], out);
        }
        return HpackFixtures.hex(out);
    }
}
