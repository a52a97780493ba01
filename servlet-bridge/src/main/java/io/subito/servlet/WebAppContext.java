package io.subito.servlet;

import io.subito.container.compress.CompressionSettings;
import io.subito.servlet.config.RequestLimits;
import io.subito.servlet.config.ResponseSettings;
import io.subito.servlet.dispatch.ErrorDetails;
import io.subito.servlet.dispatch.ErrorPages;
import io.subito.servlet.lifecycle.AppStats;
import io.subito.servlet.lifecycle.Listeners;
import io.subito.servlet.mapping.Match;
import io.subito.servlet.resource.DefaultServlet;
import io.subito.servlet.resource.MimeTypes;
import io.subito.servlet.resource.Resources;
import io.subito.servlet.response.LocaleEncodings;
import io.subito.servlet.security.LoginConfig;
import io.subito.servlet.security.Realm;
import io.subito.servlet.security.SecurityConstraint;
import io.subito.servlet.security.SecurityHandler;
import io.subito.servlet.session.SessionManager;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.descriptor.JspConfigDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EventListener;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One web application, as the container sees it: the deployer configures it (the setters
 * mirror web.xml), then {@link #start()}; a host routes requests to it by context path, and
 * {@link ContextHandler} serves them. The application never holds this object: it is given
 * {@link #servletContext()}, a facade with the Servlet API only. The work is in the parts:
 * {@link Registrations} (servlets, filters, mapping), {@link ContextLifecycle} (start, stop,
 * draining), {@link ContextAttributes} (attributes, init parameters, TEMPDIR) and
 * {@link ComponentFactory}; the interfaces it implements are what the other packages may ask of it.
 */
public class WebAppContext {
    public static final String SERVER_INFO = "Subito/0.1";
    private static final Logger LOG = Logger.getLogger("io.subito.servlet");

    private final String contextPath;
    private final ClassLoader loader;
    private final ServletContextApi api = new ServletContextApi(this);
    final ContextServices services = new ContextServices(this);
    private final Listeners listeners = new Listeners();
    final Registrations registrations = new Registrations(services);
    final ContextLifecycle lifecycle = new ContextLifecycle(this);
    final ContextSettings settings = new ContextSettings(lifecycle);
    final ContextAttributes attributes;
    final ComponentFactory components = new ComponentFactory();
    private final Resources resources;
    private final SessionManager sessions;
    private final SecurityHandler security;
    private final ContextHandler handler;
    /** Kept as a field so mapping a request allocates no lambda. */
    private final Predicate<String> isFile;

    String displayName;
    int effectiveMajor = 6;
    int effectiveMinor = 1;
    volatile JspConfigDescriptor jspConfig;
    private final List<String> welcomeFiles = new CopyOnWriteArrayList<>();
    private final ErrorPages errorPages = new ErrorPages();
    private final MimeTypes mimeTypes = new MimeTypes();
    final LocaleEncodings localeEncodings = new LocaleEncodings();
    private final List<Map.Entry<ServletContainerInitializer, Set<Class<?>>>> initializers = new ArrayList<>();
    private final Set<String> declaredRoles = new LinkedHashSet<>();
    private final AppStats stats = new AppStats();
    private boolean distributable;
    private boolean metadataComplete;
    volatile ServletHost host;
    /** Whether getContext may hand out other applications' contexts (Tomcat's crossContext, off by default). */
    volatile boolean crossContext;

    public WebAppContext(String contextPath, Path baseDir, ClassLoader loader) {
        this.contextPath = normalizeContextPath(contextPath);
        this.loader = loader != null ? loader : Thread.currentThread().getContextClassLoader();
        this.resources = new Resources(baseDir, this.loader);
        this.isFile = resources::isFile;
        String name = this.contextPath.isEmpty() ? "ROOT" : this.contextPath.substring(1).replace('/', '#');
        this.attributes = new ContextAttributes(listeners, "subito-" + name + "-", api);
        this.sessions = new SessionManager(services);
        this.security = new SecurityHandler(services);
        this.handler = new ContextHandler(this, services);
        registrations.addDefault(new DefaultServlet(resources, this::responseSettings));
    }

    private static String normalizeContextPath(String p) {
        if (p == null || p.isEmpty() || p.equals("/")) {
            return "";
        }
        if (!p.startsWith("/") || p.endsWith("/")) {
            throw new IllegalArgumentException("context path must start and not end with '/': " + p);
        }
        return p;
    }

    /** What the application is given as its ServletContext: the Servlet API, nothing else. */
    public ServletContext servletContext() {
        return api;
    }

    // ================= life =================

    /**
     * Starts the application: initializers, context listeners, filters, then load-on-startup
     * servlets in order. On failure everything started so far is stopped and the cause thrown.
     */
    public synchronized void start() throws ServletException {
        lifecycle.start(initializers);
    }

    /** Drains the requests in service (up to the grace period), then stops everything in reverse. */
    public synchronized void stop() {
        lifecycle.stop();
    }

    public boolean isStarted() {
        return lifecycle.isStarted();
    }

    /** How long stop() waits for requests in service (default 10 s). */
    public void setStopGraceMillis(long millis) {
        lifecycle.setStopGraceMillis(millis);
    }

    /** This application's counters. */
    public AppStats stats() {
        return stats;
    }

    /** When {@link #start()} finished, in epoch milliseconds; 0 before. */
    public long startedAt() {
        return lifecycle.startedAt();
    }

    /** NEW, STARTING, STARTED or STOPPED. */
    public String stateName() {
        return lifecycle.stateName();
    }

    /** Requests in service now (async ones until complete): what a graceful stop waits for. */
    public long activeRequests() {
        return lifecycle.activeRequests();
    }

    /** Configuration throws IllegalStateException once the context is initialised (Servlet 6.1 section 4.4). */
    public void checkNotStarted() {
        lifecycle.checkNotStarted();
    }

    String displayPath() {
        return contextPath.isEmpty() ? "/" : contextPath;
    }

    // ================= registration (container side: no pluggability restriction) =================

    public ServletRegistration.Dynamic addServlet(String name, String className) {
        return registrations.addServlet(name, null, null, className);
    }

    public ServletRegistration.Dynamic addServlet(String name, Servlet servlet) {
        return registrations.addServlet(name, Registrations.required(servlet, "servlet"), null, null);
    }

    public ServletRegistration.Dynamic addServlet(String name, Class<? extends Servlet> type) {
        return registrations.addServlet(name, null, Registrations.required(type, "servlet class"), null);
    }

    /**
     * Adds a servlet the container provides to every app (the JSP engine's {@code jsp} servlet):
     * an app servlet of the same name replaces it, and app mappings of its patterns win.
     */
    public ServletRegistration.Dynamic addContainerServlet(String name, String className) {
        return registrations.addContainerServlet(name, className);
    }

    /** A servlet for one JSP page (Servlet 6.1 addJspFile); null if the name is taken. */
    public ServletRegistration.Dynamic addJspFile(String name, String jspFile) {
        return registrations.addJspFile(name, jspFile);
    }

    public ServletRegistration getServletRegistration(String name) {
        return registrations.servlets().get(name);
    }

    public FilterRegistration.Dynamic addFilter(String name, String className) {
        return registrations.addFilter(name, null, null, className);
    }

    public FilterRegistration.Dynamic addFilter(String name, Filter filter) {
        return registrations.addFilter(name, Registrations.required(filter, "filter"), null, null);
    }

    public FilterRegistration.Dynamic addFilter(String name, Class<? extends Filter> type) {
        return registrations.addFilter(name, null, Registrations.required(type, "filter class"), null);
    }

    public void addListener(String className) {
        lifecycle.addListener(className);
    }

    public <T extends EventListener> void addListener(T listener) {
        lifecycle.addListener(listener);
    }

    public void addListener(Class<? extends EventListener> type) {
        lifecycle.addListener(type);
    }

    public boolean setInitParameter(String name, String value) {
        if (name == null) {
            throw new NullPointerException("init parameter name");
        }
        checkNotStarted();
        return attributes.setInitParameter(name, value);
    }

    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    public void setAttribute(String name, Object value) {
        attributes.set(name, value);
    }

    public SessionCookieConfig getSessionCookieConfig() {
        return sessions.cookieConfig();
    }

    /** Creates an application component (listener, servlet, filter, AsyncListener) the container manages. */
    public <T> T createInstance(Class<T> type) throws ServletException {
        return components.create(type);
    }

    // ================= deployer configuration =================

    /**
     * Where the {@link ServletContext#TEMPDIR} directory is made, on first use (default:
     * {@code java.io.tmpdir}); the deployer puts it under its work directory. It is deleted
     * when the context stops.
     */
    public void setTempDirParent(Path parent) {
        attributes.setTempDirParent(parent);
    }

    /**
     * The form, parameter and multipart limits of this context's requests.
     *
     * @throws IllegalStateException once the context has started
     */
    public void setRequestLimits(RequestLimits limits) {
        settings.requestLimits(limits);
    }

    /**
     * How many byte ranges a static response may hold and whether redirects are relative.
     *
     * @throws IllegalStateException once the context has started
     */
    public void setResponseSettings(ResponseSettings responseSettings) {
        settings.responseSettings(responseSettings);
    }

    /**
     * Whether this context's responses are gzipped for clients that accept it
     * ({@code compression}, {@code compressionMinBytes}, {@code compressibleTypes}).
     *
     * @throws IllegalStateException once the context has started
     */
    public void setCompression(CompressionSettings compression) {
        settings.compression(compression);
    }

    public void setDisplayName(String name) {
        displayName = name;
    }

    public void addWelcomeFile(String file) {
        welcomeFiles.add(file.startsWith("/") ? file.substring(1) : file);
    }

    public void addErrorPage(int status, String location) {
        errorPages.add(status, location);
    }

    public void addErrorPage(String exceptionClassName, String location) {
        errorPages.add(exceptionClassName, location);
    }

    /** Whether the container's error pages show the exception, and to whom ({@code errorDetails}; default OFF). */
    public ErrorDetails errorDetails() {
        return settings.errorDetails();
    }

    public void setErrorDetails(ErrorDetails details) {
        settings.errorDetails(details);
    }

    /** An error page for every status and exception not otherwise mapped (web.xml without code/type). */
    public void setDefaultErrorPage(String location) {
        errorPages.setDefault(location);
    }

    public void addMimeMapping(String ext, String type) {
        mimeTypes.add(ext, type);
    }

    public void addLocaleEncodingMapping(String locale, String encoding) {
        localeEncodings.add(locale, encoding);
    }

    public void setSessionTimeoutMinutes(int minutes) {
        sessions.setTimeoutMinutes(minutes);
    }

    public void setEffectiveVersion(int major, int minor) {
        effectiveMajor = major;
        effectiveMinor = minor;
    }

    public void addServletContainerInitializer(ServletContainerInitializer sci, Set<Class<?>> handlesTypes) {
        initializers.add(new java.util.AbstractMap.SimpleEntry<>(sci, handlesTypes));
    }

    public void addRoleDeclaration(String role) {
        declaredRoles.add(role);
    }

    public void setDenyUncoveredHttpMethods(boolean deny) {
        security.setDenyUncoveredHttpMethods(deny);
    }

    public void addSecurityConstraint(SecurityConstraint constraint) {
        security.addConstraint(constraint);
    }

    public void setLoginConfig(LoginConfig config) {
        security.setLoginConfig(config);
    }

    /** Users and roles for BASIC/FORM login and isUserInRole. */
    public void setRealm(Realm realm) {
        security.setRealm(realm);
    }

    /** Set from web.xml's {@code <jsp-config>}; what {@code getJspConfigDescriptor} returns. */
    public void setJspConfigDescriptor(JspConfigDescriptor descriptor) {
        checkNotStarted();
        jspConfig = descriptor;
    }

    /** metadata-complete="true": servlet annotations (@MultipartConfig, @ServletSecurity) are ignored. */
    public void setMetadataComplete(boolean value) {
        metadataComplete = value;
    }

    public void setDistributable(boolean value) {
        distributable = value;
    }

    public void setRequestCharacterEncoding(String encoding) {
        settings.requestEncoding(encoding);
    }

    public void setResponseCharacterEncoding(String encoding) {
        settings.responseEncoding(encoding);
    }

    public void setSessionTrackingModes(Set<SessionTrackingMode> modes) {
        checkNotStarted();
        if (modes.contains(SessionTrackingMode.SSL)) {
            throw new IllegalArgumentException("SSL session tracking is not supported");
        }
        sessions.setTrackingModes(modes);
    }

    /**
     * Lets {@code getContext} return other applications' contexts (off by default, as Tomcat's
     * {@code crossContext}): with it an application can read another's files and attributes and
     * dispatch to its servlets (which still apply their own security constraints).
     */
    public void setCrossContext(boolean on) {
        crossContext = on;
    }

    void host(ServletHost h) {
        host = h;
    }

    // ================= for the bridge's own classes and the deployer =================

    public String getContextPath() {
        return contextPath;
    }

    public ClassLoader getClassLoader() {
        return loader;
    }

    public void log(String msg) {
        LOG.info(logPrefix() + msg);
    }

    public void log(String message, Throwable throwable) {
        LOG.log(Level.WARNING, logPrefix() + message, throwable);
    }

    private String logPrefix() {
        return "[" + displayPath() + "] ";
    }

    public Listeners listeners() {
        return listeners;
    }

    public boolean isDistributable() {
        return distributable;
    }

    public boolean isMetadataComplete() {
        return metadataComplete;
    }

    public RequestLimits requestLimits() {
        return settings.requestLimits();
    }

    public ResponseSettings responseSettings() {
        return settings.responseSettings();
    }

    public CompressionSettings compression() {
        return settings.compression();
    }

    Match map(String canonicalPath) {
        return registrations.mapper().map(canonicalPath, welcomeFiles, isFile);
    }

    public ErrorPages errorPages() {
        return errorPages;
    }

    public SecurityHandler security() {
        return security;
    }

    public SessionManager sessions() {
        return sessions;
    }

    public Set<String> declaredRoles() {
        return Collections.unmodifiableSet(declaredRoles);
    }

    /** The servlet mapped to exactly this pattern (the deployer's jsp-config uses it). */
    public ServletRegistration servletForPattern(String pattern) {
        return registrations.mapper().holderFor(pattern);
    }

    public Resources resources() {
        return resources;
    }

    public MimeTypes mimeTypes() {
        return mimeTypes;
    }

    public List<String> welcomeFiles() {
        return welcomeFiles;
    }

    public ContextHandler handler() {
        return handler;
    }

    @Override
    public String toString() {
        return "WebAppContext[" + displayPath() + "]";
    }
}
