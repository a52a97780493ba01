package io.subito.sessions.redis;

import io.lettuce.core.RedisURI;
import io.subito.servlet.session.store.SessionStore;
import io.subito.servlet.session.store.SessionStoreProvider;
import io.subito.servlet.session.store.SessionStoreSettings;
import java.time.Duration;

/**
 * {@code sessionStore=redis}: {@code sessionStore.redis.uri} (default
 * {@code redis://127.0.0.1:6379}; {@code rediss://} for TLS, {@code redis-sentinel://} for
 * Sentinel, with a password and database as Lettuce reads them), {@code .prefix} (default
 * {@code subito:sessions:}), {@code .timeoutMillis} (default 2000: the longest a request waits
 * for Redis before it is answered 503).
 */
public final class RedisStoreProvider implements SessionStoreProvider {
    public static final String URI = "sessionStore.redis.uri";
    public static final String PREFIX = "sessionStore.redis.prefix";
    public static final String TIMEOUT_MILLIS = "sessionStore.redis.timeoutMillis";

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public SessionStore open(SessionStoreSettings s) {
        String uri = s.get(URI, "redis://127.0.0.1:6379");
        RedisURI parsed;
        try {
            parsed = RedisURI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(URI + "=" + uri + " is not a Redis URI: " + e.getMessage(), e);
        }
        parsed.setTimeout(Duration.ofMillis(s.number(TIMEOUT_MILLIS, 2000, 100, 600_000)));
        String prefix = s.get(PREFIX, "subito:sessions:");
        if (prefix.chars().anyMatch(c -> c <= ' ' || c == '*' || c == '?' || c == '[' || c == ']')) {
            throw new IllegalArgumentException(PREFIX + "=" + prefix + " may not hold spaces or the pattern characters * ? [ ]");
        }
        return new RedisStore(parsed, prefix + s.app() + ":");
    }
}
