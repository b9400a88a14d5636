//! The object model's operations: making classes, reading and writing properties of
//! instances, invoking methods, calling classes and bound methods — the slow paths
//! behind the interpreter's inline-cache fast paths (which live in `interp.rs`).
//!
//! Inline caches. Each `GET_FIELD`, `SET_FIELD`, `INVOKE` and `SUPER_INVOKE` site owns
//! [`IC_WAYS`] consecutive cache entries. Entries 0 and 1 are checked inline by the
//! interpreter (one compare each, see below); on a miss the slow path probes all entries
//! (a polymorphic hit), and on a full miss resolves the name and fills the first free
//! entry, or replaces one round-robin when the site is megamorphic. Keys (the entry's
//! `key` byte) say what the entry caches:
//!
//! | key | aux | target |
//! |---|---|---|
//! | `SHAPE_SLOT` | shape id, with [`IC_FLAG`] for an overflow slot | the field's slot, as the raw bits of the value |
//! | `SHAPE_ADD` | shape id before, with [`IC_FLAG`] | the shape after adding the field, as raw bits |
//! | `SHAPE_METHOD` | shape id (closure), with [`IC_FLAG`] (native) | the method |
//! | `SHAPE_GETTER` | shape id, with [`IC_FLAG`] | the getter |
//! | `SUPER_METHOD` | the superclass's id (its root shape; flagged for a native) | the method |
//!
//! The inline check is `aux == instance.shape()` alone, without the key: a property site
//! only ever holds `SHAPE_SLOT`/`SHAPE_GETTER` entries, a store site `SHAPE_SLOT`/
//! `SHAPE_ADD`, an invoke site `SHAPE_METHOD` or type-tag entries (aux 0), and shape 0 is
//! never an instance's ([`crate::object::shape::NO_SHAPE`]), so an unflagged aux equal to the shape is exactly
//! the common case: a read or store of an inline field, a closure method. `aux & !IC_FLAG
//! == shape` is the flagged case (a getter, a transition, an overflow field, a native
//! method), which the interpreter's fast paths leave to the slow paths (stores handle
//! transitions and overflow fields inline too).
//!
//! Raw-bit targets are small numbers, which as values are tiny doubles: never heap
//! pointers, so the collector skips them, and reading them costs nothing.
//!
//! A shape id determines the class (every class has its own root shape) and classes do
//! not change after their definition, so a method cached for a shape stays right.

use crate::bytecode::Dialect;
use crate::error::{Exception, VmResult};
use crate::error_kind::ErrorKind;
use crate::object::shape::ShapeId;
use crate::object::{
    BoundMethod, Class, Closure, ErrorObj, InlineCache, Instance, List, MethodKind, Native, NativeArgs, Str,
    INLINE_SLOTS,
};
use crate::value::Value;
use crate::vm::Vm;
use devvm_gc::Gc;
use std::cell::Cell;

pub(crate) const SHAPE_SLOT: u8 = 0xfd;
pub(crate) const SHAPE_ADD: u8 = 0xfc;
pub(crate) const SHAPE_METHOD: u8 = 0xfb;
pub(crate) const SHAPE_GETTER: u8 = 0xfa;
pub(crate) const SUPER_METHOD: u8 = 0xf9;

/// Cache entries per property or method site (entries 0 and 1 are checked inline).
pub const IC_WAYS: usize = 4;

/// The `aux` flag of entries the inline check must not take for the common case.
pub(crate) const IC_FLAG: u32 = 1 << 31;

/// The `aux` of a `SHAPE_SLOT` entry: flagged for an overflow slot, so that the inline
/// check's unflagged hit is always an inline slot (one load, no range test).
fn slot_aux(shape: ShapeId, slot: usize) -> u32 {
    if slot < INLINE_SLOTS {
        shape
    } else {
        shape | IC_FLAG
    }
}

/// What a call did: pushed a frame (the interpreter continues in it) or finished with a
/// value (a native, or a class without an initializer).
pub(crate) enum Called {
    Frame,
    Value(Value),
}

/// What reading a property found: a value, or a getter to call with the receiver.
pub(crate) enum Property {
    Value(Value),
    Getter(Value),
}

