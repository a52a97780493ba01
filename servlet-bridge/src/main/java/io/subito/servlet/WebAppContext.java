package io.subito.servlet;

import io.subito.container.compress.CompressionSettings;
import io.subito.servlet.dispatch.Dispatcher;
import io.subito.servlet.dispatch.ErrorPages;
import io.subito.servlet.lifecycle.Lifecycle;
import io.subito.servlet.lifecycle.Listeners;
import io.subito.servlet.lifecycle.ScratchDir;
import io.subito.servlet.mapping.ServletMapper;
import io.subito.servlet.registration.FilterHolder;
import io.subito.servlet.registration.FilterMappings;
import io.subito.servlet.registration.ServletHolder;
import io.subito.servlet.resource.DefaultServlet;
import io.subito.servlet.resource.MimeTypes;
import io.subito.servlet.resource.Resources;
import io.subito.servlet.security.LoginConfig;
import io.subito.servlet.security.SecurityConstraint;
import io.subito.servlet.security.SecurityHandler;
import io.subito.servlet.session.SessionManager;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextAttributeEvent;
import jakarta.servlet.ServletContextAttributeListener;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.descriptor.JspConfigDescriptor;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.EventListener;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One web application: its {@link ServletContext}, registrations and life. Configure it (the
 * deployer calls the setters that mirror web.xml), then {@link #start()}; a host routes
 * requests to it by context path. Requests are served by {@link ContextHandler}.
 */
public class WebAppContext implements ServletContext {
    public static final String SERVER_INFO = "Subito/0.1";
    private static final Logger LOG = Logger.getLogger("io.subito.servlet");

    enum State { NEW, STARTING, STARTED, STOPPED }

    private final String contextPath;
    private final Path baseDir;
    private final ClassLoader loader;
    private String displayName;
    private volatile State state = State.NEW;
    private int effectiveMajor = 6;
    private int effectiveMinor = 1;

    private final Map<String, String> initParams = new LinkedHashMap<>();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final Map<String, ServletHolder> servlets = new LinkedHashMap<>();
    private volatile JspConfigDescriptor jspConfig;
    private final Map<String, FilterHolder> filters = new LinkedHashMap<>();
    private final FilterMappings filterMappings = new FilterMappings();
    private final ServletMapper mapper = new ServletMapper();
    private final Listeners listeners = new Listeners();
    private final List<String> welcomeFiles = new CopyOnWriteArrayList<>();
    private final ErrorPages errorPages = new ErrorPages();
    private volatile io.subito.servlet.dispatch.ErrorDetails errorDetails = io.subito.servlet.dispatch.ErrorDetails.OFF;
    private final MimeTypes mimeTypes = new MimeTypes();
    private final Map<String, String> localeEncodings = new HashMap<>();
    private final Resources resources;
    private final SessionManager sessions;
    private final SecurityHandler security;
    private final List<Map.Entry<ServletContainerInitializer, Set<Class<?>>>> initializers = new ArrayList<>();
    private final List<Object> managedListeners = new ArrayList<>();
    /** Servlets in the order they were initialised; destroyed in reverse. */
    private final List<ServletHolder> initOrder = new CopyOnWriteArrayList<>();
    /** Context listeners added while starting (by SCIs or listeners), which run restricted. */
    private final Set<EventListener> programmaticListeners = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private volatile Thread restrictedCaller;
    /** True while contextInitialized runs: a ServletContextListener may then not be added. */
    private volatile boolean listenerPhase;
    private final Set<String> declaredRoles = new LinkedHashSet<>();
    private String requestEncoding;
    private String responseEncoding;
    private boolean distributable;
    private boolean metadataComplete;
    /** Requests being served; striped so the hot path does not contend on one counter. */
    private final java.util.concurrent.atomic.LongAdder activeRequests = new java.util.concurrent.atomic.LongAdder();
    private final AppStats stats = new AppStats();
    private volatile long startedAt;
    private volatile long stopGraceMillis = 10_000;
    /** Set before start only; deploying the context publishes it to the request threads. */
    private RequestLimits requestLimits = RequestLimits.DEFAULTS;
    /** Set before start only, like the request limits. */
    private ResponseSettings responseSettings = ResponseSettings.DEFAULTS;
    private volatile ServletHost host;
    /** Whether getContext may hand out other applications' contexts (Tomcat's crossContext, off by default). */
    private volatile boolean crossContext;
    private final ContextHandler handler;
    private final ScratchDir scratch;
    /** Set once the application sets or removes TEMPDIR itself: then it is an attribute like any other. */
    private volatile boolean tempDirOverridden;
    /** Set before start only, like the request limits; off by default. */
    private CompressionSettings compression = CompressionSettings.DEFAULTS;

    public WebAppContext(String contextPath, Path baseDir, ClassLoader loader) {
        this.contextPath = normalizeContextPath(contextPath);
        this.baseDir = baseDir;
        this.loader = loader != null ? loader : Thread.currentThread().getContextClassLoader();
        this.resources = new Resources(baseDir, this.loader);
        this.sessions = new SessionManager(this);
        this.security = new SecurityHandler(this);
        this.handler = new ContextHandler(this);
        ServletHolder def = new ServletHolder(this, "default", new DefaultServlet(), null, null, true);
        servlets.put("default", def);
        mapper.add("/", def);
        String name = this.contextPath.isEmpty() ? "ROOT" : this.contextPath.substring(1).replace('/', '#');
        this.scratch = new ScratchDir("subito-" + name + "-");
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

    /**
     * Whether this context's responses are gzipped for clients that accept it
     * ({@code compression}, {@code compressionMinBytes}, {@code compressibleTypes}).
     *
     * @throws IllegalStateException once the context has started
     */
    public void setCompression(CompressionSettings settings) {
        checkNotStarted();
        compression = java.util.Objects.requireNonNull(settings, "settings");
    }

    public CompressionSettings compression() {
        return compression;
    }

    /**
     * Where the {@link ServletContext#TEMPDIR} directory is made, on first use (default:
     * {@code java.io.tmpdir}); the deployer puts it under its work directory. It is deleted
     * when the context stops.
     */
    public void setTempDirParent(Path parent) {
        scratch.setParent(parent);
    }

    /**
     * The form, parameter and multipart limits of this context's requests
     * ({@code maxFormBytes}, {@code maxParameterCount}, {@code maxMultipartBytes}).
     *
     * @throws IllegalStateException once the context has started
     */
    public void setRequestLimits(RequestLimits limits) {
        checkNotStarted();
        requestLimits = java.util.Objects.requireNonNull(limits, "limits");
    }

    public RequestLimits requestLimits() {
        return requestLimits;
    }

    /**
     * How many byte ranges a static response may hold ({@code maxRanges}) and whether redirects
     * are relative ({@code relativeRedirects}).
     *
     * @throws IllegalStateException once the context has started
     */
    public void setResponseSettings(ResponseSettings settings) {
        checkNotStarted();
        responseSettings = java.util.Objects.requireNonNull(settings, "settings");
    }

    public ResponseSettings responseSettings() {
        return responseSettings;
    }

    // ================= life =================

    /**
     * Starts the application: initializers, context listeners, filters, then load-on-startup
     * servlets in order. On failure everything started so far is stopped and the cause thrown.
     */
    public synchronized void start() throws ServletException {
        if (state != State.NEW) {
            throw new IllegalStateException("context " + displayPath() + " was already started");
        }
        state = State.STARTING;
        ClassLoader old = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            for (Map.Entry<ServletContainerInitializer, Set<Class<?>>> e : initializers) {
                e.getKey().onStartup(e.getValue() == null || e.getValue().isEmpty() ? null : e.getValue(), this);
            }
            ServletContextEvent event = new ServletContextEvent(this);
            listenerPhase = true;
            for (ServletContextListener l : listeners.context) {
                boolean restricted = programmaticListeners.contains(l);
                restrictedCaller = restricted ? Thread.currentThread() : null;
                try {
                    l.contextInitialized(event);
                } finally {
                    restrictedCaller = null;
                }
            }
            listenerPhase = false;
            if (!metadataComplete) {
                for (ServletHolder s : new ArrayList<>(servlets.values())) {
                    s.applyAnnotations();
                }
            }
            for (FilterHolder f : filters.values()) {
                f.initialize();
            }
            for (ServletHolder s : loadOnStartupOrder()) {
                s.servlet();
            }
            security.start();
            sessions.start();
            state = State.STARTED;
            startedAt = System.currentTimeMillis();
        } catch (Exception | Error e) {
            // an application's Error (a listener's own, or a stack overflow) fails its start like an exception
            log("start of context " + displayPath() + " failed", e);
            stop();
            throw e instanceof ServletException se ? se : new ServletException("start of " + displayPath() + " failed", e);
        } finally {
            listenerPhase = false;
            Thread.currentThread().setContextClassLoader(old);
        }
    }

    private List<ServletHolder> loadOnStartupOrder() {
        List<ServletHolder> list = new ArrayList<>();
        for (ServletHolder h : servlets.values()) {
            if (h.loadOnStartup() >= 0) {
                list.add(h);
            }
        }
        list.sort((a, b) -> Integer.compare(a.loadOnStartup(), b.loadOnStartup())); // stable: ties keep declaration order
        return list;
    }

    /**
     * Waits (up to the grace period) for requests in service to end, then destroys servlets,
     * filters, sessions and tells context listeners in reverse order (Servlet 6.1 section 2.3.4).
     */
    public synchronized void stop() {
        if (state == State.STOPPED) {
            return;
        }
        boolean wasInitialized = state == State.STARTED || state == State.STARTING;
        state = State.STOPPED;
        awaitIdle();
        ClassLoader old = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            List<ServletHolder> order = new ArrayList<>(initOrder);
            Collections.reverse(order);
            for (ServletHolder h : order) {
                h.destroy();
            }
            initOrder.clear();
            for (FilterHolder f : filters.values()) {
                f.destroy();
            }
            sessions.stop();
            if (wasInitialized) {
                List<ServletContextListener> ls = new ArrayList<>(listeners.context);
                Collections.reverse(ls);
                ServletContextEvent event = new ServletContextEvent(this);
                for (ServletContextListener l : ls) {
                    try {
                        l.contextDestroyed(event);
                    } catch (RuntimeException e) {
                        log("contextDestroyed failed in " + l.getClass().getName(), e);
                    }
                }
            }
            for (Object o : managedListeners) {
                Lifecycle.preDestroy(o, t -> log("PreDestroy failed", t));
            }
        } finally {
            Thread.currentThread().setContextClassLoader(old);
            deleteScratch();
        }
    }

    private void deleteScratch() {
        try {
            scratch.delete();
        } catch (java.io.IOException e) {
            LOG.log(Level.WARNING, "could not delete the temporary directory of " + displayPath(), e);
        }
    }

    private void awaitIdle() {
        long deadline = System.currentTimeMillis() + stopGraceMillis;
        while (activeRequests.sum() > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (activeRequests.sum() > 0) {
            log(activeRequests.sum() + " request(s) still running after " + stopGraceMillis + " ms; stopping anyway");
        }
    }

    /** How long stop() waits for requests in service (default 10 s). */
    public void setStopGraceMillis(long millis) {
        stopGraceMillis = millis;
    }

    /** Called by the request path around each request (including async ones until complete). */
    public void requestStarted() {
        activeRequests.increment();
        stats.requestStarted();
    }

    /** Counts how a request ended (before {@link #requestEnded()}). */
    public void requestStatus(int status) {
        stats.requestEnded(status);
    }

    /** This application's counters. */
    public AppStats stats() {
        return stats;
    }

    /** When {@link #start()} finished, in epoch milliseconds; 0 before. */
    public long startedAt() {
        return startedAt;
    }

    public void requestEnded() {
        activeRequests.decrement();
    }

    /** Requests in service now (async ones until complete): what a graceful stop waits for. */
    public long activeRequests() {
        return activeRequests.sum();
    }

    public boolean isStarted() {
        return state == State.STARTED;
    }

    /** NEW, STARTING, STARTED or STOPPED. */
    public String stateName() {
        return state.name();
    }

    public boolean isAvailable() {
        return state == State.STARTED;
    }

    /**
     * A ServletContextListener that was added programmatically (by an initializer or another
     * listener) may not configure the context: while its contextInitialized runs, the
     * configuration methods throw UnsupportedOperationException (Servlet 6.1 section 4.4).
     */
    private void checkPluggable() {
        if (restrictedCaller == Thread.currentThread()) {
            throw new UnsupportedOperationException(
                    "a programmatically added ServletContextListener may not configure the context");
        }
    }

    /** Registration methods throw this once the context is initialised (Servlet 6.1 section 4.4). */
    public void checkNotStarted() {
        if (state == State.STARTED || state == State.STOPPED) {
            throw new IllegalStateException("context " + displayPath() + " has already been initialised");
        }
    }

    private String displayPath() {
        return contextPath.isEmpty() ? "/" : contextPath;
    }

    // ================= deployer configuration =================

    public void setDisplayName(String name) {
        displayName = name;
    }

    public void addWelcomeFile(String file) {
        welcomeFiles.add(file.startsWith("/") ? file.substring(1) : file);
    }

    public List<String> welcomeFiles() {
        return welcomeFiles;
    }

    public void addErrorPage(int status, String location) {
        errorPages.add(status, location);
    }

    public void addErrorPage(String exceptionClassName, String location) {
        errorPages.add(exceptionClassName, location);
    }

    /** An error page for every status and exception not otherwise mapped (web.xml without code/type). */
    public void setDefaultErrorPage(String location) {
        errorPages.setDefault(location);
    }

    /** Whether the container's error pages show the exception, and to whom ({@code errorDetails}; default OFF). */
    public io.subito.servlet.dispatch.ErrorDetails errorDetails() {
        return errorDetails;
    }

    public void setErrorDetails(io.subito.servlet.dispatch.ErrorDetails details) {
        errorDetails = java.util.Objects.requireNonNull(details);
    }

    public ErrorPages errorPages() {
        return errorPages;
    }

    public void addMimeMapping(String ext, String type) {
        mimeTypes.add(ext, type);
    }

    public void addLocaleEncodingMapping(String locale, String encoding) {
        localeEncodings.put(locale.replace('-', '_').toLowerCase(Locale.ROOT), encoding);
    }

    /**
     * The encoding mapped to a locale: the application's mappings first, then the container's
     * defaults; full tag before language. Null when neither knows the locale.
     */
    public String localeEncoding(Locale l) {
        String full = l.toString().toLowerCase(Locale.ROOT);
        String lang = l.getLanguage().toLowerCase(Locale.ROOT);
        if (!localeEncodings.isEmpty()) {
            String enc = localeEncodings.get(full);
            if (enc == null) {
                enc = localeEncodings.get(lang);
            }
            if (enc != null) {
                return enc;
            }
        }
        return io.subito.servlet.response.LocaleEncodings.forLocale(full, lang);
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

    public Set<String> declaredRoles() {
        return Collections.unmodifiableSet(declaredRoles);
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
    public void setRealm(io.subito.servlet.security.Realm realm) {
        security.setRealm(realm);
    }

    /** metadata-complete="true": servlet annotations (@MultipartConfig, @ServletSecurity) are ignored. */
    public void setMetadataComplete(boolean value) {
        metadataComplete = value;
    }

    public boolean isMetadataComplete() {
        return metadataComplete;
    }

    public void setDistributable(boolean value) {
        distributable = value;
    }

    public boolean isDistributable() {
        return distributable;
    }

    // ================= internals for the other packages =================

    public Listeners listeners() {
        return listeners;
    }

    public ServletMapper mapper() {
        return mapper;
    }

    public FilterMappings filterMappings() {
        return filterMappings;
    }

    public SessionManager sessions() {
        return sessions;
    }

    public SecurityHandler security() {
        return security;
    }

    public Resources resources() {
        return resources;
    }

    public ContextHandler handler() {
        return handler;
    }

    public Path baseDir() {
        return baseDir;
    }

    public Map<String, ServletHolder> servletHolders() {
        return servlets;
    }

    void host(ServletHost h) {
        host = h;
    }

    public ServletHost host() {
        return host;
    }

    /** Called by a holder once its servlet's init() succeeded. */
    public void servletInitialized(ServletHolder h) {
        initOrder.add(h);
    }

    public ServletHolder servletForPattern(String pattern) {
        return mapper.holderFor(pattern);
    }

    public void mapPattern(String pattern, ServletHolder holder) {
        mapper.add(pattern, holder);
    }

    public Set<String> applyServletSecurity(ServletHolder holder, ServletSecurityElement element) {
        return security.applyServletSecurity(holder, element);
    }

    // ================= ServletContext =================

    @Override
    public String getContextPath() {
        return contextPath;
    }

    /**
     * Lets {@link #getContext} return other applications' contexts (off by default, as Tomcat's
     * {@code crossContext}): with it an application can read another's files and attributes and
     * dispatch to its servlets (which still apply their own security constraints).
     */
    public void setCrossContext(boolean on) {
        crossContext = on;
    }

    public boolean isCrossContext() {
        return crossContext;
    }

    /** This context for its own paths; another application's only when cross-context access is on. */
    @Override
    public ServletContext getContext(String uripath) {
        ServletHost h = host;
        if (uripath == null || !uripath.startsWith("/")) {
            return null;
        }
        if (h == null) {
            return uripath.equals(contextPath) || uripath.startsWith(contextPath + "/") || contextPath.isEmpty() ? this : null;
        }
        WebAppContext found = h.contextFor(uripath);
        return found == this || crossContext ? found : null;
    }

    @Override
    public int getMajorVersion() {
        return 6;
    }

    @Override
    public int getMinorVersion() {
        return 1;
    }

    @Override
    public int getEffectiveMajorVersion() {
        return effectiveMajor;
    }

    @Override
    public int getEffectiveMinorVersion() {
        return effectiveMinor;
    }

    @Override
    public String getMimeType(String file) {
        return mimeTypes.forFile(file);
    }

    @Override
    public Set<String> getResourcePaths(String path) {
        return resources.paths(path);
    }

    @Override
    public URL getResource(String path) throws MalformedURLException {
        if (path == null || !path.startsWith("/")) {
            throw new MalformedURLException("resource path must start with '/': " + path);
        }
        return resources.url(path);
    }

    @Override
    public InputStream getResourceAsStream(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        return resources.open(path);
    }

    @Override
    public RequestDispatcher getRequestDispatcher(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        return Dispatcher.withinContext(this, path);
    }

    @Override
    public RequestDispatcher getNamedDispatcher(String name) {
        ServletHolder h = name == null ? null : servlets.get(name);
        return h == null ? null : Dispatcher.forName(this, h);
    }

    @Override
    public void log(String msg) {
        LOG.info(logPrefix() + msg);
    }

    @Override
    public void log(String message, Throwable throwable) {
        LOG.log(Level.WARNING, logPrefix() + message, throwable);
    }

    private String logPrefix() {
        return "[" + displayPath() + "] ";
    }

    @Override
    public String getRealPath(String path) {
        if (path == null) {
            return null;
        }
        return resources.realPath(path.startsWith("/") ? path : "/" + path);
    }

    @Override
    public String getServerInfo() {
        return SERVER_INFO;
    }

    @Override
    public String getInitParameter(String name) {
        if (name == null) {
            throw new NullPointerException("init parameter name");
        }
        return initParams.get(name);
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(new ArrayList<>(initParams.keySet()));
    }

    @Override
    public boolean setInitParameter(String name, String value) {
        checkPluggable();
        if (name == null) {
            throw new NullPointerException("init parameter name");
        }
        checkNotStarted();
        return initParams.putIfAbsent(name, value) == null;
    }

    @Override
    public Object getAttribute(String name) {
        if (name == null) {
            throw new NullPointerException("attribute name");
        }
        Object value = attributes.get(name);
        if (value == null && !tempDirOverridden && TEMPDIR.equals(name)) {
            return scratch.get(); // made on first use
        }
        return value;
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        List<String> names = new ArrayList<>(attributes.keySet());
        if (!tempDirOverridden && !names.contains(TEMPDIR)) {
            names.add(TEMPDIR);
        }
        return Collections.enumeration(names);
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (name == null) {
            throw new NullPointerException("attribute name");
        }
        if (value == null) {
            removeAttribute(name);
            return;
        }
        if (TEMPDIR.equals(name)) {
            tempDirOverridden = true;
        }
        Object old = attributes.put(name, value);
        List<ServletContextAttributeListener> ls = listeners.contextAttribute;
        if (!ls.isEmpty()) {
            ServletContextAttributeEvent e = new ServletContextAttributeEvent(this, name, old == null ? value : old);
            for (ServletContextAttributeListener l : ls) {
                if (old == null) {
                    l.attributeAdded(e);
                } else {
                    l.attributeReplaced(e);
                }
            }
        }
    }

    @Override
    public void removeAttribute(String name) {
        if (name == null) {
            throw new NullPointerException("attribute name");
        }
        if (TEMPDIR.equals(name)) {
            tempDirOverridden = true;
        }
        Object old = attributes.remove(name);
        if (old != null) {
            ServletContextAttributeEvent e = new ServletContextAttributeEvent(this, name, old);
            for (ServletContextAttributeListener l : listeners.contextAttribute) {
                l.attributeRemoved(e);
            }
        }
    }

    @Override
    public String getServletContextName() {
        return displayName;
    }

    // ---- servlets ----

    @Override
    public ServletRegistration.Dynamic addServlet(String name, String className) {
        checkPluggable();
        return addServlet(name, null, null, className);
    }

    @Override
    public ServletRegistration.Dynamic addServlet(String name, Servlet servlet) {
        checkPluggable();
        if (servlet == null) {
            throw new IllegalArgumentException("servlet is null");
        }
        return addServlet(name, servlet, null, null);
    }

    @Override
    public ServletRegistration.Dynamic addServlet(String name, Class<? extends Servlet> type) {
        checkPluggable();
        if (type == null) {
            throw new IllegalArgumentException("servlet class is null");
        }
        return addServlet(name, null, type, null);
    }

    private synchronized ServletRegistration.Dynamic addServlet(String name, Servlet s, Class<? extends Servlet> type,
                                                                String className) {
        checkNotStarted();
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("servlet name is null or empty");
        }
        ServletHolder existing = servlets.get(name);
        if (existing != null && !existing.isContainerOwned()) {
            return null; // a complete registration exists: the spec answers null
        }
        ServletHolder h = new ServletHolder(this, name, s, type, className, false);
        servlets.put(name, h);
        if (existing != null) {
            inheritMappings(existing, h);
        }
        return h;
    }

    /**
     * An app servlet replacing a container servlet of the same name takes over its URL patterns,
     * as a servlet in an app's web.xml overrides the same-named one of Tomcat's global web.xml
     * (an app's {@code jsp} servlet with its own init parameters still serves {@code *.jsp}).
     */
    private void inheritMappings(ServletHolder containerOwned, ServletHolder replacement) {
        for (String pattern : containerOwned.getMappings()) {
            if (mapper.holderFor(pattern) == containerOwned) {
                replacement.addMapping(pattern);
            }
        }
    }

    /**
     * Adds a servlet the container provides to every app (the JSP engine's {@code jsp} servlet):
     * an app servlet of the same name replaces it, and app mappings of its patterns win.
     */
    public synchronized ServletRegistration.Dynamic addContainerServlet(String name, String className) {
        checkNotStarted();
        ServletHolder h = new ServletHolder(this, name, null, null, className, true);
        servlets.put(name, h);
        return h;
    }

    /** Set from web.xml's {@code <jsp-config>}; what {@link #getJspConfigDescriptor} returns. */
    public void setJspConfigDescriptor(JspConfigDescriptor descriptor) {
        checkNotStarted();
        jspConfig = descriptor;
    }

    @Override
    public ServletRegistration.Dynamic addJspFile(String name, String jspFile) {
        checkPluggable();
        checkNotStarted();
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("servlet name is null or empty");
        }
        ServletHolder jsp = servlets.get("jsp");
        if (jsp == null) {
            throw new UnsupportedOperationException("no JSP engine is installed in this context");
        }
        ServletHolder h = new ServletHolder(this, name, null, null, jsp.getClassName(), false);
        h.setJspFile(jspFile);
        // as Tomcat does: the JSP servlet's own settings, and the page it serves as "jspFile"
        h.setInitParameters(jsp.getInitParameters());
        h.setInitParameter("jspFile", jspFile.startsWith("/") ? jspFile : "/" + jspFile);
        servlets.put(name, h);
        return h;
    }

    @Override
    public <T extends Servlet> T createServlet(Class<T> type) throws ServletException {
        checkPluggable();
        return create(type);
    }

    @Override
    public ServletRegistration getServletRegistration(String name) {
        checkPluggable();
        return servlets.get(name);
    }

    @Override
    public Map<String, ? extends ServletRegistration> getServletRegistrations() {
        checkPluggable();
        return Collections.unmodifiableMap(new LinkedHashMap<>(servlets));
    }

    // ---- filters ----

    @Override
    public FilterRegistration.Dynamic addFilter(String name, String className) {
        checkPluggable();
        return addFilter(name, null, null, className);
    }

    @Override
    public FilterRegistration.Dynamic addFilter(String name, Filter filter) {
        checkPluggable();
        if (filter == null) {
            throw new IllegalArgumentException("filter is null");
        }
        return addFilter(name, filter, null, null);
    }

    @Override
    public FilterRegistration.Dynamic addFilter(String name, Class<? extends Filter> type) {
        checkPluggable();
        if (type == null) {
            throw new IllegalArgumentException("filter class is null");
        }
        return addFilter(name, null, type, null);
    }

    private synchronized FilterRegistration.Dynamic addFilter(String name, Filter f, Class<? extends Filter> type,
                                                              String className) {
        checkNotStarted();
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("filter name is null or empty");
        }
        if (filters.containsKey(name)) {
            return null;
        }
        FilterHolder h = new FilterHolder(this, name, f, type, className);
        filters.put(name, h);
        return h;
    }

    @Override
    public <T extends Filter> T createFilter(Class<T> type) throws ServletException {
        checkPluggable();
        return create(type);
    }

    @Override
    public FilterRegistration getFilterRegistration(String name) {
        checkPluggable();
        return filters.get(name);
    }

    @Override
    public Map<String, ? extends FilterRegistration> getFilterRegistrations() {
        checkPluggable();
        return Collections.unmodifiableMap(new LinkedHashMap<>(filters));
    }

    public Map<String, FilterHolder> filterHolders() {
        return filters;
    }

    // ---- sessions ----

    @Override
    public SessionCookieConfig getSessionCookieConfig() {
        checkPluggable();
        return sessions.cookieConfig();
    }

    @Override
    public void setSessionTrackingModes(Set<SessionTrackingMode> modes) {
        checkPluggable();
        checkNotStarted();
        if (modes.contains(SessionTrackingMode.SSL)) {
            throw new IllegalArgumentException("SSL session tracking is not supported");
        }
        sessions.setTrackingModes(modes);
    }

    @Override
    public Set<SessionTrackingMode> getDefaultSessionTrackingModes() {
        return Set.of(SessionTrackingMode.COOKIE, SessionTrackingMode.URL);
    }

    @Override
    public Set<SessionTrackingMode> getEffectiveSessionTrackingModes() {
        return sessions.trackingModes();
    }

    @Override
    public int getSessionTimeout() {
        return sessions.timeoutMinutes();
    }

    @Override
    public void setSessionTimeout(int minutes) {
        checkPluggable();
        checkNotStarted();
        sessions.setTimeoutMinutes(minutes);
    }

    // ---- listeners ----

    @Override
    public void addListener(String className) {
        checkPluggable();
        try {
            Class<?> c = Class.forName(className, true, loader);
            if (!EventListener.class.isAssignableFrom(c)) {
                throw new IllegalArgumentException(className + " is not an EventListener");
            }
            addListener(c.asSubclass(EventListener.class));
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("listener class " + className + " not found", e);
        }
    }

    @Override
    public <T extends EventListener> void addListener(T listener) {
        checkPluggable();
        checkNotStarted();
        checkListenerType(listener.getClass());
        if (state == State.STARTING) {
            programmaticListeners.add(listener);
        }
        listeners.add(listener);
    }

    @Override
    public void addListener(Class<? extends EventListener> type) {
        checkPluggable();
        try {
            addListener(createListener(type));
        } catch (ServletException e) {
            throw new IllegalArgumentException("listener " + type.getName() + " could not be created", e);
        }
    }

    private void checkListenerType(Class<?> type) {
        if (!Listeners.isSupported(type)) {
            throw new IllegalArgumentException(type.getName() + " implements no supported listener interface");
        }
        if (listenerPhase && ServletContextListener.class.isAssignableFrom(type)) {
            // only before start or from a ServletContainerInitializer (javadoc of addListener)
            throw new IllegalArgumentException("a ServletContextListener cannot be added from contextInitialized");
        }
    }

    @Override
    public <T extends EventListener> T createListener(Class<T> type) throws ServletException {
        checkPluggable();
        checkListenerType(type);
        T l = create(type);
        managedListeners.add(l);
        return l;
    }

    /** Creates an application component (listener, servlet, filter, AsyncListener) the container manages. */
    public <T> T createInstance(Class<T> type) throws ServletException {
        return create(type);
    }

    /** Instantiates a component with its no-arg constructor and runs its PostConstruct methods. */
    protected <T> T create(Class<T> type) throws ServletException {
        try {
            java.lang.reflect.Constructor<T> c = type.getDeclaredConstructor();
            c.setAccessible(true);
            T t = c.newInstance();
            Lifecycle.postConstruct(t);
            return t;
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new ServletException("cannot create " + type.getName(), e.getCause());
        } catch (Exception e) {
            throw new ServletException("cannot create " + type.getName(), e);
        }
    }

    @Override
    public JspConfigDescriptor getJspConfigDescriptor() {
        checkPluggable();
        return jspConfig;
    }

    @Override
    public ClassLoader getClassLoader() {
        return loader;
    }

    @Override
    public void declareRoles(String... roleNames) {
        checkPluggable();
        checkNotStarted();
        for (String r : roleNames) {
            if (r == null || r.isEmpty()) {
                throw new IllegalArgumentException("role name is null or empty");
            }
            declaredRoles.add(r);
        }
    }

    @Override
    public String getVirtualServerName() {
        return "localhost";
    }

    @Override
    public String getRequestCharacterEncoding() {
        return requestEncoding;
    }

    @Override
    public void setRequestCharacterEncoding(String encoding) {
        checkPluggable();
        checkNotStarted();
        requestEncoding = encoding;
    }

    @Override
    public String getResponseCharacterEncoding() {
        return responseEncoding;
    }

    @Override
    public void setResponseCharacterEncoding(String encoding) {
        checkPluggable();
        checkNotStarted();
        responseEncoding = encoding;
    }

    public MimeTypes mimeTypes() {
        return mimeTypes;
    }

    @Override
    public String toString() {
        return "WebAppContext[" + displayPath() + "]";
    }
}
