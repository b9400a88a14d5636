//! Function prototypes, closures, upvalues and native functions.

use super::module::Module;
use crate::bytecode::FunctionCode;
use crate::error::Exception;
use crate::gc_glue::trace_value;
use crate::value::Value;
use crate::vm::Vm;
use devvm_gc::{Gc, GcObject, Trace, Tracer};
use std::cell::Cell;

/// A loaded function: its code, its constants as values, its module, and the counters the
/// JIT's tier-up decision will read.
pub struct Proto {
    pub code: FunctionCode,
    pub constants: Box<[Value]>,
    pub module: Gc<Module>,
    /// Calls so far (tier-up counter).
    pub calls: Cell<u32>,
    /// Loop back-edges taken so far (OSR counter).
    pub backedges: Cell<u32>,
    /// One inline cache per `INVOKE` site.
    pub ics: Box<[Cell<InlineCache>]>,
    /// For a method whose whole body is `return this.name` (`LOCAL_GET_PROP 0 name ic;
    /// RETURN`), the inline-cache slot of that read: `INVOKE_METHOD` then answers the
    /// call from the receiver when the slot has cached the receiver's shape, with no
    /// frame (the Smalltalk VMs' "quick methods"). `NOT_QUICK` otherwise.
    pub quick_field_ic: u16,
}

/// `Proto::quick_field_ic` of a method that is not a field read.
pub const NOT_QUICK: u16 = u16::MAX;

/// The `Proto::quick_field_ic` of a function: the inline-cache slot of its one field read
/// if the function is exactly `return this.name` in the object model's code.
pub fn quick_field_ic(code: &FunctionCode) -> u16 {
    use crate::bytecode::code::decode;
    use crate::bytecode::{Dialect, Op};
    if code.dialect != Dialect::Lox || code.arity != 0 {
        return NOT_QUICK;
    }
    // LOCAL_GET_PROP 0 name ic, then RETURN.
    match decode(&code.code, 0) {
        Some((Op::LocalGetProp, operands, len))
            if operands[0] == 0 && matches!(decode(&code.code, len), Some((Op::Return, _, _))) =>
        {
            operands[2] as u16
        }
        _ => NOT_QUICK,
    }
}

/// A monomorphic inline cache: the receiver kind seen last and the method it resolved to.
#[derive(Clone, Copy, Debug)]
pub struct InlineCache {
    /// What the site saw: a receiver type tag plus one, or one of the interpreter's
    /// special keys (a map entry position, a module slot); 0 is empty.
    pub key: u8,
    /// A position or slot, for the special keys.
    pub aux: u32,
    /// The resolved method, or the module the slot belongs to.
    pub target: Value,
}

impl InlineCache {
    pub const EMPTY: InlineCache = InlineCache { key: 0, aux: 0, target: Value::NIL };
}

impl Trace for Proto {
    fn trace(&mut self, t: &mut Tracer) {
        t.visit(&mut self.module);
        for c in self.constants.iter_mut() {
            trace_value(t, c);
        }
        for ic in self.ics.iter_mut() {
            trace_value(t, &mut ic.get_mut().target);
        }
    }
}

impl GcObject for Proto {
    const KIND: u8 = super::kind::PROTO;
    /// Frames and the interpreter hold prototypes bare, and they live as long as their
    /// module: they never move.
    const PRETENURE: bool = true;
    fn extra_bytes(&self) -> usize {
        self.code.code.len() + self.constants.len() * 8 + self.code.lines.len() * 8
    }
}

/// A function value: a prototype plus its captured variables.
pub struct Closure {
    pub proto: Gc<Proto>,
    pub upvalues: Box<[Gc<Upvalue>]>,
}

impl Trace for Closure {
    fn trace(&mut self, t: &mut Tracer) {
        t.visit(&mut self.proto);
        for u in self.upvalues.iter_mut() {
            t.visit(u);
        }
    }
}

impl GcObject for Closure {
    const KIND: u8 = super::kind::CLOSURE;
    fn extra_bytes(&self) -> usize {
        self.upvalues.len() * 8
    }
}

/// A captured variable. While the variable's frame is live it is *open* and names a slot
/// of the VM stack; when the scope ends the value moves into the upvalue (*closed*).
pub struct Upvalue {
    slot: Cell<usize>,
    closed: Cell<Value>,
}

const CLOSED: usize = usize::MAX;

impl Upvalue {
    pub fn open(slot: usize) -> Upvalue {
        Upvalue { slot: Cell::new(slot), closed: Cell::new(Value::NIL) }
    }

    /// The stack slot, while open.
    #[inline]
    pub fn open_slot(&self) -> Option<usize> {
        let s = self.slot.get();
        if s == CLOSED {
            None
        } else {
            Some(s)
        }
    }

    #[inline]
    pub fn closed_value(&self) -> Value {
        self.closed.get()
    }

    /// Stores into a closed upvalue; the caller has called the write barrier.
    #[inline]
    pub fn set_closed(&self, v: Value) {
        self.closed.set(v);
    }

    /// Moves the value off the stack.
    pub fn close(&self, v: Value) {
        self.closed.set(v);
        self.slot.set(CLOSED);
    }
}

impl Trace for Upvalue {
    fn trace(&mut self, t: &mut Tracer) {
        // An open upvalue's value is on the stack, which is a root already.
        if self.open_slot().is_none() {
            trace_value(t, self.closed.get_mut());
        }
    }
}

impl GcObject for Upvalue {
    const KIND: u8 = super::kind::UPVALUE;
}

/// Where a native function finds its arguments: `len` values on the VM stack from `base`.
/// (Arguments stay on the stack, so they are rooted while the native runs.)
#[derive(Clone, Copy, Debug)]
pub struct NativeArgs {
    pub base: usize,
    pub len: usize,
}

/// A native function. It may allocate (the collector never runs inside an allocation) and
/// may call back into the interpreter through [`Vm::call_value`], which may collect and
/// move objects: values it needs after such a call are rooted in the handle scope
/// (`Vm::root` → `Handle`) and read again through the handle.
pub type NativeFn = fn(&mut Vm, NativeArgs) -> Result<Value, Exception>;

/// How many arguments a native accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arity {
    pub min: u8,
    pub max: u8,
}

impl Arity {
    pub const fn exactly(n: u8) -> Arity {
        Arity { min: n, max: n }
    }
    pub const fn range(min: u8, max: u8) -> Arity {
        Arity { min, max }
    }
    /// Any number of arguments.
    pub const VARIADIC: Arity = Arity { min: 0, max: u8::MAX };
}

pub struct Native {
    pub name: String,
    pub arity: Arity,
    pub function: NativeFn,
    /// A value the native can reach through `vm.native_data()` (a module, a receiver).
    pub data: Value,
    /// A method of a built-in type: its receiver is argument 0 but error messages count
    /// only the arguments the caller wrote.
    pub is_method: bool,
}

impl Trace for Native {
    fn trace(&mut self, t: &mut Tracer) {
        trace_value(t, &mut self.data);
    }
}

impl GcObject for Native {
    const KIND: u8 = super::kind::NATIVE;
    /// Held bare by `call_native` while they run; registered once and kept.
    const PRETENURE: bool = true;
}
