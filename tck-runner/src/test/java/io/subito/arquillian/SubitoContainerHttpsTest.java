package io.subito.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.tls.TestCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.example.greeting.GreetingServlet;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter with the server's TLS keys: HTTPS only (bindHttpPort=-1), client certificates
 * wanted, and a WAR whose web.xml asks for CLIENT-CERT login against certUsers.
 */
class SubitoContainerHttpsTest {
    @TempDir
    Path dir;

    static final String WEB_XML = """
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <security-constraint>
                <web-resource-collection><web-resource-name>all</web-resource-name><url-pattern>/*</url-pattern></web-resource-collection>
                <auth-constraint><role-name>staff</role-name></auth-constraint>
              </security-constraint>
              <login-config><auth-method>CLIENT-CERT</auth-method></login-config>
              <security-role><role-name>staff</role-name></security-role>
            </web-app>
            """;

    @Test
    void anHttpsOnlyContainerServesAClientCertLoginWarAtHttpsUrls() throws Exception {
        TestCertificates certs = TestCertificates.create(dir);
        TestCertificates.Server host = certs.server("localhost", "EC");
        TestCertificates.Server ada = certs.server("ada", "EC", "ada.test");
        Path certUsers = dir.resolve("cert-users.properties");
        Files.writeString(certUsers, "ada.subject=CN=ada\nada.roles=staff\n");
        SubitoContainerConfiguration config = new SubitoContainerConfiguration();
        config.setBindHttpPort(-1);
        config.setBindHttpsPort(0);
        config.setTls("tls.certificate=" + host.certificate() + "; tls.key=" + host.key()
                + "; tls.clientAuth=want; tls.truststore=" + certs.caCert + "; tls.hsts=max-age=600");
        config.setCertUsers(certUsers.toString());
        config.validate();
        SubitoDeployableContainer container = new SubitoDeployableContainer();
        container.setup(config);
        container.start();
        try {
            WebArchive war = ShrinkWrap.create(WebArchive.class, "greeting.war").addClass(GreetingServlet.class)
                    .setWebXML(new StringAsset(WEB_XML));
            ProtocolMetaData meta = container.deploy(war);
            HTTPContext http = meta.getContexts(HTTPContext.class).iterator().next();
            assertEquals("https", http.getScheme());
            URI greet = URI.create("https://localhost:" + http.getPort() + "/greeting/greet?name=Ada");
            HttpResponse<String> r = HttpClient.newBuilder().sslContext(certs.clientContext(ada)).build()
                    .send(HttpRequest.newBuilder(greet).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().startsWith("Hello Ada from /greeting"), r.body());
            assertEquals("max-age=600", r.headers().firstValue("Strict-Transport-Security").orElseThrow());
            HttpResponse<String> anonymous = HttpClient.newBuilder().sslContext(certs.clientContext()).build()
                    .send(HttpRequest.newBuilder(greet).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode());
            container.undeploy(war);
        } finally {
            container.stop();
        }
    }

    @Test
    void badTlsPropertiesAreRefusedNamingTheKey() {
        SubitoContainerConfiguration config = new SubitoContainerConfiguration();
        config.setBindHttpsPort(0);
        ConfigurationException none = assertThrows(ConfigurationException.class, config::validate);
        assertTrue(none.getMessage().contains("tls.certificate"), none.getMessage());
        config.setTls("tls.certificate=/x.pem; tls.key=/x.key; tls.clientAuth=sometimes");
        ConfigurationException bad = assertThrows(ConfigurationException.class, config::validate);
        assertTrue(bad.getMessage().contains("tls.clientAuth=sometimes"), bad.getMessage());
        config.setBindHttpsPort(-1);
        config.setBindHttpPort(-1);
        assertThrows(ConfigurationException.class, config::validate);
    }
}
