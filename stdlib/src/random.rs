//! The `random` module: a seeded generator, deterministic for a given seed.
//!
//! The generator is SplitMix64 on the one word `Vm::rng_state` (seeded from
//! `Policy::seed`; `random.seed(n)` resets it). SplitMix64 passes BigCrush, needs no more
//! state than the VM keeps, and any seed (0 included) is a good one. Bounded ints use
//! Lemire's unbiased multiply-and-reject method, so results do not depend on the
//! platform.

use crate::args::Call;
use devvm_vm::object::{Arity, NativeArgs, NativeFn};
use devvm_vm::{Exception, Value, Vm, VmResult};

pub(crate) fn init(vm: &mut Vm) -> VmResult<Value> {
    let functions: [(&str, Arity, NativeFn); 6] = [
        ("random", Arity::exactly(0), random),
        ("randint", Arity::exactly(2), randint),
        ("uniform", Arity::exactly(2), uniform),
        ("choice", Arity::exactly(1), choice),
        ("shuffle", Arity::exactly(1), shuffle),
        ("seed", Arity::exactly(1), seed),
    ];
    let exports: Vec<(&str, Value)> =
        functions.into_iter().map(|(name, arity, f)| (name, vm.native(&format!("random.{name}"), arity, f))).collect();
    Ok(vm.new_module("random", &exports))
}

