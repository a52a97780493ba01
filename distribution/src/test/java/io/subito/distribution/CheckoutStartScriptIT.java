package io.subito.distribution;

import static io.subito.distribution.Shell.assertContains;
import static io.subito.distribution.Shell.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.distribution.Shell.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/start.sh in a source checkout: it builds when the server is not built or its sources
 * changed since its last build, and only then; after a build it puts the demo into webapps/
 * only where no ROOT.war or ROOT/ is. The checkout is a stand-in (the real scripts, a pom.xml,
 * a source file, and the distribution's jars where a build leaves them) and Maven a stand-in
 * that records its calls, so the test sees every decision without building anything.
 */
class CheckoutStartScriptIT {
    @TempDir
    static Path unpacked;
    static Path distribution;
    @TempDir
    Path checkout;
    @TempDir
    Path scratch;
    Shell shell;
    Path start;
    Path source;

    @BeforeEach
    void layOutACheckout() throws Exception {
        shell = new Shell(scratch);
        Path bin = Files.createDirectories(checkout.resolve("bin"));
        for (String f : List.of("start.sh", "stop.sh", "common.sh")) {
            Files.copy(Path.of(System.getProperty("checkout.bin"), f), bin.resolve(f));
        }
        start = bin.resolve("start.sh");
        Files.writeString(checkout.resolve("pom.xml"), "<project/>\n");
        source = Files.createDirectories(checkout.resolve("war-deployer/src/main/java")).resolve("Server.java");
        Files.writeString(source, "class Server {}\n");
        Files.createDirectories(checkout.resolve("conf"));
        // what a build leaves: the server jar in war-deployer/target, what it runs with in target/lib, the demo
        Path target = Files.createDirectories(checkout.resolve("war-deployer/target/lib"));
        Path dist = distribution;
        try (Stream<Path> jars = Files.list(dist.resolve("lib"))) {
            for (Path jar : jars.toList()) {
                boolean server = jar.getFileName().toString().startsWith("subito-war-deployer-");
                Files.copy(jar, server ? checkout.resolve("war-deployer/target").resolve(jar.getFileName())
                        : target.resolve(jar.getFileName()));
            }
        }
        Files.copy(dist.resolve("webapps/ROOT.war"), Files.createDirectories(checkout.resolve("demo-app/target")).resolve("ROOT.war"));
        // every file older than the test's edits
        FileTime past = FileTime.from(Instant.now().minusSeconds(3600));
        try (Stream<Path> all = Files.walk(checkout)) {
            for (Path p : all.toList()) {
                Files.setLastModifiedTime(p, past);
            }
        }
    }

    @BeforeAll
    static void unpackDistribution() throws Exception {
        Process tar = new ProcessBuilder("tar", "-xzf", System.getProperty("dist.tarball"), "-C", unpacked.toString())
                .inheritIO().start();
        assertEquals(0, tar.waitFor());
        distribution = unpacked.resolve("subito-" + System.getProperty("dist.version"));
    }

    private Result version() throws Exception {
        Result r = shell.run(start, env(), "--version");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("Subito " + System.getProperty("dist.version")), r.toString());
        return r;
    }

    @Test
    void itBuildsOnceThenOnlyWhenASourceOrPomChanges() throws Exception {
        assertContains(version(), "Building Subito (not built by this script yet)");
        assertEquals(List.of("-q -B -DskipTests -pl war-deployer,demo-app -am package"), shell.mvnCalls());

        assertFalse(version().all().contains("Building"), "built and unchanged: no build");
        assertEquals(1, shell.mvnCalls().size());

        Files.setLastModifiedTime(source, FileTime.from(Instant.now()));
        assertContains(version(), "Building Subito (war-deployer/src/main/java/Server.java changed since the last build)");
        assertEquals(2, shell.mvnCalls().size());

        Files.setLastModifiedTime(checkout.resolve("pom.xml"), FileTime.from(Instant.now()));
        assertContains(version(), "pom.xml changed since the last build");
        assertEquals(3, shell.mvnCalls().size());
        assertFalse(version().all().contains("Building"));
    }

    @Test
    void aFailedBuildStopsTheStartAndIsTriedAgainNextTime() throws Exception {
        Result r = shell.run(start, env("FAKE_MVN_EXIT", "1"));
        assertEquals(1, r.code(), r.toString());
        assertContains(r, "the build failed");
        assertFalse(Files.exists(checkout.resolve("logs/subito.pid")), "nothing started");
        version();
        assertEquals(2, shell.mvnCalls().size(), "the failed build left no stamp: built again");
    }

    @Test
    void afterABuildTheDemoGoesIntoWebappsOnlyWhenThereIsNoRootApp() throws Exception {
        version();
        assertTrue(Files.exists(checkout.resolve("webapps/ROOT.war")), "a fresh checkout gets the demo");

        Files.writeString(checkout.resolve("webapps/ROOT.war"), "the operator's own");
        Files.setLastModifiedTime(source, FileTime.from(Instant.now()));
        assertContains(version(), "Building");
        assertEquals("the operator's own", Files.readString(checkout.resolve("webapps/ROOT.war")));

        Files.delete(checkout.resolve("webapps/ROOT.war"));
        Files.createDirectories(checkout.resolve("webapps/ROOT"));
        Files.setLastModifiedTime(source, FileTime.from(Instant.now()));
        assertContains(version(), "Building");
        assertFalse(Files.exists(checkout.resolve("webapps/ROOT.war")), "an exploded ROOT/ is a root app too");
    }

    @Test
    void helpAndUnknownArgumentsNeverBuild() throws Exception {
        assertEquals(0, shell.run(start, env(), "--help").code());
        assertEquals(2, shell.run(start, env(), "--nope").code());
        assertEquals(3, shell.run(start, env(), "status").code());
        assertEquals(List.of(), shell.mvnCalls());
    }
}
