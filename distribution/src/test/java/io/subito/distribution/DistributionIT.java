package io.subito.distribution;

import static io.subito.distribution.Shell.assertContains;
import static io.subito.distribution.Shell.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.subito.distribution.Shell.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binary distribution as an operator gets it: unpacked from the tarball, run with its own
 * scripts (as processes, on free ports, stopped by pid), never building anything.
 */
class DistributionIT {
    static final String VERSION = System.getProperty("dist.version");
    static final Path TARBALL = Path.of(System.getProperty("dist.tarball"));

    @TempDir
    static Path scratch;
    static Path home;
    static Shell shell;
    static Path start;
    static Path stop;

    @TempDir
    Path instances;

    @BeforeAll
    static void unpack() throws Exception {
        shell = new Shell(scratch.resolve("shell"));
        Process tar = new ProcessBuilder("tar", "-xzf", TARBALL.toString(), "-C", scratch.toString()).inheritIO().start();
        assertEquals(0, tar.waitFor());
        home = scratch.resolve("subito-" + VERSION);
        start = home.resolve("bin/start.sh");
        stop = home.resolve("bin/stop.sh");
    }

    @AfterEach
    void neverBuilt() throws IOException {
        assertEquals(List.of(), shell.mvnCalls(), "the distribution's scripts never run Maven");
    }

    /** A fresh instance directory: the distribution's conf/, and the demo in webapps/. */
    private Path instance(String name, String extraConf) throws IOException {
        Path base = Files.createDirectories(instances.resolve(name));
        Files.createDirectories(base.resolve("conf"));
        for (String f : List.of("server.properties", "users.properties", "logging.properties")) {
            Files.copy(home.resolve("conf/" + f), base.resolve("conf/" + f));
        }
        Files.writeString(base.resolve("conf/server.properties"), "\n" + extraConf, java.nio.file.StandardOpenOption.APPEND);
        Files.createDirectories(base.resolve("webapps"));
        Files.copy(home.resolve("webapps/ROOT.war"), base.resolve("webapps/ROOT.war"), StandardCopyOption.REPLACE_EXISTING);
        return base;
    }

