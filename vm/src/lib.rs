//! devvm-vm — values, objects, bytecode, and the interpreter.
//!
//! ```text
//!   CompiledModule (plain data from the compiler or a .dvc file)
//!        │ Vm::load: constants → values, functions → heap Protos
//!        ▼
//!   Closure ──► Vm::run_main ──► interpreter loop (tier 0) ──► values / RuntimeError
//!                                  │  frames: windows of one value stack
//!                                  │  calls: no host recursion (natives may re-enter,
//!                                  │         bounded by NATIVE_REENTRY_LIMIT)
//!                                  └─ exceptions: unwind through handler tables
//! ```
//!
//! Invariants:
//! * A [`Value`] is one word (NaN-boxed); floats and small ints never allocate.
//! * Every heap object is allocated through [`devvm_gc::Heap`]; every store of a heap
//!   pointer into a heap object calls `Heap::write_barrier` (the `Vm::list_set`,
//!   `Vm::map_insert`, `Vm::module_set`, `Vm::record_store` helpers and the
//!   interpreter's stores do).
//! * Roots are exact: the live part of the value stack, the frames' closures, open
//!   upvalues, the handle scope, built-ins, method tables and loaded
//!   modules (`Vm::collect_with` lists them); the intern table is weak.
//! * Collection happens only at safepoints (calls, loop back-edges); allocation never
//!   collects, so native code may hold bare values between safepoints. **Objects move**
//!   (the nursery is copying): across anything that runs guest code, native code keeps
//!   values in the handle scope (`Vm::root` → [`Handle`], `Vm::handle`) and re-reads
//!   them afterwards; the interpreter reloads its frame state after every collection.
//!   Prototypes, modules and natives are pretenured and never move.
//! * Objects with no content hash are hashed by the identity hash in their header,
//!   never by address.
//! * All state hangs off [`Vm`]; there are no globals.
//!
//! Unsafe: `Value` ↔ object pointers (`value.rs`, checked by kind), the interpreter's
//! stack access (`interp.rs`, bounded by each function's computed maximum stack), the
//! opcode transmute (`interp.rs`, bytes come from the compiler), the `UnsafeCell`
//! contents of lists, maps and modules (`object/`, never borrowed across calls), and the
//! unchecked field reads of instances and records (`object/instance.rs`, `object/misc.rs`:
//! the index is checked against the field count first).

mod apply;
pub mod bytecode;
mod call;
mod class_ops;
mod dialect;
mod error;
mod error_kind;
pub mod format;
pub mod format_lox;
mod gc_glue;
mod interp;
pub mod object;
mod ops_slow;
mod policy;
mod record_ops;
mod slot;
mod throw;
mod types;
mod value;
mod vm;

pub use class_ops::IC_WAYS;
pub use devvm_gc::Gc;
pub use error::{Exception, RuntimeError, TraceFrame, VmResult};
pub use error_kind::{errors_markdown, ErrorKind};
pub use gc_glue::trace_value;
pub use ops_slow_api::*;
pub use policy::{Policy, DEFAULT_MAX_DEPTH};
pub use types::{as_int, as_number, TypeTag};
pub use value::{Value, SMALL_INT_MAX, SMALL_INT_MIN};
pub use vm::{Handle, ModuleLoader, Rooted, StdModuleInit, Vm, VmStats};

/// The operator semantics, for native code that needs them (sorting, `index_of`).
mod ops_slow_api {
    use crate::error::VmResult;
    use crate::value::Value;
    use std::cmp::Ordering;

    /// The language's `==`.
    pub fn values_equal(a: Value, b: Value) -> VmResult<bool> {
        crate::ops_slow::equals(a, b)
    }

    /// The language's ordering (numbers, or two strings; else a TypeError).
    pub fn values_compare(a: Value, b: Value) -> VmResult<Ordering> {
        crate::ops_slow::compare(a, b, "<")
    }

    /// A list-style index check (`-len .. len-1`).
    pub fn checked_index(index: Value, len: usize, what: &str) -> VmResult<usize> {
        crate::ops_slow::list_index(index, len, what)
    }
}
