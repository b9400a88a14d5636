-- mapslists: list push/index/pop and map insert/lookup/update with int and string keys.
-- Same algorithm as benches/mapslists.dvs. Lists are 1-based tables here, so the
-- 0-based index xs[j] of the other versions is xs[j + 1]; maps are tables.
local M = 1000000007

local function main()
  local n = 1000000
  -- list push and (indirect) indexing; (i * 7919) % n is a permutation of 0..n-1
  local xs = {}
  for i = 0, n - 1 do
    xs[#xs + 1] = (i * 7919) % n
  end
  local s = 0
  for i = 0, n - 1 do
    s = (s + xs[xs[i + 1] + 1]) % M
  end
  -- int-keyed map: insert, then look up present and absent keys
  local m = {}
  local mlen = 0
  for i = 0, n - 1 do
    local k = xs[i + 1]
    if m[k] == nil then mlen = mlen + 1 end
    m[k] = i
  end
  local hits = 0
  for i = 0, n - 1 do
    local v = m[i * 2] or -1
    if v ~= -1 then
      hits = hits + 1
      s = (s + v) % M
    end
  end
  -- string-keyed map: counting words
  local words = {}
  local wlen = 0
  for i = 0, n - 1 do
    local k = "w" .. (i % 1000)
    local c = words[k]
    if c == nil then
      c = 0
      wlen = wlen + 1
    end
    words[k] = c + 1
  end
  for k, c in pairs(words) do
    s = (s + c * #k) % M
  end
  -- pop everything
  while #xs > 0 do
    s = (s + table.remove(xs)) % M
  end
  local total = (s + hits + mlen + wlen) % M
  if hits ~= n // 2 or total ~= 3882250 then
    error("mapslists wrong " .. hits .. " " .. total)
  end
  print("mapslists " .. total .. " ok")
end

main()
