//! Mutable, growable lists.

use crate::value::Value;
use devvm_gc::{GcObject, Trace, Tracer};
use std::cell::UnsafeCell;

/// A list. Contents are only reached through copying operations (see the module docs).
pub struct List {
    items: UnsafeCell<Vec<Value>>,
}

impl List {
    pub fn new(items: Vec<Value>) -> List {
        List { items: UnsafeCell::new(items) }
    }

    // SAFETY (for every accessor below): the VM is single-threaded and these methods never
    // return a reference into the vector, so no two borrows of it can overlap.
    #[allow(clippy::mut_from_ref)] // Sound here: see the SAFETY note above.
    #[inline]
    fn vec(&self) -> &mut Vec<Value> {
        unsafe { &mut *self.items.get() }
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.vec().len()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[inline]
    pub fn get(&self, i: usize) -> Option<Value> {
        self.vec().get(i).copied()
    }

    /// The element at an index known to be in range.
    ///
    /// # Safety
    /// `i < self.len()`.
    #[inline(always)]
    pub unsafe fn get_unchecked(&self, i: usize) -> Value {
        // SAFETY: the caller guarantees the index is in range.
        unsafe { *self.vec().get_unchecked(i) }
    }

    /// Stores an element; the caller has called the write barrier.
    #[inline]
    pub fn set(&self, i: usize, v: Value) -> bool {
        match self.vec().get_mut(i) {
            Some(slot) => {
                *slot = v;
                true
            }
            None => false,
        }
    }

    /// Appends; returns the bytes the buffer grew by (for heap accounting).
    pub fn push(&self, v: Value) -> usize {
        let vec = self.vec();
        let before = vec.capacity();
        vec.push(v);
        (vec.capacity() - before) * std::mem::size_of::<Value>()
    }

    pub fn pop(&self) -> Option<Value> {
        self.vec().pop()
    }

    pub fn insert(&self, i: usize, v: Value) {
        self.vec().insert(i, v)
    }

    pub fn remove(&self, i: usize) -> Value {
        self.vec().remove(i)
    }

    pub fn clear(&self) {
        self.vec().clear()
    }

    pub fn reverse(&self) {
        self.vec().reverse()
    }

    /// A copy of the elements, safe to hold while running guest code.
    pub fn snapshot(&self) -> Vec<Value> {
        self.vec().clone()
    }

    /// Replaces the contents (used by in-place sorts that work on a snapshot).
    pub fn replace(&self, items: Vec<Value>) {
        *self.vec() = items;
    }

    pub fn extend_from(&self, other: &List) {
        let src = other.snapshot();
        self.vec().extend_from_slice(&src);
    }
}

impl Trace for List {
    fn trace(&mut self, t: &mut Tracer) {
        for v in self.items.get_mut().iter_mut() {
            crate::gc_glue::trace_value(t, v);
        }
    }
}

impl GcObject for List {
    const KIND: u8 = super::kind::LIST;
    fn extra_bytes(&self) -> usize {
        self.vec().capacity() * std::mem::size_of::<Value>()
    }
}
