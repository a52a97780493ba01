package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void sharesTheApisAndSubitoButNotTheContainersLibraries() throws Exception {
        assertSame(Servlet.class, shared.loadClass("jakarta.servlet.Servlet"));
        assertSame(WebAppClassLoader.class, shared.loadClass(WebAppClassLoader.class.getName()));
        assertSame(String.class, shared.loadClass("java.lang.String"));
        assertThrows(ClassNotFoundException.class, () -> shared.loadClass("org.objectweb.asm.ClassReader"));
        assertThrows(ClassNotFoundException.class, () -> shared.loadClass("org.apache.commons.compress.archivers.zip.ZipFile"));
        assertNull(shared.getResource("org/objectweb/asm/ClassReader.class"));
    }

    @Test
    void hidesInitializersThatAreNotSubitosOwn() throws Exception {
        // spring-web on the test class path declares one; a real server's class path has none of it
        assertTrue(Collections.list(getClass().getClassLoader().getResources(SharedApiLoader.SCI_SERVICE)).size() > 0);
        assertEquals(0, Collections.list(shared.getResources(SharedApiLoader.SCI_SERVICE)).size());
    }
}
