package io.subito.jsp;

import io.subito.servlet.WebAppContext;
import io.subito.servlet.WebAppExtension;
import jakarta.servlet.ServletRegistration;
import org.apache.jasper.servlet.JasperInitializer;
import org.apache.jasper.servlet.JspServlet;
import org.apache.tomcat.InstanceManager;
import org.apache.tomcat.JarScanner;
import org.apache.tomcat.util.scan.StandardJarScanFilter;
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

    /**
     * Jars of an embedded application's class path that hold no tag library, left unopened when
     * tag libraries are looked for there (as Spring Boot's Tomcat skips its known jars).
     */
    static final String CLASS_PATH_SKIP = "jackson-*.jar,micrometer-*.jar,logback-*.jar,slf4j-*.jar,log4j-*.jar,"
            + "jul-to-slf4j-*.jar,snakeyaml-*.jar,tomcat-*.jar,ecj-*.jar,jctools-*.jar,byte-buddy*.jar,HdrHistogram-*.jar,"
            + "LatencyUtils-*.jar,junit-*.jar,opentest4j-*.jar,assertj-*.jar,mockito-*.jar,hamcrest-*.jar,"
            + "subito-container-*.jar,subito-servlet-bridge-*.jar,subito-websocket-*.jar,subito-jsp-*.jar";

    private final boolean classPathTlds;

    /** Tag libraries from {@code WEB-INF} only: a WAR in the server, whose JVM class path is the server's own. */
    public JspExtension() {
        this(false);
    }

    /**
     * @param classPathTlds also the tag libraries in {@code META-INF} of the class path's jars and
     *                      directories: an embedded application (Spring Boot) whose class path is
     *                      the application's, as Tomcat's {@code StandardJarScanner} finds them
     */
    public JspExtension(boolean classPathTlds) {
        this.classPathTlds = classPathTlds;
    }

    @Override
    public void configure(WebAppContext context) {
        ServletRegistration.Dynamic jsp = context.addContainerServlet(SERVLET_NAME, JspServlet.class.getName());
        jsp.addMapping("*.jsp", "*.jspx");
        context.setAttribute(InstanceManager.class.getName(), new ContextInstanceManager(context.servletContext()));
        context.setAttribute(JarScanner.class.getName(), jarScanner(classPathTlds));
        context.addServletContainerInitializer(new JasperInitializer(), null);
    }

    /**
     * Looks for TLDs in {@code WEB-INF/lib} and {@code WEB-INF/classes}, and on the class path only
     * when asked. Tomcat's default always walks the JVM class path: for a WAR in the server that is
     * the container's, so every deployment would open every server jar, none of which holds a tag
     * library; for an embedded application it is the application's, where JSTL and the like are.
     */
    static JarScanner jarScanner(boolean classPath) {
        StandardJarScanner scanner = new StandardJarScanner();
        scanner.setScanClassPath(classPath);
        if (classPath) {
            WarUrls.register(); // the class path may be an executable jar's nested jars
            StandardJarScanFilter filter = new StandardJarScanFilter();
            filter.setTldSkip(CLASS_PATH_SKIP);
            scanner.setJarScanFilter(filter);
        }
        return scanner;
    }
}
