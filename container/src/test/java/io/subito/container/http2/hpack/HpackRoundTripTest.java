package io.subito.container.http2.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random header lists through one encoder and one decoder, block after block, as one connection
 * direction does: every list comes out as it went in, with the never-indexed bit where the
 * encoder set it, the two dynamic tables stay identical, and no field takes more than
 * {@link HpackEncoder#maxEncodedLength}. Table size limits change now and then between blocks
 * (the decoder's advertised limit and the encoder's view of it, as SETTINGS would).
 */
class HpackRoundTripTest {
    private static final String[] NAMES = {
        ":status", "content-type", "content-length", "date", "server", "set-cookie", "cache-control",
        "vary", "etag", "location", "x-request-id", "x-custom", "link", "authorization", "accept-ranges",
    };
    private static final String[] VALUES = {
        "200", "text/html; charset=UTF-8", "application/json", "0", "Subito", "no-cache",
        "Mon, 21 Oct 2013 20:13:21 GMT", "accept-encoding", "bytes", "",
    };

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 7541})
    void randomListsComeOutAsTheyWentInWithTheTablesInStep(long seed) throws HpackException {
        Random random = new Random(seed);
        int limit = 4096;
        HpackEncoder encoder = new HpackEncoder(4096);
        HpackDecoder decoder = new HpackDecoder(limit, 1 << 20);
        ByteBuffer out = ByteBuffer.allocate(1 << 16);
        for (int block = 0; block < 400; block++) {
            if (random.nextInt(20) == 0) {
                limit = random.nextInt(5000);
                decoder.setMaxHeaderTableSize(limit); // acknowledged by the peer...
                encoder.setMaxHeaderTableSize(limit); // ...whose encoder learns it then
            }
            List<String> sent = new ArrayList<>();
            List<String> sensitive = new ArrayList<>();
            out.clear();
            encoder.beginBlock();
            for (int i = 0, n = 1 + random.nextInt(12); i < n; i++) {
                String name = random.nextInt(4) == 0 ? randomText(random, 1, 20, true) : NAMES[random.nextInt(NAMES.length)];
                String value = random.nextInt(3) == 0 ? randomText(random, 0, random.nextInt(10) == 0 ? 3000 : 60, false)
                        : VALUES[random.nextInt(VALUES.length)];
                boolean secret = random.nextInt(10) == 0;
                int before = out.position();
                encoder.encode(name, value, secret, out);
                assertTrue(out.position() - before <= HpackEncoder.maxEncodedLength(name, value), "maxEncodedLength");
                sent.add(name + ": " + value);
                if (secret || IndexingPolicy.neverIndexed(StaticTable.nameIndex(name, StaticTable.hashName(name)), false)) {
                    sensitive.add(name);
                }
            }
            out.flip();
            HpackFixtures.Recorded sink = new HpackFixtures.Recorded();
            ByteBuffer in = random.nextBoolean() ? out : ByteBuffer.allocateDirect(out.remaining()).put(out).flip();
            decoder.decode(in, sink);
            assertEquals(sent, sink.fields, "block " + block);
            assertEquals(sensitive, sink.sensitive, "block " + block);
            assertSameTables(encoder.table(), decoder.table(), block);
        }
    }

    private static void assertSameTables(DynamicTable encoder, DynamicTable decoder, int block) {
        assertEquals(encoder.toString(), decoder.toString(), "tables after block " + block);
        assertEquals(encoder.maxSize(), decoder.maxSize(), "table sizes after block " + block);
    }

    /** Lower-case token chars for a name; any octet a field value may hold for a value. */
    private static String randomText(Random random, int min, int max, boolean name) {
        int n = min + random.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            if (name) {
                sb.append("abcdefghijklmnopqrstuvwxyz0123456789-_".charAt(random.nextInt(38)));
            } else {
                int c = random.nextInt(0x100 - 0x20 + 1);
                sb.append((char) (c == 0x100 - 0x20 ? '\t' : 0x20 + c == 0x7F ? '~' : 0x20 + c));
            }
        }
        return sb.toString();
    }
}
