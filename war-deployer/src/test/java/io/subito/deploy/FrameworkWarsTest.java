package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
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
 * Spring MVC started only by a WebApplicationInitializer, and Jersey declared in web.xml.
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
}
