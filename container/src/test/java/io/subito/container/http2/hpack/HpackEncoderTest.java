package io.subito.container.http2.hpack;

import static io.subito.container.http2.hpack.HpackDecoderTest.C31;
import static io.subito.container.http2.hpack.HpackDecoderTest.C32;
import static io.subito.container.http2.hpack.HpackDecoderTest.C33;
import static io.subito.container.http2.hpack.HpackDecoderTest.C41;
import static io.subito.container.http2.hpack.HpackDecoderTest.C42;
import static io.subito.container.http2.hpack.HpackDecoderTest.C43;
import static io.subito.container.http2.hpack.HpackDecoderTest.C51;
import static io.subito.container.http2.hpack.HpackDecoderTest.C52;
import static io.subito.container.http2.hpack.HpackDecoderTest.C53;
import static io.subito.container.http2.hpack.HpackDecoderTest.C61;
import static io.subito.container.http2.hpack.HpackDecoderTest.C62;
import static io.subito.container.http2.hpack.HpackDecoderTest.C63;
import static io.subito.container.http2.hpack.HpackDecoderTest.REQUEST_1;
import static io.subito.container.http2.hpack.HpackDecoderTest.REQUEST_2;
import static io.subito.container.http2.hpack.HpackDecoderTest.REQUEST_3;
import static io.subito.container.http2.hpack.HpackDecoderTest.RESPONSE_1;
import static io.subito.container.http2.hpack.HpackDecoderTest.RESPONSE_2;
import static io.subito.container.http2.hpack.HpackDecoderTest.RESPONSE_3;
import static io.subito.container.http2.hpack.HpackFixtures.assertTable;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Encoding the examples of RFC 7541 Appendix C byte for byte. The examples index every field a
 * table holds and add every other one; where Subito's own policy chooses the same (C.4) the
 * public {@code encode} is used, elsewhere the representation is forced as the RFC shows it.
 */
class HpackEncoderTest {

    @Test
    void c21LiteralWithIndexing() {
        HpackEncoder e = new HpackEncoder(4096);
        assertEquals(hex("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"),
                forced(e, Representation.INCREMENTAL, false, "custom-key", "custom-header"));
        assertTable(e.table(), 55, "(s =  55) custom-key: custom-header");
    }

    @Test
    void c22LiteralWithoutIndexing() {
        HpackEncoder e = new HpackEncoder(4096);
        assertEquals(hex("040c 2f73 616d 706c 652f 7061 7468"),
                forced(e, Representation.WITHOUT_INDEXING, false, ":path", "/sample/path"));
        assertTable(e.table(), 0);
    }

    @Test
    void c23LiteralNeverIndexed() {
        HpackEncoder e = new HpackEncoder(4096);
        assertEquals(hex("1008 7061 7373 776f 7264 0673 6563 7265 74"),
                forced(e, Representation.NEVER_INDEXED, false, "password", "secret"));
        assertTable(e.table(), 0);
    }

    @Test
    void c24Indexed() {
        HpackEncoder e = new HpackEncoder(4096);
        assertEquals("82", forced(e, Representation.INDEXED, false, ":method", "GET"));
    }

    @Test
    void c3RequestsWithoutHuffmanCoding() {
        HpackEncoder e = new HpackEncoder(4096);
        assertEquals(hex(C31), asTheExamplesDo(e, false, REQUEST_1));
        HpackDecoderTest.assertRequest1Table(e.table());
        assertEquals(hex(C32), asTheExamplesDo(e, false, REQUEST_2));
        HpackDecoderTest.assertRequest2Table(e.table());
        assertEquals(hex(C33), asTheExamplesDo(e, false, REQUEST_3));
        HpackDecoderTest.assertRequest3Table(e.table());
    }

    @Test
    void c4RequestsWithHuffmanCodingAreWhatTheDefaultPolicyWrites() {
        HpackEncoder e = new HpackEncoder(4096);
        assertEquals(hex(C41), byPolicy(e, REQUEST_1));
        HpackDecoderTest.assertRequest1Table(e.table());
        assertEquals(hex(C42), byPolicy(e, REQUEST_2));
        HpackDecoderTest.assertRequest2Table(e.table());
        assertEquals(hex(C43), byPolicy(e, REQUEST_3));
        HpackDecoderTest.assertRequest3Table(e.table());
    }

    @Test
    void c5ResponsesWithoutHuffmanCodingAfterTheSizeUpdateTo256() {
        HpackEncoder e = new HpackEncoder(256);
        // the RFC's blocks assume the table is 256 already; this encoder says so first
        assertEquals("3fe101" + hex(C51), asTheExamplesDo(e, false, RESPONSE_1));
        HpackDecoderTest.assertResponse1Table(e.table());
        assertEquals(hex(C52), asTheExamplesDo(e, false, RESPONSE_2));
        HpackDecoderTest.assertResponse2Table(e.table());
        assertEquals(hex(C53), asTheExamplesDo(e, false, RESPONSE_3));
        HpackDecoderTest.assertResponse3Table(e.table());
    }

    @Test
    void c6ResponsesWithHuffmanCoding() {
        // Huffman for every string, as the RFC does even for "307", which it does not shorten
        HpackEncoder e = new HpackEncoder(256);
        assertEquals("3fe101" + hex(C61), asTheExamplesDo(e, true, RESPONSE_1));
        HpackDecoderTest.assertResponse1Table(e.table());
        assertEquals(hex(C62), asTheExamplesDo(e, true, RESPONSE_2));
        HpackDecoderTest.assertResponse2Table(e.table());
        assertEquals(hex(C63), asTheExamplesDo(e, true, RESPONSE_3));
        HpackDecoderTest.assertResponse3Table(e.table());
    }

    static String hex(String rfcHex) {
        return rfcHex.replaceAll("\\s+", "");
    }

    private static String forced(HpackEncoder e, Representation how, Boolean huffman, String name, String value) {
        ByteBuffer out = ByteBuffer.allocate(256);
        e.beginBlock();
        e.encode(name, value, how, huffman, out);
        return HpackFixtures.hex(out);
    }

    /** As Appendix C does: a field a table holds by index, any other added to the dynamic table. */
    private static String asTheExamplesDo(HpackEncoder e, Boolean huffman, List<String> fields) {
        ByteBuffer out = ByteBuffer.allocate(512);
        e.beginBlock();
        for (String field : fields) {
            String[] nv = field.split(": ", 2);
            try {
                e.encode(nv[0], nv[1], Representation.INDEXED, huffman, out);
            } catch (IllegalArgumentException notInATable) {
                e.encode(nv[0], nv[1], Representation.INCREMENTAL, huffman, out);
            }
        }
        return HpackFixtures.hex(out);
    }

    static String byPolicy(HpackEncoder e, List<String> fields) {
        ByteBuffer out = ByteBuffer.allocate(512);
        e.beginBlock();
        for (String field : fields) {
            String[] nv = field.split(": ", 2);
            e.encode(nv[0], nv[1], out);
        }
        return HpackFixtures.hex(out);
    }
}
