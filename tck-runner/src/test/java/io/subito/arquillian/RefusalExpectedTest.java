package io.subito.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.example.greeting.GreetingServlet;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code refusalExpected}: an archive the deployer refuses counts as deployed with nothing in
 * service when its name matches, and fails the deployment, naming the cause, when it does not.
 */
class RefusalExpectedTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private SubitoDeployableContainer container;

    private SubitoDeployableContainer started(String refusalExpected) throws Exception {
        SubitoContainerConfiguration config = new SubitoContainerConfiguration();
        config.setRefusalExpected(refusalExpected);
        config.validate();
        container = new SubitoDeployableContainer();
        container.setup(config);
        container.start();
        return container;
    }

    @AfterEach
    void stop() {
        if (container != null) {
            container.stop();
        }
    }

    /** A servlet that would answer, and a web.xml the deployer refuses: nothing of it may serve. */
    private static WebArchive refusedWar(String name) {
        return ShrinkWrap.create(WebArchive.class, name)
                .addClass(GreetingServlet.class)
                .addAsWebInfResource(new StringAsset("<web-app version=\"6.1\"><servlet>"), "web.xml");
    }

    private int status(HTTPContext http, String path) throws Exception {
        URI uri = URI.create("http://" + http.getHost() + ":" + http.getPort() + path);
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aRefusedArchiveWhoseNameMatchesCountsAsDeployedWithNothingInService() throws Exception {
        ProtocolMetaData meta = started("wsc_negdep_.*").deploy(refusedWar("wsc_negdep_broken_web.war"));

        HTTPContext http = meta.getContexts(HTTPContext.class).iterator().next();
        assertEquals("127.0.0.1", http.getHost());
        assertTrue(http.getServlets().isEmpty(), "a refused archive has no servlets to report");
        assertEquals(404, status(http, "/wsc_negdep_broken_web/greet?name=x"));
        container.undeploy(refusedWar("wsc_negdep_broken_web.war")); // nothing deployed: undeploying is harmless
    }

    @Test
    void aRefusedArchiveWhoseNameDoesNotMatchFailsTheDeploymentNamingTheCause() throws Exception {
        SubitoDeployableContainer c = started("wsc_negdep_.*");
        DeploymentException e = assertThrows(DeploymentException.class, () -> c.deploy(refusedWar("other_web.war")));
        assertTrue(e.getMessage().startsWith("Subito refused other_web.war: "), e.getMessage());
    }

    @Test
    void byDefaultEveryRefusalFailsTheDeployment() throws Exception {
        SubitoDeployableContainer c = started("");
        assertThrows(DeploymentException.class, () -> c.deploy(refusedWar("wsc_negdep_broken_web.war")));
    }

    @Test
    void anInvalidExpressionIsRefusedAtConfigurationNamingIt() {
        SubitoContainerConfiguration config = new SubitoContainerConfiguration();
        config.setRefusalExpected("wsc_(negdep");
        ConfigurationException e = assertThrows(ConfigurationException.class, config::validate);
        assertTrue(e.getMessage().contains("refusalExpected 'wsc_(negdep'"), e.getMessage());
    }
}
