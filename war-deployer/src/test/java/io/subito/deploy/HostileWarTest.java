package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.example.hostile.CastingServlet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WAR whose servlet casts what the container hands it to the real class and reflects over its
 * public members (the class itself it cannot load by name: ContainerClassesHiddenTest). It must
 * find the Servlet API and nothing else: no method that reaches the container's state.
 */
class HostileWarTest {
    @TempDir
    static Path home;
    static RunningServer s;

    @BeforeAll
    static void start() throws Exception {
        s = new RunningServer(home);
        new WarBuilder().webInfClasses(CastingServlet.class).writeTo(s.webapps.resolve("hostile.war"));
        s.awaitStatus("/hostile/cast?object=request", 200);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @ParameterizedTest(name = "the {0} an application gets has no public member beyond the Servlet API")
    @ValueSource(strings = {"context", "request", "response", "async"})
    void whatTheApplicationIsGivenShowsTheServletApiOnly(String object) throws Exception {
        RunningServer.Reply r = s.get("/hostile/cast?object=" + object);
        assertEquals(200, r.status(), r.body());
        assertTrue(r.body().endsWith(": none"), "members beyond the API found by casting: " + r.body());
    }
}
