package io.subito.sessions.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * The store finds its JDBC driver on its own class path (the server's lib/), whatever the
 * thread's context class loader is: while an application deploys that is the application's,
 * which does not see lib/, and DriverManager looking there answered "No suitable driver".
 */
class DriverLookupTest {
    @Test
    void theDriverInTheStoresClassPathIsFoundWhileTheContextClassLoaderSeesNoDriver() {
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        t.setContextClassLoader(new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader()));
        try {
            assertEquals("org.postgresql.Driver", Pools.driverFor("jdbc:postgresql://127.0.0.1:5432/x").getName());
        } finally {
            t.setContextClassLoader(old);
        }
    }

    @Test
    void aUrlNoDriverAcceptsIsRefusedNamingTheUrlAndWhereTheDriverGoes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pools.driverFor("jdbc:nosuch://x"));
        assertTrue(e.getMessage().contains("sessionStore.jdbc.url=jdbc:nosuch://x: no JDBC driver")
                && e.getMessage().contains("lib/"), e.getMessage());
    }
}
