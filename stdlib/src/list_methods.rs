//! Methods of lists: `push pop insert remove_at index_of contains slice sort sort_by
//! reverse map filter reduce join copy clear len`.
//!
//! Methods that call back into guest code (`map`, `filter`, `reduce`, `sort_by`) iterate
//! over a private, rooted copy of the elements: the callback may mutate the list (or drop
//! the last reference to an element) without invalidating the iteration.

use crate::args::{check_items, scoped, slice_bounds, slice_end, Call};
use crate::sorting::{sort_values, SortKeys};
use devvm_vm::object::{Arity, List, NativeArgs};
use devvm_vm::{checked_index, format, values_equal, Exception, Gc, Rooted, TypeTag, Value, Vm, VmResult};

pub(crate) fn install(vm: &mut Vm) {
    let methods: [(&str, Arity, devvm_vm::object::NativeFn); 17] = [
        ("push", Arity::exactly(2), push),
        ("pop", Arity::exactly(1), pop),
        ("insert", Arity::exactly(3), insert),
        ("remove_at", Arity::exactly(2), remove_at),
        ("index_of", Arity::exactly(2), index_of),
        ("contains", Arity::exactly(2), contains),
        ("slice", Arity::range(2, 3), slice),
        ("sort", Arity::exactly(1), sort),
        ("sort_by", Arity::exactly(2), sort_by),
        ("reverse", Arity::exactly(1), reverse),
        ("map", Arity::exactly(2), map),
        ("filter", Arity::exactly(2), filter),
        ("reduce", Arity::range(2, 3), reduce),
        ("join", Arity::exactly(2), join),
        ("copy", Arity::exactly(1), copy),
        ("clear", Arity::exactly(1), clear),
        ("len", Arity::exactly(1), len),
    ];
    for (name, arity, f) in methods {
        vm.register_method(TypeTag::List, name, arity, f);
    }
}

/// `xs.push(v)`: appends; returns nil.
fn push(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "push");
    let list = list_arg!(vm, call, 0);
    let v = call.get(vm, 1);
    vm.list_push(list, v);
    Ok(Value::NIL)
}

/// `xs.pop()`: removes and returns the last element; IndexError when empty.
fn pop(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "pop");
    let list = list_arg!(vm, call, 0);
    list.pop().ok_or_else(|| Exception::index_error("pop from an empty list"))
}

/// `xs.insert(i, v)`: `v` ends up at position `i`, which may be `-len ..= len` (`len`
/// appends; negative counts from the end). Outside that, an IndexError (Python clamps;
/// here a bad position is a bug worth reporting).
fn insert(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "insert");
    let list = list_arg!(vm, call, 0);
    let i = call.int(vm, 1)?;
    let v = call.get(vm, 2);
    let n = list.len();
    let at = if i < 0 { i.checked_add(n as i64) } else { Some(i) };
    let at = match at {
        Some(at) if (0..=n as i64).contains(&at) => at as usize,
        _ => return Err(Exception::index_error(format!("insert position {i} out of range for length {n}"))),
    };
    // Append (accounted, with the barrier), then shift the tail right by one.
    vm.list_push(list, v);
    for k in (at + 1..=n).rev() {
        let prev = list.get(k - 1).unwrap_or(Value::NIL);
        vm.list_set(list, k, prev);
    }
    vm.list_set(list, at, v);
    Ok(Value::NIL)
}

/// `xs.remove_at(i)`: removes and returns element `i` (negative counts from the end).
fn remove_at(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "remove_at");
    let list = list_arg!(vm, call, 0);
    let i = checked_index(call.get(vm, 1), list.len(), "list")?;
    Ok(list.remove(i))
}

/// The position of the first element `== v`, if any. `==` runs no guest code, so the list
/// cannot change during the scan.
fn position(list_len: usize, get: impl Fn(usize) -> Option<Value>, v: Value) -> VmResult<Option<usize>> {
    for i in 0..list_len {
        if let Some(x) = get(i) {
            if values_equal(x, v)? {
                return Ok(Some(i));
            }
        }
    }
    Ok(None)
}

