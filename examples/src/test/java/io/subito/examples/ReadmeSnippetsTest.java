package io.subito.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's code is this module's code: every Java block of README.md is, character for
 * character, one source file under {@code src/test/java/example} (which the build compiles and
 * runs), and every file there is in the README; every dependency the README shows names the
 * version this build makes or uses, with the scope this module declares.
 */
class ReadmeSnippetsTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern DEPENDENCY = Pattern.compile(
            "<dependency>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*"
                    + "(?:<version>([^<]+)</version>\\s*)?(?:<scope>([^<]+)</scope>\\s*)?(?:<type>[^<]+</type>\\s*)?</dependency>");

    private static String readme() throws IOException {
        return Files.readString(Path.of(System.getProperty("readme")));
    }

    private static Map<String, String> exampleSources() throws IOException {
        Path root = Path.of(System.getProperty("examples"));
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                out.put(root.relativize(f).toString(), Files.readString(f));
            }
        }
        return out;
    }

    @Test
    void everyJavaBlockOfTheReadmeIsAnExampleSourceAndEveryExampleSourceIsInTheReadme() throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(readme());
        while (m.find()) {
            blocks.add(m.group(1));
        }
        Map<String, String> sources = exampleSources();
        assertFalse(blocks.isEmpty(), "README.md has Java blocks");
        for (String block : blocks) {
            assertTrue(sources.containsValue(block), "this README block is not a file of examples/src/test/java/example "
                    + "(copy it there, or the file's text into the README):\n" + block);
        }
        sources.forEach((file, text) -> assertTrue(blocks.contains(text),
                "examples/src/test/java/example/" + file + " is not shown in README.md as it is"));
    }

    @Test
    void everyDependencyTheReadmeShowsHasTheBuildsVersionAndThisModulesScope() throws IOException {
        Map<String, String> versions = new HashMap<>();
        for (String entry : System.getProperty("versions").split(",")) {
            String[] kv = entry.split("=", 2);
            versions.put(kv[0], kv[1]);
        }
        Map<String, String> scopes = new HashMap<>();
        Matcher declared = DEPENDENCY.matcher(Files.readString(Path.of(System.getProperty("examples.pom"))));
        while (declared.find()) {
            scopes.put(declared.group(1) + ":" + declared.group(2), String.valueOf(declared.group(4)));
        }
        Matcher shown = DEPENDENCY.matcher(readme());
        int count = 0;
        while (shown.find()) {
            String ga = shown.group(1) + ":" + shown.group(2);
            assertTrue(versions.containsKey(shown.group(1)), "README shows " + ga + ", which no example uses");
            assertEquals(versions.get(shown.group(1)), shown.group(3), "the version README.md gives " + ga);
            assertTrue(scopes.containsKey(ga), "examples/pom.xml declares " + ga + " as README.md does");
            assertEquals(scopes.get(ga), String.valueOf(shown.group(4)), "the scope README.md gives " + ga);
            count++;
        }
        assertTrue(count >= 3, "README.md shows the dependencies of both examples (" + count + " found)");
    }
}
