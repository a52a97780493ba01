package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.tls.TestCertificates;
import io.subito.container.tls.TlsSettings;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile or broken TLS input over real sockets: each is refused (an alert or the end of the
 * connection), logged naming the cause, and a well-behaved client is served meanwhile.
 */
class TlsBadInputTest {
    private static final int ALERT = 21;
    /** TLS's largest record: 2^14 bytes of plaintext plus 2,048 of expansion (RFC 8446 5.2, RFC 5246 6.2.3). */
    private static final int MAX_CIPHERTEXT = (1 << 14) + 2048;

    @TempDir
    static Path dir;
    static TestCertificates certs;
    static TestCertificates strangers;
    static TestCertificates.Server server;
    static TestCertificates.Server alice;
    static TestCertificates.Server expired;
    static TestCertificates.Server mallory;

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.create(Files.createDirectories(dir.resolve("ca")));
        server = certs.server("localhost", "EC");
        alice = certs.server("alice", "EC", "alice.test");
        expired = certs.expired("old", "EC");
        strangers = TestCertificates.create(Files.createDirectories(dir.resolve("other-ca")));
        mallory = strangers.server("mallory", "EC", "mallory.test");
    }

    private static TestServer https(TlsSettings tls) throws Exception {
        return TestServer.start(TestServer.config(ExecutionMode.POOL).httpsPort(0).tls(tls), Handlers.ECHO);
    }

    private static TestServer needingClientCertificates() throws Exception {
        return https(TlsSettings.pem(server.certificate(), server.key()).clientAuth(TlsSettings.ClientAuth.NEED)
                .truststore(certs.caCert, "PKCS12", null));
    }

    /** A request over a fresh connection; its response's first line. */
    private static String get(SSLContext ctx, int port) throws IOException {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("localhost", port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(Handlers.get("/ok", "Connection: close").getBytes(StandardCharsets.ISO_8859_1));
            String r = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return r.isEmpty() ? "" : r.substring(0, r.indexOf("\r\n"));
        }
    }

    private static LogRecord refusal(LogCapture log, String... cause) throws InterruptedException {
        String[] parts = new String[cause.length + 1];
        parts[0] = "TLS refused for /127.0.0.1:";
        System.arraycopy(cause, 0, parts, 1, cause.length);
        LogRecord r = log.await(parts);
        assertEquals(Level.INFO, r.getLevel(), "a client's bad input is no error of the server's");
        return r;
    }

    @Test
    void aRecordLongerThanTlsAllowsInsteadOfAClientHelloIsRefusedAndOthersAreServed() throws Exception {
        try (TestServer s = https(TlsSettings.pem(server.certificate(), server.key()));
                LogCapture log = new LogCapture("io.subito.container");
                Socket bad = new Socket("127.0.0.1", s.server.httpsPort())) {
            bad.setSoTimeout(30_000);
            // a handshake record announcing 65,535 bytes, far over the largest record, and its first bytes
            byte[] head = new byte[1024];
            head[0] = 22;
            head[1] = 3;
            head[2] = 1;
            head[3] = (byte) 0xff;
            head[4] = (byte) 0xff;
            bad.getOutputStream().write(head);
            byte[] answer = bad.getInputStream().readAllBytes();
            assertTrue(answer.length == 0 || answer[0] == ALERT, "an alert record or nothing, then the end");
            refusal(log, "Input record too big");
            assertEquals("HTTP/1.1 200 OK", get(certs.clientContext(), s.server.httpsPort()));
        }
    }

    @Test
    void anOversizedRecordAfterTheHandshakeIsRefusedWithAnAlertAndTheConnectionEnds() throws Exception {
        try (TestServer s = https(TlsSettings.pem(server.certificate(), server.key()));
                LogCapture log = new LogCapture("io.subito.container");
                TlsSocketClient c = new TlsSocketClient(certs.clientContext(), s.server.httpsPort()).handshake()) {
            c.send(Handlers.get("/first"));
            assertTrue(c.readUntil("GET /first").startsWith("HTTP/1.1 200"));
            // an application_data record one byte longer than any record may be, sent in full
            int length = MAX_CIPHERTEXT + 1;
            byte[] record = new byte[5 + length];
            record[0] = 23;
            record[1] = 3;
            record[2] = 3;
            record[3] = (byte) (length >> 8);
            record[4] = (byte) length;
            c.socket.getOutputStream().write(record);
            c.socket.getOutputStream().flush();
            // TLS 1.3 encrypts the alert: the client's engine reads it
            SSLException alert = assertThrows(SSLException.class, c::readToEnd);
            assertTrue(alert.getMessage().contains("Received fatal alert"), alert.toString());
            refusal(log, "Input record too big");
            assertEquals("HTTP/1.1 200 OK", get(certs.clientContext(), s.server.httpsPort()));
        }
    }

    @Test
    void aClientCertificateFromACaOutsideTheTrustStoreIsRefusedAndLogged() throws Exception {
        try (TestServer s = needingClientCertificates(); LogCapture log = new LogCapture("io.subito.container")) {
            int port = s.server.httpsPort();
            // TLS 1.3: the refusal comes with the handshake or at the first read
            assertThrows(IOException.class, () -> get(strangers.clientContext(mallory, certs), port));
            refusal(log, "PKIX path validation failed", "Path does not chain with any of the trust anchors");
            assertEquals("HTTP/1.1 200 OK", get(certs.clientContext(alice), port));
        }
    }

    @Test
    void anExpiredClientCertificateIsRefusedAndLogged() throws Exception {
        try (TestServer s = needingClientCertificates(); LogCapture log = new LogCapture("io.subito.container")) {
            int port = s.server.httpsPort();
            assertThrows(IOException.class, () -> get(certs.clientContext(expired), port));
            refusal(log, "PKIX path validation failed", "validity check failed");
            assertEquals("HTTP/1.1 200 OK", get(certs.clientContext(alice), port));
        }
    }

    @Test
    void aClientRefusingTheServersCertificateForAnotherHostIsLoggedNamingItsAlert() throws Exception {
        TestCertificates.Server otherHost = certs.server("elsewhere", "EC", "elsewhere.test");
        try (TestServer s = https(TlsSettings.pem(otherHost.certificate(), otherHost.key()));
                LogCapture log = new LogCapture("io.subito.container")) {
            int port = s.server.httpsPort();
            SSLException e = assertThrows(SSLException.class, () -> {
                try (SSLSocket socket = (SSLSocket) certs.clientContext().getSocketFactory().createSocket("localhost", port)) {
                    socket.setSoTimeout(30_000);
                    SSLParameters checkHost = socket.getSSLParameters();
                    checkHost.setEndpointIdentificationAlgorithm("HTTPS");
                    socket.setSSLParameters(checkHost);
                    socket.startHandshake();
                }
            });
            assertTrue(String.valueOf(e.getMessage()).contains("localhost"), "the client names the host the certificate is not for: " + e);
            refusal(log, "certificate_unknown");
            // the certificate's own address still works
            HttpClient http = HttpClient.newBuilder().sslContext(certs.clientContext()).version(HttpClient.Version.HTTP_1_1).build();
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/x")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }
}