/// `xs.index_of(v)`: the first position holding a value `== v`, or -1.
fn index_of(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "index_of");
    let list = list_arg!(vm, call, 0);
    let found = position(list.len(), |i| list.get(i), call.get(vm, 1))?;
    Ok(vm.int(found.map_or(-1, |i| i as i64)))
}

fn contains(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "contains");
    let list = list_arg!(vm, call, 0);
    let found = position(list.len(), |i| list.get(i), call.get(vm, 1))?;
    Ok(Value::bool(found.is_some()))
}

/// `xs.slice(a, b?)`: a new list of elements `a` up to (excluding) `b`, clamped like
/// Python's `xs[a:b]`; `b` omitted or nil means the end.
fn slice(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "slice");
    let list = list_arg!(vm, call, 0);
    let start = call.int(vm, 1)?;
    let end = slice_end(vm, &call, 2)?;
    let (a, b) = slice_bounds(list.len(), start, end);
    let items: Vec<Value> = (a..b).filter_map(|i| list.get(i)).collect();
    Ok(vm.list_value(items))
}

/// `xs.sort()`: in place, stable, ascending; all numbers or all strings, else TypeError.
fn sort(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "sort");
    let list = list_arg!(vm, call, 0);
    let items = list.snapshot();
    let keys = SortKeys::classify(&items, "sort()")?;
    let order = keys.stable_order();
    // No guest code ran, so the list still has `items.len()` elements.
    for (slot, &from) in order.iter().enumerate() {
        vm.list_set(list, slot, items[from]);
    }
    Ok(Value::NIL)
}

/// `xs.sort_by(key)`: in place, stable, ascending by `key(x)`; the keys must be all
/// numbers or all strings. Each key is computed once. If the key function changes the
/// list, the sorted original elements replace whatever it did.
///
/// The key function runs guest code, which may collect and move objects: everything
/// used after a call is rooted (`Rooted`) or re-read from the argument slots.
fn sort_by(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "sort_by");
    let list = list_arg!(vm, call, 0);
    scoped(vm, |vm| {
        let n = list.len();
        let mut copy = rooted_copy(vm, list);
        let keys = vm.alloc(List::new(Vec::with_capacity(n)));
        let mut keys = vm.root_object(keys);
        for i in 0..n {
            let x = copy.get(vm).get(i).unwrap_or(Value::NIL);
            let key_fn = call.get(vm, 1);
            let k = vm.call_value(key_fn, &[x])?;
            vm.list_push(keys.get(vm), k);
        }
        let items = copy.get(vm).snapshot();
        let sorted = sort_values(&items, &keys.get(vm).snapshot(), "sort_by()")?;
        let list = list_arg!(vm, call, 0);
        list.clear();
        for v in sorted {
            vm.list_push(list, v);
        }
        Ok(Value::NIL)
    })
}

fn reverse(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "reverse");
    let list = list_arg!(vm, call, 0);
    list.reverse();
    Ok(Value::NIL)
}

/// A rooted private copy of a list, to iterate while calling guest code (which may
/// change the original). Must be called inside a scope.
fn rooted_copy(vm: &mut Vm, list: Gc<List>) -> Rooted<List> {
    let copy = vm.alloc(List::new(list.snapshot()));
    vm.root_object(copy)
}

/// `xs.map(f)`: a new list of `f(x)` for each element, in order. (Lists are rooted and
/// the function re-read from its argument slot after every call, as in `sort_by`.)
fn map(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "map");
    let list = list_arg!(vm, call, 0);
    scoped(vm, |vm| {
        let n = list.len();
        let mut copy = rooted_copy(vm, list);
        let out = vm.alloc(List::new(Vec::with_capacity(n)));
        let mut out = vm.root_object(out);
        for i in 0..n {
            let x = copy.get(vm).get(i).unwrap_or(Value::NIL);
            let f = call.get(vm, 1);
            let y = vm.call_value(f, &[x])?;
            vm.list_push(out.get(vm), y);
        }
        Ok(out.value(vm))
    })
}

