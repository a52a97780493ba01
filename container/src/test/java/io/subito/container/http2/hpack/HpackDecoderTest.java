package io.subito.container.http2.hpack;

import static io.subito.container.http2.hpack.HpackFixtures.assertTable;
import static io.subito.container.http2.hpack.HpackFixtures.block;
import static io.subito.container.http2.hpack.HpackFixtures.decode;
import static io.subito.container.http2.hpack.HpackFixtures.directBlock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoding every example of RFC 7541 Appendix C.2 to C.6, with the dynamic table after each. */
class HpackDecoderTest {
    static final String C31 = "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d";
    static final String C32 = "8286 84be 5808 6e6f 2d63 6163 6865";
    static final String C33 = "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65";
    static final String C41 = "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff";
    static final String C42 = "8286 84be 5886 a8eb 1064 9cbf";
    static final String C43 = "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf";
    static final String C51 = "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133"
            + "2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d";
    static final String C52 = "4803 3330 37c1 c0bf";
    static final String C53 = "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d"
            + "54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049"
            + "5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31";
    static final String C61 = "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6"
            + "2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3";
    static final String C62 = "4883 640e ffc1 c0bf";
    static final String C63 = "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab"
            + "77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f"
            + "9587 3160 65c0 03ed 4ee5 b106 3d50 07";

    static final List<String> REQUEST_1 = List.of(":method: GET", ":scheme: http", ":path: /",
            ":authority: www.example.com");
    static final List<String> REQUEST_2 = List.of(":method: GET", ":scheme: http", ":path: /",
            ":authority: www.example.com", "cache-control: no-cache");
    static final List<String> REQUEST_3 = List.of(":method: GET", ":scheme: https", ":path: /index.html",
            ":authority: www.example.com", "custom-key: custom-value");
    static final List<String> RESPONSE_1 = List.of(":status: 302", "cache-control: private",
            "date: Mon, 21 Oct 2013 20:13:21 GMT", "location: https://www.example.com");
    static final List<String> RESPONSE_2 = List.of(":status: 307", "cache-control: private",
            "date: Mon, 21 Oct 2013 20:13:21 GMT", "location: https://www.example.com");
    static final List<String> RESPONSE_3 = List.of(":status: 200", "cache-control: private",
            "date: Mon, 21 Oct 2013 20:13:22 GMT", "location: https://www.example.com", "content-encoding: gzip",
            "set-cookie: foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1");

    @Test
    void c21LiteralFieldWithIndexingIsAddedToTheTable() throws HpackException {
        HpackDecoder d = new HpackDecoder(4096, 16384);
        assertEquals(List.of("custom-key: custom-header"),
                decode(d, "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"));
        assertTable(d.table(), 55, "(s =  55) custom-key: custom-header");
    }

    @Test
    void c22LiteralFieldWithoutIndexingLeavesTheTableEmpty() throws HpackException {
        HpackDecoder d = new HpackDecoder(4096, 16384);
        assertEquals(List.of(":path: /sample/path"), decode(d, "040c 2f73 616d 706c 652f 7061 7468"));
        assertTable(d.table(), 0);
    }

    @Test
    void c23LiteralFieldNeverIndexedReachesTheSinkAsSensitive() throws HpackException {
        HpackDecoder d = new HpackDecoder(4096, 16384);
        HpackFixtures.Recorded sink = new HpackFixtures.Recorded();
        d.decode(block("1008 7061 7373 776f 7264 0673 6563 7265 74"), sink);
        assertEquals(List.of("password: secret"), sink.fields);
        assertEquals(List.of("password"), sink.sensitive);
        assertTable(d.table(), 0);
    }

    @Test
    void c24IndexedField() throws HpackException {
        HpackDecoder d = new HpackDecoder(4096, 16384);
        assertEquals(List.of(":method: GET"), decode(d, "82"));
        assertTable(d.table(), 0);
    }

    @Test
    void c3RequestsWithoutHuffmanCoding() throws HpackException {
        assertTheThreeRequests(C31, C32, C33);
    }

    @Test
    void c4RequestsWithHuffmanCoding() throws HpackException {
        assertTheThreeRequests(C41, C42, C43);
    }

    @Test
    void c5ResponsesWithoutHuffmanCodingEvictWithATableOf256() throws HpackException {
        assertTheThreeResponses(C51, C52, C53);
    }

    @Test
    void c6ResponsesWithHuffmanCodingEvictWithATableOf256() throws HpackException {
        assertTheThreeResponses(C61, C62, C63);
    }

    private static void assertTheThreeRequests(String first, String second, String third) throws HpackException {
        HpackDecoder d = new HpackDecoder(4096, 16384);
        assertEquals(REQUEST_1, decode(d, first));
        assertRequest1Table(d.table());
        assertEquals(REQUEST_2, decode(d, second));
        assertRequest2Table(d.table());
        assertEquals(REQUEST_3, decode(d, third));
        assertRequest3Table(d.table());
    }

    static void assertRequest1Table(DynamicTable table) {
        assertTable(table, 57, "(s =  57) :authority: www.example.com");
    }

