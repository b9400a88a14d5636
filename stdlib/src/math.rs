//! The `math` module.
//!
//! Functions of floats follow IEEE-754 rather than raising: `sqrt(-1)` is nan, `log(0)`
//! is `-inf` (consistent with float division by zero). `floor ceil round trunc` return
//! ints: nan is a ValueError, an infinity or a value beyond 64 bits an OverflowError.
//! `abs` keeps ints ints (`abs(-2**63)` is an OverflowError). `min`/`max` take several
//! values or one list, compare like `<` (numbers, or strings), and return the winning
//! value unchanged (the first one among equals).

use crate::args::Call;
use crate::convert::integral_to_int;
use devvm_vm::object::{Arity, NativeArgs, NativeFn};
use devvm_vm::{as_int, values_compare, ErrorKind, Exception, Value, Vm, VmResult};
use std::cmp::Ordering;

/// Builds the module (called on the first `import math`).
pub(crate) fn init(vm: &mut Vm) -> VmResult<Value> {
    let functions: [(&str, Arity, NativeFn); 25] = [
        ("sqrt", Arity::exactly(1), sqrt),
        ("sin", Arity::exactly(1), sin),
        ("cos", Arity::exactly(1), cos),
        ("tan", Arity::exactly(1), tan),
        ("asin", Arity::exactly(1), asin),
        ("acos", Arity::exactly(1), acos),
        ("atan", Arity::exactly(1), atan),
        ("atan2", Arity::exactly(2), atan2),
        ("exp", Arity::exactly(1), exp),
        ("log", Arity::range(1, 2), log),
        ("log2", Arity::exactly(1), log2),
        ("log10", Arity::exactly(1), log10),
        ("pow", Arity::exactly(2), pow),
        ("hypot", Arity::exactly(2), hypot),
        ("floor", Arity::exactly(1), floor),
        ("ceil", Arity::exactly(1), ceil),
        ("round", Arity::exactly(1), round),
        ("trunc", Arity::exactly(1), trunc),
        ("abs", Arity::exactly(1), abs),
        ("min", Arity::range(1, u8::MAX), min),
        ("max", Arity::range(1, u8::MAX), max),
        ("is_nan", Arity::exactly(1), is_nan),
        ("is_inf", Arity::exactly(1), is_inf),
        ("is_finite", Arity::exactly(1), is_finite),
        ("sign", Arity::exactly(1), sign),
    ];
    let mut exports: Vec<(&str, Value)> = Vec::with_capacity(functions.len() + 5);
    for (name, arity, f) in functions {
        let qualified = format!("math.{name}");
        exports.push((name, vm.native(&qualified, arity, f)));
    }
    exports.push(("pi", Value::float(std::f64::consts::PI)));
    exports.push(("e", Value::float(std::f64::consts::E)));
    exports.push(("tau", Value::float(std::f64::consts::TAU)));
    exports.push(("inf", Value::float(f64::INFINITY)));
    exports.push(("nan", Value::float(f64::NAN)));
    Ok(vm.new_module("math", &exports))
}

/// A native applying a float function to one number argument.
macro_rules! float_fn {
    ($name:ident, $label:literal, $f:expr) => {
        fn $name(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
            let x = Call::function(args, $label).number(vm, 0)?;
            let f: fn(f64) -> f64 = $f;
            Ok(Value::float(f(x)))
        }
    };
}

/// A native applying a float function to two number arguments.
macro_rules! float_fn2 {
    ($name:ident, $label:literal, $f:expr) => {
        fn $name(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
            let call = Call::function(args, $label);
            let (x, y) = (call.number(vm, 0)?, call.number(vm, 1)?);
            let f: fn(f64, f64) -> f64 = $f;
            Ok(Value::float(f(x, y)))
        }
    };
}