impl Vm {
    /// The symbol of a property name (a constant string), interned if new, without
    /// copying the name (the slow paths of megamorphic sites come here on every miss).
    fn name_symbol(&mut self, name: Value) -> crate::object::shape::Symbol {
        match name.downcast::<Str>() {
            Some(s) => self.shapes.symbol(s.as_str()),
            None => self.shapes.symbol(""),
        }
    }
}

fn name_str(name: Value) -> String {
    name.downcast::<Str>().map(|s| s.as_str().to_string()).unwrap_or_default()
}

pub(crate) fn undefined_property(name: &str) -> Exception {
    Exception::new(ErrorKind::NameError, format!("Undefined property '{name}'."))
}

impl Vm {
    /// Whether the running function follows Lox's rules (see [`Dialect`]).
    #[inline]
    pub(crate) fn is_lox(&self) -> bool {
        self.frames.last().is_some_and(|f| f.closure.proto.code.dialect == Dialect::Lox)
    }

    // ----- classes ----------------------------------------------------------------------

    /// A new class with no members (`CLASS`). May allocate.
    #[inline(never)]
    pub fn make_class(&mut self, name: &str) -> Gc<Class> {
        let name = self.heap.alloc(Str::new(name));
        let root = self.shapes.new_root();
        self.alloc(Class::new(name, root))
    }

    /// `INHERIT`: copies the superclass's members into `class`.
    #[inline(never)]
    pub(crate) fn inherit(&mut self, sup: Value, class: Value) -> VmResult<()> {
        let (Some(s), Some(c)) = (sup.downcast::<Class>(), class.downcast::<Class>()) else {
            return Err(Exception::type_error("Superclass must be a class."));
        };
        c.inherit_from(&s);
        c.superclass.set(sup);
        if let Some(h) = sup.as_header() {
            self.heap.write_barrier(c.header_ptr(), h);
        }
        for v in c.member_values() {
            if let Some(h) = v.as_header() {
                self.heap.write_barrier(c.header_ptr(), h);
            }
        }
        Ok(())
    }

    /// `METHOD`: defines a member of a class.
    #[inline(never)]
    pub fn define_member(&mut self, class: Gc<Class>, name: &str, kind: MethodKind, f: Value) {
        let s = self.shapes.symbol(name);
        if let Some(h) = f.as_header() {
            self.heap.write_barrier(class.header_ptr(), h);
        }
        class.define(kind, s, f);
    }

    // ----- inline caches ------------------------------------------------------------------

    /// The entry of a site that caches `key` for `aux` (flag ignored), if any (a
    /// polymorphic probe).
    fn ic_probe(ics: &[Cell<InlineCache>], ic: usize, key: u8, aux: u32) -> Option<InlineCache> {
        ics.get(ic..ic + IC_WAYS)?.iter().map(Cell::get).find(|e| e.key == key && e.aux & !IC_FLAG == aux)
    }

    /// Records a resolution in the site's first free entry, or replaces one.
    fn ic_fill(&mut self, ics: &[Cell<InlineCache>], ic: usize, entry: InlineCache) {
        let Some(ways) = ics.get(ic..ic + IC_WAYS) else { return };
        if !self.ic_barrier(ics, entry.target) {
            return;
        }
        self.stats.ic_misses += 1;
        let same = |e: InlineCache| e.key == entry.key && e.aux & !IC_FLAG == entry.aux & !IC_FLAG;
        match ways.iter().find(|e| e.get().key == 0 || same(e.get())) {
            Some(free) => free.set(entry),
            None => {
                // Megamorphic: keep entry 0 stable and rotate the others.
                self.stats.ic_megamorphic += 1;
                let i = 1 + (self.stats.ic_megamorphic as usize % (IC_WAYS - 1));
                ways[i].set(entry);
            }
        }
    }

    /// The write barrier of storing `target` into one of `ics`, the inline caches of the
    /// running function (every site's slow path runs in the frame of the code that owns
    /// the site). Protos are old (pretenured) and a cached method, class or module may be
    /// young, so without it a minor collection would move the target and leave the cache
    /// pointing at its old copy. Returns false, and the entry must not be stored, if `ics`
    /// is not the running function's (no known owner to remember).
    pub(crate) fn ic_barrier(&mut self, ics: &[Cell<InlineCache>], target: Value) -> bool {
        let Some(frame) = self.frames.last() else { return false };
        let owner = frame.closure.proto;
        if !std::ptr::eq(owner.ics.as_ptr(), ics.as_ptr()) {
            return false;
        }
        if let Some(h) = target.as_header() {
            self.heap.write_barrier(owner.header_ptr(), h);
        }
        true
    }

