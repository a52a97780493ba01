package io.subito.container.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the chunked-body decoder. Half the inputs are valid encodings built
 * from the fuzzer's choices (chunk sizes, hex case, leading zeros, extensions, trailers), which
 * must decode to exactly their payload and trailers and stop exactly at the end of the body,
 * leaving the next request's bytes unread. The other half are raw bytes, which must decode or be
 * refused with a {@link MalformedBodyException} (400 or 431), never anything else, and never
 * read past what was delivered. Bytes arrive in fuzzer-chosen pieces and are read in
 * fuzzer-chosen sizes.
 */
class ChunkedDecoderFuzzTest {
    private static final HttpLimits LIMITS = new HttpLimits(8192, 4096, 100, 64, 512);
    private static final byte[] NEXT = "GET /next HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1);

    @FuzzTest(maxDuration = "10s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void decodesValidEncodingsExactlyAndRefusesTheRestCleanly(FuzzedDataProvider data) throws IOException {
        if (data.consumeBoolean()) {
            validEncoding(data);
        } else {
            arbitraryBytes(data);
        }
    }

    private static void validEncoding(FuzzedDataProvider data) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        int chunks = data.consumeInt(0, 6);
        for (int i = 0; i < chunks; i++) {
            byte[] chunk = data.consumeBytes(data.consumeInt(1, 300));
            if (chunk.length == 0) {
                break;
            }
            write(wire, sizeLine(data, chunk.length));
            wire.writeBytes(chunk);
            write(wire, "\r\n");
            payload.writeBytes(chunk);
        }
        write(wire, sizeLine(data, 0));
        Map<String, String> trailers = trailers(data, wire);
        write(wire, "\r\n");
        int bodyEnd = wire.size();
        wire.writeBytes(NEXT);

        Pieces in = new Pieces(wire.toByteArray(), data);
        ChunkedDecoder d = new ChunkedDecoder(LIMITS);
        d.reset(in);
        byte[] decoded = drain(d, data);
        assertArrayEquals(payload.toByteArray(), decoded, "decoded body differs from the payload");
        assertEquals(trailers, d.trailers(), "trailers");
        assertTrue(d.isDone(), "decoder not done after the last chunk");
        assertEquals(bodyEnd, in.position(), "decoder did not stop exactly at the end of the body");
    }

    /** A chunk-size line: hex in either case, maybe leading zeros, maybe a valid extension. */
    private static String sizeLine(FuzzedDataProvider data, int size) {
        String hex = Integer.toHexString(size);
        hex = data.consumeBoolean() ? hex.toUpperCase(Locale.ROOT) : hex;
        hex = "0".repeat(data.consumeInt(0, 3)) + hex;
        String ext = data.consumeBoolean() ? ";" + token(data, 1, 20) + (data.consumeBoolean() ? "=" + token(data, 1, 20) : "") : "";
        return hex + ext + "\r\n";
    }

    private static Map<String, String> trailers(FuzzedDataProvider data, ByteArrayOutputStream wire) {
        Map<String, String> expected = new LinkedHashMap<>();
        int n = data.consumeInt(0, 3);
        for (int i = 0; i < n; i++) {
            String name = token(data, 1, 12);
            String value = token(data, 0, 20);
            write(wire, name + ": " + value + "\r\n");
            expected.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b);
        }
        return expected;
    }

    private static String token(FuzzedDataProvider data, int min, int max) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!#$%&'*+^`|~";
        int len = data.consumeInt(min, max);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append(alphabet.charAt(data.consumeInt(0, alphabet.length() - 1)));
        }
        return sb.toString();
    }

    private static void arbitraryBytes(FuzzedDataProvider data) {
        int readSize = data.consumeInt(0, 64);
        int step = data.consumeInt(1, 64);
        byte[] raw = data.consumeRemainingAsBytes();
        Pieces in = new Pieces(raw, step);
        ChunkedDecoder d = new ChunkedDecoder(LIMITS);
        d.reset(in);
        long total = 0;
        try {
            byte[] buf = new byte[Math.max(readSize, 1)];
            int n;
            while ((n = d.read(buf, 0, readSize)) >= 0) {
                total += n;
                assertTrue(total <= raw.length, "decoded more bytes than were sent");
                if (readSize == 0) {
                    readSize = 1; // a zero-length read may return 0; make progress after it
                }
            }
            assertTrue(d.isDone(), "end of body without the decoder being done");
        } catch (MalformedBodyException e) {
            assertTrue(Set.of(400, 431).contains(e.status()), "undocumented status " + e.status());
        } catch (IOException e) {
            throw new AssertionError("refusal was not a MalformedBodyException", e);
        }
        assertTrue(in.position() <= in.limit(), "read past the bytes delivered");
    }

    private static byte[] drain(ChunkedDecoder d, FuzzedDataProvider data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[data.consumeInt(1, 512)];
        int n;
        while ((n = d.read(buf, 0, buf.length)) >= 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Delivers the bytes a few at a time into a buffer that holds only what was delivered, so a
     * decoder that read past the limit would see zeros instead of the real bytes.
     */
    static final class Pieces implements InputSource {
        private final byte[] data;
        private final byte[] buf;
        private final int step;
        private int pos;
        private int lim;
        private int fillsAtEnd;

        Pieces(byte[] data, FuzzedDataProvider fuzz) {
            this(data, fuzz.consumeInt(1, 64));
        }

        Pieces(byte[] data, int step) {
            this.data = data;
            this.buf = new byte[data.length];
            this.step = step;
        }

        @Override
        public byte[] buffer() {
            return buf;
        }

        @Override
        public int position() {
            return pos;
        }

        @Override
        public int limit() {
            return lim;
        }

        @Override
        public void advance(int n) {
            assertTrue(n >= 0 && pos + n <= lim, "advance past the limit");
            pos += n;
        }

        @Override
        public boolean fill() {
            if (lim == data.length) {
                // asking again after the end was reported would be a busy loop: a hang
                assertTrue(++fillsAtEnd <= 1, "fill called again after end of stream");
                return false;
            }
            int n = Math.min(step, data.length - lim);
            System.arraycopy(data, lim, buf, lim, n);
            lim += n;
            return true;
        }
    }
}
