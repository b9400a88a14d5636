//! The bridge between values and the collector: tracing a value traces (and, when the
//! object moves, rewrites) its object pointer.

use crate::value::Value;
use devvm_gc::Tracer;

/// Visits the object a value points to, if any; the value is updated when the object
/// moved. Every `Trace` implementation reports its value fields through this.
#[inline]
pub fn trace_value(t: &mut Tracer, v: &mut Value) {
    if let Some(mut h) = v.as_header() {
        let before = h;
        t.edge(&mut h);
        if h != before {
            *v = Value::from_header(h);
        }
    }
}