    fn ic_hit(&mut self) {
        self.stats.ic_hits += 1;
        self.stats.ic_poly_hits += 1;
    }

    // ----- properties ---------------------------------------------------------------------

    /// `instance.name` after the inline entry missed: a field, a getter, or a method
    /// (bound to the instance: the one place a bound method is made).
    #[inline(never)]
    pub(crate) fn get_property_slow(
        &mut self,
        inst: Gc<Instance>,
        name: Value,
        ics: &[Cell<InlineCache>],
        ic: usize,
    ) -> VmResult<Property> {
        let shape = inst.shape();
        if let Some(e) = Self::ic_probe(ics, ic, SHAPE_SLOT, shape) {
            self.ic_hit();
            return Ok(Property::Value(inst.slot(e.target.bits() as usize).unwrap_or(Value::NIL)));
        }
        if let Some(e) = Self::ic_probe(ics, ic, SHAPE_GETTER, shape) {
            self.ic_hit();
            return Ok(Property::Getter(e.target));
        }
        let sym = self.name_symbol(name);
        if let Some(slot) = self.shapes.slot_of(shape, sym) {
            self.ic_fill(
                ics,
                ic,
                InlineCache { key: SHAPE_SLOT, aux: slot_aux(shape, slot), target: Value::from_bits(slot as u64) },
            );
            return Ok(Property::Value(inst.slot(slot).unwrap_or(Value::NIL)));
        }
        if let Some(g) = inst.class.getter(sym) {
            self.ic_fill(ics, ic, InlineCache { key: SHAPE_GETTER, aux: shape | IC_FLAG, target: g });
            return Ok(Property::Getter(g));
        }
        if let Some(m) = inst.class.method(sym) {
            let b = self.alloc(BoundMethod { receiver: Value::object(inst), method: m });
            return Ok(Property::Value(Value::object(b)));
        }
        Err(undefined_property(&name_str(name)))
    }

    /// `instance.name = v` after the inline entry missed: an existing field, or a new one
    /// (a shape transition, cached as such).
    #[inline(never)]
    pub(crate) fn set_property_slow(
        &mut self,
        inst: Gc<Instance>,
        name: Value,
        v: Value,
        ics: &[Cell<InlineCache>],
        ic: usize,
    ) -> VmResult<()> {
        let shape = inst.shape();
        if let Some(e) = Self::ic_probe(ics, ic, SHAPE_SLOT, shape) {
            self.ic_hit();
            self.instance_store(inst, e.target.bits() as usize, v);
            return Ok(());
        }
        if let Some(e) = Self::ic_probe(ics, ic, SHAPE_ADD, shape) {
            self.ic_hit();
            self.instance_add_field(inst, e.target.bits() as u32, v);
            return Ok(());
        }
        let sym = self.name_symbol(name);
        if let Some(slot) = self.shapes.slot_of(shape, sym) {
            self.ic_fill(
                ics,
                ic,
                InlineCache { key: SHAPE_SLOT, aux: slot_aux(shape, slot), target: Value::from_bits(slot as u64) },
            );
            self.instance_store(inst, slot, v);
            return Ok(());
        }
        let next = self.shapes.add_field(shape, sym);
        self.ic_fill(
            ics,
            ic,
            InlineCache { key: SHAPE_ADD, aux: shape | IC_FLAG, target: Value::from_bits(next as u64) },
        );
        self.instance_add_field(inst, next, v);
        Ok(())
    }

    /// Stores into an existing slot, with the write barrier on the object that holds it
    /// (the instance, or its overflow list).
    pub(crate) fn instance_store(&mut self, inst: Gc<Instance>, slot: usize, v: Value) {
        if let Some(h) = v.as_header() {
            let owner = inst.overflow_owner(slot).map_or(inst.header_ptr(), |l| l.header_ptr());
            self.heap.write_barrier(owner, h);
        }
        inst.set_slot(slot, v);
    }

