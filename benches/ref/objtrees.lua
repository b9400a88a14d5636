-- objtrees: the same algorithm as benches/objtrees.dvo (trees of objects).
local Node = {}
Node.__index = Node
function Node.new(left, right) return setmetatable({left = left, right = right}, Node) end
function Node:check()
  if self.left == nil then return 1 end
  return 1 + self.left:check() + self.right:check()
end
local function make(d)
  if d == 0 then return Node.new(nil, nil) end
  return Node.new(make(d - 1), make(d - 1))
end
local function main()
  local n, min_depth = 14, 4
  local max_depth = n
  local total = make(max_depth + 1):check()
  local long_lived = make(max_depth)
  for d = min_depth, max_depth, 2 do
    local iterations = 1 << (max_depth - d + min_depth)
    local c = 0
    for i = 1, iterations do c = c + make(d):check() end
    if c ~= iterations * ((1 << (d + 1)) - 1) then error("objtrees wrong at depth " .. d) end
    total = total + c
  end
  total = total + long_lived:check()
  if total ~= 3222190 then error("objtrees wrong " .. total) end
  print("objtrees " .. total .. " ok")
end
main()
