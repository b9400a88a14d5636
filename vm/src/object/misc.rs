//! Small object types: boxed ints, errors, ranges and records.

use super::Str;
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

/// A fixed-size tagged record: tuples, variants and record types of typed languages.
pub struct Record {
    pub tag: u32,
    pub fields: Box<[Cell<Value>]>,
}

impl Trace for Record {
    fn trace(&mut self, t: &mut Tracer) {
        for f in self.fields.iter_mut() {
            trace_value(t, f.get_mut());
        }
    }
}

impl GcObject for Record {
    const KIND: u8 = super::kind::RECORD;
    fn extra_bytes(&self) -> usize {
        self.fields.len() * 8
    }
}
