package io.subito.servlet;

import io.subito.servlet.dispatch.Dispatcher;
import io.subito.servlet.registration.ServletHolder;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.descriptor.JspConfigDescriptor;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.Enumeration;
import java.util.EventListener;
import java.util.Map;
import java.util.Set;

/**
 * The {@link ServletContext} an application is given: the Servlet API and nothing else (its
 * public methods are the interface's), over the container's {@link WebAppContext}, which the
 * application cannot reach from here. Adds what only applies to calls from the application:
 * Servlet 6.1 section 4.4's restrictions on programmatically added listeners.
 */
final class ServletContextApi implements ServletContext {
    private final WebAppContext ctx;

    ServletContextApi(WebAppContext ctx) {
        this.ctx = ctx;
    }

    /** The context behind this facade, for the container's own classes in this package. */
    WebAppContext context() {
        return ctx;
    }

    private void checkPluggable() {
        ctx.lifecycle.checkPluggable();
    }

    private void checkConfigurable() {
        checkPluggable();
        ctx.checkNotStarted();
    }

    @Override
    public String getContextPath() {
        return ctx.getContextPath();
    }

    /** This context for its own paths; another application's only when cross-context access is on. */
    @Override
    public ServletContext getContext(String uripath) {
        ServletHost h = ctx.host;
        if (uripath == null || !uripath.startsWith("/")) {
            return null;
        }
        String cp = ctx.getContextPath();
        if (h == null) {
            return uripath.equals(cp) || uripath.startsWith(cp + "/") || cp.isEmpty() ? this : null;
        }
        WebAppContext found = h.contextFor(uripath);
        return found == ctx || ctx.crossContext && found != null ? found.servletContext() : null;
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
        return ctx.effectiveMajor;
    }

    @Override
    public int getEffectiveMinorVersion() {
        return ctx.effectiveMinor;
    }

    @Override
    public String getMimeType(String file) {
        return ctx.mimeTypes().forFile(file);
    }

    @Override
    public Set<String> getResourcePaths(String path) {
        return ctx.resources().paths(path);
    }

    @Override
    public URL getResource(String path) throws MalformedURLException {
        if (path == null || !path.startsWith("/")) {
            throw new MalformedURLException("resource path must start with '/': " + path);
        }
        return ctx.resources().url(path);
    }

    @Override
    public InputStream getResourceAsStream(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        return ctx.resources().open(path);
    }

    @Override
    public RequestDispatcher getRequestDispatcher(String path) {
        return ctx.services.requestDispatcher(path);
    }

    @Override
    public RequestDispatcher getNamedDispatcher(String name) {
        ServletHolder h = name == null ? null : ctx.registrations.servlets().get(name);
        return h == null ? null : Dispatcher.forName(ctx.services, h);
    }

    @Override
    public void log(String msg) {
        ctx.log(msg);
    }

    @Override
    public void log(String message, Throwable throwable) {
        ctx.log(message, throwable);
    }

    @Override
    public String getRealPath(String path) {
        return ctx.services.realPath(path);
    }

    @Override
    public String getServerInfo() {
        return WebAppContext.SERVER_INFO;
    }

    @Override
    public String getInitParameter(String name) {
        return ctx.attributes.initParameter(name);
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
        return ctx.attributes.initParameterNames();
    }

    @Override
    public boolean setInitParameter(String name, String value) {
        checkPluggable();
        return ctx.setInitParameter(name, value);
    }

