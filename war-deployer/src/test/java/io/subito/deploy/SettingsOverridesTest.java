package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.deploy.config.LayeredProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * conf/server.properties under the overrides: the keys the settings code reads are the known
 * keys, each documented in the shipped file and each overridable; precedence is command line,
 * system property, environment, file.
 */
class SettingsOverridesTest {
    private static final Path SHIPPED = Path.of("..", "conf", "server.properties"); // tests run in war-deployer/
    /** {@code key=} at the start of a line, commented out or not. */
    private static final Pattern MENTIONED = Pattern.compile("(?m)^#?([A-Za-z][A-Za-z0-9.]*)=");

    @TempDir
    Path home;

    private ServerSettings load(String file, Integer portOption, Map<String, String> sys, Map<String, String> env)
            throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/server.properties"), file);
        return ServerSettings.load(home, portOption, null, sys, env);
    }

    /** The keys the settings code asks for when reading an empty file. */
    private static Set<String> knownKeys(Path home) {
        LayeredProperties p = new LayeredProperties(new Properties(), "f", Map.of(), Map.of(), Map.of());
        ServerSettings.from(home, p, null);
        return new TreeSet<>(p.asked());
    }

    @Test
    void everyKeyTheServerReadsIsDocumentedInTheShippedFile() throws Exception {
        String text = Files.readString(SHIPPED);
        Set<String> mentioned = new TreeSet<>();
        Matcher m = MENTIONED.matcher(text);
        while (m.find()) {
            mentioned.add(m.group(1));
        }
        Set<String> known = knownKeys(home);
        assertTrue(known.size() >= 30, known.toString());
        assertEquals(known, mentioned, "conf/server.properties documents exactly the keys the server reads");
    }

    @Test
    void everyKnownKeyCanBeSetByItsEnvironmentVariableAndItsSystemProperty() throws Exception {
        Properties shipped = new Properties();
        try (var in = Files.newInputStream(SHIPPED)) {
            shipped.load(in);
        }
        for (String key : knownKeys(home)) {
            String value = shipped.getProperty(key, "");
            // accepted, not refused as unknown: the override reaches a known key
            load("", null, Map.of(), Map.of(LayeredProperties.envName(key), value));
            load("", null, Map.of("subito." + key, value), Map.of());
        }
        assertEquals(9090, load("", null, Map.of(), Map.of("SUBITO_PORT", "9090")).engine().port());
        assertEquals(4096, load("", null, Map.of("subito.maxFormBytes", "4096"), Map.of()).requestLimits().maxFormBytes());
        assertTrue(load("", null, Map.of(), Map.of("SUBITO_ALLOWTRACE", "true")).engine().allowTrace());
    }

    @Test
    void theCommandLineBeatsTheSystemPropertyWhichBeatsTheEnvironmentWhichBeatsTheFile() throws Exception {
        String file = "port=1111\n";
        Map<String, String> env = Map.of("SUBITO_PORT", "2222");
        Map<String, String> sys = Map.of("subito.port", "3333");
        assertEquals(1111, load(file, null, Map.of(), Map.of()).engine().port());
        assertEquals(2222, load(file, null, Map.of(), env).engine().port());
        assertEquals(3333, load(file, null, sys, env).engine().port());
        assertEquals(4444, load(file, 4444, sys, env).engine().port());
    }

    @Test
    void aWebappsOptionStillCountsTheFilesWebappsKeyAsKnown() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/server.properties"), "webapps=apps\n");
        ServerSettings s = ServerSettings.load(home, null, home.resolve("elsewhere"), Map.of(), Map.of());
        assertEquals(home.resolve("elsewhere").toAbsolutePath(), s.webapps());
    }

    @Test
    void unknownKeysAndBadOverridesAreRefusedNamingWhereTheyWereSet() throws Exception {
        Path file = home.resolve("conf/server.properties");
        assertEquals("unknown key prot in " + file + " (did you mean port?)",
                assertThrows(IllegalArgumentException.class, () -> load("prot=1\n", null, Map.of(), Map.of())).getMessage());
        assertEquals("unknown environment variable SUBITO_THREAD (did you mean SUBITO_THREADS?)",
                assertThrows(IllegalArgumentException.class, () -> load("", null, Map.of(), Map.of("SUBITO_THREAD", "4")))
                        .getMessage());
        assertEquals("-Dsubito.threads: threads=lots is not a number",
                assertThrows(IllegalArgumentException.class, () -> load("threads=4\n", null, Map.of("subito.threads", "lots"),
                        Map.of())).getMessage());
        assertEquals(home.resolve("conf/server.properties") + ": threads=0 is out of range [1, 100000]",
                assertThrows(IllegalArgumentException.class, () -> load("threads=0\n", null, Map.of(), Map.of())).getMessage());
        String bind = assertThrows(IllegalArgumentException.class,
                () -> load("", null, Map.of(), Map.of("SUBITO_BIND", "no-such-host.invalid"))).getMessage();
        assertTrue(bind.startsWith("SUBITO_BIND: bind=no-such-host.invalid does not resolve"), bind);
    }
}
