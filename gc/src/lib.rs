//! devvm-gc — the VM heap: generational, precise, moving in the young generation.
//!
//! ```text
//!   Heap::alloc(T) ─► eden bump (cursor += size; cursor <= limit)      young
//!        │  pretenured kind, or eden full ─► old space (remembered)
//!        ▼
//!   minor collection (at a safepoint): roots + remembered set ─► copy live young
//!        objects to a survivor space (age 1) or to the old space (age 2: promoted),
//!        rewrite every edge, drop the dead young objects, reset eden
//!   major collection (old space grew past its threshold): minor with promote-all,
//!        then mark (gray stack) from the roots, weak tables, sweep the old space
//! ```
//!
//! The design, its invariants and the tuning knobs are described in `docs/gc.md`. In
//! short, what code using the heap must keep:
//!
//! * **Objects move.** A young object is copied at its first and second minor
//!   collection. Every place that holds a pointer across a collection must be a root
//!   handed to the [`Tracer`] by the VM (or a field reported by [`Trace::trace`]), which
//!   rewrites it. Rust code outside the heap must not keep a [`Gc`] or an object value
//!   across anything that can collect: it re-reads it from a root afterwards (the VM's
//!   handle scope gives native code such roots). Pretenured kinds
//!   ([`GcObject::PRETENURE`]: prototypes, modules, natives) never move.
//! * **Collection happens only when the VM calls [`Heap::collect`]**, at its safepoints;
//!   allocation never collects. Between two safepoints native code may hold bare
//!   pointers; across one (a call into guest code) it must use handles.
//! * **Every store of a heap pointer into a heap object calls [`Heap::write_barrier`]**,
//!   which records old→young edges in the remembered set (object-granular, one header
//!   bit). Objects allocated outside eden are remembered at birth, so their
//!   initializing stores need no barrier. `DEVVM_GC_VERIFY=1` checks this.
//! * **Tracing reports edges by `&mut`** ([`Tracer::edge`], [`Tracer::visit`]), so a
//!   copying collection can update them. Tracing never allocates and never recurses.
//! * **Identity hashes live in the header** ([`GcHeader::identity_hash`]): addresses
//!   change, so nothing may hash an object by its address.
//!
//! For compiled code: [`Nursery::cursor`]/[`Nursery::limit`] are plain fields (the
//! allocation fast path is a bump and a compare), and the barrier's fast path is two
//! range checks against [`Nursery::start`]/[`Nursery::size`] and a test of
//! [`HEADER_REMEMBERED_BIT`] (see [`Heap::write_barrier`]).
//!
//! # Unsafe
//! `Gc<T>` is a raw pointer; dereferencing it is sound while the object is live and not
//! moved, which is the contract above. The collector copies objects bitwise (a valid Rust
//! move) and never drops the vacated original; dead young objects are dropped in place
//! exactly once (a walk of eden and the emptied survivor space); old objects are dropped and freed by the sweep. The
//! forwarding address of a copied object overwrites its first body word, which is why
//! every object has one (checked in [`TypeInfo::of`]).

mod collect;
mod gcptr;
mod heap;
mod nursery;
mod old;
mod spaces;
mod stats;
mod tracer;
mod types;
mod verify;

pub use collect::{Roots, WeakSweep};
pub use gcptr::{Gc, GcBox, GcHeader, HEADER_REMEMBERED_BIT};
pub use heap::{CollectionKind, Heap, HeapConfig, DEFAULT_NURSERY};
pub use nursery::Nursery;
pub use stats::GcStats;
pub use tracer::{Trace, Tracer};
pub use types::{GcObject, TypeInfo};

#[cfg(test)]
mod tests;
