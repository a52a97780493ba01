package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each broken WAR is refused alone, with its name and cause (its path answers 503), while the good app keeps serving. */
class BadDeploymentsTest {
    @TempDir
    static Path home;
    static RunningServer s;

    @BeforeAll
    static void start() throws Exception {
        Path webapps = Files.createDirectories(home.resolve("webapps"));
        TestWars.annotated().writeTo(webapps.resolve("good.war"));
        TestWars.brokenWebXml().writeTo(webapps.resolve("broken-at-start.war"));
        s = new RunningServer(home);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static void goodStillServes() throws Exception {
        assertEquals("Hello from /good tccl=true", s.get("/good/hello").body());
    }

    @Test
    void aBrokenWarPresentAtStartDoesNotStopTheServer() throws Exception {
        goodStillServes();
        assertTrue(s.awaitFailure("broken-at-start.war").contains("WEB-INF/web.xml line"));
        assertEquals(503, s.get("/broken-at-start/hello").status(), "a failed app's path is unavailable, not missing");
    }

    @Test
    void zipSlipIsRefusedNamingTheEntry() throws Exception {
        TestWars.zipSlip().writeTo(s.webapps.resolve("evil.war"));
        String why = s.awaitFailure("evil.war");
        assertTrue(why.contains("evil.war") && why.contains("'../../evil.jsp'"), why);
        assertEquals(503, s.get("/evil/hello").status(), "a failed app's path is unavailable, not missing");
        assertFalse(Files.exists(home.resolve("evil.jsp")));
        assertFalse(Files.exists(home.resolve("work/evil")));
        goodStillServes();
    }

    @Test
    void aBrokenWebXmlIsRefusedAlone() throws Exception {
        TestWars.brokenWebXml().writeTo(s.webapps.resolve("broken.war"));
        String why = s.awaitFailure("broken.war");
        assertTrue(why.startsWith("broken.war: WEB-INF/web.xml line 2"), why);
        assertEquals(503, s.get("/broken/hello").status(), "a failed app's path is unavailable, not missing");
        goodStillServes();
    }

    @Test
    void aMissingServletClassIsRefusedAlone() throws Exception {
        TestWars.missingServletClass().writeTo(s.webapps.resolve("ghost.war"));
        String why = s.awaitFailure("ghost.war");
        assertTrue(why.contains("ghost.war") && why.contains("com.example.Missing"), why);
        assertEquals(503, s.get("/ghost/x").status(), "a failed app's path is unavailable, not missing");
        goodStillServes();
    }

    @Test
    void aThrowingListenerIsRefusedAlone() throws Exception {
        TestWars.failingListener().writeTo(s.webapps.resolve("fails.war"));
        String why = s.awaitFailure("fails.war");
        assertTrue(why.contains("fails.war") && why.contains("this listener always fails"), why);
        assertEquals(503, s.get("/fails/").status(), "a failed app's path is unavailable, not missing");
        goodStillServes();
    }

    @Test
    void aThrowingInitializerIsRefusedAlone() throws Exception {
        TestWars.failingInitializer().writeTo(s.webapps.resolve("init.war"));
        String why = s.awaitFailure("init.war");
        assertTrue(why.contains("init.war") && why.contains("this initializer always fails"), why);
        assertEquals(503, s.get("/init/hello").status(), "a failed app's path is unavailable, not missing");
        assertFalse(Files.exists(home.resolve("work/init")), "its unpacked files are removed");
        goodStillServes();
    }

    @Test
    void aJavaxEraAppGetsAMigrationHint() throws Exception {
        TestWars.javaxServlet().writeTo(s.webapps.resolve("legacy.war"));
        String why = s.awaitFailure("legacy.war");
        assertTrue(why.contains("javax.servlet") && why.contains("jakartaee-migration"), why);
        goodStillServes();
    }

    @Test
    void aWarStillBeingCopiedIsDeployedOnceComplete() throws Exception {
        byte[] whole = TestWars.annotated().bytes();
        Path war = s.webapps.resolve("copying.war");
        Files.write(war, Arrays.copyOf(whole, whole.length / 3));
        Thread.sleep(600); // several polls of an unchanged, truncated file: tried once, refused
        assertTrue(s.awaitFailure("copying.war").contains("not a complete zip file"));
        assertEquals(503, s.get("/copying/hello").status(), "a failed app's path is unavailable, not missing");
        Files.write(war, whole);
        assertEquals("Hello from /copying tccl=true", s.awaitStatus("/copying/hello", 200).body());
        assertFalse(s.server.watcher().failures().containsKey(war));
    }
}
