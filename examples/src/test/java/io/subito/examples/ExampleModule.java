package io.subito.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A module that compiles and runs README code: its {@code src/test/java/example} holds README
 * Java blocks as files, its pom the dependencies the README shows next to them.
 */
record ExampleModule(Path dir) {
    String name() {
        return dir.getFileName().toString();
    }

    Path examples() {
        return dir.resolve("src/test/java/example");
    }

    Path pom() {
        return dir.resolve("pom.xml");
    }

    /** Every Java file under {@link #examples()}, by its path there. */
    Map<String, String> sources() throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(examples())) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                out.put(name() + "/src/test/java/example/" + examples().relativize(f), Files.readString(f));
            }
        }
        return out;
    }
}
