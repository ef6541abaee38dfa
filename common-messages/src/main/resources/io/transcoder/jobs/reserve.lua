-- Holds a place among an owner's unfinished jobs, if they have fewer than the limit.
-- KEYS[1] the owner's sorted set of unfinished jobs (score: when a held place lapses, in ms; +inf for a job)
-- ARGV[1] job id, ARGV[2] limit, ARGV[3] now in ms, ARGV[4] when this place lapses in ms, ARGV[5] job key prefix,
-- ARGV[6] how long the set is kept, in seconds (the jobs' retention)
-- Returns 1 when the place was taken, 0 when the owner is at the limit.
-- Lapsed places go first, then jobs whose hash is gone or ended (expired, or a Redis that lost a write).
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], 'inf', 'inf')) do
  local state = redis.call('HGET', ARGV[5] .. id, 'state')
  if not state or state == 'COMPLETED' or state == 'FAILED' or state == 'CANCELLED' then
    redis.call('ZREM', KEYS[1], id)
  end
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[6])
return 1
