-- Claims the sending of a job's email for one notifier, so that two never both send it.
-- KEYS[1] job hash; ARGV[1] now (epoch ms), ARGV[2] until when the claim holds (epoch ms)
-- Returns 'UNKNOWN' for no such job, 'SETTLED' when its email went (or was suppressed), 'BUSY' while another
-- notifier's claim holds, 'CLAIMED' otherwise. A claim lapses by itself, so a notifier that died does not block.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 'UNKNOWN'
end
local outcome = redis.call('HGET', KEYS[1], 'notification')
if outcome == 'SENT' or outcome == 'SUPPRESSED' then
  return 'SETTLED'
end
if tonumber(redis.call('HGET', KEYS[1], 'notificationClaim') or '0') > tonumber(ARGV[1]) then
  return 'BUSY'
end
redis.call('HSET', KEYS[1], 'notificationClaim', ARGV[2])
return 'CLAIMED'
