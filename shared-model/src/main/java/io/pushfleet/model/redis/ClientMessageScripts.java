package io.pushfleet.model.redis;

/**
 * Lua scripts that keep one outcome per client message ({@link RedisKeys#clientMessage}), so a {@code send} or
 * {@code uplink} repeated on any edge is produced and routed once (docs/redis.md, "Client messages"). Each
 * touches one key, so they run on Redis Cluster too. Lease times are Redis server time ({@code TIME}), so edges'
 * clocks need not agree. The stored value is {@code pending:<msgId>:<leaseUntilMillis>} while an attempt works on
 * the message, then {@code done:<msgId>:<status>}; the key lives for the dedupe window from the first attempt.
 */
public final class ClientMessageScripts {

    /**
     * Takes the lease on a client message, or says who has it. Answers a {@link ClientMessageState}:
     * {@code claimed:<msgId>} when the caller may produce (the key was absent, unreadable, or held by an attempt
     * whose lease ran out, whose msgId is kept); else the stored {@code pending:...} or {@code done:...}.
     * KEYS[1] = client message key, ARGV[1] = the caller's new msgId, ARGV[2] = lease millis, ARGV[3] = window millis.
     */
    public static final String CLAIM = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local lease_until = now + tonumber(ARGV[2])
            local v = redis.call('GET', KEYS[1])
            if v then
              local state, id, rest = string.match(v, '^(%a+):(%d+):([%w_]+)$')
              local held_until = tonumber(rest)
              if state == 'done' or (state == 'pending' and held_until and held_until > now) then
                return v
              end
              if state == 'pending' and held_until then
                redis.call('SET', KEYS[1], 'pending:' .. id .. ':' .. string.format('%d', lease_until), 'KEEPTTL')
                return 'claimed:' .. id
              end
            end
            redis.call('SET', KEYS[1], 'pending:' .. ARGV[1] .. ':' .. string.format('%d', lease_until), 'PX', ARGV[3])
            return 'claimed:' .. ARGV[1]
            """;

    /**
     * Records the outcome once the message is produced and routed: {@code done:<msgId>:<status>}, only while an
     * attempt with this msgId is pending (a late second completion changes nothing). Returns 1 if recorded.
     * KEYS[1] = client message key, ARGV[1] = msgId, ARGV[2] = receipt status (JSON name).
     */
    public static final String COMPLETE = """
            local prefix = 'pending:' .. ARGV[1] .. ':'
            local v = redis.call('GET', KEYS[1])
            if v and string.sub(v, 1, #prefix) == prefix then
              redis.call('SET', KEYS[1], 'done:' .. ARGV[1] .. ':' .. ARGV[2], 'KEEPTTL')
              return 1
            end
            return 0
            """;

    /**
     * Gives the lease up after a failed produce, keeping the msgId, so the client's retry (on any edge) claims it
     * at once and produces under the same msgId (a produce that failed on timeout may still have been stored).
     * Returns 1 if released. KEYS[1] = client message key, ARGV[1] = msgId.
     */
    public static final String RELEASE = """
            local prefix = 'pending:' .. ARGV[1] .. ':'
            local v = redis.call('GET', KEYS[1])
            if v and string.sub(v, 1, #prefix) == prefix then
              redis.call('SET', KEYS[1], prefix .. '0', 'KEEPTTL')
              return 1
            end
            return 0
            """;

    private ClientMessageScripts() {
    }
}