/// The next 64 random bits (SplitMix64).
pub(crate) fn next_u64(vm: &mut Vm) -> u64 {
    vm.rng_state = vm.rng_state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = vm.rng_state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A float in `[0, 1)` with 53 random bits.
fn next_f64(vm: &mut Vm) -> f64 {
    (next_u64(vm) >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A uniform int in `0 ..= span_minus_one` (the whole u64 range when it is `u64::MAX`).
fn below_inclusive(vm: &mut Vm, span_minus_one: u64) -> u64 {
    let Some(span) = span_minus_one.checked_add(1) else {
        return next_u64(vm);
    };
    // Lemire: reject the low products that would over-represent small results.
    let threshold = span.wrapping_neg() % span;
    loop {
        let product = next_u64(vm) as u128 * span as u128;
        if product as u64 >= threshold {
            return (product >> 64) as u64;
        }
    }
}

/// `random()`: a float in `[0, 1)`.
fn random(vm: &mut Vm, _args: NativeArgs) -> VmResult<Value> {
    Ok(Value::float(next_f64(vm)))
}

/// `randint(a, b)`: an int in `a ..= b` (both included); `a > b` is a ValueError.
fn randint(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::function(args, "random.randint");
    let (a, b) = (call.int(vm, 0)?, call.int(vm, 1)?);
    if a > b {
        return Err(call.value_error(format!("empty range {a} ..= {b}")));
    }
    let offset = below_inclusive(vm, b.wrapping_sub(a) as u64);
    Ok(vm.int(a.wrapping_add(offset as i64)))
}

/// `uniform(a, b)`: a float in `[a, b)` (`a + (b - a) * random()`).
fn uniform(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::function(args, "random.uniform");
    let (a, b) = (call.number(vm, 0)?, call.number(vm, 1)?);
    let r = next_f64(vm);
    Ok(Value::float(a + (b - a) * r))
}

/// `choice(xs)`: a random element of a list, or a random character of a string;
/// IndexError when empty.
fn choice(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::function(args, "random.choice");
    let v = call.get(vm, 0);
    if let Some(list) = v.downcast::<devvm_vm::object::List>() {
        if list.is_empty() {
            return Err(Exception::index_error("random.choice: the list is empty"));
        }
        let i = below_inclusive(vm, list.len() as u64 - 1) as usize;
        return Ok(list.get(i).unwrap_or(Value::NIL));
    }
    if let Some(s) = v.downcast::<devvm_vm::object::Str>() {
        if s.char_len() == 0 {
            return Err(Exception::index_error("random.choice: the string is empty"));
        }
        let i = below_inclusive(vm, s.char_len() as u64 - 1) as usize;
        let c = s.char_at(i).unwrap_or("");
        return Ok(vm.str_value(c));
    }
    Err(call.wrong_type(0, "a list or a string", v))
}

/// `shuffle(xs)`: shuffles a list in place (Fisher–Yates); returns nil.
fn shuffle(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::function(args, "random.shuffle");
    let list = list_arg!(vm, call, 0);
    for i in (1..list.len()).rev() {
        let j = below_inclusive(vm, i as u64) as usize;
        let (a, b) = (list.get(i).unwrap_or(Value::NIL), list.get(j).unwrap_or(Value::NIL));
        vm.list_set(list, i, b);
        vm.list_set(list, j, a);
    }
    Ok(Value::NIL)
}

/// `seed(n)`: restarts the generator from the int `n`.
fn seed(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::function(args, "random.seed");
    vm.rng_state = call.int(vm, 0)? as u64;
    Ok(Value::NIL)
}

#[cfg(test)]
mod tests {
    use crate::testutil::{kind, show, TestVm};
    use devvm_vm::{ErrorKind, Value};

    fn draws(t: &mut TestVm) -> Vec<String> {
        let mut out = Vec::new();
        for _ in 0..5 {
            out.push(show(t.module_call("random", "random", &[])));
            out.push(show(t.module_call("random", "randint", &[Value::small_int(1), Value::small_int(6)])));
        }
        let l = t.ints(&[1, 2, 3, 4, 5, 6, 7, 8]);
        t.module_call("random", "shuffle", &[l]).unwrap();
        out.push(show(Ok(l)));
        out.push(show(t.module_call("random", "choice", &[l])));
        out
    }

    #[test]
    fn the_same_seed_gives_the_same_sequence() {
        let mut a = TestVm::new();
        let mut b = TestVm::new();
        a.module_call("random", "seed", &[Value::small_int(42)]).unwrap();
        b.module_call("random", "seed", &[Value::small_int(42)]).unwrap();
        let (x, y) = (draws(&mut a), draws(&mut b));
        assert_eq!(x, y);
        b.module_call("random", "seed", &[Value::small_int(43)]).unwrap();
        assert_ne!(draws(&mut b), x);
        // Reseeding restarts the sequence.
        a.module_call("random", "seed", &[Value::small_int(42)]).unwrap();
        assert_eq!(draws(&mut a), x);
    }

    #[test]
    fn values_stay_in_range_and_cover_it() {
        let mut t = TestVm::new();
        let mut seen = [false; 6];
        for _ in 0..1000 {
            let r = t.module_call("random", "random", &[]).unwrap().as_float().unwrap();
            assert!((0.0..1.0).contains(&r));
            let d = devvm_vm::as_int(
                t.module_call("random", "randint", &[Value::small_int(-2), Value::small_int(3)]).unwrap(),
            )
            .unwrap();
            assert!((-2..=3).contains(&d));
            seen[(d + 2) as usize] = true;
        }
        assert!(seen.iter().all(|&s| s));
        let (lo, hi) = (t.int(i64::MIN), t.int(i64::MAX));
        assert!(t.module_call("random", "randint", &[lo, hi]).is_ok());
        assert_eq!(show(t.module_call("random", "randint", &[Value::small_int(5), Value::small_int(5)])), "5");
        assert_eq!(
            kind(t.module_call("random", "randint", &[Value::small_int(2), Value::small_int(1)])),
            Some(ErrorKind::ValueError)
        );
        let empty = t.ints(&[]);
        assert_eq!(kind(t.module_call("random", "choice", &[empty])), Some(ErrorKind::IndexError));
        let s = t.s("é");
        assert_eq!(show(t.module_call("random", "choice", &[s])), "\"é\"");
    }

    #[test]
    fn shuffle_is_a_permutation() {
        let mut t = TestVm::new();
        let l = t.ints(&(0..100).collect::<Vec<_>>());
        t.module_call("random", "shuffle", &[l]).unwrap();
        let mut items: Vec<i64> = l
            .downcast::<devvm_vm::object::List>()
            .unwrap()
            .snapshot()
            .into_iter()
            .filter_map(devvm_vm::as_int)
            .collect();
        assert_ne!(items, (0..100).collect::<Vec<_>>());
        items.sort();
        assert_eq!(items, (0..100).collect::<Vec<_>>());
    }
}
