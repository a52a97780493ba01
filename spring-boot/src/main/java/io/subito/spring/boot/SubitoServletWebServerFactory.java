package io.subito.spring.boot;

import io.subito.container.ServerConfig;
import io.subito.servlet.ServletHost;
import io.subito.servlet.WebAppContext;
import io.subito.servlet.session.store.FileStore;
import io.subito.servlet.session.store.SessionStoreSettings;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.error.ErrorPage;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.Cookie.SameSite;
import org.springframework.boot.web.server.MimeMappings;
import org.springframework.boot.web.server.Shutdown;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerException;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.boot.web.server.servlet.DocumentRoot;
import org.springframework.boot.web.server.servlet.ServletContextInitializers;
import org.springframework.boot.web.server.servlet.ServletWebServerSettings;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Makes Subito the servlet web server of a Spring Boot application: one {@link WebAppContext}
 * at the configured context path on one engine. {@link #getWebServer} builds and starts the
 * context (Spring's initializers register the {@code DispatcherServlet}, filters and listeners
 * then); the port is bound only by {@link WebServer#start()}, as with Tomcat and Jetty.
 *
 * <p>Engine settings are the keys of Subito's {@code conf/server.properties}
 * ({@link #setEngineProperty}, bound from {@code server.subito.*} by the auto-configuration);
 * {@link SubitoServerCustomizer}s and {@link SubitoContextCustomizer}s reach the engine
 * configuration and the context directly.
 */
public class SubitoServletWebServerFactory extends AbstractConfigurableWebServerFactory
        implements ConfigurableServletWebServerFactory, ResourceLoaderAware {
    private static final Log LOG = LogFactory.getLog(SubitoServletWebServerFactory.class);
    /** Tomcat's and Jetty's default welcome files (their default web.xml). */
    private static final List<String> WELCOME_FILES = List.of("index.html", "index.htm", "index.jsp");
    private static final String JSP_EXTENSION = "io.subito.jsp.JspExtension";

    private final ServletWebServerSettings settings = new ServletWebServerSettings();
    private final Properties engineProperties = new Properties();
    private final List<SubitoServerCustomizer> serverCustomizers = new ArrayList<>();
    private final List<SubitoContextCustomizer> contextCustomizers = new ArrayList<>();
    private Duration shutdownGracePeriod = Duration.ofSeconds(30);
    private ResourceLoader resourceLoader;

    public SubitoServletWebServerFactory() {
    }

    public SubitoServletWebServerFactory(int port) {
        super(port);
    }

    @Override
    public ServletWebServerSettings getSettings() {
        return settings;
    }

    @Override
    public void setResourceLoader(ResourceLoader resourceLoader) {
        this.resourceLoader = resourceLoader;
    }

    /**
     * Sets one engine or request-limit setting by its {@code conf/server.properties} key
     * ({@code execution}, {@code loops}, {@code threads}, {@code maxHeadBytes},
     * {@code maxFormBytes} ...). Values are checked when the server is made, with a message
     * naming the key.
     */
    public void setEngineProperty(String key, String value) {
        engineProperties.setProperty(key, value);
    }

    public Properties getEngineProperties() {
        return engineProperties;
    }

    public Collection<SubitoServerCustomizer> getServerCustomizers() {
        return serverCustomizers;
    }

    public void addServerCustomizers(SubitoServerCustomizer... customizers) {
        serverCustomizers.addAll(Arrays.asList(customizers));
    }

    public Collection<SubitoContextCustomizer> getContextCustomizers() {
        return contextCustomizers;
    }

    public void addContextCustomizers(SubitoContextCustomizer... customizers) {
        contextCustomizers.addAll(Arrays.asList(customizers));
    }

    /**
     * How long a graceful shutdown ({@code server.shutdown=graceful}) lets requests in flight
     * finish; the auto-configuration sets {@code spring.lifecycle.timeout-per-shutdown-phase}.
     */
    public void setShutdownGracePeriod(Duration period) {
        shutdownGracePeriod = period;
    }

    public Duration getShutdownGracePeriod() {
        return shutdownGracePeriod;
    }

    @Override
    public WebServer getWebServer(ServletContextInitializer... initializers) {
        SslBundleTls tls = Ssl.isEnabled(getSsl()) ? sslBundleTls() : null;
        ServerConfig config;
        ServletHost host;
        try {
            config = engineConfig(tls);
            WebAppContext context = createContext(initializers);
            host = new ServletHost(config);
            try {
                host.deploy(context);
            } catch (ServletException | RuntimeException e) {
                host.stop();
                throw new WebServerException("Unable to start the embedded Subito server: the application context "
                        + displayPath() + " failed to start", e);
            }
        } catch (RuntimeException e) {
            if (tls != null) {
                tls.close();
            }
            throw e;
        }
        LOG.info("Subito initialized with port " + getPort() + (tls != null ? " (https)" : " (http)"));
        return new SubitoWebServer(host, config, getPort() >= 0,
                getShutdown() == Shutdown.GRACEFUL ? shutdownGracePeriod : null, tls);
    }

    /** The engine's configuration without SSL: the engine properties, then address and port, then the customizers. */
    protected ServerConfig engineConfig() {
        return engineConfig(null);
    }

    /**
     * The engine's configuration: the engine properties, then address and port, then the
     * customizers. With SSL, {@code server.port} is the HTTPS listener's and there is no plain
     * one (as Tomcat's single connector in Spring Boot).
     */
    private ServerConfig engineConfig(SslBundleTls tls) {
        ServerConfig config;
        try {
            EngineProperties.check(engineProperties); // the request limits too, before anything is made
            config = ServerConfig.fromProperties(engineProperties);
        } catch (IllegalArgumentException e) {
            throw new WebServerException("Invalid Subito setting: " + e.getMessage(), e);
        }
        config.host(getAddress() == null ? "0.0.0.0" : getAddress().getHostAddress());
        if (tls != null) {
            config.port(-1).httpsPort(Math.max(getPort(), 0)).tls(tls.settings());
        } else {
            config.port(Math.max(getPort(), 0));
        }
        // Spring Boot's server.http2.enabled (default false: HTTP/1.1 only, as Tomcat); on, h2c and h2 by ALPN
        config.http2(getHttp2() != null && getHttp2().isEnabled());
        config.shutdownGraceMillis(0); // a stop that is not the graceful one is immediate
        for (SubitoServerCustomizer c : serverCustomizers) {
            c.customize(config);
        }
        try {
            return config.validate();
        } catch (IllegalArgumentException e) {
            throw new WebServerException("Invalid Subito setting: " + e.getMessage(), e);
        }
    }

    /**
     * {@code server.ssl.*} or the bundle {@code server.ssl.bundle} names, as Subito's TLS
     * settings; a reloaded bundle is written again for the server to pick up.
     */
    private SslBundleTls sslBundleTls() {
        Ssl ssl = getSsl();
        SslBundleTls tls = SslBundleTls.create(ssl, getSslBundle(), getServerNameSslBundles());
        SslBundles bundles = getSslBundles();
        if (bundles != null) {
            if (StringUtils.hasText(ssl.getBundle())) {
                bundles.addBundleUpdateHandler(ssl.getBundle(), b -> tls.update(null, b));
            }
            for (Ssl.ServerNameSslBundle sni : ssl.getServerNameBundles()) {
                bundles.addBundleUpdateHandler(sni.bundle(), b -> tls.update(sni.serverName(), b));
            }
        }
        return tls;
    }

    private WebAppContext createContext(ServletContextInitializer... initializers) {
        ClassLoader loader = resourceLoader != null ? resourceLoader.getClassLoader()
                : ClassUtils.getDefaultClassLoader();
        DocumentRoot documentRoot = new DocumentRoot(LOG);
        documentRoot.setDirectory(settings.getDocumentRoot());
        File root = documentRoot.getValidDirectory();
        // with no document root, static files come from META-INF/resources of the class path's jars
        Path base = root != null && root.isDirectory() ? root.toPath() : null;
        WebAppContext context = new WebAppContext(settings.getContextPath().toString(), base, loader);
        context.setDisplayName(settings.getDisplayName());
        WELCOME_FILES.forEach(context::addWelcomeFile);
        for (MimeMappings.Mapping m : settings.getMimeMappings()) {
            context.addMimeMapping(m.getExtension(), m.getMimeType());
        }
        settings.getLocaleCharsetMappings().forEach((locale, charset) ->
                context.addLocaleEncodingMapping(locale.toString(), charset.name()));
        configureSession(context);
        for (ErrorPage page : getErrorPages()) {
            if (page.isGlobal()) {
                context.setDefaultErrorPage(page.getPath());
            } else if (page.getExceptionName() != null) {
                context.addErrorPage(page.getExceptionName(), page.getPath());
            } else {
                context.addErrorPage(page.getStatusCode(), page.getPath());
            }
        }
        for (String listener : settings.getWebListenerClassNames()) {
            context.addListener(listener);
        }
        context.setRequestLimits(EngineProperties.requestLimits(engineProperties));
        context.setCompression(SpringCompression.settings(getCompression()));
        context.setStopGraceMillis(shutdownGracePeriod.toMillis());
        if (shouldRegisterJsp()) {
            JspSupport.register(context, settings.getJsp());
        }
        SameSiteCookies sameSite = settings.getCookieSameSiteSuppliers().isEmpty() ? null
                : new SameSiteCookies(settings.getCookieSameSiteSuppliers());
        if (StringUtils.hasText(getServerHeader()) || sameSite != null) {
            // before Spring's initializers: these filters come first, ahead of anything that adds a cookie
            context.addServletContainerInitializer((types, servletContext) ->
                    addResponseFilters(servletContext, getServerHeader(), sameSite), null);
        }
        ServletContextInitializers all = ServletContextInitializers.from(settings, initializers);
        context.addServletContainerInitializer((types, servletContext) -> {
            for (ServletContextInitializer i : all) {
                i.onStartup(servletContext);
            }
            if (sameSite != null) {
                sameSite.applyToSessionCookie(servletContext.getSessionCookieConfig()); // its name is final now
            }
        }, null);
        for (SubitoContextCustomizer c : contextCustomizers) {
            c.customize(context);
        }
        return context;
    }

    /** server.server-header and CookieSameSiteSupplier beans: filters in front of every request of the application. */
    private static void addResponseFilters(ServletContext servletContext, String serverHeader, SameSiteCookies sameSite) {
        EnumSet<DispatcherType> types = EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        if (StringUtils.hasText(serverHeader)) {
            FilterRegistration.Dynamic f = servletContext.addFilter(ServerHeaderFilter.NAME, new ServerHeaderFilter(serverHeader));
            f.setAsyncSupported(true);
            f.addMappingForUrlPatterns(types, false, "/*");
        }
        if (sameSite != null) {
            FilterRegistration.Dynamic f = servletContext.addFilter(SameSiteCookies.NAME, sameSite);
            f.setAsyncSupported(true);
            f.addMappingForUrlPatterns(types, false, "/*");
        }
    }

    /**
     * {@code server.servlet.session.persistent}: Subito's file session store in
     * {@code server.servlet.session.store-dir} (else Spring Boot's temporary directory for the
     * application), written at stop and read back at the next start, as Tomcat's {@code SESSIONS.ser}.
     */
    private void configurePersistence(WebAppContext context) {
        if (!settings.getSession().isPersistent()) {
            return;
        }
        File dir = settings.getSession().getSessionStoreDirectory().getValidDirectory(true);
        String path = settings.getContextPath().toString();
        String app = path.isEmpty() ? "ROOT" : path.substring(1).replace('/', '#');
        context.sessions().configureStore(new SessionStoreSettings(app, dir.toPath(), Map.of(
                SessionStoreSettings.STORE, "file", FileStore.DIR, dir.getAbsolutePath())));
    }

    private void configureSession(WebAppContext context) {
        Duration timeout = settings.getSession().getTimeout();
        // Tomcat's rounding: whole minutes, at least one; zero or less never expires
        context.setSessionTimeoutMinutes(timeout == null || timeout.isNegative() || timeout.isZero() ? 0
                : (int) Math.max(timeout.toMinutes(), 1));
        SameSite sameSite = settings.getSession().getCookie().getSameSite();
        if (sameSite != null && sameSite != SameSite.OMITTED) {
            context.getSessionCookieConfig().setAttribute("SameSite", sameSite.attributeValue());
        }
        configurePersistence(context);
    }

    private boolean shouldRegisterJsp() {
        return settings.getJsp() != null && settings.getJsp().getRegistered()
                && ClassUtils.isPresent(JSP_EXTENSION, getClass().getClassLoader());
    }

    private String displayPath() {
        String path = settings.getContextPath().toString();
        return path.isEmpty() ? "/" : path;
    }
}
