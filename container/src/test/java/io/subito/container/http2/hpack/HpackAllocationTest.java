package io.subito.container.http2.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The decoder's steady state allocates nothing: a request whose fields come by index, as raw
 * literals and as Huffman literals, delivered to a sink that reads the views, costs no object
 * once the scratch arrays have grown (counted by the JVM's per-thread allocation counter, not
 * timed). And the encoder's steady state, fields found in the tables, none either.
 */
class HpackAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int ROUNDS = 20_000;

    private long checksum;

    @Test
    void decodingARequestAllocatesNothingOnceWarm() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096, 16384);
        decoder.decode(HpackFixtures.block(HpackDecoderTest.C41), (n, v, s) -> { });
        decoder.decode(HpackFixtures.block(HpackDecoderTest.C42), (n, v, s) -> { });
        // :method GET, :scheme https, :path /index.html, :authority (dynamic), cache-control (dynamic),
        // then custom-key: custom-value Huffman-coded and x: y raw, both without indexing
        ByteBuffer block = HpackFixtures.block("8287 85bf be 0088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf 0001 7801 79");
        HeaderSink sink = new HeaderSink() {
            @Override
            public void header(String name, String value, boolean sensitive) {
                throw new AssertionError();
            }

            @Override
            public void header(HeaderText name, HeaderText value, boolean sensitive) {
                checksum += name.staticIndex() + name.length() + (value.length() > 0 ? value.byteAt(0) : 0);
            }
        };
        long perBlock = allocatedPerRound(() -> {
            block.rewind();
            decoder.decode(block, sink);
        });
        assertEquals(0, perBlock, "bytes allocated per decoded block");
        assertTrue(checksum > 0);
    }

    @Test
    void encodingAResponseOfIndexedFieldsAllocatesNothingOnceWarm() throws HpackException {
        HpackEncoder encoder = new HpackEncoder(4096);
        ByteBuffer out = ByteBuffer.allocate(256);
        String date = "Mon, 21 Oct 2013 20:13:21 GMT";
        long perBlock = allocatedPerRound(() -> {
            out.clear();
            encoder.beginBlock();
            encoder.encodeStatus(200, out);
            encoder.encode("Content-Type", "text/plain", out);
            encoder.encode("date", date, out);
            encoder.encode("server", "Subito", out);
            checksum += out.position();
        });
        assertEquals(0, perBlock, "bytes allocated per encoded block");
        assertEquals("88c0bfbe", HpackFixtures.hex(out));
    }

    interface Round {
        void run() throws HpackException;
    }

    /** Allocation per round after a warm-up, the lowest of a few tries (the JIT may allocate while compiling). */
    private static long allocatedPerRound(Round round) throws HpackException {
        long best = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5; attempt++) {
            for (int i = 0; i < ROUNDS; i++) {
                round.run();
            }
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < ROUNDS; i++) {
                round.run();
            }
            best = Math.min(best, (THREADS.getCurrentThreadAllocatedBytes() - before) / ROUNDS);
        }
        return best;
    }
}
