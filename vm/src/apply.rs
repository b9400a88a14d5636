//! `APPLY n` / `TAIL_APPLY n`: applying a function whose arity the compiler does not know
//! (DevFun's calls of function values), with OCaml's semantics.
//!
//! ```text
//!   APPLY n, callee a closure of arity n ──► the ordinary call (inline in the interpreter)
//!            callee of arity k > n       ──► a partial application: a closure of arity k - n
//!                                            over the callee and the n arguments (PAP stub)
//!            callee of arity k < n       ──► over-application: an "apply-rest" stub frame
//!                                            calls the callee with k arguments, then applies
//!                                            the result to the other n - k (TAIL_APPLY)
//! ```
//!
//! Both stubs are ordinary bytecode functions made here on first use, one per shape
//! (arguments given, arguments missing), and kept in [`ApplyStubs`], which the collector
//! treats as a root. So a partial application is an ordinary closure (callable by `CALL`,
//! by natives and by the other languages), and over-application needs no host recursion
//! and no change to the return path: the stub's frame is where the rest of the arguments
//! wait while the callee runs.
//!
//! A partial application of a partial application is one PAP over the innermost callee
//! with all the arguments supplied so far (`make_pap`), never a chain of stubs.
//!
//! Invariants: a PAP stub of shape (given, missing) has `given + 1` upvalues — the callee
//! (never itself a PAP), then the arguments, all closed — and arity `missing`; it tail-calls the callee with
//! exactly the callee's arity. An apply-rest stub of shape (first, rest) takes the callee
//! and `first + rest` arguments as its parameters.

use crate::bytecode::{CodeBuilder, Op};
use crate::class_ops::Called;
use crate::error::VmResult;
use crate::object::{Closure, InlineCache, Module, ModuleState, Native, NativeArgs, Proto, Upvalue};
use crate::value::Value;
use crate::vm::Vm;
use devvm_gc::{Gc, Tracer};
use std::cell::Cell;
use std::collections::HashMap;

/// The stub functions made so far (a root of the collector: see `Vm::collect_with`).
#[derive(Default)]
pub(crate) struct ApplyStubs {
    /// The module the stubs' prototypes belong to (they use no module variables).
    module: Option<Gc<Module>>,
    /// PAP prototypes by (arguments given, arguments missing).
    paps: HashMap<(u8, u8), Gc<Proto>>,
    /// Apply-rest closures (they capture nothing, so one closure serves) by (arguments
    /// of the first call, arguments applied to its result).
    rests: HashMap<(u8, u8), Value>,
}

impl ApplyStubs {
    pub(crate) fn trace(&mut self, t: &mut Tracer) {
        if let Some(m) = self.module.as_mut() {
            t.visit(m);
        }
        for p in self.paps.values_mut() {
            t.visit(p);
        }
        for v in self.rests.values_mut() {
            crate::gc_glue::trace_value(t, v);
        }
    }
}

/// The module of the runtime's application stubs; traces leave their frames out.
pub(crate) const STUB_MODULE: &str = "<apply>";
/// The name of PAP stubs (shown in traces only while a partial application re-applies).
const PAP_NAME: &str = "<partial application>";
/// The name of apply-rest stubs (their frame is in traces while an over-applied callee runs).
const REST_NAME: &str = "<application>";

/// The arity of a callee as `APPLY` sees it: a closure's parameter count, a native's
/// minimum (or `None` for anything else, which is called as `CALL` would).
fn arity_range(f: Value) -> Option<(usize, usize)> {
    if let Some(c) = f.downcast::<Closure>() {
        let a = c.proto.code.arity as usize;
        return Some((a, a));
    }
    if let Some(n) = f.downcast::<Native>() {
        let max = if n.arity.max == u8::MAX { usize::MAX } else { n.arity.max as usize };
        return Some((n.arity.min as usize, max));
    }
    None
}

