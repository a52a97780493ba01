package io.subito.servlet.multipart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The RFC 2046 scanner over bytes in memory: parts, every refusal, and its cost. */
class PartScannerTest {
    static final Limit NO_BODY_LIMIT = Limit.none("maxMultipartBytes");
    static final Limit HEADER_512 = new Limit("maxPartHeaderBytes", 512, "a part's header section too long", "");

    /** What the scanner found: each part's header section and content, as text. */
    static List<String> scan(String body, int piece) throws IOException {
        return scan(body.getBytes(StandardCharsets.ISO_8859_1), piece, HEADER_512, NO_BODY_LIMIT);
    }

    static List<String> scan(byte[] body, int piece, Limit header, Limit bodyLimit) throws IOException {
        PartScanner s = new PartScanner(new Trickle(body, piece), "XyZ", bodyLimit);
        List<String> out = new ArrayList<>();
        byte[] b = new byte[7];
        while (s.nextPart()) {
            String head = new String(s.headerSection(header), StandardCharsets.ISO_8859_1);
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            int n;
            while ((n = s.readContent(b, 0, b.length)) >= 0) {
                content.write(b, 0, n);
            }
            out.add(head + "|" + content.toString(StandardCharsets.ISO_8859_1));
        }
        assertEquals(PartScanner.State.DONE, s.state());
        return out;
    }

    /** Gives at most {@code piece} bytes per read, so every split of the body is tried somewhere. */
    static final class Trickle extends InputStream {
        private final byte[] b;
        private final int piece;
        private int pos;

        Trickle(byte[] b, int piece) {
            this.b = b;
            this.piece = piece;
        }

