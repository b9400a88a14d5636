//! Instances: a class, a shape id and one slot per field.
//!
//! The shape says which field is in which slot (see `shape.rs`); the slots are a plain
//! vector of values. Field reads through an inline cache compare the shape id and load
//! the slot; adding a field moves the instance to the next shape of the transition tree.

use super::class::Class;
use super::shape::ShapeId;
use crate::gc_glue::trace_value;
use crate::value::Value;
use devvm_gc::{Gc, GcObject, Trace, Tracer};
use std::cell::{Cell, UnsafeCell};

pub struct Instance {
    pub class: Gc<Class>,
    shape: Cell<ShapeId>,
    fields: UnsafeCell<Vec<Value>>,
}

impl Instance {
    pub fn new(class: Gc<Class>) -> Instance {
        let capacity = class.field_hint.get() as usize;
        Instance { class, shape: Cell::new(class.root_shape), fields: UnsafeCell::new(Vec::with_capacity(capacity)) }
    }

    // SAFETY (for every accessor below): single-threaded, and no reference into the vector
    // is ever returned, so borrows cannot overlap.
    #[allow(clippy::mut_from_ref)]
    #[inline(always)]
    fn vec(&self) -> &mut Vec<Value> {
        unsafe { &mut *self.fields.get() }
    }

    #[inline(always)]
    pub fn shape(&self) -> ShapeId {
        self.shape.get()
    }

    /// The value in a slot.
    #[inline(always)]
    pub fn slot(&self, i: usize) -> Option<Value> {
        self.vec().get(i).copied()
    }

    /// The value in a slot known to exist.
    ///
    /// # Safety
    /// `i` is below the field count (the caller checked the instance's shape has slot `i`).
    #[inline(always)]
    pub unsafe fn slot_unchecked(&self, i: usize) -> Value {
        *self.vec().get_unchecked(i)
    }

    /// Stores into a slot known to exist; the caller has called the write barrier.
    ///
    /// # Safety
    /// As for [`Instance::slot_unchecked`].
    #[inline(always)]
    pub unsafe fn set_slot_unchecked(&self, i: usize, v: Value) {
        *self.vec().get_unchecked_mut(i) = v;
    }

    /// Stores into an existing slot; the caller has called the write barrier.
    #[inline(always)]
    pub fn set_slot(&self, i: usize, v: Value) -> bool {
        match self.vec().get_mut(i) {
            Some(s) => {
                *s = v;
                true
            }
            None => false,
        }
    }

    /// Adds a field in the next slot and moves to `new_shape` (whose last field it is);
    /// the caller has called the write barrier. Returns the bytes the buffer grew by.
    pub fn add_field(&self, new_shape: ShapeId, v: Value) -> usize {
        let vec = self.vec();
        let before = vec.capacity();
        vec.push(v);
        self.shape.set(new_shape);
        let n = vec.len() as u32;
        if n > self.class.field_hint.get() {
            self.class.field_hint.set(n.min(64));
        }
        (vec.capacity() - before) * std::mem::size_of::<Value>()
    }

    pub fn field_count(&self) -> usize {
        self.vec().len()
    }
}

impl Trace for Instance {
    fn trace(&mut self, t: &mut Tracer) {
        t.visit(&mut self.class);
        for v in self.fields.get_mut().iter_mut() {
            trace_value(t, v);
        }
    }
}

impl GcObject for Instance {
    const KIND: u8 = super::kind::INSTANCE;
    fn extra_bytes(&self) -> usize {
        self.vec().capacity() * std::mem::size_of::<Value>()
    }
}
