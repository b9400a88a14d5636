-- fib: naive recursion, fib(32). Same algorithm as benches/fib.dvs.
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

local function main()
  local r = fib(32)
  if r ~= 2178309 then error("fib wrong " .. r) end
  print("fib " .. r .. " ok")
end

main()