    @Override
    public Object getAttribute(String name) {
        return ctx.attributes.get(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        return ctx.attributes.names();
    }

    @Override
    public void setAttribute(String name, Object value) {
        ctx.attributes.set(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        ctx.attributes.remove(name);
    }

    @Override
    public String getServletContextName() {
        return ctx.displayName;
    }

    // ---- servlets and filters ----

    @Override
    public ServletRegistration.Dynamic addServlet(String name, String className) {
        checkPluggable();
        return ctx.addServlet(name, className);
    }

    @Override
    public ServletRegistration.Dynamic addServlet(String name, Servlet servlet) {
        checkPluggable();
        return ctx.addServlet(name, servlet);
    }

    @Override
    public ServletRegistration.Dynamic addServlet(String name, Class<? extends Servlet> type) {
        checkPluggable();
        return ctx.addServlet(name, type);
    }

    @Override
    public ServletRegistration.Dynamic addJspFile(String name, String jspFile) {
        checkPluggable();
        return ctx.addJspFile(name, jspFile);
    }

    @Override
    public <T extends Servlet> T createServlet(Class<T> type) throws ServletException {
        checkPluggable();
        return ctx.createInstance(type);
    }

    @Override
    public ServletRegistration getServletRegistration(String name) {
        checkPluggable();
        return ctx.registrations.servlets().get(name);
    }

    @Override
    public Map<String, ? extends ServletRegistration> getServletRegistrations() {
        checkPluggable();
        return ctx.registrations.servletsCopy();
    }

    @Override
    public FilterRegistration.Dynamic addFilter(String name, String className) {
        checkPluggable();
        return ctx.addFilter(name, className);
    }

    @Override
    public FilterRegistration.Dynamic addFilter(String name, Filter filter) {
        checkPluggable();
        return ctx.addFilter(name, filter);
    }

    @Override
    public FilterRegistration.Dynamic addFilter(String name, Class<? extends Filter> type) {
        checkPluggable();
        return ctx.addFilter(name, type);
    }

    @Override
    public <T extends Filter> T createFilter(Class<T> type) throws ServletException {
        checkPluggable();
        return ctx.createInstance(type);
    }

    @Override
    public FilterRegistration getFilterRegistration(String name) {
        checkPluggable();
        return ctx.registrations.filters().get(name);
    }

    @Override
    public Map<String, ? extends FilterRegistration> getFilterRegistrations() {
        checkPluggable();
        return ctx.registrations.filtersCopy();
    }

    // ---- sessions ----

    @Override
    public SessionCookieConfig getSessionCookieConfig() {
        checkPluggable();
        return ctx.sessions().cookieConfig();
    }

    @Override
    public void setSessionTrackingModes(Set<SessionTrackingMode> modes) {
        checkPluggable();
        ctx.setSessionTrackingModes(modes);
    }

    @Override
    public Set<SessionTrackingMode> getDefaultSessionTrackingModes() {
        return Set.of(SessionTrackingMode.COOKIE, SessionTrackingMode.URL);
    }

    @Override
    public Set<SessionTrackingMode> getEffectiveSessionTrackingModes() {
        return ctx.sessions().trackingModes();
    }

    @Override
    public int getSessionTimeout() {
        return ctx.sessions().timeoutMinutes();
    }

    @Override
    public void setSessionTimeout(int minutes) {
        checkConfigurable();
        ctx.sessions().setTimeoutMinutes(minutes);
    }

    // ---- listeners ----

    @Override
    public void addListener(String className) {
        checkPluggable();
        ctx.addListener(className);
    }

    @Override
    public <T extends EventListener> void addListener(T listener) {
        checkPluggable();
        ctx.addListener(listener);
    }

    @Override
    public void addListener(Class<? extends EventListener> type) {
        checkPluggable();
        ctx.addListener(type);
    }

    @Override
    public <T extends EventListener> T createListener(Class<T> type) throws ServletException {
        checkPluggable();
        return ctx.lifecycle.createListener(type);
    }

    // ---- the rest of the configuration ----

    @Override
    public JspConfigDescriptor getJspConfigDescriptor() {
        checkPluggable();
        return ctx.jspConfig;
    }

    @Override
    public ClassLoader getClassLoader() {
        return ctx.getClassLoader();
    }

    @Override
    public void declareRoles(String... roleNames) {
        checkConfigurable();
        for (String r : roleNames) {
            if (r == null || r.isEmpty()) {
                throw new IllegalArgumentException("role name is null or empty");
            }
            ctx.addRoleDeclaration(r);
        }
    }

    @Override
    public String getVirtualServerName() {
        return "localhost";
    }

    @Override
    public String getRequestCharacterEncoding() {
        return ctx.settings.requestEncoding();
    }

    @Override
    public void setRequestCharacterEncoding(String encoding) {
        checkPluggable();
        ctx.setRequestCharacterEncoding(encoding);
    }

    @Override
    public String getResponseCharacterEncoding() {
        return ctx.settings.responseEncoding();
    }

    @Override
    public void setResponseCharacterEncoding(String encoding) {
        checkPluggable();
        ctx.setResponseCharacterEncoding(encoding);
    }

    @Override
    public String toString() {
        return "ServletContext[" + ctx.displayPath() + "]";
    }
}
