//! The VM side of the moving collector: handles and `Rooted` find objects after they
//! moved, the intern table follows its strings, identity hashes survive moves.

use devvm_vm::object::{List, Map, Str};
use devvm_vm::{Policy, Value, Vm};

fn vm() -> Vm {
    Vm::new(Policy::default())
}

#[test]
fn handles_follow_moved_objects() {
    let mut vm = vm();
    let s = vm.str_value("payload");
    let list = vm.list_value(vec![s, Value::small_int(7)]);
    let mark = vm.open_scope();
    let h = vm.root(list);
    vm.collect_minor();
    let now = vm.handle(h);
    assert_ne!(now, list, "a young list is copied by a minor collection");
    let l = now.downcast::<List>().expect("still a list");
    assert_eq!(l.get(0).and_then(|v| v.downcast::<Str>()).map(|s| s.as_str().to_string()), Some("payload".into()));
    assert_eq!(l.get(1), Some(Value::small_int(7)));
    vm.collect_garbage();
    assert_eq!(vm.handle(h).downcast::<List>().map(|l| l.len()), Some(2));
    vm.close_scope(mark);
}

#[test]
fn rooted_objects_are_re_read_after_a_collection() {
    let mut vm = vm();
    let list = vm.alloc(List::new(vec![Value::small_int(1)]));
    let mark = vm.open_scope();
    let mut rooted = vm.root_object(list);
    assert_eq!(rooted.get(&vm), list, "no collection yet: the cached pointer");
    vm.collect_minor();
    let moved = rooted.get(&vm);
    assert_ne!(moved, list);
    vm.list_push(moved, Value::small_int(2));
    vm.collect_minor();
    vm.collect_minor();
    assert_eq!(rooted.get(&vm).snapshot(), vec![Value::small_int(1), Value::small_int(2)]);
    vm.close_scope(mark);
}

#[test]
fn interned_strings_follow_their_objects() {
    let mut vm = vm();
    let a = vm.intern("a field name");
    let mark = vm.open_scope();
    let h = vm.root(a);
    vm.collect_minor();
    let again = vm.intern("a field name");
    assert_eq!(again, vm.handle(h), "the weak table was updated to the string's new address");
    vm.close_scope(mark);
    vm.collect_garbage();
    let fresh = vm.intern("a field name");
    assert_eq!(fresh.downcast::<Str>().map(|s| s.as_str().to_string()), Some("a field name".into()));
}

#[test]
fn identity_keys_survive_moves() {
    let mut vm = vm();
    // Maps and lists cannot be keys; an error value is hashed by identity.
    let err = vm.error_value(devvm_vm::ErrorKind::ValueError, "k");
    let table = vm.map_value();
    let t = table.downcast::<Map>().expect("a map");
    vm.map_insert(t, err, Value::small_int(42)).expect("errors are hashable by identity");
    let mark = vm.open_scope();
    let ht = vm.root(table);
    let he = vm.root(err);
    for _ in 0..3 {
        vm.collect_minor();
    }
    let t = vm.handle(ht).downcast::<Map>().expect("a map");
    assert_ne!(vm.handle(he), err, "the key moved");
    assert_eq!(t.get(vm.handle(he)).expect("hashable"), Some(Value::small_int(42)));
    vm.close_scope(mark);
}
