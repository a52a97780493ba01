package io.subito.sessions.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * One HikariCP pool per database and user in the JVM, shared by every application that uses
 * it, closed when the last one stops. HikariCP rather than the driver's own: it works with
 * every driver (PostgreSQL's driver has no pool of its own any more), replaces broken
 * connections by itself after an outage, and bounds the wait for a connection, which is what
 * turns a database that is down into a quick 503.
 */
final class Pools {
    record Key(String url, String user, String password, int size, long timeoutMillis) {
        @Override
        public String toString() {
            return url + (user == null ? "" : " as " + user);
        }
    }

    private static final Map<Key, HikariDataSource> OPEN = new HashMap<>();
    private static final Map<Key, Integer> USERS = new HashMap<>();

    private Pools() {
    }

    static synchronized HikariDataSource acquire(Key key) {
        HikariDataSource ds = OPEN.get(key);
        if (ds == null) {
            HikariConfig c = new HikariConfig();
            c.setJdbcUrl(key.url());
            c.setDriverClassName(driverFor(key.url()).getName());
            c.setUsername(key.user());
            c.setPassword(key.password());
            c.setMaximumPoolSize(key.size());
            c.setMinimumIdle(Math.min(2, key.size()));
            c.setConnectionTimeout(key.timeoutMillis());
            c.setValidationTimeout(Math.min(key.timeoutMillis(), 1000));
            c.setInitializationFailTimeout(-1); // a database down at start is not a failed deployment
            c.setAutoCommit(false);
            c.setPoolName("subito-sessions " + key);
            ds = new HikariDataSource(c);
            OPEN.put(key, ds);
        }
        USERS.merge(key, 1, Integer::sum);
        return ds;
    }

    /**
     * The driver in this module's class path (the server's {@code lib/}) that accepts the URL.
     * Looked up here, not through {@code DriverManager}: that finds drivers once per JVM with
     * the thread's context class loader, which while an application deploys is the
     * application's, and it does not see {@code lib/} (the server would then say "No suitable
     * driver" for a driver that is there).
     *
     * @throws IllegalArgumentException when none does, naming the URL
     */
    static Class<? extends Driver> driverFor(String url) {
        for (Driver d : ServiceLoader.load(Driver.class, Pools.class.getClassLoader())) {
            try {
                if (d.acceptsURL(url)) {
                    return d.getClass();
                }
            } catch (SQLException e) {
                // this driver cannot tell; ask the next
            }
        }
        throw new IllegalArgumentException(JdbcStoreProvider.URL + "=" + url
                + ": no JDBC driver on the server's class path accepts this URL (put your database's driver jar in lib/)");
    }

    static synchronized void release(Key key) {
        Integer n = USERS.computeIfPresent(key, (k, v) -> v == 1 ? null : v - 1);
        if (n == null) {
            HikariDataSource ds = OPEN.remove(key);
            if (ds != null) {
                ds.close();
            }
        }
    }
}
