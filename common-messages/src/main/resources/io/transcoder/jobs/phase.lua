-- Says which step of its stage an ENCODING job is at (probing, encoding, checking); nothing in any other state, so a
-- late write cannot outlive the encoder's transition, which clears it. KEYS[1] job hash, KEYS[2] events channel;
-- ARGV[1] phase, ARGV[2] timestamp. Returns 1 if written.
if redis.call('HGET', KEYS[1], 'state') ~= 'ENCODING' then
  return 0
end
redis.call('HSET', KEYS[1], 'phase', ARGV[1], 'updatedAt', ARGV[2])
redis.call('PUBLISH', KEYS[2], 'ENCODING')
return 1
