-- localread: the same loop as benches/localread.dvo.
local v = 3
local sum = 0
for i = 0, 5000000 - 1 do sum = sum + v end
if sum ~= 15000000 then error("localread wrong " .. sum) end
print("localread " .. sum .. " ok")
