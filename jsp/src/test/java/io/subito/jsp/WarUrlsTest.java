package io.subito.jsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tomcat's war: URLs, as Jasper writes them for a tag library in a jar inside another archive. */
class WarUrlsTest {
    @TempDir
    Path dir;

    @Test
    void anEntryAndTheWholeArchiveAreReadThroughAWarUrl() throws Exception {
        Path jar = dir.resolve("tags.jar");
        try (OutputStream f = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(f)) {
            out.putNextEntry(new JarEntry("META-INF/c.tld"));
            out.write("<taglib/>".getBytes(StandardCharsets.UTF_8));
        }
        WarUrls.register();
        WarUrls.register(); // once per JVM; a second call changes nothing
        String war = "war:" + jar.toUri() + "*/";
        try (InputStream in = new URL("jar:" + war + "!/META-INF/c.tld").openStream()) {
            assertEquals("<taglib/>", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        try (InputStream in = new URL(war + "META-INF/c.tld").openStream()) {
            assertEquals("<taglib/>", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        try (InputStream in = new URL(war).openStream()) {
            assertArrayEquals(Files.readAllBytes(jar), in.readAllBytes());
        }
        assertThrows(MalformedURLException.class, () -> new URL("war:" + jar.toUri()).openStream());
    }
}
