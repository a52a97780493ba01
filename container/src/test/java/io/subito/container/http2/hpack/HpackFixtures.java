package io.subito.container.http2.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Hex, a sink that records, and the dynamic table as RFC 7541 Appendix C prints it. */
final class HpackFixtures {
    private HpackFixtures() {
    }

    /** Octets from hex as the RFC prints it (spaces and line breaks ignored). */
    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s+", ""));
    }

    static String hex(ByteBuffer written) {
        ByteBuffer b = written.duplicate().flip();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return HexFormat.of().formatHex(out);
    }

    static ByteBuffer block(String hex) {
        return ByteBuffer.wrap(hex(hex));
    }

    /** The same octets in a direct buffer, where the decoder cannot point into an array. */
    static ByteBuffer directBlock(String hex) {
        byte[] b = hex(hex);
        return ByteBuffer.allocateDirect(b.length).put(b).flip();
    }

    /** "name: value" of every field, and which came never-indexed. */
    static final class Recorded implements HeaderSink {
        final List<String> fields = new ArrayList<>();
        final List<String> sensitive = new ArrayList<>();

        @Override
        public void header(String name, String value, boolean isSensitive) {
            fields.add(name + ": " + value);
            if (isSensitive) {
                sensitive.add(name);
            }
        }
    }

    static List<String> decode(HpackDecoder decoder, String hex) throws HpackException {
        Recorded sink = new Recorded();
        decoder.decode(block(hex), sink);
        return sink.fields;
    }

    /**
     * Asserts the table holds exactly these entries, newest first, each written as the RFC does:
     * "(s =  57) :authority: www.example.com", and adds up to {@code size}.
     */
    static void assertTable(DynamicTable table, int size, String... entries) {
        List<String> actual = new ArrayList<>();
        for (int i = 1; i <= table.length(); i++) {
            TableEntry e = table.get(i);
            actual.add(String.format("(s = %3d) %s: %s", e.size, e.nameString(), e.valueString()));
        }
        assertEquals(List.of(entries), actual, "dynamic table entries");
        assertEquals(size, table.size(), "dynamic table size");
    }
}
