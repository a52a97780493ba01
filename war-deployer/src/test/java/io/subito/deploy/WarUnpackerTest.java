package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WarUnpackerTest {
    @TempDir
    Path dir;

    private final WarUnpacker unpacker = new WarUnpacker();

    @Test
    void unpacksEveryEntry() throws Exception {
        Path war = new WarBuilder().add("index.html", "hello").add("WEB-INF/web.xml", "<web-app/>")
                .add("css/", new byte[0]).writeTo(dir.resolve("app.war"));
        Path target = dir.resolve("work/app");
        Files.createDirectories(target.getParent());
        unpacker.unpack(war, target);
        assertEquals("hello", Files.readString(target.resolve("index.html")));
        assertEquals("<web-app/>", Files.readString(target.resolve("WEB-INF/web.xml")));
        assertTrue(Files.isDirectory(target.resolve("css")));
        assertEquals(List.of("app"), listing(target.getParent()));
    }

    @Test
    void replacesAnEarlierUnpacking() throws Exception {
        Path target = dir.resolve("app");
        unpacker.unpack(new WarBuilder().add("old.html", "old").writeTo(dir.resolve("a.war")), target);
        unpacker.unpack(new WarBuilder().add("new.html", "new").writeTo(dir.resolve("b.war")), target);
        assertFalse(Files.exists(target.resolve("old.html")));
        assertEquals("new", Files.readString(target.resolve("new.html")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.txt", "a/../../evil.txt", "/tmp/evil.txt", "\\evil.txt", "C:/evil.txt",
        "c:evil.txt", "..\\evil.txt", "WEB-INF/..\\..\\evil.txt", "..", "a/b/../../../evil.txt",
        "./../evil.txt", "//evil.txt", "\\\\host\\share\\evil.txt", "D:\\evil.txt", "a\\..\\..\\evil.txt",
        "WEB-INF/lib/../../../evil.jar"})
    void refusesTheWholeWarForAnEscapingEntry(String entry) throws Exception {
        Path war = new WarBuilder().add("index.html", "fine").add(entry, "evil").add("z.html", "fine")
                .writeTo(dir.resolve("app.war"));
        Path work = Files.createDirectories(dir.resolve("work"));
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> unpacker.unpack(war, work.resolve("app")));
        // Commons Compress reports backslashes of DOS-made entries as slashes
        String named = "'" + entry + "'";
        assertTrue(e.getMessage().contains(named) || e.getMessage().contains(named.replace('\\', '/')), e.getMessage());
        assertTrue(e.getMessage().contains("app.war"), e.getMessage());
        assertFalse(e instanceof WarNotReadyException);
        assertEquals(List.of(), listing(work), "nothing may be left behind");
        assertEquals(List.of("app.war", "work"), listing(dir));
    }

    /** Any link is refused, whether it points out of the tree, into WEB-INF or nowhere in particular. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "WEB-INF/passwd, /etc/passwd",
        "static/up, ../../..",
        "public/config, ../WEB-INF",
        "harmless, index.html"})
    void refusesASymbolicLinkEntry(String name, String target) throws Exception {
        Path war = new WarBuilder().add("index.html", "fine").symlink(name, target)
                .writeTo(dir.resolve("app.war"));
        Path work = Files.createDirectories(dir.resolve("work"));
        DeploymentException e = assertThrows(DeploymentException.class, () -> unpacker.unpack(war, work.resolve("app")));
        assertTrue(e.getMessage().contains("'" + name + "'") && e.getMessage().contains("symbolic link"), e.getMessage());
        assertEquals(List.of(), listing(work));
    }

    @Test
    void aTruncatedWarIsNotReadyAndLeavesNothing() throws Exception {
        byte[] whole = new WarBuilder().add("index.html", "x".repeat(10_000)).add("b.html", "y").bytes();
        Path war = Files.write(dir.resolve("app.war"), Arrays.copyOf(whole, whole.length / 2));
        Path work = Files.createDirectories(dir.resolve("work"));
        assertThrows(WarNotReadyException.class, () -> unpacker.unpack(war, work.resolve("app")));
        assertEquals(List.of(), listing(work));
    }

    @Test
    void anEmptyFileIsNotReady() throws Exception {
        Path war = Files.createFile(dir.resolve("app.war"));
        assertThrows(WarNotReadyException.class, () -> unpacker.unpack(war, dir.resolve("app")));
        assertFalse(Files.exists(dir.resolve("app")));
    }

    @Test
    void safeNamesAreAccepted() {
        for (String ok : List.of("a.html", "WEB-INF/lib/x.jar", "a/./b", "a..b/c", "...", "dir/")) {
            assertEquals(null, WarUnpacker.unsafeReason(ok), ok);
        }
    }

    private static List<String> listing(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