        @Override
        public int read() {
            return pos < b.length ? b[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] dst, int off, int len) {
            if (pos == b.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, piece), b.length - pos);
            System.arraycopy(b, pos, dst, off, n);
            pos += n;
            return n;
        }
    }

    static final String TWO_PARTS = "--XyZ\r\n"
            + "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
            + "one\r\n"
            + "--XyZ\r\n"
            + "Content-Disposition: form-data; name=\"b\"; filename=\"b.txt\"\r\nContent-Type: text/plain\r\n\r\n"
            + "two\r\n--X\r\n-- XyZ\r\r\n"
            + "--XyZ--\r\n";

    @Test
    void partsAreFoundWhateverPiecesTheBodyArrivesIn() throws Exception {
        List<String> expected = List.of("Content-Disposition: form-data; name=\"a\"\r\n|one",
                "Content-Disposition: form-data; name=\"b\"; filename=\"b.txt\"\r\nContent-Type: text/plain\r\n"
                        + "|two\r\n--X\r\n-- XyZ\r");
        for (int piece = 1; piece <= TWO_PARTS.length(); piece++) {
            assertEquals(expected, scan(TWO_PARTS, piece), "pieces of " + piece);
        }
    }

    @Test
    void preambleEpilogueAndTransportPaddingAreIgnored() throws Exception {
        String body = "this is a preamble\r\n--XyZ \t\r\nA: 1\r\n\r\nx\r\n--XyZ--  \r\nthe epilogue, \r\n--XyZ\r\nignored";
        assertEquals(List.of("A: 1\r\n|x"), scan(body, 5));
    }

    @Test
    void aPartWithoutHeadersAndAnEmptyPartAreParts() throws Exception {
        assertEquals(List.of("|no headers", "A: 1\r\n|"), scan("--XyZ\r\n\r\nno headers\r\n--XyZ\r\nA: 1\r\n\r\n\r\n--XyZ--", 3));
    }

    @Test
    void aBodyWithOnlyTheCloseDelimiterHasNoParts() throws Exception {
        assertEquals(List.of(), scan("--XyZ--\r\n", 4));
    }

    @Test
    void aBodyWithoutAnyBoundaryIsMalformed() {
        assertMalformed("no multipart boundary", "just some bytes\r\n");
        assertMalformed("no multipart boundary", "");
        assertMalformed("no multipart boundary", "--XyY\r\n\r\nx\r\n--XyY--\r\n");
    }

    @Test
    void aBodyThatEndsBeforeItsClosingBoundaryIsMalformed() {
        assertMalformed("before the closing boundary", "--XyZ\r\nA: 1\r\n\r\nvalue");
        assertMalformed("before the closing boundary", "--XyZ\r\nA: 1\r\n\r\nvalue\r\n--Xy");
        assertMalformed("right after a boundary", "--XyZ\r\nA: 1\r\n\r\nvalue\r\n--XyZ");
        assertMalformed("right after a boundary", "--XyZ\r\nA: 1\r\n\r\nvalue\r\n--XyZ-");
        assertMalformed("inside a part's header section", "--XyZ\r\nA: 1\r\n");
        assertMalformed("inside a part's header section", "--XyZ\r\n");
    }

    @Test
    void aBoundaryFollowedByAnythingButPaddingAndCrlfOrDashesIsMalformed() {
        assertMalformed("followed by something other", "--XyZx\r\n\r\n\r\n--XyZ--");
        assertMalformed("followed by something other", "--XyZ\r\n\r\nv\r\n--XyZ-x");
        assertMalformed("followed by something other", "--XyZ\n\r\nv\r\n--XyZ--");
        assertMalformed("followed by something other", "--XyZ \r\r\n\r\nv\r\n--XyZ--");
    }

    @Test
    void bareLineEndsInAHeaderSectionAreMalformed() {
        assertMalformed("bare LF", "--XyZ\r\nA: 1\n\r\nv\r\n--XyZ--");
        assertMalformed("bare LF", "--XyZ\r\nA: 1\r\n\n\r\nv\r\n--XyZ--");
        assertMalformed("bare CR", "--XyZ\r\nA: 1\rB: 2\r\n\r\nv\r\n--XyZ--");
    }

    @Test
    void aHeaderSectionMayBeAsLongAsItsLimitAndNotOneByteMore() throws Exception {
        // the section counts its line ends and the empty line: "X: " + filler + CRLF + CRLF
        String atLimit = "X: " + "h".repeat(512 - 7);
        assertEquals(1, scan(("--XyZ\r\n" + atLimit + "\r\n\r\nv\r\n--XyZ--").getBytes(StandardCharsets.ISO_8859_1),
                64, HEADER_512, NO_BODY_LIMIT).size());
        MultipartLimitException e = assertThrows(MultipartLimitException.class, () -> scan(
                ("--XyZ\r\n" + atLimit + "h\r\n\r\nv\r\n--XyZ--").getBytes(StandardCharsets.ISO_8859_1),
                64, HEADER_512, NO_BODY_LIMIT));
        assertEquals("maxPartHeaderBytes", e.setting());
        assertTrue(e.getMessage().contains("maxPartHeaderBytes=512"), e.getMessage());
    }

    @Test
    void aHeaderSectionThatNeverEndsIsRefusedAtTheLimitWithoutReadingFurther() {
        byte[] endless = ("--XyZ\r\nX: " + "h".repeat(1_000_000)).getBytes(StandardCharsets.ISO_8859_1);
        CountingStream in = new CountingStream(endless);
        PartScanner s = new PartScanner(in, "XyZ", NO_BODY_LIMIT);
        assertThrows(MultipartLimitException.class, () -> {
            assertTrue(s.nextPart());
            s.headerSection(HEADER_512);
        });
        assertTrue(in.read <= 2 * PartScanner.BUFFER_SIZE, "read " + in.read + " bytes");
    }

    @Test
    void theBodyLimitCountsEveryByteReadEpilogueIncluded() throws Exception {
        byte[] body = "--XyZ\r\n\r\nv\r\n--XyZ--\r\nepilogue".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(1, scan(body, 3, HEADER_512, new Limit("maxMultipartBytes", body.length, "too large", "")).size());
        MultipartLimitException e = assertThrows(MultipartLimitException.class, () -> scan(body, 3, HEADER_512,
                new Limit("maxMultipartBytes", body.length - 1, "multipart body too large", "")));
        assertTrue(e.getMessage().contains("maxMultipartBytes=" + (body.length - 1)), e.getMessage());
    }

    @Test
    void contentIsReadExactlyAsSentAcrossBufferBoundaries() throws Exception {
        byte[] content = new byte[5 * PartScanner.BUFFER_SIZE + 77];
        new Random(3).nextBytes(content);
        for (int i = 0; i < content.length; i += 97) {
            content[i] = '\r'; // many false starts of the delimiter
            if (i + 1 < content.length) {
                content[i + 1] = '\n';
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("--XyZ\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        body.writeBytes(content);
        body.writeBytes("\r\n--XyZ--\r\n".getBytes(StandardCharsets.ISO_8859_1));
        PartScanner s = new PartScanner(new Trickle(body.toByteArray(), 3001), "XyZ", NO_BODY_LIMIT);
        assertTrue(s.nextPart());
        assertEquals(0, s.headerSection(HEADER_512).length);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] b = new byte[10_000];
        int n;
        while ((n = s.readContent(b, 0, b.length)) >= 0) {
            got.write(b, 0, n);
        }
        assertArrayEquals(content, got.toByteArray());
        assertFalse(s.nextPart());
    }

    /**
     * Content made of near-delimiters, the worst case for the search, read 7 bytes at a time, still
     * costs linear time (when every small read scanned the buffer again, a fifth of this took 6 s).
     */
    @Test
    void nearDelimitersInContentCostLinearTime() {
        String near = "\r\n--XyZ-this-is-not-it";
        String body = "--XyZ\r\n\r\n" + ("\r\n--Xy" + near.substring(0, 2)).repeat(1_000_000) + "\r\n--XyZ--";
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertEquals(1, scan(body, 65536).size()));
    }

    /** A million one-byte parts in memory: the scanner alone, no limit, at least ~1 M parts per few seconds. */
    @Test
    void aMillionOneBytePartsAreScannedInConstantMemory() {
        String part = "--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nx\r\n";
        byte[] body = (part.repeat(1_000_000) + "--XyZ--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            PartScanner s = new PartScanner(new ByteArrayInputStream(body), "XyZ", NO_BODY_LIMIT);
            int parts = 0;
            byte[] b = new byte[16];
            while (s.nextPart()) {
                s.headerSection(HEADER_512);
                while (s.readContent(b, 0, b.length) >= 0) {
                    // the content is dropped: this measures the scanner only
                }
                parts++;
            }
            assertEquals(1_000_000, parts);
        });
    }

    private static void assertMalformed(String why, String body) {
        for (int piece : new int[] {1, 2, 3, 1000}) {
            MalformedMultipartException e = assertThrows(MalformedMultipartException.class, () -> scan(body, piece),
                    body);
            assertTrue(e.getMessage().contains(why), e.getMessage());
        }
    }

    static final class CountingStream extends ByteArrayInputStream {
        int read;

        CountingStream(byte[] b) {
            super(b);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            read += Math.max(0, n);
            return n;
        }
    }
}
