/**
 * Exact rolling windows on Upstash Redis: one sorted set of request times per key and
 * rule, checked and extended by one Lua script (atomic in Redis), so no window ever holds
 * more than its limit. @upstash/ratelimit has no exact algorithm (its sliding window is
 * an approximation), so the auth and trading classes use this instead.
 * Reply: [denied rule index (0 = none, else 1-based), then per rule: remaining, ms].
 */
export const SLIDING_LOG_SCRIPT = `
local now = tonumber(ARGV[1])
local member = ARGV[2]
local out = {0}
for i = 1, #KEYS do
  local limit = tonumber(ARGV[1 + i * 2])
  local window = tonumber(ARGV[2 + i * 2])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  local count = redis.call('ZCARD', KEYS[i])
  if count >= limit then
    local entry = redis.call('ZRANGE', KEYS[i], count - limit, count - limit, 'WITHSCORES')
    local wait = math.max(tonumber(entry[2]) + window - now, 1)
    if out[1] == 0 or wait > out[out[1] * 2 + 1] then out[1] = i end
    out[i * 2] = 0
    out[i * 2 + 1] = wait
  else
    local oldest = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
    local first = now
    if #oldest > 0 then first = tonumber(oldest[2]) end
    out[i * 2] = limit - count - 1
    out[i * 2 + 1] = math.max(first + window - now, 1)
  end
end
if out[1] == 0 then
  for i = 1, #KEYS do
    redis.call('ZADD', KEYS[i], now, member)
    redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[2 + i * 2]))
  end
end
return out
`;
