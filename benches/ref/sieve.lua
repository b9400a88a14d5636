-- sieve: the sieve of Eratosthenes over a list of booleans, primes up to 1,000,000, 5 times.
-- Same algorithm as benches/sieve.dvs; flags[k] is the flag of the number k (the
-- 0-based versions keep an unused flag for 0, which this 1-based table does not need).
local function sieve(n)
  local flags = {}
  for i = 1, n do
    flags[#flags + 1] = true
  end
  local i = 2
  while i * i <= n do
    if flags[i] then
      local j = i * i
      while j <= n do
        flags[j] = false
        j = j + i
      end
    end
    i = i + 1
  end
  local count = 0
  for k = 2, n do
    if flags[k] then count = count + 1 end
  end
  return count
end

local function main()
  local total = 0
  for r = 1, 5 do
    local c = sieve(1000000)
    if c ~= 78498 then error("sieve wrong " .. c) end
    total = total + c
  end
  print("sieve " .. total .. " ok")
end

main()
