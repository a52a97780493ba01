package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.example.webapp.CounterServlet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session store as configured for a running server: the file store by default (sessions
 * kept across a redeploy and a restart), a per-app override file, and -Dsubito.KEY.
 */
class SessionStoresOverHttpTest {
    @TempDir
    Path home;

    static WarBuilder counter(String version) {
        return new WarBuilder().webInfClasses(CounterServlet.class).add("WEB-INF/web.xml", TestWars.webXml(
                "<context-param><param-name>version</param-name><param-value>" + version + "</param-value></context-param>"));
    }

    private static String cookie(RunningServer.Reply r) {
        String sc = r.raw().headers().firstValue("Set-Cookie").orElseThrow(() -> new AssertionError("no Set-Cookie"));
        return sc.substring(0, sc.indexOf(';'));
    }

    @Test
    void theDefaultFileStoreKeepsSessionsAcrossARedeployAndARestart() throws Exception {
        String c;
        try (RunningServer s = new RunningServer(home)) {
            Path war = counter("v1").writeTo(s.webapps.resolve("counter.war"));
            c = cookie(s.awaitStatus("/counter/count", 200));
            assertEquals("2 v1", s.get("/counter/count", "Cookie", c).body());

            counter("v2").writeTo(war);
            s.await("/counter/count/peek", r -> r.body().endsWith("v2")); // the new version serves
            assertEquals("3 v2", s.get("/counter/count", "Cookie", c).body(), "the session followed the redeploy");
        }
        assertTrue(Files.isDirectory(home.resolve("sessions/counter")));
        try (RunningServer s = new RunningServer(home)) {
            counter("v3").writeTo(s.webapps.resolve("counter.war"));
            s.server.watcher().deployAll();
            assertEquals("4 v3", s.awaitStatus("/counter/count", 200, "Cookie", c).body(), "and the restart");
        }
    }

    @Test
    void anAppsOwnPropertiesFileOverridesTheServerWideStore() throws Exception {
        Files.createDirectories(home.resolve("conf/apps"));
        Files.writeString(home.resolve("conf/apps/counter.properties"), "sessionStore=memory\n");
        String c;
        try (RunningServer s = new RunningServer(home)) {
            counter("v1").writeTo(s.webapps.resolve("counter.war"));
            c = cookie(s.awaitStatus("/counter/count", 200));
        }
        try (RunningServer s = new RunningServer(home)) {
            counter("v1").writeTo(s.webapps.resolve("counter.war"));
            s.server.watcher().deployAll();
            assertEquals("1 v1", s.awaitStatus("/counter/count", 200, "Cookie", c).body(), "memory: a new session");
        }
    }

    @Test
    void anUnknownStoreInAnAppsFileFailsThatDeploymentNamingTheFile() throws Exception {
        Files.createDirectories(home.resolve("conf/apps"));
        Files.writeString(home.resolve("conf/apps/counter.properties"), "sessionStore=nosuch\n");
        try (RunningServer s = new RunningServer(home)) {
            counter("v1").writeTo(s.webapps.resolve("counter.war"));
            String failure = s.awaitFailure("counter.war");
            assertTrue(failure.contains("counter.properties") && failure.contains("sessionStore=nosuch: no such session store"),
                    failure);
        }
    }

    @Test
    void aSystemPropertyOverridesTheServersFileAndAWrongStoreIsRefusedAtStart() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/server.properties"), "sessionStore=file\nsessionStore.file.dir=kept\n");
        System.setProperty("subito.sessionStore", "memory");
        try {
            ServerSettings s = ServerSettings.load(home, null, null);
            assertEquals("memory", s.sessionStores().serverKeys().get("sessionStore"));
            assertEquals("kept", s.sessionStores().serverKeys().get("sessionStore.file.dir"));
            System.setProperty("subito.sessionStore", "nosuch");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerSettings.load(home, null, null));
            assertTrue(e.getMessage().contains("sessionStore=nosuch: no such session store (known: memory, file"), e.getMessage());
        } finally {
            System.clearProperty("subito.sessionStore");
        }
    }
}
