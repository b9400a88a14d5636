//! The global built-in functions: `print str repr int float type len assert same error
//! range clock input`.

use crate::args::{check_items, type_name, Call};
use crate::convert::{float_to_int, parse_float, parse_int};
use devvm_vm::object::{Arity, NativeArgs, Range};
use devvm_vm::{as_int, format, ErrorKind, Exception, TypeTag, Value, Vm, VmResult};
use std::io::BufRead;

/// Seconds the virtual clock advances on each `clock()` call under `--deterministic`.
pub const VIRTUAL_TICK_SECONDS: f64 = 0.001;

pub(crate) fn install(vm: &mut Vm) {
    vm.register_builtin("print", Arity::VARIADIC, print);
    vm.register_builtin("str", Arity::exactly(1), str);
    vm.register_builtin("repr", Arity::exactly(1), repr);
    vm.register_builtin("int", Arity::exactly(1), int);
    vm.register_builtin("float", Arity::exactly(1), float);
    vm.register_builtin("type", Arity::exactly(1), type_of);
    vm.register_builtin("len", Arity::exactly(1), len);
    vm.register_builtin("assert", Arity::range(1, 2), assert);
    vm.register_builtin("same", Arity::exactly(2), same);
    vm.register_builtin("error", Arity::exactly(2), error);
    vm.register_builtin("range", Arity::range(1, 3), range);
    vm.register_builtin("clock", Arity::exactly(0), clock);
    vm.register_builtin("input", Arity::range(0, 1), input);
}

/// `print(...)`: the arguments as `str` shows them, separated by one space, then a newline.
fn print(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let mut line = String::new();
    for i in 0..args.len {
        if i > 0 {
            line.push(' ');
        }
        format::write_str(&mut line, vm.arg(args, i));
    }
    line.push('\n');
    vm.write_out(&line)?;
    Ok(Value::NIL)
}

/// `str(x)`: a string is returned as it is (no copy).
fn str(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let v = vm.arg(args, 0);
    if TypeTag::of(v) == TypeTag::String {
        return Ok(v);
    }
    let text = format::str(v);
    Ok(vm.string_value(text))
}

fn repr(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let text = format::repr(vm.arg(args, 0));
    Ok(vm.string_value(text))
}

/// `int(x)`: ints as they are, floats truncated toward zero, strings parsed in base 10.
/// Anything else (bools and nil included) is a ValueError, as the spec says.
fn int(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let v = vm.arg(args, 0);
    if as_int(v).is_some() {
        return Ok(v);
    }
    if let Some(f) = v.as_float() {
        let i = float_to_int(f, "int()")?;
        return Ok(vm.int(i));
    }
    if let Some(s) = v.downcast::<devvm_vm::object::Str>() {
        let i = parse_int(s.as_str(), "int()")?;
        return Ok(vm.int(i));
    }
    Err(Exception::value_error(format!("int() cannot convert a {} to an int", type_name(v))))
}

/// `float(x)`: ints and floats as numbers, strings parsed (`"inf"` and `"nan"` too).
/// Anything else is a ValueError, like `int`.
fn float(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let v = vm.arg(args, 0);
    if let Some(f) = crate::args::number(v) {
        return Ok(Value::float(f));
    }
    if let Some(s) = v.downcast::<devvm_vm::object::Str>() {
        return Ok(Value::float(parse_float(s.as_str(), "float()")?));
    }
    Err(Exception::value_error(format!("float() cannot convert a {} to a float", type_name(v))))
}

fn type_of(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let name = TypeTag::of(vm.arg(args, 0)).name();
    Ok(vm.str_value(name))
}

/// The length of a string (characters), list, map or range, if `v` is one.
pub(crate) fn length_of(v: Value) -> Option<usize> {
    use devvm_vm::object::{List, Map, Str};
    if let Some(s) = v.downcast::<Str>() {
        Some(s.char_len())
    } else if let Some(l) = v.downcast::<List>() {
        Some(l.len())
    } else if let Some(m) = v.downcast::<Map>() {
        Some(m.len())
    } else {
        v.downcast::<Range>().map(|r| r.len())
    }
}

fn len(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let v = vm.arg(args, 0);
    match length_of(v) {
        Some(n) => Ok(vm.int(n as i64)),
        None => Err(Call::function(args, "len").wrong_type(0, "a string, list, map or range", v)),
    }
}

/// `assert(cond, msg?)`: an AssertionError when `cond` is falsy; the message is `str(msg)`.
fn assert(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    if vm.arg(args, 0).is_truthy() {
        return Ok(Value::NIL);
    }
    let message = if args.len > 1 && !vm.arg(args, 1).is_nil() {
        format::str(vm.arg(args, 1))
    } else {
        "assertion failed".to_string()
    };
    Err(Exception::new(ErrorKind::AssertionError, message))
}

