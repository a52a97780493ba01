package io.subito.servlet.registration;


import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.annotation.MultipartConfig;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A servlet registration and the servlet's life: created lazily (or at start when
 * load-on-startup >= 0), initialised once, destroyed at stop. Unavailability is remembered:
 * permanent makes the servlet answer 404, temporary 503 until the given time.
 */
public final class ServletHolder extends Holder implements ServletRegistration.Dynamic, ServletConfig {
    private final Set<String> mappings = new LinkedHashSet<>();
    private volatile Servlet servlet;
    private Class<? extends Servlet> servletClass;
    private volatile boolean initialized;
    private int loadOnStartup = -1;
    private MultipartConfigElement multipartConfig;
    private ServletSecurityElement securityElement;
    private String runAsRole;
    private String jspFile;
    private volatile long unavailableUntil;
    private volatile boolean permanentlyUnavailable;
    private final boolean containerOwned;
    private final java.util.Map<String, String> roleRefs = new java.util.concurrent.ConcurrentHashMap<>();
    /** The filters of this servlet's last dispatch; see {@link ChainMemo}. */
    private volatile ChainMemo lastChain;

    public ServletHolder(RegistrationHost context, String name, Servlet instance, Class<? extends Servlet> type,
                         String className, boolean containerOwned) {
        super(context, name, className != null ? className : instance != null ? instance.getClass().getName()
                : type.getName());
        this.servlet = instance;
        this.servletClass = type;
        this.containerOwned = containerOwned;
    }

    /**
     * Reads {@code @MultipartConfig} from the servlet class unless configured already; called at
     * start, and not at all for metadata-complete applications.
     */
    public void applyAnnotations() {
        if (multipartConfig != null) {
            return;
        }
        Class<?> c = servlet != null ? servlet.getClass() : servletClass;
        if (c == null) {
            try {
                c = Class.forName(className, false, context.classLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return; // reported when the servlet is loaded
            }
        }
        MultipartConfig mc = c.getAnnotation(MultipartConfig.class);
        if (mc != null) {
            multipartConfig = new MultipartConfigElement(mc);
        }
    }

    /** True for servlets the container adds itself (the default servlet). */
    public boolean isContainerOwned() {
        return containerOwned;
    }

    @Override
    public Set<String> addMapping(String... patterns) {
        if (patterns == null || patterns.length == 0) {
            throw new IllegalArgumentException("no URL patterns");
        }
        context.checkNotStarted();
        Set<String> conflicts = new LinkedHashSet<>();
        patterns = io.subito.servlet.registration.PatternMatcher.lenient(patterns);
        for (String p : patterns) {
            ServletHolder other = context.servletForPattern(p);
            if (other != null && other != this && !other.isContainerOwned()) {
                conflicts.add(p);
            }
        }
        if (conflicts.isEmpty()) {
            for (String p : patterns) {
                mappings.add(p);
                context.mapPattern(p, this);
            }
        }
        return conflicts;
    }

    /** Removes a pattern this holder lost to an application servlet (used for the default servlet). */
    public void unmap(String pattern) {
        mappings.remove(pattern);
    }

    @Override
    public Collection<String> getMappings() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(mappings));
    }

    @Override
    public String getRunAsRole() {
        return runAsRole;
    }

    @Override
    public void setLoadOnStartup(int value) {
        context.checkNotStarted();
        loadOnStartup = value;
    }

    public int loadOnStartup() {
        return loadOnStartup;
    }

    @Override
    public Set<String> setServletSecurity(ServletSecurityElement element) {
        if (element == null) {
            throw new IllegalArgumentException("null ServletSecurityElement");
        }
        context.checkNotStarted();
        securityElement = element;
        return context.applyServletSecurity(this, element);
    }

    /** Used at start for an {@code @ServletSecurity} annotation found on the class. */
    public void setServletSecurityQuietly(ServletSecurityElement element) {
        securityElement = element;
    }

    public ServletSecurityElement servletSecurity() {
        return securityElement;
    }

    @Override
    public void setMultipartConfig(MultipartConfigElement config) {
        if (config == null) {
            throw new IllegalArgumentException("null MultipartConfigElement");
        }
        context.checkNotStarted();
        multipartConfig = config;
    }

    public MultipartConfigElement multipartConfig() {
        return multipartConfig;
    }

    @Override
    public void setRunAsRole(String role) {
        context.checkNotStarted();
        runAsRole = role;
    }

    /** A security-role-ref: isUserInRole(roleName) inside this servlet checks roleLink. */
    public void addSecurityRoleRef(String roleName, String roleLink) {
        roleRefs.put(roleName, roleLink);
    }

    /** The role a name used in this servlet's code stands for (itself when not mapped). */
    public String roleLink(String roleName) {
        return roleRefs.getOrDefault(roleName, roleName);
    }

    public void setJspFile(String file) {
        jspFile = file;
    }

    public String jspFile() {
        return jspFile;
    }

    // ---- ServletConfig ----

    @Override
    public String getServletName() {
        return name;
    }

    @Override
    public ServletContext getServletContext() {
        return context.servletContext();
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
        return initParameterNames();
    }

    // ---- life ----

    /** The initialised servlet, creating and initialising it on first use. */
    public Servlet servlet() throws ServletException {
        checkAvailable();
        if (initialized) {
            return servlet;
        }
        synchronized (this) {
            if (!initialized) {
                initialize();
            }
        }
        return servlet;
    }

    private void initialize() throws ServletException {
        Servlet s = servlet;
        try {
            if (s == null) {
                s = context.createInstance(resolveClass());
            }
            ClassLoader old = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(context.classLoader());
            try {
                s.init(this);
            } finally {
                Thread.currentThread().setContextClassLoader(old);
            }
            servlet = s;
            initialized = true;
            context.servletInitialized(this);
        } catch (UnavailableException e) {
            markUnavailable(e);
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private Class<? extends Servlet> resolveClass() throws ServletException {
        if (servletClass == null) {
            try {
                servletClass = (Class<? extends Servlet>) Class.forName(className, true, context.classLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ServletException("servlet class " + className + " not found", e);
            }
        }
        return servletClass;
    }

    public void markUnavailable(UnavailableException e) {
        if (e.isPermanent()) {
            permanentlyUnavailable = true;
        } else {
            int secs = e.getUnavailableSeconds();
            unavailableUntil = System.currentTimeMillis() + (secs <= 0 ? 60_000L : secs * 1000L);
        }
    }

    private void checkAvailable() throws UnavailableException {
        if (permanentlyUnavailable) {
            throw new UnavailableException(name + " is unavailable");
        }
        long until = unavailableUntil;
        if (until != 0 && System.currentTimeMillis() < until) {
            throw new UnavailableException(name + " is temporarily unavailable",
                    (int) Math.max(1, (until - System.currentTimeMillis()) / 1000));
        }
    }

    public boolean isInitialized() {
        return initialized;
    }

    public synchronized void destroy() {
        if (initialized) {
            initialized = false;
            Servlet s = servlet;
            destroyQuietly(s, s::destroy, "servlet");
        }
    }

    /** The filters of this servlet's last dispatch, or null; any thread. */
    public ChainMemo lastChain() {
        return lastChain;
    }

    public void lastChain(ChainMemo memo) {
        lastChain = memo;
    }
}
