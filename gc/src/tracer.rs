//! Tracing: the `Trace` trait objects implement to report (and let the collector
//! update) their edges, and the `Tracer` that visits them in each collection mode.

use crate::gcptr::{Gc, GcHeader};
use crate::spaces::Spaces;
use std::ptr::NonNull;

/// Implemented by every heap object type: hand every heap pointer the object holds to
/// the tracer, *by mutable reference*, so a copying collection can rewrite it.
///
/// Missing an edge is a use-after-free waiting to happen, so implementations list every
/// field that can hold a pointer. Tracing must not allocate or run guest code.
pub trait Trace {
    fn trace(&mut self, tracer: &mut Tracer);
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Mode {
    /// Minor collection: young targets are copied (or followed to their copy) and the
    /// edge is rewritten; old targets are left alone.
    Evacuate,
    /// Full collection, after the nursery was emptied: mark and push to the gray stack.
    Mark,
    /// `DEVVM_GC_VERIFY`: check every edge, change nothing.
    Verify,
}

/// Visits edges for the collector. Handed to [`Trace::trace`] and to the VM's root
/// enumeration.
pub struct Tracer<'a> {
    pub(crate) mode: Mode,
    pub(crate) spaces: &'a mut Spaces,
    /// Set when an edge visited since the last reset points into the nursery after the
    /// visit (the object being traced must then be in the remembered set if it is old).
    pub(crate) young_seen: bool,
}

impl<'a> Tracer<'a> {
    pub(crate) fn new(mode: Mode, spaces: &'a mut Spaces) -> Tracer<'a> {
        Tracer { mode, spaces, young_seen: false }
    }

    /// Visits one edge given as an untyped header pointer; it may be rewritten.
    #[inline]
    pub fn edge(&mut self, slot: &mut NonNull<GcHeader>) {
        match self.mode {
            Mode::Evacuate => {
                if self.spaces.nursery.contains(*slot) {
                    *slot = self.spaces.evacuate(*slot);
                    if self.spaces.nursery.contains(*slot) {
                        self.young_seen = true;
                    }
                }
            }
            Mode::Mark => {
                // SAFETY: the edge was reached from a root, so its object is live.
                let header = unsafe { slot.as_ref() };
                if !header.is_marked() {
                    header.set_marked(true);
                    self.spaces.gray.push(*slot);
                }
            }
            Mode::Verify => self.spaces.verify_edge(*slot),
        }
    }

    /// Visits a typed edge.
    #[inline]
    pub fn visit<T>(&mut self, gc: &mut Gc<T>) {
        let mut h = gc.header_ptr();
        self.edge(&mut h);
        // SAFETY: the collector returns the same object (maybe at its new address).
        *gc = unsafe { Gc::from_header(h) };
    }
}
