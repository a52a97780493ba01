package io.subito.servlet.session.store;

import java.util.List;

/**
 * Where one application's sessions live beyond a request. The servlet layer does the Servlet
 * semantics (listeners, binding events, serialization with the app's class loader); a store
 * only keeps {@link SessionRecord}s whose attributes are already bytes.
 *
 * <p>Two kinds: a <em>local</em> store ({@link #shared()} false) leaves the sessions in this
 * JVM's memory between requests and only keeps them across a stop and the next start
 * ({@link #persist}, {@link #restore}, {@link #take}); a <em>shared</em> store is the truth for
 * several instances: a request loads its session from it ({@link #load}) and writes back what it
 * changed ({@link #save}); expiry is decided by the store, and an expired session is claimed by
 * exactly one instance ({@link #claimExpired}).
 *
 * <p>Every method may throw {@link SessionStoreException} when the store cannot be reached; the
 * request that needed the session is then answered 503. Methods are called concurrently.
 */
public interface SessionStore extends AutoCloseable {

    /** False only for a store that never copies attributes out of the JVM (memory). */
    boolean serializes();

    /** True when every request loads from the store and writes its changes back. */
    boolean shared();

    // ---- local stores ----

    /** Keeps the sessions still live at a graceful stop (replacing what was kept before). */
    default void persist(List<SessionRecord> live) {
    }

    /** The sessions kept by an earlier {@link #persist}, forgotten by the store as they are returned. */
    default List<SessionRecord> restore() {
        return List.of();
    }

    /**
     * The kept session with this id, forgotten by the store, or null; waits for another instance
     * of the same application in this JVM that is still stopping (a redeploy) to persist first.
     */
    default SessionRecord take(String id) {
        return null;
    }

    // ---- shared stores ----

    /** The session, or null when there is none or it has expired (never an expired one). */
    default SessionRecord load(String id) {
        throw new UnsupportedOperationException("not a shared store");
    }

    /** Writes what one request changed; a change to a session that is gone (and not created) is dropped. */
    default void save(SessionChange change) {
        throw new UnsupportedOperationException("not a shared store");
    }

    /** Removes the session (invalidated). */
    default void delete(String id) {
        throw new UnsupportedOperationException("not a shared store");
    }

    /** Moves the session to a new id in one step; false when the old id is gone or the new one taken. */
    default boolean changeId(String oldId, String newId) {
        throw new UnsupportedOperationException("not a shared store");
    }

    /**
     * Removes up to {@code max} sessions that expired before {@code now} and returns them; a
     * session is returned to one caller only, across every instance sharing the store.
     */
    default List<SessionRecord> claimExpired(long now, int max) {
        throw new UnsupportedOperationException("not a shared store");
    }

    /** Releases connections and files; called once, when the application stops. */
    @Override
    void close();
}
