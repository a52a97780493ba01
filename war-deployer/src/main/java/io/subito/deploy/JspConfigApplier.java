package io.subito.deploy;

import io.subito.deploy.descriptor.JspConfig;
import io.subito.servlet.WebAppContext;
import jakarta.servlet.ServletRegistration;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Hands {@code <jsp-config>} to the context (the JSP engine reads it through
 * {@code getJspConfigDescriptor()}) and maps the URL patterns of its property groups to the
 * servlet that serves {@code *.jsp}, as Tomcat does: a page matched only by a group's pattern
 * ({@code /views/*}, {@code *.jspf}) is a JSP too.
 */
final class JspConfigApplier {
    private static final Logger LOG = Logger.getLogger(JspConfigApplier.class.getName());

    private final String app;

    JspConfigApplier(String app) {
        this.app = app;
    }

    void apply(JspConfig config, WebAppContext ctx) {
        ctx.setJspConfigDescriptor(config);
        ServletRegistration jsp = ctx.servletForPattern("*.jsp");
        if (jsp == null) {
            if (!config.propertyGroups().isEmpty()) {
                LOG.warning(() -> app + ": <jsp-property-group> URL patterns are not mapped: no JSP engine is installed");
            }
            return;
        }
        for (JspConfig.PropertyGroup g : config.propertyGroups()) {
            for (String pattern : g.urlPatterns()) {
                map(jsp, pattern);
            }
        }
    }

    /** A pattern the app maps to one of its own servlets stays with that servlet. */
    private void map(ServletRegistration jsp, String pattern) {
        Set<String> taken = jsp.addMapping(pattern);
        if (!taken.isEmpty()) {
            LOG.fine(() -> app + ": JSP property group pattern " + pattern + " stays with the app's servlet");
        }
    }
}
