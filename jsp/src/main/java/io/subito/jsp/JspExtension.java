package io.subito.jsp;

import io.subito.servlet.WebAppContext;
import io.subito.servlet.WebAppExtension;
import jakarta.servlet.ServletRegistration;
import org.apache.jasper.servlet.JasperInitializer;
import org.apache.jasper.servlet.JspServlet;
import org.apache.tomcat.InstanceManager;
import org.apache.tomcat.JarScanner;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * Gives a webapp Apache Jasper, wired as Tomcat's global {@code web.xml} and Jetty's
 * apache-jsp module do: the {@code jsp} servlet on {@code *.jsp} and {@code *.jspx} (an app may
 * redefine or remap it), Jasper's initializer (TLD scanning, TLD listeners, the JSP factory)
 * ahead of the app's own, and the two context attributes Jasper looks up. Jasper compiles pages
 * into the context's {@code jakarta.servlet.context.tempdir}.
 */
public final class JspExtension implements WebAppExtension {
    /** The name the JSP specification and Tomcat give the JSP servlet; {@code <jsp-file>} servlets copy it. */
    public static final String SERVLET_NAME = "jsp";

    @Override
    public void configure(WebAppContext context) {
        ServletRegistration.Dynamic jsp = context.addContainerServlet(SERVLET_NAME, JspServlet.class.getName());
        jsp.addMapping("*.jsp", "*.jspx");
        context.setAttribute(InstanceManager.class.getName(), new ContextInstanceManager(context.servletContext()));
        context.setAttribute(JarScanner.class.getName(), webappJarScanner());
        context.addServletContainerInitializer(new JasperInitializer(), null);
    }

    /**
     * Looks for TLDs in {@code WEB-INF/lib} and {@code WEB-INF/classes} only. Tomcat's default also
     * walks the JVM class path, which here is the container's: every deployment would open every
     * server jar, and no server jar holds a tag library.
     */
    private static JarScanner webappJarScanner() {
        StandardJarScanner scanner = new StandardJarScanner();
        scanner.setScanClassPath(false);
        return scanner;
    }
}
