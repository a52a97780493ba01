package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium} run headless for a test: one page load per run, scripts given 10 s of
 * virtual time. Its HOME is {@code home} (on Linux the browser takes the certificates a user
 * trusts from {@code $HOME/.pki/nssdb}), its profile and stderr live there too.
 */
public final class HeadlessChromium {
    public static final Path BINARY = Path.of("/usr/bin/chromium");

    private HeadlessChromium() {
    }

    /** Chromium's standard output for {@code args} (e.g. {@code --dump-dom URL}); fails on a non-zero exit, naming its stderr. */
    public static String run(Path home, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--user-data-dir=" + home.resolve("profile"),
                "--virtual-time-budget=10000"));
        cmd.addAll(List.of(args));
        Path err = home.resolve("chromium.err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s");
        }
        assertEquals(0, p.exitValue(), "chromium's exit code; its stderr: " + Files.readString(err));
        return out.toString(StandardCharsets.UTF_8);
    }
}
