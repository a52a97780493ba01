package io.subito.deploy.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.deploy.SharedApiLoader;
import io.subito.deploy.WebAppClassLoader;
import org.example.webapp.BasePlugin;
import org.example.webapp.ConcretePlugin;
import org.example.webapp.MarkedThing;
import org.example.webapp.Marker;
import org.example.webapp.Plugin;
import org.example.webapp.PluginInitializer;
import org.example.webapp.Unrelated;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitializerDiscoveryTest {
    @TempDir
    Path app;

    /** A jar holding the initializer and its service file; the app's own classes elsewhere. */
    private void layout(String serviceLine) throws Exception {
        Path lib = Files.createDirectories(app.resolve("WEB-INF/lib"));
        try (OutputStream out = Files.newOutputStream(lib.resolve("plugin-api.jar"));
                JarOutputStream jar = new JarOutputStream(out)) {
            put(jar, "META-INF/services/jakarta.servlet.ServletContainerInitializer", serviceLine.getBytes());
            for (Class<?> c : List.of(PluginInitializer.class, Plugin.class, Marker.class)) {
                put(jar, c.getName().replace('.', '/') + ".class", bytes(c));
            }
        }
        for (Class<?> c : List.of(BasePlugin.class, ConcretePlugin.class, MarkedThing.class, Unrelated.class)) {
            Path f = app.resolve("WEB-INF/classes/" + c.getName().replace('.', '/') + ".class");
            Files.createDirectories(f.getParent());
            Files.write(f, bytes(c));
        }
    }

    private static void put(JarOutputStream jar, String name, byte[] content) throws Exception {
        jar.putNextEntry(new JarEntry(name));
        jar.write(content);
        jar.closeEntry();
    }

    private static byte[] bytes(Class<?> c) throws Exception {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    private List<InitializerDiscovery.Found> discover(WebAppClassLoader loader) throws Exception {
        ClassIndex index = new ClassIndex(loader);
        index.addDirectory(app.resolve("WEB-INF/classes"), "WEB-INF/classes");
        index.addJar(app.resolve("WEB-INF/lib/plugin-api.jar"), "plugin-api.jar");
        return new InitializerDiscovery(loader, index).discover(url -> false);
    }

    @Test
    void findsTheInitializerAndTheClassesItHandles() throws Exception {
        layout("# a comment\n" + PluginInitializer.class.getName() + "  # trailing comment\n");
        try (WebAppClassLoader loader = new WebAppClassLoader("/t", app, new SharedApiLoader(getClass().getClassLoader()))) {
            List<InitializerDiscovery.Found> found = discover(loader);
            assertEquals(1, found.size());
            assertSame(loader, found.get(0).initializer().getClass().getClassLoader());
            Set<String> names = new TreeSet<>();
            for (Class<?> c : found.get(0).classes()) {
                names.add(c.getSimpleName());
                assertSame(loader, c.getClassLoader());
            }
            // subclasses at any depth, and a class annotated on a method; not the type itself
            assertEquals(Set.of("BasePlugin", "ConcretePlugin", "MarkedThing"), names);
        }
    }

    @Test
    void anInitializerThatCannotBeMadeIsNamed() throws Exception {
        layout("com.example.MissingInitializer\n");
        try (WebAppClassLoader loader = new WebAppClassLoader("/t", app, new SharedApiLoader(getClass().getClassLoader()))) {
            InitializerDiscovery.InitializerException e = assertThrows(InitializerDiscovery.InitializerException.class,
                    () -> discover(loader));
            assertTrue(e.getMessage().contains("com.example.MissingInitializer"), e.getMessage());
        }
    }

    @Test
    void excludedJarsContributeNoInitializer() throws Exception {
        layout(PluginInitializer.class.getName());
        try (WebAppClassLoader loader = new WebAppClassLoader("/t", app, new SharedApiLoader(getClass().getClassLoader()))) {
            ClassIndex index = new ClassIndex(loader);
            List<InitializerDiscovery.Found> found = new InitializerDiscovery(loader, index)
                    .discover(url -> url.toString().contains("plugin-api.jar"));
            assertEquals(List.of(), found);
            assertNull(index.get(PluginInitializer.class.getName()));
        }
    }
}
