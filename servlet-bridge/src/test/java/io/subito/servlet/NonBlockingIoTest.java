package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ReadListener and WriteListener driven by the selector: isReady() answers false while the
 * client is slow, and the listener is called again when the socket is ready, with no thread
 * waiting in between.
 */
class NonBlockingIoTest {
    static final int BIG = 8 * 1024 * 1024;
    static Subito server;
    static int port;
    static final AtomicInteger readNotReady = new AtomicInteger();
    /** Counted down each time the read listener found nothing more to read. */
    static volatile java.util.concurrent.Semaphore readerWaits = new java.util.concurrent.Semaphore(0);
    static volatile java.util.concurrent.CountDownLatch writerWaits = new java.util.concurrent.CountDownLatch(1);
    static final AtomicReference<String> writeAfterNotReady = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0).context("/nb", ctx -> {
            var read = ctx.addServlet("read", Servlets.of((req, res) -> {
                AsyncContext ac = req.startAsync();
                ServletInputStream in = req.getInputStream();
                in.setReadListener(new CollectingListener(ac, in));
            }));
            read.setAsyncSupported(true);
            read.addMapping("/read");
            var write = ctx.addServlet("write", Servlets.of((req, res) -> {
                AsyncContext ac = req.startAsync();
                res.setContentLengthLong(BIG);
                ServletOutputStream out = res.getOutputStream();
                out.setWriteListener(new PatternWriter(ac, out));
            }));
            write.setAsyncSupported(true);
            write.addMapping("/write");
            var misuse = ctx.addServlet("misuse", Servlets.of((req, res) -> {
                AsyncContext ac = req.startAsync();
                ServletOutputStream out = res.getOutputStream();
                out.setWriteListener(new MisusingWriter(ac, out));
            }));
            misuse.setAsyncSupported(true);
            misuse.addMapping("/misuse");
        }).start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** Reads everything available each time it is called, then answers with what it got. */
    static final class CollectingListener implements ReadListener {
        private final AsyncContext ac;
        private final ServletInputStream in;
        private final ByteArrayOutputStream got = new ByteArrayOutputStream();
        private int calls;

        CollectingListener(AsyncContext ac, ServletInputStream in) {
            this.ac = ac;
            this.in = in;
        }

        @Override
        public void onDataAvailable() throws IOException {
            calls++;
            byte[] b = new byte[64];
            while (true) {
                if (!in.isReady()) {
                    readNotReady.incrementAndGet();
                    readerWaits.release();
                    return;
                }
                int n = in.read(b);
                if (n < 0) {
                    return;
                }
                got.write(b, 0, n);
            }
        }

        @Override
        public void onAllDataRead() throws IOException {
            ac.getResponse().getWriter().print(calls + ":" + got.toString(StandardCharsets.UTF_8));
            ac.complete();
        }

        @Override
        public void onError(Throwable t) {
            ac.complete();
        }
    }

    /** Writes a known byte pattern while the stream is ready; completes when all is written. */
    static final class PatternWriter implements WriteListener {
        private final AsyncContext ac;
        private final ServletOutputStream out;
        private int written;

        PatternWriter(AsyncContext ac, ServletOutputStream out) {
            this.ac = ac;
            this.out = out;
        }

        @Override
        public void onWritePossible() throws IOException {
            byte[] block = new byte[16 * 1024];
            while (written < BIG) {
                if (!out.isReady()) {
                    writerWaits.countDown();
                    return;
                }
                int n = Math.min(block.length, BIG - written);
                for (int i = 0; i < n; i++) {
                    block[i] = (byte) ((written + i) % 251);
                }
                out.write(block, 0, n);
                written += n;
            }
            ac.complete();
        }

        @Override
        public void onError(Throwable t) {
            ac.complete();
        }
    }

    /** Keeps writing after isReady() said no: the write must be refused. */
    static final class MisusingWriter implements WriteListener {
        private final AsyncContext ac;
        private final ServletOutputStream out;

        MisusingWriter(AsyncContext ac, ServletOutputStream out) {
            this.ac = ac;
            this.out = out;
        }

        @Override
        public void onWritePossible() throws IOException {
            byte[] block = new byte[64 * 1024];
            for (int i = 0; i < 4096 && out.isReady(); i++) {
                out.write(block);
            }
            try {
                out.write(block);
                writeAfterNotReady.set("accepted");
            } catch (IllegalStateException e) {
                writeAfterNotReady.set("refused");
            }
            ac.complete();
        }

        @Override
        public void onError(Throwable t) {
            ac.complete();
        }
    }

    @Test
    void aBodyArrivingInPiecesIsDeliveredAsTheyArrive() throws Exception {
        int before = readNotReady.get();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            readerWaits = new java.util.concurrent.Semaphore(0);
            out.write(("POST /nb/read HTTP/1.1\r\nHost: x\r\nContent-Length: 14\r\nConnection: close\r\n\r\nfirst").getBytes());
            out.flush();
            assertTrue(readerWaits.tryAcquire(20, TimeUnit.SECONDS), "the listener read what was there, then isReady() said no");
            out.write("-second".getBytes());
            out.flush();
            assertTrue(readerWaits.tryAcquire(20, TimeUnit.SECONDS));
            out.write("-3".getBytes());
            out.flush();
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
            String body = reply.substring(reply.indexOf("\r\n\r\n") + 4);
            String[] parts = body.split(":", 2);
            assertEquals("first-second-3", parts[1]);
            assertTrue(Integer.parseInt(parts[0]) >= 3, "onDataAvailable ran again for each later piece: " + body);
        }
        assertTrue(readNotReady.get() > before, "isReady() answered false while the client paused");
    }

    @Test
    void aChunkedBodyIsReadWithoutBlocking() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write("POST /nb/read HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nab".getBytes());
            out.flush();
            Thread.sleep(200);
            out.write("cde\r\n".getBytes());
            out.flush();
            Thread.sleep(200);
            out.write("3;ext=1\r".getBytes());
            out.flush();
            Thread.sleep(200);
            out.write("\nfgh\r\n0\r\nX-T: 1\r\n".getBytes());
            out.flush();
            Thread.sleep(200);
            out.write("\r\n".getBytes());
            out.flush();
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
            assertTrue(reply.endsWith(":abcdefgh"), reply);
        }
    }

    @Test
    void aLargeResponseWaitsForASlowReaderWithoutAThread() throws Exception {
        writerWaits = new java.util.concurrent.CountDownLatch(1);
        try (Socket s = smallWindowSocket()) {
            s.getOutputStream().write("GET /nb/write HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes());
            // nothing is read until the socket buffers are full and the writer has been told to wait
            assertTrue(writerWaits.await(20, TimeUnit.SECONDS), "isReady() answered false while the client did not read");
            InputStream in = s.getInputStream();
            byte[] all = in.readAllBytes();
            int bodyStart = indexOf(all, "\r\n\r\n".getBytes()) + 4;
            assertTrue(new String(all, 0, bodyStart).startsWith("HTTP/1.1 200"));
            assertEquals(BIG, all.length - bodyStart);
            for (int i = 0; i < BIG; i += 4099) {
                assertEquals((byte) (i % 251), all[bodyStart + i], "byte " + i);
            }
        }
    }

    @Test
    void writingAfterIsReadyAnsweredFalseIsRefused() throws Exception {
        try (Socket s = smallWindowSocket()) {
            s.getOutputStream().write("GET /nb/misuse HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (writeAfterNotReady.get() == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            s.getInputStream().readAllBytes();
        }
        assertEquals("refused", writeAfterNotReady.get());
    }

    @Test
    void theConnectionServesTheNextRequestAfterANonBlockingOne() throws Exception {
        try (Http h = new Http(port)) {
            assertEquals("1:hello", h.send("POST", "/nb/read", "hello").body().replaceFirst("^\\d+:", "1:"));
            assertEquals("1:again", h.send("POST", "/nb/read", "again").body().replaceFirst("^\\d+:", "1:"));
        }
    }

    /** The receive buffer is set before connecting, so the TCP window is small from the start. */
    static Socket smallWindowSocket() throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(64 * 1024);
        s.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        s.setSoTimeout(20_000);
        return s;
    }

    static int indexOf(byte[] a, byte[] b) {
        outer:
        for (int i = 0; i + b.length <= a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                if (a[i + j] != b[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