    @Test
    void theTarballAndTheZipHoldTheInstallationWithExecutableScripts() throws Exception {
        Set<String> expected = new TreeSet<>(List.of("bin/start.sh", "bin/stop.sh", "bin/common.sh", "conf/server.properties",
                "conf/users.properties", "conf/logging.properties", "webapps/ROOT.war", "LICENSE", "README.md",
                "lib/subito-war-deployer-" + VERSION + ".jar", "lib/subito-container-" + VERSION + ".jar",
                "lib/subito-servlet-bridge-" + VERSION + ".jar", "lib/subito-jsp-" + VERSION + ".jar",
                "lib/subito-websocket-" + VERSION + ".jar"));
        Set<String> inTar = new TreeSet<>();
        try (Stream<Path> files = Files.walk(home)) {
            files.filter(Files::isRegularFile).forEach(f -> inTar.add(home.relativize(f).toString()));
        }
        assertTrue(inTar.containsAll(expected), inTar.toString());
        assertFalse(inTar.stream().anyMatch(f -> f.startsWith("logs/") || f.startsWith("work/")), "made at first start: " + inTar);
        assertTrue(Files.isExecutable(start) && Files.isExecutable(stop));
        assertTrue(Files.readString(home.resolve("LICENSE")).contains("Apache License"));

        Path zip = Path.of(System.getProperty("dist.zip"));
        Set<String> inZip = new TreeSet<>();
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry e : java.util.Collections.list(z.getEntries())) {
                String name = e.getName().substring(("subito-" + VERSION + "/").length());
                if (!e.isDirectory()) {
                    inZip.add(name);
                }
                if (name.equals("bin/start.sh") || name.equals("bin/stop.sh")) {
                    assertEquals(0755, e.getUnixMode() & 0777, name + " executable in the zip too");
                }
            }
        }
        assertEquals(inTar, inZip, "the zip holds what the tarball holds");
    }

    @Test
    void helpPrintsUsageExits0AndStartsOrStopsNothing() throws Exception {
        Path base = Files.createDirectories(instances.resolve("untouched"));
        for (Path script : List.of(start, stop)) {
            for (String help : List.of("--help", "-h")) {
                Result r = shell.run(script, env("SUBITO_BASE", base.toString()), help);
                assertEquals(0, r.code(), r.toString());
                assertContains(r, "bin/" + script.getFileName(), "--help", "Exit codes");
            }
        }
        try (Stream<Path> left = Files.list(base)) {
            assertEquals(List.of(), left.toList(), "nothing made in the instance");
        }
    }

    @Test
    void anUnknownArgumentPrintsUsageAndExits2() throws Exception {
        for (Path script : List.of(start, stop)) {
            Result r = shell.run(script, env(), "--frobnicate");
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.err().contains("unknown argument --frobnicate") && r.err().contains("--help"), r.toString());
        }
        assertEquals(2, shell.run(stop, env(), "--timeout", "soon").code());
    }

    @Test
    void versionNamesTheReleaseAndTheJava() throws Exception {
        Result r = shell.run(start, env(), "--version");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("Subito " + VERSION + "\nJava "), r.toString());
        assertEquals(r.out(), shell.run(stop, env(), "--version").out());
    }

    @Test
    void checkConfigAcceptsTheShippedConfigurationAndNamesWhereItWouldListen() throws Exception {
        Result r = shell.run(start, env(), "--check-config");
        assertEquals(0, r.code(), r.toString());
        assertContains(r, "configuration OK", home.resolve("conf").toString(), "would listen on 127.0.0.1:8080");
        assertFalse(Files.exists(home.resolve("logs/subito.pid")));
    }

    @Test
    void anUnknownKeyIsRefusedByNameWithTheClosestKnownOne() throws Exception {
        Path base = instance("typo", "prot=8081\n");
        Result r = shell.run(start, env("SUBITO_BASE", base.toString()), "--check-config");
        assertEquals(2, r.code(), r.toString());
        assertContains(r, "unknown key prot", "did you mean port?");
        Result started = shell.run(start, env("SUBITO_BASE", base.toString()));
        assertEquals(2, started.code(), "a start refuses it too: " + started);
        assertContains(started, "unknown key prot");

        Result variable = shell.run(start, env("SUBITO_MAXHEADER", "10"), "--check-config");
        assertEquals(2, variable.code(), variable.toString());
        assertContains(variable, "unknown environment variable SUBITO_MAXHEADER", "did you mean SUBITO_MAXHEADERS?");
        Result property = shell.run(start, env("JAVA_OPTS", "-Dsubito.keepAliveTimeoutMilis=5"), "--check-config");
        assertEquals(2, property.code(), property.toString());
        assertContains(property, "-Dsubito.keepAliveTimeoutMilis", "did you mean -Dsubito.keepAliveTimeoutMillis?");
    }

    @Test
    void aBadBindIsABadBindNotAnExceptionOrABusyPort() throws Exception {
        for (String bind : List.of("no-such-host.invalid", "192.0.2.1")) { // 192.0.2.0/24: documentation only
            Path base = instance("bind-" + bind, "bind=" + bind + "\nport=" + Shell.freePort() + "\n");
            for (String[] args : List.of(new String[] {"--check-config"}, new String[0])) {
                Result r = shell.run(start, env("SUBITO_BASE", base.toString()), args);
                assertEquals(2, r.code(), r.toString());
                assertContains(r, "bind=" + bind);
                assertFalse(r.all().contains("Exception") || r.all().contains("port"), r.toString());
            }
        }
    }

    @Test
    void aKeyIsTakenFromTheCommandLineThenJavaOptsThenTheEnvironmentThenTheFile() throws Exception {
        Path base = instance("precedence", "port=1111\n");
        String where = "would listen on 127.0.0.1:";
        assertContains(shell.run(start, env("SUBITO_BASE", base.toString()), "--check-config"), where + "1111");
        assertContains(shell.run(start, env("SUBITO_BASE", base.toString(), "SUBITO_PORT", "2222"), "--check-config"),
                where + "2222");
        assertContains(shell.run(start, env("SUBITO_BASE", base.toString(), "SUBITO_PORT", "2222",
                "JAVA_OPTS", "-Dsubito.port=3333"), "--check-config"), where + "3333");
        assertContains(shell.run(start, env("SUBITO_BASE", base.toString(), "SUBITO_PORT", "2222",
                "JAVA_OPTS", "-Dsubito.port=3333"), "--check-config", "--port", "4444"), where + "4444");
        Result bad = shell.run(start, env("SUBITO_BASE", base.toString(), "SUBITO_PORT", "http"), "--check-config");
        assertEquals(2, bad.code(), bad.toString());
        assertContains(bad, "SUBITO_PORT: port=http is not a number");
    }

    @Test
    void twoInstancesOfOneInstallationServeSideBySideAndStopByPid() throws Exception {
        int portA = Shell.freePort();
        int portB = Shell.freePort();
        int unused = Shell.freePort();
        // A: its port from the environment over the file; B: from JAVA_OPTS over the environment
        Path a = instance("a", "port=1\n");
        Path b = instance("b", "port=1\n");
        try {
            Result ra = shell.run(start, env("SUBITO_BASE", a.toString(), "SUBITO_PORT", String.valueOf(portA)));
            assertEquals(0, ra.code(), ra.toString());
            assertContains(ra, "Subito serving http://127.0.0.1:" + portA + "/", "apps: /");
            Result rb = shell.run(start, env("SUBITO_BASE", b.toString(), "SUBITO_PORT", String.valueOf(unused),
                    "JAVA_OPTS", "-Dsubito.port=" + portB + " -Xmx128m"));
            assertEquals(0, rb.code(), rb.toString());
            assertContains(rb, "Subito serving http://127.0.0.1:" + portB + "/");
            assertFalse(Shell.listening(unused), "the environment's port lost to JAVA_OPTS");

            for (int port : List.of(portA, portB)) {
                var reply = Shell.get(port, "/hello?name=" + port);
                assertEquals(200, reply.statusCode());
                assertTrue(reply.body().startsWith("Hello, " + port + "!"), reply.body());
            }
            for (Path base : List.of(a, b)) {
                assertTrue(Files.isDirectory(base.resolve("logs")) && Files.isDirectory(base.resolve("work/ROOT")),
                        "logs/ and work/ made in the instance at its first start");
                assertTrue(Files.exists(base.resolve("logs/access.log")));
            }
            assertFalse(Files.exists(home.resolve("logs")) || Files.exists(home.resolve("work")), "the installation untouched");

            Result status = shell.run(start, env("SUBITO_BASE", a.toString()), "status");
            assertEquals(0, status.code(), status.toString());
            String pidA = Files.readString(a.resolve("logs/subito.pid")).trim();
            assertContains(status, "Subito is running: pid " + pidA + ", port " + portA, "apps: /", a.toString());
            Result again = shell.run(start, env("SUBITO_BASE", a.toString(), "SUBITO_PORT", String.valueOf(portA)));
            assertEquals(1, again.code(), again.toString());
            assertContains(again, "already running (pid " + pidA + ")");

            for (String notAStop : List.of("--help", "--frobnicate")) {
                shell.run(stop, env("SUBITO_BASE", a.toString()), notAStop);
                assertEquals(200, Shell.get(portA, "/hello").statusCode(), "stop.sh " + notAStop + " stops nothing");
            }
            Result stopped = shell.run(stop, env("SUBITO_BASE", a.toString()));
            assertEquals(0, stopped.code(), stopped.toString());
            assertContains(stopped, "Subito stopped (pid " + pidA + ")");
            assertFalse(ProcessHandle.of(Long.parseLong(pidA)).map(ProcessHandle::isAlive).orElse(false));
            Result down = shell.run(stop, env("SUBITO_BASE", a.toString()), "status");
            assertEquals(3, down.code(), down.toString());
            assertContains(down, "Subito is not running");
            assertFalse(Files.exists(a.resolve("logs/subito.status")), "the server removes its status file as it exits");

            assertEquals(200, Shell.get(portB, "/hello").statusCode(), "B serves on after A stopped");
            assertEquals(0, shell.run(stop, env("SUBITO_BASE", b.toString())).code());
            assertFalse(Shell.listening(portB));
        } finally {
            Shell.killLeftover(a);
            Shell.killLeftover(b);
        }
    }

    /** JCTools uses sun.misc.Unsafe, which Java 24+ warns about at every start unless allowed: a start allows it. */
    @Test
    void onJava24OrLaterTheConsoleHoldsNoUnsafeWarning() throws Exception {
        Path jdk = javaAtLeast(24);
        assumeTrue(jdk != null, "no Java 24+ under /usr/lib/jvm");
        Path base = instance("java24", "port=" + Shell.freePort() + "\n");
        try {
            Result r = shell.run(start, env("SUBITO_BASE", base.toString(), "JAVA_HOME", jdk.toString()));
            assertEquals(0, r.code(), r.toString());
            String console = Files.readString(base.resolve("logs/console.out"));
            assertTrue(console.contains("Subito serving"), console);
            assertFalse(console.contains("sun.misc.Unsafe"), jdk + ":\n" + console);
            assertEquals(0, shell.run(stop, env("SUBITO_BASE", base.toString(), "JAVA_HOME", jdk.toString())).code());
        } finally {
            Shell.killLeftover(base);
        }
    }

    /** A Java home under /usr/lib/jvm of at least this feature version (by its release file), or null. */
    private static Path javaAtLeast(int version) throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        Pattern feature = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");
        try (Stream<Path> homes = Files.list(jvms)) {
            for (Path home : homes.sorted().toList()) {
                Path release = home.resolve("release");
                if (Files.isExecutable(home.resolve("bin/java")) && Files.isRegularFile(release)) {
                    Matcher m = feature.matcher(Files.readString(release));
                    if (m.find() && Integer.parseInt(m.group(1)) >= version) {
                        return home;
                    }
                }
            }
        }
        return null;
    }
}
