//! The `list` module: functions that build lists.
//!
//! * `range(n)`, `range(a, b)`, `range(a, b, step)`: always a list (unlike the built-in
//!   `range`, whose one- and two-argument forms are lazy range values).
//! * `repeat(v, n)`: `n` references to the same `v` (ValueError when `n < 0`).
//! * `zip(a, b, ...)`: lists of the i-th elements, as long as the shortest list.
//! * `sum(xs)`: the sum of numbers (ints stay ints, with OverflowError; a float makes the
//!   rest float; an empty list gives 0).
//! * `from(x)`: a new list of what `for` would visit in `x` (a list's elements, a
//!   string's characters, a map's keys, a range's ints).
//! * `enumerate(xs)`: `[index, element]` pairs.

use crate::args::{check_items, Call};
use crate::builtins::{int_list, stepped_range};
use devvm_vm::object::{Arity, List, Map, NativeArgs, NativeFn, Range, Str};
use devvm_vm::{as_int, ErrorKind, Exception, Value, Vm, VmResult};

pub(crate) fn init(vm: &mut Vm) -> VmResult<Value> {
    let functions: [(&str, Arity, NativeFn); 6] = [
        ("range", Arity::range(1, 3), range),
        ("repeat", Arity::exactly(2), repeat),
        ("zip", Arity::range(1, u8::MAX), zip),
        ("sum", Arity::exactly(1), sum),
        ("from", Arity::exactly(1), from),
        ("enumerate", Arity::exactly(1), enumerate),
    ];
    let exports: Vec<(&str, Value)> =
        functions.into_iter().map(|(name, arity, f)| (name, vm.native(&format!("list.{name}"), arity, f))).collect();
    Ok(vm.new_module("list", &exports))
}

fn range(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::function(args, "list.range");
    if args.len == 1 {
        let end = call.int(vm, 0)?;
        return int_list(vm, &call, 0, end, 1);
    }
    stepped_range(vm, &call, 0)
}

fn repeat(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::function(args, "list.repeat");
    let v = call.get(vm, 0);
    let n = call.int(vm, 1)?;
    let n = usize::try_from(n).map_err(|_| call.value_error(format!("negative count {n}")))?;
    check_items(vm, n, std::mem::size_of::<Value>())?;
    Ok(vm.list_value(vec![v; n]))
}

fn zip(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::function(args, "list.zip");
    let mut columns = Vec::with_capacity(args.len);
    for i in 0..args.len {
        let list = list_arg!(vm, call, i);
        columns.push(list.snapshot());
    }
    let rows = columns.iter().map(Vec::len).min().unwrap_or(0);
    check_items(vm, rows, 32 + 8 * columns.len())?;
    // Allocation never collects: the row lists need no rooting before the result holds them.
    let out: Vec<Value> = (0..rows)
        .map(|r| {
            let row: Vec<Value> = columns.iter().map(|c| c[r]).collect();
            vm.list_value(row)
        })
        .collect();
    Ok(vm.list_value(out))
}

fn sum(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::function(args, "list.sum");
    let list = list_arg!(vm, call, 0);
    let mut int_total: i64 = 0;
    let mut float_total: Option<f64> = None;
    for v in list.snapshot() {
        match (as_int(v), v.as_float(), float_total) {
            (Some(i), _, None) => {
                int_total = int_total
                    .checked_add(i)
                    .ok_or_else(|| Exception::new(ErrorKind::OverflowError, "list.sum: integer overflow"))?;
            }
            (Some(i), _, Some(f)) => float_total = Some(f + i as f64),
            (None, Some(x), None) => float_total = Some(int_total as f64 + x),
            (None, Some(x), Some(f)) => float_total = Some(f + x),
            (None, None, _) => {
                return Err(Exception::type_error(format!(
                    "list.sum: expected numbers, found a {}",
                    crate::args::type_name(v)
                )))
            }
        }
    }
    Ok(match float_total {
        Some(f) => Value::float(f),
        None => vm.int(int_total),
    })
}

