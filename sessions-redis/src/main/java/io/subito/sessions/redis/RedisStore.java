package io.subito.sessions.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.subito.servlet.session.store.SessionChange;
import io.subito.servlet.session.store.SessionRecord;
import io.subito.servlet.session.store.SessionStore;
import io.subito.servlet.session.store.SessionStoreException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Sessions in Redis (see {@link Scripts} for the layout). A load is one {@code HGETALL}; a
 * save is one script call that writes the changed attributes and the access time and moves the
 * TTL. The TTL is the session's timeout plus {@link #CLAIM_GRACE_MILLIS}, so that an instance
 * can claim an expired session (and tell the listeners) before Redis drops it; a session is
 * never returned once expired, whatever its TTL. One connection per application, shared by all
 * request threads (Lettuce pipelines their commands); it reconnects by itself, and while it is
 * down commands fail at once instead of queueing (each such request gets 503).
 */
final class RedisStore implements SessionStore {
    static final long CLAIM_GRACE_MILLIS = 300_000;
    private static final String CREATION = "creationTime";
    private static final String ACCESSED = "lastAccessedTime";
    private static final String MAX_INACTIVE = "maxInactive";
    private static final String ATTRIBUTE = "a:";

    private final RedisClient client;
    private final RedisURI uri;
    private final String keyPrefix;
    private final String expirations;
    private final Map<String, String> shas = new ConcurrentHashMap<>();
    private volatile StatefulRedisConnection<String, byte[]> connection;

    RedisStore(RedisURI uri, String keyPrefix) {
        this.uri = uri;
        this.keyPrefix = keyPrefix;
        this.expirations = keyPrefix + "expirations";
        this.client = RedisClient.create();
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(uri.getTimeout())).build());
    }

    @Override
    public boolean serializes() {
        return true;
    }

    @Override
    public boolean shared() {
        return true;
    }

    private String key(String id) {
        return keyPrefix + id;
    }

    /** The connection, made on first use (a Redis that is down at start fails no deployment). */
    private RedisCommands<String, byte[]> redis() {
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c == null) {
            synchronized (this) {
                c = connection;
                if (c == null) {
                    c = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE), uri);
                    connection = c;
                }
            }
        }
        return c.sync();
    }

    private <T> T call(String what, Function<RedisCommands<String, byte[]>, T> f) {
        try {
            return f.apply(redis());
        } catch (RedisException e) {
            throw new SessionStoreException(what + " failed on " + redacted() + ": " + e.getMessage(), e);
        }
    }

    private String redacted() {
        return uri.getHost() + ":" + uri.getPort();
    }

    /** Runs a script by its SHA, loading it the first time and again after a Redis restart. */
    private <T> T script(RedisCommands<String, byte[]> r, String script, ScriptOutputType type, String[] keys, byte[]... args) {
        String sha = shas.get(script);
        if (sha != null) {
            try {
                return r.evalsha(sha, type, keys, args);
            } catch (RedisNoScriptException e) {
                // Redis restarted and forgot it
            }
        }
        sha = r.scriptLoad(script);
        shas.put(script, sha);
        return r.evalsha(sha, type, keys, args);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(long n) {
        return bytes(Long.toString(n));
    }

    private static long number(byte[] b) {
        return Long.parseLong(new String(b, StandardCharsets.US_ASCII));
    }

    @Override
    public SessionRecord load(String id) {
        Map<String, byte[]> h = call("loading a session", r -> r.hgetall(key(id)));
        return record(id, h);
    }

    private static SessionRecord record(String id, Map<String, byte[]> h) {
        if (h == null || h.get(CREATION) == null || h.get(ACCESSED) == null || h.get(MAX_INACTIVE) == null) {
            return null;
        }
        Map<String, byte[]> attrs = new LinkedHashMap<>();
        h.forEach((field, value) -> {
            if (field.startsWith(ATTRIBUTE)) {
                attrs.put(field.substring(ATTRIBUTE.length()), value);
            }
        });
        return new SessionRecord(id, number(h.get(CREATION)), number(h.get(ACCESSED)), (int) number(h.get(MAX_INACTIVE)), attrs);
    }

    @Override
    public void save(SessionChange ch) {
        List<byte[]> args = new ArrayList<>();
        args.add(bytes(ch.created() ? "1" : "0"));
        args.add(bytes(ch.creationTime()));
        args.add(bytes(ch.lastAccessedTime()));
        args.add(bytes(ch.maxInactiveSeconds()));
        long expiry = ch.expiryTime();
        args.add(bytes(expiry == Long.MAX_VALUE ? "+inf" : Long.toString(expiry)));
        args.add(bytes(ch.maxInactiveSeconds() > 0 ? ch.maxInactiveSeconds() * 1000L + CLAIM_GRACE_MILLIS : 0));
        args.add(bytes(ch.id()));
        args.add(bytes(ch.set().size()));
        ch.set().forEach((name, value) -> {
            args.add(bytes(name));
            args.add(value);
        });
        ch.removed().forEach(name -> args.add(bytes(name)));
        call("saving a session", r -> script(r, Scripts.SAVE, ScriptOutputType.INTEGER,
                new String[] {key(ch.id()), expirations}, args.toArray(new byte[0][])));
    }

    @Override
    public void delete(String id) {
        call("deleting a session", r -> script(r, Scripts.DELETE, ScriptOutputType.INTEGER,
                new String[] {key(id), expirations}, bytes(id)));
    }

    @Override
    public boolean changeId(String oldId, String newId) {
        Long done = call("changing a session id", r -> script(r, Scripts.CHANGE_ID, ScriptOutputType.INTEGER,
                new String[] {key(oldId), key(newId), expirations}, bytes(oldId), bytes(newId)));
        return done != null && done == 1;
    }

    @Override
    public List<SessionRecord> claimExpired(long now, int max) {
        return call("claiming expired sessions", r -> {
            List<byte[]> due = r.zrangebyscore(expirations, Range.create(Double.NEGATIVE_INFINITY, (double) now),
                    io.lettuce.core.Limit.create(0, max));
            List<SessionRecord> claimed = new ArrayList<>();
            for (byte[] raw : due) {
                String id = new String(raw, StandardCharsets.UTF_8);
                List<byte[]> flat = script(r, Scripts.CLAIM, ScriptOutputType.MULTI, new String[] {key(id), expirations},
                        raw, bytes(now));
                Map<String, byte[]> h = new LinkedHashMap<>();
                for (int i = 0; flat != null && i + 1 < flat.size(); i += 2) {
                    h.put(new String(flat.get(i), StandardCharsets.UTF_8), flat.get(i + 1));
                }
                SessionRecord rec = record(id, h);
                if (rec != null) {
                    claimed.add(rec);
                }
            }
            return claimed;
        });
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c != null) {
            c.close();
        }
        client.shutdown();
    }

    @Override
    public String toString() {
        return "redis store " + redacted() + " keys " + keyPrefix + "*";
    }
}
