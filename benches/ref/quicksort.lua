-- quicksort: recursive in-place quicksort (Hoare partition, middle pivot) of 1,000,000 pseudo-random
-- ints from a linear congruential generator, then a sortedness check and a checksum.
-- Same algorithm as benches/quicksort.dvs. The table is 1-based; the pivot is chosen at
-- the same element as in the 0-based versions, so the work done is identical.
local M = 1000000007

local function qsort(a, lo, hi)
  if lo >= hi then return end
  local p = a[(lo + hi - 2) // 2 + 1]
  local i = lo
  local j = hi
  while i <= j do
    while a[i] < p do i = i + 1 end
    while a[j] > p do j = j - 1 end
    if i <= j then
      local t = a[i]
      a[i] = a[j]
      a[j] = t
      i = i + 1
      j = j - 1
    end
  end
  qsort(a, lo, j)
  qsort(a, i, hi)
end

local function main()
  local n = 1000000
  local seed = 42
  local a = {}
  for i = 0, n - 1 do
    seed = (seed * 1103515245 + 12345) % 2147483648
    a[#a + 1] = seed % 1000000
  end
  qsort(a, 1, n)
  local s = 0
  for i = 0, n - 1 do
    if i > 0 and a[i] > a[i + 1] then error("quicksort wrong: not sorted at " .. i) end
    s = (s + a[i + 1] * (i % 100 + 1)) % M
  end
  if s ~= 728548529 then error("quicksort wrong " .. s) end
  print("quicksort " .. s .. " ok")
end

main()
