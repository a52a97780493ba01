package io.subito.spring.boot;

import io.subito.jsp.JspExtension;
import io.subito.servlet.WebAppContext;
import jakarta.servlet.ServletRegistration;
import org.springframework.boot.web.server.servlet.Jsp;

/**
 * Apache Jasper for the application when {@code subito-jsp} is on the class path
 * ({@code server.servlet.jsp.*}): the {@code jsp} servlet on {@code *.jsp} and {@code *.jspx}
 * with the configured init parameters. Loaded only when that module is present.
 */
final class JspSupport {
    private JspSupport() {
    }

    static void register(WebAppContext context, Jsp jsp) {
        new JspExtension().configure(context);
        ServletRegistration registration = context.getServletRegistration(JspExtension.SERVLET_NAME);
        if (registration != null) {
            jsp.getInitParameters().forEach(registration::setInitParameter);
        }
    }
}
