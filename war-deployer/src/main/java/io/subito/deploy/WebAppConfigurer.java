package io.subito.deploy;

import io.subito.deploy.descriptor.ErrorPage;
import io.subito.deploy.descriptor.FilterDef;
import io.subito.deploy.descriptor.FilterMapping;
import io.subito.deploy.descriptor.ServletDef;
import io.subito.deploy.descriptor.ServletMapping;
import io.subito.deploy.descriptor.SessionConfig;
import io.subito.deploy.descriptor.WebXml;
import io.subito.servlet.WebAppContext;
import io.subito.servlet.registration.ServletHolder;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.SessionCookieConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Applies a merged {@link WebXml} to a not yet started {@link WebAppContext}, through the
 * standard registration API where there is one and the context's web.xml setters elsewhere.
 * Call it with the webapp's class loader as the thread context class loader: listeners are
 * created here.
 */
public final class WebAppConfigurer {
    /** What Tomcat's default web.xml offers when an app declares no welcome files. */
    static final List<String> DEFAULT_WELCOME_FILES = List.of("index.html", "index.htm", "index.jsp");
    private static final Logger LOG = Logger.getLogger(WebAppConfigurer.class.getName());

    private final String app;

    /** @param app the WAR or directory name, for messages */
    public WebAppConfigurer(String app) {
        this.app = app;
    }

    public void apply(WebXml w, WebAppContext ctx) throws DeploymentException {
        if (!w.ignoredElements.isEmpty()) {
            LOG.warning(() -> app + ": descriptor elements not supported by Subito (no JNDI or EJB), ignored: "
                    + String.join(", ", w.ignoredElements));
        }
        ctx.setEffectiveVersion(w.majorVersion, w.minorVersion);
        // the bridge reads @ServletSecurity and @MultipartConfig off servlet classes unless told not to
        ctx.setMetadataComplete(w.isMetadataCompleteEffective());
        if (w.displayName != null) {
            ctx.setDisplayName(w.displayName);
        }
        ctx.setDistributable(w.distributable);
        ctx.setDenyUncoveredHttpMethods(w.denyUncoveredHttpMethods);
        if (w.requestCharacterEncoding != null) {
            ctx.setRequestCharacterEncoding(w.requestCharacterEncoding);
        }
        if (w.responseCharacterEncoding != null) {
            ctx.setResponseCharacterEncoding(w.responseCharacterEncoding);
        }
        w.contextParams.forEach(ctx::setInitParameter);
        w.mimeMappings.forEach(ctx::addMimeMapping);
        w.localeEncodings.forEach(ctx::addLocaleEncodingMapping);
        (w.welcomeFiles != null ? w.welcomeFiles : DEFAULT_WELCOME_FILES).forEach(ctx::addWelcomeFile);
        errorPages(w, ctx);
        if (w.sessionConfig != null) {
            session(w.sessionConfig, ctx);
        }
        w.securityRoles.forEach(ctx::addRoleDeclaration);
        SecurityConfigurer.apply(w, ctx);
        for (String listener : w.listeners) {
            ctx.addListener(listener);
        }
        Map<String, FilterRegistration.Dynamic> filters = new HashMap<>();
        for (FilterDef f : w.filters.values()) {
            FilterRegistration.Dynamic r = filter(f, ctx);
            if (r != null) {
                filters.put(f.name, r);
            }
        }
        filterMappings(w, filters);
        for (ServletDef s : w.servlets.values()) {
            servlet(s, w, ctx);
        }
        if (w.jspConfig != null) {
            new JspConfigApplier(app).apply(w.jspConfig, ctx);
        }
    }

    private static void errorPages(WebXml w, WebAppContext ctx) {
        for (ErrorPage p : w.errorPages) {
            if (p.errorCode() != null) {
                ctx.addErrorPage(p.errorCode(), p.location());
            } else if (p.exceptionType() != null) {
                ctx.addErrorPage(p.exceptionType(), p.location());
            } else {
                ctx.setDefaultErrorPage(p.location());
            }
        }
    }

