package io.subito.spring.boot.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.subito.container.tls.TestCertificates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code server.http2.enabled}: on, the application answers HTTP/2 over TLS (h2 chosen by ALPN)
 * and on a plain port (h2c by Upgrade); off (Spring Boot's default), HTTP/1.1 only, as with
 * Tomcat. The JDK's HTTP client asks for HTTP/2 in every test.
 */
class Http2Tests {
    @TempDir
    static Path dir;
    static TestCertificates certs;
    static TestCertificates.Server server;

    @BeforeAll
    static void makeCertificates() throws IOException {
        certs = TestCertificates.create(dir);
        server = certs.server("server", "EC");
    }

    private static HttpResponse<String> http2Get(SSLContext ssl, String url) throws IOException, InterruptedException {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(10));
        if (ssl != null) {
            b.sslContext(ssl);
        }
        // a client per request: each test's first request starts a new connection (ALPN or Upgrade)
        return b.build().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static ConfigurableApplicationContext https(String... more) {
        String[] props = new String[more.length + 2];
        props[0] = "server.ssl.certificate=file:" + server.certificate();
        props[1] = "server.ssl.certificate-private-key=file:" + server.key();
        System.arraycopy(more, 0, props, 2, more.length);
        return Shop.start(props);
    }

    @Test
    void withHttp2EnabledAnHttpsClientGetsH2ChosenByAlpn() throws Exception {
        try (ConfigurableApplicationContext app = https("server.http2.enabled=true")) {
            String base = "https://127.0.0.1:" + Shop.port(app);
            HttpResponse<String> r = http2Get(certs.clientContext(), base + "/protocol");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(r.sslSession().orElseThrow().getProtocol()).startsWith("TLSv1.");
            assertThat(r.body()).isEqualTo("HTTP/2.0 https");

            HttpResponse<String> json = http2Get(certs.clientContext(), base + "/greeting?name=h2");
            assertThat(json.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(json.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(json.body()).contains("\"message\":\"Hello, h2\"");
        }
    }

    @Test
    void withHttp2EnabledAPlainConnectionIsUpgradedToH2c() throws Exception {
        try (ConfigurableApplicationContext app = Shop.start("server.http2.enabled=true")) {
            HttpResponse<String> r = http2Get(null, "http://127.0.0.1:" + Shop.port(app) + "/protocol");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(r.body()).isEqualTo("HTTP/2.0 http");
        }
    }

    @Test
    void byDefaultTheServerSpeaksHttp11OnlyOverTlsAndPlain() throws Exception {
        try (ConfigurableApplicationContext app = https()) {
            HttpResponse<String> r = http2Get(certs.clientContext(), "https://127.0.0.1:" + Shop.port(app) + "/protocol");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(r.body()).isEqualTo("HTTP/1.1 https");
        }
        try (ConfigurableApplicationContext app = Shop.start("server.http2.enabled=false")) {
            // the client's Upgrade: h2c is not taken up; the request is answered over HTTP/1.1
            HttpResponse<String> r = http2Get(null, "http://127.0.0.1:" + Shop.port(app) + "/protocol");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(r.body()).isEqualTo("HTTP/1.1 http");
        }
    }
}
