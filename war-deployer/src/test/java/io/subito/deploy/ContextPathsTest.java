package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextPathsTest {
    @TempDir
    Path dir;

    @Test
    void warsAreNamedLikeTomcat() throws Exception {
        assertEquals("/shop", ContextPaths.contextPathOf(Files.createFile(dir.resolve("shop.war"))));
        assertEquals("", ContextPaths.contextPathOf(Files.createFile(dir.resolve("ROOT.war"))));
        assertEquals("/a/b", ContextPaths.contextPathOf(Files.createFile(dir.resolve("a#b.war"))));
        assertEquals("/x/y/z", ContextPaths.contextPathOf(Files.createFile(dir.resolve("x#y#z.WAR"))));
    }

    @Test
    void explodedDirectoriesAreNamedTheSameWay() throws Exception {
        assertEquals("/shop", ContextPaths.contextPathOf(Files.createDirectory(dir.resolve("shop"))));
        assertEquals("", ContextPaths.contextPathOf(Files.createDirectory(dir.resolve("ROOT"))));
        assertEquals("/a/b", ContextPaths.contextPathOf(Files.createDirectory(dir.resolve("a#b"))));
    }

    @Test
    void otherFilesAreNotDeployments() throws Exception {
        assertNull(ContextPaths.contextPathOf(Files.createFile(dir.resolve("notes.txt"))));
        assertNull(ContextPaths.contextPathOf(Files.createFile(dir.resolve(".shop.war.swp"))));
        assertNull(ContextPaths.contextPathOf(Files.createDirectory(dir.resolve(".hidden"))));
        assertNull(ContextPaths.contextPathOf(Files.createDirectory(dir.resolve("odd.war"))));
    }
}
