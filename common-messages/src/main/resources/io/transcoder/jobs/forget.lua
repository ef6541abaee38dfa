-- Takes jobs whose hash is gone (expired) out of their owner's list of jobs; a job that exists stays.
-- KEYS[1] the owner's list of jobs; ARGV[1] job key prefix, ARGV[2..] job ids
-- Returns how many were taken out.
local removed = 0
for i = 2, #ARGV do
  if redis.call('EXISTS', ARGV[1] .. ARGV[i]) == 0 then
    removed = removed + redis.call('ZREM', KEYS[1], ARGV[i])
  end
end
return removed
