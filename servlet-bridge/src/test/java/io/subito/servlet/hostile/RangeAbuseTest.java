package io.subito.servlet.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.config.ResponseSettings;
import io.subito.servlet.Subito;
import io.subito.servlet.WebAppContext;
import io.subito.servlet.support.Http;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Range headers that ask a static file for work for nothing (RFC 9110 section 17.15), sent over
 * real sockets to a 4 MiB file: each row's status, and every byte that came back counted, so no
 * header can make the server send much more than the file.
 */
class RangeAbuseTest {
    static final int SIZE = 4 * 1024 * 1024;

    @TempDir
    static Path base;
    static Subito server;
    static int port;
    static byte[] file;

    @BeforeAll
    static void start() throws Exception {
        file = new byte[SIZE];
        new Random(18).nextBytes(file);
        Files.write(base.resolve("big.bin"), file);
        WebAppContext files = new WebAppContext("/files", base, RangeAbuseTest.class.getClassLoader());
        WebAppContext few = new WebAppContext("/few", base, RangeAbuseTest.class.getClassLoader());
        few.setResponseSettings(ResponseSettings.DEFAULTS.withMaxRanges(4));
        server = Subito.builder().port(0).context(files).context(few).start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** Status and every byte of the response (head and body), read until the server closes. */
    record Wire(int status, long bytes, String head) {
    }

    static Wire send(String path, String range) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(60_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nRange: " + range
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            byte[] buf = new byte[65536];
            byte[] first = null;
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                if (first == null) {
                    first = Arrays.copyOf(buf, n);
                }
                total += n;
            }
            String head = new String(first, StandardCharsets.ISO_8859_1);
            head = head.substring(0, Math.max(0, head.indexOf("\r\n\r\n")));
            return new Wire(Integer.parseInt(head.substring(9, 12)), total, head);
        }
    }

    static String times(int n, String spec) {
        return "bytes=" + String.join(",", Collections.nCopies(n, spec));
    }

    static void refused(String path, String range) throws Exception {
        Wire w = send(path, range);
        assertEquals(416, w.status(), range);
        assertTrue(w.head().contains("Content-Range: bytes */" + SIZE), w.head());
        assertTrue(w.bytes() < 4096, range + " sent " + w.bytes() + " bytes");
    }

    /** Before: 32 copies of the file, 134 MB for one request of 200 bytes. */
    @Test
    void thirtyTwoWholeFileRangesAreRefusedWithoutSendingTheFile() throws Exception {
        refused("/files/big.bin", times(32, "0-"));
        refused("/files/big.bin", times(32, "-" + SIZE));
        refused("/files/big.bin", times(32, "0-" + (SIZE - 1)));
    }

    @Test
    void twoWholeFileRangesAddUpToMoreThanTheFileAndAreRefused() throws Exception {
        refused("/files/big.bin", "bytes=0-,-" + SIZE);
    }

    @Test
    void threeOverlappingRangesAreRefusedAsOnTomcat() throws Exception {
        refused("/files/big.bin", "bytes=0-99,50-149,100-199");
    }

    @Test
    void moreRangesThanMaxRangesAreRefused() throws Exception {
        StringBuilder sb = new StringBuilder("bytes=");
        for (int i = 0; i < 33; i++) {
            sb.append(i == 0 ? "" : ",").append(i * 100).append('-').append(i * 100 + 9);
        }
        refused("/files/big.bin", sb.toString());
        refused("/few/big.bin", "bytes=0-0,10-10,20-20,30-30,40-40");
        assertEquals(206, send("/few/big.bin", "bytes=0-0,10-10,20-20,30-30").status());
    }

    /** 32 one-byte ranges, adjacent, asked for backwards: one part of 32 bytes. */
    @Test
    void manySmallAdjacentRangesOutOfOrderBecomeOneRange() throws Exception {
        StringBuilder sb = new StringBuilder("bytes=");
        for (int i = 31; i >= 0; i--) {
            sb.append(i == 31 ? "" : ",").append(i).append('-').append(i);
        }
        Http.Reply r = Http.get(port, "/files/big.bin", "Range: " + sb);
        assertEquals(206, r.status());
        assertEquals("bytes 0-31/" + SIZE, r.header("Content-Range"));
        assertArrayEquals(Arrays.copyOf(file, 32), r.bytes());
    }

    @Test
    void twoOverlappingHalvesAreSentOnceAsOneRange() throws Exception {
        Http.Reply r = Http.get(port, "/files/big.bin", "Range: bytes=0-1048575,524288-2097151");
        assertEquals(206, r.status());
        assertEquals("bytes 0-2097151/" + SIZE, r.header("Content-Range"));
        assertArrayEquals(Arrays.copyOf(file, 2097152), r.bytes());
        Wire w = send("/files/big.bin", "bytes=0-1048575,524288-2097151");
        assertTrue(w.bytes() < 2097152 + 1024, "sent " + w.bytes());
    }

    @Test
    void disjointRangesStillComeAsMultipartInTheOrderAsked() throws Exception {
        Http.Reply r = Http.get(port, "/files/big.bin", "Range: bytes=4194300-4194303,0-3");
        assertEquals(206, r.status());
        String body = new String(r.bytes(), StandardCharsets.ISO_8859_1);
        assertTrue(body.indexOf("Content-Range: bytes 4194300-4194303/" + SIZE)
                < body.indexOf("Content-Range: bytes 0-3/" + SIZE), body);
    }
}
