package io.subito.servlet.session.store;

import java.util.Map;

/**
 * A session as a store keeps it: times in epoch milliseconds, attributes already serialized.
 *
 * @param maxInactiveSeconds 0 or less: never expires
 */
public record SessionRecord(String id, long creationTime, long lastAccessedTime, int maxInactiveSeconds,
        Map<String, byte[]> attributes) {

    public SessionRecord {
        attributes = Map.copyOf(attributes);
    }

    /** When the session expires if nobody uses it (Long.MAX_VALUE: never). */
    public long expiryTime() {
        return expiryTime(lastAccessedTime, maxInactiveSeconds);
    }

    public boolean isExpired(long now) {
        return now > expiryTime();
    }

    public static long expiryTime(long lastAccessedTime, int maxInactiveSeconds) {
        return maxInactiveSeconds <= 0 ? Long.MAX_VALUE : lastAccessedTime + maxInactiveSeconds * 1000L;
    }

    /** Total bytes of the serialized attributes. */
    public long size() {
        long n = 0;
        for (byte[] b : attributes.values()) {
            n += b.length;
        }
        return n;
    }

    @Override
    public String toString() {
        return "SessionRecord[" + SessionIds.redact(id) + ", " + attributes.size() + " attributes]";
    }
}
