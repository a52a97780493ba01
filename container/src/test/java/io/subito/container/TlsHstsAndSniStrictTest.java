package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.tls.TestCertificates;
import io.subito.container.tls.TlsSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tls.hsts (Strict-Transport-Security on HTTPS responses only) and tls.sniStrict (unrecognized_name for unknown host names). */
class TlsHstsAndSniStrictTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;
    static TestCertificates.Server main;
    static TestCertificates.Server other;

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.create(dir);
        main = certs.server("main", "EC", "localhost", "*.apps.test");
        other = certs.server("other", "RSA", "other.test");
    }

    static HttpResponse<String> get(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(certs.clientContext()).build();
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void hstsIsOnHttpsResponsesOnlyAndAnApplicationsOwnValueWins() throws Exception {
        TlsSettings tls = TlsSettings.pem(main.certificate(), main.key()).hsts("max-age=31536000; includeSubDomains");
        HttpHandler h = exchange -> {
            if (exchange.request().path().equals("/own")) {
                exchange.response().setHeader("Strict-Transport-Security", "max-age=60");
            }
            Handlers.ECHO.handle(exchange);
        };
        try (TestServer s = TestServer.start(TestServer.config(ExecutionMode.POOL).httpsPort(0).tls(tls), h)) {
            HttpResponse<String> secure = get("https://localhost:" + s.server.httpsPort() + "/a");
            assertEquals(List.of("max-age=31536000; includeSubDomains"), secure.headers().allValues("Strict-Transport-Security"));
            assertEquals(List.of("max-age=60"), get("https://localhost:" + s.server.httpsPort() + "/own")
                    .headers().allValues("Strict-Transport-Security"));
            HttpResponse<String> plain = get("http://127.0.0.1:" + s.port() + "/a");
            assertEquals(200, plain.statusCode());
            assertTrue(plain.headers().allValues("Strict-Transport-Security").isEmpty(), "never over plain HTTP (RFC 6797 7.2)");
        }
    }

    @Test
    void hstsIsOffByDefault() throws Exception {
        try (TestServer s = TestServer.start(TestServer.config(ExecutionMode.POOL).httpsPort(0)
                .tls(TlsSettings.pem(main.certificate(), main.key())), Handlers.ECHO)) {
            assertFalse(get("https://localhost:" + s.server.httpsPort() + "/a").headers().firstValue("Strict-Transport-Security").isPresent());
        }
    }

    @Test
    void anHstsValueWithoutMaxAgeIsRefusedNamingTheKey() {
        Properties p = new Properties();
        p.setProperty("tls.certificate", main.certificate().toString());
        p.setProperty("tls.key", main.key().toString());
        p.setProperty("tls.hsts", "includeSubDomains");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TlsSettings.fromProperties(p));
        assertTrue(e.getMessage().startsWith("tls.hsts=includeSubDomains"), e.getMessage());
    }

    static String subject(int port, String sni) throws Exception {
        return TlsSniAndClientAuthTest.serverSubject(certs.clientContext(), port, sni);
    }

    @Test
    void sniStrictRefusesANameNoCertificateIsForWithUnrecognizedName() throws Exception {
        TlsSettings tls = TlsSettings.pem(main.certificate(), main.key()).sniStrict(true)
                .sni("other.test", new TlsSettings.Credentials(other.certificate(), other.key(), null, null, null, null, "tls.sni.other.test."));
        try (TestServer s = TestServer.start(TestServer.config(ExecutionMode.POOL).httpsPort(0).tls(tls), Handlers.ECHO);
                LogCapture log = new LogCapture("io.subito.container")) {
            int port = s.server.httpsPort();
            assertEquals("CN=main", subject(port, "localhost"));
            assertEquals("CN=main", subject(port, "x.apps.test")); // the wildcard's one label
            assertEquals("CN=other", subject(port, "other.test"));
            assertEquals("CN=main", subject(port, null)); // no name asked: the default
            SSLException refused = assertThrows(SSLException.class, () -> subject(port, "unknown.test"));
            assertTrue(String.valueOf(refused.getMessage()).contains("unrecognized_name"), refused.toString());
            assertThrows(SSLException.class, () -> subject(port, "a.b.apps.test")); // a wildcard covers one label only
            TlsSocketTest.Result openssl = TlsSocketTest.run("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                    "-servername", "unknown.test", "-CAfile", certs.caCert.toString());
            assertNotEquals(0, openssl.exit(), openssl.output());
            assertTrue(openssl.output().contains("unrecognized name"), openssl.output());
            log.await("TLS refused", "server name");
        }
    }

    @Test
    void withoutSniStrictAnUnknownNameGetsTheDefaultCertificate() throws Exception {
        try (TestServer s = TestServer.start(TestServer.config(ExecutionMode.POOL).httpsPort(0)
                .tls(TlsSettings.pem(main.certificate(), main.key())), Handlers.ECHO)) {
            assertEquals("CN=main", subject(s.server.httpsPort(), "unknown.test"));
        }
    }
}
