package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WARs dropped into webapps/ of a running server, checked over HTTP. */
class DeployOverHttpTest {
    @TempDir
    static Path home;
    static RunningServer s;

    @BeforeAll
    static void start() throws Exception {
        Path webapps = Files.createDirectories(home.resolve("webapps"));
        TestWars.annotated().writeTo(webapps.resolve("ROOT.war")); // present at start
        s = new RunningServer(home);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void aWarPresentAtStartIsServedAtTheRoot() throws Exception {
        RunningServer.Reply r = s.get("/hello");
        assertEquals(200, r.status());
        assertEquals("Hello from  tccl=true", r.body(), "the context class loader is the app's during requests");
        assertEquals("yes", r.raw().headers().firstValue("X-Audit").orElse(null), "annotated filter ran");
        assertEquals("<h1>annotated</h1>", s.get("/").body(), "index.html is a default welcome file");
    }

    @Test
    void annotatedServletFilterAndListenerOfADroppedWar() throws Exception {
        TestWars.annotated().writeTo(s.webapps.resolve("shop.war"));
        RunningServer.Reply r = s.awaitStatus("/shop/hi", 200);
        assertEquals("Hello from /shop tccl=true", r.body());
        assertEquals("yes", r.raw().headers().firstValue("X-Audit").orElse(null));
        Deployment d = s.server.deployer().deploymentAt("/shop");
        assertEquals(Boolean.TRUE, d.context().getAttribute("startup.tccl"), "listener ran with the app's TCCL");
        assertTrue(d.dir().startsWith(home.resolve("work")), "unpacked under work/");
    }

    @Test
    void webXmlDeclaredServletAndWelcomeFile() throws Exception {
        TestWars.declared("Howdy").writeTo(s.webapps.resolve("xml.war"));
        assertEquals("Howdy from /xml tccl=true", s.awaitStatus("/xml/greet", 200).body());
        assertEquals("welcome Howdy", s.get("/xml/").body());
        assertEquals(404, s.get("/xml/hello").status(), "metadata-complete: the annotation's mapping is ignored");
    }

    @Test
    void nestedContextPathFromHashInTheName() throws Exception {
        TestWars.annotated().writeTo(s.webapps.resolve("a#b.war"));
        assertEquals("Hello from /a/b tccl=true", s.awaitStatus("/a/b/hello", 200).body());
    }

    @Test
    void initializerFromALibJarGetsItsHandlesTypes() throws Exception {
        TestWars.withInitializer().writeTo(s.webapps.resolve("plugins.war"));
        assertEquals("BasePlugin,ConcretePlugin,MarkedThing", s.awaitStatus("/plugins/plugins", 200).body());
    }

    @Test
    void anExplodedDirectoryIsServedInPlace() throws Exception {
        Path war = TestWars.annotated().writeTo(home.resolve("exploded.war"));
        Path staging = home.resolve("staging");
        new WarUnpacker().unpack(war, staging);
        Files.move(staging, s.webapps.resolve("exploded"));
        assertEquals("Hello from /exploded tccl=true", s.awaitStatus("/exploded/hello", 200).body());
        assertEquals(s.webapps.resolve("exploded").toAbsolutePath(), s.server.deployer().deploymentAt("/exploded").dir());
    }
}
