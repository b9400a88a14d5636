-- methodcall: the same algorithm as benches/methodcall.dvo.
local Toggle = {}
Toggle.__index = Toggle
function Toggle.new(state) return setmetatable({state = state}, Toggle) end
function Toggle:value() return self.state end
function Toggle:activate() self.state = not self.state return self end

local NthToggle = setmetatable({}, {__index = Toggle})
NthToggle.__index = NthToggle
function NthToggle.new(state, max)
  local t = setmetatable({state = state}, NthToggle)
  t.count_max = max
  t.count = 0
  return t
end
function NthToggle:activate()
  self.count = self.count + 1
  if self.count >= self.count_max then
    Toggle.activate(self)
    self.count = 0
  end
  return self
end

local n = 400000
local toggle = Toggle.new(true)
local trues = 0
for i = 0, n - 1 do
  for j = 0, 4 do
    if toggle:activate():value() then trues = trues + 1 end
  end
end
local nth = NthToggle.new(true, 3)
for i = 0, n - 1 do
  for j = 0, 4 do
    if nth:activate():value() then trues = trues + 1 end
  end
end
if trues ~= 2000001 then error("methodcall wrong " .. trues) end
print("methodcall " .. trues .. " ok")