    static void assertRequest2Table(DynamicTable table) {
        assertTable(table, 110, "(s =  53) cache-control: no-cache", "(s =  57) :authority: www.example.com");
    }

    static void assertRequest3Table(DynamicTable table) {
        assertTable(table, 164, "(s =  54) custom-key: custom-value", "(s =  53) cache-control: no-cache",
                "(s =  57) :authority: www.example.com");
    }

    private static void assertTheThreeResponses(String first, String second, String third) throws HpackException {
        HpackDecoder d = new HpackDecoder(256, 16384);
        assertEquals(RESPONSE_1, decode(d, first));
        assertResponse1Table(d.table());
        assertEquals(RESPONSE_2, decode(d, second));
        assertResponse2Table(d.table());
        assertEquals(RESPONSE_3, decode(d, third));
        assertResponse3Table(d.table());
        assertEquals(3, d.dynamicTableLength());
        assertEquals(215, d.dynamicTableSize());
    }

    static void assertResponse1Table(DynamicTable table) {
        assertTable(table, 222, "(s =  63) location: https://www.example.com",
                "(s =  65) date: Mon, 21 Oct 2013 20:13:21 GMT", "(s =  52) cache-control: private",
                "(s =  42) :status: 302");
    }

    static void assertResponse2Table(DynamicTable table) {
        assertTable(table, 222, "(s =  42) :status: 307", "(s =  63) location: https://www.example.com",
                "(s =  65) date: Mon, 21 Oct 2013 20:13:21 GMT", "(s =  52) cache-control: private");
    }

    static void assertResponse3Table(DynamicTable table) {
        assertTable(table, 215,
                "(s =  98) set-cookie: foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1",
                "(s =  52) content-encoding: gzip", "(s =  65) date: Mon, 21 Oct 2013 20:13:22 GMT");
    }

    @Test
    void aDirectBufferDecodesAsAHeapBufferDoes() throws HpackException {
        HpackDecoder d = new HpackDecoder(256, 16384);
        HpackFixtures.Recorded sink = new HpackFixtures.Recorded();
        for (String block : List.of(C51, C52, C53)) {
            ByteBuffer b = directBlock(block);
            d.decode(b, sink);
            assertEquals(b.limit(), b.position(), "the block is consumed");
        }
        List<String> all = new ArrayList<>(RESPONSE_1);
        all.addAll(RESPONSE_2);
        all.addAll(RESPONSE_3);
        assertEquals(all, sink.fields);
        assertResponse3Table(d.table());
    }

    @Test
    void decodingStartsAtTheBuffersPositionAndStopsAtItsLimit() throws HpackException {
        HpackDecoder d = new HpackDecoder(4096, 16384);
        ByteBuffer b = block("ff 82 86 ff");
        b.position(1).limit(3);
        HpackFixtures.Recorded sink = new HpackFixtures.Recorded();
        d.decode(b, sink);
        assertEquals(List.of(":method: GET", ":scheme: http"), sink.fields);
        assertEquals(3, b.position());
    }

    @Test
    void staticNamesAndValuesComeOutAsTheInternedConstants() throws HpackException {
        HpackDecoder d = new HpackDecoder(4096, 16384);
        List<String> strings = new ArrayList<>();
        // :method GET indexed; content-type as a literal name octet by octet, without indexing
        d.decode(block("82 000c 636f 6e74 656e 742d 7479 7065 0174"), (name, value, s) -> {
            strings.add(name);
            strings.add(value);
        });
        assertSame(":method", strings.get(0));
        assertSame("GET", strings.get(1));
        assertSame("content-type", strings.get(2), "a literal name of the static table gives its constant");
    }

    @Test
    void aDynamicEntryGivesTheSameStringEveryTimeItIsSent() throws HpackException {
        HpackDecoder d = new HpackDecoder(4096, 16384);
        List<String> values = new ArrayList<>();
        HeaderSink sink = (name, value, s) -> values.add(value);
        d.decode(block(C31), sink);
        d.decode(block(C32), sink);
        d.decode(block(C33), sink);
        String first = values.get(3);
        assertEquals("www.example.com", first);
        assertSame(first, values.get(7), ":authority sent by index gives the entry's String");
        assertSame(first, values.get(12));
        assertNotSame(values.get(3), new String(first), "not merely equal");
    }

    @Test
    void theViewsTellStaticNamesWithoutMakingStrings() throws HpackException {
        HpackDecoder d = new HpackDecoder(4096, 16384);
        decode(d, C31);
        decode(d, C32);
        List<Integer> names = new ArrayList<>();
        List<Integer> values = new ArrayList<>();
        List<Boolean> isGet = new ArrayList<>();
        d.decode(block(C33), new HeaderSink() {
            @Override
            public void header(String name, String value, boolean sensitive) {
                throw new AssertionError("the view variant is overridden");
            }

            @Override
            public void header(HeaderText name, HeaderText value, boolean sensitive) {
                names.add(name.staticIndex());
                values.add(value.staticIndex());
                isGet.add(value.contentEquals("GET"));
            }
        });
        // :method GET, :scheme https, :path /index.html (static), :authority (a dynamic entry with
        // a static name), custom-key: custom-value (a literal)
        assertEquals(List.of(2, 6, 4, 1, 0), names);
        assertEquals(List.of(2, 7, 5, 0, 0), values);
        assertEquals(List.of(true, false, false, false, false), isGet);
    }

