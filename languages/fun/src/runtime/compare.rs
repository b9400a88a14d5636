//! Structural comparison, equality and hashing (OCaml's `compare`, `=`, `Hashtbl.hash`),
//! iterative so that long lists do not recurse.

use super::raise_with;
use devvm_vm::object::{kind, ErrorObj, List, NativeArgs, Record, Str};
use devvm_vm::{as_int, Value, Vm, VmResult};
use std::cmp::Ordering;

/// Compares two values of the same DevFun type. `None` means a function was reached.
fn structural(a: Value, b: Value, nan_equal: bool) -> Result<Ordering, &'static str> {
    let mut work = vec![(a, b)];
    while let Some((x, y)) = work.pop() {
        if x.bits() == y.bits() && !x.as_float().is_some_and(f64::is_nan) {
            continue;
        }
        let o = match (as_int(x), as_int(y)) {
            (Some(i), Some(j)) => i.cmp(&j),
            // A constant constructor (int) sorts before one with arguments (a record).
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => {
                if let (Some(f), Some(g)) = (x.as_float(), y.as_float()) {
                    match f.partial_cmp(&g) {
                        Some(o) => o,
                        None if nan_equal => f.is_nan().cmp(&g.is_nan()).reverse(),
                        None => return Err("nan"),
                    }
                } else if let (Some(p), Some(q)) = (x.as_bool(), y.as_bool()) {
                    p.cmp(&q)
                } else if x.is_nil() && y.is_nil() {
                    Ordering::Equal
                } else if let (Some(s), Some(t)) = (x.downcast::<Str>(), y.downcast::<Str>()) {
                    s.as_str().as_bytes().cmp(t.as_str().as_bytes())
                } else if let (Some(r), Some(s)) = (x.downcast::<Record>(), y.downcast::<Record>()) {
                    let o = r.tag().cmp(&s.tag()).then(r.len().cmp(&s.len()));
                    if o == Ordering::Equal {
                        let pairs: Vec<(Value, Value)> = r.iter().zip(s.iter()).collect();
                        work.extend(pairs.into_iter().rev());
                        continue;
                    }
                    o
                } else if let (Some(l), Some(m)) = (x.downcast::<List>(), y.downcast::<List>()) {
                    let o = l.len().cmp(&m.len());
                    if o == Ordering::Equal {
                        for i in (0..l.len()).rev() {
                            work.push((l.get(i).unwrap_or(Value::NIL), m.get(i).unwrap_or(Value::NIL)));
                        }
                        continue;
                    }
                    o
                } else if let (Some(e), Some(f)) = (x.downcast::<ErrorObj>(), y.downcast::<ErrorObj>()) {
                    let o = e.kind.as_str().cmp(f.kind.as_str());
                    if o == Ordering::Equal {
                        work.push((e.payload.get(), f.payload.get()));
                        continue;
                    }
                    o
                } else if matches!(x.object_kind(), Some(kind::CLOSURE | kind::NATIVE)) {
                    return Err("functional value");
                } else {
                    Ordering::Equal
                }
            }
        };
        if o != Ordering::Equal {
            return Ok(o);
        }
    }
    Ok(Ordering::Equal)
}

pub fn compare(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    match structural(vm.arg(args, 0), vm.arg(args, 1), true) {
        Ok(o) => Ok(Value::small_int(o as i64)),
        Err(_) => Err(raise_with(vm, "Invalid_argument", "compare: functional value")),
    }
}

pub fn equal(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    match structural(vm.arg(args, 0), vm.arg(args, 1), false) {
        Ok(o) => Ok(Value::bool(o == Ordering::Equal)),
        Err("nan") => Ok(Value::FALSE),
        Err(_) => Err(raise_with(vm, "Invalid_argument", "compare: functional value")),
    }
}

/// A structural hash over at most a bounded number of nodes (as `Hashtbl.hash`), so
/// equal values hash equally and huge values hash in bounded time.
pub fn hash(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut mix = |x: u64| {
        h ^= x;
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    let mut work = std::collections::VecDeque::from([vm.arg(args, 0)]);
    let mut budget = 64;
    while let Some(v) = work.pop_front() {
        if budget == 0 {
            break;
        }
        budget -= 1;
        if let Some(i) = as_int(v) {
            mix(i as u64);
        } else if let Some(f) = v.as_float() {
            mix(if f == 0.0 { 0 } else { f.to_bits() });
        } else if let Some(s) = v.downcast::<Str>() {
            mix(s.hash());
        } else if let Some(r) = v.downcast::<Record>() {
            mix(0x9e37 ^ r.tag() as u64);
            work.extend(r.iter());
        } else if let Some(l) = v.downcast::<List>() {
            mix(l.len() as u64);
            work.extend(l.snapshot());
        } else {
            mix(v.bits() & 0xff);
        }
    }
    Ok(Value::small_int((h & 0x3fff_ffff) as i64))
}