impl Vm {
    /// The slow path of `APPLY argc` (`tail` for `TAIL_APPLY`): the callee in
    /// `stack[at]` is not a closure of arity `argc`. Makes a partial application, starts an
    /// over-application, or calls a native or other callable. May allocate; calls a native
    /// (which may re-enter and collect); pushes or replaces a frame.
    #[inline(never)]
    pub(crate) fn apply_slow(&mut self, at: usize, argc: usize, tail: bool) -> VmResult<Called> {
        let f = self.stack[at];
        let Some((min, max)) = arity_range(f) else { return self.call_object(at, argc) };
        if argc < min {
            let pap = self.make_pap(at, argc, min - argc)?;
            return Ok(Called::Value(pap));
        }
        if argc > max {
            return self.over_apply(at, max, argc - max, tail);
        }
        if let Some(c) = f.downcast::<Closure>() {
            // Exact arity (reached from natives' ranges or a stale fast-path check).
            self.push_frame(c, at, argc)?;
            return Ok(Called::Frame);
        }
        let n = f.downcast::<Native>().expect("arity_range knows closures and natives only");
        self.call_native(n, NativeArgs { base: at + 1, len: argc }).map(Called::Value)
    }

    /// A closure that holds the callee `stack[at]` and the `given` arguments above it and
    /// takes the `missing` others. Allocates (never collects).
    ///
    /// A partial application of a partial application is flattened: the new closure holds
    /// the innermost callee, the earlier arguments (sharing their upvalues: they are
    /// closed and no code stores into them) and then the new ones, so applying it runs one
    /// stub instead of a chain of them.
    fn make_pap(&mut self, at: usize, given: usize, missing: usize) -> VmResult<Value> {
        let inner = self.as_pap(self.stack[at]);
        let earlier = inner.map_or(0, |c| c.upvalues.len() - 1);
        let proto = self.pap_proto(earlier + given, missing)?;
        let mut upvalues = Vec::with_capacity(earlier + given + 1);
        let first_new = match inner {
            Some(c) => {
                upvalues.extend_from_slice(&c.upvalues);
                at + 1
            }
            None => at,
        };
        for i in first_new..=at + given {
            let v = self.stack[i];
            let u = self.alloc(Upvalue::open(i));
            if let Some(h) = v.as_header() {
                self.heap.write_barrier(u.header_ptr(), h);
            }
            u.close(v);
            upvalues.push(u);
        }
        let c = self.alloc(Closure { proto, upvalues: upvalues.into_boxed_slice() });
        Ok(Value::object(c))
    }

    /// `f` as a partial application made by [`Vm::make_pap`], if it is one: a closure of
    /// the stubs' module with upvalues (apply-rest stubs have none).
    fn as_pap(&self, f: Value) -> Option<Gc<Closure>> {
        let c = f.downcast::<Closure>()?;
        (Some(c.proto.module) == self.apply_stubs.module && !c.upvalues.is_empty()).then_some(c)
    }

    /// Starts an over-application: the callee `stack[at]` takes `first` of the arguments
    /// above it; the `rest` others are applied to its result. The stack `[f, a.., b..]`
    /// becomes the apply-rest stub's frame `[stub, f, a.., b..]` (replacing the current
    /// frame for `TAIL_APPLY`).
    fn over_apply(&mut self, at: usize, first: usize, rest: usize, tail: bool) -> VmResult<Called> {
        let stub = self.rest_stub(first, rest)?;
        let n = 1 + first + rest;
        self.ensure_stack(at + n + 1)?;
        self.stack.copy_within(at..at + n, at + 1);
        self.stack[at] = stub;
        let c = stub.downcast::<Closure>().expect("apply-rest stubs are closures");
        if tail {
            // As `TAILCALL`: close this frame's captured variables, slide the stub's window
            // down to the base and run the stub in place of the frame.
            let base = self.base_of(self.frames.last().expect("TAIL_APPLY runs in a frame"));
            if !self.open_upvalues.is_empty() {
                self.close_upvalues(base);
            }
            self.stack.copy_within(at..at + n + 1, base);
            self.sp = base + n + 1;
            // The stack space is checked before the frame goes, so an error leaves it whole
            // (the depth check cannot fail: the frame count does not change).
            self.ensure_stack(base + c.proto.code.max_stack as usize + 2)?;
            self.frames.pop();
            self.push_frame(c, base, n)?;
        } else {
            self.sp = at + n + 1;
            self.push_frame(c, at, n)?;
        }
        Ok(Called::Frame)
    }

