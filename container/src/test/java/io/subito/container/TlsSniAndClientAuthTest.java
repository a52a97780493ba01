package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.tls.TestCertificates;
import io.subito.container.tls.TlsSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several certificates chosen by SNI, and client certificates (clientAuth want/need) over real sockets. */
class TlsSniAndClientAuthTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;
    static TestCertificates.Server main;
    static TestCertificates.Server other;
    static TestCertificates.Server clientCert;

    /** Answers with the subject of the client's certificate, or "anonymous". */
    static final HttpHandler WHO = exchange -> {
        String who;
        try {
            who = ((X509Certificate) exchange.tlsSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            who = "anonymous";
        }
        exchange.response().output().write(who.getBytes(StandardCharsets.UTF_8));
    };

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.create(dir);
        main = certs.server("main", "EC", "localhost");
        other = certs.server("other", "RSA", "other.test");
        clientCert = certs.server("alice", "EC", "alice.test");
    }

    /** The subject of the certificate the server shows a client asking for {@code sni} (null: naming no host). */
    static String serverSubject(SSLContext ctx, int port, String sni) throws IOException {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            if (sni != null) {
                SSLParameters p = s.getSSLParameters();
                p.setServerNames(List.of(new SNIHostName(sni)));
                s.setSSLParameters(p);
            }
            s.startHandshake();
            return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        }
    }

    @Test
    void theCertificateIsChosenByTheRequestedNameWithTheDefaultForOthers() throws Exception {
        TlsSettings tls = TlsSettings.pem(main.certificate(), main.key())
                .sni("other.test", new TlsSettings.Credentials(other.certificate(), other.key(), null, null, null, null, "tls.sni.other.test."));
        try (TestServer s = TestServer.start(TestServer.config(ExecutionMode.POOL).httpsPort(0).tls(tls), Handlers.ECHO)) {
            int port = s.server.httpsPort();
            // a client context each: one would resume its first session, certificate included
            assertEquals("CN=other", serverSubject(certs.clientContext(), port, "other.test"));
            assertEquals("CN=main", serverSubject(certs.clientContext(), port, "localhost"));
            assertEquals("CN=main", serverSubject(certs.clientContext(), port, "unknown.test"));
        }
    }

    private static SSLContext clientWithCertificate() throws Exception {
        return certs.clientContext(clientCert);
    }

    private static String get(SSLContext ctx, int port) throws IOException {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("localhost", port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(Handlers.get("/who", "Connection: close").getBytes(StandardCharsets.ISO_8859_1));
            String r = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return r.substring(r.indexOf("\r\n\r\n") + 4);
        }
    }

    @Test
    void clientAuthNeedRefusesAClientWithoutCertificateAndShowsTheOneThatHasIt() throws Exception {
        TlsSettings tls = TlsSettings.pem(main.certificate(), main.key()).clientAuth(TlsSettings.ClientAuth.NEED)
                .truststore(certs.caCert, "PKCS12", null);
        try (TestServer s = TestServer.start(TestServer.config(ExecutionMode.POOL).httpsPort(0).tls(tls), WHO)) {
            assertEquals("CN=alice", get(clientWithCertificate(), s.server.httpsPort()));
            // TLS 1.3: the refusal may come with the handshake or at the first read
            assertThrows(IOException.class, () -> get(certs.clientContext(), s.server.httpsPort()));
        }
    }

    @Test
    void clientAuthWantServesAnonymousClientsToo() throws Exception {
        TlsSettings tls = TlsSettings.pem(main.certificate(), main.key()).clientAuth(TlsSettings.ClientAuth.WANT)
                .truststore(certs.caCert, "PKCS12", null);
        try (TestServer s = TestServer.start(TestServer.config(ExecutionMode.POOL).httpsPort(0).tls(tls), WHO)) {
            assertEquals("anonymous", get(certs.clientContext(), s.server.httpsPort()));
            assertTrue(get(clientWithCertificate(), s.server.httpsPort()).equals("CN=alice"));
        }
    }

    @Test
    void aPemTrustStoreNamedWithoutPemIsReadByItsContent() throws Exception {
        Path bundle = certs.dir.resolve("ca-bundle");
        java.nio.file.Files.copy(certs.caCert, bundle, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        TlsSettings tls = TlsSettings.pem(main.certificate(), main.key()).clientAuth(TlsSettings.ClientAuth.NEED)
                .truststore(bundle, "PKCS12", null);
        try (TestServer s = TestServer.start(TestServer.config(ExecutionMode.POOL).httpsPort(0).tls(tls), WHO)) {
            assertEquals("CN=alice", get(clientWithCertificate(), s.server.httpsPort()));
        }
    }
}