/// `xs.filter(f)`: a new list of the elements for which `f(x)` is truthy.
fn filter(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "filter");
    let list = list_arg!(vm, call, 0);
    scoped(vm, |vm| {
        let n = list.len();
        let mut copy = rooted_copy(vm, list);
        let out = vm.alloc(List::new(Vec::new()));
        let mut out = vm.root_object(out);
        for i in 0..n {
            let x = copy.get(vm).get(i).unwrap_or(Value::NIL);
            let f = call.get(vm, 1);
            if vm.call_value(f, &[x])?.is_truthy() {
                // `x` was read before the call: read it again, it may have moved.
                let x = copy.get(vm).get(i).unwrap_or(Value::NIL);
                vm.list_push(out.get(vm), x);
            }
        }
        Ok(out.value(vm))
    })
}

/// `xs.reduce(f, init?)`: folds from the left, `acc = f(acc, x)`. Without `init` the
/// first element starts the fold, and an empty list is a ValueError.
fn reduce(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "reduce");
    let list = list_arg!(vm, call, 0);
    let has_init = args.len > 2;
    scoped(vm, |vm| {
        let n = list.len();
        let mut copy = rooted_copy(vm, list);
        let (mut acc, first) = if has_init {
            (call.get(vm, 2), 0)
        } else if n > 0 {
            (list.get(0).unwrap_or(Value::NIL), 1)
        } else {
            return Err(call.value_error("reduce of an empty list with no initial value"));
        };
        for i in first..n {
            // `acc` needs no root: it goes straight onto the VM stack as an argument, and
            // comes back as the call's fresh result.
            let x = copy.get(vm).get(i).unwrap_or(Value::NIL);
            let f = call.get(vm, 1);
            acc = vm.call_value(f, &[acc, x])?;
        }
        Ok(acc)
    })
}

/// `xs.join(sep)`: the elements as `str` shows them, separated by `sep`. Also
/// `string.join(list, sep)`.
pub(crate) fn join_impl(vm: &mut Vm, call: Call) -> VmResult<Value> {
    let list = list_arg!(vm, call, 0);
    let sep = str_arg!(vm, call, 1);
    let text = join_values(vm, &list.snapshot(), sep.as_str())?;
    Ok(vm.string_value(text))
}

/// The text of `items` as `str` shows them, separated by `sep`; refuses (OutOfMemory) to
/// build a string past the heap cap.
pub(crate) fn join_values(vm: &Vm, items: &[Value], sep: &str) -> VmResult<String> {
    check_items(vm, items.len().saturating_sub(1), sep.len())?;
    let mut out = String::new();
    let mut checked = 0usize;
    for (i, &item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        format::write_str(&mut out, item);
        // Elements may print large (a list holding one big list many times): check as
        // the text grows, at doubling sizes.
        if out.len() > checked.saturating_mul(2).max(1 << 20) {
            vm.check_alloc_size(out.len())?;
            checked = out.len();
        }
    }
    Ok(out)
}

fn join(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    join_impl(vm, Call::method(args, "join"))
}

/// `xs.copy()`: a shallow copy.
fn copy(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "copy");
    let list = list_arg!(vm, call, 0);
    let items = list.snapshot();
    Ok(vm.list_value(items))
}

fn clear(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "clear");
    let list = list_arg!(vm, call, 0);
    list.clear();
    Ok(Value::NIL)
}

fn len(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "len");
    let list = list_arg!(vm, call, 0);
    Ok(vm.int(list.len() as i64))
}

#[cfg(test)]
mod tests {
    use crate::testutil::{kind, show, TestVm};
    use devvm_vm::object::{List, NativeArgs};
    use devvm_vm::{as_int, ErrorKind, Exception, Value, Vm, VmResult};

    fn i(n: i64) -> Value {
        Value::small_int(n)
    }

