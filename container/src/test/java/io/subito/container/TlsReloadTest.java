package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.subito.container.tls.TestCertificates;
import io.subito.container.tls.TlsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates reloaded when their files change: new handshakes get the new one; a bad file keeps the old. */
class TlsReloadTest {
    @TempDir
    Path dir;

    private static String subject(TestCertificates certs, int port) throws Exception {
        try (SSLSocket s = (SSLSocket) certs.clientContext().getSocketFactory().createSocket("localhost", port)) {
            s.startHandshake();
            return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        }
    }

    private static String awaitSubject(TestCertificates certs, int port, String expected) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        String got;
        do {
            got = subject(certs, port);
            if (got.equals(expected)) {
                return got;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return got;
    }

    /** Settings naming copies of {@code first}'s files, checked for changes every 100 ms. */
    private TlsSettings liveFiles(TestCertificates.Server first) throws Exception {
        Path cert = dir.resolve("live.pem");
        Path key = dir.resolve("live.key");
        Files.copy(first.certificate(), cert);
        Files.copy(first.key(), key);
        return TlsSettings.pem(cert, key).reloadCheckMillis(100);
    }

    @Test
    void changedFilesAreUsedForNewHandshakesAndABadOneKeepsTheCurrent() throws Exception {
        TestCertificates certs = TestCertificates.create(dir);
        TestCertificates.Server first = certs.server("first", "EC", "localhost");
        TestCertificates.Server second = certs.server("second", "RSA", "localhost");
        TlsSettings tls = liveFiles(first);
        Path cert = tls.main().certificate();
        Path key = tls.main().key();
        try (TestServer s = TestServer.start(TestServer.config(ExecutionMode.POOL).httpsPort(0).tls(tls), Handlers.ECHO);
                LogCapture log = new LogCapture("io.subito.container")) {
            int port = s.server.httpsPort();
            assertEquals("CN=first", subject(certs, port));
            // a key that does not match the certificate (only the certificate replaced): logged, the old one stays
            Files.copy(second.certificate(), cert, StandardCopyOption.REPLACE_EXISTING);
            log.await("do not load, keeping the current ones", "does not match");
            assertEquals("CN=first", subject(certs, port));
            Files.copy(second.key(), key, StandardCopyOption.REPLACE_EXISTING);
            assertEquals("CN=second", awaitSubject(certs, port, "CN=second"));
            log.await("TLS certificates reloaded");
        }
    }

    @Test
    void aHalfWrittenCertificateAndAMissingKeyAreLoggedNamingTheFileAndTheCurrentOneStays() throws Exception {
        TestCertificates certs = TestCertificates.create(dir);
        TestCertificates.Server first = certs.server("first", "EC", "localhost");
        TestCertificates.Server second = certs.server("second", "EC", "localhost");
        TlsSettings tls = liveFiles(first);
        Path cert = tls.main().certificate();
        Path key = tls.main().key();
        try (TestServer s = TestServer.start(TestServer.config(ExecutionMode.POOL).httpsPort(0).tls(tls), Handlers.ECHO);
                LogCapture log = new LogCapture("io.subito.container")) {
            int port = s.server.httpsPort();
            // the start of a new certificate, as a copy still under way leaves it
            String whole = Files.readString(second.certificate());
            Files.writeString(cert, whole.substring(0, whole.length() / 4));
            LogRecord halfWritten = log.await("do not load, keeping the current ones", "tls.certificate=" + cert);
            assertEquals(Level.WARNING, halfWritten.getLevel());
            assertEquals("CN=first", subject(certs, port));
            // the rest arrives, but the key is gone (a rename in two steps)
            Files.copy(second.certificate(), cert, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(key);
            log.await("do not load, keeping the current ones", "tls.key=" + key, "no such file");
            assertEquals("CN=first", subject(certs, port));
            Files.copy(second.key(), key);
            assertEquals("CN=second", awaitSubject(certs, port, "CN=second"));
        }
    }
}
