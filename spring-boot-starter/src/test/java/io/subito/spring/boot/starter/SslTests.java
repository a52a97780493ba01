package io.subito.spring.boot.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.subito.container.tls.TestCertificates;
import io.subito.spring.boot.SubitoWebServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code server.ssl.*} and SSL bundles: {@code server.port} becomes the HTTPS listener's port
 * (one listener, as Tomcat's one connector), with the bundle's certificate, protocols, cipher
 * suites, client authentication and trust store. Each test starts the application itself, with
 * certificates made for it by openssl.
 */
@ExtendWith(OutputCaptureExtension.class)
class SslTests {
    @TempDir
    static Path dir;
    static TestCertificates certs;
    static TestCertificates.Server server;
    static TestCertificates.Server client;

    @BeforeAll
    static void makeCertificates() throws IOException {
        certs = TestCertificates.create(dir);
        server = certs.server("server", "EC");
        client = certs.server("client", "EC");
    }



    private static HttpResponse<String> https(SSLContext ssl, int port, String path, String... protocols)
            throws IOException, InterruptedException {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(ssl)
                .connectTimeout(Duration.ofSeconds(10));
        if (protocols.length > 0) {
            SSLParameters p = new SSLParameters();
            p.setProtocols(protocols);
            b.sslParameters(p);
        }
        return b.build().send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void serverSslWithPemFilesServesHttpsOnServerPortAndNoPlainHttp() throws Exception {
        try (ConfigurableApplicationContext app = Shop.start(
                "server.ssl.certificate=file:" + server.certificate(),
                "server.ssl.certificate-private-key=file:" + server.key())) {
            int port = Shop.port(app);
            assertThat(((ServletWebServerApplicationContext) app).getWebServer()).isInstanceOf(SubitoWebServer.class);
            assertThat(app.getEnvironment().getProperty("local.server.port", Integer.class)).isEqualTo(port);

            HttpResponse<String> r = https(certs.clientContext(), port, "/origin");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("https true 127.0.0.1 127.0.0.1 " + port);

            // the one listener speaks TLS only: plain HTTP there gets Tomcat's answer
            HttpResponse<String> plain = Http.get(port, "/origin");
            assertThat(plain.statusCode()).isEqualTo(400);
            assertThat(plain.body()).contains("requires TLS");
        }
    }

    @Test
    void aPemBundleWithClientAuthNeedServesAClientWithACertificateAndRefusesOneWithout() throws Exception {
        try (ConfigurableApplicationContext app = Shop.start(
                "spring.ssl.bundle.pem.web.keystore.certificate=file:" + server.certificate(),
                "spring.ssl.bundle.pem.web.keystore.private-key=file:" + server.key(),
                "spring.ssl.bundle.pem.web.truststore.certificate=file:" + certs.caCert,
                "server.ssl.bundle=web",
                "server.ssl.client-auth=need")) {
            int port = Shop.port(app);
            assertThat(https(certs.clientContext(client), port, "/greeting").statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> https(certs.clientContext(), port, "/greeting")).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aKeystoreBundleWithKeyAliasProtocolAndCipherIsWhatTheHandshakeNegotiates() throws Exception {
        String cipher = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
        try (ConfigurableApplicationContext app = Shop.start(
                "spring.ssl.bundle.jks.store.keystore.location=file:" + server.pkcs12(),
                "spring.ssl.bundle.jks.store.keystore.password=changeit",
                "spring.ssl.bundle.jks.store.keystore.type=PKCS12",
                "spring.ssl.bundle.jks.store.key.alias=server",
                "spring.ssl.bundle.jks.store.options.enabled-protocols=TLSv1.2",
                "spring.ssl.bundle.jks.store.options.ciphers=" + cipher,
                "server.ssl.bundle=store")) {
            int port = Shop.port(app);
            HttpResponse<String> r = https(certs.clientContext(), port, "/greeting");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.sslSession()).hasValueSatisfying(s -> {
                assertThat(s.getProtocol()).isEqualTo("TLSv1.2");
                assertThat(s.getCipherSuite()).isEqualTo(cipher);
            });
            // a client offering TLS 1.3 only finds nothing in common
            assertThatThrownBy(() -> https(certs.clientContext(), port, "/greeting", "TLSv1.3"))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aBundleReloadedOnUpdateServesItsNewCertificateWithoutARestart() throws Exception {
        Path cert = dir.resolve("reload.pem");
        Path key = dir.resolve("reload.key");
        Files.copy(server.certificate(), cert, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(server.key(), key, StandardCopyOption.REPLACE_EXISTING);
        try (ConfigurableApplicationContext app = Shop.start(
                "spring.ssl.bundle.pem.live.keystore.certificate=file:" + cert,
                "spring.ssl.bundle.pem.live.keystore.private-key=file:" + key,
                "spring.ssl.bundle.pem.live.reload-on-update=true",
                "spring.ssl.bundle.watch.file.quiet-period=100ms",
                "server.ssl.bundle=live")) {
            int port = Shop.port(app);
            assertThat(peer(port)).isEqualTo("CN=server");
            // the files change under the running server (written beside and moved, as a deployment would)
            Files.copy(client.certificate(), dir.resolve("reload.pem.new"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(client.key(), dir.resolve("reload.key.new"), StandardCopyOption.REPLACE_EXISTING);
            Files.move(dir.resolve("reload.key.new"), key, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(dir.resolve("reload.pem.new"), cert, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String seen = peer(port);
            while (!seen.equals("CN=client") && System.nanoTime() < deadline) {
                Thread.sleep(200); // polling what a new handshake presents; the reload has no event to wait on
                seen = peer(port);
            }
            assertThat(seen).isEqualTo("CN=client");
        }
    }

    /** The certificate subject a new connection's handshake presents. */
    private static String peer(int port) throws Exception {
        return https(certs.clientContext(), port, "/greeting").sslSession().orElseThrow().getPeerPrincipal().getName();
    }

    @Test
    void serverSslKeyStoreAndKeyAliasServeTheNamedEntry() throws Exception {
        try (ConfigurableApplicationContext app = Shop.start(
                "server.ssl.key-store=file:" + client.pkcs12(),
                "server.ssl.key-store-password=changeit",
                "server.ssl.key-store-type=PKCS12",
                "server.ssl.key-alias=client")) {
            HttpResponse<String> r = https(certs.clientContext(), Shop.port(app), "/greeting");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.sslSession().orElseThrow().getPeerPrincipal().getName()).isEqualTo("CN=client");
        }
    }

    @Test
    void aKeyAliasTheKeyStoreDoesNotHoldFailsTheStartNamingIt(CapturedOutput output) {
        assertThatThrownBy(() -> Shop.start(
                "server.ssl.key-store=file:" + server.pkcs12(),
                "server.ssl.key-store-password=changeit",
                "server.ssl.key-alias=nobody"))
                .hasStackTraceContaining("nobody");
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("Invalid value 'nobody' for configuration property 'server.ssl.key-alias'");
    }

    @Test
    void clientAuthWithoutATrustStoreFailsTheStartNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> Shop.start(
                "server.ssl.certificate=file:" + server.certificate(),
                "server.ssl.certificate-private-key=file:" + server.key(),
                "server.ssl.client-auth=need"))
                .hasStackTraceContaining("server.ssl.client-auth=need needs a trust store");
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("Invalid value 'need' for configuration property 'server.ssl.client-auth'");
    }

    @Test
    void cipherSuitesTheJvmDoesNotKnowFailTheStartNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> Shop.start(
                "server.ssl.certificate=file:" + server.certificate(),
                "server.ssl.certificate-private-key=file:" + server.key(),
                "server.ssl.ciphers=TLS_NOT_A_CIPHER"))
                .hasStackTraceContaining("TLS_NOT_A_CIPHER");
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("configuration property 'server.ssl.ciphers'");
    }
}
