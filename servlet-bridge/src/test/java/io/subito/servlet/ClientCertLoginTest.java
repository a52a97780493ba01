package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.tls.TestCertificates;
import io.subito.container.tls.TlsSettings;
import io.subito.servlet.security.CertificateUsers;
import io.subito.servlet.security.LoginConfig;
import io.subito.servlet.security.PropertiesRealm;
import io.subito.servlet.security.SecurityConstraint;
import io.subito.servlet.security.WebResourceCollection;
import io.subito.servlet.support.Servlets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CLIENT-CERT login over real HTTPS connections: the verified client certificate's subject is
 * the user (conf/cert-users.properties), with its roles; no certificate or an unknown one 401,
 * a missing role 403.
 */
class ClientCertLoginTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;
    static TestCertificates.Server alice;
    static TestCertificates.Server mallory;
    static Subito server;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.create(dir);
        TestCertificates.Server host = certs.server("localhost", "EC");
        alice = certs.server("alice", "EC", "alice.test");
        mallory = certs.server("mallory", "EC", "mallory.test"); // signed by the trusted CA, but no user
        Path users = dir.resolve("cert-users.properties");
        Files.writeString(users, """
                # user name = certificate subject, and roles
                alice.subject = cn=alice
                alice.roles = manager, staff
                """);
        PropertiesRealm realm = PropertiesRealm.of(new java.util.Properties()).certificateUsers(CertificateUsers.load(users));
        server = Subito.builder().port(0)
                .https(0, TlsSettings.pem(host.certificate(), host.key()).clientAuth(TlsSettings.ClientAuth.WANT)
                        .truststore(certs.caCert, "PKCS12", null))
                .realm(realm)
                .context("/app", ctx -> {
                    ctx.addServlet("who", Servlets.text(r -> r.getAuthType() + " " + r.getUserPrincipal().getName()
                            + " manager=" + r.isUserInRole("manager") + " admin=" + r.isUserInRole("admin")))
                            .addMapping("/managers/*", "/admins/*");
                    ctx.addSecurityConstraint(new SecurityConstraint(
                            List.of(new WebResourceCollection("m", List.of("/managers/*"), null, null)), true, Set.of("manager"), false));
                    ctx.addSecurityConstraint(new SecurityConstraint(
                            List.of(new WebResourceCollection("a", List.of("/admins/*"), null, null)), true, Set.of("admin"), false));
                    ctx.setLoginConfig(LoginConfig.clientCert());
                })
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static HttpResponse<String> get(SSLContext ctx, String path) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_1_1).build();
        return http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.httpsPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theCertificatesUserIsLoggedInWithItsRoles() throws Exception {
        HttpResponse<String> r = get(certs.clientContext(alice), "/app/managers/x");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("CLIENT_CERT alice manager=true admin=false", r.body());
    }

    @Test
    void aUserWithoutTheConstraintsRoleGets403() throws Exception {
        assertEquals(403, get(certs.clientContext(alice), "/app/admins/x").statusCode());
    }

    @Test
    void noCertificateGets401WithoutAChallenge() throws Exception {
        HttpResponse<String> r = get(certs.clientContext(), "/app/managers/x");
        assertEquals(401, r.statusCode());
        assertTrue(r.headers().firstValue("WWW-Authenticate").isEmpty(), "nothing a browser could answer with a password");
    }

    @Test
    void aTrustedCertificateThatIsNoUserGets401() throws Exception {
        assertEquals(401, get(certs.clientContext(mallory), "/app/managers/x").statusCode());
    }

    @Test
    void theMappingFileRefusesAKeyThatIsNeitherSubjectNorRoles() throws Exception {
        Path bad = dir.resolve("bad-cert-users.properties");
        Files.writeString(bad, "bob.subject=CN=bob\nbob.role=x\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CertificateUsers.load(bad));
        assertTrue(e.getMessage().contains("bad-cert-users.properties") && e.getMessage().contains("bob.role"), e.getMessage());
        Files.writeString(bad, "bob.roles=x\n");
        e = assertThrows(IllegalArgumentException.class, () -> CertificateUsers.load(bad));
        assertTrue(e.getMessage().contains("bob.subject is missing"), e.getMessage());
        Files.writeString(bad, "bob.subject=not a name\n");
        e = assertThrows(IllegalArgumentException.class, () -> CertificateUsers.load(bad));
        assertTrue(e.getMessage().contains("is not an X.500 name"), e.getMessage());
    }

    @Test
    void subjectsAreComparedAsX500NamesSoOneSubjectCannotBeTwoUsers() {
        CertificateUsers u = new CertificateUsers().user("CN=carol, O=Example", "carol");
        assertThrows(IllegalArgumentException.class, () -> u.user("cn=carol,o=example", "dave"), "the same name twice");
    }
}
