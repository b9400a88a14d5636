-- closures: closure-heavy code: counters with captured mutable state, adders, composition,
-- closures made in a loop, and map/filter/reduce with function literals.
-- Same algorithm as benches/closures.dvs; its list.map/filter/reduce built-ins are the
-- small map/filter/reduce functions below (Lua has none).
local function map(xs, f)
  local out = {}
  for i = 1, #xs do out[#out + 1] = f(xs[i]) end
  return out
end

local function filter(xs, f)
  local out = {}
  for i = 1, #xs do
    local x = xs[i]
    if f(x) then out[#out + 1] = x end
  end
  return out
end

local function reduce(xs, f, init)
  local acc = init
  for i = 1, #xs do acc = f(acc, xs[i]) end
  return acc
end

local function make_counter()
  local c = 0
  return function()
    c = c + 1
    return c
  end
end

local function make_adder(n)
  return function(x) return x + n end
end

local function compose(f, g)
  return function(x) return f(g(x)) end
end

local function main()
  local rounds = 15000
  local total = 0
  for r = 0, rounds - 1 do
    local counter = make_counter()
    local f = compose(make_adder(r), function(x) return x * 2 end)
    local xs = {}
    for i = 0, 199 do
      xs[#xs + 1] = f(i)
      counter()
    end
    local ys = filter(map(xs, function(x) return x % 1000 end), function(x) return x % 3 == 0 end)
    local s = reduce(ys, function(a, b) return (a + b) % 1000000007 end, 0)
    local fns = {}
    for i = 0, 9 do
      fns[#fns + 1] = function(x) return x + i end
    end
    local acc = 0
    for _, g in ipairs(fns) do
      acc = g(acc)
    end
    if acc ~= 45 then error("closures wrong loop capture " .. acc) end
    total = (total + s + counter() + acc) % 1000000007
  end
  if total ~= 504189000 then error("closures wrong " .. total) end
  print("closures " .. total .. " ok")
end

main()
