-- loop: a tight integer `while` loop, 50M iterations. Same algorithm as benches/loop.dvs.
local function main()
  local n = 50000000
  local s = 0
  local i = 0
  while i < n do
    s = s + i
    i = i + 1
  end
  local expected = n * (n - 1) // 2
  if s ~= expected then error("loop wrong " .. s) end
  print("loop " .. s .. " ok")
end

main()
