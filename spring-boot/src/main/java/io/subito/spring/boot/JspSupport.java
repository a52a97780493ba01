package io.subito.spring.boot;

import io.subito.jsp.JspExtension;
import io.subito.servlet.WebAppContext;
import jakarta.servlet.ServletRegistration;
import org.springframework.boot.web.server.servlet.Jsp;

/**
 * Apache Jasper for the application when {@code subito-jsp} is on the class path
 * ({@code server.servlet.jsp.*}): the {@code jsp} servlet on {@code *.jsp} and {@code *.jspx}
 * with the configured init parameters, and the tag libraries in {@code META-INF} of the
 * application's class path (JSTL's jar, say) besides those of {@code WEB-INF}, as with Spring
 * Boot's Tomcat. Loaded only when that module is present.
 */
final class JspSupport {
    private JspSupport() {
    }

    static void register(WebAppContext context, Jsp jsp) {
        new JspExtension(true).configure(context);
        ServletRegistration registration = context.getServletRegistration(JspExtension.SERVLET_NAME);
        if (registration != null) {
            jsp.getInitParameters().forEach(registration::setInitParameter);
        }
    }
}
