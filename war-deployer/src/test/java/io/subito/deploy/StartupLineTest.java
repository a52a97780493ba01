package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up time the server main prints is what a user waited: never more than the time
 * measured from outside, from before the JVM was launched until the line was read.
 */
class StartupLineTest {
    private static final Pattern LINE =
            Pattern.compile("^Subito serving (\\S+) \\(started in (\\d+) ms from JVM start, (\\d+) ms of them in main;.*");

    @TempDir
    Path home;

    @Test
    void theReportedStartupTimeFitsInsideTheTimeMeasuredFromOutside() throws Exception {
        Files.createDirectories(home.resolve("webapps"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Server.class.getName(), "--home", home.toString(), "--port", "0").redirectErrorStream(true);
        long before = System.nanoTime();
        Process p = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            Matcher m = awaitLine(out);
            long outside = (System.nanoTime() - before) / 1_000_000;
            long fromJvmStart = Long.parseLong(m.group(2));
            long inMain = Long.parseLong(m.group(3));
            assertTrue(fromJvmStart <= outside, fromJvmStart + " ms reported, " + outside + " ms measured outside");
            assertTrue(inMain <= fromJvmStart, inMain + " ms in main, " + fromJvmStart + " ms from JVM start");
        } finally {
            p.destroy(); // SIGTERM: the graceful stop
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static Matcher awaitLine(BufferedReader out) throws Exception {
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                return m;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the server ended without its start-up line:\n" + seen);
    }
}
