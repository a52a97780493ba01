package io.subito.container.http2.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the HPACK decoder: the input is a header block, decoded twice on
 * one decoder (the second time against the table the first left). It must decode or be refused
 * with an {@link HpackException}, never anything else, and the table must stay within its size.
 * What decodes must survive a round trip: encoded again by an {@link HpackEncoder} and decoded by
 * a fresh decoder, it comes out as the encoder sends it (names in lower case, characters a field
 * cannot hold replaced). Seeds: the blocks of RFC 7541 Appendix C, in
 * {@code src/test/resources/io/subito/container/http2/hpack/HpackDecoderFuzzTestInputs/}.
 */
class HpackDecoderFuzzTest {

    @FuzzTest(maxDuration = "10s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void decodesOrRefusesAndWhatDecodesRoundTrips(byte[] block) {
        HpackDecoder decoder = new HpackDecoder(256, 16384);
        for (int pass = 0; pass < 2; pass++) {
            List<String[]> fields = new ArrayList<>();
            try {
                decoder.decode(ByteBuffer.wrap(block), (name, value, sensitive) -> fields.add(new String[] {name, value}));
            } catch (HpackException refused) {
                assertTrue(refused.getMessage().startsWith("HPACK: "), refused.getMessage());
                return;
            } finally {
                assertTrue(decoder.dynamicTableSize() <= decoder.table().maxSize(), "table over its size");
            }
            roundTrip(fields);
        }
    }

    private static void roundTrip(List<String[]> fields) {
        HpackEncoder encoder = new HpackEncoder(4096);
        int room = 0;
        for (String[] f : fields) {
            room += HpackEncoder.maxEncodedLength(f[0], f[1]);
        }
        ByteBuffer out = ByteBuffer.allocate(room);
        List<String> expected = new ArrayList<>();
        for (String[] f : fields) {
            encoder.encode(f[0], f[1], out);
            expected.add(sent(f[0], true) + ": " + sent(f[1], false));
        }
        List<String> decoded = new ArrayList<>();
        try {
            new HpackDecoder(4096, Integer.MAX_VALUE).decode(out.flip(), (n, v, s) -> decoded.add(n + ": " + v));
        } catch (HpackException e) {
            throw new AssertionError("the encoder's own block was refused: " + e.getMessage(), e);
        }
        assertEquals(expected, decoded);
    }

    private static String sent(String s, boolean name) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            sb.append((char) Octets.of(s.charAt(i), name));
        }
        return sb.toString();
    }
}
