package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.tls.TestCertificates;
import io.subito.container.tls.TlsSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.LogRecord;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The selector loops accept for themselves (no acceptor thread): connections of both listeners are
 * dealt round-robin to every loop, a burst is served whole, refusals and failures of accept keep
 * their behaviour, and stop closes the listeners.
 */
class LoopAcceptTest {
    @TempDir
    static Path dir;
    static TestCertificates.Server ec;
    static SSLContext client;

    /** Answers with the name of the thread that ran it: with execution=inline, the loop of the connection. */
    static final HttpHandler WHICH_LOOP = exchange -> exchange.response().output()
            .write(Thread.currentThread().getName().getBytes(StandardCharsets.UTF_8));

    @BeforeAll
    static void certificates() throws Exception {
        TestCertificates certs = TestCertificates.create(dir);
        ec = certs.server("localhost", "EC");
        client = certs.clientContext();
    }

    static ServerConfig bothListeners(int loops) {
        return TestServer.config(ExecutionMode.INLINE).loops(loops).httpsPort(0).tls(TlsSettings.pem(ec.certificate(), ec.key()));
    }

    static String loopOfPlain(TestServer s) throws IOException {
        try (RawClient c = new RawClient(s.port())) {
            c.send(Handlers.get("/which", "Connection: close"));
            return c.read().text();
        }
    }

    static String loopOfHttps(TestServer s) throws IOException {
        try (TlsSocketClient c = new TlsSocketClient(client, s.server.httpsPort())) {
            c.handshake();
            c.send(Handlers.get("/which", "Connection: close"));
            String r = c.readToEnd();
            return r.substring(r.indexOf("\r\n\r\n") + 4);
        }
    }

    @Test
    void connectionsOfBothListenersAreDealtRoundRobinToEveryLoop() throws Exception {
        try (TestServer s = TestServer.start(bothListeners(3), WHICH_LOOP)) {
            List<String> plain = new ArrayList<>();
            List<String> https = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                plain.add(loopOfPlain(s));
                https.add(loopOfHttps(s));
            }
            List<String> expected = List.of("subito-loop-0", "subito-loop-1", "subito-loop-2");
            for (List<String> got : List.of(plain, https)) {
                int first = expected.indexOf(got.get(0));
                assertTrue(first >= 0, got.toString());
                for (int i = 0; i < got.size(); i++) {
                    assertEquals(expected.get((first + i) % 3), got.get(i), "round-robin over the three loops: " + got);
                }
            }
        }
    }

    @Test
    void withOneLoopThatLoopAcceptsAndServesBothListeners() throws Exception {
        try (TestServer s = TestServer.start(bothListeners(1), WHICH_LOOP)) {
            for (int i = 0; i < 3; i++) {
                assertEquals("subito-loop-0", loopOfPlain(s));
                assertEquals("subito-loop-0", loopOfHttps(s));
            }
        }
    }

    @Test
    void noThreadOfItsOwnAccepts() throws Exception {
        try (TestServer s = TestServer.start(bothListeners(2), WHICH_LOOP)) {
            loopOfPlain(s);
            loopOfHttps(s);
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                assertTrue(!t.getName().startsWith("subito-acceptor"), "an acceptor thread runs: " + t.getName());
            }
        }
    }

    @Test
    void aBurstOfConnectionsLargerThanOneTurnOfAcceptIsServedWhole() throws Exception {
        int n = 3 * Acceptor.ACCEPTS_PER_TURN;
        try (TestServer s = TestServer.start(TestServer.config(ExecutionMode.POOL).loops(1).maxConnections(n + 10), Handlers.ECHO)) {
            List<RawClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    clients.add(new RawClient(s.port())); // all in the listen backlog before the loop turns
                }
                for (int i = 0; i < n; i++) {
                    clients.get(i).send(Handlers.get("/c" + i));
                }
                for (int i = 0; i < n; i++) {
                    assertEquals("GET /c" + i, clients.get(i).read().text());
                }
                assertEquals(n, s.server.openConnections());
            } finally {
                clients.forEach(RawClient::close);
            }
        }
    }

    @Test
    void aConnectionPastMaxConnectionsIsRefusedWithALogLineOnBothListeners() throws Exception {
        try (LogCapture log = new LogCapture("io.subito");
                TestServer s = TestServer.start(bothListeners(2).maxConnections(1), WHICH_LOOP)) {
            try (RawClient held = new RawClient(s.port())) {
                held.send(Handlers.get("/held"));
                assertEquals(200, held.read().status);
                RawClient refused = new RawClient(s.port());
                assertTrue(refused.awaitClosed(), "the plain connection past maxConnections is closed");
                refused.close();
                try (TlsSocketClient tls = new TlsSocketClient(client, s.server.httpsPort())) {
                    assertThrows(IOException.class, tls::handshake, "the HTTPS connection past maxConnections is closed");
                }
                assertTrue(log.matching("refusing connection: maxConnections reached").size() >= 2, log.dump());
                held.send(Handlers.get("/again"));
                assertEquals(200, held.read().status, "the connection held is unaffected");
            }
        }
    }

    @Test
    void aFailingAcceptRestsTheListenerInsteadOfSpinningAndAcceptsOnceItWorks() throws Exception {
        AtomicBoolean failing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Long> attempts = new ConcurrentLinkedQueue<>();
        try (LogCapture log = new LogCapture("io.subito"); TestServer s = TestServer.start(ExecutionMode.POOL, Handlers.ECHO)) {
            s.server.faultPoint = where -> {
                if (where.equals("listen") && failing.get()) {
                    attempts.add(System.nanoTime());
                    throw LoopAcceptTest.<RuntimeException>sneaky(new IOException("Too many open files"));
                }
            };
            RawClient c = s.connect();
            c.send(Handlers.get("/after"));
            LogRecord line = log.await("accept failed", "Too many open files");
            assertEquals(java.util.logging.Level.WARNING, line.getLevel());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (attempts.size() < 5 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            Long[] at = attempts.toArray(new Long[0]);
            assertTrue(at.length >= 5, "the listener is tried again after its rest: " + at.length);
            long spanMillis = TimeUnit.NANOSECONDS.toMillis(at[4] - at[0]);
            // four rests of 50 ms between the five attempts; spinning would make them in microseconds
            assertTrue(spanMillis >= 4 * (Acceptor.BACKOFF_MILLIS - 5), "five attempts within " + spanMillis + " ms");
            failing.set(false);
            assertEquals("GET /after", c.read().text(), "the connection waiting in the backlog is served once accept works");
        }
    }

    @Test
    void stopClosesBothListeners() throws Exception {
        TestServer s = TestServer.start(bothListeners(2), WHICH_LOOP);
        int plain = s.port();
        int https = s.server.httpsPort();
        loopOfPlain(s);
        loopOfHttps(s);
        s.close();
        assertThrows(IOException.class, () -> new RawClient(plain), "the plain listener is closed");
        assertThrows(IOException.class, () -> new RawClient(https), "the HTTPS listener is closed");
    }

    @SuppressWarnings("unchecked")
    static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
