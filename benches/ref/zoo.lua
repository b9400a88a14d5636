-- zoo: the same algorithm as benches/zoo.dvo.
local function class(parent)
  local c = {}
  c.__index = c
  if parent then setmetatable(c, {__index = parent}) end
  return c
end
local Animal = class()
function Animal:sound() return 1 end
function Animal:weight() return self.legs end
local Dog = class(Animal)
function Dog.new() return setmetatable({legs = 4}, Dog) end
function Dog:sound() return 2 end
local Cat = class(Animal)
function Cat.new() return setmetatable({legs = 4, lives = 9}, Cat) end
function Cat:sound() return 3 end
local Bird = class(Animal)
function Bird.new() return setmetatable({legs = 2}, Bird) end
function Bird:sound() return 5 end
function Bird:weight() return 1 end
local Fish = class(Animal)
function Fish.new() return setmetatable({legs = 0, fins = 2}, Fish) end
local Snake = class(Animal)
function Snake.new() return setmetatable({legs = 0, length = 3}, Snake) end
function Snake:sound() return 7 end
function Snake:weight() return self.length end
local function main()
  local zoo = {Dog.new(), Cat.new(), Bird.new(), Fish.new(), Snake.new(), Dog.new()}
  local poly = {Dog.new(), Cat.new(), Bird.new(), Dog.new()}
  local total = 0
  for r = 1, 200000 do
    for i = 1, 6 do
      local a = zoo[i]
      total = total + a:sound() + a:weight() + a.legs
    end
    for i = 1, 4 do
      local a = poly[i]
      total = total + a:sound() + a.legs
    end
  end
  if total ~= 15200000 then error("zoo wrong " .. total) end
  print("zoo " .. total .. " ok")
end
main()
