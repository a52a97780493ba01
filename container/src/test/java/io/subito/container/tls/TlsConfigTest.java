package io.subito.container.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS settings of conf/server.properties: what loads, and the message of what does not. */
class TlsConfigTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;
    static TestCertificates.Server rsa;
    static TestCertificates.Server ec;

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.create(dir);
        rsa = certs.server("rsa", "RSA");
        ec = certs.server("ec", "EC");
        Files.writeString(dir.resolve("good.pass"), "changeit\n");
        Files.writeString(dir.resolve("bad.pass"), "s3cr3t-wrong\n");
        ProcessBuilder keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-importkeystore", "-srckeystore", rsa.pkcs12().toString(), "-srcstoretype", "PKCS12", "-srcstorepass", "changeit",
                "-destkeystore", dir.resolve("rsa.jks").toString(), "-deststoretype", "JKS", "-deststorepass", "changeit",
                "-noprompt").redirectErrorStream(true);
        Process p = keytool.start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
    }

    private static Properties props(String... kv) {
        Properties p = new Properties();
        p.setProperty("httpsPort", "0");
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    private static String failure(Properties p) {
        return assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromProperties(p)).getMessage();
    }

    @Test
    void pemChainsWithRsaAndEcKeysLoad() {
        for (TestCertificates.Server s : new TestCertificates.Server[] {rsa, ec}) {
            ServerConfig c = ServerConfig.fromProperties(props("tls.certificate", s.certificate().toString(), "tls.key", s.key().toString()));
            assertEquals(0, c.httpsPort());
            assertEquals(TlsSettings.DEFAULT_PROTOCOLS, c.tls().protocols());
        }
    }

    @Test
    void pkcs12AndJksKeystoresLoadWithThePasswordFromAFile() {
        ServerConfig.fromProperties(props("tls.keystore", rsa.pkcs12().toString(),
                "tls.keystorePasswordFile", dir.resolve("good.pass").toString()));
        ServerConfig.fromProperties(props("tls.keystore", dir.resolve("rsa.jks").toString(), "tls.keystoreType", "JKS",
                "tls.keystorePasswordFile", dir.resolve("good.pass").toString()));
    }

    @Test
    void noTlsKeysMeansNoHttps() {
        Properties p = new Properties();
        ServerConfig c = ServerConfig.fromProperties(p);
        assertEquals(-1, c.httpsPort());
        assertNull(c.tls());
    }

    @Test
    void httpsPortWithoutACertificateIsRefusedNamingWhatIsMissing() {
        String m = failure(props());
        assertTrue(m.contains("httpsPort=0 needs tls.certificate and tls.key, or tls.keystore"), m);
    }

    @Test
    void aMissingFileIsNamedWithItsKey() {
        String m = failure(props("tls.certificate", dir.resolve("nope.pem").toString(), "tls.key", rsa.key().toString()));
        assertTrue(m.contains("tls.certificate=") && m.contains("nope.pem: no such file"), m);
        String k = failure(props("tls.certificate", rsa.certificate().toString()));
        assertTrue(k.contains("tls.key is missing"), k);
    }

    @Test
    void aWrongPasswordIsNamedByItsSettingNeverByItsValue() {
        String m = failure(props("tls.keystore", rsa.pkcs12().toString(), "tls.keystorePasswordFile", dir.resolve("bad.pass").toString()));
        assertTrue(m.contains("tls.keystore=") && m.contains("wrong tls.keystorePasswordFile"), m);
        assertFalse(m.contains("s3cr3t"), m);
    }

    @Test
    void aPasswordFromAnUnsetEnvironmentVariableIsReported() {
        String m = failure(props("tls.keystore", rsa.pkcs12().toString(), "tls.keystorePasswordEnv", "SUBITO_TEST_NO_SUCH_VARIABLE"));
        assertTrue(m.contains("tls.keystorePasswordEnv=SUBITO_TEST_NO_SUCH_VARIABLE: the environment variable is not set"), m);
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateIsRefused() {
        String m = failure(props("tls.certificate", rsa.certificate().toString(), "tls.key", ec.key().toString()));
        assertTrue(m.contains("tls.key=") && m.contains("does not match the certificate CN=rsa"), m);
        String same = failure(props("tls.certificate", ec.certificate().toString(), "tls.key", certs.dir.resolve("ca.key").toString()));
        assertTrue(same.contains("does not match"), same);
    }

    @Test
    void aPkcs1KeyGetsTheCommandThatConvertsIt() throws Exception {
        certs.openssl("pkey", "-in", "rsa.key", "-traditional", "-out", "rsa.pkcs1.key");
        String m = failure(props("tls.certificate", rsa.certificate().toString(), "tls.key", dir.resolve("rsa.pkcs1.key").toString()));
        assertTrue(m.contains("openssl pkcs8 -topk8"), m);
    }

    @Test
    void unsupportedCiphersAndAnUnknownClientAuthAreRefused() {
        String m = failure(props("tls.certificate", rsa.certificate().toString(), "tls.key", rsa.key().toString(), "tls.ciphers", "NO_SUCH_SUITE"));
        assertTrue(m.contains("tls.ciphers=NO_SUCH_SUITE: none is supported"), m);
        String a = failure(props("tls.certificate", rsa.certificate().toString(), "tls.key", rsa.key().toString(), "tls.clientAuth", "maybe"));
        assertTrue(a.contains("tls.clientAuth=maybe is not one of none, want, need"), a);
    }

    @Test
    void theInlineTaskBoundIsReadAndANegativeOneIsRefused() {
        String cert = rsa.certificate().toString();
        String key = rsa.key().toString();
        assertEquals(1_000, TlsSettings.fromProperties(props("tls.certificate", cert, "tls.key", key)).inlineTaskMicros());
        assertEquals(0, TlsSettings.fromProperties(props("tls.certificate", cert, "tls.key", key, "tls.inlineTaskMicros", "0")).inlineTaskMicros());
        String m = failure(props("tls.certificate", cert, "tls.key", key, "tls.inlineTaskMicros", "-5"));
        assertTrue(m.contains("tls.inlineTaskMicros=-5 must be at least 0"), m);
        String n = failure(props("tls.certificate", cert, "tls.key", key, "tls.inlineTaskMicros", "fast"));
        assertTrue(n.contains("tls.inlineTaskMicros=fast is not a number"), n);
    }

    @Test
    void theSettingsPrintNoSecret() throws Exception {
        ServerConfig c = ServerConfig.fromProperties(props("tls.keystore", rsa.pkcs12().toString(),
                "tls.keystorePasswordFile", dir.resolve("good.pass").toString()));
        assertFalse(c.tls().toString().contains("changeit"));
        assertFalse(String.valueOf(c.tls().main().keystorePassword()).contains("changeit"));
    }
}
