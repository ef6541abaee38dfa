-- Counts one event in a sliding window, unless the window holds the limit already.
-- KEYS[1] the owner's log of events (a sorted set scored by time in ms)
-- ARGV[1] now in ms, ARGV[2] window in ms, ARGV[3] limit, ARGV[4] a unique member for this event
-- Returns -1 when counted, else the milliseconds until the oldest event leaves the window.
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + window - now)
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return -1
