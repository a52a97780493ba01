package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.example.faces.Greeter;
import org.example.jersey.HelloResource;
import org.example.spring.AppInitializer;
import org.example.spring.GreetingController;
import org.example.spring.WebConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real framework WARs, their jars from Maven Central (copied to target/test-wars by the build):
 * Spring MVC started only by a WebApplicationInitializer, Jersey declared in web.xml, and
 * Jakarta Faces (Mojarra) with CDI (Weld servlet).
 */
class FrameworkWarsTest {
    @TempDir
    static Path home;
    static RunningServer s;

    @BeforeAll
    static void start() throws Exception {
        s = new RunningServer(home);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static WarBuilder withLibs(WarBuilder war, String framework) throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(Path.of("target/test-wars", framework))) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).toList();
        }
        assertFalse(jars.isEmpty(), "the build copies the " + framework + " jars to target/test-wars");
        for (Path jar : jars) {
            war.add("WEB-INF/lib/" + jar.getFileName(), Files.readAllBytes(jar));
        }
        return war;
    }

    @Test
    void springMvcStartedByAWebApplicationInitializer() throws Exception {
        WarBuilder war = withLibs(new WarBuilder()
                .webInfClasses(AppInitializer.class, WebConfig.class, GreetingController.class), "spring");
        war.writeTo(s.webapps.resolve("spring.war"));
        RunningServer.Reply r = s.awaitStatus("/spring/greeting/Ada", 200);
        assertEquals("Hello Ada from Spring MVC", r.body());
        assertEquals(404, s.get("/spring/nothing-here").status());
    }

    @Test
    void jerseyDeclaredInWebXml() throws Exception {
        WarBuilder war = withLibs(new WarBuilder().webInfClasses(HelloResource.class).add("WEB-INF/web.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <servlet>
                    <servlet-name>jersey</servlet-name>
                    <servlet-class>org.glassfish.jersey.servlet.ServletContainer</servlet-class>
                    <init-param>
                      <param-name>jersey.config.server.provider.classnames</param-name>
                      <param-value>org.example.jersey.HelloResource</param-value>
                    </init-param>
                    <load-on-startup>1</load-on-startup>
                  </servlet>
                  <servlet-mapping><servlet-name>jersey</servlet-name><url-pattern>/api/*</url-pattern></servlet-mapping>
                </web-app>
                """), "jersey");
        war.writeTo(s.webapps.resolve("jersey.war"));
        assertEquals("Hello Grace from Jersey", s.awaitStatus("/jersey/api/hello?name=Grace", 200).body());
    }

    /**
     * Mojarra 4.1 and Weld 6 from WEB-INF/lib, as on Tomcat: both start through their initializers,
     * Mojarra asks for the Jakarta WebSocket API while starting (the server's shared class path
     * has it), and a facelet renders a CDI bean's property through EL.
     */
    @Test
    void jakartaFacesWithWeldServesAFacelet() throws Exception {
        WarBuilder war = withLibs(new WarBuilder().webInfClasses(Greeter.class)
                .add("WEB-INF/beans.xml", """
                        <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.1" bean-discovery-mode="annotated"/>
                        """)
                .add("WEB-INF/web.xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1">
                          <servlet>
                            <servlet-name>faces</servlet-name>
                            <servlet-class>jakarta.faces.webapp.FacesServlet</servlet-class>
                            <load-on-startup>1</load-on-startup>
                          </servlet>
                          <servlet-mapping><servlet-name>faces</servlet-name><url-pattern>*.xhtml</url-pattern></servlet-mapping>
                        </web-app>
                        """)
                .add("hello.xhtml", """
                        <!DOCTYPE html>
                        <html xmlns="http://www.w3.org/1999/xhtml" xmlns:h="jakarta.faces.html">
                          <h:head><title>Faces</title></h:head>
                          <h:body><p id="greeting">#{greeter.message}</p><h:outputText value="#{1 + 2}"/></h:body>
                        </html>
                        """), "faces");
        war.writeTo(s.webapps.resolve("faces.war"));
        RunningServer.Reply r = s.awaitStatus("/faces/hello.xhtml", 200);
        assertTrue(r.body().contains("<p id=\"greeting\">Hello from Faces and CDI</p>"), r.body());
        assertTrue(r.body().contains(">3<") || r.body().contains("3</body>"), r.body());
    }
}
