-- invocation: the same algorithm as benches/invocation.dvo.
local function add(a, b) return a + b end
local function inc(a) return add(a, 1) end
local n = 3000000
local x = 0
for i = 0, n - 1 do x = inc(x) end
if x ~= 3000000 then error("invocation wrong " .. x) end
print("invocation " .. x .. " ok")
