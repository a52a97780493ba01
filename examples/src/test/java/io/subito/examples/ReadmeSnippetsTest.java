package io.subito.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's code is the example modules' code: every Java block of README.md is, character for
 * character, one source file under an example module's {@code src/test/java/example} (which its
 * build compiles and runs), and every file there is in the README. Every dependency a README
 * section shows is declared, with the same scope and exclusions, by the module that runs that
 * section's Java blocks, names the version this build makes or uses, and every dependency of an
 * example module is shown. The modules are given by the {@code exampleModules} system property
 * (the examples module and examples-spring-boot, which keeps Spring Boot's BOM to itself).
 */
class ReadmeSnippetsTest {
    private static Readme readme() throws IOException {
        return Readme.read(Path.of(System.getProperty("readme")));
    }

    private static List<ExampleModule> modules() {
        return Arrays.stream(System.getProperty("exampleModules").split(","))
                .map(dir -> new ExampleModule(Path.of(dir.trim()).normalize())).toList();
    }

    /** The README's versions by groupId: what this build makes or uses. */
    private static Map<String, String> versions() {
        Map<String, String> versions = new HashMap<>();
        for (String entry : System.getProperty("versions").split(",")) {
            String[] kv = entry.split("=", 2);
            versions.put(kv[0].trim(), kv[1].trim());
        }
        return versions;
    }

    @Test
    void everyJavaBlockOfTheReadmeIsAnExampleSourceAndEveryExampleSourceIsInTheReadme() throws IOException {
        List<String> blocks = readme().javaBlocks();
        assertFalse(blocks.isEmpty(), "README.md has Java blocks");
        Map<String, String> sources = new LinkedHashMap<>();
        for (ExampleModule m : modules()) {
            Map<String, String> own = m.sources();
            assertFalse(own.isEmpty(), m.examples() + " holds README code");
            sources.putAll(own);
        }
        for (String block : blocks) {
            assertTrue(sources.containsValue(block), "this README block is not a file of an example module's "
                    + "src/test/java/example (copy it there, or the file's text into the README):\n" + block);
        }
        sources.forEach((file, text) -> assertTrue(blocks.contains(text), file + " is not shown in README.md as it is"));
    }

    @Test
    void everyDependencyTheReadmeShowsIsTheBuildsAndDeclaredByTheModuleRunningItsSection() throws IOException {
        Map<String, String> versions = versions();
        Map<ExampleModule, List<Dependency>> shownFor = new LinkedHashMap<>();
        List<Dependency> parents = new ArrayList<>();
        for (Readme.Section section : readme().sections()) {
            List<Dependency> shown = new ArrayList<>();
            for (String xml : section.xmlBlocks()) {
                shown.addAll(Dependency.inSnippet(xml, parents));
            }
            if (shown.isEmpty()) {
                continue;
            }
            ExampleModule owner = owner(section);
            for (Dependency d : shown) {
                if (d.version() != null) {
                    assertTrue(versions.containsKey(d.groupId()), "README shows " + d.coordinates() + ", which no example uses");
                    assertEquals(versions.get(d.groupId()), d.version(), "the version README.md gives " + d.coordinates());
                }
            }
            shownFor.computeIfAbsent(owner, m -> new ArrayList<>()).addAll(shown);
        }
        for (Dependency p : parents) {
            assertEquals(versions.get(p.groupId()), p.version(), "the version of the parent " + p.coordinates() + " in README.md");
        }
        for (ExampleModule m : modules()) {
            List<Dependency> declared = Dependency.declaredIn(m.pom()).stream().map(Dependency::declaration).toList();
            List<Dependency> shown = shownFor.getOrDefault(m, List.of()).stream().map(Dependency::declaration).toList();
            for (Dependency d : shown) {
                assertTrue(declared.contains(d), m.pom() + " declares " + d.coordinates()
                        + " as README.md shows it (version given or not, scope, exclusions): " + d);
            }
            for (Dependency d : declared) {
                assertTrue(shown.contains(d), "README.md shows " + d.coordinates() + ", a dependency of " + m.name()
                        + ", as " + m.pom() + " declares it: " + d);
            }
        }
    }

    /** The module whose sources are the section's Java blocks: it runs the code the section's dependencies serve. */
    private static ExampleModule owner(Readme.Section section) throws IOException {
        for (ExampleModule m : modules()) {
            if (!section.javaBlocks().isEmpty() && m.sources().values().containsAll(section.javaBlocks())) {
                return m;
            }
        }
        return fail("README section \"" + section.title() + "\" shows dependencies, but its Java blocks are not all "
                + "the sources of one example module, which would run them: " + section.javaBlocks().size() + " blocks");
    }
}