float_fn!(sqrt, "math.sqrt", f64::sqrt);
float_fn!(sin, "math.sin", f64::sin);
float_fn!(cos, "math.cos", f64::cos);
float_fn!(tan, "math.tan", f64::tan);
float_fn!(asin, "math.asin", f64::asin);
float_fn!(acos, "math.acos", f64::acos);
float_fn!(atan, "math.atan", f64::atan);
float_fn!(exp, "math.exp", f64::exp);
float_fn!(log2, "math.log2", f64::log2);
float_fn!(log10, "math.log10", f64::log10);
float_fn2!(atan2, "math.atan2", f64::atan2);
float_fn2!(pow, "math.pow", f64::powf);
float_fn2!(hypot, "math.hypot", f64::hypot);

/// `log(x, base?)`: the natural logarithm, or the logarithm in `base`.
fn log(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::function(args, "math.log");
    let x = call.number(vm, 0)?;
    if call.given(vm, 1) {
        let base = call.number(vm, 1)?;
        return Ok(Value::float(x.ln() / base.ln()));
    }
    Ok(Value::float(x.ln()))
}

/// An int argument as it is, or a float rounded by `f` and converted to an int.
fn to_int_by(vm: &mut Vm, args: NativeArgs, label: &'static str, f: fn(f64) -> f64) -> VmResult<Value> {
    let call = Call::function(args, label);
    let v = call.get(vm, 0);
    if as_int(v).is_some() {
        return Ok(v);
    }
    let x = call.number(vm, 0)?;
    let i = integral_to_int(f(x), label, ErrorKind::OverflowError)?;
    Ok(vm.int(i))
}

fn floor(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    to_int_by(vm, args, "math.floor", f64::floor)
}

fn ceil(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    to_int_by(vm, args, "math.ceil", f64::ceil)
}

/// `round(x)`: to the nearest int, ties to even (`round(2.5) == 2`), as in Python.
fn round(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    to_int_by(vm, args, "math.round", f64::round_ties_even)
}

fn trunc(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    to_int_by(vm, args, "math.trunc", f64::trunc)
}

fn abs(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::function(args, "math.abs");
    let v = call.get(vm, 0);
    if let Some(i) = as_int(v) {
        let a = i.checked_abs().ok_or_else(|| {
            Exception::new(ErrorKind::OverflowError, "math.abs: the result does not fit in a 64-bit int")
        })?;
        return Ok(vm.int(a));
    }
    Ok(Value::float(call.number(vm, 0)?.abs()))
}

/// `sign(x)`: -1, 0 or 1 as an int (nan gives nan).
fn sign(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::function(args, "math.sign");
    let x = call.number(vm, 0)?;
    if x.is_nan() {
        return Ok(Value::float(f64::NAN));
    }
    Ok(Value::small_int(if x > 0.0 {
        1
    } else if x < 0.0 {
        -1
    } else {
        0
    }))
}

fn is_nan(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    Ok(Value::bool(Call::function(args, "math.is_nan").number(vm, 0)?.is_nan()))
}

fn is_inf(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    Ok(Value::bool(Call::function(args, "math.is_inf").number(vm, 0)?.is_infinite()))
}

fn is_finite(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    Ok(Value::bool(Call::function(args, "math.is_finite").number(vm, 0)?.is_finite()))
}

/// The candidates of `min`/`max`: the elements of a single list argument, else the
/// arguments themselves.
fn candidates(vm: &Vm, call: &Call) -> Vec<Value> {
    let first = call.get(vm, 0);
    if call.args.len == 1 {
        if let Some(list) = first.downcast::<devvm_vm::object::List>() {
            return list.snapshot();
        }
    }
    (0..call.args.len).map(|i| call.get(vm, i)).collect()
}

/// The value that wins against every other (`wins` is the ordering that makes a
/// challenger win); the first among equals.
fn extreme(vm: &mut Vm, args: NativeArgs, label: &'static str, wins: Ordering) -> VmResult<Value> {
    let call = Call::function(args, label);
    let values = candidates(vm, &call);
    let mut iter = values.into_iter();
    let Some(mut best) = iter.next() else {
        return Err(call.value_error("the list is empty"));
    };
    for v in iter {
        if values_compare(v, best)? == wins {
            best = v;
        }
    }
    Ok(best)
}

