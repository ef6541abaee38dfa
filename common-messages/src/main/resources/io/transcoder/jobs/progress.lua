-- Raises a job's encoding progress; never lowers it, and only while the job is ENCODING.
-- KEYS[1] job hash, KEYS[2] events channel
-- ARGV[1] format progress field, ARGV[2] its value, ARGV[3] overall progress, ARGV[4] timestamp, ARGV[5] when the
-- encoder expects to be done ('' if it cannot tell yet)
-- Returns the number of fields raised.
if redis.call('HGET', KEYS[1], 'state') ~= 'ENCODING' then
  return 0
end
local function raise(field, value)
  if tonumber(value) > tonumber(redis.call('HGET', KEYS[1], field) or '-1') then
    redis.call('HSET', KEYS[1], field, value)
    return 1
  end
  return 0
end
local raised = raise(ARGV[1], ARGV[2]) + raise('progress', ARGV[3])
if raised > 0 then
  redis.call('HSET', KEYS[1], 'updatedAt', ARGV[4])
  if ARGV[5] ~= '' then
    redis.call('HSET', KEYS[1], 'eta', ARGV[5])
  end
  redis.call('PUBLISH', KEYS[2], 'ENCODING')
end
return raised
