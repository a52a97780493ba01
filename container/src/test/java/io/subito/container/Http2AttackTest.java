package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.http2.ErrorCode;
import io.subito.container.http2.Frame;
import io.subito.container.http2.Http2Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * HTTP/2 attacks over a real socket: each ends in GOAWAY with the right code or a stream reset,
 * frees what it held, and leaves other connections alone.
 */
class Http2AttackTest {

    private static void assertOtherConnectionsServed(TestServer s) throws IOException {
        try (H2Client other = new H2Client(s.port())) {
            other.get(1, "/still-there");
            assertEquals("200", other.response(1).status());
        }
    }

    private static void assertGoAwayCalm(H2Client c) throws IOException {
        int[] g = c.await(Frame.GOAWAY);
        assertEquals(ErrorCode.ENHANCE_YOUR_CALM.code, g[2]);
        assertEquals(-1, readToEnd(c), "the connection closes after GOAWAY");
    }

    /** Reads until the server closes; -1 then. */
    private static int readToEnd(H2Client c) throws IOException {
        while (c.in.read() >= 0) {
            // frames written before the close
        }
        return -1;
    }

    @Test
    void rapidResetOpeningAndCancellingStreamsEndsInEnhanceYourCalm() throws Exception {
        try (TestServer s = TestServer.start(ExecutionMode.POOL, Handlers.ECHO); H2Client c = new H2Client(s.port())) {
            // every stream opened and cancelled at once, far more than the 100 concurrent streams
            for (int id = 1; id < 2 * 400; id += 2) {
                c.queueHeaders(id, true, ":method", "GET", ":scheme", "http", ":path", "/r", ":authority", "x");
                c.w.rstStream(id, ErrorCode.CANCEL);
            }
            c.send();
            assertGoAwayCalm(c);
            assertOtherConnectionsServed(s);
        }
    }

    @Test
    void madeYouResetStreamErrorsProvokedByTheClientCountAsItsResets() throws Exception {
        try (TestServer s = TestServer.start(ExecutionMode.POOL, Handlers.ECHO); H2Client c = new H2Client(s.port())) {
            // each stream breaks a rule (WINDOW_UPDATE of 0), so the server resets it: the client never sends RST_STREAM
            for (int id = 1; id < 2 * 400; id += 2) {
                c.queueHeaders(id, false, ":method", "POST", ":scheme", "http", ":path", "/m", ":authority", "x");
                c.w.windowUpdate(id, 0);
            }
            c.send();
            assertGoAwayCalm(c);
            assertOtherConnectionsServed(s);
        }
    }

    private static void floodEndsCalm(java.util.function.Consumer<H2Client> oneFrame) throws Exception {
        try (TestServer s = TestServer.start(ExecutionMode.POOL, Handlers.ECHO); H2Client c = new H2Client(s.port())) {
            for (int i = 0; i < 3_000; i++) {
                oneFrame.accept(c);
            }
            try {
                c.send();
            } catch (IOException closedWhileSending) {
                // the server may close before it has read all of them
            }
            assertGoAwayCalm(c);
            assertOtherConnectionsServed(s);
        }
    }

    @Test
    void aSettingsFloodEndsInEnhanceYourCalm() throws Exception {
        floodEndsCalm(c -> c.w.settings(new int[] {0x4, 65_535}, 1));
    }

    @Test
    void aPingFloodEndsInEnhanceYourCalm() throws Exception {
        floodEndsCalm(c -> c.w.ping(false, new byte[8], 0));
    }

    @Test
    void aWindowUpdateFloodOfTinyIncrementsEndsInEnhanceYourCalm() throws Exception {
        floodEndsCalm(c -> c.w.windowUpdate(0, 1));
    }

    @Test
    void aFloodOfEmptyDataFramesEndsInEnhanceYourCalm() throws Exception {
        try (TestServer s = TestServer.start(ExecutionMode.POOL, ex -> Thread.sleep(5_000)); H2Client c = new H2Client(s.port())) {
            c.headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/e", ":authority", "x");
            for (int i = 0; i < 3_000; i++) {
                c.w.data(1, new byte[0], 0, 0, false);
            }
            c.send();
            assertGoAwayCalm(c);
        }
    }

    @Test
    void nearTheEndOfStreamIdsTheServerAnswersAndSendsAGracefulGoAway() throws Exception {
        try (TestServer s = TestServer.start(ExecutionMode.POOL, Handlers.ECHO); H2Client c = new H2Client(s.port())) {
            c.get(1, "/first");
            assertEquals("200", c.response(1).status());
            int last = Integer.MAX_VALUE; // stream ids only have to grow: the client jumps to the last one
            c.get(last, "/last");
            H2Client.Response r = c.response(last);
            assertEquals("GET /last", r.text());
            int[] g = c.goAway != null ? new int[] {0, c.goAway[0], c.goAway[1]} : c.await(Frame.GOAWAY);
            assertEquals(ErrorCode.NO_ERROR.code, g[2]);
            assertEquals(last, g[1], "the last stream taken");
            assertEquals(-1, readToEnd(c), "the connection closes once the stream is done");
        }
    }

