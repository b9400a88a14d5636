-- fieldread: the same loop as benches/fieldread.dvo.
local b = {v = 3}
local sum = 0
for i = 0, 5000000 - 1 do sum = sum + b.v end
if sum ~= 15000000 then error("fieldread wrong " .. sum) end
print("fieldread " .. sum .. " ok")
