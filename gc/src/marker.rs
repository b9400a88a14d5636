//! Marking: the gray stack and the `Trace` trait objects implement to report their edges.

use crate::gcptr::{Gc, GcHeader};
use std::ptr::NonNull;

/// Implemented by every heap object type: report every heap pointer the object holds.
///
/// Missing an edge is a use-after-free waiting to happen, so implementations list every
/// field that can hold a value.
pub trait Trace {
    fn trace(&self, marker: &mut Marker);
}

/// Collects gray objects during marking. Marking is iterative: `mark` only sets the bit
/// and pushes the object; the heap drains the stack, so depth never reaches the host stack.
pub struct Marker {
    pub(crate) gray: Vec<NonNull<GcHeader>>,
}

impl Marker {
    pub(crate) fn new() -> Marker {
        Marker { gray: Vec::with_capacity(256) }
    }

    /// Marks an object given its header pointer.
    #[inline]
    pub fn mark_header(&mut self, ptr: NonNull<GcHeader>) {
        // SAFETY: the caller holds this pointer in a rooted or reachable place, so the
        // object is live (crate contract).
        let header = unsafe { ptr.as_ref() };
        if !header.is_marked() {
            header.set_marked(true);
            self.gray.push(ptr);
        }
    }

    /// Marks a typed object.
    #[inline]
    pub fn mark<T>(&mut self, gc: Gc<T>) {
        self.mark_header(gc.header_ptr());
    }
}
