//! The interpreter: tier 0. One loop, no host recursion for guest calls.
//!
//! The loop keeps the instruction pointer, the frame base and the stack top in locals (the
//! code and constants are reached through the frame's `proto`, to spare registers);
//! anything that can change them (a call, a return, a handler) goes back to `'reload`.
//! Fast paths (small ints, floats, locals, list indexing) are inline; everything else is a
//! named slow-path function in `ops_slow`, `call` or `throw`.
//!
//! The loop is instantiated twice: `CHECKED = false` is the plain loop, `CHECKED = true`
//! also counts fuel and instructions and prints `--trace` lines, so neither costs anything
//! when off.

use crate::bytecode::{Dialect, Op};
use crate::class_ops::{Called, Property, IC_FLAG, SHAPE_ADD, SHAPE_SLOT};
use crate::error::{Exception, VmResult};
use crate::error_kind::ErrorKind;
use crate::object::{Closure, InlineCache, Instance, List, Map, Module, Native, NativeArgs, Proto, Range, Record, Str};
use crate::ops_slow::{equals, quick_equals, type_name};
use crate::slot::Slot;
use crate::types::{as_int, TypeTag};
use crate::value::Value;
use crate::vm::{Frame, Vm};
use devvm_gc::Gc;
use std::cell::Cell;

/// The inline-cache key of a `GET_FIELD`/`SET_FIELD` site that last saw a map: the
/// target is the entry position of the field's key. (Type-tag keys of `INVOKE` sites are
/// `tag + 1`, all below this.)
const MAP_POSITION: u8 = 0xff;
/// The inline-cache key of a site that last read an export of the module in `target`:
/// `aux` is the export's slot.
const MODULE_SLOT: u8 = 0xfe;

/// A module export through a site's inline cache (hit: same module object). `owner` is
/// the proto the cache belongs to: a module may be young, so caching it needs the barrier.
#[inline(always)]
fn module_export_cached(
    heap: &mut devvm_gc::Heap,
    owner: Gc<Proto>,
    cache: &Cell<InlineCache>,
    obj: Value,
    name: Value,
) -> Option<Value> {
    let m = obj.downcast::<Module>()?;
    let c = cache.get();
    if c.key == MODULE_SLOT && c.target == obj {
        return m.get(c.aux as usize).filter(|v| !v.is_undefined());
    }
    let slot = m.slot_of(name.downcast::<Str>()?.as_str())?;
    heap.write_barrier(owner.header_ptr(), m.header_ptr());
    cache.set(InlineCache { key: MODULE_SLOT, aux: slot, target: obj });
    m.get(slot as usize).filter(|v| !v.is_undefined())
}

/// The proto of a closure, borrowed for as long as the loop runs the closure's frame
/// rather than for as long as the `Gc` handle is borrowed (so the loop can switch frames
/// in place).
#[inline(always)]
fn proto_of<'a>(c: Gc<Closure>) -> &'a Proto {
    // SAFETY: protos are pretenured, so they never move, and the loop uses the reference
    // only while it runs a frame of `c` (whose closure, a root, keeps the proto alive).
    unsafe { &*(&*c.proto as *const Proto) }
}

/// The initializer of a class value, when it is a closure (the case `CALL` enters in
/// place; natives and classes without `init` take `call_object`).
#[inline(always)]
fn class_init_closure(f: Value) -> Option<(devvm_gc::Gc<crate::object::Class>, devvm_gc::Gc<Closure>)> {
    let k = f.downcast::<crate::object::Class>()?;
    Some((k, k.init.get().downcast::<Closure>()?))
}

/// How a run of the dispatch loop ended.
pub(crate) enum LoopExit {
    /// The frame at `stop` returned this value.
    Done(Value),
    /// The current instruction needs the object-model loop (see [`Vm::run`]).
    Switch,
}

impl Vm {
    /// Runs until the frame count drops back to `stop`, returning the value the frame at
    /// `stop` returned. Exceptions not handled above `stop` are returned.
    ///
    /// The loop is instantiated twice more by kind of code: `OO` loops carry the object
    /// model's instructions (emitted for DevObj, `Dialect::Lox`) with their inline fast
    /// paths; the others (DevScript, DevFun) do not contain them at all, so DevScript's hot
    /// loop is not made bigger (and its registers scarcer) by DevObj's. A plain loop that
    /// meets an object-model instruction (code of another language called from DevScript)
    /// hands the frame over to the `OO` loop, which runs every instruction.
    pub(crate) fn run(&mut self, stop: usize) -> VmResult<Value> {
        let checked = self.trace || self.policy.fuel.is_some() || self.count_instructions;
        let mut oo = self.frames.last().is_some_and(|f| f.closure.proto.code.dialect == Dialect::Lox);
        loop {
            let exit = match (checked, oo) {
                (true, true) => self.run_loop::<true, true>(stop)?,
                (true, false) => self.run_loop::<true, false>(stop)?,
                (false, true) => self.run_loop::<false, true>(stop)?,
                (false, false) => self.run_loop::<false, false>(stop)?,
            };
            match exit {
                LoopExit::Done(v) => return Ok(v),
                LoopExit::Switch => oo = true,
            }
        }
    }

