//! The `string` module: string functions that read better as functions, and the
//! conversions between characters and code points or bytes.
//!
//! * `join(list, sep)`, `split(s, sep?)`, `chars(s)`: the same as `list.join(sep)`,
//!   `s.split(sep)`, `s.chars()`.
//! * `ord(c)`: the code point of a one-character string; `chr(n)`: the one-character
//!   string of a code point (ValueError for surrogates and values past U+10FFFF).
//! * `from_bytes(list)`: decodes a list of byte values as UTF-8 (ValueError if invalid).
//! * `is_digit(s)` (ASCII digits), `is_alpha(s)` (Unicode letters), `is_space(s)`
//!   (Unicode whitespace): true when `s` is non-empty and every character qualifies.

use crate::args::Call;
use crate::list_methods::join_impl;
use crate::string_methods::{chars_impl, split_impl};
use devvm_vm::object::{Arity, NativeArgs, NativeFn};
use devvm_vm::{as_int, Value, Vm, VmResult};

pub(crate) fn init(vm: &mut Vm) -> VmResult<Value> {
    let functions: [(&str, Arity, NativeFn); 9] = [
        ("join", Arity::exactly(2), join),
        ("split", Arity::range(1, 2), split),
        ("chars", Arity::exactly(1), chars),
        ("ord", Arity::exactly(1), ord),
        ("chr", Arity::exactly(1), chr),
        ("from_bytes", Arity::exactly(1), from_bytes),
        ("is_digit", Arity::exactly(1), is_digit),
        ("is_alpha", Arity::exactly(1), is_alpha),
        ("is_space", Arity::exactly(1), is_space),
    ];
    let exports: Vec<(&str, Value)> =
        functions.into_iter().map(|(name, arity, f)| (name, vm.native(&format!("string.{name}"), arity, f))).collect();
    Ok(vm.new_module("string", &exports))
}

fn join(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    join_impl(vm, Call::function(args, "string.join"))
}

fn split(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    split_impl(vm, Call::function(args, "string.split"))
}

fn chars(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    chars_impl(vm, Call::function(args, "string.chars"))
}

fn ord(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::function(args, "string.ord");
    let s = str_arg!(vm, call, 0);
    let mut it = s.as_str().chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(Value::small_int(c as i64)),
        _ => Err(call.value_error(format!("expected one character, got {} characters", s.char_len()))),
    }
}

fn chr(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::function(args, "string.chr");
    let n = call.int(vm, 0)?;
    let c = u32::try_from(n)
        .ok()
        .and_then(char::from_u32)
        .ok_or_else(|| call.value_error(format!("{n} is not a Unicode scalar value")))?;
    let mut buf = [0u8; 4];
    Ok(vm.str_value(c.encode_utf8(&mut buf)))
}

fn from_bytes(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::function(args, "string.from_bytes");
    let list = list_arg!(vm, call, 0);
    let mut bytes = Vec::with_capacity(list.len());
    for v in list.snapshot() {
        match as_int(v).and_then(|i| u8::try_from(i).ok()) {
            Some(b) => bytes.push(b),
            None => return Err(call.value_error(format!("{} is not a byte (0..255)", devvm_vm::format::repr(v)))),
        }
    }
    let text = String::from_utf8(bytes)
        .map_err(|e| call.value_error(format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to())))?;
    Ok(vm.string_value(text))
}

/// Whether the string argument is non-empty and every character satisfies `test`.
fn all_chars(vm: &mut Vm, args: NativeArgs, name: &'static str, test: fn(char) -> bool) -> VmResult<Value> {
    let call = Call::function(args, name);
    let s = str_arg!(vm, call, 0);
    Ok(Value::bool(!s.as_str().is_empty() && s.as_str().chars().all(test)))
}

fn is_digit(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    all_chars(vm, args, "string.is_digit", |c| c.is_ascii_digit())
}

fn is_alpha(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    all_chars(vm, args, "string.is_alpha", char::is_alphabetic)
}

fn is_space(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    all_chars(vm, args, "string.is_space", char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use crate::testutil::{kind, show, TestVm};
    use devvm_vm::{ErrorKind, Value};

    #[test]
    fn functions_mirror_the_methods() {
        let mut t = TestVm::new();
        let l = t.ints(&[1, 2, 3]);
        let sep = t.s("+");
        assert_eq!(show(t.module_call("string", "join", &[l, sep])), "\"1+2+3\"");
        assert_eq!(
            show(t.module_call("string", "join", &[sep, l])),
            "TypeError: expected a list for argument 1 of string.join, got string"
        );
        let s = t.s("a+b");
        assert_eq!(show(t.module_call("string", "split", &[s, sep])), "[\"a\", \"b\"]");
        assert_eq!(
            show(t.module_call("string", "split", &[s, Value::small_int(1)])),
            "TypeError: expected a string for argument 2 of string.split, got int"
        );
        assert_eq!(show(t.module_call("string", "chars", &[s])), "[\"a\", \"+\", \"b\"]");
    }

    #[test]
    fn code_points_and_bytes() {
        let mut t = TestVm::new();
        let e = t.s("é");
        assert_eq!(show(t.module_call("string", "ord", &[e])), "233");
        let two = t.s("ab");
        assert_eq!(kind(t.module_call("string", "ord", &[two])), Some(ErrorKind::ValueError));
        assert_eq!(show(t.module_call("string", "chr", &[Value::small_int(0x1F600)])), "\"😀\"");
        assert_eq!(kind(t.module_call("string", "chr", &[Value::small_int(0xD800)])), Some(ErrorKind::ValueError));
        assert_eq!(kind(t.module_call("string", "chr", &[Value::small_int(-1)])), Some(ErrorKind::ValueError));
        let bytes = t.ints(&[104, 195, 169]);
        assert_eq!(show(t.module_call("string", "from_bytes", &[bytes])), "\"hé\"");
        let bad = t.ints(&[195]);
        assert_eq!(kind(t.module_call("string", "from_bytes", &[bad])), Some(ErrorKind::ValueError));
        let bad = t.ints(&[300]);
        assert_eq!(kind(t.module_call("string", "from_bytes", &[bad])), Some(ErrorKind::ValueError));
    }

    #[test]
    fn character_classes() {
        let mut t = TestVm::new();
        let (digits, word, space, empty) = (t.s("0123"), t.s("héllo"), t.s(" \t\n"), t.s(""));
        assert_eq!(show(t.module_call("string", "is_digit", &[digits])), "true");
        assert_eq!(show(t.module_call("string", "is_digit", &[word])), "false");
        assert_eq!(show(t.module_call("string", "is_alpha", &[word])), "true");
        assert_eq!(show(t.module_call("string", "is_space", &[space])), "true");
        assert_eq!(show(t.module_call("string", "is_space", &[empty])), "false");
    }
}