    @Test
    void aLiteralWithAStaticNameKnowsItsIndex() throws HpackException {
        HpackDecoder d = new HpackDecoder(4096, 16384);
        List<Integer> indexes = new ArrayList<>();
        d.decode(block("000c 636f 6e74 656e 742d 7479 7065 0174 5f01 78"), new HeaderSink() {
            @Override
            public void header(String name, String value, boolean sensitive) {
            }

            @Override
            public void header(HeaderText name, HeaderText value, boolean sensitive) {
                indexes.add(name.staticIndex());
                indexes.add(value.staticIndex());
            }
        });
        assertEquals(List.of(31, 0, 31, 0), indexes);
    }

    @Test
    void anUpperCaseLiteralNameIsPassedOnAsSentForTheCallerToRefuse() throws HpackException {
        HpackDecoder d = new HpackDecoder(4096, 16384);
        // "Content-Type" as a literal name
        assertEquals(List.of("Content-Type: t"), decode(d, "000c 436f 6e74 656e 742d 5479 7065 0174"));
    }

    @Test
    void anEntryLargerThanTheTableEmptiesIt() throws HpackException {
        HpackDecoder d = new HpackDecoder(100, 16384);
        decode(d, "4003 6162 6301 78"); // abc: x, 36 octets
        assertTable(d.table(), 36, "(s =  36) abc: x");
        // a value of 70 octets: 3 + 70 + 32 > 100
        String value = "46".repeat(70);
        assertEquals(List.of("abc: " + "F".repeat(70)), decode(d, "7e 46 " + value));
        assertTable(d.table(), 0);
    }

    @Test
    void aLiteralNamingAnEntryThatItsAdditionEvictsKeepsTheName() throws HpackException {
        HpackDecoder d = new HpackDecoder(70, 16384);
        decode(d, "400a 6375 7374 6f6d 2d6b 6579 0161"); // custom-key: a, 43 octets
        // name index 62 (the entry about to be evicted), a 10-octet value: 52 octets, evicts it
        assertEquals(List.of("custom-key: bbbbbbbbbb"), decode(d, "7e 0a " + "62".repeat(10)));
        assertTable(d.table(), 52, "(s =  52) custom-key: bbbbbbbbbb");
    }

    @Test
    void aSizeUpdateWithinTheLimitResizesTheTable() throws HpackException {
        HpackDecoder d = new HpackDecoder(4096, 16384);
        decode(d, C31);
        decode(d, C32);
        assertEquals(List.of(":method: GET"), decode(d, "3f 1a 82")); // size 57 evicts the older entry
        assertTable(d.table(), 53, "(s =  53) cache-control: no-cache");
        assertEquals(List.of(), decode(d, "20"), "a block of only a size update");
        assertTable(d.table(), 0);
    }

    @Test
    void twoSizeUpdatesMayOpenABlock() throws HpackException {
        HpackDecoder d = new HpackDecoder(4096, 16384);
        decode(d, C31);
        decode(d, "20 3f e1 1f"); // 0, then 4096
        assertTable(d.table(), 0);
        assertEquals(4096, d.table().maxSize());
    }

    @Test
    void aLoweredLimitIsMetByAnUpdateAtTheStartOfTheNextBlock() throws HpackException {
        HpackDecoder d = new HpackDecoder(4096, 16384);
        decode(d, C31);
        d.setMaxHeaderTableSize(0);
        assertEquals(List.of(":method: GET"), decode(d, "20 82"));
        assertTable(d.table(), 0);
        assertEquals(List.of(":method: GET"), decode(d, "82"), "once met, later blocks need none");
    }

    @Test
    void aRaisedLimitNeedsNoUpdateButAllowsOne() throws HpackException {
        HpackDecoder d = new HpackDecoder(4096, 16384);
        d.setMaxHeaderTableSize(8192);
        assertEquals(List.of(":method: GET"), decode(d, "82"));
        decode(d, "3f e1 3f"); // 8192
        assertEquals(8192, d.table().maxSize());
    }

    @Test
    void aHeaderListAtTheLimitIsDelivered() throws HpackException {
        // :method GET is 7 + 3 + 32 = 42 octets; two of them 84
        HpackDecoder d = new HpackDecoder(4096, 84);
        assertEquals(List.of(":method: GET", ":method: GET"), decode(d, "82 82"));
        HpackException e = assertThrows(HpackException.class, () -> decode(d, "82 82 82"));
        assertTrue(e.isHeaderListTooLarge());
        assertTrue(e.getMessage().contains("126 octets") && e.getMessage().contains("84"), e.getMessage());
    }
}
