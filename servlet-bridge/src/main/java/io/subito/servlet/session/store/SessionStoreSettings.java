package io.subito.servlet.session.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a store is told when an application opens it: the application's name (its context
 * name: {@code ROOT}, {@code shop}, {@code a#b}), the server's home directory, and every
 * {@code sessionStore...} key in force for that application (server-wide, then its
 * {@code conf/apps/NAME.properties}).
 */
public record SessionStoreSettings(String app, Path home, Map<String, String> keys) {
    public static final String STORE = "sessionStore";
    /** Largest serialized session (sum of its attributes) a store is given; larger is refused. */
    public static final String MAX_BYTES = "sessionStore.maxBytes";
    public static final long DEFAULT_MAX_BYTES = 1 << 20;
    /** Extra ObjectInputFilter pattern (JDK syntax) applied when sessions are read back. */
    public static final String FILTER = "sessionStore.deserializationFilter";

    public SessionStoreSettings {
        keys = Map.copyOf(new TreeMap<>(keys));
    }

    /** The in-memory default of the embedded API and of contexts nobody configured. */
    public static SessionStoreSettings memory(String app) {
        return new SessionStoreSettings(app, Path.of("."), Map.of(STORE, "memory"));
    }

    public String store() {
        return keys.getOrDefault(STORE, "memory").trim();
    }

    /** The value of {@code key}, or {@code def} when absent or blank. */
    public String get(String key, String def) {
        String v = keys.get(key);
        return v == null || v.isBlank() ? def : v.trim();
    }

    /** @throws IllegalArgumentException naming the key when it is missing */
    public String require(String key) {
        String v = get(key, null);
        if (v == null) {
            throw new IllegalArgumentException(key + " is required for " + STORE + "=" + store());
        }
        return v;
    }

    /** @throws IllegalArgumentException naming the key for a value that is not a number in range */
    public long number(String key, long def, long min, long max) {
        String v = get(key, null);
        if (v == null) {
            return def;
        }
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException(key + "=" + v + " is out of range [" + min + ", " + max + "]");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + v + " is not a number");
        }
    }

    public long maxBytes() {
        return number(MAX_BYTES, DEFAULT_MAX_BYTES, 1024, Integer.MAX_VALUE);
    }

    /** The settings printed for a log line, passwords hidden. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SessionStoreSettings[app=" + app);
        keys.forEach((k, v) -> sb.append(", ").append(k).append('=')
                .append(k.toLowerCase(java.util.Locale.ROOT).contains("password") ? "***" : v));
        return sb.append(']').toString();
    }
}