    /// Adds a field in the next slot and moves the instance to shape `next`, making its
    /// overflow list when the inline slots are full. Allocates (never collects).
    pub(crate) fn instance_add_field(&mut self, inst: Gc<Instance>, next: ShapeId, v: Value) {
        if let Some(h) = v.as_header() {
            self.heap.write_barrier(inst.header_ptr(), h);
        }
        if inst.add_inline_field(next, v) {
            return;
        }
        let list = match inst.overflow() {
            Some(list) => list,
            None => {
                // Reserve as many overflow slots as the class's instances have needed.
                let hint = inst.class.field_hint.get() as usize;
                let list = self.alloc(List::new(Vec::with_capacity(hint)));
                self.heap.write_barrier(inst.header_ptr(), list.header_ptr());
                list
            }
        };
        if let Some(h) = v.as_header() {
            self.heap.write_barrier(list.header_ptr(), h);
        }
        let grown = inst.add_overflow_field(list, next, v);
        self.heap.account_for(list.header_ptr(), grown);
        let overflow = (inst.field_count() - INLINE_SLOTS) as u32;
        if overflow > inst.class.field_hint.get() {
            inst.class.field_hint.set(overflow.min(64));
        }
    }

    /// A field of an instance by name (natives, printing, the error classes).
    pub fn instance_field(&self, inst: Gc<Instance>, name: &str) -> Option<Value> {
        let sym = self.shapes.existing_symbol(name)?;
        self.shapes.slot_of(inst.shape(), sym).and_then(|s| inst.slot(s))
    }

    /// Sets a field of an instance by name (natives, the error classes).
    pub fn instance_set_field(&mut self, inst: Gc<Instance>, name: &str, v: Value) {
        let sym = self.shapes.symbol(name);
        match self.shapes.slot_of(inst.shape(), sym) {
            Some(slot) => self.instance_store(inst, slot, v),
            None => {
                let next = self.shapes.add_field(inst.shape(), sym);
                self.instance_add_field(inst, next, v);
            }
        }
    }

    /// A method of a class by name (natives: `toString`).
    pub fn class_method(&self, class: Gc<Class>, name: &str) -> Option<Value> {
        self.shapes.existing_symbol(name).and_then(|s| class.method(s))
    }

    // ----- calls --------------------------------------------------------------------------

    /// Calls the value in `stack[callee_at]` with the `argc` values above it, for every
    /// callable kind: closures, natives, bound methods and classes.
    #[inline(never)]
    pub(crate) fn call_object(&mut self, callee_at: usize, argc: usize) -> VmResult<Called> {
        let f = self.stack[callee_at];
        if let Some(c) = f.downcast::<Closure>() {
            self.push_frame(c, callee_at, argc)?;
            return Ok(Called::Frame);
        }
        if let Some(n) = f.downcast::<Native>() {
            return self.call_native(n, NativeArgs { base: callee_at + 1, len: argc }).map(Called::Value);
        }
        if let Some(b) = f.downcast::<BoundMethod>() {
            self.stack[callee_at] = b.receiver;
            return self.call_method_at(b.method, callee_at, argc);
        }
        if let Some(k) = f.downcast::<Class>() {
            return self.call_class(k, callee_at, argc);
        }
        Err(crate::call::not_callable_in(self.is_lox(), f))
    }

    /// Calls a method with the receiver in `stack[recv_at]` (its slot 0) and `argc`
    /// arguments above it.
    #[inline(never)]
    pub(crate) fn call_method_at(&mut self, method: Value, recv_at: usize, argc: usize) -> VmResult<Called> {
        if let Some(c) = method.downcast::<Closure>() {
            self.push_frame(c, recv_at, argc)?;
            return Ok(Called::Frame);
        }
        if let Some(n) = method.downcast::<Native>() {
            return self.call_native(n, NativeArgs { base: recv_at, len: argc + 1 }).map(Called::Value);
        }
        Err(crate::call::not_callable_in(self.is_lox(), method))
    }

    /// Calling a class: a new instance, then its initializer (which returns it).
    #[inline(never)]
    fn call_class(&mut self, k: Gc<Class>, callee_at: usize, argc: usize) -> VmResult<Called> {
        let inst = Value::object(self.alloc(Instance::new(k)));
        self.stack[callee_at] = inst;
        let init = k.init.get();
        if init.is_nil() {
            if argc != 0 {
                return Err(crate::call::arity_error_in(self.is_lox(), k.name.as_str(), 0, argc));
            }
            return Ok(Called::Value(inst));
        }
        match self.call_method_at(init, callee_at, argc)? {
            Called::Frame => Ok(Called::Frame),
            // A native initializer may have collected: the instance is read back from its
            // (rooted) stack slot.
            Called::Value(_) => Ok(Called::Value(self.stack[callee_at])),
        }
    }

