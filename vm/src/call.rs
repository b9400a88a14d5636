//! Calls: entering closures and natives, making closures, and managing upvalues.

use crate::error::{Exception, VmResult};
use crate::error_kind::ErrorKind;
use crate::object::{Closure, Native, NativeArgs, Proto, Upvalue};
use crate::ops_slow::type_name;
use crate::value::Value;
use crate::vm::{Frame, Vm};
use devvm_gc::Gc;

impl Vm {
    /// Calls the value in `stack[base]` with the `argc` values above it and runs it to
    /// completion (re-entering the interpreter for closures). On return the callee slot
    /// and arguments are gone (`sp == base`).
    pub(crate) fn call_at(&mut self, base: usize, argc: usize) -> VmResult<Value> {
        // Closures are what natives such as `map` call nearly always: enter them directly.
        if let Some(c) = self.stack[base].downcast::<Closure>() {
            if let Err(e) = self.push_frame(c, base, argc) {
                self.sp = base;
                return Err(e);
            }
            let stop = self.frames.len() - 1;
            return self.run(stop);
        }
        self.call_object_reentrant(base, argc)
    }

    /// Pushes a frame for a closure whose callee slot is `base`, checking arity, depth and
    /// stack space.
    #[inline(always)]
    pub(crate) fn push_frame(&mut self, c: Gc<Closure>, base: usize, argc: usize) -> VmResult<()> {
        let proto = c.proto;
        if argc != proto.code.arity as usize {
            return Err(proto_arity_error(&proto, argc));
        }
        if self.frames.len() >= self.policy.max_depth {
            return Err(self.stack_overflow());
        }
        self.ensure_stack(base + proto.code.max_stack as usize + 2)?;
        proto.calls.set(proto.calls.get().wrapping_add(1));
        // In bounds: `ensure_stack` just checked the frame's whole window.
        let bp = self.stack.as_mut_ptr().wrapping_add(base);
        self.frames.push(Frame::enter(c, bp));
        self.frame_limit = self.frames.capacity().min(self.policy.max_depth);
        Ok(())
    }

    /// Runs a native with its arguments in place. May re-enter the interpreter.
    pub(crate) fn call_native(&mut self, n: Gc<Native>, args: NativeArgs) -> VmResult<Value> {
        if (args.len as u32) < n.arity.min as u32 || (args.len as u32) > n.arity.max as u32 {
            return Err(self.native_arity_error_in_dialect(&n, args.len));
        }
        // Natives are pretenured, so the running one (and the one it interrupts) can be
        // held bare across the call: they never move, and their `data` is traced.
        let saved = self.current_native.replace(n);
        self.stats.calls += 1;
        let r = (n.function)(self, args);
        self.current_native = saved;
        r
    }

    /// Makes a closure for the `CLOSURE` instruction at `pc` of the current frame.
    pub(crate) fn make_closure(
        &mut self,
        proto: Gc<Proto>,
        captures: &[u8],
        enclosing: Gc<Closure>,
        base: usize,
    ) -> Gc<Closure> {
        let mut upvalues = Vec::with_capacity(captures.len() / 3);
        for d in captures.chunks_exact(3) {
            let index = u16::from_le_bytes([d[1], d[2]]) as usize;
            if d[0] == 1 {
                upvalues.push(self.capture_upvalue(base + index));
            } else {
                upvalues.push(enclosing.upvalues[index]);
            }
        }
        self.alloc(Closure { proto, upvalues: upvalues.into_boxed_slice() })
    }

    /// The open upvalue for a stack slot, made if new (so closures share variables).
    fn capture_upvalue(&mut self, slot: usize) -> Gc<Upvalue> {
        let pos = self.open_upvalues.partition_point(|u| u.open_slot().unwrap_or(0) < slot);
        if let Some(&u) = self.open_upvalues.get(pos) {
            if u.open_slot() == Some(slot) {
                return u;
            }
        }
        let u = self.alloc(Upvalue::open(slot));
        self.open_upvalues.insert(pos, u);
        u
    }