    fn double(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
        let x = as_int(vm.arg(args, 0)).unwrap_or(0);
        Ok(vm.int(x * 2))
    }

    fn is_odd(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
        Ok(Value::bool(as_int(vm.arg(args, 0)).unwrap_or(0) % 2 != 0))
    }

    fn add(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
        let (a, b) = (as_int(vm.arg(args, 0)).unwrap_or(0), as_int(vm.arg(args, 1)).unwrap_or(0));
        Ok(vm.int(a + b))
    }

    /// Throws on 3, like a guest callback with a bug.
    fn throw_on_3(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
        if as_int(vm.arg(args, 0)) == Some(3) || as_int(vm.arg(args, 1)) == Some(3) {
            let e = vm.user_error_value("Boom", "callback failed on 3");
            return Err(Exception::Thrown(e));
        }
        Ok(Value::TRUE)
    }

    /// A key function that collects garbage (as a guest callback may at a safepoint)
    /// and returns a fresh string key: results must survive because they are rooted.
    fn collecting_string_key(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
        vm.collect_garbage();
        let x = as_int(vm.arg(args, 0)).unwrap_or(0);
        Ok(vm.string_value(format!("k{:03}", 100 - x)))
    }

    /// A mapping callback that empties the receiver list (found in a global) and collects.
    fn clearing_callback(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
        if let Some(l) = vm.builtin_by_name("victim").and_then(|v| v.downcast::<List>()) {
            l.clear();
        }
        vm.collect_garbage();
        let s = devvm_vm::format::str(vm.arg(args, 0));
        Ok(vm.string_value(format!("<{s}>")))
    }

    #[test]
    fn push_pop_insert_remove() {
        let mut t = TestVm::new();
        let l = t.ints(&[1, 2]);
        t.method(l, "push", &[i(3)]).unwrap();
        assert_eq!(show(Ok(l)), "[1, 2, 3]");
        assert_eq!(show(t.method(l, "pop", &[])), "3");
        t.method(l, "insert", &[i(0), i(0)]).unwrap();
        t.method(l, "insert", &[i(3), i(9)]).unwrap();
        t.method(l, "insert", &[i(-1), i(8)]).unwrap();
        assert_eq!(show(Ok(l)), "[0, 1, 2, 8, 9]");
        assert_eq!(kind(t.method(l, "insert", &[i(6), i(0)])), Some(ErrorKind::IndexError));
        assert_eq!(kind(t.method(l, "insert", &[i(-6), i(0)])), Some(ErrorKind::IndexError));
        assert_eq!(show(t.method(l, "remove_at", &[i(-2)])), "8");
        assert_eq!(show(t.method(l, "remove_at", &[i(0)])), "0");
        assert_eq!(kind(t.method(l, "remove_at", &[i(3)])), Some(ErrorKind::IndexError));
        assert_eq!(show(Ok(l)), "[1, 2, 9]");
        assert_eq!(show(t.method(l, "len", &[])), "3");
        t.method(l, "clear", &[]).unwrap();
        assert_eq!(show(t.method(l, "pop", &[])), "IndexError: pop from an empty list");
    }

    #[test]
    fn a_wrong_receiver_is_a_type_error() {
        let mut t = TestVm::new();
        let push = t.vm.method_by_name(devvm_vm::TypeTag::List, "push").unwrap();
        let s = t.s("not a list");
        assert_eq!(
            show(t.vm.call_value(push, &[s, i(1)])),
            "TypeError: expected a list for the receiver of push, got string"
        );
        // The VM checks arity, counting the receiver.
        assert_eq!(kind(t.vm.call_value(push, &[s])), Some(ErrorKind::ArityError));
    }

