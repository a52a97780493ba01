package io.subito.sessions.jdbc;

import io.subito.servlet.session.store.SessionStore;
import io.subito.servlet.session.store.SessionStoreProvider;
import io.subito.servlet.session.store.SessionStoreSettings;

/**
 * {@code sessionStore=jdbc}: {@code sessionStore.jdbc.url} (required), {@code .user},
 * {@code .password}, {@code .table} (default {@code subito_sessions}), {@code .poolSize}
 * (default 10), {@code .timeoutMillis} (default 3000: how long a request waits for a
 * connection or a statement before it is answered 503).
 */
public final class JdbcStoreProvider implements SessionStoreProvider {
    public static final String URL = "sessionStore.jdbc.url";
    public static final String USER = "sessionStore.jdbc.user";
    public static final String PASSWORD = "sessionStore.jdbc.password";
    public static final String TABLE = "sessionStore.jdbc.table";
    public static final String POOL_SIZE = "sessionStore.jdbc.poolSize";
    public static final String TIMEOUT_MILLIS = "sessionStore.jdbc.timeoutMillis";

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public SessionStore open(SessionStoreSettings s) {
        String url = s.require(URL);
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException(URL + "=" + url + " is not a JDBC URL (jdbc:...)");
        }
        String table = s.get(TABLE, "subito_sessions");
        if (!table.matches("[A-Za-z_][A-Za-z0-9_]{0,50}")) {
            throw new IllegalArgumentException(TABLE + "=" + table + " is not a plain table name (letters, digits, _)");
        }
        Pools.Key key = new Pools.Key(url, s.get(USER, null), s.get(PASSWORD, null),
                (int) s.number(POOL_SIZE, 10, 1, 1000), s.number(TIMEOUT_MILLIS, 3000, 250, 600_000));
        return new JdbcStore(key, new Schema(table), s.app());
    }
}
