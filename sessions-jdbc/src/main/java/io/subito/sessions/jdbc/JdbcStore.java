package io.subito.sessions.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.subito.servlet.session.store.SessionChange;
import io.subito.servlet.session.store.SessionRecord;
import io.subito.servlet.session.store.SessionStore;
import io.subito.servlet.session.store.SessionStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sessions in a JDBC database (see {@link Schema}): one row per session, one per attribute. A
 * load is one query; a save is one transaction that moves the expiry and writes only the
 * attributes set or removed. The tables are created on first use, and again looked for after
 * a failure, so a database that was down at start is picked up once it is back.
 */
final class JdbcStore implements SessionStore {
    private final Pools.Key key;
    private final HikariDataSource pool;
    private final Schema schema;
    private final String app;
    private volatile boolean ready;

    JdbcStore(Pools.Key key, Schema schema, String app) {
        this.key = key;
        this.pool = Pools.acquire(key);
        this.schema = schema;
        this.app = app;
    }

    @Override
    public boolean serializes() {
        return true;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs one transaction; any SQL failure becomes a SessionStoreException (the request gets 503). */
    private <T> T tx(String what, Work<T> work) {
        try (Connection c = pool.getConnection()) {
            try {
                if (!ready) {
                    schema.ensure(c);
                    ready = true;
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            ready = false; // the database may have been replaced: look for the tables again
            throw new SessionStoreException(what + " failed in " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SessionRecord load(String id) {
        return tx("loading a session", c -> read(c, id, System.currentTimeMillis()));
    }

    private SessionRecord read(Connection c, String id, long notExpiredAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(schema.load)) {
            ps.setString(1, app);
            ps.setString(2, id);
            ps.setLong(3, notExpiredAt);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long created = rs.getLong(1);
                long accessed = rs.getLong(2);
                int max = rs.getInt(3);
                Map<String, byte[]> attrs = new LinkedHashMap<>();
                do {
                    String name = rs.getString(4);
                    if (name != null) {
                        attrs.put(name, rs.getBytes(5));
                    }
                } while (rs.next());
                return new SessionRecord(id, created, accessed, max, attrs);
            }
        }
    }

    @Override
    public void save(SessionChange ch) {
        tx("saving a session", c -> {
            if (ch.created()) {
                try (PreparedStatement ps = c.prepareStatement(schema.insertSession)) {
                    ps.setString(1, app);
                    ps.setString(2, ch.id());
                    ps.setLong(3, ch.creationTime());
                    ps.setLong(4, ch.lastAccessedTime());
                    ps.setInt(5, ch.maxInactiveSeconds());
                    ps.setLong(6, ch.expiryTime());
                    ps.executeUpdate();
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement(schema.touch)) {
                    ps.setLong(1, ch.lastAccessedTime());
                    ps.setInt(2, ch.maxInactiveSeconds());
                    ps.setLong(3, ch.expiryTime());
                    ps.setString(4, app);
                    ps.setString(5, ch.id());
                    if (ps.executeUpdate() == 0) {
                        return null; // invalidated or expired meanwhile: not brought back
                    }
                }
            }
            writeAttributes(c, ch);
            return null;
        });
    }

    private void writeAttributes(Connection c, SessionChange ch) throws SQLException {
        List<Map.Entry<String, byte[]>> missing = new ArrayList<>();
        if (!ch.created() && !ch.set().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(schema.updateAttribute)) {
                List<Map.Entry<String, byte[]>> order = new ArrayList<>(ch.set().entrySet());
                for (Map.Entry<String, byte[]> e : order) {
                    ps.setBytes(1, e.getValue());
                    ps.setString(2, app);
                    ps.setString(3, ch.id());
                    ps.setString(4, e.getKey());
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 0) {
                        missing.add(order.get(i));
                    }
                }
            }
        } else {
            missing.addAll(ch.set().entrySet());
        }
        if (!missing.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(schema.insertAttribute)) {
                for (Map.Entry<String, byte[]> e : missing) {
                    ps.setString(1, app);
                    ps.setString(2, ch.id());
                    ps.setString(3, e.getKey());
                    ps.setBytes(4, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!ch.removed().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(schema.deleteAttribute)) {
                for (String name : ch.removed()) {
                    ps.setString(1, app);
                    ps.setString(2, ch.id());
                    ps.setString(3, name);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    @Override
    public void delete(String id) {
        tx("deleting a session", c -> {
            try (PreparedStatement ps = c.prepareStatement(schema.deleteSession)) {
                ps.setString(1, app);
                ps.setString(2, id);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean changeId(String oldId, String newId) {
        return tx("changing a session id", c -> {
            try (PreparedStatement ps = c.prepareStatement(schema.changeId)) {
                ps.setString(1, newId);
                ps.setString(2, app);
                ps.setString(3, oldId);
                return ps.executeUpdate() == 1; // the attributes follow: ON UPDATE CASCADE
            }
        });
    }

    @Override
    public List<SessionRecord> claimExpired(long now, int max) {
        List<String> ids = tx("finding expired sessions", c -> {
            List<String> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(schema.expired)) {
                ps.setMaxRows(max);
                ps.setString(1, app);
                ps.setLong(2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
            return found;
        });
        List<SessionRecord> claimed = new ArrayList<>();
        for (String id : ids) {
            SessionRecord r = tx("claiming an expired session", c -> {
                SessionRecord rec = read(c, id, Long.MIN_VALUE);
                try (PreparedStatement ps = c.prepareStatement(schema.deleteIfExpired)) {
                    ps.setString(1, app);
                    ps.setString(2, id);
                    ps.setLong(3, now);
                    // the row lock makes a second instance's delete wait, then find nothing: one claims it
                    return ps.executeUpdate() == 1 ? rec : null;
                }
            });
            if (r != null) {
                claimed.add(r);
            }
        }
        return claimed;
    }

    @Override
    public void close() {
        Pools.release(key);
    }

    @Override
    public String toString() {
        return "jdbc store " + key + " table " + schema.sessions;
    }
}
