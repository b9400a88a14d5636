-- binarytrees: the Benchmarks Game binary-trees allocation benchmark, depth 14.
-- A node is a 2-element table {left, right}; a leaf is {nil, nil}.
-- Same algorithm as benches/binarytrees.dvs.
local function make(d)
  if d == 0 then return {nil, nil} end
  return {make(d - 1), make(d - 1)}
end

local function check(t)
  if t[1] == nil then return 1 end
  return 1 + check(t[1]) + check(t[2])
end

local function main()
  local n = 14
  local min_depth = 4
  local max_depth = n
  if min_depth + 2 > n then max_depth = min_depth + 2 end
  local total = check(make(max_depth + 1))
  local long_lived = make(max_depth)
  local d = min_depth
  while d <= max_depth do
    local iterations = 1 << (max_depth - d + min_depth)
    local c = 0
    for i = 1, iterations do
      c = c + check(make(d))
    end
    if c ~= iterations * ((1 << (d + 1)) - 1) then
      error("binarytrees wrong at depth " .. d .. " " .. c)
    end
    total = total + c
    d = d + 2
  end
  total = total + check(long_lived)
  if total ~= 3222190 then error("binarytrees wrong " .. total) end
  print("binarytrees " .. total .. " ok")
end

main()
