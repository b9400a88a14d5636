-- property: the same algorithm as benches/property.dvo.
local function Vec(x, y, z) return {x = x, y = y, z = z} end
local v = Vec(1, 2, 3)
local w = Vec(0, 0, 0)
local n = 2000000
for i = 0, n - 1 do
  w.x = w.x + v.x
  w.y = w.y + v.y
  w.z = w.z + v.z - v.x
  v.x = v.z - v.y
end
local total = w.x + w.y + w.z
if total ~= 10000000 then error("property wrong " .. total) end
print("property " .. total .. " ok")
