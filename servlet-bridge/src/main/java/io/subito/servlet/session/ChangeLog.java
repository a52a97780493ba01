package io.subito.servlet.session;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one request did to a session of a shared store, so that only that is written back.
 * An attribute is written when it was set or removed, and also when it was read and is of a
 * type that can change in place (anything but strings, boxed primitives and enums) and its
 * serialized bytes now differ from those loaded: a {@code List} read and appended to is saved
 * without being set again.
 */
final class ChangeLog {
    private final boolean created;
    private final Map<String, byte[]> loaded;
    private final Set<String> written = ConcurrentHashMap.newKeySet();
    private final Set<String> read = ConcurrentHashMap.newKeySet();

    ChangeLog(boolean created, Map<String, byte[]> loaded) {
        this.created = created;
        this.loaded = loaded;
    }

    boolean created() {
        return created;
    }

    void written(String name) {
        written.add(name);
    }

    void read(String name) {
        read.add(name);
    }

    Set<String> written() {
        return written;
    }

    Set<String> read() {
        return read;
    }

    /** The bytes the attribute had when the session was loaded, or null. */
    byte[] loaded(String name) {
        return loaded.get(name);
    }

    /** Bytes of the attributes as loaded, for the size of the unchanged part of the session. */
    Map<String, byte[]> loadedAll() {
        return loaded;
    }

    static boolean immutable(Object v) {
        return v instanceof String || v instanceof Number && v.getClass().getName().startsWith("java.lang.")
                || v instanceof Boolean || v instanceof Character || v instanceof Enum<?>;
    }
}