    #[test]
    fn index_of_and_contains_compare_with_equals() {
        let mut t = TestVm::new();
        let inner = t.ints(&[1, 2]);
        let l = t.list(&[i(1), Value::float(2.0), inner]);
        assert_eq!(show(t.method(l, "index_of", &[i(2)])), "1");
        let probe = t.ints(&[1, 2]);
        assert_eq!(show(t.method(l, "index_of", &[probe])), "2");
        assert_eq!(show(t.method(l, "index_of", &[i(7)])), "-1");
        assert_eq!(show(t.method(l, "contains", &[Value::float(1.0)])), "true");
        assert_eq!(show(t.method(l, "contains", &[Value::NIL])), "false");
    }

    #[test]
    fn slices_clamp_and_count_from_the_end() {
        let mut t = TestVm::new();
        let l = t.ints(&[0, 1, 2, 3, 4]);
        assert_eq!(show(t.method(l, "slice", &[i(1), i(3)])), "[1, 2]");
        assert_eq!(show(t.method(l, "slice", &[i(-2)])), "[3, 4]");
        assert_eq!(show(t.method(l, "slice", &[i(2), Value::NIL])), "[2, 3, 4]");
        assert_eq!(show(t.method(l, "slice", &[i(-100), i(100)])), "[0, 1, 2, 3, 4]");
        assert_eq!(show(t.method(l, "slice", &[i(3), i(1)])), "[]");
        let s = t.s("x");
        assert_eq!(show(t.method(l, "slice", &[s])), "TypeError: expected an int for argument 1 of slice, got string");
    }

    #[test]
    fn sort_is_stable_and_rejects_mixed_types() {
        let mut t = TestVm::new();
        let l = t.list(&[
            i(3),
            Value::float(1.5),
            i(-2),
            Value::float(f64::NAN),
            i(1),
            Value::float(1.0),
            Value::float(-0.0),
            i(0),
        ]);
        t.method(l, "sort", &[]).unwrap();
        // 1 and 1.0 (and 0 and -0.0) are equal: stability keeps their original order.
        assert_eq!(show(Ok(l)), "[-2, -0.0, 0, 1, 1.0, 1.5, 3, nan]");
        let words: Vec<Value> = ["pear", "Apple", "apple", "éclair", "fig"].iter().map(|w| t.s(w)).collect();
        let l = t.list(&words);
        t.method(l, "sort", &[]).unwrap();
        assert_eq!(show(Ok(l)), "[\"Apple\", \"apple\", \"fig\", \"pear\", \"éclair\"]");
        let s = t.s("a");
        let mixed = t.list(&[i(1), s]);
        assert_eq!(
            show(t.method(mixed, "sort", &[])),
            "TypeError: sort() needs all numbers or all strings, found int and string"
        );
        assert_eq!(show(Ok(mixed)), "[1, \"a\"]");
        let nil = t.list(&[Value::NIL, Value::NIL]);
        assert_eq!(kind(t.method(nil, "sort", &[])), Some(ErrorKind::TypeError));
        let big = t.int(i64::MAX);
        let l = t.list(&[big, Value::float(9.3e18), Value::float(9.2e18), i(5)]);
        t.method(l, "sort", &[]).unwrap();
        assert_eq!(show(Ok(l)), "[5, 9.2e+18, 9223372036854775807, 9.3e+18]");
    }

    #[test]
    fn sort_by_is_stable_by_key_and_survives_collection() {
        let mut t = TestVm::new();
        // Pairs [key, tag]: sort by the first element; equal keys keep their order.
        let pairs: Vec<Value> =
            [(2, 0), (1, 1), (2, 2), (0, 3), (1, 4)].iter().map(|&(k, v)| t.ints(&[k, v])).collect();
        let l = t.list(&pairs);
        fn first(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
            Ok(vm.arg(args, 0).downcast::<List>().and_then(|l| l.get(0)).unwrap_or(Value::NIL))
        }
        let key = t.native(first);
        t.method(l, "sort_by", &[key]).unwrap();
        assert_eq!(show(Ok(l)), "[[0, 3], [1, 1], [1, 4], [2, 0], [2, 2]]");

        // The key function collects, so the list moves: it is found again through a handle.
        let l = t.ints(&[5, 50, 7]);
        let h = t.vm.root(l);
        let key = t.native(collecting_string_key);
        t.method(l, "sort_by", &[key]).unwrap();
        assert_eq!(show(Ok(t.vm.handle(h))), "[50, 7, 5]");

        let key = t.native(throw_on_3);
        let l = t.ints(&[1, 3]);
        assert_eq!(show(t.method(l, "sort_by", &[key])), "Boom: callback failed on 3");
        let key = t.native(is_odd);
        let l = t.ints(&[1, 2]);
        assert_eq!(kind(t.method(l, "sort_by", &[key])), Some(ErrorKind::TypeError));
    }

