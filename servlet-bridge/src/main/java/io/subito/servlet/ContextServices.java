package io.subito.servlet;

import io.subito.servlet.async.AsyncState;
import io.subito.servlet.config.RequestLimits;
import io.subito.servlet.config.ResponseSettings;
import io.subito.servlet.dispatch.DispatchTarget;
import io.subito.servlet.dispatch.Dispatcher;
import io.subito.servlet.dispatch.ErrorPages;
import io.subito.servlet.lifecycle.Listeners;
import io.subito.servlet.mapping.Match;
import io.subito.servlet.registration.FilterMappings;
import io.subito.servlet.registration.RegistrationHost;
import io.subito.servlet.registration.ServletHolder;
import io.subito.servlet.request.Request;
import io.subito.servlet.request.RequestState;
import io.subito.servlet.security.SecuredApp;
import io.subito.servlet.security.SecurityHandler;
import io.subito.servlet.session.SessionManager;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the bridge's other packages may ask of a context, through the small interfaces they
 * declare ({@link DispatchTarget} and the {@link io.subito.servlet.request.RequestContext} it
 * extends, {@link SecuredApp}, {@link RegistrationHost}), so that none of them depends on
 * {@link WebAppContext} and the packages form no cycle. A request's
 * {@code RequestState.context} is this object.
 */
final class ContextServices implements DispatchTarget, SecuredApp, RegistrationHost {
    private final WebAppContext ctx;

    ContextServices(WebAppContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public ServletContext servletContext() {
        return ctx.servletContext();
    }

    @Override
    public io.subito.servlet.lifecycle.AppStats stats() {
        return ctx.stats();
    }

    @Override
    public io.subito.servlet.dispatch.ErrorDetails errorDetails() {
        return ctx.errorDetails();
    }

    @Override
    public void checkNotStarted() {
        ctx.checkNotStarted();
    }

    @Override
    public <T> T createInstance(Class<T> type) throws ServletException {
        return ctx.createInstance(type);
    }

    @Override
    public String contextPath() {
        return ctx.getContextPath();
    }

    @Override
    public ClassLoader classLoader() {
        return ctx.getClassLoader();
    }

    @Override
    public Listeners listeners() {
        return ctx.listeners();
    }

    @Override
    public boolean isDistributable() {
        return ctx.isDistributable();
    }

    @Override
    public boolean isMetadataComplete() {
        return ctx.isMetadataComplete();
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
    public RequestLimits requestLimits() {
        return ctx.requestLimits();
    }

    @Override
    public ResponseSettings responseSettings() {
        return ctx.responseSettings();
    }

    @Override
    public String requestCharacterEncoding() {
        return ctx.settings.requestEncoding();
    }

    @Override
    public String responseCharacterEncoding() {
        return ctx.settings.responseEncoding();
    }

    @Override
    public String localeEncoding(Locale l) {
        return ctx.localeEncodings.forLocale(l);
    }

    @Override
    public String realPath(String path) {
        if (path == null) {
            return null;
        }
        return ctx.resources().realPath(path.startsWith("/") ? path : "/" + path);
    }

    @Override
    public RequestDispatcher requestDispatcher(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        return Dispatcher.withinContext(this, path);
    }

    @Override
    public HttpSession session(RequestState s, boolean create) {
        return ctx.sessions().session(s, create);
    }

    @Override
    public String changeSessionId(RequestState s) {
        return ctx.sessions().changeSessionId(s);
    }

    @Override
    public boolean isSessionValid(String id) {
        return ctx.sessions().isValid(id);
    }

    @Override
    public String encodeUrl(RequestState s, String url) {
        return ctx.sessions().encodeUrl(s, url);
    }

    @Override
    public boolean isUserInRole(RequestState s, String role) {
        return ctx.security().isUserInRole(s, role);
    }

    @Override
    public boolean authenticate(RequestState s, Request request, HttpServletResponse response)
            throws IOException, ServletException {
        return ctx.security().authenticate(s, request, response);
    }

    @Override
    public void login(RequestState s, String user, String password) throws ServletException {
        ctx.security().login(s, user, password);
    }

    @Override
    public void logout(RequestState s) throws ServletException {
        ctx.security().logout(s);
    }

    @Override
    public AsyncContext startAsync(RequestState s, Request containerRequest, ServletRequest request,
                                   ServletResponse response, boolean original) {
        return AsyncState.start(this, s, containerRequest, request, response, original);
    }

    @Override
    public Match map(String canonicalPath) {
        return ctx.map(canonicalPath);
    }

    @Override
    public FilterMappings filterMappings() {
        return ctx.registrations.filterMappings();
    }

    @Override
    public ErrorPages errorPages() {
        return ctx.errorPages();
    }

    @Override
    public SecurityHandler security() {
        return ctx.security();
    }

    @Override
    public DispatchTarget contextOf(ServletContext context) {
        return context instanceof ServletContextApi a ? a.context().services : null;
    }

    @Override
    public SessionManager sessions() {
        return ctx.sessions();
    }

    @Override
    public Set<String> declaredRoles() {
        return ctx.declaredRoles();
    }

    @Override
    public Map<String, ServletHolder> servletHolders() {
        return ctx.registrations.servlets();
    }

    @Override
    public ServletHolder servletForPattern(String pattern) {
        return ctx.registrations.mapper().holderFor(pattern);
    }

    @Override
    public void mapPattern(String pattern, ServletHolder holder) {
        ctx.registrations.mapper().add(pattern, holder);
    }

    @Override
    public Set<String> applyServletSecurity(ServletHolder holder, ServletSecurityElement element) {
        return ctx.security().applyServletSecurity(holder, element);
    }

    @Override
    public void servletInitialized(ServletHolder h) {
        ctx.registrations.servletInitialized(h);
    }

    @Override
    public String toString() {
        return "ContextServices[" + ctx.displayPath() + "]";
    }
}
