package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.tls.TestCertificates;
import io.subito.container.tls.TlsSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The handshake's rules over real sockets: its deadline, delegated tasks off the loops, no
 * renegotiation, close_notify both ways, and what a peer that just drops the connection costs
 * (a DEBUG line).
 */
class TlsHandshakeTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;
    static TestCertificates.Server rsa;
    static SSLContext client;
    /** Held so the level set here stays set (java.util.logging keeps loggers weakly). */
    static final Logger TLS_LOG = Logger.getLogger(TlsTransport.class.getName());

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.create(dir);
        rsa = certs.server("localhost", "RSA");
        client = certs.clientContext();
        TLS_LOG.setLevel(Level.ALL);
    }

    @AfterAll
    static void levelBack() {
        TLS_LOG.setLevel(null);
    }

    static TestServer https(ExecutionMode mode, long handshakeTimeoutMillis) throws Exception {
        return https(mode, TlsSettings.pem(rsa.certificate(), rsa.key()).handshakeTimeoutMillis(handshakeTimeoutMillis));
    }

    static TestServer https(ExecutionMode mode, TlsSettings tls) throws Exception {
        // keep-alive far beyond the handshake's deadline: only the deadline can close the connection in time
        return TestServer.start(TestServer.config(mode).httpsPort(0).tls(tls).keepAliveTimeoutMillis(120_000), Handlers.ECHO);
    }

    /** One request on a new connection (a client each: a full handshake each); its X-Path. */
    static String fullHandshakeAndRequest(TestServer s, String path) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(certs.clientContext()).connectTimeout(Duration.ofSeconds(60)).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + s.server.httpsPort() + path))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.headers().firstValue("X-Path").orElseThrow();
    }

    /** The threads the ClientHello's tasks ran on, one line per handshake, in order. */
    static List<String> tasksRanOn(LogCapture log) {
        List<String> where = new ArrayList<>();
        for (LogRecord r : log.matching("TLS handshake tasks for", "ran on")) {
            where.add(LogCapture.text(r));
        }
        return where;
    }

    /** Waits for the end of the server's stream; the milliseconds it took. */
    static long millisUntilClosed(Socket s) throws IOException {
        long t0 = System.nanoTime();
        s.setSoTimeout(60_000);
        InputStream in = s.getInputStream();
        try {
            while (in.read() >= 0) {
                // an alert, if any
            }
        } catch (java.net.SocketException reset) {
            // closed with a reset: closed too
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    @Test
    void aClientThatConnectsAndSendsNothingIsClosedByTheHandshakeDeadline() throws Exception {
        try (TestServer s = https(ExecutionMode.POOL, 1000); LogCapture log = new LogCapture(TLS_LOG.getName());
                Socket silent = new Socket("127.0.0.1", s.server.httpsPort())) {
            long took = millisUntilClosed(silent);
            // the reaper looks once a second: closed between 1 and a few seconds, not at keep-alive's 120
            assertTrue(took >= 900 && took < 30_000, "closed after " + took + " ms");
            LogRecord r = log.await("TLS handshake with", "not done within 1000 ms", "tls.handshakeTimeoutMillis");
            assertEquals(Level.FINE, r.getLevel());
        }
    }

    @Test
    void halfAClientHelloIsClosedByTheHandshakeDeadlineWhileOthersAreServed() throws Exception {
        try (TestServer s = https(ExecutionMode.POOL, 1500); LogCapture log = new LogCapture(TLS_LOG.getName());
                Socket slow = new Socket("127.0.0.1", s.server.httpsPort())) {
            SSLEngine e = client.createSSLEngine("localhost", s.server.httpsPort());
            e.setUseClientMode(true);
            ByteBuffer hello = ByteBuffer.allocate(e.getSession().getPacketBufferSize());
            e.beginHandshake();
            e.wrap(ByteBuffer.allocate(0), hello);
            hello.flip();
            OutputStream out = slow.getOutputStream();
            out.write(hello.array(), 0, hello.remaining() / 2);
            out.flush();
            // meanwhile an ordinary client is served
            HttpClient http = HttpClient.newBuilder().sslContext(client).connectTimeout(Duration.ofSeconds(30)).build();
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + s.server.httpsPort() + "/ok")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            long took = millisUntilClosed(slow);
            assertTrue(took < 30_000, "closed after " + took + " ms");
            log.await("not done within 1500 ms");
            assertTrue(log.matching("TLS refused").isEmpty(), "a slow handshake is no refusal: " + log.dump());
        }
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionMode.class, names = {"POOL", "INLINE"})
    void withInlineTasksOffTheClientHellosTasksRunOffTheLoopsAndManyHandshakesAtOnceComplete(ExecutionMode mode) throws Exception {
        TlsSettings tls = TlsSettings.pem(rsa.certificate(), rsa.key()).handshakeTimeoutMillis(10_000).inlineTaskMicros(0);
        try (TestServer s = https(mode, tls); LogCapture log = new LogCapture(TLS_LOG.getName())) {
            List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                // a client each: a new full handshake each
                HttpClient http = HttpClient.newBuilder().sslContext(certs.clientContext()).connectTimeout(Duration.ofSeconds(60)).build();
                all.add(http.sendAsync(HttpRequest.newBuilder(URI.create("https://localhost:" + s.server.httpsPort() + "/h" + i))
                        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (int i = 0; i < all.size(); i++) {
                assertEquals("/h" + i, all.get(i).get(90, TimeUnit.SECONDS).headers().firstValue("X-Path").orElseThrow());
            }
            List<LogRecord> ran = log.matching("TLS handshake tasks for", "ran on");
            // one hand-off per handshake: the ClientHello's tasks; the short later ones run on the loop
            assertEquals(all.size(), ran.size(), log.dump());
            for (LogRecord r : ran) {
                String where = LogCapture.text(r);
                assertFalse(where.contains("subito-loop"), where);
                assertTrue(where.contains(mode == ExecutionMode.POOL ? "subito-worker" : "ForkJoinPool.commonPool"), where);
            }
        }
    }

    @Test
    void cheapClientHelloTasksRunOnTheLoopOnceMeasured() throws Exception {
        // a bound no signature reaches: after the first handshake (measured on a worker) all run on the loop
        TlsSettings tls = TlsSettings.pem(rsa.certificate(), rsa.key()).inlineTaskMicros(60_000_000);
        try (TestServer s = https(ExecutionMode.POOL, tls); LogCapture log = new LogCapture(TLS_LOG.getName())) {
            for (int i = 0; i < 5; i++) {
                assertEquals("/c" + i, fullHandshakeAndRequest(s, "/c" + i));
            }
            List<String> where = tasksRanOn(log);
            assertEquals(5, where.size(), log.dump());
            assertTrue(where.get(0).contains("subito-worker"), "not measured yet, so off the loop: " + where.get(0));
            for (String w : where.subList(1, where.size())) {
                assertTrue(w.contains("subito-loop"), w);
            }
        }
    }

    @Test
    void clientHelloTasksDearerThanTheBoundStayOffTheLoopWhileItServesOthers() throws Exception {
        // one microsecond: every real key exchange and signature costs more, so none may hold the loop
        TlsSettings tls = TlsSettings.pem(rsa.certificate(), rsa.key()).inlineTaskMicros(1);
        try (TestServer s = https(ExecutionMode.POOL, tls); LogCapture log = new LogCapture(TLS_LOG.getName())) {
            List<CompletableFuture<String>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String path = "/d" + i;
                all.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return fullHandshakeAndRequest(s, path);
                    } catch (Exception e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                }));
            }
            // meanwhile a plain client on the same loops is served
            try (Socket plain = new Socket("127.0.0.1", s.server.port())) {
                plain.setSoTimeout(60_000);
                plain.getOutputStream().write("GET /plain HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String answer = new String(plain.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            }
            for (int i = 0; i < all.size(); i++) {
                assertEquals("/d" + i, all.get(i).get(90, TimeUnit.SECONDS));
            }
            List<String> where = tasksRanOn(log);
            assertEquals(all.size(), where.size(), log.dump());
            for (String w : where) {
                assertTrue(w.contains("subito-worker"), w);
            }
        }
    }

    @Test
    void withClientAuthenticationTheClientHellosTasksNeverRunOnTheLoop() throws Exception {
        // the trust manager's checks may block: however cheap the tasks, they stay off the loop
        TlsSettings tls = TlsSettings.pem(rsa.certificate(), rsa.key()).inlineTaskMicros(60_000_000)
                .clientAuth(TlsSettings.ClientAuth.WANT).truststore(certs.caCert, "PKCS12", null);
        try (TestServer s = https(ExecutionMode.POOL, tls); LogCapture log = new LogCapture(TLS_LOG.getName())) {
            for (int i = 0; i < 4; i++) {
                assertEquals("/a" + i, fullHandshakeAndRequest(s, "/a" + i));
            }
            List<String> where = tasksRanOn(log);
            assertEquals(4, where.size(), log.dump());
            for (String w : where) {
                assertTrue(w.contains("subito-worker"), w);
            }
        }
    }

    @Test
    void aTls12RenegotiationFromOpensslIsRefused() throws Exception {
        try (TestServer s = https(ExecutionMode.POOL, 10_000); LogCapture log = new LogCapture(TLS_LOG.getName())) {
            Process p = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + s.server.httpsPort(), "-tls1_2",
                    "-CAfile", certs.caCert.toString(), "-servername", "localhost").redirectErrorStream(true).start();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try {
                    p.getInputStream().transferTo(output);
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!output.toString(StandardCharsets.UTF_8).contains("Verify return code") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            p.getOutputStream().write("R\n".getBytes(StandardCharsets.US_ASCII)); // s_client's command: renegotiate
            p.getOutputStream().flush();
            // the server refuses and closes: s_client ends without its input ending
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "s_client still connected: " + output);
            reader.join(10_000);
            String out = output.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains("RENEGOTIATING"), out);
            // refused with an alert, so s_client fails (testssl.sh reads a zero exit as "renegotiation possible")
            assertNotEquals(0, p.exitValue(), out);
            log.await("TLS refused", "renegotiation");
        }
    }

    @Test
    void aTls12RenegotiationFromTheJdkIsRefused() throws Exception {
        try (TestServer s = https(ExecutionMode.POOL, 10_000);
                SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("localhost", s.server.httpsPort())) {
            socket.setSoTimeout(30_000);
            SSLParameters p = socket.getSSLParameters();
            p.setProtocols(new String[] {"TLSv1.2"});
            socket.setSSLParameters(p);
            socket.startHandshake();
            socket.getOutputStream().write(Handlers.get("/first").getBytes(StandardCharsets.ISO_8859_1));
            byte[] first = new byte[200];
            assertTrue(socket.getInputStream().read(first) > 0);
            socket.startHandshake(); // a renegotiation on TLS 1.2
            assertThrows(IOException.class, () -> {
                socket.getOutputStream().write(Handlers.get("/second").getBytes(StandardCharsets.ISO_8859_1));
                while (socket.getInputStream().read() >= 0) {
                    // the rest of the first answer, then the refusal
                }
                throw new IOException("ended without a refusal"); // an end without alert counts as refused as well
            });
        }
    }

    @Test
    void theServerEndsAClosingConnectionWithCloseNotify() throws Exception {
        try (TestServer s = https(ExecutionMode.POOL, 10_000); TlsSocketClient c = new TlsSocketClient(client, s.server.httpsPort())) {
            c.handshake();
            c.send(Handlers.get("/bye", "Connection: close"));
            String answer = c.readToEnd();
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            assertTrue(c.closeNotifyReceived, "close_notify before the end of the stream");
            assertTrue(c.tcpEnds());
        }
    }

    @Test
    void aClientsCloseNotifyIsAnsweredWithTheServersAndTheConnectionCloses() throws Exception {
        try (TestServer s = https(ExecutionMode.POOL, 10_000); LogCapture log = new LogCapture("io.subito.container");
                TlsSocketClient c = new TlsSocketClient(client, s.server.httpsPort())) {
            c.handshake();
            c.send(Handlers.get("/one"));
            c.sendCloseNotify();
            String answer = c.readToEnd();
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            assertTrue(c.closeNotifyReceived, "the server's close_notify");
            assertTrue(c.tcpEnds());
            assertTrue(log.matching("without close_notify").isEmpty(), log.dump());
        }
    }

    @Test
    void aPeerThatDropsTheConnectionWithoutCloseNotifyIsLoggedAtDebugOnly() throws Exception {
        try (TestServer s = https(ExecutionMode.POOL, 10_000); LogCapture log = new LogCapture("io.subito.container")) {
            try (TlsSocketClient c = new TlsSocketClient(client, s.server.httpsPort())) {
                c.handshake();
                c.send(Handlers.get("/one"));
                c.readUntil("GET /one"); // all of it: unread bytes would make the close a reset
            } // TCP close, no close_notify
            LogRecord r = log.await("closed without close_notify");
            assertEquals(Level.FINE, r.getLevel());
            Thread.sleep(200); // nothing else follows it
            for (LogRecord any : log.matching("")) {
                assertTrue(any.getLevel().intValue() < Level.INFO.intValue(), "only DEBUG: " + log.dump());
            }
        }
    }
}