    /// `receiver.name(args)` when the inline entry missed, for instances and classes
    /// (static methods). A field holding a function is called like a function.
    #[inline(never)]
    pub(crate) fn invoke_slow(
        &mut self,
        recv_at: usize,
        argc: usize,
        name: Value,
        ics: &[Cell<InlineCache>],
        ic: usize,
    ) -> VmResult<Called> {
        let recv = self.stack[recv_at];
        if let Some(inst) = recv.downcast::<Instance>() {
            let shape = inst.shape();
            if let Some(e) = Self::ic_probe(ics, ic, SHAPE_METHOD, shape) {
                self.ic_hit();
                return self.call_method_at(e.target, recv_at, argc);
            }
            let sym = self.name_symbol(name);
            if let Some(slot) = self.shapes.slot_of(shape, sym) {
                self.stack[recv_at] = inst.slot(slot).unwrap_or(Value::NIL);
                return self.call_object(recv_at, argc);
            }
            if let Some(m) = inst.class.method(sym) {
                let aux = if m.downcast::<Closure>().is_some() { shape } else { shape | IC_FLAG };
                self.ic_fill(ics, ic, InlineCache { key: SHAPE_METHOD, aux, target: m });
                return self.call_method_at(m, recv_at, argc);
            }
            if let Some(g) = inst.class.getter(sym) {
                // `obj.getter(args)`: the getter's value is what is called.
                let v = self.call_method_reentrant(recv, g, &[])?;
                self.stack[recv_at] = v;
                return self.call_object(recv_at, argc);
            }
            return Err(undefined_property(&name_str(name)));
        }
        if let Some(k) = recv.downcast::<Class>() {
            let sym = self.name_symbol(name);
            return match k.static_method(sym) {
                Some(f) => {
                    self.stack[recv_at] = f;
                    self.call_object(recv_at, argc)
                }
                None => Err(undefined_property(&name_str(name))),
            };
        }
        Err(if self.is_lox() {
            Exception::type_error("Only instances have methods.")
        } else {
            Exception::type_error(format!("a {} has no method '{}'", crate::ops_slow::type_name(recv), name_str(name)))
        })
    }

    /// The method `name` of a superclass (`super.name`), cached per site.
    #[inline(never)]
    fn super_lookup(&mut self, sup: Value, name: Value, ics: &[Cell<InlineCache>], ic: usize) -> VmResult<Property> {
        let Some(k) = sup.downcast::<Class>() else {
            return Err(Exception::type_error("Superclass must be a class."));
        };
        if let Some(e) = Self::ic_probe(ics, ic, SUPER_METHOD, k.root_shape) {
            self.ic_hit();
            return Ok(Property::Value(e.target));
        }
        let sym = self.name_symbol(name);
        if let Some(m) = k.method(sym) {
            // Unflagged only for a closure: the interpreter enters those inline.
            let aux = if m.downcast::<Closure>().is_some() { k.root_shape } else { k.root_shape | IC_FLAG };
            self.ic_fill(ics, ic, InlineCache { key: SUPER_METHOD, aux, target: m });
            return Ok(Property::Value(m));
        }
        match k.getter(sym) {
            Some(g) => Ok(Property::Getter(g)),
            None => Err(undefined_property(&name_str(name))),
        }
    }

    /// `SUPER_INVOKE`: the superclass's method called on the receiver at `recv_at`.
    #[inline(never)]
    pub(crate) fn super_invoke(
        &mut self,
        recv_at: usize,
        argc: usize,
        sup: Value,
        name: Value,
        ics: &[Cell<InlineCache>],
        ic: usize,
    ) -> VmResult<Called> {
        match self.super_lookup(sup, name, ics, ic)? {
            Property::Value(m) => self.call_method_at(m, recv_at, argc),
            Property::Getter(g) => {
                let v = self.call_method_reentrant(self.stack[recv_at], g, &[])?;
                self.stack[recv_at] = v;
                self.call_object(recv_at, argc)
            }
        }
    }

