package io.subito.servlet.session;

import io.subito.servlet.session.store.SessionChange;
import io.subito.servlet.session.store.SessionRecord;
import io.subito.servlet.session.store.SessionStore;
import io.subito.servlet.session.store.SessionStoreException;
import io.subito.servlet.session.store.SessionStoreProvider;
import io.subito.servlet.session.store.SessionStoreSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A shared store in a map, for testing the servlet layer's side of the contract without a
 * server: every instance opened under one {@code sessionStore.test.name} shares one map (as
 * two Subito instances share a Redis), and every call is recorded.
 */
public final class MapSharedStore implements SessionStore {
    static final Map<String, MapSharedStore> BY_NAME = new ConcurrentHashMap<>();

    final Map<String, SessionRecord> data = new HashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<SessionChange> saves = new CopyOnWriteArrayList<>();
    volatile boolean down;

    public static final class Provider implements SessionStoreProvider {
        @Override
        public String name() {
            return "test-shared";
        }

        @Override
        public SessionStore open(SessionStoreSettings s) {
            return BY_NAME.computeIfAbsent(s.require("sessionStore.test.name"), k -> new MapSharedStore());
        }
    }

    static MapSharedStore named(String name) {
        return BY_NAME.computeIfAbsent(name, k -> new MapSharedStore());
    }

    private void call(String what) {
        calls.add(what);
        if (down) {
            throw new SessionStoreException("test store is down");
        }
    }

    @Override
    public boolean serializes() {
        return true;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public synchronized SessionRecord load(String id) {
        call("load " + id);
        SessionRecord r = data.get(id);
        return r == null || r.isExpired(System.currentTimeMillis()) ? null : r;
    }

    @Override
    public synchronized void save(SessionChange c) {
        call("save " + c.id());
        saves.add(c);
        SessionRecord r = data.get(c.id());
        if (r == null && !c.created()) {
            return;
        }
        Map<String, byte[]> attrs = new HashMap<>(r == null ? Map.of() : r.attributes());
        attrs.putAll(c.set());
        c.removed().forEach(attrs::remove);
        data.put(c.id(), new SessionRecord(c.id(), c.creationTime(), c.lastAccessedTime(), c.maxInactiveSeconds(), attrs));
    }

    @Override
    public synchronized void delete(String id) {
        call("delete " + id);
        data.remove(id);
    }

    @Override
    public synchronized boolean changeId(String oldId, String newId) {
        call("changeId");
        SessionRecord r = data.remove(oldId);
        if (r == null || data.containsKey(newId)) {
            return false;
        }
        data.put(newId, new SessionRecord(newId, r.creationTime(), r.lastAccessedTime(), r.maxInactiveSeconds(), r.attributes()));
        return true;
    }

    @Override
    public synchronized List<SessionRecord> claimExpired(long now, int max) {
        List<SessionRecord> out = new ArrayList<>();
        for (SessionRecord r : new ArrayList<>(data.values())) {
            if (r.isExpired(now) && out.size() < max) {
                data.remove(r.id());
                out.add(r);
            }
        }
        if (!out.isEmpty()) {
            calls.add("claimed " + out.size());
        }
        return out;
    }

    @Override
    public void close() {
    }
}
