package io.subito.servlet.session;

import io.subito.servlet.session.store.SessionIds;
import io.subito.servlet.session.store.SessionRecord;
import io.subito.servlet.session.store.SessionStore;
import io.subito.servlet.session.store.SessionStoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A local store's part: sessions written out at stop, read back at start or when first asked for. */
final class Persistence {
    private final SessionManager manager;
    private final SessionStore store;
    private final SessionRecords records;

    Persistence(SessionManager manager, SessionStore store, SessionCodec codec) {
        this.manager = manager;
        this.store = store;
        this.records = new SessionRecords(manager, codec);
    }

    /** Every kept session becomes live again; one that expired meanwhile ends, with its events. */
    void restore() {
        List<SessionRecord> kept;
        try {
            kept = store.restore();
        } catch (SessionStoreException e) {
            manager.context().log("sessions not restored: " + e.getMessage());
            return;
        }
        long now = System.currentTimeMillis();
        int n = 0;
        for (SessionRecord r : kept) {
            if (adopt(r, now) != null) {
                n++;
            }
        }
        if (!kept.isEmpty()) {
            manager.context().log(n + " of " + kept.size() + " kept sessions restored from " + store);
        }
    }

    /** The session a redeploy or restart left in the store, now live here; or null. */
    Session take(String id) {
        SessionRecord r = store.take(id);
        return r == null ? null : adopt(r, System.currentTimeMillis());
    }

    private Session adopt(SessionRecord r, long now) {
        Session s = records.revive(r);
        if (s == null) {
            return null;
        }
        manager.adopt(s);
        if (r.isExpired(now)) {
            s.expire();
            return null;
        }
        return s;
    }

    /**
     * Writes out the live sessions and lets go of them (they are not ended: no destroy events).
     * A session that cannot be written is left to end as without a store, with a log line.
     */
    void persist(List<Session> live) {
        List<SessionRecord> out = new ArrayList<>();
        List<Session> written = new ArrayList<>();
        for (Session s : live) {
            if (!s.isValidInternal()) {
                continue;
            }
            SessionRecords.passivate(s);
            try {
                out.add(records.record(s));
                written.add(s);
            } catch (IOException e) {
                manager.context().log("session " + SessionIds.redact(s.getId()) + " not kept: " + e.getMessage());
            }
        }
        try {
            store.persist(out);
        } catch (SessionStoreException e) {
            manager.context().log("sessions not kept: " + e.getMessage());
            return;
        }
        written.forEach(manager::forget);
        if (!out.isEmpty()) {
            manager.context().log(out.size() + " sessions kept in " + store);
        }
    }
}