    /// `GET_SUPER`: the superclass's method bound to the receiver (a getter is called).
    #[inline(never)]
    pub(crate) fn get_super(&mut self, recv: Value, sup: Value, name: Value) -> VmResult<Property> {
        match self.super_lookup(sup, name, &[], 0)? {
            Property::Value(m) => {
                Ok(Property::Value(Value::object(self.alloc(BoundMethod { receiver: recv, method: m }))))
            }
            getter => Ok(getter),
        }
    }

    /// Runs a method on a receiver to completion from native code (re-enters the
    /// interpreter; may collect — the receiver and arguments are on the VM stack).
    pub fn call_method_reentrant(&mut self, receiver: Value, method: Value, args: &[Value]) -> VmResult<Value> {
        if self.native_depth >= crate::vm::NATIVE_REENTRY_LIMIT {
            return Err(Exception::new(ErrorKind::StackOverflow, "too many nested calls through native functions"));
        }
        let base = self.sp;
        self.ensure_stack(base + args.len() + 1)?;
        self.stack[base] = receiver;
        self.stack[base + 1..base + 1 + args.len()].copy_from_slice(args);
        self.sp = base + 1 + args.len();
        self.native_depth += 1;
        let r = match self.call_method_at(method, base, args.len()) {
            Ok(Called::Frame) => {
                let stop = self.frames.len() - 1;
                self.run(stop)
            }
            Ok(Called::Value(v)) => Ok(v),
            Err(e) => Err(e),
        };
        self.native_depth -= 1;
        self.sp = base;
        r
    }

    /// Calls any callable value to completion from native code (like `call_value`, also
    /// for bound methods and classes).
    pub(crate) fn call_object_reentrant(&mut self, base: usize, argc: usize) -> VmResult<Value> {
        match self.call_object(base, argc) {
            Ok(Called::Frame) => {
                let stop = self.frames.len() - 1;
                self.run(stop)
            }
            Ok(Called::Value(v)) => {
                self.sp = base;
                Ok(v)
            }
            Err(e) => {
                self.sp = base;
                Err(e)
            }
        }
    }
}

impl Vm {
    /// On throwing an instance of an `Error` subclass: records the trace in its `trace`
    /// field (once). Returns whether `v` is such an instance.
    pub(crate) fn record_error_instance_trace(&mut self, v: Value, pc: usize) -> bool {
        let Some(inst) = v.downcast::<Instance>() else { return false };
        if inst.class.error_kind.get() == 0 {
            return false;
        }
        if self.instance_field(inst, "trace").is_none_or(|t| t.is_nil()) {
            let frames = self.trace_frames(Some(pc));
            let trace = self.trace_value(&frames);
            self.instance_set_field(inst, "trace", trace);
        }
        true
    }

    /// What a DevObj handler receives for a thrown value: a VM error (an `ErrorObj` with
    /// a built-in kind) becomes an instance of the `Error` subclass of its kind (the
    /// built-in `oo:KIND` class), with `message`, `trace`, `kind` and `code` fields, so
    /// that it has the class's methods and user code can treat it like any error it
    /// made. Anything else (including errors of a user kind from other languages) is
    /// received unchanged. Allocates (never collects).
    pub(crate) fn lox_caught_value(&mut self, v: Value) -> Value {
        let Some(err) = v.downcast::<ErrorObj>() else { return v };
        let Some(kind) = err.builtin else { return v };
        let Some(class) = self.builtin_by_name(&format!("oo:{}", kind.name())).and_then(|c| c.downcast::<Class>())
        else {
            return v;
        };
        let inst = self.alloc(Instance::new(class));
        let fields = [
            ("message", Value::object(err.message)),
            ("trace", err.trace.get()),
            ("kind", Value::object(err.kind)),
            ("code", Value::object(err.code)),
        ];
        for (name, value) in fields {
            self.instance_set_field(inst, name, value);
        }
        Value::object(inst)
    }

    /// The VM error kind of an instance of a built-in error class or a subclass of one
    /// (`None` for `Error` itself and its direct user subclasses).
    fn instance_error_kind(inst: Gc<Instance>) -> Option<ErrorKind> {
        let k = inst.class.error_kind.get() as usize;
        ErrorKind::ALL.get(k.checked_sub(1)?).copied()
    }

