package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.http2.Frame;
import io.subito.container.http2.Http2Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The streams one read makes ready run as one batch on a worker; a stream of the batch that
 * waits (for the client's window, on something of its own, after a flush) never holds back the
 * others, which are sent in the same write so that the server reads them together.
 */
class Http2StreamBatchTest {

    private static final byte[] MEGABYTE = new byte[1 << 20];

    /** {@code /wait} waits for {@code release}; {@code /big} writes a megabyte; {@code /flush} flushes "early", waits, writes "late"; else the path back. */
    private static HttpHandler handler(CountDownLatch release) {
        return ex -> {
            String path = ex.request().path();
            var out = ex.response().output();
            switch (path) {
                case "/big" -> out.write(MEGABYTE);
                case "/wait" -> {
                    assertTrue(release.await(30, TimeUnit.SECONDS));
                    out.write("late".getBytes(StandardCharsets.US_ASCII));
                }
                case "/flush" -> {
                    out.write("early".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    assertTrue(release.await(30, TimeUnit.SECONDS));
                    out.write("late".getBytes(StandardCharsets.US_ASCII));
                }
                default -> out.write(path.getBytes(StandardCharsets.US_ASCII));
            }
        };
    }

    /** {@code /async} completes 50 ms later on another thread; the others answer their path at once. */
    private static final HttpHandler ASYNC = ex -> {
        String path = ex.request().path();
        if (path.startsWith("/async")) {
            ex.startAsync();
            new Thread(() -> {
                try {
                    Thread.sleep(50);
                    ex.response().output().write(("later " + path).getBytes(StandardCharsets.US_ASCII));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                ex.complete();
            }).start();
            return;
        }
        ex.response().output().write(path.getBytes(StandardCharsets.US_ASCII));
    };

    private static void queueGet(H2Client c, int stream, String path) {
        c.queueHeaders(stream, true, ":method", "GET", ":scheme", "http", ":path", path, ":authority", "localhost");
    }

    /** Reads frames until every stream of {@code wanted} has ended; the bodies of all streams seen, by stream. */
    private static Map<Integer, String> readUntilEnded(H2Client c, Map<Integer, ByteArrayOutputStream> bodies, Set<Integer> ended,
            int... wanted) throws IOException {
        while (!ended.containsAll(ids(wanted))) {
            H2Client.In f = c.next();
            if (f.type() == Frame.HEADERS) {
                c.fields(f);
            } else if (f.type() == Frame.DATA) {
                bodies.computeIfAbsent(f.stream(), k -> new ByteArrayOutputStream()).write(f.payload());
            } else if (f.type() == Frame.RST_STREAM) {
                throw new IOException("stream " + f.stream() + " reset");
            }
            if (f.has(Frame.FLAG_END_STREAM) && (f.type() == Frame.DATA || f.type() == Frame.HEADERS)) {
                ended.add(f.stream());
            }
        }
        Map<Integer, String> text = new HashMap<>();
        bodies.forEach((k, v) -> text.put(k, v.toString(StandardCharsets.US_ASCII)));
        return text;
    }

    private static Set<Integer> ids(int... a) {
        Set<Integer> s = new HashSet<>();
        for (int i : a) {
            s.add(i);
        }
        return s;
    }

    @Test
    void manyStreamsSentInOneWriteAllGetTheirOwnResponse() throws Exception {
        try (TestServer s = TestServer.start(ExecutionMode.POOL, handler(new CountDownLatch(0))); H2Client c = new H2Client(s.port())) {
            int[] streams = new int[40];
            for (int i = 0; i < streams.length; i++) {
                streams[i] = 2 * i + 1;
                queueGet(c, streams[i], "/n" + streams[i]);
            }
            c.send();
            Map<Integer, String> bodies = readUntilEnded(c, new HashMap<>(), new HashSet<>(), streams);
            for (int id : streams) {
                assertEquals("/n" + id, bodies.get(id), "stream " + id);
            }
        }
    }

    @Test
    void asyncRequestsInABatchKeepTheirExchangeWhileTheOthersAndLaterBatchesGoOn() throws Exception {
        try (TestServer s = TestServer.start(ExecutionMode.POOL, ASYNC); H2Client c = new H2Client(s.port())) {
            Map<Integer, ByteArrayOutputStream> bodies = new HashMap<>();
            Set<Integer> ended = new HashSet<>();
            int id = 1;
            for (int round = 0; round < 5; round++) {
                int[] streams = new int[8];
                for (int i = 0; i < streams.length; i++, id += 2) {
                    streams[i] = id;
                    queueGet(c, id, (i % 3 == 0 ? "/async" : "/sync") + id);
                }
                c.send();
                Map<Integer, String> text = readUntilEnded(c, bodies, ended, streams);
                for (int i = 0; i < streams.length; i++) {
                    int sid = streams[i];
                    assertEquals(i % 3 == 0 ? "later /async" + sid : "/sync" + sid, text.get(sid), "stream " + sid);
                }
            }
        }
    }

    @Test
    void aStreamWaitingForTheClientsWindowDoesNotHoldBackTheStreamsReadWithIt() throws Exception {
        try (TestServer s = TestServer.start(ExecutionMode.POOL, handler(new CountDownLatch(0)));
                H2Client c = new H2Client(new Socket("127.0.0.1", s.port()), false)) {
            c.out.write(H2Client.PREFACE);
            c.w.settings(new int[] {Http2Settings.INITIAL_WINDOW_SIZE, 100}, 1); // 100 bytes per stream, never granted more
            queueGet(c, 1, "/big");
            queueGet(c, 3, "/three");
            queueGet(c, 5, "/five");
            c.send();
            Set<Integer> ended = new HashSet<>();
            Map<Integer, String> bodies = readUntilEnded(c, new HashMap<>(), ended, 3, 5);
            assertEquals("/three", bodies.get(3));
            assertEquals("/five", bodies.get(5));
            assertFalse(ended.contains(1), "the megabyte cannot have left through a window of 100 bytes");
        }
    }

    @Test
    void aHandlerThatWaitsOnSomethingOfItsOwnDoesNotHoldBackTheStreamsReadWithIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TestServer s = TestServer.start(ExecutionMode.POOL, handler(release)); H2Client c = new H2Client(s.port())) {
            queueGet(c, 1, "/wait");
            queueGet(c, 3, "/three");
            queueGet(c, 5, "/five");
            c.send();
            Map<Integer, ByteArrayOutputStream> bodies = new HashMap<>();
            Set<Integer> ended = new HashSet<>();
            Map<Integer, String> first = readUntilEnded(c, bodies, ended, 3, 5);
            assertEquals("/three", first.get(3));
            assertEquals("/five", first.get(5));
            assertFalse(ended.contains(1), "stream 1 still waits");
            release.countDown();
            assertEquals("late", readUntilEnded(c, bodies, ended, 1).get(1));
        }
    }

    @Test
    void whatAHandlerFlushesLeavesBeforeItsHandlerReturns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TestServer s = TestServer.start(ExecutionMode.POOL, handler(release)); H2Client c = new H2Client(s.port())) {
            queueGet(c, 1, "/flush");
            queueGet(c, 3, "/three");
            c.send();
            Map<Integer, ByteArrayOutputStream> bodies = new HashMap<>();
            Set<Integer> ended = new HashSet<>();
            while (!bodies.containsKey(1)) {
                H2Client.In f = c.next();
                if (f.type() == Frame.HEADERS) {
                    c.fields(f);
                } else if (f.type() == Frame.DATA && f.payload().length > 0) {
                    bodies.computeIfAbsent(f.stream(), k -> new ByteArrayOutputStream()).write(f.payload());
                    if (f.has(Frame.FLAG_END_STREAM)) {
                        ended.add(f.stream());
                    }
                }
            }
            assertEquals("early", bodies.get(1).toString(StandardCharsets.US_ASCII), "flushed while the handler still waits");
            release.countDown();
            Map<Integer, String> all = readUntilEnded(c, bodies, ended, 1, 3);
            assertEquals("earlylate", all.get(1));
            assertEquals("/three", all.get(3));
        }
    }
}