    #[test]
    fn map_filter_reduce() {
        let mut t = TestVm::new();
        let l = t.ints(&[1, 2, 3, 4]);
        let f = t.native(double);
        assert_eq!(show(t.method(l, "map", &[f])), "[2, 4, 6, 8]");
        let f = t.native(is_odd);
        assert_eq!(show(t.method(l, "filter", &[f])), "[1, 3]");
        let f = t.native(add);
        assert_eq!(show(t.method(l, "reduce", &[f, i(100)])), "110");
        assert_eq!(show(t.method(l, "reduce", &[f])), "10");
        let empty = t.ints(&[]);
        assert_eq!(show(t.method(empty, "reduce", &[f, i(7)])), "7");
        assert_eq!(kind(t.method(empty, "reduce", &[f])), Some(ErrorKind::ValueError));
        // A non-function callback is the VM's TypeError.
        assert_eq!(kind(t.method(l, "map", &[i(1)])), Some(ErrorKind::TypeError));
    }

    #[test]
    fn callback_errors_propagate_unchanged_and_release_handles() {
        let mut t = TestVm::new();
        let l = t.ints(&[1, 2, 3, 4]);
        let f = t.native(throw_on_3);
        let mark = t.vm.open_scope();
        assert_eq!(show(t.method(l, "map", &[f])), "Boom: callback failed on 3");
        assert_eq!(show(t.method(l, "filter", &[f])), "Boom: callback failed on 3");
        assert_eq!(show(t.method(l, "reduce", &[f, i(0)])), "Boom: callback failed on 3");
        assert_eq!(t.vm.open_scope(), mark, "every scope was closed on the error path");
    }

    #[test]
    fn map_survives_a_callback_that_clears_the_list_and_collects() {
        let mut t = TestVm::new();
        let words: Vec<Value> = (0..50).map(|k| t.vm.string_value(format!("word{k}"))).collect();
        let l = t.list(&words);
        t.vm.register_global("victim", l);
        let f = t.native(clearing_callback);
        let r = t.method(l, "map", &[f]).unwrap();
        t.vm.register_global("result", r);
        t.vm.collect_garbage();
        // Objects moved: both lists are read again from the globals that root them.
        let r = t.vm.builtin_by_name("result").and_then(|v| v.downcast::<List>()).unwrap();
        assert_eq!(r.len(), 50);
        assert_eq!(devvm_vm::format::str(r.get(49).unwrap()), "<word49>");
        assert_eq!(show(Ok(t.vm.builtin_by_name("victim").unwrap())), "[]");
    }

    #[test]
    fn join_copy_reverse() {
        let mut t = TestVm::new();
        let s = t.s("b");
        let l = t.list(&[i(1), s, Value::float(2.5), Value::NIL]);
        let sep = t.s(", ");
        assert_eq!(show(t.method(l, "join", &[sep])), "\"1, b, 2.5, nil\"");
        assert_eq!(show(t.method(l, "join", &[i(1)])), "TypeError: expected a string for argument 1 of join, got int");
        let c = t.method(l, "copy", &[]).unwrap();
        t.method(c, "reverse", &[]).unwrap();
        assert_eq!(show(Ok(c)), "[nil, 2.5, \"b\", 1]");
        assert_eq!(show(Ok(l)), "[1, \"b\", 2.5, nil]");
    }
}
