package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.deploy.CommandLine.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server main's commands besides serving: --version, --check-config, and the status file. */
class CommandsTest {
    @TempDir
    Path base;

    @Test
    void theCommandLineNamesTheInstanceAndTheCommand() {
        CommandLine cl = CommandLine.parse(new String[] {"--base", "/srv/a", "--status-file", "/srv/a/logs/s", "--check-config"});
        assertEquals(Path.of("/srv/a"), cl.base());
        assertEquals(Path.of("/srv/a/logs/s"), cl.statusFile());
        assertEquals(Command.CHECK_CONFIG, cl.command());
        assertEquals(Path.of("/srv/b"), CommandLine.parse(new String[] {"--home", "/srv/b"}).base(), "the older name");
        assertEquals(Command.VERSION, CommandLine.parse(new String[] {"--version"}).command());
        assertEquals(Command.SERVE, CommandLine.parse(new String[0]).command());
        String m = assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--chek-config"})).getMessage();
        assertTrue(m.contains("--chek-config") && m.contains("usage:"), m);
    }

    @Test
    void theVersionIsTheBuildsAndTheJavaIsNamed() {
        assertTrue(Version.number().matches("\\d+\\.\\d+\\.\\d+.*"), Version.number());
        assertTrue(Version.describe().startsWith("Subito " + Version.number() + "\nJava " + System.getProperty("java.version")));
    }

    private ServerSettings settings(String serverProperties) throws Exception {
        Files.createDirectories(base.resolve("conf"));
        Files.writeString(base.resolve("conf/server.properties"), serverProperties);
        return ServerSettings.load(base, null, null, Map.of(), Map.of());
    }

    @Test
    void checkConfigReadsEveryFileOfConfAndSaysWhereTheServerWouldListen() throws Exception {
        ServerSettings s = settings("port=9191\n");
        Files.writeString(base.resolve("conf/users.properties"), "ada=secret,admin\n");
        Files.writeString(base.resolve("conf/logging.properties"), ".level=INFO\n");
        Files.createDirectories(base.resolve("conf/apps"));
        Files.writeString(base.resolve("conf/apps/shop.properties"), "crossContext=true\n");
        String ok = ConfigCheck.check(s);
        assertTrue(ok.startsWith("configuration OK: " + base.resolve("conf")
                + " (server.properties, users.properties, logging.properties, apps/shop.properties)"), ok);
        assertTrue(ok.contains("would listen on 127.0.0.1:9191"), ok);
    }

    @Test
    void checkConfigRefusesABadFileByNameAndKey() throws Exception {
        ServerSettings s = settings("");
        Files.createDirectories(base.resolve("conf/apps"));
        Files.writeString(base.resolve("conf/apps/shop.properties"), "crosContext=true\n");
        String m = assertThrows(IllegalArgumentException.class, () -> ConfigCheck.check(s)).getMessage();
        assertTrue(m.contains("shop.properties") && m.contains("crosContext"), m);

        Files.delete(base.resolve("conf/apps/shop.properties"));
        Files.writeString(base.resolve("conf/users.properties"), "ada=\\u00zz\n"); // a malformed \\u escape
        m = assertThrows(IllegalArgumentException.class, () -> ConfigCheck.check(s)).getMessage();
        assertTrue(m.startsWith(base.resolve("conf/users.properties") + ": "), m);
    }

    @Test
    @SuppressWarnings("try") // the status file is closed inside its block on purpose, to see it deleted
    void theStatusFileNamesPidPortAndAppsAndFollowsDeploymentsUntilClosed() throws Exception {
        Files.createDirectories(base.resolve("webapps"));
        TestWars.annotated().writeTo(base.resolve("webapps/one.war"));
        Path file = base.resolve("logs/subito.status");
        try (RunningServer s = new RunningServer(base, "accessLog=false\n");
                StatusFile status = StatusFile.start(s.server, file, 100)) {
            Properties p = read(file);
            assertEquals(String.valueOf(ProcessHandle.current().pid()), p.getProperty("pid"));
            assertEquals(String.valueOf(s.server.port()), p.getProperty("port"));
            assertEquals(s.server.url(), p.getProperty("url"));
            assertEquals("/one", p.getProperty("apps"));

            TestWars.annotated().writeTo(base.resolve("webapps/two.war"));
            s.awaitStatus("/two/hello", 200);
            long deadline = System.nanoTime() + RunningServer.PATIENCE.toNanos();
            while (!"/one, /two".equals(read(file).getProperty("apps")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals("/one, /two", read(file).getProperty("apps"), "rewritten when the apps change");
            status.close();
            assertTrue(Files.notExists(file), "deleted when the server stops");
        }
    }

    private static Properties read(Path file) throws Exception {
        Properties p = new Properties();
        try (var in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }
}
