package io.subito.container.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.subito.container.http2.hpack.HpackDecoder;
import io.subito.container.http2.hpack.HpackEncoder;
import io.subito.container.http2.hpack.HpackException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the HPACK decoder (RFC 7541). Half the inputs are field lists the
 * fuzzer chooses, encoded by the project's encoder block after block (the dynamic table carried
 * between them), which must decode to exactly those fields. The other half are raw blocks, one
 * after another on the same decoder: each decodes or is refused with an {@link HpackException},
 * never anything else; what one block yields stays within the header list limit, and the dynamic
 * table within its size.
 */
class HpackDecoderFuzzTest {
    private static final int LIST_LIMIT = 16_384;

    @FuzzTest(maxDuration = "10s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void decodesWhatWasEncodedAndRefusesBadBlocksCleanly(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            roundTrip(data);
        } else {
            arbitraryBlocks(data);
        }
    }

    private static void roundTrip(FuzzedDataProvider data) {
        HpackEncoder encoder = new HpackEncoder(4096);
        HpackDecoder decoder = new HpackDecoder(4096, 1 << 20);
        int blocks = data.consumeInt(1, 4);
        for (int b = 0; b < blocks; b++) {
            List<String> sent = new ArrayList<>();
            ByteBuffer block = ByteBuffer.allocate(64 * 1024);
            encoder.beginBlock();
            int fields = data.consumeInt(0, 12);
            for (int i = 0; i < fields; i++) {
                String name = lowerToken(data.consumeAsciiString(20));
                String value = data.consumeAsciiString(200).replaceAll("[\\x00-\\x1f\\x7f]", "");
                encoder.encode(name, value, data.consumeBoolean(), block);
                sent.add(name + ": " + value);
            }
            block.flip();
            List<String> got = new ArrayList<>();
            try {
                decoder.decode(block, (n, v, s) -> got.add(n + ": " + v));
            } catch (HpackException e) {
                throw new AssertionError("a block the encoder made was refused: " + e.getMessage(), e);
            }
            assertEquals(sent, got);
        }
    }

    private static String lowerToken(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
                b.append(c);
            }
        }
        return b.length() == 0 ? "x" : b.toString();
    }

    private static void arbitraryBlocks(FuzzedDataProvider data) {
        HpackDecoder decoder = new HpackDecoder(4096, LIST_LIMIT);
        int blocks = data.consumeInt(1, 4);
        for (int b = 0; b < blocks; b++) {
            byte[] raw = b == blocks - 1 ? data.consumeRemainingAsBytes() : data.consumeBytes(data.consumeInt(0, 2000));
            long[] size = {0};
            try {
                decoder.decode(ByteBuffer.wrap(raw), (n, v, s) -> size[0] += n.length() + v.length() + 32);
                assertTrue(size[0] <= LIST_LIMIT, "a header list of " + size[0] + " passed the limit");
            } catch (HpackException refused) {
                // refused cleanly; a decoder that threw must not be used for more blocks (the connection ends)
                return;
            }
            assertTrue(decoder.dynamicTableSize() <= 4096, "dynamic table of " + decoder.dynamicTableSize());
        }
    }
}
