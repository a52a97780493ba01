package io.subito.sessions.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The two tables and every statement on them. Created when missing (looked for by a query that
 * returns no row, so any database's name folding works):
 *
 * <pre>
 * CREATE TABLE subito_sessions (
 *   app VARCHAR(200) NOT NULL, id VARCHAR(64) NOT NULL,
 *   creation_time BIGINT NOT NULL, last_accessed_time BIGINT NOT NULL,
 *   max_inactive_seconds INT NOT NULL, expiry_time BIGINT NOT NULL,
 *   PRIMARY KEY (app, id))
 * CREATE INDEX subito_sessions_expiry ON subito_sessions (app, expiry_time)
 * CREATE TABLE subito_sessions_attributes (
 *   app VARCHAR(200) NOT NULL, session_id VARCHAR(64) NOT NULL, name VARCHAR(500) NOT NULL,
 *   value BYTEA NOT NULL,   -- BLOB on databases other than PostgreSQL
 *   PRIMARY KEY (app, session_id, name),
 *   FOREIGN KEY (app, session_id) REFERENCES subito_sessions (app, id)
 *     ON DELETE CASCADE ON UPDATE CASCADE)
 * </pre>
 * Times are epoch milliseconds; {@code expiry_time} is {@code last_accessed_time} plus the
 * session's timeout, or the largest BIGINT for a session that never expires.
 */
final class Schema {
    final String sessions;
    final String attributes;

    final String load;
    final String insertSession;
    final String touch;
    final String updateAttribute;
    final String insertAttribute;
    final String deleteAttribute;
    final String deleteSession;
    final String deleteIfExpired;
    final String changeId;
    final String expired;

    Schema(String table) {
        sessions = table;
        attributes = table + "_attributes";
        load = "SELECT s.creation_time, s.last_accessed_time, s.max_inactive_seconds, a.name, a.value FROM " + sessions
                + " s LEFT JOIN " + attributes + " a ON a.app = s.app AND a.session_id = s.id WHERE s.app = ? AND s.id = ?"
                + " AND s.expiry_time >= ?";
        insertSession = "INSERT INTO " + sessions
                + " (app, id, creation_time, last_accessed_time, max_inactive_seconds, expiry_time) VALUES (?, ?, ?, ?, ?, ?)";
        touch = "UPDATE " + sessions + " SET last_accessed_time = ?, max_inactive_seconds = ?, expiry_time = ?"
                + " WHERE app = ? AND id = ?";
        updateAttribute = "UPDATE " + attributes + " SET value = ? WHERE app = ? AND session_id = ? AND name = ?";
        insertAttribute = "INSERT INTO " + attributes + " (app, session_id, name, value) VALUES (?, ?, ?, ?)";
        deleteAttribute = "DELETE FROM " + attributes + " WHERE app = ? AND session_id = ? AND name = ?";
        deleteSession = "DELETE FROM " + sessions + " WHERE app = ? AND id = ?";
        deleteIfExpired = "DELETE FROM " + sessions + " WHERE app = ? AND id = ? AND expiry_time < ?";
        changeId = "UPDATE " + sessions + " SET id = ? WHERE app = ? AND id = ?";
        expired = "SELECT id FROM " + sessions + " WHERE app = ? AND expiry_time < ?";
    }

    /** Creates the tables unless they are there. */
    void ensure(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeQuery("SELECT id FROM " + sessions + " WHERE 1 = 0").close();
            st.executeQuery("SELECT name FROM " + attributes + " WHERE 1 = 0").close();
            c.commit();
            return;
        } catch (SQLException missing) {
            c.rollback();
        }
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        String binary = product.contains("postgres") ? "BYTEA" : product.contains("h2") ? "VARBINARY" : "BLOB";
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + sessions + " (app VARCHAR(200) NOT NULL, id VARCHAR(64) NOT NULL,"
                    + " creation_time BIGINT NOT NULL, last_accessed_time BIGINT NOT NULL,"
                    + " max_inactive_seconds INT NOT NULL, expiry_time BIGINT NOT NULL, PRIMARY KEY (app, id))");
            st.execute("CREATE INDEX " + sessions + "_expiry ON " + sessions + " (app, expiry_time)");
            st.execute("CREATE TABLE " + attributes + " (app VARCHAR(200) NOT NULL, session_id VARCHAR(64) NOT NULL,"
                    + " name VARCHAR(500) NOT NULL, value " + binary + " NOT NULL, PRIMARY KEY (app, session_id, name),"
                    + " FOREIGN KEY (app, session_id) REFERENCES " + sessions + " (app, id)"
                    + " ON DELETE CASCADE ON UPDATE CASCADE)");
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            // another instance may have created them at the same moment
            try (Statement st = c.createStatement()) {
                st.executeQuery("SELECT id FROM " + sessions + " WHERE 1 = 0").close();
                c.commit();
            } catch (SQLException stillMissing) {
                c.rollback();
                throw e;
            }
        }
    }
}
