package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.tls.ServerTls;
import io.subito.container.tls.TestCertificates;
import io.subito.container.tls.TlsSettings;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writes of a full handshake and a {@code Connection: close} request, in memory (each write
 * of the connection a system call on a socket): the session ticket leaves with the first response,
 * close_notify with the last, and the connection closes at once when the client asked for it and
 * sent nothing more; otherwise it lingers as before.
 */
class TlsTicketAndCloseTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;
    static TestCertificates.Server ec;
    static ServerTls tls;
    static SSLContext client;

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.create(dir);
        ec = certs.server("localhost", "EC");
        tls = ServerTls.create(TlsSettings.pem(ec.certificate(), ec.key()));
        client = certs.clientContext();
    }

    static TestServer https(ExecutionMode mode) throws Exception {
        return TestServer.start(TestServer.config(mode).httpsPort(0).tls(TlsSettings.pem(ec.certificate(), ec.key())), Handlers.ECHO);
    }

    private static LocalConnector.Endpoint connect() {
        return new LocalConnector(new ServerConfig(), Handlers.ECHO, tls).connect();
    }

    /** Passes the ClientHello on; holds the client's later records until {@link #release}, to send them in one piece. */
    static final class Deferring extends TlsClientPump.Channel {
        final LocalConnector.Endpoint endpoint;
        final ByteArrayOutputStream held = new ByteArrayOutputStream();
        int sends;

        Deferring(LocalConnector.Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        void send(byte[] bytes) {
            if (sends++ == 0) {
                endpoint.send(bytes);
            } else {
                held.writeBytes(bytes);
            }
        }

        /** The client's Finished and whatever it wrote after it, as one arrival (as curl's come, in one segment). */
        void release() {
            endpoint.send(held.toByteArray());
            held.reset();
            endpoint.awaitIdle(Duration.ofSeconds(30));
        }

        @Override
        byte[] takeOutput() {
            return endpoint.takeOutput();
        }
    }

    @Test
    void theSessionTicketLeavesInTheWriteOfTheFirstResponse() throws Exception {
        try (LocalConnector.Endpoint e = connect()) {
            Deferring ch = new Deferring(e);
            TlsClientPump c = new TlsClientPump(client, ch).handshake();
            c.send(Handlers.get("/first"));
            int before = e.writes();
            ch.release();
            String response = c.receive();
            assertTrue(response.startsWith("HTTP/1.1 200") && response.endsWith("GET /first"), response);
            assertEquals(1, e.writes() - before, "the ticket and the response in one write");
            assertEquals(2, c.records().size(), "two records: the session ticket, the response");
            assertTrue(e.isOpen(), "keep-alive goes on");
        }
    }

    @Test
    void withoutARequestBehindTheHandshakeTheTicketLeavesAtOnce() throws Exception {
        try (LocalConnector.Endpoint e = connect()) {
            Deferring ch = new Deferring(e);
            new TlsClientPump(client, ch).handshake();
            int before = e.writes();
            ch.release(); // the client's Finished alone
            assertEquals(1, e.writes() - before, "the ticket is not held for a response nobody asked for");
            assertFalse(e.takeOutput().length == 0, "the ticket arrived");
        }
    }

    @Test
    void aConnectionCloseRequestGetsTicketResponseAndCloseNotifyInOneWriteAndClosesAtOnce() throws Exception {
        try (LocalConnector.Endpoint e = connect()) {
            Deferring ch = new Deferring(e);
            TlsClientPump c = new TlsClientPump(client, ch).handshake();
            c.send(Handlers.get("/last", "Connection: close"));
            int before = e.writes();
            ch.release();
            String response = c.receive();
            assertTrue(response.startsWith("HTTP/1.1 200") && response.endsWith("GET /last"), response);
            assertTrue(c.serverClosed, "close_notify came");
            assertEquals(1, e.writes() - before, "ticket, response and close_notify in one write");
            // closed without a half-close and without waiting for the client's end
            assertFalse(e.isOpen(), "closed at once: " + e);
        }
    }

    @Test
    void aConnectionCloseRequestAfterTheHandshakeEndsWithOneWrite() throws Exception {
        try (LocalConnector.Endpoint e = connect()) {
            TlsClientPump c = new TlsClientPump(client, e).handshake();
            c.send(Handlers.get("/keep"));
            c.receive();
            int before = e.writes();
            c.send(Handlers.get("/bye", "Connection: close"));
            assertTrue(c.receive().endsWith("GET /bye"));
            assertTrue(c.serverClosed, "close_notify came");
            assertEquals(1, e.writes() - before, "response and close_notify in one write");
            assertFalse(e.isOpen());
        }
    }

    @Test
    void bytesSentAfterTheConnectionCloseRequestMakeTheConnectionLingerAsBefore() throws Exception {
        try (LocalConnector.Endpoint e = connect()) {
            TlsClientPump c = new TlsClientPump(client, e).handshake();
            // a second request behind the one that closes: unread, so a close now could reset the answer
            c.send(Handlers.get("/a", "Connection: close") + Handlers.get("/b"));
            String response = c.receive();
            assertTrue(response.endsWith("GET /a"), response);
            assertTrue(c.serverClosed, "close_notify came");
            assertTrue(e.isOpen(), "lingering for the client's end: " + e);
            assertTrue(e.isOutputShutdown(), "half-closed");
            e.shutdownOutput();
            assertFalse(e.isOpen(), "closed on the client's end");
        }
    }

    // ---------------------------------------------------------------- over sockets

    @Test
    void overASocketAConnectionCloseRequestIsAnsweredAndTheServerClosesWithoutWaitingForTheClient() throws Exception {
        for (ExecutionMode mode : List.of(ExecutionMode.POOL, ExecutionMode.INLINE)) {
            try (TestServer s = https(mode); SSLSocket tlsSocket = (SSLSocket) client.getSocketFactory()
                    .createSocket("localhost", s.server.httpsPort())) {
                tlsSocket.setSoTimeout(30_000);
                tlsSocket.getOutputStream().write(Handlers.get("/bye", "Connection: close").getBytes(StandardCharsets.ISO_8859_1));
                tlsSocket.getOutputStream().flush();
                // read to the end: the server's close_notify ends the stream
                String answer = new String(tlsSocket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.1 200") && answer.endsWith("GET /bye"), mode + ": " + answer);
                // the client has sent neither close_notify nor FIN: the server closed all the same
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (s.server.openConnections() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertEquals(0, s.server.openConnections(), mode + ": closed without lingering for the client");
            }
        }
    }

    @Test
    void sessionsAreResumedWithTheTicketThatCameWithTheResponse() throws Exception {
        try (TestServer s = https(ExecutionMode.POOL)) {
            String at = "127.0.0.1:" + s.server.httpsPort();
            Path session = dir.resolve("session.pem");
            String request = "GET /r HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
            String first = sClient(request, "-connect", at, "-servername", "localhost", "-CAfile", certs.caCert.toString(),
                    "-sess_out", session.toString());
            assertTrue(first.contains("GET /r") && first.contains("New, TLSv1.3"), first);
            assertTrue(Files.size(session) > 0, "the ticket was kept");
            String second = sClient(request, "-connect", at, "-servername", "localhost", "-CAfile", certs.caCert.toString(),
                    "-sess_in", session.toString());
            assertTrue(second.contains("GET /r") && second.contains("Reused, TLSv1.3"), second);
        }
    }

    /** openssl s_client sending {@code request} after the handshake (-ign_eof: it reads to the server's end). */
    private static String sClient(String request, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl", "s_client", "-ign_eof"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished: " + cmd);
        return out.toString(StandardCharsets.UTF_8);
    }
}
