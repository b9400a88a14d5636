-- strings: string building with interpolation and `+`, join, split and comparison.
-- Same algorithm as benches/strings.dvs: interpolation there is `..` here, list.join is
-- table.concat, and string.split (which Lua lacks) is the small split() below.
local function split(s, sep)
  local out = {}
  local start = 1
  while true do
    local p = string.find(s, sep, start, true)
    if p == nil then
      out[#out + 1] = string.sub(s, start)
      return out
    end
    out[#out + 1] = string.sub(s, start, p - 1)
    start = p + #sep
  end
end

local function main()
  local rounds = 5000
  local total = 0
  for r = 0, rounds - 1 do
    local parts = {}
    for i = 0, 99 do
      parts[#parts + 1] = "k" .. i .. "=" .. ((i * r) % 97)
    end
    local line = table.concat(parts, ";")
    local fields = split(line, ";")
    if #fields ~= 100 then error("strings wrong field count " .. #fields) end
    local acc = ""
    local i = 0
    for _, f in ipairs(fields) do
      local kv = split(f, "=")
      if kv[1] ~= "k" .. i then error("strings wrong key " .. kv[1]) end
      acc = acc .. kv[2] .. ","
      i = i + 1
    end
    total = (total + #line * 31 + #acc) % 1000000007
  end
  if total ~= 106356984 then error("strings wrong " .. total) end
  print("strings " .. total .. " ok")
end

main()