fn min(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    extreme(vm, args, "math.min", Ordering::Less)
}

fn max(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    extreme(vm, args, "math.max", Ordering::Greater)
}

#[cfg(test)]
mod tests {
    use crate::testutil::{kind, show, TestVm};
    use devvm_vm::{ErrorKind, Value};

    fn f(x: f64) -> Value {
        Value::float(x)
    }

    #[test]
    fn float_functions_and_constants() {
        let mut t = TestVm::new();
        assert_eq!(show(t.module_call("math", "sqrt", &[Value::small_int(16)])), "4.0");
        assert_eq!(show(t.module_call("math", "sqrt", &[f(-1.0)])), "nan");
        assert_eq!(show(t.module_call("math", "atan2", &[f(1.0), f(1.0)])), "0.7853981633974483");
        assert_eq!(show(t.module_call("math", "log", &[Value::small_int(8), Value::small_int(2)])), "3.0");
        assert_eq!(show(t.module_call("math", "log", &[f(0.0)])), "-inf");
        assert_eq!(show(Ok(t.module_export("math", "pi"))), "3.141592653589793");
        assert_eq!(show(Ok(t.module_export("math", "inf"))), "inf");
        let s = t.s("x");
        assert_eq!(
            show(t.module_call("math", "sin", &[s])),
            "TypeError: expected a number for argument 1 of math.sin, got string"
        );
    }

    #[test]
    fn floor_and_ceil_return_ints() {
        let mut t = TestVm::new();
        assert_eq!(show(t.module_call("math", "floor", &[f(-2.5)])), "-3");
        assert_eq!(show(t.module_call("math", "ceil", &[f(-2.5)])), "-2");
        assert_eq!(show(t.module_call("math", "floor", &[Value::small_int(7)])), "7");
        assert_eq!(show(t.module_call("math", "round", &[f(2.5)])), "2");
        assert_eq!(show(t.module_call("math", "round", &[f(3.5)])), "4");
        assert_eq!(show(t.module_call("math", "trunc", &[f(-3.9)])), "-3");
        assert_eq!(kind(t.module_call("math", "floor", &[f(f64::NAN)])), Some(ErrorKind::ValueError));
        assert_eq!(kind(t.module_call("math", "ceil", &[f(f64::INFINITY)])), Some(ErrorKind::OverflowError));
        assert_eq!(kind(t.module_call("math", "floor", &[f(1e300)])), Some(ErrorKind::OverflowError));
    }

    #[test]
    fn abs_keeps_ints_and_min_max_take_lists() {
        let mut t = TestVm::new();
        assert_eq!(show(t.module_call("math", "abs", &[Value::small_int(-3)])), "3");
        assert_eq!(show(t.module_call("math", "abs", &[f(-3.0)])), "3.0");
        let min = t.int(i64::MIN);
        assert_eq!(kind(t.module_call("math", "abs", &[min])), Some(ErrorKind::OverflowError));
        let args = [Value::small_int(3), f(1.5), Value::small_int(7)];
        assert_eq!(show(t.module_call("math", "min", &args)), "1.5");
        assert_eq!(show(t.module_call("math", "max", &args)), "7");
        let l = t.ints(&[4, 9, 2]);
        assert_eq!(show(t.module_call("math", "max", &[l])), "9");
        assert_eq!(show(t.module_call("math", "min", &[Value::small_int(5)])), "5");
        let empty = t.ints(&[]);
        assert_eq!(kind(t.module_call("math", "min", &[empty])), Some(ErrorKind::ValueError));
        let s = t.s("a");
        assert_eq!(kind(t.module_call("math", "max", &[s, Value::small_int(1)])), Some(ErrorKind::TypeError));
        assert_eq!(show(t.module_call("math", "sign", &[f(-0.5)])), "-1");
    }
}
