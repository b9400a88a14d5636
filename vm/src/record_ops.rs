//! Making records and storing into them: the two operations on [`Record`] that need the
//! heap (an overflow list to allocate, a write barrier to call).

use crate::object::{List, Record, RECORD_INLINE};
use crate::value::Value;
use crate::vm::Vm;
use devvm_gc::Gc;

impl Vm {
    /// A new record of `len` fields, field `i` being `field(i)`: one nursery bump when
    /// the fields fit inline, else the record and its overflow list. Allocates (never
    /// collects). `RECORD` calls this with the fields on the value stack.
    #[inline(always)]
    pub(crate) fn new_record_from(&mut self, tag: u32, len: usize, field: impl Fn(usize) -> Value) -> Gc<Record> {
        if len <= RECORD_INLINE {
            self.heap.alloc(Record::inline_from(tag, len, field))
        } else {
            self.new_big_record(tag, (0..len).map(field).collect())
        }
    }

    #[cold]
    #[inline(never)]
    fn new_big_record(&mut self, tag: u32, fields: Vec<Value>) -> Gc<Record> {
        // Allocation never collects, so the list is still where it was made when the
        // record that owns it is allocated; either is remembered at birth if it went to
        // the old space, so neither initializing store needs a barrier.
        let list = self.heap.alloc(List::new(fields));
        self.heap.alloc(Record::with_overflow(tag, list))
    }

    /// A new record holding `fields`. Allocates (never collects).
    pub fn new_record(&mut self, tag: u32, fields: &[Value]) -> Gc<Record> {
        self.new_record_from(tag, fields.len(), |i| fields[i])
    }

    /// Stores into field `i` of a record, with the write barrier on the object the field
    /// lives in (the record or its overflow list). False if there is no field `i`.
    #[inline]
    pub fn record_store(&mut self, r: Gc<Record>, i: usize, v: Value) -> bool {
        if i >= r.len() {
            return false;
        }
        if let Some(h) = v.as_header() {
            let owner = r.overflow_owner().map_or(r.header_ptr(), |l| l.header_ptr());
            self.heap.write_barrier(owner, h);
        }
        r.set(i, v)
    }
}

#[cfg(test)]
mod tests {
    use crate::policy::Policy;
    use crate::value::Value;
    use crate::vm::Vm;

    #[test]
    fn small_and_big_records_keep_every_field() {
        let mut vm = Vm::new(Policy::default());
        for n in 0..8 {
            let fields: Vec<Value> = (0..n).map(|i| Value::small_int(i as i64 * 10)).collect();
            let r = vm.new_record(7, &fields);
            assert_eq!((r.tag(), r.len()), (7, n));
            assert_eq!(r.iter().collect::<Vec<_>>(), fields);
            assert_eq!(r.get(n), None);
            assert!(vm.record_store(r, n.saturating_sub(1), Value::small_int(-1)) == (n > 0));
            if n > 0 {
                assert_eq!(r.get(n - 1), Some(Value::small_int(-1)));
            }
            assert!(!vm.record_store(r, n, Value::NIL));
        }
    }
}
