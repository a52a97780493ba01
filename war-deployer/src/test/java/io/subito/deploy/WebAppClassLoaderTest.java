package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.example.webapp.ConcretePlugin;
import org.example.webapp.HelloServlet;
import org.example.webapp.Unrelated;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebAppClassLoaderTest {
    @TempDir
    Path app;

    @BeforeAll
    static void noJarCache() {
        WebAppClassLoader.disableJarUrlCaching();
    }

    private WebAppClassLoader loader() throws IOException {
        return new WebAppClassLoader("/t", app, getClass().getClassLoader());
    }

    private void lib(String jar, WarBuilder content) throws IOException {
        content.writeTo(app.resolve("WEB-INF/lib/" + jar));
    }

    @Test
    void appClassesComeFromTheAppEvenWhenTheContainerHasThem() throws Exception {
        new WarBuilder().webInfClasses(HelloServlet.class).writeTo(app.resolve("x.war"));
        new WarUnpacker().unpack(app.resolve("x.war"), app.resolve("u"));
        try (WebAppClassLoader l = new WebAppClassLoader("/t", app.resolve("u"), getClass().getClassLoader())) {
            Class<?> c = l.loadClass(HelloServlet.class.getName());
            assertSame(l, c.getClassLoader(), "child-first");
            assertNotEquals(HelloServlet.class, c);
            assertTrue(Servlet.class.isAssignableFrom(c), "the servlet API is shared with the container");
        }
    }

    @Test
    void sharedApisAndTheJdkAreParentFirstEvenWhenBundled() throws Exception {
        lib("api.jar", new WarBuilder().classes("", Servlet.class, String.class, Unrelated.class));
        try (WebAppClassLoader l = loader()) {
            assertSame(Servlet.class, l.loadClass("jakarta.servlet.Servlet"));
            assertSame(String.class, l.loadClass("java.lang.String"));
            assertSame(javax.xml.parsers.DocumentBuilder.class, l.loadClass("javax.xml.parsers.DocumentBuilder"));
            assertSame(l, l.loadClass(Unrelated.class.getName()).getClassLoader());
        }
    }

    @Test
    void classesComeBeforeLibJarsAndJarsInNameOrder() throws Exception {
        Files.createDirectories(app.resolve("WEB-INF/classes"));
        Files.writeString(app.resolve("WEB-INF/classes/which.txt"), "classes");
        lib("a.jar", new WarBuilder().add("which.txt", "a").add("only-b.txt", "a"));
        lib("b.jar", new WarBuilder().add("which.txt", "b").add("only-b.txt", "b"));
        try (WebAppClassLoader l = loader()) {
            assertEquals("classes", read(l.getResource("which.txt")));
            assertEquals("a", read(l.getResource("only-b.txt")));
            assertEquals(3, java.util.Collections.list(l.getResources("which.txt")).size());
        }
    }

    @Test
    void missingClassesFallBackToTheContainerThenFail() throws Exception {
        try (WebAppClassLoader l = loader()) {
            assertSame(ConcretePlugin.class, l.loadClass(ConcretePlugin.class.getName()));
            assertThrows(ClassNotFoundException.class, () -> l.loadClass("no.such.Thing"));
        }
    }

    @Test
    void closingLeavesNoJarOpen() throws Exception {
        Path fd = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fd), "needs Linux /proc");
        lib("lib.jar", new WarBuilder().classes("", Unrelated.class).add("res.txt", "r"));
        Path jar = app.resolve("WEB-INF/lib/lib.jar").toRealPath();
        WebAppClassLoader l = loader();
        l.loadClass(Unrelated.class.getName());
        try (InputStream in = l.getResourceAsStream("res.txt")) {
            assertNotNull(in);
        }
        try (InputStream in = l.getResource("res.txt").openStream()) { // the path libraries take
            in.read();
        }
        assertTrue(openFiles(fd).contains(jar), "the loader keeps its jar open while in use");
        l.close();
        assertEquals(List.of(), openFiles(fd).stream().filter(jar::equals).toList());
    }

    private static List<Path> openFiles(Path fdDir) throws IOException {
        try (Stream<Path> s = Files.list(fdDir)) {
            return s.map(p -> {
                try {
                    return Files.readSymbolicLink(p);
                } catch (IOException e) {
                    return p; // closed between list and read
                }
            }).toList();
        }
    }

    private static String read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes());
        }
    }
}
