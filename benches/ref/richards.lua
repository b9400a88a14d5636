-- richards: the same algorithm as benches/richards.dvo (Martin Richards' OS simulation).
local COUNT = 1000
local ID_IDLE, ID_WORKER, ID_HANDLER_A, ID_HANDLER_B, ID_DEVICE_A, ID_DEVICE_B = 0, 1, 2, 3, 4, 5
local KIND_DEVICE, KIND_WORK = 0, 1
local DATA_SIZE = 4
local STATE_RUNNING, STATE_RUNNABLE, STATE_SUSPENDED, STATE_HELD = 0, 1, 2, 4
local STATE_SUSPENDED_RUNNABLE = 3
local STATE_NOT_HELD = ~4

local function class()
  local c = {}
  c.__index = c
  return c
end

local Packet = class()
function Packet.new(link, id, kind)
  return setmetatable({link = link, id = id, kind = kind, a1 = 0, a2 = {0, 0, 0, 0}}, Packet)
end
function Packet:add_to(queue)
  self.link = nil
  if queue == nil then return self end
  local nxt = queue
  local peek = nxt.link
  while peek ~= nil do nxt = peek; peek = nxt.link end
  nxt.link = self
  return queue
end

local Tcb = class()
function Tcb.new(link, id, priority, queue, task)
  local t = setmetatable({link = link, id = id, priority = priority, queue = queue, task = task}, Tcb)
  if queue == nil then t.state = STATE_SUSPENDED else t.state = STATE_SUSPENDED_RUNNABLE end
  return t
end
function Tcb:set_running() self.state = STATE_RUNNING end
function Tcb:mark_as_not_held() self.state = self.state & STATE_NOT_HELD end
function Tcb:mark_as_held() self.state = self.state | STATE_HELD end
function Tcb:is_held_or_suspended() return (self.state & STATE_HELD) ~= 0 or self.state == STATE_SUSPENDED end
function Tcb:mark_as_suspended() self.state = self.state | STATE_SUSPENDED end
function Tcb:mark_as_runnable() self.state = self.state | STATE_RUNNABLE end
function Tcb:run()
  local packet = nil
  if self.state == STATE_SUSPENDED_RUNNABLE then
    packet = self.queue
    self.queue = packet.link
    if self.queue == nil then self.state = STATE_RUNNING else self.state = STATE_RUNNABLE end
  end
  return self.task:run(packet)
end
function Tcb:check_priority_add(task, packet)
  if self.queue == nil then
    self.queue = packet
    self:mark_as_runnable()
    if self.priority > task.priority then return self end
  else
    self.queue = packet:add_to(self.queue)
  end
  return task
end

local IdleTask = class()
function IdleTask.new(s, v1, count) return setmetatable({scheduler = s, v1 = v1, count = count}, IdleTask) end
function IdleTask:run(packet)
  self.count = self.count - 1
  if self.count == 0 then return self.scheduler:hold_current() end
  if (self.v1 & 1) == 0 then
    self.v1 = self.v1 >> 1
    return self.scheduler:release(ID_DEVICE_A)
  end
  self.v1 = (self.v1 >> 1) ~ 53256
  return self.scheduler:release(ID_DEVICE_B)
end

local DeviceTask = class()
function DeviceTask.new(s) return setmetatable({scheduler = s, v1 = nil}, DeviceTask) end
function DeviceTask:run(packet)
  if packet == nil then
    if self.v1 == nil then return self.scheduler:suspend_current() end
    local v = self.v1
    self.v1 = nil
    return self.scheduler:queue(v)
  end
  self.v1 = packet
  return self.scheduler:hold_current()
end

local WorkerTask = class()
function WorkerTask.new(s, v1, v2) return setmetatable({scheduler = s, v1 = v1, v2 = v2}, WorkerTask) end
function WorkerTask:run(packet)
  if packet == nil then return self.scheduler:suspend_current() end
  if self.v1 == ID_HANDLER_A then self.v1 = ID_HANDLER_B else self.v1 = ID_HANDLER_A end
  packet.id = self.v1
  packet.a1 = 0
  for i = 1, DATA_SIZE do
    self.v2 = self.v2 + 1
    if self.v2 > 26 then self.v2 = 1 end
    packet.a2[i] = self.v2
  end
  return self.scheduler:queue(packet)
end

local HandlerTask = class()
function HandlerTask.new(s) return setmetatable({scheduler = s, v1 = nil, v2 = nil}, HandlerTask) end
function HandlerTask:run(packet)
  if packet ~= nil then
    if packet.kind == KIND_WORK then self.v1 = packet:add_to(self.v1) else self.v2 = packet:add_to(self.v2) end
  end
  if self.v1 ~= nil then
    local count = self.v1.a1
    if count < DATA_SIZE then
      if self.v2 ~= nil then
        local v = self.v2
        self.v2 = self.v2.link
        v.a1 = self.v1.a2[count + 1]
        self.v1.a1 = count + 1
        return self.scheduler:queue(v)
      end
    else
      local v = self.v1
      self.v1 = self.v1.link
      return self.scheduler:queue(v)
    end
  end
  return self.scheduler:suspend_current()
end

local Scheduler = class()
function Scheduler.new()
  return setmetatable({queue_count = 0, hold_count = 0, blocks = {}, list = nil, current_tcb = nil, current_id = nil}, Scheduler)
end
function Scheduler:add_task(id, priority, queue, task)
  self.current_tcb = Tcb.new(self.list, id, priority, queue, task)
  self.list = self.current_tcb
  self.blocks[id] = self.current_tcb
end
function Scheduler:add_idle_task(id, priority, queue, count)
  self:add_task(id, priority, queue, IdleTask.new(self, 1, count))
  self.current_tcb:set_running()
end
function Scheduler:add_worker_task(id, priority, queue) self:add_task(id, priority, queue, WorkerTask.new(self, ID_HANDLER_A, 0)) end
function Scheduler:add_handler_task(id, priority, queue) self:add_task(id, priority, queue, HandlerTask.new(self)) end
function Scheduler:add_device_task(id, priority, queue) self:add_task(id, priority, queue, DeviceTask.new(self)) end
function Scheduler:schedule()
  self.current_tcb = self.list
  while self.current_tcb ~= nil do
    if self.current_tcb:is_held_or_suspended() then
      self.current_tcb = self.current_tcb.link
    else
      self.current_id = self.current_tcb.id
      self.current_tcb = self.current_tcb:run()
    end
  end
end
function Scheduler:release(id)
  local tcb = self.blocks[id]
  if tcb == nil then return tcb end
  tcb:mark_as_not_held()
  if tcb.priority > self.current_tcb.priority then return tcb end
  return self.current_tcb
end
function Scheduler:hold_current()
  self.hold_count = self.hold_count + 1
  self.current_tcb:mark_as_held()
  return self.current_tcb.link
end
function Scheduler:suspend_current()
  self.current_tcb:mark_as_suspended()
  return self.current_tcb
end
function Scheduler:queue(packet)
  local t = self.blocks[packet.id]
  if t == nil then return t end
  self.queue_count = self.queue_count + 1
  packet.link = nil
  packet.id = self.current_id
  return t:check_priority_add(self.current_tcb, packet)
end

local function run_richards()
  local s = Scheduler.new()
  s:add_idle_task(ID_IDLE, 0, nil, COUNT)
  local q = Packet.new(nil, ID_WORKER, KIND_WORK)
  q = Packet.new(q, ID_WORKER, KIND_WORK)
  s:add_worker_task(ID_WORKER, 1000, q)
  q = Packet.new(nil, ID_DEVICE_A, KIND_DEVICE)
  q = Packet.new(q, ID_DEVICE_A, KIND_DEVICE)
  q = Packet.new(q, ID_DEVICE_A, KIND_DEVICE)
  s:add_handler_task(ID_HANDLER_A, 2000, q)
  q = Packet.new(nil, ID_DEVICE_B, KIND_DEVICE)
  q = Packet.new(q, ID_DEVICE_B, KIND_DEVICE)
  q = Packet.new(q, ID_DEVICE_B, KIND_DEVICE)
  s:add_handler_task(ID_HANDLER_B, 3000, q)
  s:add_device_task(ID_DEVICE_A, 4000, nil)
  s:add_device_task(ID_DEVICE_B, 5000, nil)
  s:schedule()
  if s.queue_count ~= 2322 or s.hold_count ~= 928 then
    error("richards wrong " .. s.queue_count .. " " .. s.hold_count)
  end
  return s.queue_count + s.hold_count
end

local total = 0
for i = 1, 400 do total = total + run_richards() end
print("richards " .. total .. " ok")