    /// The stubs' module, made on first use.
    fn stub_module(&mut self) -> Gc<Module> {
        if let Some(m) = self.apply_stubs.module {
            return m;
        }
        let m = self.heap.alloc(Module::new(STUB_MODULE));
        m.state.set(ModuleState::Ready);
        self.apply_stubs.module = Some(m);
        m
    }

    fn stub_proto(&mut self, b: CodeBuilder) -> Gc<Proto> {
        let module = self.stub_module();
        self.heap.alloc(Proto {
            code: b.finish(),
            constants: Box::new([]),
            module,
            calls: Cell::new(0),
            backedges: Cell::new(0),
            ics: Box::<[Cell<InlineCache>]>::default(),
            quick_field_ic: crate::object::NOT_QUICK,
        })
    }

    /// `GET_UPVAL 0..=given; GET_LOCAL 1..=missing; TAILCALL given+missing; RETURN`.
    fn pap_proto(&mut self, given: usize, missing: usize) -> VmResult<Gc<Proto>> {
        let key = (stub_operand(given)?, stub_operand(missing)?);
        if let Some(&p) = self.apply_stubs.paps.get(&key) {
            return Ok(p);
        }
        let mut b = CodeBuilder::new(PAP_NAME, missing as u16, 0);
        b.func.num_upvalues = given as u16 + 1;
        for i in 0..=given {
            b.emit(Op::GetUpval, &[i as i64]);
        }
        for i in 1..=missing {
            b.emit(Op::GetLocal, &[i as i64]);
        }
        b.emit(Op::TailCall, &[(given + missing) as i64]);
        b.emit(Op::Return, &[]);
        let p = self.stub_proto(b);
        self.apply_stubs.paps.insert(key, p);
        Ok(p)
    }

    /// Parameters `f, a1..a_first, b1..b_rest`:
    /// `GET_LOCAL 1..=first+1; CALL first; GET_LOCAL ..; TAIL_APPLY rest; RETURN`.
    fn rest_stub(&mut self, first: usize, rest: usize) -> VmResult<Value> {
        let key = (stub_operand(first)?, stub_operand(rest)?);
        if let Some(&c) = self.apply_stubs.rests.get(&key) {
            return Ok(c);
        }
        let mut b = CodeBuilder::new(REST_NAME, (1 + first + rest) as u16, 0);
        for i in 1..=first + 1 {
            b.emit(Op::GetLocal, &[i as i64]);
        }
        b.emit(Op::Call, &[first as i64]);
        for i in first + 2..=first + rest + 1 {
            b.emit(Op::GetLocal, &[i as i64]);
        }
        b.emit(Op::TailApply, &[rest as i64]);
        b.emit(Op::Return, &[]);
        let proto = self.stub_proto(b);
        let c = Value::object(self.alloc(Closure { proto, upvalues: Box::new([]) }));
        self.apply_stubs.rests.insert(key, c);
        Ok(c)
    }
}

/// An argument count as a stub's `u8` operand (a call passes at most 255 arguments; a
/// native's maximum may say "any").
fn stub_operand(n: usize) -> VmResult<u8> {
    u8::try_from(n).map_err(|_| {
        crate::error::Exception::new(
            crate::error_kind::ErrorKind::ArityError,
            format!("cannot apply a function to {n} arguments (at most 255)"),
        )
    })
}
