//! Methods of maps: `len keys values items has get remove copy clear`.
//!
//! Lookups with a value that can never be a key (nil, a list, a map) are not errors:
//! `has` answers false, `get` gives the default and `remove` nil, since the answer is
//! well defined. Storing such a key (`m[nil] = 1`) stays a TypeError in the VM.

use crate::args::{check_items, Call};
use devvm_vm::object::{Arity, NativeArgs, NativeFn};
use devvm_vm::{TypeTag, Value, Vm, VmResult};

pub(crate) fn install(vm: &mut Vm) {
    let methods: [(&str, Arity, NativeFn); 9] = [
        ("len", Arity::exactly(1), len),
        ("keys", Arity::exactly(1), keys),
        ("values", Arity::exactly(1), values),
        ("items", Arity::exactly(1), items),
        ("has", Arity::exactly(2), has),
        ("get", Arity::range(2, 3), get),
        ("remove", Arity::exactly(2), remove),
        ("copy", Arity::exactly(1), copy),
        ("clear", Arity::exactly(1), clear),
    ];
    for (name, arity, f) in methods {
        vm.register_method(TypeTag::Map, name, arity, f);
    }
}

fn len(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "len");
    let map = map_arg!(vm, call, 0);
    Ok(vm.int(map.len() as i64))
}

/// `m.keys()`: a list of the keys in insertion order.
fn keys(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "keys");
    let map = map_arg!(vm, call, 0);
    let keys: Vec<Value> = map.snapshot().into_iter().map(|(k, _)| k).collect();
    Ok(vm.list_value(keys))
}

/// `m.values()`: a list of the values in insertion order.
fn values(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "values");
    let map = map_arg!(vm, call, 0);
    let values: Vec<Value> = map.snapshot().into_iter().map(|(_, v)| v).collect();
    Ok(vm.list_value(values))
}

/// `m.items()`: a list of `[key, value]` lists in insertion order.
fn items(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "items");
    let map = map_arg!(vm, call, 0);
    let entries = map.snapshot();
    // Each pair is a small list: its object plus two slots.
    check_items(vm, entries.len(), 64)?;
    // Allocation never collects, so the pairs need no rooting before the outer list holds them.
    let pairs: Vec<Value> = entries.into_iter().map(|(k, v)| vm.list_value(vec![k, v])).collect();
    Ok(vm.list_value(pairs))
}

/// `m.has(k)`: whether `k` is a key.
fn has(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "has");
    let map = map_arg!(vm, call, 0);
    Ok(Value::bool(matches!(map.get(call.get(vm, 1)), Ok(Some(_)))))
}

/// `m.get(k, default?)`: the value under `k`, else `default` (nil when omitted).
fn get(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "get");
    let map = map_arg!(vm, call, 0);
    match map.get(call.get(vm, 1)) {
        Ok(Some(v)) => Ok(v),
        _ => Ok(call.get(vm, 2)),
    }
}

/// `m.remove(k)`: removes `k` and returns its value; nil when it was absent.
fn remove(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "remove");
    let map = map_arg!(vm, call, 0);
    match map.remove(call.get(vm, 1)) {
        Ok(Some(v)) => Ok(v),
        _ => Ok(Value::NIL),
    }
}

/// `m.copy()`: a shallow copy, same insertion order.
fn copy(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "copy");
    let map = map_arg!(vm, call, 0);
    let out = vm.alloc(devvm_vm::object::Map::new());
    for (k, v) in map.snapshot() {
        vm.map_insert(out, k, v)?;
    }
    Ok(Value::object(out))
}

fn clear(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "clear");
    let map = map_arg!(vm, call, 0);
    map.clear();
    Ok(Value::NIL)
}

#[cfg(test)]
mod tests {
    use crate::testutil::{show, TestVm};
    use devvm_vm::object::Map;
    use devvm_vm::Value;

    fn sample(t: &mut TestVm) -> Value {
        let m = t.vm.map_value();
        let map = m.downcast::<Map>().unwrap();
        for (k, v) in [("b", 1), ("a", 2), ("c", 3)] {
            let key = t.s(k);
            t.vm.map_insert(map, key, Value::small_int(v)).unwrap();
        }
        t.vm.map_insert(map, Value::small_int(1), Value::float(1.5)).unwrap();
        m
    }

    #[test]
    fn keys_values_items_keep_insertion_order() {
        let mut t = TestVm::new();
        let m = sample(&mut t);
        assert_eq!(show(t.method(m, "len", &[])), "4");
        assert_eq!(show(t.method(m, "keys", &[])), "[\"b\", \"a\", \"c\", 1]");
        assert_eq!(show(t.method(m, "values", &[])), "[1, 2, 3, 1.5]");
        assert_eq!(show(t.method(m, "items", &[])), "[[\"b\", 1], [\"a\", 2], [\"c\", 3], [1, 1.5]]");
    }

    #[test]
    fn lookups() {
        let mut t = TestVm::new();
        let m = sample(&mut t);
        let (a, z) = (t.s("a"), t.s("z"));
        assert_eq!(show(t.method(m, "has", &[a])), "true");
        assert_eq!(show(t.method(m, "has", &[Value::float(1.0)])), "true");
        assert_eq!(show(t.method(m, "has", &[z])), "false");
        assert_eq!(show(t.method(m, "has", &[Value::NIL])), "false");
        let l = t.ints(&[1]);
        assert_eq!(show(t.method(m, "has", &[l])), "false");
        assert_eq!(show(t.method(m, "get", &[a])), "2");
        assert_eq!(show(t.method(m, "get", &[z])), "nil");
        assert_eq!(show(t.method(m, "get", &[z, Value::small_int(0)])), "0");
        assert_eq!(show(t.method(m, "get", &[Value::NIL, Value::small_int(0)])), "0");
    }

    #[test]
    fn remove_copy_clear() {
        let mut t = TestVm::new();
        let m = sample(&mut t);
        let c = t.method(m, "copy", &[]).unwrap();
        let (a, z) = (t.s("a"), t.s("z"));
        assert_eq!(show(t.method(m, "remove", &[a])), "2");
        assert_eq!(show(t.method(m, "remove", &[z])), "nil");
        assert_eq!(show(Ok(m)), "{\"b\": 1, \"c\": 3, 1: 1.5}");
        assert_eq!(show(Ok(c)), "{\"b\": 1, \"a\": 2, \"c\": 3, 1: 1.5}");
        t.method(m, "clear", &[]).unwrap();
        assert_eq!(show(Ok(m)), "{}");
        assert_eq!(show(t.method(c, "len", &[])), "4");
    }
}
