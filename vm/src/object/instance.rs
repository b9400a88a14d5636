//! Instances: a class, a shape id and one slot per field.
//!
//! The shape says which field is in which slot (see `shape.rs`). The first
//! [`INLINE_SLOTS`] slots live in the instance itself, so making an instance is one
//! nursery bump (no separate buffer to allocate and free) and a field read through an
//! inline cache is one load from the instance. Slots past those live in an overflow
//! list, a heap object of its own that only instances with many fields have:
//!
//! ```text
//!  [header | class | shape len | slot0 … slot3 | overflow ] ──► List [slot4 slot5 …]
//! ```
//!
//! Field reads through an inline cache compare the shape id and load the slot; adding a
//! field moves the instance to the next shape of the transition tree.
//!
//! Write barriers: a store into an inline slot is a store into the instance (barrier on
//! the instance); a store into an overflow slot is a store into the list (barrier on the
//! list). [`Instance::overflow_owner`] says which, and `Vm::instance_store` does both.

use super::class::Class;
use super::list::List;
use super::shape::ShapeId;
use crate::gc_glue::trace_value;
use crate::value::Value;
use devvm_gc::{Gc, GcObject, Trace, Tracer};
use std::cell::Cell;

/// Slots stored in the instance itself. Four covers the instances of most small classes
/// (points, nodes, toggles); a bigger instance reads its fifth and later fields with one
/// more compare and two more loads (the overflow list). Six was measured too: fewer
/// instructions on Richards, but `property.dvo` ran 25–35% slower in wall time at the
/// same instruction count (see `docs/decisions.md`).
pub const INLINE_SLOTS: usize = 4;

/// `repr(C)`: the fields in the order drawn above, so the shape id shares the header's
/// cache line.
#[repr(C)]
pub struct Instance {
    pub class: Gc<Class>,
    shape: Cell<ShapeId>,
    /// The number of fields (slots in use).
    len: Cell<u32>,
    inline: [Cell<Value>; INLINE_SLOTS],
    /// Nil, or the list holding slots `INLINE_SLOTS..`.
    overflow: Cell<Value>,
}

impl Instance {
    pub fn new(class: Gc<Class>) -> Instance {
        Instance {
            class,
            shape: Cell::new(class.root_shape),
            len: Cell::new(0),
            inline: [const { Cell::new(Value::NIL) }; INLINE_SLOTS],
            overflow: Cell::new(Value::NIL),
        }
    }

    #[inline(always)]
    pub fn shape(&self) -> ShapeId {
        self.shape.get()
    }

    #[inline(always)]
    fn overflow_list(&self) -> Option<Gc<List>> {
        self.overflow.get().downcast::<List>()
    }

    /// The value in a slot.
    #[inline(always)]
    pub fn slot(&self, i: usize) -> Option<Value> {
        if i >= self.len.get() as usize {
            return None;
        }
        match self.inline.get(i) {
            Some(c) => Some(c.get()),
            None => self.overflow_list()?.get(i - INLINE_SLOTS),
        }
    }

    /// The overflow list a store into slot `i` writes into (for the write barrier), or
    /// `None` when the slot is inline and the store writes into the instance.
    #[inline]
    pub fn overflow_owner(&self, i: usize) -> Option<Gc<List>> {
        if i < INLINE_SLOTS {
            None
        } else {
            self.overflow_list()
        }
    }

    /// The value in an inline slot known to exist.
    ///
    /// # Safety
    /// `i` is below both the field count and [`INLINE_SLOTS`].
    #[inline(always)]
    pub unsafe fn inline_slot_unchecked(&self, i: usize) -> Value {
        // SAFETY: `i` is in the inline array.
        unsafe { self.inline.get_unchecked(i) }.get()
    }

    /// The value in an overflow slot known to exist.
    ///
    /// # Safety
    /// `INLINE_SLOTS <= i < ` the field count.
    #[inline(always)]
    pub unsafe fn overflow_slot_unchecked(&self, i: usize) -> Value {
        // SAFETY: an instance with a slot past the inline ones has its overflow list,
        // holding slots `INLINE_SLOTS..len`.
        unsafe {
            let list: Gc<List> = Gc::from_header(self.overflow.get().as_header_unchecked());
            list.get_unchecked(i - INLINE_SLOTS)
        }
    }

    /// Stores into an inline slot; the caller has called the write barrier on the instance.
    ///
    /// # Safety
    /// `i` is below both the field count and [`INLINE_SLOTS`].
    #[inline(always)]
    pub unsafe fn set_inline_slot_unchecked(&self, i: usize, v: Value) {
        // SAFETY: `i` is in the inline array.
        unsafe { self.inline.get_unchecked(i) }.set(v);
    }

    /// Stores into an existing slot; the caller has called the write barrier on
    /// [`Instance::overflow_owner`] (or the instance, for an inline slot).
    #[inline]
    pub fn set_slot(&self, i: usize, v: Value) -> bool {
        if i >= self.len.get() as usize {
            return false;
        }
        match self.inline.get(i) {
            Some(c) => {
                c.set(v);
                true
            }
            None => self.overflow_list().is_some_and(|l| l.set(i - INLINE_SLOTS, v)),
        }
    }

    /// Adds a field in the next slot, if that slot is inline, and moves to `new_shape`
    /// (whose last field it is); the caller has called the write barrier on the instance.
    /// Returns false (and changes nothing) when the next slot is an overflow slot.
    #[inline(always)]
    pub fn add_inline_field(&self, new_shape: ShapeId, v: Value) -> bool {
        let n = self.len.get() as usize;
        match self.inline.get(n) {
            Some(c) => {
                c.set(v);
                self.len.set(n as u32 + 1);
                self.shape.set(new_shape);
                true
            }
            None => false,
        }
    }

    /// Adds a field in the next slot, an overflow slot, given the overflow list (made by
    /// the caller if the instance had none, and stored here); the caller has called the
    /// write barriers (the list's for `v`, the instance's for a new list). Returns the
    /// bytes the list's buffer grew by.
    pub fn add_overflow_field(&self, list: Gc<List>, new_shape: ShapeId, v: Value) -> usize {
        self.overflow.set(Value::object(list));
        let grown = list.push(v);
        self.len.set(self.len.get() + 1);
        self.shape.set(new_shape);
        grown
    }

    /// The overflow list, if the instance has one.
    pub fn overflow(&self) -> Option<Gc<List>> {
        self.overflow_list()
    }

    pub fn field_count(&self) -> usize {
        self.len.get() as usize
    }
}

impl Trace for Instance {
    fn trace(&mut self, t: &mut Tracer) {
        t.visit(&mut self.class);
        let n = (self.len.get() as usize).min(INLINE_SLOTS);
        for c in &mut self.inline[..n] {
            trace_value(t, c.get_mut());
        }
        trace_value(t, self.overflow.get_mut());
    }
}

impl GcObject for Instance {
    const KIND: u8 = super::kind::INSTANCE;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instance_is_seven_words() {
        // class, shape + length, four inline slots, the overflow list.
        assert_eq!(std::mem::size_of::<Instance>(), 8 * (3 + INLINE_SLOTS));
        assert!(!std::mem::needs_drop::<Instance>(), "instances own no buffer: nothing to drop");
    }
}
