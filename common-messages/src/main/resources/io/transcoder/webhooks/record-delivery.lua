-- Appends one delivery to a job's delivery log, keeping the newest ARGV[2], and counts the event's attempts.
-- KEYS[1] the log (a list of JSON records, oldest first), KEYS[2] the events' progress (a hash: {eventId}:attempts,
-- {eventId}:first, {eventId}:outcome), KEYS[3] the job's hash, whose expiry both take on (or ARGV[3] seconds if it
-- has none). ARGV[1] the record, ARGV[2] how many to keep, ARGV[3] retention in seconds, ARGV[4] the event id,
-- ARGV[5] the attempt, ARGV[6] when it was made, ARGV[7] its outcome. Returns the log's length.
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
redis.call('HSET', KEYS[2], ARGV[4] .. ':attempts', ARGV[5], ARGV[4] .. ':outcome', ARGV[7])
redis.call('HSETNX', KEYS[2], ARGV[4] .. ':first', ARGV[6])
local ttl = redis.call('PTTL', KEYS[3])
if ttl <= 0 then
  ttl = tonumber(ARGV[3]) * 1000
end
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('PEXPIRE', KEYS[2], ttl)
return redis.call('LLEN', KEYS[1])
