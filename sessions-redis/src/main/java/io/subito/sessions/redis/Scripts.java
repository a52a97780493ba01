package io.subito.sessions.redis;

/**
 * The Lua scripts that make a save, an id change and a claim of an expired session each one
 * atomic step in Redis (and one round trip). A session is the hash {@code PREFIX APP:ID} with
 * the fields {@code creationTime}, {@code lastAccessedTime}, {@code maxInactive} and
 * {@code a:NAME} per attribute; {@code PREFIX APP:expirations} is a sorted set of session ids
 * by expiry time, from which an instance claims expired sessions.
 */
final class Scripts {
    private Scripts() {
    }

    /**
     * KEYS: session, expirations. ARGV: created (0/1), creationTime, lastAccessedTime,
     * maxInactive, expiryTime, ttlMillis (0: none), id, number of attributes set, then name and
     * value of each, then the names removed. A change to a session that is gone is dropped.
     */
    static final String SAVE = """
            if ARGV[1] == '0' and redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('HSET', KEYS[1], 'creationTime', ARGV[2], 'lastAccessedTime', ARGV[3], 'maxInactive', ARGV[4])
            local i = 9
            for j = 1, tonumber(ARGV[8]) do
              redis.call('HSET', KEYS[1], 'a:' .. ARGV[i], ARGV[i + 1])
              i = i + 2
            end
            while i <= #ARGV do
              redis.call('HDEL', KEYS[1], 'a:' .. ARGV[i])
              i = i + 1
            end
            if tonumber(ARGV[6]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[6]) else redis.call('PERSIST', KEYS[1]) end
            redis.call('ZADD', KEYS[2], ARGV[5], ARGV[7])
            return 1
            """;

    /** KEYS: old session, new session, expirations. ARGV: old id, new id. RENAME keeps the TTL. */
    static final String CHANGE_ID = """
            if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
            redis.call('RENAME', KEYS[1], KEYS[2])
            local s = redis.call('ZSCORE', KEYS[3], ARGV[1])
            redis.call('ZREM', KEYS[3], ARGV[1])
            if s then redis.call('ZADD', KEYS[3], s, ARGV[2]) end
            return 1
            """;

    /**
     * KEYS: session, expirations. ARGV: id, now. Returns the hash of a session that expired and
     * deletes it, or nothing when it did not expire (used meanwhile) or another instance took it.
     */
    static final String CLAIM = """
            local s = redis.call('ZSCORE', KEYS[2], ARGV[1])
            if not s or tonumber(s) > tonumber(ARGV[2]) then return {} end
            redis.call('ZREM', KEYS[2], ARGV[1])
            local h = redis.call('HGETALL', KEYS[1])
            redis.call('DEL', KEYS[1])
            return h
            """;

    /** KEYS: session, expirations. ARGV: id. */
    static final String DELETE = """
            redis.call('DEL', KEYS[1])
            redis.call('ZREM', KEYS[2], ARGV[1])
            return 1
            """;
}
