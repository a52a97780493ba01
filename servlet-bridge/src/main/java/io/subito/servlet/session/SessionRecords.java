package io.subito.servlet.session;

import io.subito.servlet.session.store.SessionIds;
import io.subito.servlet.session.store.SessionRecord;
import jakarta.servlet.http.HttpSessionActivationListener;
import jakarta.servlet.http.HttpSessionEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sessions to store records and back, with the activation events: attributes that are
 * {@link HttpSessionActivationListener}s hear {@code sessionWillPassivate} before the session
 * leaves the JVM and {@code sessionDidActivate} once it is back.
 */
final class SessionRecords {
    private final SessionManager manager;
    private final SessionCodec codec;

    SessionRecords(SessionManager manager, SessionCodec codec) {
        this.manager = manager;
        this.codec = codec;
    }

    SessionCodec codec() {
        return codec;
    }

    /**
     * The session a record holds, activated; null when an attribute cannot be read back (its
     * class is gone or changed incompatibly, or the filter refused it): then the session is
     * dropped with a log line naming the attribute and the cause, and nothing else fails.
     */
    Session revive(SessionRecord r) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : r.attributes().entrySet()) {
            try {
                values.put(e.getKey(), codec.read(e.getValue()));
            } catch (IOException | ClassNotFoundException | RuntimeException ex) {
                manager.context().log("session " + SessionIds.redact(r.id()) + " dropped: its attribute " + e.getKey()
                        + " cannot be read back (" + ex + ")");
                return null;
            }
        }
        Session s = new Session(manager, r, values);
        for (Object v : values.values()) {
            if (v instanceof HttpSessionActivationListener l) {
                try {
                    l.sessionDidActivate(new HttpSessionEvent(s));
                } catch (RuntimeException ex) {
                    manager.context().log("sessionDidActivate failed in " + l.getClass().getName(), ex);
                }
            }
        }
        return s;
    }

    /** Tells the session's activation listeners it is about to leave the JVM. */
    static void passivate(Session s) {
        for (Object v : new ArrayList<>(s.attributeMap().values())) {
            if (v instanceof HttpSessionActivationListener l) {
                try {
                    l.sessionWillPassivate(new HttpSessionEvent(s));
                } catch (RuntimeException ex) {
                    s.manager().context().log("sessionWillPassivate failed in " + l.getClass().getName(), ex);
                }
            }
        }
    }

    /**
     * The whole session as a record.
     *
     * @throws IOException naming the attribute whose value could not be serialized
     */
    SessionRecord record(Session s) throws IOException {
        Map<String, byte[]> attrs = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : s.attributeMap().entrySet()) {
            attrs.put(e.getKey(), write(e.getKey(), e.getValue()));
        }
        return new SessionRecord(s.getId(), s.creationTimeInternal(), s.accessedTime(), s.getMaxInactiveInterval(), attrs);
    }

    byte[] write(String name, Object value) throws IOException {
        try {
            return codec.write(value);
        } catch (IOException e) {
            throw new IOException("attribute " + name + " (" + value.getClass().getName() + "): " + e, e);
        }
    }
}
