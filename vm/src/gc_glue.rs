//! The bridge between values and the collector: marking a value marks its object.

use crate::value::Value;
use devvm_gc::Marker;

#[inline]
pub fn mark_value(m: &mut Marker, v: Value) {
    if let Some(h) = v.as_header() {
        m.mark_header(h);
    }
}
