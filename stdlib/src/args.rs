//! Argument extraction for natives, with TypeErrors that name the function, the
//! argument's position as the user wrote it, and what was passed:
//! `expected an int for argument 1 of slice, got string`.
//!
//! Object arguments come out as `Gc<T>` through the `*_arg!` macros (the `Gc` type is not
//! re-exported by `devvm-vm`, so functions here cannot name it in their signatures; a
//! macro's `let` lets the compiler infer it). Scalars come out through [`Call`]'s methods.

use devvm_vm::object::NativeArgs;
use devvm_vm::{as_int, format, ErrorKind, Exception, TypeTag, Value, Vm, VmResult};

/// Estimated heap bytes of one short string plus its list slot, for the size check made
/// before a native builds a list of many small strings (`chars`, `split`).
pub(crate) const SMALL_STRING_BYTES: usize = 64;

/// The name a value's type has in messages (`type(x)`).
pub(crate) fn type_name(v: Value) -> &'static str {
    TypeTag::of(v).name()
}

/// One native call: where its arguments are, its name for messages, and how positions
/// are shown. For a method, stack slot 0 is the receiver and slot `i` is the user's
/// argument `i`; for a plain function, slot `i` is the user's argument `i + 1`.
#[derive(Clone, Copy)]
pub(crate) struct Call {
    pub args: NativeArgs,
    pub name: &'static str,
    method: bool,
}

impl Call {
    pub(crate) fn function(args: NativeArgs, name: &'static str) -> Call {
        Call { args, name, method: false }
    }

    pub(crate) fn method(args: NativeArgs, name: &'static str) -> Call {
        Call { args, name, method: true }
    }

    /// Stack slot `i` (nil when the argument was omitted).
    #[inline]
    pub(crate) fn get(&self, vm: &Vm, i: usize) -> Value {
        vm.arg(self.args, i)
    }

    /// Whether slot `i` was passed and is not nil: an omitted optional argument and an
    /// explicit `nil` mean the same thing.
    pub(crate) fn given(&self, vm: &Vm, i: usize) -> bool {
        i < self.args.len && !vm.arg(self.args, i).is_nil()
    }

    /// How the user names slot `i`: "argument 2", or "the receiver".
    fn position(&self, i: usize) -> String {
        match (self.method, i) {
            (true, 0) => "the receiver".to_string(),
            (true, i) => format!("argument {i}"),
            (false, i) => format!("argument {}", i + 1),
        }
    }

    /// The TypeError for slot `i` holding `got` where `expected` ("an int") was needed.
    pub(crate) fn wrong_type(&self, i: usize, expected: &str, got: Value) -> Exception {
        Exception::type_error(format!(
            "expected {expected} for {} of {}, got {}",
            self.position(i),
            self.name,
            type_name(got)
        ))
    }

    /// A ValueError mentioning this call.
    pub(crate) fn value_error(&self, message: impl std::fmt::Display) -> Exception {
        Exception::value_error(format!("{}: {message}", self.name))
    }

    /// Slot `i` as an int (ints only: a float is a TypeError, not a silent truncation).
    pub(crate) fn int(&self, vm: &Vm, i: usize) -> VmResult<i64> {
        let v = self.get(vm, i);
        as_int(v).ok_or_else(|| self.wrong_type(i, "an int", v))
    }

    /// Slot `i` as a float (an int converts).
    pub(crate) fn number(&self, vm: &Vm, i: usize) -> VmResult<f64> {
        let v = self.get(vm, i);
        number(v).ok_or_else(|| self.wrong_type(i, "a number", v))
    }

    /// Slot `i` as an int when given, else `default`.
    pub(crate) fn opt_int(&self, vm: &Vm, i: usize, default: i64) -> VmResult<i64> {
        if self.given(vm, i) {
            self.int(vm, i)
        } else {
            Ok(default)
        }
    }
}

/// A number (int or float) as a float; `None` for anything else. Bools are not numbers.
pub(crate) fn number(v: Value) -> Option<f64> {
    if let Some(f) = v.as_float() {
        return Some(f);
    }
    as_int(v).map(|i| i as f64)
}

