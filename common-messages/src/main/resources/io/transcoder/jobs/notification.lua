-- Records how notifying the user went, only on a job that still exists: a hash written after expiry would have
-- neither state nor expiry. KEYS[1] job hash; ARGV[1] outcome, ARGV[2] timestamp. Returns 1 if recorded.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], 'notification', ARGV[1], 'notifiedAt', ARGV[2])
return 1