    /// Closes every open upvalue at or above `from` (their variables' scope ended).
    #[inline]
    pub(crate) fn close_upvalues(&mut self, from: usize) {
        while let Some(&u) = self.open_upvalues.last() {
            let Some(slot) = u.open_slot() else {
                self.open_upvalues.pop();
                continue;
            };
            if slot < from {
                break;
            }
            let v = self.stack[slot];
            if let Some(h) = v.as_header() {
                self.heap.write_barrier(u.header_ptr(), h);
            }
            u.close(v);
            self.open_upvalues.pop();
        }
    }
}

impl Vm {
    /// A native's arity error, in the caller's dialect (kept out of `call_native`, which
    /// the interpreter inlines).
    #[cold]
    #[inline(never)]
    fn native_arity_error_in_dialect(&self, n: &Native, given: usize) -> Exception {
        if self.is_lox() {
            let skip = n.is_method as usize;
            let got = given.saturating_sub(skip);
            return arity_error_in(true, &n.name, (n.arity.min as usize).saturating_sub(skip), got);
        }
        native_arity_error(n, given)
    }

    #[cold]
    fn stack_overflow(&self) -> Exception {
        if self.is_lox() {
            return Exception::new(ErrorKind::StackOverflow, "Stack overflow.");
        }
        Exception::new(ErrorKind::StackOverflow, format!("maximum call depth of {} exceeded", self.policy.max_depth))
    }
}

/// The arity error of a native, counting only the arguments the caller wrote (a method's
/// receiver is not one of them).
#[cold]
fn native_arity_error(n: &Native, given: usize) -> Exception {
    let skip = n.is_method as usize;
    let (min, max, given) =
        (n.arity.min as usize - skip.min(n.arity.min as usize), n.arity.max as usize, given - skip.min(given));
    let max = if n.arity.max == u8::MAX { usize::MAX } else { max - skip };
    let want = if min == max {
        format!("{min}")
    } else if max == usize::MAX {
        format!("at least {min}")
    } else {
        format!("{min} to {max}")
    };
    let what = if n.is_method { "method " } else { "" };
    Exception::new(
        ErrorKind::ArityError,
        format!(
            "{what}{}() takes {want} argument{} but {given} {} given",
            n.name,
            if want == "1" { "" } else { "s" },
            if given == 1 { "was" } else { "were" }
        ),
    )
}

/// A closure's arity error, in its own dialect.
#[cold]
#[inline(never)]
fn proto_arity_error(proto: &Proto, argc: usize) -> Exception {
    let lox = proto.code.dialect == crate::bytecode::Dialect::Lox;
    arity_error_in(lox, &proto.code.name, proto.code.arity as usize, argc)
}

/// The error for calling a non-callable value, in the caller's dialect.
#[cold]
pub(crate) fn not_callable_in(lox: bool, v: Value) -> Exception {
    if lox {
        return Exception::type_error("Can only call functions and classes.");
    }
    not_callable(v)
}

/// The arity error, in the callee's dialect.
#[cold]
pub(crate) fn arity_error_in(lox: bool, name: &str, want: usize, got: usize) -> Exception {
    if lox {
        return Exception::new(ErrorKind::ArityError, format!("Expected {want} arguments but got {got}."));
    }
    arity_error(name, want, got)
}

#[cold]
pub(crate) fn not_callable(v: Value) -> Exception {
    Exception::type_error(format!("{} is not callable", crate::ops_slow::a_type(type_name(v))))
}

#[cold]
pub(crate) fn arity_error(name: &str, want: usize, got: usize) -> Exception {
    Exception::new(
        ErrorKind::ArityError,
        format!(
            "{name}() takes {want} argument{} but {got} {} given",
            if want == 1 { "" } else { "s" },
            if got == 1 { "was" } else { "were" }
        ),
    )
}
