package io.subito.servlet.session.store;

import java.util.Map;
import java.util.Set;

/**
 * What one request changed in a session: the attributes set (serialized) and removed, and the
 * times. A request that changed no attribute still sends one, with both maps empty, so that
 * the store moves the session's expiry ({@code lastAccessedTime}) without rewriting it.
 *
 * @param created the session was made by this request: the store creates it
 */
public record SessionChange(String id, boolean created, long creationTime, long lastAccessedTime,
        int maxInactiveSeconds, Map<String, byte[]> set, Set<String> removed) {

    public SessionChange {
        set = Map.copyOf(set);
        removed = Set.copyOf(removed);
    }

    public long expiryTime() {
        return SessionRecord.expiryTime(lastAccessedTime, maxInactiveSeconds);
    }

    /** The whole session as it is after this change, for a store that creates it. */
    public SessionRecord asRecord() {
        return new SessionRecord(id, creationTime, lastAccessedTime, maxInactiveSeconds, set);
    }

    @Override
    public String toString() {
        return "SessionChange[" + SessionIds.redact(id) + (created ? ", created" : "") + ", set " + set.keySet()
                + ", removed " + removed + "]";
    }
}