    /// The embedder's error for an uncaught instance of an `Error` subclass: its class,
    /// its `message` and its `trace` (and the kind and code of the built-in error class
    /// it descends from, so a caught and re-thrown VM error leaves as it came).
    pub(crate) fn error_instance_runtime_error(&mut self, v: Value) -> Option<crate::error::RuntimeError> {
        let inst = v.downcast::<Instance>()?;
        if inst.class.error_kind.get() == 0 {
            return None;
        }
        let message = self.instance_field(inst, "message").unwrap_or(Value::NIL);
        let message = match message.downcast::<Str>() {
            Some(s) => s.as_str().to_string(),
            None => crate::format::str(message),
        };
        let trace = crate::throw::trace_from_value(self.instance_field(inst, "trace").unwrap_or(Value::NIL));
        let kind = Self::instance_error_kind(inst);
        Some(crate::error::RuntimeError {
            kind,
            kind_name: inst.class.name.as_str().to_string(),
            code: kind.unwrap_or(ErrorKind::UserError).code().to_string(),
            message,
            trace,
        })
    }
}

impl Vm {
    /// `INVOKE_METHOD` on anything but an instance: a class's static method, a method of
    /// a built-in type (cached by type tag, as `INVOKE` does), a function stored in a map
    /// or exported by a module.
    #[inline(never)]
    pub(crate) fn invoke_generic(
        &mut self,
        recv_at: usize,
        argc: usize,
        name: Value,
        ics: &[Cell<InlineCache>],
        ic: usize,
    ) -> VmResult<Called> {
        let recv = self.stack[recv_at];
        let tag = crate::types::TypeTag::of(recv);
        use crate::types::TypeTag;
        match tag {
            TypeTag::Class | TypeTag::Instance => return self.invoke_slow(recv_at, argc, name, ics, ic),
            TypeTag::Module => {
                let f = self.get_field(recv, name)?;
                self.stack[recv_at] = f;
                return self.call_object(recv_at, argc);
            }
            _ => {}
        }
        let key = tag as u8 + 1;
        let cached = ics.get(ic).map(Cell::get).filter(|c| c.key == key).map(|c| c.target);
        let method = match cached {
            Some(m) => {
                self.stats.ic_hits += 1;
                Some(m)
            }
            None => {
                let m = self.method(tag, &name_str(name));
                if let (Some(target), Some(cell)) = (m, ics.get(ic)) {
                    self.stats.ic_misses += 1;
                    if self.ic_barrier(ics, target) {
                        cell.set(InlineCache { key, aux: 0, target });
                    }
                }
                m
            }
        };
        match method {
            Some(m) => self.call_method_at(m, recv_at, argc),
            None if tag == TypeTag::Map => {
                // A map calls a function stored under the key (as in DevScript).
                let f = self.get_field(recv, name)?;
                self.stack[recv_at] = f;
                self.call_object(recv_at, argc)
            }
            None if matches!(tag, TypeTag::List | TypeTag::String) => Err(undefined_property(&name_str(name))),
            None => Err(if self.is_lox() {
                Exception::type_error("Only instances have methods.")
            } else {
                Exception::type_error(format!("a {} has no method '{}'", tag.name(), name_str(name)))
            }),
        }
    }

    /// `obj.name` for the fused property operations' slow path: an instance's field or
    /// getter (run to completion: re-enters, may collect) through the site's cache, or any
    /// other value's property as `GET_PROP` reads it.
    pub(crate) fn property_reentrant(
        &mut self,
        obj: Value,
        name: Value,
        ics: &[Cell<InlineCache>],
        ic: usize,
    ) -> VmResult<Value> {
        match obj.downcast::<Instance>() {
            Some(inst) => match self.get_property_slow(inst, name, ics, ic)? {
                Property::Value(v) => Ok(v),
                Property::Getter(g) => self.call_method_reentrant(obj, g, &[]),
            },
            None => self.get_field(obj, name),
        }
    }

    /// `obj.name` on an instance from a generic site (another language's `GET_FIELD`):
    /// a field, a bound method, or a getter run to completion (re-enters).
    pub(crate) fn instance_property_reentrant(&mut self, inst: Gc<Instance>, name: Value) -> VmResult<Value> {
        match self.get_property_slow(inst, name, &[], 0)? {
            Property::Value(v) => Ok(v),
            Property::Getter(g) => self.call_method_reentrant(Value::object(inst), g, &[]),
        }
    }
}
