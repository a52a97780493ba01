package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.tls.TestCertificates;
import io.subito.container.tls.TlsSettings;
import io.subito.servlet.security.SecurityConstraint;
import io.subito.servlet.security.WebResourceCollection;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a servlet sees of HTTPS: isSecure, the scheme and port, the TLS attributes; CONFIDENTIAL constraints redirect plain requests. */
class HttpsServletTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;
    static Subito server;
    static HttpClient http;

    static String describe(HttpServletRequest r) {
        Object chain = r.getAttribute("jakarta.servlet.request.X509Certificate");
        return r.isSecure() + " " + r.getScheme() + " " + r.getServerPort() + " " + r.getRequestURL()
                + " suite=" + r.getAttribute("jakarta.servlet.request.cipher_suite")
                + " bits=" + r.getAttribute("jakarta.servlet.request.key_size")
                + " id=" + r.getAttribute("jakarta.servlet.request.ssl_session_id")
                + " cert=" + (chain == null ? "none" : ((X509Certificate[]) chain)[0].getSubjectX500Principal().getName())
                + " names=" + Collections.list(r.getAttributeNames()).stream().filter(n -> n.startsWith("jakarta.servlet.request.")).sorted().toList()
                + " connectionSecure=" + r.getServletConnection().isSecure();
    }

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.create(dir);
        TestCertificates.Server s = certs.server("localhost", "EC");
        server = Subito.builder().port(0).https(0, TlsSettings.pem(s.certificate(), s.key()))
                .context("/c", ctx -> {
                    ctx.addServlet("info", Servlets.text(HttpsServletTest::describe)).addMapping("/info", "/secure/*");
                    ctx.addSecurityConstraint(new SecurityConstraint(
                            List.of(new WebResourceCollection("s", List.of("/secure/*"), null, null)), false, Set.of(), true));
                })
                .start();
        http = HttpClient.newBuilder().sslContext(certs.clientContext()).version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRequestOverHttpsIsSecureWithItsTlsAttributes() throws Exception {
        int port = server.httpsPort();
        String body = get("https://localhost:" + port + "/c/info").body();
        assertTrue(body.startsWith("true https " + port + " https://localhost:" + port + "/c/info suite=TLS_AES_"), body);
        assertTrue(body.matches(".* bits=(128|256) id=[0-9a-f]{64} cert=none .*"), body);
        assertTrue(body.contains("names=[jakarta.servlet.request.cipher_suite, jakarta.servlet.request.key_size, "
                + "jakarta.servlet.request.ssl_session_id] connectionSecure=true"), body);
    }

    @Test
    void aPlainRequestIsNotSecureAndHasNoTlsAttributes() throws Exception {
        String body = get("http://127.0.0.1:" + server.port() + "/c/info").body();
        assertEquals("false http " + server.port() + " http://127.0.0.1:" + server.port() + "/c/info suite=null bits=null id=null cert=none names=[] connectionSecure=false", body);
    }

    @Test
    void aConfidentialResourceAskedForInPlainIsRedirectedToTheHttpsPort() throws Exception {
        HttpResponse<String> r = get("http://localhost:" + server.port() + "/c/secure/page?x=1&y=2");
        assertEquals(302, r.statusCode());
        assertEquals("https://localhost:" + server.httpsPort() + "/c/secure/page?x=1&y=2", r.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> over = get("https://localhost:" + server.httpsPort() + "/c/secure/page?x=1&y=2");
        assertEquals(200, over.statusCode());
        assertTrue(over.body().startsWith("true https"), over.body());
    }

    @Test
    void aClientCertificateIsTheX509CertificateAttribute() throws Exception {
        TestCertificates.Server s = certs.server("server2", "EC");
        TestCertificates.Server alice = certs.server("alice", "RSA", "alice.test");
        TlsSettings tls = TlsSettings.pem(s.certificate(), s.key()).clientAuth(TlsSettings.ClientAuth.WANT)
                .truststore(certs.caCert, "PKCS12", null);
        try (Subito withAuth = Subito.builder().port(0).https(0, tls)
                .context("/c", ctx -> ctx.addServlet("info", Servlets.text(HttpsServletTest::describe)).addMapping("/info")).start()) {
            HttpClient withCert = HttpClient.newBuilder().sslContext(certs.clientContext(alice)).version(HttpClient.Version.HTTP_1_1).build();
            String body = withCert.send(HttpRequest.newBuilder(URI.create("https://localhost:" + withAuth.httpsPort() + "/c/info")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(body.contains(" cert=CN=alice "), body);
            assertTrue(body.contains("jakarta.servlet.request.X509Certificate"), body);
            String anonymous = get("https://localhost:" + withAuth.httpsPort() + "/c/info").body();
            assertTrue(anonymous.contains(" cert=none "), anonymous);
        }
    }

    @Test
    void withoutAnHttpsListenerAConfidentialResourceIsForbidden() throws Exception {
        try (Subito plain = Subito.builder().port(0).context("/c", ctx -> {
            ctx.addServlet("info", Servlets.text(HttpsServletTest::describe)).addMapping("/secure/*");
            ctx.addSecurityConstraint(new SecurityConstraint(
                    List.of(new WebResourceCollection("s", List.of("/secure/*"), null, null)), false, Set.of(), true));
        }).start()) {
            assertEquals(403, get("http://127.0.0.1:" + plain.port() + "/c/secure/x").statusCode());
        }
    }
}
