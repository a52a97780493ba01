package io.subito.container.h2spec;

import static io.subito.container.h2spec.H2specConnection.assertStatus;
import static io.subito.container.h2spec.H2specConnection.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.subito.container.H2Client;
import io.subito.container.http2.ErrorCode;
import io.subito.container.http2.Http2Settings;
import io.subito.container.http2.hpack.HuffmanForTests;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * h2spec's cases for RFC 7541 (HPACK) as the server decodes request field blocks: 2.3.3 (index
 * address space), 4.2 (maximum table size), 5.2 (string literals), 6.1 (indexed fields), 6.2
 * (literal fields, h2spec's generic cases), 6.3 (dynamic table size update). A decoding error is
 * a connection error of type COMPRESSION_ERROR (RFC 9113 section 4.3).
 */
@DisplayName("RFC 7541 HPACK")
class Rfc7541HpackTest extends H2specServer {

    /** The common request fields as static-table references and literals, built by hand (no dynamic table use). */
    private static final byte[] COMMON = hex("82" + "86" + "84") /* :method GET, :scheme http, :path / */;

    @Test
    @DisplayName("2.3.3/1 Sends a indexed header field representation with invalid index: COMPRESSION_ERROR")
    void indexedFieldBeyondTables() throws Exception {
        decodingError(concat(authority(), hex("C6"))); // index 70: the static table has 61, the dynamic none
    }

    @Test
    @DisplayName("2.3.3/2 Sends a literal header field representation with invalid index: COMPRESSION_ERROR")
    void literalWithNameIndexBeyondTables() throws Exception {
        decodingError(concat(authority(), hex("7F0700"))); // name index 63 + 7 = 70, empty value
    }

    @Test
    @DisplayName("4.2/1 Sends a dynamic table size update at the end of header block: COMPRESSION_ERROR")
    void tableSizeUpdateAtTheEnd() throws Exception {
        decodingError(concat(authority(), hex("21")));
    }

    @Test
    @DisplayName("5.2/1 Sends a Huffman-encoded string literal representation with padding longer than 7 bits: COMPRESSION_ERROR")
    void huffmanPaddingOverSevenBits() throws Exception {
        decodingError(concat(authority(), hex("0085f2b24a84ff8449509fff")));
    }

    @Test
    @DisplayName("5.2/2 Sends a Huffman-encoded string literal representation padded by zero: COMPRESSION_ERROR")
    void huffmanPaddedByZero() throws Exception {
        decodingError(concat(authority(), hex("0085f2b24a84ff83495090")));
    }

    @Test
    @DisplayName("5.2/3 Sends a Huffman-encoded string literal representation containing the EOS symbol: COMPRESSION_ERROR")
    void huffmanWithEos() throws Exception {
        decodingError(concat(authority(), hex("0085f2b24a84ff874951fffffffa7f")));
    }

    @Test
    @DisplayName("6.1/1 Sends a indexed header field representation with index 0: COMPRESSION_ERROR")
    void indexZero() throws Exception {
        decodingError(concat(authority(), hex("80")));
    }

    @Test
    @DisplayName("6.1 (generic) Sends a indexed header field representation: answered")
    void indexedFields() throws Exception {
        answered(authority());
    }

    @Test
    @DisplayName("6.2.1 (generic) Sends literal header fields with incremental indexing, indexed and new names, plain and Huffman: answered, and the entries are usable")
    void literalsWithIncrementalIndexing() throws Exception {
        try (H2specConnection h = handshake()) {
            byte[] first = concat(COMMON, concat(hex("41"), concat(string("127.0.0.1", false), // :authority, indexed name
                    concat(hex("40"), concat(string("x-plain", false), concat(string("a", false), // new name
                    concat(hex("40"), concat(string("x-huffman", true), string("custom-value", true))))))))); // new name, Huffman
            h.headers(1, true, true, first);
            assertStatus("200", h.response(1).fields());
            // the three entries, now at dynamic indices 62 (x-huffman), 63 (x-plain), 64 (:authority), referenced alone
            h.headers(3, true, true, concat(COMMON, hex("C0BFBE")));
            assertStatus("200", h.response(3).fields());
        }
    }

    @Test
    @DisplayName("6.2.2 (generic) Sends literal header fields without indexing, indexed and new names, plain and Huffman: answered")
    void literalsWithoutIndexing() throws Exception {
        answered(concat(COMMON, concat(hex("01"), concat(string("127.0.0.1", true),
                concat(hex("00"), concat(string("x-plain", false), string("value", false)))))));
        answered(concat(COMMON, concat(hex("01"), concat(string("127.0.0.1", false),
                concat(hex("00"), concat(string("x-huffman", true), string("value", true)))))));
    }

    @Test
    @DisplayName("6.2.3 (generic) Sends literal header fields never indexed, indexed and new names, plain and Huffman: answered")
    void literalsNeverIndexed() throws Exception {
        answered(concat(COMMON, concat(hex("11"), concat(string("127.0.0.1", true),
                concat(hex("10"), concat(string("x-plain", false), string("secret", false)))))));
        answered(concat(COMMON, concat(hex("11"), concat(string("127.0.0.1", false),
                concat(hex("10"), concat(string("x-huffman", true), string("secret", true)))))));
    }

    @Test
    @DisplayName("6.3/1 Sends a dynamic table size update larger than the value of SETTINGS_HEADER_TABLE_SIZE: COMPRESSION_ERROR")
    void tableSizeUpdateAboveSetting() throws Exception {
        try (H2specConnection h = handshake()) {
            int max = h.serverSettings.getOrDefault(Http2Settings.HEADER_TABLE_SIZE, 4096);
            h.headers(1, true, true, concat(sizeUpdate(max + 1), authority()));
            h.expectConnectionError(ErrorCode.COMPRESSION_ERROR);
        }
    }

    @Test
    @DisplayName("6.3 (generic) Sends a dynamic table size update, and multiple ones at the start of a block: answered")
    void tableSizeUpdates() throws Exception {
        answered(concat(sizeUpdate(0), authority()));
        answered(concat(sizeUpdate(0), concat(sizeUpdate(4096), authority())));
    }

    @Test
    @DisplayName("2.3 (extra) Response field blocks of several KB, twice on one connection: the server's dynamic table stays in step with the client's")
    void largeResponseBlocksKeepTheTablesInStep() throws Exception {
        try (H2specConnection h = handshake()) {
            for (int stream = 1; stream <= 5; stream += 2) {
                h.headers(stream, true, ":method", "GET", ":scheme", "http", ":path", "/big-head", ":authority", "127.0.0.1");
                H2Client.Response r = h.response(stream);
                assertStatus("200", r.fields());
                for (int i = 0; i < BIG_HEAD_FIELDS; i++) {
                    assertEquals("v" + i + "-" + "x".repeat(100), r.fields().get("x-big-" + i), "x-big-" + i + " of stream " + stream);
                }
            }
        }
    }

    /** The common fields with :authority as a literal without indexing. */
    private static byte[] authority() {
        return concat(COMMON, concat(hex("01"), string("127.0.0.1", false)));
    }

    private static void decodingError(byte[] block) throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, true, true, block);
            h.expectConnectionError(ErrorCode.COMPRESSION_ERROR);
        }
    }

    private static void answered(byte[] block) throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, true, true, block);
            H2Client.Response r = h.response(1);
            assertStatus("200", r.fields());
            assertEquals(new String(BODY, StandardCharsets.US_ASCII), r.text());
        }
    }

    /** A dynamic table size update (section 6.3): 001 and a 5-bit prefix integer. */
    private static byte[] sizeUpdate(int size) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        integer(b, 0x20, 5, size);
        return b.toByteArray();
    }

    /** A string literal (section 5.2), Huffman-coded or not. */
    private static byte[] string(String s, boolean huffman) {
        byte[] coded = huffman ? HuffmanForTests.encode(s) : s.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        integer(b, huffman ? 0x80 : 0, 7, coded.length);
        b.writeBytes(coded);
        return b.toByteArray();
    }

    /** A prefix integer (section 5.1). */
    private static void integer(ByteArrayOutputStream b, int flags, int prefix, int value) {
        int max = (1 << prefix) - 1;
        if (value < max) {
            b.write(flags | value);
            return;
        }
        b.write(flags | max);
        value -= max;
        while (value >= 128) {
            b.write(0x80 | (value & 0x7F));
            value >>>= 7;
        }
        b.write(value);
    }

    private static byte[] hex(String h) {
        return java.util.HexFormat.of().parseHex(h);
    }
}