fn from(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::function(args, "list.from");
    let v = call.get(vm, 0);
    if let Some(l) = v.downcast::<List>() {
        let items = l.snapshot();
        return Ok(vm.list_value(items));
    }
    if v.downcast::<Str>().is_some() {
        return crate::string_methods::chars_impl(vm, call);
    }
    if let Some(m) = v.downcast::<Map>() {
        let keys: Vec<Value> = m.snapshot().into_iter().map(|(k, _)| k).collect();
        return Ok(vm.list_value(keys));
    }
    if let Some(r) = v.downcast::<Range>() {
        let (start, end) = (r.start, r.end);
        return int_list(vm, &call, start, end, 1);
    }
    Err(call.wrong_type(0, "a list, string, map or range", v))
}

fn enumerate(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::function(args, "list.enumerate");
    let list = list_arg!(vm, call, 0);
    let items = list.snapshot();
    check_items(vm, items.len(), 64)?;
    let pairs: Vec<Value> = items
        .into_iter()
        .enumerate()
        .map(|(i, x)| {
            let index = vm.int(i as i64);
            vm.list_value(vec![index, x])
        })
        .collect();
    Ok(vm.list_value(pairs))
}

#[cfg(test)]
mod tests {
    use crate::testutil::{kind, show, TestVm};
    use devvm_vm::{ErrorKind, Value};

    fn i(n: i64) -> Value {
        Value::small_int(n)
    }

    #[test]
    fn ranges_are_lists() {
        let mut t = TestVm::new();
        assert_eq!(show(t.module_call("list", "range", &[i(4)])), "[0, 1, 2, 3]");
        assert_eq!(show(t.module_call("list", "range", &[i(2), i(5)])), "[2, 3, 4]");
        assert_eq!(show(t.module_call("list", "range", &[i(10), i(0), i(-4)])), "[10, 6, 2]");
        assert_eq!(show(t.module_call("list", "range", &[i(-3)])), "[]");
    }

    #[test]
    fn repeat_zip_enumerate() {
        let mut t = TestVm::new();
        assert_eq!(show(t.module_call("list", "repeat", &[Value::NIL, i(3)])), "[nil, nil, nil]");
        assert_eq!(kind(t.module_call("list", "repeat", &[Value::NIL, i(-1)])), Some(ErrorKind::ValueError));
        let huge = t.int(i64::MAX);
        assert_eq!(kind(t.module_call("list", "repeat", &[Value::NIL, huge])), Some(ErrorKind::OutOfMemory));
        let (a, b) = (t.ints(&[1, 2, 3]), t.ints(&[4, 5]));
        assert_eq!(show(t.module_call("list", "zip", &[a, b])), "[[1, 4], [2, 5]]");
        assert_eq!(show(t.module_call("list", "enumerate", &[b])), "[[0, 4], [1, 5]]");
    }

    #[test]
    fn sums() {
        let mut t = TestVm::new();
        let l = t.ints(&[1, 2, 3]);
        assert_eq!(show(t.module_call("list", "sum", &[l])), "6");
        let l = t.list(&[i(1), Value::float(0.5), i(2)]);
        assert_eq!(show(t.module_call("list", "sum", &[l])), "3.5");
        let empty = t.ints(&[]);
        assert_eq!(show(t.module_call("list", "sum", &[empty])), "0");
        let big = t.ints(&[i64::MAX, 1]);
        assert_eq!(kind(t.module_call("list", "sum", &[big])), Some(ErrorKind::OverflowError));
        let s = t.s("x");
        let bad = t.list(&[i(1), s]);
        assert_eq!(kind(t.module_call("list", "sum", &[bad])), Some(ErrorKind::TypeError));
    }

    #[test]
    fn from_iterables() {
        let mut t = TestVm::new();
        let s = t.s("hé");
        assert_eq!(show(t.module_call("list", "from", &[s])), "[\"h\", \"é\"]");
        let r = t.call("range", &[i(2), i(5)]).unwrap();
        assert_eq!(show(t.module_call("list", "from", &[r])), "[2, 3, 4]");
        assert_eq!(kind(t.module_call("list", "from", &[i(1)])), Some(ErrorKind::TypeError));
    }
}