/// `same(a, b)`: identity. Objects are the same when they are one object; ints compare by
/// value (whether an int is boxed is invisible to programs); everything else (floats,
/// bools, nil) by bit pattern, so `same(nan, nan)` is true and `same(0.0, -0.0)` false.
fn same(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let (a, b) = (vm.arg(args, 0), vm.arg(args, 1));
    let result = match (as_int(a), as_int(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a.bits() == b.bits(),
    };
    Ok(Value::bool(result))
}

/// `error(kind, message)`: an error value (not thrown). `kind` must be a string; a
/// built-in kind name (`"TypeError"`) gets that kind's code. The message may be any
/// value and is converted with `str`.
fn error(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::function(args, "error");
    let kind = str_arg!(vm, call, 0);
    let message = format::str(vm.arg(args, 1));
    Ok(vm.user_error_value(kind.as_str(), &message))
}

/// `range(n)` is `0..n` and `range(a, b)` is `a..b` (range values, nothing
/// materialized); `range(a, b, step)` is a list, since a range value has no step.
fn range(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::function(args, "range");
    match args.len {
        1 => {
            let end = call.int(vm, 0)?;
            Ok(Value::object(vm.alloc(Range { start: 0, end })))
        }
        2 => {
            let (start, end) = (call.int(vm, 0)?, call.int(vm, 1)?);
            Ok(Value::object(vm.alloc(Range { start, end })))
        }
        _ => stepped_range(vm, &call, 0),
    }
}

/// `range(a, b, step)` (slots `first` to `first + 2`, the step optional): see
/// [`int_list`]. Shared with `list.range`.
pub(crate) fn stepped_range(vm: &mut Vm, call: &Call, first: usize) -> VmResult<Value> {
    let start = call.int(vm, first)?;
    let end = call.int(vm, first + 1)?;
    let step = call.opt_int(vm, first + 2, 1)?;
    int_list(vm, call, start, end, step)
}

/// The list `start, start + step, ...` up to but excluding `end`; a negative step counts
/// down, a zero step is a ValueError. Refused (OutOfMemory) past the heap cap.
pub(crate) fn int_list(vm: &mut Vm, call: &Call, start: i64, end: i64, step: i64) -> VmResult<Value> {
    if step == 0 {
        return Err(call.value_error("step must not be zero"));
    }
    let (span, stride) = (end as i128 - start as i128, step as i128);
    let count =
        if span != 0 && (span > 0) == (stride > 0) { (span.abs() + stride.abs() - 1) / stride.abs() } else { 0 };
    let count = usize::try_from(count).unwrap_or(usize::MAX);
    check_items(vm, count, std::mem::size_of::<Value>())?;
    let mut items = Vec::with_capacity(count);
    for k in 0..count {
        // In range by construction: every element lies between start and end.
        let n = (start as i128 + k as i128 * stride) as i64;
        items.push(vm.int(n));
    }
    Ok(vm.list_value(items))
}

/// `clock()`: seconds as a float. Under `--deterministic` it is a virtual clock that
/// starts at 0.0 and advances by [`VIRTUAL_TICK_SECONDS`] per call; otherwise wall-clock
/// seconds since the Unix epoch (only differences are meaningful).
fn clock(vm: &mut Vm, _args: NativeArgs) -> VmResult<Value> {
    if vm.policy.deterministic {
        let tick = vm.virtual_clock.get();
        vm.virtual_clock.set(tick.saturating_add(1));
        return Ok(Value::float(tick as f64 * VIRTUAL_TICK_SECONDS));
    }
    Ok(Value::float(crate::time::wall_seconds()))
}

/// `input(prompt?)`: writes the prompt (via `str`), flushes the output, and reads one line
/// of standard input without its line ending; nil at end of input. Bytes that are not
/// UTF-8 are replaced by U+FFFD.
fn input(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    if args.len > 0 && !vm.arg(args, 0).is_nil() {
        let prompt = format::str(vm.arg(args, 0));
        vm.write_out(&prompt)?;
    }
    vm.flush();
    let mut buf = Vec::new();
    let n = std::io::stdin()
        .lock()
        .read_until(b'\n', &mut buf)
        .map_err(|e| Exception::new(ErrorKind::IoError, format!("input(): cannot read standard input: {e}")))?;
    if n == 0 {
        return Ok(Value::NIL);
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    }
    let line = String::from_utf8_lossy(&buf).into_owned();
    Ok(vm.string_value(line))
}

#[cfg(test)]
mod tests {
    use crate::testutil::{kind, show, TestVm};
    use devvm_vm::{ErrorKind, Policy, Value};

    #[test]
    fn print_formats_floats_like_python_and_separates_with_spaces() {
        let mut t = TestVm::new();
        let args = [
            Value::float(3.0),
            Value::float(0.1),
            Value::float(1e16),
            Value::float(1e-5),
            Value::float(f64::INFINITY),
            Value::float(f64::NAN),
            Value::float(-0.0),
        ];
        t.call("print", &args).unwrap();
        assert_eq!(t.output(), "3.0 0.1 1e+16 1e-05 inf nan -0.0\n");
        let s = t.s("a");
        let inner = t.s("q\"");
        let list = t.list(&[Value::small_int(1), inner, Value::float(2.5)]);
        t.call("print", &[s, list, Value::NIL, Value::TRUE]).unwrap();
        assert_eq!(t.output(), "a [1, \"q\\\"\", 2.5] nil true\n");
        t.call("print", &[]).unwrap();
        assert_eq!(t.output(), "\n");
    }

    #[test]
    fn str_and_repr() {
        let mut t = TestVm::new();
        let s = t.s("a\"b");
        assert_eq!(show(t.call("str", &[s])), "\"a\\\"b\"");
        let r = t.call("repr", &[s]).unwrap();
        assert_eq!(devvm_vm::format::str(r), "\"a\\\"b\"");
        let r = t.call("str", &[Value::float(1e16)]).unwrap();
        assert_eq!(devvm_vm::format::str(r), "1e+16");
        let r = t.call("repr", &[Value::small_int(5)]).unwrap();
        assert_eq!(devvm_vm::format::str(r), "5");
    }

    #[test]
    fn int_conversions_and_their_errors() {
        let mut t = TestVm::new();
        assert_eq!(show(t.call("int", &[Value::float(2.9)])), "2");
        assert_eq!(show(t.call("int", &[Value::float(-2.9)])), "-2");
        assert_eq!(show(t.call("int", &[Value::float(1e18)])), "1000000000000000000");
        assert_eq!(show(t.call("int", &[Value::small_int(7)])), "7");
        let s = t.s("  -1_234 ");
        assert_eq!(show(t.call("int", &[s])), "-1234");
        for bad in ["abc", "0x1f", "", "1.5"] {
            let v = t.s(bad);
            assert_eq!(kind(t.call("int", &[v])), Some(ErrorKind::ValueError), "{bad:?}");
        }
        assert_eq!(kind(t.call("int", &[Value::float(f64::NAN)])), Some(ErrorKind::ValueError));
        assert_eq!(kind(t.call("int", &[Value::float(f64::INFINITY)])), Some(ErrorKind::ValueError));
        assert_eq!(kind(t.call("int", &[Value::float(1e19)])), Some(ErrorKind::OverflowError));
        let big = t.s("99999999999999999999");
        assert_eq!(kind(t.call("int", &[big])), Some(ErrorKind::OverflowError));
        assert_eq!(kind(t.call("int", &[Value::TRUE])), Some(ErrorKind::ValueError));
        assert_eq!(kind(t.call("int", &[Value::NIL])), Some(ErrorKind::ValueError));
        let e = t.s("abc");
        assert_eq!(show(t.call("int", &[e])), "ValueError: int(): invalid int literal \"abc\"");
    }

    #[test]
    fn float_conversions() {
        let mut t = TestVm::new();
        assert_eq!(show(t.call("float", &[Value::small_int(3)])), "3.0");
        let s = t.s(" 2.5e1 ");
        assert_eq!(show(t.call("float", &[s])), "25.0");
        let s = t.s("-inf");
        assert_eq!(show(t.call("float", &[s])), "-inf");
        let s = t.s("nan");
        assert_eq!(show(t.call("float", &[s])), "nan");
        let s = t.s("x");
        assert_eq!(kind(t.call("float", &[s])), Some(ErrorKind::ValueError));
        assert_eq!(kind(t.call("float", &[Value::NIL])), Some(ErrorKind::ValueError));
    }

    #[test]
    fn type_and_len() {
        let mut t = TestVm::new();
        let s = t.s("héllo😀");
        assert_eq!(show(t.call("type", &[s])), "\"string\"");
        assert_eq!(show(t.call("type", &[Value::float(1.0)])), "\"float\"");
        assert_eq!(show(t.call("type", &[Value::NIL])), "\"nil\"");
        let big = t.int(1 << 60);
        assert_eq!(show(t.call("type", &[big])), "\"int\"");
        assert_eq!(show(t.call("len", &[s])), "6");
        let l = t.ints(&[1, 2, 3]);
        assert_eq!(show(t.call("len", &[l])), "3");
        let r = t.call("range", &[Value::small_int(2), Value::small_int(7)]).unwrap();
        assert_eq!(show(t.call("len", &[r])), "5");
        assert_eq!(
            show(t.call("len", &[Value::small_int(1)])),
            "TypeError: expected a string, list, map or range for argument 1 of len, got int"
        );
    }

    #[test]
    fn assert_raises_assertion_errors_with_the_message() {
        let mut t = TestVm::new();
        assert_eq!(show(t.call("assert", &[Value::small_int(0)])), "nil");
        assert_eq!(show(t.call("assert", &[Value::FALSE])), "AssertionError: assertion failed");
        let m = t.s("boom");
        assert_eq!(show(t.call("assert", &[Value::NIL, m])), "AssertionError: boom");
    }

    #[test]
    fn same_is_identity() {
        let mut t = TestVm::new();
        let a = t.ints(&[1]);
        let b = t.ints(&[1]);
        assert_eq!(show(t.call("same", &[a, a])), "true");
        assert_eq!(show(t.call("same", &[a, b])), "false");
        let (x, y) = (t.int(1 << 60), t.int(1 << 60));
        assert_eq!(show(t.call("same", &[x, y])), "true");
        assert_eq!(show(t.call("same", &[Value::float(0.0), Value::float(-0.0)])), "false");
        assert_eq!(show(t.call("same", &[Value::small_int(1), Value::float(1.0)])), "false");
    }

    #[test]
    fn error_makes_error_values() {
        let mut t = TestVm::new();
        let (k, m) = (t.s("MyError"), t.s("bad thing"));
        let e = t.call("error", &[k, m]).unwrap();
        assert_eq!(show(Err(devvm_vm::Exception::Thrown(e))), "MyError: bad thing");
        let e = e.downcast::<devvm_vm::object::ErrorObj>().unwrap();
        assert_eq!(e.code.as_str(), "E2013");
        let k = t.s("KeyError");
        let e = t.call("error", &[k, Value::small_int(3)]).unwrap();
        let e = e.downcast::<devvm_vm::object::ErrorObj>().unwrap();
        assert_eq!((e.code.as_str(), e.message.as_str()), ("E2005", "3"));
        assert_eq!(kind(t.call("error", &[Value::small_int(1), k])), Some(ErrorKind::TypeError));
    }

    #[test]
    fn ranges() {
        let mut t = TestVm::new();
        let r = t.call("range", &[Value::small_int(3)]).unwrap();
        assert_eq!(show(t.call("type", &[r])), "\"range\"");
        let r = t.call("range", &[Value::small_int(3), Value::small_int(1)]).unwrap();
        assert_eq!(show(t.call("len", &[r])), "0");
        let i = |n| Value::small_int(n);
        assert_eq!(show(t.call("range", &[i(0), i(10), i(3)])), "[0, 3, 6, 9]");
        assert_eq!(show(t.call("range", &[i(5), i(0), i(-2)])), "[5, 3, 1]");
        assert_eq!(show(t.call("range", &[i(0), i(5), i(-1)])), "[]");
        assert_eq!(show(t.call("range", &[i(0), i(0), i(1)])), "[]");
        assert_eq!(kind(t.call("range", &[i(0), i(5), i(0)])), Some(ErrorKind::ValueError));
        assert_eq!(
            show(t.call("range", &[Value::float(1.5)])),
            "TypeError: expected an int for argument 1 of range, got float"
        );
        let (lo, hi) = (t.int(i64::MIN), t.int(i64::MAX));
        assert_eq!(kind(t.call("range", &[lo, hi, i(1)])), Some(ErrorKind::OutOfMemory));
        let r = t.call("range", &[hi, lo, i(-(1 << 46))]).unwrap();
        assert_eq!(show(t.call("len", &[r])), "262144");
    }

    #[test]
    fn clock_is_virtual_under_deterministic_and_real_otherwise() {
        let mut t = TestVm::new();
        assert_eq!(show(t.call("clock", &[])), "0.0");
        assert_eq!(show(t.call("clock", &[])), "0.001");
        assert_eq!(show(t.call("clock", &[])), "0.002");
        let mut t = TestVm::with_policy(Policy { deterministic: false, ..Policy::default() });
        let a = t.call("clock", &[]).unwrap().as_float().unwrap();
        let b = t.call("clock", &[]).unwrap().as_float().unwrap();
        assert!(a > 1.0e9 && b >= a);
    }
}
