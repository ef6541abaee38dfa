-- Sets fields on a job that still exists, without touching its state: a hash written after expiry would have
-- neither state nor expiry. KEYS[1] job hash; ARGV field/value pairs. Returns 1 if written.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
