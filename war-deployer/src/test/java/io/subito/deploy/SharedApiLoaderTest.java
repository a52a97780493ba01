package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.Servlet;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class SharedApiLoaderTest {
    private final SharedApiLoader shared = new SharedApiLoader(getClass().getClassLoader());

    @Test
    void sharesTheApisButNotTheContainersLibraries() throws Exception {
        assertSame(Servlet.class, shared.loadClass("jakarta.servlet.Servlet"));
        assertSame(String.class, shared.loadClass("java.lang.String"));
        assertThrows(ClassNotFoundException.class, () -> shared.loadClass("org.objectweb.asm.ClassReader"));
        assertThrows(ClassNotFoundException.class, () -> shared.loadClass("org.apache.commons.compress.archivers.zip.ZipFile"));
        assertNull(shared.getResource("org/objectweb/asm/ClassReader.class"));
    }

    @Test
    void hidesSubitosOwnClassesAndTheirFiles() throws Exception {
        for (String name : new String[] {Server.class.getName(), WebAppClassLoader.class.getName(),
            "io.subito.servlet.WebAppContext", "io.subito.container.HttpServer", "io.subito.jsp.JspExtension"}) {
            assertThrows(ClassNotFoundException.class, () -> shared.loadClass(name), name);
            assertNull(shared.getResource(name.replace('.', '/') + ".class"), name);
        }
        assertNotNull(getClass().getClassLoader().getResource("io/subito/deploy/Server.class"), "the test itself sees it");
        assertEquals(0, Collections.list(shared.getResources("io/subito/deploy/Server.class")).size());
    }

    @Test
    void sharesTheWebSocketApi() throws Exception {
        Class<?> c = shared.loadClass("jakarta.websocket.server.ServerContainer");
        assertSame(getClass().getClassLoader().loadClass("jakarta.websocket.server.ServerContainer"), c);
        assertNotNull(shared.loadClass("jakarta.websocket.ContainerProvider"), "the client API too");
    }

    @Test
    void hidesTheContainersInitializers() throws Exception {
        // spring-web and Jasper on the test class path declare some; a real server's has Jasper's
        assertTrue(Collections.list(getClass().getClassLoader().getResources(SharedApiLoader.SCI_SERVICE)).size() > 0);
        assertEquals(0, Collections.list(shared.getResources(SharedApiLoader.SCI_SERVICE)).size());
        assertNull(shared.getResource(SharedApiLoader.SCI_SERVICE));
    }

    @Test
    void anAppFindsTheContainersWebSocketClientThroughContainerProvider() throws Exception {
        String service = "META-INF/services/jakarta.websocket.ContainerProvider";
        java.util.List<java.net.URL> files = Collections.list(shared.getResources(service));
        assertEquals(1, files.size(), "the websocket module's service file");
        ClassLoader app = new java.net.URLClassLoader(new java.net.URL[0], shared);
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        t.setContextClassLoader(app);
        try {
            Object container = jakarta.websocket.ContainerProvider.getWebSocketContainer();
            assertEquals("io.subito.websocket.client.WsClientContainer", container.getClass().getName());
        } finally {
            t.setContextClassLoader(old);
        }
    }

    @Test
    void aSharedServiceFileNamingAClassTheAppCannotLoadIsNotOffered(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path f = dir.resolve("META-INF/services/jakarta.websocket.ContainerProvider");
        java.nio.file.Files.createDirectories(f.getParent());
        java.nio.file.Files.writeString(f, "# another client beside the server\norg.example.OtherClientProvider\n");
        try (java.net.URLClassLoader withOther = new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            SharedApiLoader s = new SharedApiLoader(withOther);
            java.util.List<java.net.URL> files = Collections.list(s.getResources("META-INF/services/jakarta.websocket.ContainerProvider"));
            assertEquals(1, files.size(), String.valueOf(files));
            assertTrue(!files.get(0).toString().startsWith(dir.toUri().toString()), String.valueOf(files));
        }
    }
}
