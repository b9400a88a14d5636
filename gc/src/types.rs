//! The type table: what the heap knows about each kind of object, so it can copy, trace,
//! size and drop objects without knowing their Rust types.

use crate::gcptr::{Gc, GcBox, GcHeader};
use crate::tracer::{Trace, Tracer};
use std::ptr::NonNull;

/// A type that lives on the heap. `KIND` indexes the type table given to
/// [`crate::Heap::new`]; the VM declares one kind per object type.
pub trait GcObject: Trace + 'static {
    const KIND: u8;
    /// Allocate straight into the old space instead of the nursery: for objects that
    /// live for the whole program (prototypes, modules, native functions) and that Rust
    /// code outside the heap holds bare (`Frame`s, the REPL's module), which must
    /// therefore never move.
    const PRETENURE: bool = false;
    /// Bytes the object owns outside its box (a list's buffer, a string's bytes), so the
    /// heap's growth policy sees them.
    fn extra_bytes(&self) -> usize {
        0
    }
}

/// What the heap needs to know about one kind of object.
#[derive(Clone, Copy)]
pub struct TypeInfo {
    pub name: &'static str,
    /// `size_of::<GcBox<T>>()`, a multiple of 8.
    pub(crate) size: usize,
    pub(crate) needs_drop: bool,
    pub(crate) trace: unsafe fn(NonNull<GcHeader>, &mut Tracer),
    pub(crate) extra: unsafe fn(NonNull<GcHeader>) -> usize,
    pub(crate) drop: unsafe fn(NonNull<GcHeader>),
}

unsafe fn trace_erased<T: GcObject>(ptr: NonNull<GcHeader>, tracer: &mut Tracer) {
    // SAFETY: the heap only calls this for live objects whose header kind is `T::KIND`,
    // while the collector has exclusive use of the heap (no `&T` is used across a
    // collection: the VM re-reads its pointers from the updated roots).
    let boxed = unsafe { &mut *ptr.cast::<GcBox<T>>().as_ptr() };
    boxed.value.trace(tracer);
}

unsafe fn extra_erased<T: GcObject>(ptr: NonNull<GcHeader>) -> usize {
    // SAFETY: as above, the kind says this is a live `GcBox<T>`.
    let obj: Gc<T> = unsafe { Gc::from_header(ptr) };
    obj.extra_bytes()
}

unsafe fn drop_erased<T: GcObject>(ptr: NonNull<GcHeader>) {
    // SAFETY: called exactly once for a dead object that was not copied elsewhere; the
    // memory itself is released (or reused) by its space afterwards.
    unsafe { std::ptr::drop_in_place(&mut (*ptr.cast::<GcBox<T>>().as_ptr()).value) };
}

impl TypeInfo {
    /// The type-table entry of `T`.
    pub const fn of<T: GcObject>(name: &'static str) -> TypeInfo {
        assert!(std::mem::align_of::<GcBox<T>>() <= 8, "heap objects are 8-byte aligned");
        assert!(std::mem::size_of::<GcBox<T>>() >= 16, "the forwarding word needs a body word");
        TypeInfo {
            name,
            size: std::mem::size_of::<GcBox<T>>(),
            needs_drop: std::mem::needs_drop::<T>(),
            trace: trace_erased::<T>,
            extra: extra_erased::<T>,
            drop: drop_erased::<T>,
        }
    }
}
