package io.subito.websocket.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.websocket.frame.ClientFrames;
import io.subito.websocket.frame.Opcode;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A handler slower than its client: the server reads ahead only a bounded amount (then the
 * client's writes stall in TCP), delivers every message in order and one at a time once the
 * handler is fast again, and serves other connections meanwhile.
 */
class SlowHandlerTest {
    static WsTestServer server;

    /** Blocks on {@link #gate} in its first message; records order and how many messages run at once. */
    @ServerEndpoint("/slow")
    public static class Slow {
        static final CountDownLatch gate = new CountDownLatch(1);
        static final CountDownLatch inFirst = new CountDownLatch(1);
        static final List<Integer> seen = new CopyOnWriteArrayList<>();
        static final AtomicInteger running = new AtomicInteger();
        static final AtomicInteger mostAtOnce = new AtomicInteger();

        @OnMessage
        public void message(String text) throws InterruptedException {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            int n = Integer.parseInt(text.substring(0, text.indexOf(' ')));
            if (n == 0) {
                inFirst.countDown();
                gate.await(60, TimeUnit.SECONDS);
            }
            seen.add(n);
            running.decrementAndGet();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = new WsTestServer(Set.of(Slow.class, Endpoints.Echo.class));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aBlockedHandlerStopsTheServerReadingAheadAndThenGetsEveryMessageInOrderOneAtATime() throws Exception {
        int messages = 4000;
        String pad = "x".repeat(8 * 1024);
        try (RawWsClient c = RawWsClient.open(server.port(), "/app/slow")) {
            OutputStream out = c.socket.getOutputStream();
            AtomicLong written = new AtomicLong();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < messages; i++) {
                        byte[] f = new ClientFrames().text(i + " " + pad).bytes();
                        out.write(f); // blocks while the server does not read
                        written.addAndGet(f.length);
                    }
                    out.flush();
                } catch (java.io.IOException e) {
                    // the test fails on the count below
                }
            });
            writer.setDaemon(true);
            writer.start();
            assertTrue(Slow.inFirst.await(30, TimeUnit.SECONDS), "the first message reached the handler");
            // the writer stalls: wait until it has made no progress for a while (not a fixed time)
            long last = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (written.get() != last && System.nanoTime() < deadline) {
                last = written.get();
                Thread.sleep(300);
            }
            long total = (long) messages * (pad.length() + 12);
            assertTrue(written.get() < total / 2, "the server stopped reading while the handler was blocked: "
                    + written.get() + " of " + total + " bytes taken");
            try (RawWsClient other = RawWsClient.open(server.port(), "/app/echo")) {
                other.send(new ClientFrames().text("still served").bytes());
                RawWsClient.Frame f = other.read();
                assertEquals(Opcode.TEXT, f.opcode());
                assertEquals("still served", f.text());
            }
            Slow.gate.countDown();
            writer.join(TimeUnit.SECONDS.toMillis(60));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Slow.seen.size() < messages && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertEquals(messages, Slow.seen.size());
            for (int i = 0; i < messages; i++) {
                assertEquals(i, Slow.seen.get(i));
            }
            assertEquals(1, Slow.mostAtOnce.get(), "one message at a time");
        }
    }
}