    private static void session(SessionConfig s, WebAppContext ctx) {
        if (s.timeoutMinutes != null) {
            ctx.setSessionTimeoutMinutes(s.timeoutMinutes);
        }
        SessionCookieConfig c = ctx.getSessionCookieConfig();
        if (s.cookieName != null) {
            c.setName(s.cookieName);
        }
        if (s.cookieDomain != null) {
            c.setDomain(s.cookieDomain);
        }
        if (s.cookiePath != null) {
            c.setPath(s.cookiePath);
        }
        if (s.cookieHttpOnly != null) {
            c.setHttpOnly(s.cookieHttpOnly);
        }
        if (s.cookieSecure != null) {
            c.setSecure(s.cookieSecure);
        }
        if (s.cookieMaxAge != null) {
            c.setMaxAge(s.cookieMaxAge);
        }
        s.cookieAttributes.forEach(c::setAttribute);
        if (s.trackingModes != null) {
            ctx.setSessionTrackingModes(s.trackingModes);
        }
    }

    /** The registration, or null when the container registered that name already. */
    private FilterRegistration.Dynamic filter(FilterDef f, WebAppContext ctx) throws DeploymentException {
        if (f.className == null) {
            throw new DeploymentException(app + ": filter '" + f.name + "' has no filter-class");
        }
        FilterRegistration.Dynamic r = ctx.addFilter(f.name, f.className);
        if (r != null) {
            r.setInitParameters(f.initParams);
            r.setAsyncSupported(Boolean.TRUE.equals(f.asyncSupported));
        }
        return r;
    }

    /**
     * Added in filter-mapping order, not filter declaration order: the chain follows the order of
     * the mappings (Servlet 6.1 section 6.2.4), and merged fragments may map a filter declared
     * by another.
     */
    private void filterMappings(WebXml w, Map<String, FilterRegistration.Dynamic> filters) throws DeploymentException {
        for (FilterMapping m : w.filterMappings) {
            FilterRegistration.Dynamic r = filters.get(m.filterName());
            if (r == null) {
                if (!w.filters.containsKey(m.filterName())) {
                    throw new DeploymentException(app + ": a filter-mapping names the filter '" + m.filterName()
                            + "', which is not declared");
                }
                continue; // registered by the container, which maps it itself
            }
            if (!m.servletNames().isEmpty()) {
                r.addMappingForServletNames(m.dispatchers(), true, m.servletNames().toArray(new String[0]));
            }
            if (!m.urlPatterns().isEmpty()) {
                r.addMappingForUrlPatterns(m.dispatchers(), true, m.urlPatterns().toArray(new String[0]));
            }
        }
    }

    private void servlet(ServletDef s, WebXml w, WebAppContext ctx) throws DeploymentException {
        if (Boolean.FALSE.equals(s.enabled)) {
            LOG.info(() -> app + ": servlet '" + s.name + "' is disabled (<enabled>false</enabled>), not registered");
            return;
        }
        ServletRegistration.Dynamic r;
        if (s.className != null) {
            r = ctx.addServlet(s.name, s.className);
        } else if (s.jspFile != null) {
            r = jspServlet(s, ctx);
        } else {
            throw new DeploymentException(app + ": servlet '" + s.name + "' has neither servlet-class nor jsp-file");
        }
        if (r == null) {
            return;
        }
        r.setInitParameters(s.initParams);
        r.setLoadOnStartup(s.loadOnStartup == null ? -1 : s.loadOnStartup);
        r.setAsyncSupported(Boolean.TRUE.equals(s.asyncSupported));
        if (s.multipart != null) {
            r.setMultipartConfig(s.multipart);
        }
        if (s.runAs != null) {
            r.setRunAsRole(s.runAs);
        }
        for (ServletMapping m : w.servletMappings) {
            if (m.servletName().equals(s.name)) {
                Set<String> conflicts = r.addMapping(m.urlPatterns().toArray(new String[0]));
                if (!conflicts.isEmpty()) {
                    throw new DeploymentException(app + ": servlet '" + s.name + "': " + conflicts
                            + " already mapped to another servlet");
                }
            }
        }
        if (s.servletSecurity != null) {
            r.setServletSecurity(s.servletSecurity); // patterns constrained in web.xml are left to web.xml
        }
        if (r instanceof ServletHolder holder) {
            // isUserInRole(role-name) inside this servlet then answers for role-link
            s.roleRefs.forEach(holder::addSecurityRoleRef);
        }
    }

    private ServletRegistration.Dynamic jspServlet(ServletDef s, WebAppContext ctx) throws DeploymentException {
        try {
            return ctx.addJspFile(s.name, s.jspFile);
        } catch (UnsupportedOperationException e) {
            throw new DeploymentException(app + ": servlet '" + s.name + "' is the JSP " + s.jspFile
                    + ", but no JSP engine is installed (the jsp module is not on the server's class path)", e);
        }
    }
}
