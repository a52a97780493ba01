package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/start.sh passes the server's exit code on, in the background (its default) and in the
 * foreground, so a deployment failure under failOnDeployError (exit 4) reaches whoever ran it.
 * The script runs on a copy of itself beside stand-in jars, with a stand-in {@code java} that
 * exits as the server main does (the main's own exit code is tested in {@link ReadinessTest}).
 */
class StartScriptTest {
    @TempDir
    Path install;

    private record Result(int code, String output) {
    }

    private Result startSh(String... args) throws Exception {
        Path bin = Files.createDirectories(install.resolve("bin"));
        for (String script : List.of("start.sh", "common.sh")) {
            Files.copy(Path.of("..", "bin", script), bin.resolve(script), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path target = Files.createDirectories(install.resolve("war-deployer/target/lib"));
        Files.writeString(install.resolve("war-deployer/target/subito-war-deployer-0.jar"), "");
        // the jars start.sh looks for before it decides the server is built
        Files.writeString(target.resolve("subito-jsp-0.jar"), "");
        Files.writeString(target.resolve("subito-websocket-0.jar"), "");
        Files.writeString(target.resolve("jakarta.websocket-api-0.jar"), "");
        Path java = Files.createDirectories(install.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                echo "subito: 1 app(s) failed to deploy: bad.war (/bad); stopping, since failOnDeployError=true" >&2
                exit 4
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", bin.resolve("start.sh").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", install.resolve("jdk").toString());
        pb.environment().put("SUBITO_CDS", "off");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertTrue(!out.contains("Building Subito"), "the stand-in install must look built to start.sh:\n" + out);
        return new Result(p.exitValue(), out);
    }

    @Test
    void inTheBackgroundTheServersExitCodeIsPassedOnWithItsMessage() throws Exception {
        Result r = startSh();
        assertEquals(Server.EXIT_DEPLOY_FAILED, r.code(), r.output());
        assertTrue(r.output().contains("Subito did not start") && r.output().contains("failed to deploy: bad.war"), r.output());
        assertTrue(!Files.exists(install.resolve("logs/subito.pid")), "no pid file left behind");
    }

    @Test
    void inTheForegroundTheServersExitCodeIsTheScripts() throws Exception {
        Result r = startSh("--foreground");
        assertEquals(Server.EXIT_DEPLOY_FAILED, r.code(), r.output());
        assertTrue(r.output().contains("failed to deploy: bad.war"), r.output());
    }
}
