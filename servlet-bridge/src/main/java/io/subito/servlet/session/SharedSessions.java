package io.subito.servlet.session;

import io.subito.servlet.session.store.SessionChange;
import io.subito.servlet.session.store.SessionIds;
import io.subito.servlet.session.store.SessionRecord;
import io.subito.servlet.session.store.SessionStore;
import io.subito.servlet.session.store.SessionStoreException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A shared store's part: each request that asks for its session loads it (one store round
 * trip), and when the request ends writes back only what it changed plus the new access time
 * (one more). Requests that never touch the session cost the store nothing.
 */
final class SharedSessions {
    private static final int CLAIM_BATCH = 100;

    private final SessionManager manager;
    private final SessionStore store;
    private final SessionRecords records;
    private final long maxBytes;

    SharedSessions(SessionManager manager, SessionStore store, SessionCodec codec, long maxBytes) {
        this.manager = manager;
        this.store = store;
        this.records = new SessionRecords(manager, codec);
        this.maxBytes = maxBytes;
    }

    /** This request's copy of the session, or null (none, expired, or unreadable). */
    Session load(String id) {
        SessionRecord r = store.load(id);
        if (r == null || r.isExpired(System.currentTimeMillis())) {
            return null;
        }
        return records.revive(r);
    }

    /** Writes what the request changed; a session over {@code sessionStore.maxBytes} is not written. */
    void save(Session s) {
        ChangeLog log = s.changes();
        Map<String, Object> values = s.attributeMap();
        SessionRecords.passivate(s); // its attributes leave the JVM (only listeners hear it)
        Map<String, byte[]> set = new LinkedHashMap<>();
        Set<String> removed = new HashSet<>();
        for (String name : log.written()) {
            Object v = values.get(name);
            if (v == null) {
                if (!log.created()) {
                    removed.add(name);
                }
            } else {
                encode(s, name, v, set);
            }
        }
        for (String name : log.read()) {
            Object v = values.get(name);
            if (v != null && !log.written().contains(name) && !ChangeLog.immutable(v)) {
                byte[] before = log.loaded(name);
                encode(s, name, v, set);
                if (before != null && Arrays.equals(before, set.get(name))) {
                    set.remove(name); // read, not changed
                }
            }
        }
        long size = 0;
        for (Map.Entry<String, byte[]> e : log.loadedAll().entrySet()) {
            if (!set.containsKey(e.getKey()) && !removed.contains(e.getKey()) && values.containsKey(e.getKey())) {
                size += e.getValue().length;
            }
        }
        for (byte[] b : set.values()) {
            size += b.length;
        }
        if (size > maxBytes) {
            manager.context().log("session " + SessionIds.redact(s.getId()) + " not saved: " + size
                    + " bytes is more than sessionStore.maxBytes=" + maxBytes);
            return;
        }
        store.save(new SessionChange(s.getId(), log.created(), s.creationTimeInternal(), s.accessedTime(),
                s.getMaxInactiveInterval(), set, removed));
    }

    private void encode(Session s, String name, Object v, Map<String, byte[]> into) {
        try {
            into.put(name, records.write(name, v));
        } catch (IOException e) {
            manager.context().log("session " + SessionIds.redact(s.getId()) + ": " + e.getMessage() + "; not saved");
        }
    }

    void delete(Session s) {
        if (!s.changes().created()) {
            store.delete(s.getId());
        }
    }

    /** Renames the session in the store in one step (not yet stored: only here). */
    void changeId(Session s, String newId) {
        if (!s.changes().created() && !store.changeId(s.getId(), newId)) {
            throw new IllegalStateException("session " + SessionIds.redact(s.getId()) + " no longer exists in the store");
        }
        s.id(newId);
    }

    /**
     * The sweep: sessions that expired are taken from the store by one instance, which tells
     * this application's listeners ({@code sessionDestroyed} once across every instance).
     */
    void claimExpired() {
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        t.setContextClassLoader(manager.context().classLoader());
        try {
            List<SessionRecord> expired = store.claimExpired(System.currentTimeMillis(), CLAIM_BATCH);
            for (SessionRecord r : expired) {
                Session s = records.revive(r);
                if (s != null) {
                    manager.context().stats().sessionExpired();
                    s.expire();
                }
            }
        } catch (SessionStoreException e) {
            manager.context().log("expired sessions not claimed: " + e.getMessage());
        } catch (RuntimeException e) {
            manager.context().log("expiring sessions failed", e);
        } finally {
            t.setContextClassLoader(old);
        }
    }
}
