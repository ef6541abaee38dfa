-- Moves a job to a new state, atomically, only from an allowed predecessor.
-- KEYS[1] job hash, KEYS[2] events channel
-- ARGV[1] target state, ARGV[2] allowed predecessors as ",A,B,", ARGV[3] timestamp, ARGV[4] ttl in seconds,
-- ARGV[5] progress floor (-1: none), ARGV[6] the updatedAt the caller saw ('' if it does not care), ARGV[7] the prefix
-- of owner keys, ARGV[8] the job id, ARGV[9] the attempt the caller works for ('' if it does not care), ARGV[10] the
-- timestamp in epoch ms, ARGV[11..] further field/value pairs
-- Returns {1, previous state or ''} when it moved, {0, current state or ''} when it refused.
-- A message of an earlier attempt (a retry started since) moves nothing.
-- Only a new job starts without a hash: a message for an expired or unknown job must not bring it back.
-- A job that moves on no longer waits, nor keeps its stage's phase and estimate. A new job joins its owner's unfinished jobs (a sorted set; +inf: no lapse) and leaves them when it ends.
-- A new job also joins its owner's list of jobs (a sorted set scored by creation in ms), which then forgets jobs
-- created longer than the retention ago whose hash is gone; the list lives as long as its longest-lived job, since
-- every transition gives it the expiry it gives the job.
local current = redis.call('HGET', KEYS[1], 'state')
if not current and ARGV[1] ~= 'QUEUED' then
  return {0, ''}
end
if ARGV[6] ~= '' and redis.call('HGET', KEYS[1], 'updatedAt') ~= ARGV[6] then
  return {0, current}
end
if current and not string.find(ARGV[2], ',' .. current .. ',', 1, true) then
  return {0, current}
end
if ARGV[9] ~= '' and (redis.call('HGET', KEYS[1], 'attempt') or '1') ~= ARGV[9] then
  return {0, current}
end
local fields = {'state', ARGV[1], 'updatedAt', ARGV[3]}
for i = 11, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
local terminal = ARGV[1] == 'FAILED' or ARGV[1] == 'CANCELLED' or ARGV[1] == 'COMPLETED'
if ARGV[1] == 'FAILED' or ARGV[1] == 'CANCELLED' then
  fields[#fields + 1] = 'failedIn'
  fields[#fields + 1] = current or 'QUEUED'
end
local floor = tonumber(ARGV[5])
if floor >= 0 and floor > tonumber(redis.call('HGET', KEYS[1], 'progress') or '-1') then
  fields[#fields + 1] = 'progress'
  fields[#fields + 1] = tostring(floor)
end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('HDEL', KEYS[1], 'waiting', 'phase', 'eta')
redis.call('EXPIRE', KEYS[1], ARGV[4])
local owner = redis.call('HGET', KEYS[1], 'owner')
if owner then
  local active = ARGV[7] .. owner .. ':active'
  if terminal then
    redis.call('ZREM', active, ARGV[8])
  elseif not current then
    redis.call('ZADD', active, 'inf', ARGV[8])
    redis.call('EXPIRE', active, ARGV[4])
  end
  local listed = ARGV[7] .. owner .. ':jobs'
  if not current then
    redis.call('ZADD', listed, ARGV[10], ARGV[8])
    local jobPrefix = string.sub(KEYS[1], 1, #KEYS[1] - #ARGV[8])
    local cutoff = string.format('(%d', tonumber(ARGV[10]) - tonumber(ARGV[4]) * 1000)
    for _, id in ipairs(redis.call('ZRANGEBYSCORE', listed, '-inf', cutoff, 'LIMIT', 0, 100)) do
      if redis.call('EXISTS', jobPrefix .. id) == 0 then
        redis.call('ZREM', listed, id)
      end
    end
  end
  redis.call('EXPIRE', listed, ARGV[4])
end
redis.call('PUBLISH', KEYS[2], ARGV[1])
return {1, current or ''}