    #[allow(clippy::cognitive_complexity)]
    fn run_loop<const CHECKED: bool, const OO: bool>(&mut self, stop: usize) -> VmResult<LoopExit> {
        'reload: loop {
            // SAFETY: `run` is entered with a frame above `stop`, and every path that pops
            // frames returns before `frames` could become empty.
            let frame = unsafe { *self.frames.last().unwrap_unchecked() };
            // The running frame's proto and stack window (its closure is read from the frame
            // where needed, to spare a register). Calls and returns of
            // closures switch them in place (`enter_closure!`, `Op::Return`); everything
            // else that changes frames goes back to `'reload`.
            let mut proto: &Proto = proto_of(frame.closure);
            // The value stack never moves (`vm::reserve_value_stack`), so the stack top and
            // the frame base are kept as pointers (`Slot`s) into it; indices for the rest of
            // the VM are `idx!(slot)`.
            let bottom = Slot::new(self.stack.as_mut_ptr());
            let mut base = Slot::new(frame.bp);
            // The instruction pointer: a pointer into the code rather than an index, so that
            // fetching the next opcode does not first reload the code's base address (which
            // register pressure in this large loop keeps in a stack slot). The code's base
            // address and the constant pool are read from `proto` where needed rather than
            // kept as locals: the loop is short of registers, and a spilled `sp` costs every
            // instruction.
            let mut ip: *const u8 = frame.ip;
            let mut sp = bottom + self.sp;
            // The highest callee slot a frame of `max_stack` slots may start at is
            // `stack_limit - max_stack` (`push_frame` reserves two slots past the window).
            // The stack never moves, so this is fixed.
            let stack_limit = bottom + (self.stack.len() - 2);

            // Operand decoding. SAFETY: the code comes from the compiler (or, later, the
            // verifier), which guarantees every instruction's operands are present, so
            // these reads stay inside `code`.
            macro_rules! byte_at {
                () => {
                    unsafe { *ip }
                };
            }
            // The offset of the instruction pointer in `code` (saved in frames, reported in
            // traces and handler lookups).
            macro_rules! pc {
                () => {
                    // SAFETY: `ip` always points into (or one past) `code`.
                    unsafe { ip.offset_from(proto.code.code.as_ptr()) as usize }
                };
            }
            // Advances or jumps the instruction pointer. SAFETY: the compiler (or the
            // verifier) guarantees every operand and jump target lies inside `code`.
            macro_rules! advance {
                ($n:expr) => {
                    ip = unsafe { ip.add($n) }
                };
            }
            macro_rules! advance_back {
                ($n:expr) => {
                    ip = unsafe { ip.sub($n) }
                };
            }
            macro_rules! jump_by {
                ($off:expr) => {
                    ip = unsafe { ip.offset($off) }
                };
            }
            // The taken side of a conditional jump. The empty `asm!` keeps it a branch:
            // without it LLVM turns the jump into a select of the offset (`cmov`), which makes
            // the next dispatch wait for the compared value to be loaded and compared, where a
            // predicted branch lets it start at once (fib(32) 61 → 48 ms).
            macro_rules! branch_by {
                ($off:expr) => {{
                    // SAFETY: an empty statement: it reads and writes nothing.
                    #[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
                    unsafe {
                        std::arch::asm!("", options(nomem, nostack, preserves_flags))
                    };
                    jump_by!($off)
                }};
            }
            macro_rules! u8_ {
                () => {{
                    let v = byte_at!();
                    advance!(1);
                    v as usize
                }};
            }
            // Multi-byte operands are read with one unaligned little-endian load each (one
            // instruction on x86_64 and aarch64; assembling them from bytes cost three).
            macro_rules! read_at {
                ($t:ty, $i:expr) => {
                    // SAFETY: as for `byte_at!`: the operand's bytes are inside `code`.
                    <$t>::from_le(unsafe { std::ptr::read_unaligned($i as *const $t) })
                };
            }
            macro_rules! u16_ {
                () => {{
                    let v = read_at!(u16, ip);
                    advance!(2);
                    v as usize
                }};
            }
            macro_rules! i16_ {
                () => {{
                    let v = read_at!(i16, ip);
                    advance!(2);
                    v as i64
                }};
            }
            macro_rules! u32_ {
                () => {{
                    let v = read_at!(u32, ip);
                    advance!(4);
                    v
                }};
            }
            macro_rules! jump_ {
                () => {{
                    let v = read_at!(i32, ip);
                    advance!(4);
                    v as isize
                }};
            }
            // SAFETY: constant operands are indices the compiler took from this pool.
            macro_rules! konst {
                ($k:expr) => {
                    unsafe { *proto.constants.get_unchecked($k) }
                };
            }
            // Stack access. SAFETY: the compiler computes each function's maximum stack
            // depth and entering a frame checks that the stack has it, so every slot the
            // code reads or writes is inside the stack.
            macro_rules! at {
                ($i:expr) => {{
                    let s: Slot = $i;
                    unsafe { s.read() }
                }};
            }
            macro_rules! put {
                ($i:expr, $v:expr) => {{
                    let (s, v): (Slot, Value) = ($i, $v);
                    unsafe { s.write(v) }
                }};
            }
            // A slot's index in the value stack (what frames, handlers and natives use).
            macro_rules! idx {
                ($s:expr) => {{
                    let s: Slot = $s;
                    s - bottom
                }};
            }
            macro_rules! push {
                ($v:expr) => {{
                    let v = $v;
                    put!(sp, v);
                    sp += 1;
                }};
            }
            macro_rules! pop {
                () => {{
                    sp -= 1;
                    at!(sp)
                }};
            }
            macro_rules! top {
                () => {
                    at!(sp - 1)
                };
            }
            macro_rules! sync {
                () => {{
                    self.sp = idx!(sp);
                    // SAFETY: as for `frame` above, the current frame exists.
                    unsafe { self.frames.last_mut().unwrap_unchecked() }.ip = ip;
                }};
            }
            // After a call that may have run guest code (which leaves the stack as it found
            // it): the stack top is read back from the VM rather than kept live across the
            // call, so that the fast paths around the call need not keep it in a stack slot.
            macro_rules! resync {
                () => {
                    sp = bottom + self.sp;
                };
            }
            // A slow-path call that cannot change frames, with its error thrown: the stack
            // top is stored before and read back after (see `resync!`), so it is not live
            // across the call.
            macro_rules! slow {
                ($e:expr) => {{
                    self.sp = idx!(sp);
                    let r = $e;
                    resync!();
                    tri!(r)
                }};
            }
            macro_rules! throw {
                ($e:expr) => {{
                    let e = $e;
                    self.sp = idx!(sp);
                    match self.unwind(e, pc!(), stop) {
                        Ok(()) => continue 'reload,
                        Err(e) => return Err(e),
                    }
                }};
            }
            macro_rules! tri {
                ($e:expr) => {
                    match $e {
                        Ok(v) => v,
                        Err(e) => throw!(e),
                    }
                };
            }
            // After a native that may have run guest code: if a collection happened, the
            // current closure may have moved, so reload the frame state from the roots.
            macro_rules! reload_if_collected {
                ($epoch:expr) => {
                    if self.heap.epoch() != $epoch {
                        sync!();
                        continue 'reload;
                    }
                };
            }
            // The safepoint of a loop back-edge to `target`. A collection there raises its
            // errors (OutOfMemory) at the loop instruction, and objects may move, so the
            // frame state is reloaded after it.
            macro_rules! backedge_safepoint {
                ($off:expr) => {
                    if self.heap.should_collect() {
                        sync!();
                        tri!(self.safepoint_collect());
                        jump_by!($off);
                        sync!();
                        continue 'reload;
                    }
                };
            }
            // The running frame's closure (the frame is the last one).
            macro_rules! current_closure {
                () => {
                    // SAFETY: as for `frame` above, the current frame exists.
                    unsafe { self.frames.last().unwrap_unchecked() }.closure
                };
            }
            // `(depth, frames, closure)`: the frame count, the frame vector's buffer and the
            // running closure, for a self-call to read before its stores to the stack (after
            // them LLVM would load them again: the stores might alias, for all it knows).
            macro_rules! running_frame {
                () => {{
                    let depth = self.frames.len();
                    let frames = self.frames.as_mut_ptr();
                    // SAFETY: the running frame is the last of `depth >= 1` frames.
                    (depth, frames, unsafe { (*frames.add(depth - 1)).closure })
                }};
            }
            // Enters closure `$c`, whose callee slot is `$callee_at`, with the `$argc`
            // arguments above it. The common case (the arity matches, the depth and the
            // stack have room, no collection is due) switches the loop's frame state in
            // place; anything else goes through `push_frame` and `'reload`.
            macro_rules! enter_closure {
                ($c:expr, $callee_at:expr, $argc:expr) => {{
                    let c: Gc<Closure> = $c;
                    let p: &Proto = proto_of(c);
                    enter_proto!(c, p, $callee_at, $argc, $argc == p.code.arity as usize, self.frames.len());
                }};
            }
            // `enter_closure!` of closure `$c` with proto `$p`, when `$arity_ok` (a check
            // the caller may know to hold statically, as `CALL_SELF` does). `$depth` is the
            // frame count, which a caller may have read before its stores to the stack (after
            // them it would be loaded again: the stores might alias it, for all LLVM knows).
            macro_rules! enter_proto {
                ($c:expr, $p:expr, $callee_at:expr, $argc:expr, $arity_ok:expr, $depth:expr) => {
                    enter_proto!($c, $p, $callee_at, $argc, $arity_ok, $depth, self.frames.as_mut_ptr())
                };
                // `$frames`: the frame vector's buffer, which a caller may also have read
                // before its stores (it does not move while frames are entered in place).
                ($c:expr, $p:expr, $callee_at:expr, $argc:expr, $arity_ok:expr, $depth:expr, $frames:expr) => {{
                    let depth: usize = $depth;
                    let (c, p): (Gc<Closure>, &Proto) = ($c, $p);
                    let callee_at: Slot = $callee_at;
                    let argc: usize = $argc;
                    if $arity_ok
                        && depth < self.frame_limit
                        && callee_at + p.code.max_stack as usize <= stack_limit
                        && !self.heap.should_collect()
                    {
                        p.calls.set(p.calls.get().wrapping_add(1));
                        ip_enter_frame!(c, p, callee_at, depth, $frames);
                    } else {
                        sync!();
                        tri!(self.push_frame(c, idx!(callee_at), argc));
                        if self.heap.should_collect() {
                            self.sp = idx!(callee_at) + 1 + argc;
                            tri!(self.safepoint_collect());
                        }
                        continue 'reload;
                    }
                }};
            }
            // Puts callee `$f` below the `$argc` arguments that start at `$first`, moving them
            // up a slot (the builder reserved it), and counts it on the stack.
            macro_rules! insert_callee {
                ($first:expr, $argc:expr, $f:expr) => {{
                    let (first, argc, f): (Slot, usize, Value) = ($first, $argc, $f);
                    // One argument first: the common case takes one test.
                    if argc == 1 {
                        put!(first + 1, at!(first));
                    } else if argc == 2 {
                        put!(first + 2, at!(first + 1));
                        put!(first + 1, at!(first));
                    } else if argc > 2 {
                        // SAFETY: both ranges lie inside the frame's reserved window.
                        unsafe { std::ptr::copy(first.ptr(), (first + 1).ptr(), argc) }
                    }
                    put!(first, f);
                    sp += 1;
                }};
            }
            // Pushes the frame of an `enter_closure!` fast path (checks done) and makes it
            // the running one.
            macro_rules! ip_enter_frame {
                ($c:expr, $p:expr, $callee_at:expr, $depth:expr, $frames:expr) => {{
                    let start = $p.code.code.as_ptr();
                    // SAFETY: `$depth >= 1` (the running frame) and `$depth < capacity`.
                    unsafe {
                        let frames: *mut Frame = $frames;
                        (*frames.add($depth - 1)).ip = ip;
                        frames.add($depth).write(Frame { closure: $c, ip: start, bp: $callee_at.ptr() });
                        self.frames.set_len($depth + 1);
                    }
                    proto = $p;
                    base = $callee_at;
                    ip = start;
                }};
            }
            // A call of the value at `callee` with `argc` arguments above it.
            macro_rules! call_value {
                ($callee:expr, $argc:expr) => {{
                    let callee_at: Slot = $callee;
                    let argc: usize = $argc;
                    let f = at!(callee_at);
                    if let Some(c) = f.downcast::<Closure>() {
                        enter_closure!(c, callee_at, argc);
                    } else if let Some(n) = f.downcast::<Native>() {
                        sync!();
                        let epoch = self.heap.epoch();
                        let r = self.call_native(n, NativeArgs { base: idx!(callee_at) + 1, len: argc });
                        let v = tri!(r);
                        sp = callee_at;
                        push!(v);
                        reload_if_collected!(epoch);
                    } else if let Some((k, init)) = if OO { class_init_closure(f) } else { None } {
                        // `Klass(args)` with a closure initializer: the new instance takes
                        // the callee slot (the initializer's slot 0, which it returns) and
                        // the initializer is entered like any closure. (Allocation never
                        // collects; the instance is rooted in its slot from here on.)
                        let inst = Value::object(self.alloc(Instance::new(k)));
                        put!(callee_at, inst);
                        enter_closure!(init, callee_at, argc);
                    } else {
                        // Bound methods and classes (and the errors for anything else),
                        // out of line; the loop reloads the frame either way.
                        sync!();
                        finish_call!(self.call_object(idx!(callee_at), argc), callee_at);
                    }
                }};
            }
            // Finishes a call made by a slow path (`Called`): a pushed frame runs next; a
            // value (a native's, or an instance without initializer) replaces the callee
            // slot. Either way the frame state is reloaded, which keeps this small.
            macro_rules! finish_call {
                ($r:expr, $at:expr) => {{
                    let at: Slot = $at;
                    match $r {
                        Ok(Called::Frame) => {
                            if self.heap.should_collect() {
                                tri!(self.safepoint_collect());
                            }
                        }
                        Ok(Called::Value(v)) => {
                            put!(at, v);
                            self.sp = idx!(at) + 1;
                        }
                        Err(e) => throw!(e),
                    }
                    continue 'reload;
                }};
            }
            // The inline entry (0 or 1) of the site at `$ic` whose aux, masked with `$mask`, is
            // `$aux`, if any: the fast paths' whole shape check (see `class_ops.rs`: shape 0
            // is no instance's, so an empty entry never matches, and a site holds only its
            // own kinds of entries, so the key need not be compared). Counted as a hit (and a
            // polymorphic one for entry 1) when counting.
            macro_rules! ic_inline {
                ($ic:expr, $aux:expr, $mask:expr) => {
                    ic_inline!(&proto.ics, $ic, $aux, $mask, |_e: InlineCache| true)
                };
                // `$also` further restricts the entries taken (a key test for the rare
                // flagged lookups).
                ($ic:expr, $aux:expr, $mask:expr, $also:expr) => {
                    ic_inline!(&proto.ics, $ic, $aux, $mask, $also)
                };
                // The sites of another proto's code (`$ics`: a quick method's read site).
                ($ics:expr, $ic:expr, $aux:expr, $mask:expr, $also:expr) => {{
                    let ics: &[Cell<InlineCache>] = $ics;
                    let aux: u32 = $aux;
                    let also = $also;
                    // SAFETY: the emitter gives every site `IC_WAYS` (≥ 2) entries below
                    // `num_ics`.
                    let e0 = unsafe { ics.get_unchecked($ic) }.get();
                    if e0.aux & $mask == aux && also(e0) {
                        if CHECKED {
                            self.stats.ic_hits += 1;
                        }
                        Some(e0)
                    } else {
                        // SAFETY: as above.
                        let e1 = unsafe { ics.get_unchecked($ic + 1) }.get();
                        if e1.aux & $mask == aux && also(e1) {
                            if CHECKED {
                                self.stats.ic_hits += 1;
                                self.stats.ic_poly_hits += 1;
                            }
                            Some(e1)
                        } else {
                            None
                        }
                    }
                }};
            }
            // `INVOKE_METHOD` of method constant `$name_k` with `$argc` arguments above the
            // receiver, through inline cache `$ic` (also the tail of `LOCAL_INVOKE`).
            macro_rules! invoke_method {
                ($name_k:expr, $argc:expr, $ic:expr) => {{
                    let recv = at!(sp - 1 - $argc);
                    invoke_method!($name_k, $argc, $ic, recv)
                }};
                // `$recv`: the receiver, already in hand (and in its slot).
                ($name_k:expr, $argc:expr, $ic:expr, $recv:expr) => {{
                    let (name_k, argc, ic): (usize, usize, usize) = ($name_k, $argc, $ic);
                    let recv_at = sp - 1 - argc;
                    let recv: Value = $recv;
                    if let Some(inst) = recv.downcast::<Instance>().filter(|_| OO) {
                        if let Some(e) = ic_inline!(ic, inst.shape(), u32::MAX) {
                            // SAFETY: an unflagged `SHAPE_METHOD` entry's target is a
                            // closure (`invoke_slow` flags every other method).
                            let m: devvm_gc::Gc<Closure> =
                                unsafe { devvm_gc::Gc::from_header(e.target.as_header_unchecked()) };
                            let mp = proto_of(m);
                            if argc == 0 && mp.quick_field_ic != crate::object::NOT_QUICK {
                                // `return this.name`: when the method's own read site has
                                // cached this shape's inline slot (entry 0 or 1), the field
                                // replaces the receiver and no frame is made.
                                let at = mp.quick_field_ic as usize;
                                let hit = ic_inline!(&mp.ics, at, inst.shape(), u32::MAX, |_e: InlineCache| true);
                                if let Some(e) = hit {
                                    // SAFETY: as in `instance_get!`: an unflagged entry of
                                    // this shape caches an inline slot it has.
                                    put!(recv_at, unsafe { inst.inline_slot_unchecked(e.target.bits() as usize) });
                                    continue;
                                }
                            }
                            // The receiver is the method's slot 0: no bound method.
                            enter_closure!(m, recv_at, argc);
                            continue;
                        }
                        sync!();
                        finish_call!(self.invoke_slow(idx!(recv_at), argc, konst!(name_k), &proto.ics, ic), recv_at);
                    } else {
                        sync!();
                        finish_call!(self.invoke_generic(idx!(recv_at), argc, konst!(name_k), &proto.ics, ic), recv_at);
                    }
                }};
            }
            // `obj.name` on an instance (`obj` is known to be one): the inline entries, else
            // the slow path. `$receiver_slot` makes the receiver the top of the stack (where
            // a getter finds it as its slot 0). The result replaces the top.
            macro_rules! instance_get {
                ($inst:expr, $name:expr, $ic:expr, $receiver_slot:block) => {{
                    let inst: devvm_gc::Gc<Instance> = $inst;
                    match ic_inline!($ic, inst.shape(), u32::MAX) {
                        // SAFETY: the shape matched an unflagged entry (a `SHAPE_SLOT` of an
                        // inline slot), and an instance of this shape has the cached slot.
                        Some(e) => {
                            put!(sp - 1, unsafe { inst.inline_slot_unchecked(e.target.bits() as usize) })
                        }
                        None => match ic_inline!($ic, inst.shape() | IC_FLAG, u32::MAX, |e: InlineCache| e.key
                            == SHAPE_SLOT)
                        {
                            // SAFETY: a flagged `SHAPE_SLOT` entry for this shape caches an
                            // overflow slot, which the instance of this shape has.
                            Some(e) => put!(sp - 1, unsafe { inst.overflow_slot_unchecked(e.target.bits() as usize) }),
                            None => {
                                $receiver_slot;
                                match slow!(self.get_property_slow(inst, $name, &proto.ics, $ic)) {
                                    Property::Value(v) => put!(sp - 1, v),
                                    Property::Getter(g) => {
                                        // The receiver on top becomes the getter's slot 0.
                                        sync!();
                                        finish_call!(self.call_method_at(g, idx!(sp - 1), 0), sp - 1);
                                    }
                                }
                            }
                        },
                    }
                }};
            }
            // `inst.name = v`: an inline entry caches an existing inline slot (unflagged), a
            // shape transition (flagged `SHAPE_ADD`) or an overflow slot (flagged `SHAPE_SLOT`).
            macro_rules! instance_set {
                ($inst:expr, $name:expr, $v:expr, $ic:expr) => {{
                    let (inst, v): (devvm_gc::Gc<Instance>, Value) = ($inst, $v);
                    match ic_inline!($ic, inst.shape(), !IC_FLAG) {
                        Some(e) => {
                            let n = e.target.bits() as usize;
                            if e.aux & IC_FLAG == 0 {
                                if let Some(h) = v.as_header() {
                                    self.heap.write_barrier(inst.header_ptr(), h);
                                }
                                // SAFETY: an unflagged entry caches an inline slot, which the
                                // instance of this shape has.
                                unsafe { inst.set_inline_slot_unchecked(n, v) };
                            } else if e.key == SHAPE_ADD {
                                // A transition: `n` is the shape after adding the field.
                                if let Some(h) = v.as_header() {
                                    self.heap.write_barrier(inst.header_ptr(), h);
                                }
                                if !inst.add_inline_field(n as u32, v) {
                                    self.instance_add_field(inst, n as u32, v);
                                }
                            } else {
                                // An overflow slot.
                                self.instance_store(inst, n, v);
                            }
                        }
                        None => slow!(self.set_property_slow(inst, $name, v, &proto.ics, $ic)),
                    }
                }};
            }
            // `$b` reads the right operand (pops it, or reads a local for the `*_LOCAL` forms).
            macro_rules! binary_fast {
                ($b_src:expr, $int_op:ident, $float_op:tt, $slow:ident) => {
                    binary_fast!($b_src, $int_op, $float_op, $slow, |a, b| slow!(self.$slow(a, b)))
                };
                ($b_src:expr, $int_op:ident, $float_op:tt, $slow:ident, |$a:ident, $b:ident| $slow_expr:expr) => {{
                    let $b = $b_src;
                    let $a = top!();
                    let r = if Value::both_small_ints($a, $b) {
                        match Value::$int_op($a, $b) {
                            Some(r) => r,
                            None => $slow_expr,
                        }
                    } else if $a.is_float() & $b.is_float() {
                        Value::float($a.as_float_unchecked() $float_op $b.as_float_unchecked())
                    } else {
                        $slow_expr
                    };
                    put!(sp - 1, r);
                }};
            }
            macro_rules! divide {
                ($b:expr) => {{
                    let b = $b;
                    let a = top!();
                    let r = if a.is_float() & b.is_float() {
                        Value::float(a.as_float_unchecked() / b.as_float_unchecked())
                    } else {
                        slow!(self.div(a, b))
                    };
                    put!(sp - 1, r);
                }};
            }
            // `obj.name` with the site's inline cache, written to the top slot (which holds the
            // receiver, or a fresh slot for `LOCAL_GET_FIELD`); reads the `name` and `ic`
            // operands. Maps come first, so DevScript's hot case pays nothing for instances.
            // `obj.name` by the slow path, which may run a getter (so the frame is synced
            // around it and the stack re-read).
            macro_rules! get_field_reentrant {
                ($obj:expr, $name:expr) => {{
                    sync!();
                    let r = self.get_field($obj, $name);
                    resync!();
                    tri!(r)
                }};
            }
            macro_rules! get_field_into_top {
                ($obj:expr) => {{
                    let obj: Value = $obj;
                    let k = u16_!();
                    let ic = u16_!();
                    let name = konst!(k);
                    let cache: &Cell<InlineCache> = &proto.ics[ic];
                    let hit = match obj.downcast::<Map>() {
                        Some(m) => {
                            let c = cache.get();
                            let found = if c.key == MAP_POSITION { m.value_at_if(c.aux as usize, name) } else { None };
                            if found.is_none() {
                                if let Some(pos) = m.position(name) {
                                    cache.set(InlineCache { key: MAP_POSITION, aux: pos as u32, target: Value::NIL });
                                }
                            }
                            found
                        }
                        None => module_export_cached(&mut self.heap, current_closure!().proto, cache, obj, name),
                    };
                    let v = match hit {
                        Some(v) => v,
                        // May run an instance's getter (another language's object).
                        None => get_field_reentrant!(obj, name),
                    };
                    put!(sp - 1, v);
                }};
            }
            // The slow path of `+`, which may call a `toString` method (DevObj), so the
            // frame is synced around it.
            macro_rules! add_reentrant {
                ($a:expr, $b:expr) => {{
                    sync!();
                    let r = self.add_reentrant($a, $b);
                    resync!();
                    tri!(r)
                }};
            }
            macro_rules! compare_fast {
                ($op:expr, $cmp:tt) => {{
                    let b = pop!();
                    let a = top!();
                    let r = if Value::both_small_ints(a, b) {
                        a.as_small_int_unchecked() $cmp b.as_small_int_unchecked()
                    } else if a.is_float() & b.is_float() {
                        a.as_float_unchecked() $cmp b.as_float_unchecked()
                    } else {
                        slow!(self.compare_slow(a, b, $op))
                    };
                    put!(sp - 1, Value::bool(r));
                }};
            }
            // The local named by the next u16 operand (the fused `GET_LOCAL` of `LOCAL_*`).
            macro_rules! local {
                () => {{
                    let slot = u16_!();
                    at!(base + slot)
                }};
            }
            // `x + k` / `x - k` with an i16 immediate; `$a` reads the operand (pops it or
            // reads a local). Expanded once per opcode so each arm is straight-line code.
            macro_rules! add_imm {
                ($a:expr, $op:ident, $slow:ident) => {{
                    let r = add_imm_value!($a, $op, $slow);
                    push!(r);
                }};
            }
            // Returns `$result` from the running frame: to `run`'s caller when the frame is
            // the one at `stop`, else to the caller's frame, resumed in place.
            macro_rules! return_value {
                ($result:expr) => {{
                    let result: Value = $result;
                    if !self.open_upvalues.is_empty() {
                        self.close_upvalues(idx!(base));
                    }
                    let depth = self.frames.len() - 1;
                    // SAFETY: the running frame is the last; dropping it leaves `depth`.
                    unsafe { self.frames.set_len(depth) };
                    if depth == stop {
                        self.sp = idx!(base);
                        return Ok(LoopExit::Done(result));
                    }
                    // Read before the result is stored, which (for all LLVM knows) could
                    // change `frames`. SAFETY: `depth > stop`, so the caller's frame exists.
                    let caller = unsafe { *self.frames.as_ptr().add(depth - 1) };
                    put!(base, result);
                    sp = base + 1;
                    proto = proto_of(caller.closure);
                    base = Slot::new(caller.bp);
                    ip = caller.ip;
                }};
            }
            // `CALL_SELF_LOCAL_ADD`/`_SUB`: the argument (`local ± k`) is computed straight into
            // the slot above the callee's, so nothing is pushed and then moved up.
            macro_rules! call_self_local {
                ($op:ident, $slow:ident) => {{
                    let first = sp;
                    let (depth, frames, c) = running_frame!();
                    let arg = add_imm_value!(local!(), $op, $slow);
                    put!(first + 1, arg);
                    put!(first, Value::object(c));
                    sp = first + 2;
                    // The compiler emits these only for functions of one parameter.
                    enter_proto!(c, proto, first, 1, true, depth, frames);
                }};
            }
            // `INC_LOCAL`/`DEC_LOCAL`: a local plus or minus an immediate, stored back.
            macro_rules! step_local {
                ($op:ident, $slow:ident) => {{
                    // The slot operand is read again for the store (`local!` advanced).
                    let slot = read_at!(u16, ip) as usize;
                    let v = add_imm_value!(local!(), $op, $slow);
                    put!(base + slot, v);
                }};
            }
            macro_rules! add_imm_value {
                ($a:expr, $op:ident, $slow:ident) => {{
                    let a = $a;
                    let k = Value::small_int(i16_!());
                    // The shifted-payload add or subtract (`Value::small_checked_add`): its
                    // overflow flag is the range check, so the result needs no compare.
                    let fast = if a.is_small_int() { Value::$op(a, k) } else { None };
                    match fast {
                        Some(r) => r,
                        None => slow!(self.$slow(a, k)),
                    }
                }};
            }
            // Field `$slot` of record `$obj` (the error for anything else out of line).
            macro_rules! record_slot {
                ($obj:expr, $slot:expr) => {{
                    let (obj, slot): (Value, usize) = ($obj, $slot);
                    match obj.downcast::<Record>().and_then(|r| r.get(slot)) {
                        Some(v) => v,
                        None => slow!(self.record_slot(obj, slot)),
                    }
                }};
            }
            // `obj[index]`: lists by an int inline, the rest in `get_index`.
            macro_rules! get_index {
                ($obj:expr, $index:expr) => {{
                    let (obj, index): (Value, Value) = ($obj, $index);
                    let fast = match obj.downcast::<List>() {
                        Some(l) if index.is_small_int() => {
                            let i = index.as_small_int_unchecked();
                            let i = if i < 0 { i + l.len() as i64 } else { i };
                            if i >= 0 {
                                l.get(i as usize)
                            } else {
                                None
                            }
                        }
                        _ => None,
                    };
                    match fast {
                        Some(v) => v,
                        None => slow!(self.get_index(obj, index)),
                    }
                }};
            }
            // `obj[index] = v`: lists by an int inline (with the barrier), the rest in
            // `set_index`.
            macro_rules! set_index {
                ($obj:expr, $index:expr, $v:expr) => {{
                    let (obj, index, v): (Value, Value, Value) = ($obj, $index, $v);
                    let stored = match obj.downcast::<List>() {
                        Some(l) if index.is_small_int() => {
                            let i = index.as_small_int_unchecked();
                            let i = if i < 0 { i + l.len() as i64 } else { i };
                            i >= 0 && {
                                if let Some(h) = v.as_header() {
                                    self.heap.write_barrier(l.header_ptr(), h);
                                }
                                l.set(i as usize, v)
                            }
                        }
                        _ => false,
                    };
                    if !stored {
                        slow!(self.set_index(obj, index, v));
                    }
                }};
            }
            // `a < b` (or `<=`) and a jump by `off` when it is false: ints and floats inline.
            // The longer form compares with `$strict` or, when `$or_eq`, `$loose` (`>`/`>=`).
            // The compare-and-jump instructions: two popped operands (`pop`, the jump
            // offset first) or two locals (`locals`, the offset last).
            macro_rules! operands_compare_jump {
                (pop, $or_eq:expr) => {{
                    let off = jump_!();
                    let b = pop!();
                    let a = pop!();
                    compare_jump!(a, b, $or_eq, off);
                }};
                (pop, $or_eq:expr, greater) => {{
                    let off = jump_!();
                    let b = pop!();
                    let a = pop!();
                    compare_jump!(a, b, $or_eq, off, >, >=, Op::Gt, Op::Ge);
                }};
                (locals, $or_eq:expr) => {{
                    let a = local!();
                    let b = local!();
                    let off = jump_!();
                    compare_jump!(a, b, $or_eq, off);
                }};
            }
            macro_rules! compare_jump {
                ($a:expr, $b:expr, $less_eq:expr, $off:expr) => {
                    compare_jump!($a, $b, $less_eq, $off, <, <=, Op::Lt, Op::Le)
                };
                ($a:expr, $b:expr, $or_eq:expr, $off:expr, $strict:tt, $loose:tt, $strict_op:expr, $loose_op:expr) => {{
                    let (a, b, or_eq) = ($a, $b, $or_eq);
                    let r = if Value::both_small_ints(a, b) {
                        let (x, y) = (a.as_small_int_unchecked(), b.as_small_int_unchecked());
                        if or_eq {
                            x $loose y
                        } else {
                            x $strict y
                        }
                    } else if a.is_float() & b.is_float() {
                        let (x, y) = (a.as_float_unchecked(), b.as_float_unchecked());
                        if or_eq {
                            x $loose y
                        } else {
                            x $strict y
                        }
                    } else {
                        slow!(self.compare_slow(a, b, if or_eq { $loose_op } else { $strict_op }))
                    };
                    if !r {
                        branch_by!($off);
                    }
                }};
            }
            // Compare-with-immediate and jump when false (`if n < 2`).
            macro_rules! imm_jump {
                ($a:expr, $cmp:tt, $generic:expr) => {{
                    let a = $a;
                    let k = i16_!();
                    let off = jump_!();
                    let r = if a.is_small_int() {
                        a.as_small_int_unchecked() $cmp k
                    } else {
                        slow!(self.compare_slow(a, Value::small_int(k), $generic))
                    };
                    if !r {
                        branch_by!(off);
                    }
                }};
            }
            macro_rules! int_typed {
                ($small:ident, $method:ident, $name:literal) => {{
                    let b = pop!();
                    let a = top!();
                    // Fast path: two inline ints whose result stays inline.
                    let fast = if Value::both_small_ints(a, b) { Value::$small(a, b) } else { None };
                    if let Some(r) = fast {
                        put!(sp - 1, r);
                    } else {
                        let (Some(x), Some(y)) = (as_int(a), as_int(b)) else {
                            throw!(Exception::type_error(concat!("typed int ", $name, " on a non-int")))
                        };
                        let r = match x.$method(y) {
                            Some(r) => self.int(r),
                            None => {
                                throw!(Exception::new(ErrorKind::OverflowError, concat!("integer overflow in ", $name)))
                            }
                        };
                        put!(sp - 1, r);
                    }
                }};
            }
            macro_rules! float_typed {
                ($op:tt) => {{
                    let b = pop!();
                    let a = top!();
                    put!(sp - 1, Value::float(a.as_float().unwrap_or(f64::NAN) $op b.as_float().unwrap_or(f64::NAN)));
                }};
            }
            macro_rules! float_compare {
                ($op:tt) => {{
                    let b = pop!();
                    let a = top!();
                    put!(sp - 1, Value::bool(a.as_float().unwrap_or(f64::NAN) $op b.as_float().unwrap_or(f64::NAN)));
                }};
            }

            // `a + p.x` / `a - p.x` (`LOCAL_GET_PROP_ADD/SUB`, `$add` says which).
            // `$then` runs last, before a collection's reload (`LOCAL_PROP_ADD_TO_LOCAL`
            // stores the result there).
            macro_rules! local_get_prop_arith {
                ($add:expr) => {
                    local_get_prop_arith!($add, {})
                };
                ($add:expr, $then:block) => {{
                    let slot = u16_!();
                    let k = u16_!();
                    let ic = u16_!();
                    let obj = at!(base + slot);
                    // The property: an inline-cache hit on an instance's inline field is
                    // read here; anything else (another entry, a getter, a map, an
                    // error) by the slow path, which may run a getter to completion
                    // and so collect: the stack is re-read, the frame state reloaded
                    // once the operation is done.
                    let hit = match obj.downcast::<Instance>() {
                        // SAFETY: as in `instance_get!`, an unflagged hit is an inline slot.
                        Some(inst) => ic_inline!(ic, inst.shape(), u32::MAX)
                            .map(|e| unsafe { inst.inline_slot_unchecked(e.target.bits() as usize) }),
                        None => None,
                    };
                    let epoch = self.heap.epoch();
                    let b = match hit {
                        Some(v) => v,
                        None => {
                            sync!();
                            let r = self.property_reentrant(obj, konst!(k), &proto.ics, ic);
                            resync!();
                            tri!(r)
                        }
                    };
                    if $add {
                        binary_fast!(b, small_checked_add, +, add_slow, |a, b| add_reentrant!(a, b));
                    } else {
                        binary_fast!(b, small_checked_sub, -, sub_slow);
                    }
                    $then;
                    reload_if_collected!(epoch);
                }};
            }
            // `a == b` / `a != b` (`$eq` says which).
            macro_rules! equality {
                ($eq:expr) => {{
                    let b = pop!();
                    let a = top!();
                    let same = match quick_equals(a, b) {
                        Some(same) => same,
                        None => tri!(equals(a, b)),
                    };
                    put!(sp - 1, Value::bool(same == $eq));
                }};
            }
            // `if x == k` / `if x != k` with an immediate (`x` a local or popped): jumps when the
            // test fails.
            macro_rules! eq_imm_jump {
                ($a:expr, $eq:expr) => {{
                    let a = $a;
                    let k = Value::small_int(i16_!() as i64);
                    let off = jump_!();
                    let same = if a.is_small_int() { a == k } else { tri!(equals(a, k)) };
                    if same != $eq {
                        branch_by!(off);
                    }
                }};
            }

            loop {
                if CHECKED {
                    if self.fuel == 0 {
                        throw!(Exception::new(
                            ErrorKind::FuelExhausted,
                            format!("the fuel budget of {} instructions ran out", self.policy.fuel.unwrap_or(0))
                        ));
                    }
                    if self.policy.fuel.is_some() {
                        self.fuel -= 1;
                    }
                    self.stats.instructions += 1;
                    if self.trace {
                        self.sp = idx!(sp);
                        self.trace_instruction(proto, pc!(), idx!(base));
                    }
                }
                let byte = byte_at!();
                advance!(1);
                // SAFETY: code bytes at instruction starts are opcodes (the compiler emits
                // only `Op` values; loaded code is verified), and `Op` is `repr(u8)` with
                // consecutive discriminants, checked by a test in `bytecode::ops`.
                let op: Op = unsafe { std::mem::transmute::<u8, Op>(byte) };
                match op {
                    Op::Nop => {}
                    Op::Nil => push!(Value::NIL),
                    Op::True => push!(Value::TRUE),
                    Op::False => push!(Value::FALSE),
                    Op::Int => {
                        let v = i16_!();
                        push!(Value::small_int(v));
                    }
                    Op::Const => {
                        let k = u16_!();
                        push!(konst!(k));
                    }
                    Op::Pop => sp -= 1,
                    Op::PopN => {
                        let n = u16_!();
                        sp -= n;
                    }
                    Op::Dup => {
                        let v = top!();
                        push!(v);
                    }
                    Op::PopUnder => {
                        let n = u16_!();
                        let v = top!();
                        sp -= n;
                        put!(sp - 1, v);
                    }
                    Op::GetLocal => {
                        let slot = u16_!();
                        push!(at!(base + slot));
                    }
                    Op::SetLocal => {
                        let slot = u16_!();
                        let v = pop!();
                        put!(base + slot, v);
                    }
                    Op::GetUpval => {
                        let i = u16_!();
                        let u = current_closure!().upvalues[i];
                        let v = match u.open_slot() {
                            Some(s) => at!(bottom + s),
                            None => u.closed_value(),
                        };
                        push!(v);
                    }
                    Op::SetUpval => {
                        let i = u16_!();
                        let v = pop!();
                        let u = current_closure!().upvalues[i];
                        match u.open_slot() {
                            Some(s) => put!(bottom + s, v),
                            None => {
                                if let Some(h) = v.as_header() {
                                    self.heap.write_barrier(u.header_ptr(), h);
                                }
                                u.set_closed(v);
                            }
                        }
                    }
                    Op::CloseUpvals => {
                        let slot = u16_!();
                        if !self.open_upvalues.is_empty() {
                            self.close_upvalues(idx!(base) + slot);
                        }
                    }
                    Op::GetModVar => {
                        let i = u16_!();
                        let v = proto.module.get(i).unwrap_or(Value::UNDEFINED);
                        if v.is_undefined() {
                            throw!(self.undefined_modvar(proto, i));
                        }
                        push!(v);
                    }
                    Op::SetModVar => {
                        let i = u16_!();
                        let v = pop!();
                        if let Some(h) = v.as_header() {
                            self.heap.write_barrier(proto.module.header_ptr(), h);
                        }
                        proto.module.set(i, v);
                    }
                    Op::GetBuiltin => {
                        let i = u16_!();
                        push!(self.builtin(i));
                    }
                    // The slow path may call a `toString` method (DevObj), so it syncs the frame.
                    Op::Add => binary_fast!(pop!(), small_checked_add, +, add_slow, |a, b| add_reentrant!(a, b)),
                    Op::Sub => binary_fast!(pop!(), small_checked_sub, -, sub_slow),
                    Op::Mul => binary_fast!(pop!(), small_checked_mul, *, mul_slow),
                    Op::AddLocal => binary_fast!(local!(), small_checked_add, +, add_slow, |a, b| add_reentrant!(a, b)),
                    Op::SubLocal => binary_fast!(local!(), small_checked_sub, -, sub_slow),
                    Op::MulLocal => binary_fast!(local!(), small_checked_mul, *, mul_slow),
                    Op::DivLocal => divide!(local!()),
                    Op::Div => {
                        divide!(pop!());
                    }
                    Op::FloorDiv => {
                        let b = pop!();
                        let a = top!();
                        let r = slow!(self.floor_div(a, b));
                        put!(sp - 1, r);
                    }
                    Op::Mod => {
                        let b = pop!();
                        let a = top!();
                        let r = if Value::both_small_ints(a, b) && b.as_small_int_unchecked() > 0 {
                            Value::small_int(a.as_small_int_unchecked().rem_euclid(b.as_small_int_unchecked()))
                        } else {
                            slow!(self.modulo(a, b))
                        };
                        put!(sp - 1, r);
                    }
                    Op::Pow => {
                        let b = pop!();
                        let a = top!();
                        let r = slow!(self.pow(a, b));
                        put!(sp - 1, r);
                    }
                    Op::Neg => {
                        let a = top!();
                        let r = if a.is_float() { Value::float(-a.as_float_unchecked()) } else { slow!(self.neg(a)) };
                        put!(sp - 1, r);
                    }
                    Op::Not => {
                        let a = top!();
                        put!(sp - 1, Value::bool(!a.is_truthy()));
                    }
                    Op::BitNot => {
                        let a = top!();
                        let r = slow!(self.bit_not(a));
                        put!(sp - 1, r);
                    }
                    Op::BitAnd | Op::BitOr | Op::BitXor | Op::Shl | Op::Shr => {
                        let b = pop!();
                        let a = top!();
                        // `&`, `|`, `^` of two inline ints stay inline (DevFun's `land`);
                        // DevObj's operators work on 32-bit ints, in the slow path.
                        let inline = Value::both_small_ints(a, b) && proto.code.dialect != Dialect::Lox;
                        let r = match op {
                            Op::BitAnd if inline => {
                                Value::small_int(a.as_small_int_unchecked() & b.as_small_int_unchecked())
                            }
                            Op::BitOr if inline => {
                                Value::small_int(a.as_small_int_unchecked() | b.as_small_int_unchecked())
                            }
                            Op::BitXor if inline => {
                                Value::small_int(a.as_small_int_unchecked() ^ b.as_small_int_unchecked())
                            }
                            _ => slow!(self.bitwise(op, a, b)),
                        };
                        put!(sp - 1, r);
                    }
                    // `op` is not tested after a call in any arm (here and below, arms that
                    // would are split by a constant): then the opcode need not survive calls,
                    // which spares the loop a call-surviving register.
                    Op::Eq => equality!(true),
                    Op::Ne => equality!(false),
                    Op::Lt => compare_fast!(Op::Lt, <),
                    Op::Le => compare_fast!(Op::Le, <=),
                    Op::Gt => compare_fast!(Op::Gt, >),
                    Op::Ge => compare_fast!(Op::Ge, >=),
                    Op::AddInt => add_imm!(pop!(), small_checked_add, add_slow),
                    Op::SubInt => add_imm!(pop!(), small_checked_sub, sub_slow),
                    Op::LocalAddInt => add_imm!(local!(), small_checked_add, add_slow),
                    Op::LocalSubInt => add_imm!(local!(), small_checked_sub, sub_slow),
                    Op::IncLocal => step_local!(small_checked_add, add_slow),
                    Op::DecLocal => step_local!(small_checked_sub, sub_slow),
                    Op::AddToLocal => {
                        let slot = u16_!();
                        let a = at!(base + slot);
                        let b = pop!();
                        let r = if Value::both_small_ints(a, b) {
                            match Value::small_checked_add(a, b) {
                                Some(r) => r,
                                None => slow!(self.add_slow(a, b)),
                            }
                        } else if a.is_float() & b.is_float() {
                            Value::float(a.as_float_unchecked() + b.as_float_unchecked())
                        } else {
                            add_reentrant!(a, b)
                        };
                        put!(base + slot, r);
                    }
                    // One arm per opcode (each with its `or_eq` constant): an arm shared by
                    // two opcodes would test the opcode again after the compare.
                    Op::LtJump => operands_compare_jump!(pop, false),
                    Op::LeJump => operands_compare_jump!(pop, true),
                    Op::GtJump => operands_compare_jump!(pop, false, greater),
                    Op::GeJump => operands_compare_jump!(pop, true, greater),
                    Op::LocalsLtJump => operands_compare_jump!(locals, false),
                    Op::LocalsLeJump => operands_compare_jump!(locals, true),
                    Op::LocalEqImmJump => eq_imm_jump!(local!(), true),
                    Op::LocalNeImmJump => eq_imm_jump!(local!(), false),
                    Op::EqImmJump => eq_imm_jump!(pop!(), true),
                    Op::NeImmJump => eq_imm_jump!(pop!(), false),
                    Op::LtImmJump => imm_jump!(pop!(), <, Op::Lt),
                    Op::LeImmJump => imm_jump!(pop!(), <=, Op::Le),
                    Op::LocalLtImmJump => imm_jump!(local!(), <, Op::Lt),
                    Op::LocalLeImmJump => imm_jump!(local!(), <=, Op::Le),
                    Op::IAdd => int_typed!(small_checked_add, checked_add, "+"),
                    Op::ISub => int_typed!(small_checked_sub, checked_sub, "-"),
                    Op::IMul => int_typed!(small_checked_mul, checked_mul, "*"),
                    Op::IDiv | Op::IRem => {
                        let b = pop!();
                        let a = top!();
                        let (Some(x), Some(y)) = (as_int(a), as_int(b)) else {
                            throw!(Exception::type_error("typed int division on a non-int"))
                        };
                        if y == 0 {
                            throw!(Exception::new(ErrorKind::ZeroDivisionError, "division by zero"));
                        }
                        let r = if op == Op::IDiv { x.checked_div(y) } else { Some(x.wrapping_rem(y)) };
                        let Some(r) = r else {
                            throw!(Exception::new(ErrorKind::OverflowError, "integer overflow in division"))
                        };
                        let v = self.int(r);
                        put!(sp - 1, v);
                    }
                    Op::INeg => {
                        let a = top!();
                        let Some(r) = as_int(a).and_then(i64::checked_neg) else {
                            throw!(Exception::new(ErrorKind::OverflowError, "integer overflow in negation"))
                        };
                        let v = self.int(r);
                        put!(sp - 1, v);
                    }
                    Op::ILt | Op::ILe | Op::IEq => {
                        let b = pop!();
                        let a = top!();
                        let (x, y) = (as_int(a).unwrap_or(0), as_int(b).unwrap_or(0));
                        let r = match op {
                            Op::ILt => x < y,
                            Op::ILe => x <= y,
                            _ => x == y,
                        };
                        put!(sp - 1, Value::bool(r));
                    }
                    Op::FAdd => float_typed!(+),
                    Op::FSub => float_typed!(-),
                    Op::FMul => float_typed!(*),
                    Op::FDiv => float_typed!(/),
                    Op::FNeg => {
                        let a = top!();
                        put!(sp - 1, Value::float(-a.as_float().unwrap_or(f64::NAN)));
                    }
                    Op::FLt => float_compare!(<),
                    Op::FLe => float_compare!(<=),
                    Op::FEq => float_compare!(==),
                    Op::Jump => {
                        let off = jump_!();
                        jump_by!(off);
                    }
                    Op::JumpIfFalse => {
                        let off = jump_!();
                        if !pop!().is_truthy() {
                            branch_by!(off);
                        }
                    }
                    Op::JumpIfTrue => {
                        let off = jump_!();
                        if pop!().is_truthy() {
                            branch_by!(off);
                        }
                    }
                    Op::JumpIfFalseKeep => {
                        let off = jump_!();
                        if !top!().is_truthy() {
                            branch_by!(off);
                        } else {
                            sp -= 1;
                        }
                    }
                    Op::JumpIfTrueKeep => {
                        let off = jump_!();
                        if top!().is_truthy() {
                            branch_by!(off);
                        } else {
                            sp -= 1;
                        }
                    }
                    Op::IncLocalLoop => {
                        step_local!(small_checked_add, add_slow);
                        let off = jump_!();
                        proto.backedges.set(proto.backedges.get().wrapping_add(1));
                        backedge_safepoint!(off);
                        jump_by!(off);
                    }
                    Op::Loop => {
                        let off = jump_!();
                        proto.backedges.set(proto.backedges.get().wrapping_add(1));
                        backedge_safepoint!(off);
                        jump_by!(off);
                    }
                    Op::ForLoop
                        if {
                            // The common case, decided without touching `pc`: both the counter
                            // and the limit are inline ints.
                            let slot = read_at!(u16, ip) as usize;
                            Value::both_small_ints(at!(base + slot), at!(base + slot + 1))
                        } =>
                    {
                        let slot = u16_!();
                        let step = i16_!();
                        let inclusive = u8_!() & 1 == 1;
                        let off = jump_!();
                        // Both fit in 48 bits and |step| < 2^15, so this cannot overflow.
                        let n = at!(base + slot).as_small_int_unchecked() + step;
                        let limit = at!(base + slot + 1).as_small_int_unchecked();
                        let runs = match (step > 0, inclusive) {
                            (true, true) => n <= limit,
                            (true, false) => n < limit,
                            (false, true) => n >= limit,
                            (false, false) => n > limit,
                        };
                        if runs {
                            let v = Value::small_int(n);
                            put!(base + slot, v);
                            put!(base + slot + 2, v);
                            proto.backedges.set(proto.backedges.get().wrapping_add(1));
                            backedge_safepoint!(off);
                            jump_by!(off);
                        }
                    }
                    Op::ForPrep | Op::ForLoop => {
                        let slot = u16_!();
                        let step = i16_!();
                        let inclusive = u8_!() & 1 == 1;
                        let off = jump_!();
                        let (c, l) = (at!(base + slot), at!(base + slot + 1));
                        let (counter, limit) = if Value::both_small_ints(c, l) {
                            (c.as_small_int_unchecked(), l.as_small_int_unchecked())
                        } else {
                            match (as_int(c), as_int(l)) {
                                (Some(x), Some(y)) => (x, y),
                                _ => throw!(Exception::type_error(format!(
                                    "a counting loop needs ints, not '{}' and '{}'",
                                    type_name(c),
                                    type_name(l)
                                ))),
                            }
                        };
                        let next = if op == Op::ForPrep { Some(counter) } else { counter.checked_add(step) };
                        let runs = match next {
                            None => false,
                            Some(n) if step > 0 => {
                                if inclusive {
                                    n <= limit
                                } else {
                                    n < limit
                                }
                            }
                            Some(n) => {
                                if inclusive {
                                    n >= limit
                                } else {
                                    n > limit
                                }
                            }
                        };
                        if op == Op::ForPrep {
                            if runs {
                                let v = self.int(counter);
                                put!(base + slot + 2, v);
                            } else {
                                jump_by!(off);
                            }
                        } else if let (true, Some(n)) = (runs, next) {
                            let v = self.int(n);
                            put!(base + slot, v);
                            put!(base + slot + 2, v);
                            proto.backedges.set(proto.backedges.get().wrapping_add(1));
                            backedge_safepoint!(off);
                            jump_by!(off);
                        }
                    }
                    Op::IterPrep => {
                        let v = top!();
                        let tag = TypeTag::of(v);
                        if !matches!(tag, TypeTag::List | TypeTag::String | TypeTag::Map | TypeTag::Range) {
                            throw!(Exception::type_error(format!(
                                "{} is not iterable",
                                crate::ops_slow::a_type(tag.name())
                            )));
                        }
                        push!(Value::small_int(0));
                    }
                    Op::IterNext => {
                        let slot = u16_!();
                        let off = jump_!();
                        let it = at!(base + slot);
                        let cursor = at!(base + slot + 1).as_small_int_unchecked() as usize;
                        let next: Option<(Value, usize)> = if let Some(l) = it.downcast::<List>() {
                            l.get(cursor).map(|v| (v, cursor + 1))
                        } else if let Some(r) = it.downcast::<Range>() {
                            if cursor < r.len() {
                                Some((self.int(r.start + cursor as i64), cursor + 1))
                            } else {
                                None
                            }
                        } else if let Some(s) = it.downcast::<Str>() {
                            match s.as_str().get(cursor..).and_then(|rest| rest.chars().next()) {
                                Some(c) => {
                                    let mut buf = [0u8; 4];
                                    let text: &str = c.encode_utf8(&mut buf);
                                    Some((self.str_value(text), cursor + c.len_utf8()))
                                }
                                None => None,
                            }
                        } else if let Some(m) = it.downcast::<Map>() {
                            m.entry_from(cursor).map(|(k, _, nextpos)| (k, nextpos))
                        } else {
                            None
                        };
                        match next {
                            Some((v, c)) => {
                                put!(base + slot + 1, Value::small_int(c as i64));
                                push!(v);
                            }
                            None => jump_by!(off),
                        }
                    }
                    Op::Call => {
                        let argc = u8_!();
                        call_value!(sp - 1 - argc, argc);
                    }
                    Op::CallModVar => {
                        let i = u16_!();
                        let argc = u8_!();
                        let f = proto.module.get(i).unwrap_or(Value::UNDEFINED);
                        let first = sp - argc;
                        insert_callee!(first, argc, f);
                        if let Some(c) = f.downcast::<Closure>() {
                            enter_closure!(c, first, argc);
                        } else {
                            if f.is_undefined() {
                                throw!(Exception::new(
                                    ErrorKind::NameError,
                                    format!("'{}' is used before its definition ran", proto.module.name_of(i))
                                ));
                            }
                            call_value!(first, argc);
                        }
                    }
                    Op::CallSelf => {
                        let argc = u8_!();
                        let first = sp - argc;
                        let (depth, frames, c) = running_frame!();
                        insert_callee!(first, argc, Value::object(c));
                        // The compiler emits CALL_SELF only with the function's own arity.
                        enter_proto!(c, proto, first, argc, true, depth, frames);
                    }
                    Op::CallSelfLocalAdd => call_self_local!(small_checked_add, add_slow),
                    Op::CallSelfLocalSub => call_self_local!(small_checked_sub, sub_slow),
                    Op::Apply => {
                        let argc = u8_!();
                        let callee_at = sp - 1 - argc;
                        match at!(callee_at).downcast::<Closure>() {
                            Some(c) if c.proto.code.arity as usize == argc => enter_closure!(c, callee_at, argc),
                            _ => {
                                sync!();
                                finish_call!(self.apply_slow(idx!(callee_at), argc, false), callee_at);
                            }
                        }
                    }
                    Op::TailCall | Op::TailApply => {
                        let argc = u8_!();
                        let callee_at = sp - 1 - argc;
                        let f = at!(callee_at);
                        match f.downcast::<Closure>() {
                            Some(c) if c.proto.code.arity as usize == argc => {
                                // Reuse this frame: close its captured variables, slide the
                                // callee and arguments down to the base, and restart.
                                if !self.open_upvalues.is_empty() {
                                    self.close_upvalues(idx!(base));
                                }
                                for i in 0..=argc {
                                    put!(base + i, at!(callee_at + i));
                                }
                                sp = base + 1 + argc;
                                self.sp = idx!(sp);
                                tri!(self.ensure_stack(idx!(base) + c.proto.code.max_stack as usize + 2));
                                c.proto.calls.set(c.proto.calls.get().wrapping_add(1));
                                proto = proto_of(c);
                                ip = proto.code.code.as_ptr();
                                let f = self.frames.last_mut().expect("a tail call runs in a frame");
                                f.closure = c;
                                f.ip = ip;
                                if self.heap.should_collect() {
                                    tri!(self.safepoint_collect());
                                    continue 'reload;
                                }
                            }
                            _ if op == Op::TailApply => {
                                sync!();
                                finish_call!(self.apply_slow(idx!(callee_at), argc, true), callee_at);
                            }
                            _ => call_value!(callee_at, argc),
                        }
                    }
                    Op::Invoke => {
                        let name_k = u16_!();
                        let argc = u8_!();
                        let ic = u16_!();
                        let recv_at = sp - 1 - argc;
                        let recv = at!(recv_at);
                        let tag = TypeTag::of(recv);
                        let cache: &Cell<InlineCache> = &proto.ics[ic];
                        let cached = cache.get();
                        let method = if cached.key == tag as u8 + 1 {
                            if CHECKED {
                                self.stats.ic_hits += 1;
                            }
                            Some(cached.target)
                        } else {
                            let name_str = konst!(name_k).downcast::<Str>();
                            let name = name_str.as_ref().map(|s| s.as_str()).unwrap_or("");
                            let m = self.method(tag, name);
                            if let Some(target) = m {
                                self.stats.ic_misses += 1;
                                // The running proto owns the cache (and is old).
                                if let Some(h) = target.as_header() {
                                    self.heap.write_barrier(current_closure!().proto.header_ptr(), h);
                                }
                                cache.set(InlineCache { key: tag as u8 + 1, aux: 0, target });
                            }
                            m
                        };
                        match method.and_then(|m| m.downcast::<Native>()) {
                            Some(n) => {
                                sync!();
                                let epoch = self.heap.epoch();
                                let r = self.call_native(n, NativeArgs { base: idx!(recv_at), len: argc + 1 });
                                let v = tri!(r);
                                sp = recv_at;
                                push!(v);
                                reload_if_collected!(epoch);
                            }
                            None => {
                                // Maps call a function stored under the key; modules call an
                                // export. Either replaces the receiver with the function.
                                let name = konst!(name_k);
                                let f = match tag {
                                    TypeTag::Map | TypeTag::Module => {
                                        slow!(self.get_field(recv, name))
                                    }
                                    // Objects of the object model (DevObj's, reached from other
                                    // languages; DevObj itself emits INVOKE_METHOD).
                                    TypeTag::Instance | TypeTag::Class => {
                                        sync!();
                                        finish_call!(
                                            self.invoke_slow(idx!(recv_at), argc, name, &proto.ics, ic),
                                            recv_at
                                        )
                                    }
                                    _ => {
                                        let n =
                                            name.downcast::<Str>().map(|s| s.as_str().to_string()).unwrap_or_default();
                                        throw!(Exception::type_error(format!(
                                            "{} has no method '{n}'",
                                            crate::ops_slow::a_type(tag.name())
                                        )))
                                    }
                                };
                                put!(recv_at, f);
                                call_value!(recv_at, argc);
                            }
                        }
                    }
                    Op::Return => {
                        let result = pop!();
                        return_value!(result);
                    }
                    Op::ReturnLocal => {
                        // The frame ends here, so the operand is read without advancing.
                        let slot = read_at!(u16, ip) as usize;
                        return_value!(at!(base + slot));
                    }
                    Op::Closure => {
                        let k = u16_!();
                        let n = u8_!();
                        // SAFETY: the compiler emits the `3 * n` capture bytes after the operands.
                        let captures = unsafe { std::slice::from_raw_parts(ip, 3 * n) };
                        advance!(3 * n);
                        let Some(p) = konst!(k).downcast::<Proto>() else {
                            throw!(Exception::new(ErrorKind::VerifyError, "CLOSURE of a non-function constant"))
                        };
                        let c = self.make_closure(p, captures, current_closure!(), idx!(base));
                        push!(Value::object(c));
                    }
                    Op::List => {
                        let n = u16_!();
                        let items: Vec<Value> = (0..n).map(|i| at!(sp - n + i)).collect();
                        sp -= n;
                        let v = self.list_value(items);
                        push!(v);
                    }
                    Op::Map => {
                        let n = u16_!();
                        let m = self.alloc(Map::new());
                        let start = sp - 2 * n;
                        for i in 0..n {
                            let (k, v) = (at!(start + 2 * i), at!(start + 2 * i + 1));
                            slow!(self.map_insert(m, k, v));
                        }
                        sp = start;
                        push!(Value::object(m));
                    }
                    Op::Range => {
                        let inclusive = u8_!() == 1;
                        let end = pop!();
                        let start = top!();
                        let r = slow!(self.make_range(start, end, inclusive));
                        put!(sp - 1, r);
                    }
                    Op::Interp => {
                        let n = u16_!();
                        let mut s = String::new();
                        for i in 0..n {
                            crate::format::write_str(&mut s, at!(sp - n + i));
                        }
                        sp -= n;
                        let v = self.string_value(s);
                        push!(v);
                    }
                    Op::GetIndex => {
                        let index = pop!();
                        let obj = top!();
                        put!(sp - 1, get_index!(obj, index));
                    }
                    Op::LocalsGetIndex => {
                        let obj = local!();
                        let index = local!();
                        push!(get_index!(obj, index));
                    }
                    Op::SetIndex => {
                        let v = pop!();
                        let index = pop!();
                        let obj = pop!();
                        set_index!(obj, index, v);
                    }
                    Op::LocalsSetIndex => {
                        let obj = local!();
                        let index = local!();
                        let v = pop!();
                        set_index!(obj, index, v);
                    }
                    Op::GetField => {
                        let obj = top!();
                        get_field_into_top!(obj);
                    }
                    Op::LocalGetField => {
                        let obj = local!();
                        // The receiver goes in the result's slot, so it stays rooted if
                        // the slow path runs a getter.
                        push!(obj);
                        get_field_into_top!(obj);
                    }
                    Op::SetField => {
                        let k = u16_!();
                        let ic = u16_!();
                        let v = pop!();
                        let obj = pop!();
                        let name = konst!(k);
                        let cache: &Cell<InlineCache> = &proto.ics[ic];
                        let stored = match obj.downcast::<Map>() {
                            Some(m) => {
                                let c = cache.get();
                                let hit = c.key == MAP_POSITION && {
                                    if let Some(h) = v.as_header() {
                                        self.heap.write_barrier(m.header_ptr(), h);
                                    }
                                    m.set_at_if(c.aux as usize, name, v)
                                };
                                if !hit {
                                    slow!(self.set_field(obj, name, v));
                                    if let Some(pos) = m.position(name) {
                                        cache.set(InlineCache {
                                            key: MAP_POSITION,
                                            aux: pos as u32,
                                            target: Value::NIL,
                                        });
                                    }
                                }
                                true
                            }
                            None => false,
                        };
                        if !stored {
                            slow!(self.set_field(obj, name, v));
                        }
                    }
                    Op::Record => {
                        let tag = u32_!();
                        let n = u16_!();
                        sp -= n;
                        let r = self.new_record_from(tag, n, |i| at!(sp + i));
                        push!(Value::object(r));
                    }
                    Op::GetSlot => {
                        let slot = u16_!();
                        let v = record_slot!(top!(), slot);
                        put!(sp - 1, v);
                    }
                    Op::SetSlot => {
                        let slot = u16_!();
                        let v = pop!();
                        let obj = pop!();
                        match obj.downcast::<Record>() {
                            Some(r) if slot < r.len() => {
                                if let Some(h) = v.as_header() {
                                    let owner = r.overflow_owner().map_or(r.header_ptr(), |l| l.header_ptr());
                                    self.heap.write_barrier(owner, h);
                                }
                                r.set(slot, v);
                            }
                            _ => {
                                throw!(Exception::type_error(format!("cannot set slot {slot} of a {}", type_name(obj))))
                            }
                        }
                    }
                    Op::LocalTagJump => {
                        let v = local!();
                        let tag = u32_!();
                        let off = jump_!();
                        if v.downcast::<Record>().is_none_or(|r| r.tag() != tag) {
                            branch_by!(off);
                        }
                    }
                    Op::LocalGetSlot => {
                        let obj = local!();
                        let slot = u16_!();
                        push!(record_slot!(obj, slot));
                    }
                    Op::LocalGetSlots => {
                        let obj = local!();
                        let a = u16_!();
                        let b = u16_!();
                        let fast = obj.downcast::<Record>().and_then(|r| Some((r.get(a)?, r.get(b)?)));
                        let (x, y) = match fast {
                            Some(xy) => xy,
                            // The error of the first slot that is not there.
                            None => slow!(self.record_slot(obj, a).and_then(|x| Ok((x, self.record_slot(obj, b)?)))),
                        };
                        push!(x);
                        push!(y);
                    }
                    Op::MoveLocal => {
                        let v = local!();
                        let dst = u16_!();
                        put!(base + dst, v);
                    }
                    Op::TagTest => {
                        let tag = u32_!();
                        let v = top!();
                        put!(sp - 1, Value::bool(v.downcast::<Record>().is_some_and(|r| r.tag() == tag)));
                    }
                    Op::Throw | Op::Rethrow => {
                        let v = pop!();
                        throw!(Exception::Thrown(v));
                    }
                    Op::Import => {
                        let k = u16_!();
                        let std = u8_!() == 1;
                        let path = konst!(k).downcast::<Str>().map(|s| s.as_str().to_string()).unwrap_or_default();
                        sync!();
                        let r = self.import_reentrant(&path, std);
                        let m = tri!(r);
                        push!(m);
                        // The module's top level ran (and may have collected).
                        sync!();
                        continue 'reload;
                    }
                    Op::Class
                    | Op::Inherit
                    | Op::Method
                    | Op::SuperInvoke
                    | Op::GetSuper
                    | Op::SetModVarDefined
                    | Op::Rem
                    | Op::GetProp
                    | Op::SetProp
                    | Op::InvokeMethod
                    | Op::LocalInvoke
                    | Op::LocalGetProp
                    | Op::LocalGetPropAdd
                    | Op::LocalGetPropSub
                    | Op::LocalPropAddToLocal
                    | Op::LocalSetProp
                    | Op::LocalPropStep
                    | Op::LocalPropNot
                    | Op::LocalPropInvoke
                        if !OO =>
                    {
                        // Re-run this instruction in the loop that has the object model.
                        advance_back!(1);
                        sync!();
                        return Ok(LoopExit::Switch);
                    }
                    Op::Class => {
                        let k = u16_!();
                        let name = konst!(k).downcast::<Str>().map(|s| s.as_str().to_string()).unwrap_or_default();
                        let c = self.make_class(&name);
                        push!(Value::object(c));
                    }
                    Op::Inherit => {
                        let class = pop!();
                        let sup = top!();
                        slow!(self.inherit(sup, class));
                    }
                    Op::Method => {
                        let k = u16_!();
                        let member = crate::object::MethodKind::from_byte(u8_!() as u8);
                        let f = pop!();
                        let class = top!();
                        let (Some(c), Some(member), Some(name)) =
                            (class.downcast::<crate::object::Class>(), member, konst!(k).downcast::<Str>())
                        else {
                            throw!(Exception::new(ErrorKind::VerifyError, "METHOD needs a class, a kind and a name"))
                        };
                        self.define_member(c, name.as_str(), member, f);
                    }
                    Op::SuperInvoke => {
                        let name_k = u16_!();
                        let argc = u8_!();
                        let ic = u16_!();
                        let sup = pop!();
                        let recv_at = sp - 1 - argc;
                        if let Some(k) = sup.downcast::<crate::object::Class>() {
                            // SAFETY: the emitter gives every site `IC_WAYS` entries.
                            let e = unsafe { proto.ics.get_unchecked(ic) }.get();
                            // A `SUPER_INVOKE` site holds only `SUPER_METHOD` entries, and an
                            // unflagged one's target is a closure (see `super_lookup`).
                            if e.aux == k.root_shape {
                                if CHECKED {
                                    self.stats.ic_hits += 1;
                                }
                                // SAFETY: as just said, the target is a closure.
                                let m: devvm_gc::Gc<Closure> =
                                    unsafe { devvm_gc::Gc::from_header(e.target.as_header_unchecked()) };
                                enter_closure!(m, recv_at, argc);
                                continue;
                            }
                        }
                        sync!();
                        finish_call!(
                            self.super_invoke(idx!(recv_at), argc, sup, konst!(name_k), &proto.ics, ic),
                            recv_at
                        );
                    }
                    Op::GetSuper => {
                        let k = u16_!();
                        let sup = pop!();
                        let recv = top!();
                        match slow!(self.get_super(recv, sup, konst!(k))) {
                            Property::Value(v) => put!(sp - 1, v),
                            Property::Getter(g) => {
                                sync!();
                                finish_call!(self.call_method_at(g, idx!(sp - 1), 0), sp - 1);
                            }
                        }
                    }
                    Op::SetModVarDefined => {
                        let i = u16_!();
                        let v = pop!();
                        if proto.module.get(i).is_none_or(|old| old.is_undefined()) {
                            throw!(self.undefined_modvar(proto, i));
                        }
                        if let Some(h) = v.as_header() {
                            self.heap.write_barrier(proto.module.header_ptr(), h);
                        }
                        proto.module.set(i, v);
                    }
                    Op::GetProp => {
                        let k = u16_!();
                        let ic = u16_!();
                        let obj = top!();
                        if let Some(inst) = obj.downcast::<Instance>().filter(|_| OO) {
                            instance_get!(inst, konst!(k), ic, { put!(sp - 1, obj) });
                        } else {
                            let v = get_field_reentrant!(obj, konst!(k));
                            put!(sp - 1, v);
                        }
                    }
                    Op::SetProp => {
                        let k = u16_!();
                        let ic = u16_!();
                        let v = pop!();
                        let obj = pop!();
                        match obj.downcast::<Instance>() {
                            Some(inst) if OO => instance_set!(inst, konst!(k), v, ic),
                            _ => slow!(self.set_field(obj, konst!(k), v)),
                        }
                    }
                    Op::InvokeMethod => {
                        let name_k = u16_!();
                        let argc = u8_!();
                        let ic = u16_!();
                        invoke_method!(name_k, argc, ic);
                    }
                    Op::LocalInvoke => {
                        let slot = u16_!();
                        let name_k = u16_!();
                        let ic = u16_!();
                        let recv = at!(base + slot);
                        push!(recv);
                        invoke_method!(name_k, 0, ic, recv);
                    }
                    Op::LocalGetPropAdd => local_get_prop_arith!(true),
                    Op::LocalPropAddToLocal => {
                        let dst = u16_!();
                        // Read first, and kept on the stack (rooted) while a getter may run.
                        push!(at!(base + dst));
                        local_get_prop_arith!(true, {
                            let r = pop!();
                            put!(base + dst, r);
                        });
                    }
                    Op::LocalGetPropSub => local_get_prop_arith!(false),
                    Op::LocalGetProp => {
                        let slot = u16_!();
                        let k = u16_!();
                        let ic = u16_!();
                        let obj = at!(base + slot);
                        if let Some(inst) = obj.downcast::<Instance>().filter(|_| OO) {
                            sp += 1;
                            instance_get!(inst, konst!(k), ic, { put!(sp - 1, obj) });
                        } else {
                            push!(obj);
                            let v = get_field_reentrant!(obj, konst!(k));
                            put!(sp - 1, v);
                        }
                    }
                    Op::LocalPropStep => {
                        let slot = u16_!();
                        let _name = u16_!();
                        let k = Value::small_int(i16_!());
                        let ic = u16_!();
                        let skip = u8_!();
                        let obj = at!(base + slot);
                        if let Some(inst) = obj.downcast::<Instance>() {
                            if let Some(e) = ic_inline!(ic, inst.shape(), u32::MAX) {
                                let n = e.target.bits() as usize;
                                // SAFETY: as in `instance_get!`: an unflagged entry of this
                                // shape caches an inline slot it has.
                                let v = unsafe { inst.inline_slot_unchecked(n) };
                                let sum = if v.is_small_int() { Value::small_checked_add(v, k) } else { None };
                                if let Some(sum) = sum {
                                    // An int is no reference: the store needs no barrier, and
                                    // an existing field keeps the shape.
                                    unsafe { inst.set_inline_slot_unchecked(n, sum) };
                                    advance!(skip);
                                }
                            }
                        }
                    }
                    Op::LocalPropInvoke => {
                        let slot = u16_!();
                        let _name = u16_!();
                        let ic = u16_!();
                        let method = u16_!();
                        let method_ic = u16_!();
                        let skip = u8_!();
                        if let Some(inst) = at!(base + slot).downcast::<Instance>() {
                            // The field, when the site caches it (inline or overflow slot),
                            // as in `instance_get!`.
                            let field = match ic_inline!(ic, inst.shape(), u32::MAX) {
                                // SAFETY: an unflagged entry of this shape is an inline slot.
                                Some(e) => Some(unsafe { inst.inline_slot_unchecked(e.target.bits() as usize) }),
                                None => ic_inline!(ic, inst.shape() | IC_FLAG, u32::MAX, |e: InlineCache| e.key
                                    == SHAPE_SLOT)
                                // SAFETY: a flagged `SHAPE_SLOT` entry is an overflow slot.
                                .map(|e| unsafe { inst.overflow_slot_unchecked(e.target.bits() as usize) }),
                            };
                            if let Some(recv) = field {
                                // The call returns (and reports its errors) past the
                                // unfused instructions, on their line.
                                advance!(skip);
                                push!(recv);
                                invoke_method!(method, 0, method_ic, recv);
                            }
                        }
                    }
                    Op::LocalPropNot => {
                        let slot = u16_!();
                        let _name = u16_!();
                        let ic = u16_!();
                        let skip = u8_!();
                        if let Some(inst) = at!(base + slot).downcast::<Instance>() {
                            if let Some(e) = ic_inline!(ic, inst.shape(), u32::MAX) {
                                let n = e.target.bits() as usize;
                                // SAFETY: as for `LOCAL_PROP_STEP`. A bool is no reference
                                // (no barrier) and `!` never fails or calls.
                                let v = unsafe { inst.inline_slot_unchecked(n) };
                                unsafe { inst.set_inline_slot_unchecked(n, Value::bool(!v.is_truthy())) };
                                advance!(skip);
                            }
                        }
                    }
                    Op::LocalSetProp => {
                        let slot = u16_!();
                        let k = u16_!();
                        let ic = u16_!();
                        let v = pop!();
                        let obj = at!(base + slot);
                        match obj.downcast::<Instance>() {
                            Some(inst) if OO => instance_set!(inst, konst!(k), v, ic),
                            _ => slow!(self.set_field(obj, konst!(k), v)),
                        }
                    }
                    Op::Rem => {
                        let b = pop!();
                        let a = top!();
                        let r = slow!(self.rem(a, b));
                        put!(sp - 1, r);
                    }
                }
            }
        }
    }

    /// One `--trace` line: the instruction and the operand stack of the frame.
    fn trace_instruction(&self, proto: &Proto, pc: usize, base: usize) {
        let text = match crate::bytecode::code::decode(&proto.code.code, pc) {
            Some((op, operands, _)) => {
                let ops: Vec<String> = operands.iter().map(|o| o.to_string()).collect();
                format!("{} {}", op.mnemonic(), ops.join(" "))
            }
            None => "<bad>".to_string(),
        };
        let stack: Vec<String> = self.stack[base..self.sp].iter().map(|v| crate::format::repr(*v)).collect();
        eprintln!("[trace] {:>16}:{:04} {:<28} [{}]", proto.code.name, pc, text, stack.join(", "));
    }
}
