-- fannkuch: the Benchmarks Game fannkuch-redux (permutation flipping), n = 9.
-- Same algorithm as benches/fannkuch.dvs (the classic C formulation with count[]).
-- Arrays are 1-based here: perm1[i + 1] holds what perm1[i] holds in the 0-based versions.
local function fannkuch(n)
  local perm1 = {}
  local perm = {}
  local count = {}
  for i = 0, n - 1 do
    perm1[#perm1 + 1] = i
    perm[#perm + 1] = 0
    count[#count + 1] = 0
  end
  local max_flips = 0
  local checksum = 0
  local perm_count = 0
  local r = n
  while true do
    while r ~= 1 do
      count[r] = r
      r = r - 1
    end
    for i = 1, n do
      perm[i] = perm1[i]
    end
    local flips = 0
    local k = perm[1]
    while k ~= 0 do
      local i = 1
      local j = k + 1
      while i < j do
        local t = perm[i]
        perm[i] = perm[j]
        perm[j] = t
        i = i + 1
        j = j - 1
      end
      flips = flips + 1
      k = perm[1]
    end
    if flips > max_flips then max_flips = flips end
    if perm_count % 2 == 0 then
      checksum = checksum + flips
    else
      checksum = checksum - flips
    end
    -- next permutation
    while true do
      if r == n then return {checksum, max_flips} end
      local perm0 = perm1[1]
      local i = 1
      while i <= r do
        perm1[i] = perm1[i + 1]
        i = i + 1
      end
      perm1[r + 1] = perm0
      count[r + 1] = count[r + 1] - 1
      if count[r + 1] > 0 then break end
      r = r + 1
    end
    perm_count = perm_count + 1
  end
end

local function main()
  local res = fannkuch(9)
  if res[1] ~= 8629 or res[2] ~= 30 then
    error("fannkuch wrong " .. res[1] .. " " .. res[2])
  end
  print("fannkuch " .. res[1] .. " " .. res[2] .. " ok")
end

main()
