-- instantiation: the same algorithm as benches/instantiation.dvo.
local Point = {}
Point.__index = Point
function Point.init(self, x, y) self.x = x self.y = y end
function Point.new(x, y) local p = setmetatable({}, Point) p:init(x, y) return p end
local Point3 = setmetatable({}, {__index = Point})
Point3.__index = Point3
function Point3.new(x, y, z)
  local p = setmetatable({}, Point3)
  Point.init(p, x, y)
  p.z = z
  return p
end
local n = 1000000
local sum = 0
for i = 0, n - 1 do
  local p = Point.new(i, 1)
  local q = Point3.new(1, 2, i)
  sum = sum + p.y + q.x + q.y
end
if sum ~= 4000000 then error("instantiation wrong " .. sum) end
print("instantiation " .. sum .. " ok")
