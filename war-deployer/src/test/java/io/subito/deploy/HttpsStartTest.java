package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.tls.TestCertificates;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server main with HTTPS settings: it serves both ports, and bad TLS settings end the start with exit code 2 naming the key. */
class HttpsStartTest {
    @TempDir
    static Path certDir;
    static TestCertificates certs;
    static TestCertificates.Server server;

    @TempDir
    Path home;

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.create(certDir);
        server = certs.server("localhost", "EC");
        Files.writeString(certDir.resolve("wrong.pass"), "hunter2-not-it\n");
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void theServerServesHttpsBesideHttp() throws Exception {
        int https = freePort();
        try (ServerProcess p = new ServerProcess(home, "httpsPort=" + https + "\ntls.certificate=" + server.certificate()
                + "\ntls.key=" + server.key() + "\n")) {
            String banner = p.awaitBanner();
            assertTrue(banner.contains("https://127.0.0.1:" + https + "/"), banner);
            HttpClient http = HttpClient.newBuilder().sslContext(certs.clientContext()).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + https + "/nothing-here")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, r.statusCode());
            int code = p.stop();
            assertTrue(code == 143 || code == 0, "a graceful stop on SIGTERM: " + code);
        }
    }

    @Test
    void aWrongKeystorePasswordEndsTheStartWithExitCode2NamingTheKeyNotThePassword() throws Exception {
        try (ServerProcess p = new ServerProcess(home, "httpsPort=0\ntls.keystore=" + server.pkcs12()
                + "\ntls.keystorePasswordFile=" + certDir.resolve("wrong.pass") + "\n")) {
            assertEquals(2, p.awaitExit());
            String out = p.text();
            assertTrue(out.contains("tls.keystore=") && out.contains("wrong tls.keystorePasswordFile"), out);
            assertFalse(out.contains("hunter2"), out);
        }
    }

    @Test
    void aMissingKeyFileEndsTheStartWithExitCode2() throws Exception {
        try (ServerProcess p = new ServerProcess(home, "httpsPort=0\ntls.certificate=" + server.certificate()
                + "\ntls.key=" + certDir.resolve("missing.key") + "\n")) {
            assertEquals(2, p.awaitExit());
            assertTrue(p.text().contains("tls.key=" + certDir.resolve("missing.key") + ": no such file"), p.text());
        }
    }
}
