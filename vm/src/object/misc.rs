//! Small object types: boxed ints, errors, ranges and records.

use super::{List, Str};
use crate::error_kind::ErrorKind;
use crate::gc_glue::trace_value;
use crate::value::Value;
use devvm_gc::{Gc, GcObject, Trace, Tracer};
use std::cell::Cell;

/// An int outside the inline 48-bit range.
pub struct BigInt {
    pub value: i64,
}

impl Trace for BigInt {
    fn trace(&mut self, _: &mut Tracer) {}
}

impl GcObject for BigInt {
    const KIND: u8 = super::kind::BIGINT;
}

/// An error value: `kind`, `code`, `message` and `trace` (a list of frames, set when it is
/// first thrown). `builtin` is the VM kind when the error came from one. `payload` is nil,
/// or the arguments a typed language's exception carries (DevFun's `E of int * string`).
pub struct ErrorObj {
    pub kind: Gc<Str>,
    pub code: Gc<Str>,
    pub message: Gc<Str>,
    pub builtin: Option<ErrorKind>,
    pub trace: Cell<Value>,
    pub payload: Cell<Value>,
}

impl Trace for ErrorObj {
    fn trace(&mut self, t: &mut Tracer) {
        t.visit(&mut self.kind);
        t.visit(&mut self.code);
        t.visit(&mut self.message);
        trace_value(t, self.trace.get_mut());
        trace_value(t, self.payload.get_mut());
    }
}

impl GcObject for ErrorObj {
    const KIND: u8 = super::kind::ERROR;
}

/// An int range, normalized to half-open `[start, end)`.
pub struct Range {
    pub start: i64,
    pub end: i64,
}

impl Range {
    pub fn len(&self) -> usize {
        if self.end > self.start {
            (self.end as i128 - self.start as i128) as usize
        } else {
            0
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Trace for Range {
    fn trace(&mut self, _: &mut Tracer) {}
}

impl GcObject for Range {
    const KIND: u8 = super::kind::RANGE;
}

/// Fields a record holds in itself. Three covers what DevFun makes most: cons cells
/// (2), `Some`/`ref` (1), pairs and triples, tree nodes `Node of t * 'a * t` (3). A
/// record with more fields keeps all of them in an overflow list (see [`Record`]).
pub const RECORD_INLINE: usize = 3;

/// A fixed-size tagged record: tuples, variants and record types of typed languages.
///
/// The fields live in the record itself, so making one is a single nursery bump and the
/// record owns no Rust buffer (nothing to free when it dies). Up to [`RECORD_INLINE`]
/// fields are stored in `slots`; a bigger record stores a heap [`List`] of all its
/// fields in `slots[0]` (the other slots stay nil), so the GC's one-size-per-kind objects
/// still fit every record:
///
/// ```text
///  len <= 3:  [header | tag | len | f0   f1  f2 ]
///  len  > 3:  [header | tag | len | list nil nil] ──► List [f0 f1 f2 f3 …]
/// ```
///
/// Write barriers: a store into an inline field is a store into the record, a store into
/// an overflow field a store into the list; [`Record::overflow_owner`] says which, and
/// `Vm::record_store` does both steps. The list is private to its record (never handed
/// out of this crate), so it always holds exactly `len` values.
#[repr(C)]
pub struct Record {
    tag: u32,
    len: u32,
    slots: [Cell<Value>; RECORD_INLINE],
}

impl Record {
    /// A record of at most [`RECORD_INLINE`] fields, field `i` being `field(i)`. Bigger
    /// records are made by `Vm::new_record` (they need their overflow list allocated).
    #[inline(always)]
    pub(crate) fn inline_from(tag: u32, len: usize, field: impl Fn(usize) -> Value) -> Record {
        debug_assert!(len <= RECORD_INLINE, "an inline record has at most {RECORD_INLINE} fields");
        let slot = |i: usize| Cell::new(if i < len { field(i) } else { Value::NIL });
        Record { tag, len: len as u32, slots: std::array::from_fn(slot) }
    }

    /// A record whose fields are the elements of `list` (more than [`RECORD_INLINE`]
    /// of them); the record owns the list from now on.
    pub(crate) fn with_overflow(tag: u32, list: Gc<List>) -> Record {
        debug_assert!(list.len() > RECORD_INLINE, "small records keep their fields inline");
        Record {
            tag,
            len: list.len() as u32,
            slots: std::array::from_fn(|i| Cell::new(if i == 0 { Value::object(list) } else { Value::NIL })),
        }
    }

    #[inline(always)]
    pub fn tag(&self) -> u32 {
        self.tag
    }

    #[inline(always)]
    pub fn len(&self) -> usize {
        self.len as usize
    }

    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[inline(always)]
    fn is_inline(&self) -> bool {
        self.len as usize <= RECORD_INLINE
    }

    /// The overflow list of a record with more than [`RECORD_INLINE`] fields.
    #[inline(always)]
    fn overflow(&self) -> Gc<List> {
        // SAFETY: a record past the inline size is made by `with_overflow`, whose
        // `slots[0]` holds its list and is never overwritten (stores go into the list).
        unsafe { Gc::from_header(self.slots[0].get().as_header_unchecked()) }
    }

    /// Field `i`, if the record has it.
    #[inline(always)]
    pub fn get(&self, i: usize) -> Option<Value> {
        if i >= self.len as usize {
            None
        } else if self.is_inline() {
            // SAFETY: `i < len <= RECORD_INLINE`, the array's length.
            Some(unsafe { self.slots.get_unchecked(i) }.get())
        } else {
            // SAFETY: the list holds exactly `len` fields (records never change size).
            Some(unsafe { self.overflow().get_unchecked(i) })
        }
    }

    /// The fields in order (copied out one at a time, see the module docs).
    pub fn iter(&self) -> impl Iterator<Item = Value> + '_ {
        (0..self.len()).map(|i| self.get(i).expect("i < len"))
    }

    /// The overflow list a store into a field writes into (for the write barrier), or
    /// `None` when the fields are inline and a store writes into the record itself.
    #[inline(always)]
    pub(crate) fn overflow_owner(&self) -> Option<Gc<List>> {
        if self.is_inline() {
            None
        } else {
            Some(self.overflow())
        }
    }

    /// Stores into field `i` (false if there is none); the caller has called the write
    /// barrier on [`Record::overflow_owner`] (or on the record).
    #[inline(always)]
    pub fn set(&self, i: usize, v: Value) -> bool {
        if i >= self.len as usize {
            false
        } else if self.is_inline() {
            // SAFETY: `i < len <= RECORD_INLINE`.
            unsafe { self.slots.get_unchecked(i) }.set(v);
            true
        } else {
            self.overflow().set(i, v)
        }
    }
}

impl Trace for Record {
    fn trace(&mut self, t: &mut Tracer) {
        // Unused slots are nil, so tracing all of them visits every field (and the
        // overflow list) and nothing else.
        for f in self.slots.iter_mut() {
            trace_value(t, f.get_mut());
        }
    }
}

impl GcObject for Record {
    const KIND: u8 = super::kind::RECORD;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_four_words_and_owns_no_buffer() {
        // tag + length, three inline fields.
        assert_eq!(std::mem::size_of::<Record>(), 8 * (1 + RECORD_INLINE));
        assert!(!std::mem::needs_drop::<Record>(), "records own no buffer: nothing to drop");
    }
}
