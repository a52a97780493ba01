package io.subito.deploy;

import org.example.webapp.AuditFilter;
import org.example.webapp.BlockingServlet;
import org.example.webapp.LifecycleTrouble;
import org.example.webapp.BasePlugin;
import org.example.webapp.ConcretePlugin;
import org.example.webapp.FailingInitializer;
import org.example.webapp.FailingListener;
import org.example.webapp.HelloServlet;
import org.example.webapp.MarkedThing;
import org.example.webapp.ParamsServlet;
import org.example.webapp.Marker;
import org.example.webapp.Plugin;
import org.example.webapp.PluginInitializer;
import org.example.webapp.PluginsServlet;
import org.example.webapp.StartupListener;
import org.example.webapp.Unrelated;

/** The WARs the integration tests deploy, built from the compiled fixtures. */
final class TestWars {
    private TestWars() {
    }

    /** Servlet, filter and listener by annotation only; no web.xml. */
    static WarBuilder annotated() {
        return new WarBuilder().webInfClasses(HelloServlet.class, AuditFilter.class, StartupListener.class)
                .add("index.html", "<h1>annotated</h1>");
    }

    /** Annotated servlets: /params answers with the names of its parameters, /parts counts multipart parts. */
    static WarBuilder params() {
        return new WarBuilder().webInfClasses(ParamsServlet.class, org.example.webapp.PartsServlet.class);
    }

    static String webXml(String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1">
                """ + body + "\n</web-app>\n";
    }

    /**
     * HelloServlet declared in a (javax-era 3.1) web.xml under another name, greeting set there;
     * with a lib jar whose initializer the class loader opens, so undeploy has a jar to close.
     */
    static WarBuilder declared(String greeting) {
        return new WarBuilder().webInfClasses(HelloServlet.class).add("WEB-INF/lib/plugin-api.jar", pluginJar())
                .add("WEB-INF/web.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee" version="3.1" metadata-complete="true">
                  <servlet>
                    <servlet-name>greeter</servlet-name>
                    <servlet-class>org.example.webapp.HelloServlet</servlet-class>
                    <init-param><param-name>greeting</param-name><param-value>%s</param-value></init-param>
                    <load-on-startup>1</load-on-startup>
                  </servlet>
                  <servlet-mapping><servlet-name>greeter</servlet-name><url-pattern>/greet</url-pattern></servlet-mapping>
                  <welcome-file-list><welcome-file>start.html</welcome-file></welcome-file-list>
                </web-app>
                """.formatted(greeting)).add("start.html", "welcome " + greeting);
    }

    /** An initializer in a lib jar, given the app's Plugin classes through @HandlesTypes. */
    static WarBuilder withInitializer() {
        return new WarBuilder().add("WEB-INF/lib/plugin-api.jar", pluginJar())
                .webInfClasses(BasePlugin.class, ConcretePlugin.class, MarkedThing.class, Unrelated.class);
    }

    private static byte[] pluginJar() {
        return new WarBuilder()
                .add("META-INF/services/jakarta.servlet.ServletContainerInitializer", PluginInitializer.class.getName())
                .classes("", PluginInitializer.class, PluginsServlet.class, Plugin.class, Marker.class).bytes();
    }

    static WarBuilder zipSlip() {
        return annotated().add("../../evil.jsp", "owned");
    }

    static WarBuilder brokenWebXml() {
        return annotated().add("WEB-INF/web.xml", "<web-app version=\"6.1\"><servlet>\n</web-app>");
    }

    static WarBuilder missingServletClass() {
        return new WarBuilder().add("WEB-INF/web.xml", webXml("""
                <servlet><servlet-name>ghost</servlet-name><servlet-class>com.example.Missing</servlet-class>
                  <load-on-startup>1</load-on-startup></servlet>
                <servlet-mapping><servlet-name>ghost</servlet-name><url-pattern>/*</url-pattern></servlet-mapping>
                """));
    }

    /** A javax-era app: its web.xml names a javax.servlet listener, which no jakarta container has. */
    static WarBuilder javaxServlet() {
        return new WarBuilder().add("WEB-INF/web.xml", """
                <web-app xmlns="http://java.sun.com/xml/ns/javaee" version="2.5">
                  <listener><listener-class>javax.servlet.ServletContextListener</listener-class></listener>
                </web-app>
                """);
    }

    static WarBuilder failingInitializer() {
        byte[] jar = new WarBuilder()
                .add("META-INF/services/jakarta.servlet.ServletContainerInitializer", FailingInitializer.class.getName())
                .classes("", FailingInitializer.class).bytes();
        return annotated().add("WEB-INF/lib/failing.jar", jar);
    }

    static WarBuilder failingListener() {
        return new WarBuilder().webInfClasses(FailingListener.class).add("WEB-INF/web.xml",
                webXml("<listener><listener-class>" + FailingListener.class.getName() + "</listener-class></listener>"));
    }

    /** A static page, and a listener that sleeps {@code startMillis} in contextInitialized (0: none). */
    static WarBuilder slowToStart(String page, long startMillis) {
        return new WarBuilder().webInfClasses(LifecycleTrouble.class).add("index.html", page).add("WEB-INF/web.xml",
                webXml("<context-param><param-name>startMillis</param-name><param-value>" + startMillis
                        + "</param-value></context-param>\n<listener><listener-class>" + LifecycleTrouble.class.getName()
                        + "</listener-class></listener>"));
    }

    /** A static page, and a listener that throws an Error (not an Exception) on {@code "start"} or {@code "stop"}. */
    static WarBuilder errorOn(String when) {
        return new WarBuilder().webInfClasses(LifecycleTrouble.class).add("index.html", "error on " + when)
                .add("WEB-INF/web.xml", webXml("<context-param><param-name>errorOn</param-name><param-value>" + when
                        + "</param-value></context-param>\n<listener><listener-class>" + LifecycleTrouble.class.getName()
                        + "</listener-class></listener>"));
    }

    /** A servlet at /wait that takes a minute to answer. */
    static WarBuilder blocking() {
        return new WarBuilder().webInfClasses(BlockingServlet.class);
    }
}
