-- Starts another attempt of an ended job that lacks some of its renditions: back to QUEUED, one attempt more, the
-- failure and the notification of the last attempt forgotten, the progress of the formats it makes again reset.
-- KEYS[1] job hash, KEYS[2] events channel, KEYS[3] the owner's unfinished jobs
-- ARGV[1] timestamp, ARGV[2] ttl in seconds, ARGV[3] job id, ARGV[4..] the formats to make again
-- Returns the new attempt, or 0 if the job is unknown or not COMPLETED or FAILED.
local state = redis.call('HGET', KEYS[1], 'state')
if state ~= 'COMPLETED' and state ~= 'FAILED' then
  return 0
end
local attempt = tonumber(redis.call('HGET', KEYS[1], 'attempt') or '1') + 1
local fields = {'state', 'QUEUED', 'attempt', tostring(attempt), 'updatedAt', ARGV[1], 'progress', '0'}
for i = 4, #ARGV do
  fields[#fields + 1] = 'progress.' .. ARGV[i]
  fields[#fields + 1] = '0'
end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('HDEL', KEYS[1], 'failedIn', 'errorCode', 'errorMessage', 'failureAnnounced', 'failures', 'notification',
  'notifiedAt', 'notificationClaim', 'waiting', 'phase', 'eta')
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[3], 'inf', ARGV[3])
redis.call('EXPIRE', KEYS[3], ARGV[2])
redis.call('PUBLISH', KEYS[2], 'QUEUED')
return attempt