    private static ServerConfig shortIo() {
        return TestServer.config(ExecutionMode.POOL).ioTimeoutMillis(700);
    }

    @Test
    void aStreamThatNeverEndsItsBodyTimesOutAndFreesItsWorker() throws Exception {
        AtomicInteger finished = new AtomicInteger();
        HttpHandler reader = ex -> {
            try {
                Handlers.readAll(ex.requestBody());
            } finally {
                finished.incrementAndGet();
            }
        };
        try (TestServer s = TestServer.start(shortIo(), reader); H2Client c = new H2Client(s.port())) {
            c.headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/slow", ":authority", "x");
            c.w.data(1, "part".getBytes(StandardCharsets.US_ASCII), 0, 4, false);
            c.send(); // and never END_STREAM
            H2Client.In f;
            do {
                f = c.next();
            } while (f.stream() != 1 || f.type() != Frame.RST_STREAM && f.type() != Frame.HEADERS);
            if (f.type() == Frame.HEADERS) {
                assertEquals("500", c.fields(f).get(":status"), "the handler's read timed out");
            }
            assertEquals(1, finished.get(), "the handler returned");
            c.get(3, "/next");
            assertEquals("200", c.response(3).status(), "the connection serves on");
        }
    }

    @Test
    void aClientThatNeverOpensItsWindowHasItsStreamResetAndTheWorkerFreed() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        HttpHandler big = ex -> {
            try {
                ex.response().output().write(new byte[1 << 20]);
            } finally {
                done.countDown();
            }
        };
        try (TestServer s = TestServer.start(shortIo(), big); H2Client c = new H2Client(s.port())) {
            c.get(1, "/big"); // 64 KiB of window, a 1 MiB body, and never a WINDOW_UPDATE
            int[] r = c.await(Frame.RST_STREAM);
            assertEquals(1, r[0]);
            assertTrue(r[1] == ErrorCode.CANCEL.code || r[1] == ErrorCode.INTERNAL_ERROR.code, "code " + r[1]);
            assertTrue(done.await(30, TimeUnit.SECONDS), "the handler's write gave up");
            assertOtherConnectionsServed(s);
        }
    }

    @Test
    void aFinishedResponseTheClientNeverTakesIsResetAfterTheIoTimeout() throws Exception {
        // the whole body fits the stream's buffer: the handler is done at once, the bytes wait for window
        HttpHandler medium = ex -> ex.response().output().write(new byte[90_000]);
        try (TestServer s = TestServer.start(shortIo(), medium); H2Client c = new H2Client(s.port())) {
            c.get(1, "/medium");
            int[] r = c.await(Frame.RST_STREAM);
            assertEquals(1, r[0]);
            assertEquals(ErrorCode.CANCEL.code, r[1]);
        }
    }

    @Test
    void anHpackBombIsAnswered431AndTheConnectionGoesOn() throws Exception {
        try (TestServer s = TestServer.start(ExecutionMode.POOL, Handlers.ECHO); H2Client c = new H2Client(s.port())) {
            // one 4000-byte field into the dynamic table, then referenced 200 times: 800 KB decoded from about 4 KB
            java.io.ByteArrayOutputStream block = new java.io.ByteArrayOutputStream();
            block.write(new byte[] {(byte) 0x82, (byte) 0x86, (byte) 0x84}); // :method GET, :scheme http, :path /
            block.write(0x41); // :authority, literal value, indexed
            block.write(1);
            block.write('x');
            block.write(0x40); // a new name, indexed
            block.write(6);
            block.write("x-bomb".getBytes(StandardCharsets.US_ASCII));
            block.write(new byte[] {0x7F, (byte) 0xA1, 0x1E}); // 4000 = 127 + 3873 (0xA1 0x1E)
            block.write("x".repeat(4000).getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 200; i++) {
                block.write(0x80 | 62); // the newest dynamic entry: x-bomb
            }
            byte[] b = block.toByteArray();
            c.w.headers(1, b, 0, b.length, true, 16_384);
            c.send();
            H2Client.In h = c.awaitFrame(Frame.HEADERS);
            assertEquals(1, h.stream());
            assertEquals("431", c.fields(h).get(":status"));
            c.w.ping(false, new byte[8], 0);
            c.send();
            assertTrue(c.awaitFrame(Frame.PING).has(Frame.FLAG_ACK), "the connection goes on");
            assertOtherConnectionsServed(s);
        }
    }

    @Test
    void theLimitsHaveTheirDocumentedDefaults() {
        Http2Limits d = Http2Limits.defaults();
        assertEquals(200, d.maxResets());
        assertEquals(2_000, d.maxControlFrames());
        assertEquals(100, d.maxConcurrentStreams());
    }
}
