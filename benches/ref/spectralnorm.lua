-- spectralnorm: the Benchmarks Game spectral norm of the infinite matrix A, n = 500.
-- Arrays are 1-based here; a(i, j) takes 1-based positions and computes the same entry
-- as a(i-1, j-1) in benches/spectralnorm.dvs.
local function a(i, j)
  local ij = i + j - 2
  return 1.0 / (ij * (ij + 1) // 2 + i)
end

local function mul_av(n, v, av)
  for i = 1, n do
    local s = 0.0
    for j = 1, n do
      s = s + a(i, j) * v[j]
    end
    av[i] = s
  end
end

local function mul_atv(n, v, atv)
  for i = 1, n do
    local s = 0.0
    for j = 1, n do
      s = s + a(j, i) * v[j]
    end
    atv[i] = s
  end
end

local function mul_atav(n, v, out, tmp)
  mul_av(n, v, tmp)
  mul_atv(n, tmp, out)
end

local function main()
  local n = 500
  local u = {}
  local v = {}
  local tmp = {}
  for i = 1, n do
    u[#u + 1] = 1.0
    v[#v + 1] = 0.0
    tmp[#tmp + 1] = 0.0
  end
  for i = 1, 10 do
    mul_atav(n, u, v, tmp)
    mul_atav(n, v, u, tmp)
  end
  local vbv = 0.0
  local vv = 0.0
  for i = 1, n do
    vbv = vbv + u[i] * v[i]
    vv = vv + v[i] * v[i]
  end
  local x = math.sqrt(vbv / vv) * 1000000000.0
  local r = math.floor(x)
  if r ~= 1274224115 then error("spectralnorm wrong " .. r) end
  print("spectralnorm " .. r .. " ok")
end

main()
