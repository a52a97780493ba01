package io.subito.arquillian;

import io.subito.container.ServerConfig;
import io.subito.deploy.AppSettings;
import io.subito.deploy.Deployer;
import io.subito.deploy.Deployment;
import io.subito.deploy.SharedApiLoader;
import io.subito.servlet.config.RequestLimits;
import io.subito.servlet.config.ResponseSettings;
import io.subito.servlet.ServletHost;
import io.subito.servlet.WebAppContext;
import io.subito.servlet.security.CertificateUsers;
import io.subito.servlet.security.PropertiesRealm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * Arquillian container adapter: an embedded Subito on 127.0.0.1. Each archive is exported to a
 * WAR file and deployed through the real WAR deployer, at {@code /} + the archive name without
 * {@code .war}, exactly as if it had been dropped into {@code webapps/}.
 */
public final class SubitoDeployableContainer implements DeployableContainer<SubitoContainerConfiguration> {
    private static final Logger LOG = Logger.getLogger(SubitoDeployableContainer.class.getName());

    private SubitoContainerConfiguration config;
    private ServletHost host;
    private Deployer deployer;
    private Path base;

    @Override
    public Class<SubitoContainerConfiguration> getConfigurationClass() {
        return SubitoContainerConfiguration.class;
    }

    @Override
    public void setup(SubitoContainerConfiguration configuration) {
        this.config = configuration;
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    @Override
    public void start() throws LifecycleException {
        try {
            base = Files.createTempDirectory("subito-arquillian");
            ServerConfig engine = new ServerConfig().host(config.getBindAddress()).port(config.getBindHttpPort())
                    .allowTrace(config.isAllowTrace());
            if (config.getBindHttpsPort() >= 0) {
                engine.httpsPort(config.getBindHttpsPort()).tls(config.tlsSettings());
            }
            host = new ServletHost(engine);
            host.start();
            // the class loader a real server gives apps: the shared APIs only, not the test class path
            deployer = new Deployer(host, base.resolve("work"), new SharedApiLoader(getClass().getClassLoader()), realm(), 0,
                    RequestLimits.DEFAULTS, new AppSettings(config.isCrossContext(), null),
                    ResponseSettings.DEFAULTS.withRelativeRedirects(config.getRelativeRedirects()));
        } catch (IOException | IllegalArgumentException e) {
            throw new LifecycleException("cannot start Subito on " + config.getBindAddress() + ":"
                    + config.getBindHttpPort() + ": " + e.getMessage(), e);
        }
    }

    private PropertiesRealm realm() throws IOException {
        Properties users = new Properties();
        for (String entry : config.userEntries()) {
            int eq = entry.indexOf('=');
            users.setProperty(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        PropertiesRealm realm = PropertiesRealm.of(users);
        return config.getCertUsers().isBlank() ? realm
                : realm.certificateUsers(CertificateUsers.load(java.nio.file.Path.of(config.getCertUsers().trim())));
    }

    @Override
    public void stop() {
        if (deployer != null) {
            deployer.close();
        }
        if (host != null) {
            host.stop();
        }
        deleteTree(base);
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        Path war = warFile(archive);
        archive.as(ZipExporter.class).exportTo(war.toFile(), true);
        Deployment d;
        try {
            d = deployer.deploy(war);
        } catch (io.subito.deploy.DeploymentException e) {
            if (config.isRefusalExpected(archive.getName())) {
                LOG.warning(() -> "Subito refused " + archive.getName() + " (expected: refusalExpected '"
                        + config.getRefusalExpected() + "'): " + e.getMessage());
                return serverRoot();
            }
            throw new DeploymentException("Subito refused " + archive.getName() + ": " + e.getMessage(), e);
        }
        return metadata(d.context());
    }

    /** What a test of a refused archive is told: the server, with nothing deployed on it. */
    private ProtocolMetaData serverRoot() {
        return new ProtocolMetaData().addContext(new HTTPContext(config.getBindAddress(), host.port()));
    }

    /** Arquillian builds the test URL from the servlets it is told about; an empty list gives the server root. */
    private ProtocolMetaData metadata(WebAppContext context) {
        // HTTPS only (bindHttpPort=-1): the test URLs are https
        HTTPContext http = host.port() >= 0 ? new HTTPContext(config.getBindAddress(), host.port())
                : new HTTPContext(config.getBindAddress(), host.httpsPort(), true);
        String root = context.getContextPath();
        for (String name : context.servletContext().getServletRegistrations().keySet()) {
            http.add(new Servlet(name, root));
        }
        return new ProtocolMetaData().addContext(http);
    }

    @Override
    public void undeploy(Archive<?> archive) {
        Path war = warFile(archive);
        deployer.undeploy(war);
        try {
            Files.deleteIfExists(war);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + war, e);
        }
    }

    private Path warFile(Archive<?> archive) {
        String name = archive.getName();
        return base.resolve(name.endsWith(".war") ? name : name + ".war");
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
