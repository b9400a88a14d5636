//! devvm-gc — the VM heap.
//!
//! ```text
//!   Heap::alloc(T) ──► GcBox<T> { GcHeader, T } ──► Gc<T> (a Copy pointer)
//!        │                                         │
//!        └── objects: Vec<ptr> (every live box)    └── stored in VM values
//!
//!   collect(roots) = mark (iterative, gray stack) ─► weak sweep ─► sweep (free unmarked)
//! ```
//!
//! This is the foundation collector: a precise, non-moving mark-sweep heap. The
//! generational collector (nursery, promotion, remembered set) replaces the inside of
//! [`Heap`] later without changing its API; the API is shaped for that already:
//!
//! * Every heap object starts with one header word ([`GcHeader`]): its kind byte (an index
//!   into the type table the VM registers), the mark bit, and bits reserved for ages and
//!   the remembered-set flag.
//! * Every store of a heap pointer into a heap object must call [`Heap::write_barrier`].
//!   It is a no-op in this collector; the generational one records old→young edges there.
//! * Roots are exact: the VM hands every root to the [`Marker`] in the closure it passes to
//!   [`Heap::collect`]. Nothing is found by scanning the host stack, so native code must
//!   keep values it needs across an allocation in a rooted place (the VM's handle scope).
//! * Collection only happens inside [`Heap::collect`], which the VM calls at its
//!   safepoints; allocation itself never collects. That is what makes the rule above
//!   workable: between two safepoints a native function may hold bare pointers.
//!
//! Marking is iterative (an explicit gray stack), so a million-deep linked structure
//! does not overflow the host stack.
//!
//! # Unsafe
//! `Gc<T>` is a raw pointer. Dereferencing it is sound as long as the object is reachable
//! from the roots at every collection it lives through, which is the contract above. Object
//! boxes are created from `Box` and freed with `Box::from_raw` of the same type, chosen by
//! the per-kind [`TypeInfo`] recorded at allocation.

mod gcptr;
mod heap;
mod marker;
mod stats;

pub use gcptr::{Gc, GcBox, GcHeader};
pub use heap::{GcObject, Heap, HeapConfig, TypeInfo};
pub use marker::{Marker, Trace};
pub use stats::GcStats;