/// A string quoted for an error message, shortened so that a huge argument cannot make a
/// huge message.
pub(crate) fn quote_short(s: &str) -> String {
    const MAX_CHARS: usize = 40;
    match s.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}...", format::quote(&s[..cut])),
        None => format::quote(s),
    }
}

/// Refuses an allocation of `count` items of `each` bytes when it would exceed the heap
/// cap (the multiplication itself may overflow: that is refused too).
pub(crate) fn check_items(vm: &Vm, count: usize, each: usize) -> VmResult<()> {
    match count.checked_mul(each) {
        Some(bytes) => vm.check_alloc_size(bytes),
        None => Err(Exception::new(ErrorKind::OutOfMemory, format!("cannot allocate {count} items of {each} bytes"))),
    }
}

/// Runs `body` inside a handle scope that is closed on every path, the error path
/// included (a `?` inside `body` cannot leak rooted handles).
pub(crate) fn scoped<R>(vm: &mut Vm, body: impl FnOnce(&mut Vm) -> VmResult<R>) -> VmResult<R> {
    let mark = vm.open_scope();
    let result = body(vm);
    vm.close_scope(mark);
    result
}

/// Argument `$i` of `$call` as a `Gc<$ty>` (an object type of `devvm_vm::object`), or an
/// early return of the TypeError saying `$want` was expected.
macro_rules! typed_arg {
    ($vm:expr, $call:expr, $i:expr, $ty:ident, $want:expr) => {{
        let v = $call.get($vm, $i);
        match v.downcast::<devvm_vm::object::$ty>() {
            Some(obj) => obj,
            None => return Err($call.wrong_type($i, $want, v)),
        }
    }};
}

/// Argument `$i` as a `Gc<Str>`.
macro_rules! str_arg {
    ($vm:expr, $call:expr, $i:expr) => {
        typed_arg!($vm, $call, $i, Str, "a string")
    };
}

/// Argument `$i` as a `Gc<List>`.
macro_rules! list_arg {
    ($vm:expr, $call:expr, $i:expr) => {
        typed_arg!($vm, $call, $i, List, "a list")
    };
}

/// Argument `$i` as a `Gc<Map>`.
macro_rules! map_arg {
    ($vm:expr, $call:expr, $i:expr) => {
        typed_arg!($vm, $call, $i, Map, "a map")
    };
}

/// Python-style slice bounds: `start` and `end` (end `None` = the length) count from the
/// end when negative, are clamped to `0..=len`, and an end before the start gives an
/// empty range. Never fails: `xs.slice(-100, 100)` is the whole list, as in Python.
pub(crate) fn slice_bounds(len: usize, start: i64, end: Option<i64>) -> (usize, usize) {
    let n = len as i64;
    let clamp = |i: i64| -> usize {
        let j = if i < 0 { i.saturating_add(n) } else { i };
        j.clamp(0, n) as usize
    };
    let a = clamp(start);
    let b = end.map_or(len, clamp);
    (a, b.max(a))
}

/// The optional end of a slice (slot `i`): omitted or nil means the end.
pub(crate) fn slice_end(vm: &Vm, call: &Call, i: usize) -> VmResult<Option<i64>> {
    if call.given(vm, i) {
        call.int(vm, i).map(Some)
    } else {
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_bounds_clamp_like_python() {
        assert_eq!(slice_bounds(5, 1, Some(3)), (1, 3));
        assert_eq!(slice_bounds(5, -2, None), (3, 5));
        assert_eq!(slice_bounds(5, -100, Some(100)), (0, 5));
        assert_eq!(slice_bounds(5, 4, Some(2)), (4, 4));
        assert_eq!(slice_bounds(5, 0, Some(-1)), (0, 4));
        assert_eq!(slice_bounds(0, 3, None), (0, 0));
        assert_eq!(slice_bounds(5, i64::MIN, Some(i64::MAX)), (0, 5));
    }

    #[test]
    fn long_strings_are_shortened_in_messages() {
        assert_eq!(quote_short("abc"), "\"abc\"");
        let long = "é".repeat(100);
        let q = quote_short(&long);
        assert!(q.ends_with("\"...") && q.chars().count() == 45, "{q}");
    }
}
