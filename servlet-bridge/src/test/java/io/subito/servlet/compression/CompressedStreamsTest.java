package io.subito.servlet.compression;

import static io.subito.servlet.compression.Gzip.gunzip;
import static io.subito.servlet.compression.Gzip.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.compress.CompressionSettings;
import io.subito.servlet.Subito;
import io.subito.servlet.WebAppContext;
import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.AsyncContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compressed bodies that stream (flush, async), static files through the default servlet (ranges,
 * validators, HEAD), and a real client (curl --compressed), over real sockets.
 */
class CompressedStreamsTest {
    private static final byte[] PART1 = json(3000);
    private static final byte[] PART2 = json(50_000);
    private static final CountDownLatch CLIENT_HAS_PART1 = new CountDownLatch(1);
    private static final byte[] CSS = css(40_000);

    @TempDir
    static Path base;
    static Subito server;

    static byte[] css(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < n; i++) {
            sb.append(".item-").append(i).append(" { color: #").append(Integer.toHexString(0x100000 + i * 37))
                    .append("; margin: ").append(i % 9).append("px; }\n");
        }
        return sb.substring(0, n).getBytes(StandardCharsets.US_ASCII);
    }

    @BeforeAll
    static void start() throws Exception {
        Files.write(base.resolve("site.css"), CSS);
        Files.writeString(base.resolve("tiny.txt"), "tiny");
        Files.write(base.resolve("logo.png"), CSS); // not compressible by type, whatever the bytes
        WebAppContext ctx = new WebAppContext("/files", base, CompressedStreamsTest.class.getClassLoader());
        ctx.addServlet("stream", Servlets.of((req, res) -> {
            res.setContentType("application/json");
            OutputStream out = res.getOutputStream();
            out.write(PART1);
            out.flush(); // commits: the compressed body streams from here on
            try {
                if (!CLIENT_HAS_PART1.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("the client never saw the flushed part");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            out.write(PART2);
        })).addMapping("/stream");
        var async = ctx.addServlet("async", Servlets.of((req, res) -> {
            AsyncContext ac = req.startAsync();
            ac.start(() -> {
                try {
                    res.setContentType("text/plain");
                    for (int i = 0; i < 20; i++) {
                        res.getOutputStream().write(PART1);
                        res.flushBuffer();
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } finally {
                    ac.complete();
                }
            });
        }));
        async.setAsyncSupported(true);
        async.addMapping("/async");
        server = Subito.builder().port(0).compression(CompressionSettings.DEFAULTS.withEnabled(true)).build(ctx);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** Reads a chunked body as the chunks arrive, so a test can decode part of it before the rest exists. */
    private static final class ChunkedIn extends InputStream {
        private final InputStream in;
        private int left;
        private boolean done;

        ChunkedIn(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                left = Integer.parseInt(line(in), 16);
                if (left == 0) {
                    done = true;
                    line(in);
                    return -1;
                }
            }
            int n = in.read(b, off, Math.min(len, left));
            if (n < 0) {
                throw new IOException("connection closed inside a chunk");
            }
            left -= n;
            if (left == 0) {
                line(in);
            }
            return n;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Test
    void aFlushSendsACompressedPrefixTheClientCanDecodeBeforeTheRestIsWritten() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(("GET /files/stream HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            assertTrue(line(in).startsWith("HTTP/1.1 200"));
            boolean gzip = false;
            boolean chunked = false;
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                gzip |= h.equalsIgnoreCase("Content-Encoding: gzip");
                chunked |= h.equalsIgnoreCase("Transfer-Encoding: chunked");
            }
            assertTrue(gzip && chunked, "a streamed, compressed body");
            GZIPInputStream body = new GZIPInputStream(new ChunkedIn(in));
            // the servlet is still waiting: these bytes can only come from what the flush sent
            assertArrayEquals(PART1, body.readNBytes(PART1.length));
            CLIENT_HAS_PART1.countDown();
            assertArrayEquals(PART2, body.readAllBytes());
        }
    }

    @Test
    void anAsyncResponseWrittenFromAnotherThreadIsCompressed() throws Exception {
        Http.Reply r = Http.get(server.port(), "/files/async", "Accept-Encoding: gzip");
        assertEquals("gzip", r.header("Content-Encoding"));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 20; i++) {
            expected.write(PART1);
        }
        assertArrayEquals(expected.toByteArray(), gunzip(r.bytes()));
    }

    @Test
    void aStaticFileIsCompressedWithItsWeakValidator() throws Exception {
        Http.Reply r = Http.get(server.port(), "/files/site.css", "Accept-Encoding: gzip");
        assertEquals(200, r.status());
        assertEquals("gzip", r.header("Content-Encoding"));
        assertEquals("text/css", r.header("Content-Type"));
        assertEquals("Accept-Encoding", r.header("Vary"));
        assertTrue(r.header("ETag").startsWith("W/"), r.header("ETag"));
        assertNull(r.header("Accept-Ranges"), "ranges are of the identity representation only");
        assertArrayEquals(CSS, gunzip(r.bytes()));
        assertTrue(r.bytes().length < CSS.length / 4, "40000 bytes became " + r.bytes().length);

        Http.Reply again = Http.get(server.port(), "/files/site.css", "Accept-Encoding: gzip",
                "If-None-Match: " + r.header("ETag"));
        assertEquals(304, again.status(), "the weak tag revalidates");
        assertNull(again.header("Content-Encoding"));
    }

    @Test
    void rangesOfAStaticFileAreNeverCompressed() throws Exception {
        Http.Reply one = Http.get(server.port(), "/files/site.css", "Accept-Encoding: gzip", "Range: bytes=100-4099");
        assertEquals(206, one.status());
        assertNull(one.header("Content-Encoding"));
        assertEquals("bytes 100-4099/40000", one.header("Content-Range"));
        assertArrayEquals(java.util.Arrays.copyOfRange(CSS, 100, 4100), one.bytes());
        Http.Reply two = Http.get(server.port(), "/files/site.css", "Accept-Encoding: gzip", "Range: bytes=0-2999,10000-19999");
        assertEquals(206, two.status());
        assertNull(two.header("Content-Encoding"));
        assertTrue(two.header("Content-Type").startsWith("multipart/byteranges"));
        Http.Reply bad = Http.get(server.port(), "/files/site.css", "Accept-Encoding: gzip", "Range: bytes=90000-");
        assertEquals(416, bad.status());
        assertNull(bad.header("Content-Encoding"));
    }

    @Test
    void headOfAStaticFileIsTheIdentityHead() throws Exception {
        Http.Reply r = Http.request(server.port(), "HEAD", "/files/site.css", "Accept-Encoding: gzip");
        assertEquals(200, r.status());
        assertNull(r.header("Content-Encoding"));
        assertEquals("40000", r.header("Content-Length"));
        assertEquals("bytes", r.header("Accept-Ranges"));
    }

    @Test
    void smallFilesAndImagesAreSentAsTheyAre() throws Exception {
        Http.Reply tiny = Http.get(server.port(), "/files/tiny.txt", "Accept-Encoding: gzip");
        assertNull(tiny.header("Content-Encoding"));
        assertEquals("tiny", tiny.body());
        Http.Reply png = Http.get(server.port(), "/files/logo.png", "Accept-Encoding: gzip");
        assertNull(png.header("Content-Encoding"));
        assertArrayEquals(CSS, png.bytes());
    }

    @Test
    void curlDecodesWhatItAskedToBeCompressed() throws Exception {
        Path out = base.resolve("curl.out");
        Path headers = base.resolve("curl.headers");
        Process p = new ProcessBuilder("curl", "-sS", "--compressed", "-D", headers.toString(), "-o", out.toString(),
                "http://127.0.0.1:" + server.port() + "/files/site.css").redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "curl finished");
        assertEquals(0, p.exitValue(), "curl: " + said);
        String head = Files.readString(headers).toLowerCase(java.util.Locale.ROOT);
        assertTrue(head.contains("content-encoding: gzip"), head);
        assertNotNull(head);
        assertArrayEquals(CSS, Files.readAllBytes(out), "curl decoded the file");
    }
}
