package io.subito.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * README.md as its {@code ## } sections, each with its fenced Java and XML blocks. A section is
 * the unit the check attributes to an example module: the module whose sources its Java blocks
 * are must declare the dependencies its XML blocks show.
 */
record Readme(List<Section> sections) {
    record Section(String title, List<String> javaBlocks, List<String> xmlBlocks) {
    }

    static Readme read(Path file) throws IOException {
        List<Section> sections = new ArrayList<>();
        Section current = new Section("(before the first section)", new ArrayList<>(), new ArrayList<>());
        String fence = null; // the language of the open fenced block, or null outside one
        StringBuilder block = new StringBuilder();
        for (String line : Files.readString(file).split("\n", -1)) {
            if (fence == null && line.startsWith("```")) {
                fence = line.substring(3).trim();
                block.setLength(0);
            } else if (fence != null && line.equals("```")) {
                if (fence.equals("java")) {
                    current.javaBlocks().add(block.toString());
                } else if (fence.equals("xml")) {
                    current.xmlBlocks().add(block.toString());
                }
                fence = null;
            } else if (fence != null) {
                block.append(line).append('\n');
            } else if (line.startsWith("## ")) {
                sections.add(current);
                current = new Section(line.substring(3), new ArrayList<>(), new ArrayList<>());
            }
        }
        if (fence != null) {
            throw new IllegalStateException("README.md ends inside a ```" + fence + " block");
        }
        sections.add(current);
        return new Readme(sections);
    }

    List<String> javaBlocks() {
        return sections.stream().flatMap(s -> s.javaBlocks().stream()).toList();
    }
}
