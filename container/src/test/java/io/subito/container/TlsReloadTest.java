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

    /** What each scenario works with: a server whose certificate files are copies of "first"'s. */
    private record Live(TestCertificates certs, TestCertificates.Server second, Path cert, Path key, int port,
            LogCapture log) {
        String subject() throws Exception {
            return TlsReloadTest.subject(certs, port);
        }
    }

    private interface Scenario {
        void run(Live live) throws Exception;
    }

    /**
     * Runs {@code scenario} against a server serving copies of a first EC certificate's files, checked
     * for changes every 100 ms, with a second certificate (key type {@code secondKeyType}) at hand.
     */
    private void withLiveFiles(String secondKeyType, Scenario scenario) throws Exception {
        TestCertificates certs = TestCertificates.create(dir);
        TestCertificates.Server first = certs.server("first", "EC", "localhost");
        TestCertificates.Server second = certs.server("second", secondKeyType, "localhost");
        Path cert = dir.resolve("live.pem");
        Path key = dir.resolve("live.key");
        Files.copy(first.certificate(), cert);
        Files.copy(first.key(), key);
        TlsSettings tls = TlsSettings.pem(cert, key).reloadCheckMillis(100);
        try (TestServer s = TestServer.start(TestServer.config(ExecutionMode.POOL).httpsPort(0).tls(tls), Handlers.ECHO);
                LogCapture log = new LogCapture("io.subito.container")) {
            scenario.run(new Live(certs, second, cert, key, s.server.httpsPort(), log));
        }
    }

    @Test
    void changedFilesAreUsedForNewHandshakesAndABadOneKeepsTheCurrent() throws Exception {
        withLiveFiles("RSA", live -> {
            assertEquals("CN=first", live.subject());
            // a key that does not match the certificate (only the certificate replaced): logged, the old one stays
            Files.copy(live.second().certificate(), live.cert(), StandardCopyOption.REPLACE_EXISTING);
            live.log().await("do not load, keeping the current ones", "does not match");
            assertEquals("CN=first", live.subject());
            Files.copy(live.second().key(), live.key(), StandardCopyOption.REPLACE_EXISTING);
            assertEquals("CN=second", awaitSubject(live.certs(), live.port(), "CN=second"));
            live.log().await("TLS certificates reloaded");
        });
    }

    @Test
    void aHalfWrittenCertificateAndAMissingKeyAreLoggedNamingTheFileAndTheCurrentOneStays() throws Exception {
        withLiveFiles("EC", live -> {
            // the start of a new certificate, as a copy still under way leaves it
            String whole = Files.readString(live.second().certificate());
            Files.writeString(live.cert(), whole.substring(0, whole.length() / 4));
            LogRecord halfWritten = live.log().await("do not load, keeping the current ones",
                    "tls.certificate=" + live.cert());
            assertEquals(Level.WARNING, halfWritten.getLevel());
            assertEquals("CN=first", live.subject());
            // the rest arrives, but the key is gone (a rename in two steps)
            Files.copy(live.second().certificate(), live.cert(), StandardCopyOption.REPLACE_EXISTING);
            Files.delete(live.key());
            live.log().await("do not load, keeping the current ones", "tls.key=" + live.key(), "no such file");
            assertEquals("CN=first", live.subject());
            Files.copy(live.second().key(), live.key());
            assertEquals("CN=second", awaitSubject(live.certs(), live.port(), "CN=second"));
        });
    }
}
