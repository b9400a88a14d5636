//! Methods of strings: `len upper lower trim split join starts_with ends_with contains
//! find replace slice chars bytes to_int to_float repeat`.
//!
//! Positions are character (Unicode scalar value) indices, never byte offsets, so no
//! method can cut a character in two. ASCII strings take byte-indexed fast paths.

use crate::args::{check_items, slice_bounds, slice_end, Call, SMALL_STRING_BYTES};
use crate::convert::{parse_float, parse_int};
use crate::list_methods::join_values;
use devvm_vm::object::{Arity, NativeArgs, NativeFn, Str};
use devvm_vm::{Exception, TypeTag, Value, Vm, VmResult};

pub(crate) fn install(vm: &mut Vm) {
    let methods: [(&str, Arity, NativeFn); 17] = [
        ("len", Arity::exactly(1), len),
        ("upper", Arity::exactly(1), upper),
        ("lower", Arity::exactly(1), lower),
        ("trim", Arity::exactly(1), trim),
        ("split", Arity::range(1, 2), split),
        ("join", Arity::exactly(2), join),
        ("starts_with", Arity::exactly(2), starts_with),
        ("ends_with", Arity::exactly(2), ends_with),
        ("contains", Arity::exactly(2), contains),
        ("find", Arity::exactly(2), find),
        ("replace", Arity::exactly(3), replace),
        ("slice", Arity::range(2, 3), slice),
        ("chars", Arity::exactly(1), chars),
        ("bytes", Arity::exactly(1), bytes),
        ("to_int", Arity::exactly(1), to_int),
        ("to_float", Arity::exactly(1), to_float),
        ("repeat", Arity::exactly(2), repeat),
    ];
    for (name, arity, f) in methods {
        vm.register_method(TypeTag::String, name, arity, f);
    }
}

/// The byte offsets of the characters `a..b` of `s` (`a <= b <= char_len`).
fn byte_range(s: &Str, a: usize, b: usize) -> (usize, usize) {
    let text = s.as_str();
    if s.is_ascii() {
        return (a, b);
    }
    let mut offsets = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len()));
    let start = offsets.nth(a).unwrap_or(text.len());
    let end = if b > a { offsets.nth(b - a - 1).unwrap_or(text.len()) } else { start };
    (start, end)
}

/// The character index of byte offset `byte` (a character boundary) of `text`.
fn char_index(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |head| head.chars().count())
}

fn len(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "len");
    let s = str_arg!(vm, call, 0);
    Ok(vm.int(s.char_len() as i64))
}

/// `s.upper()`: full Unicode mapping (`"ß".upper() == "SS"`).
fn upper(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "upper");
    let s = str_arg!(vm, call, 0);
    let text = s.as_str().to_uppercase();
    Ok(vm.string_value(text))
}

/// `s.lower()`: full Unicode mapping, final sigma included.
fn lower(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "lower");
    let s = str_arg!(vm, call, 0);
    let text = s.as_str().to_lowercase();
    Ok(vm.string_value(text))
}

/// `s.trim()`: without leading and trailing Unicode whitespace.
fn trim(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "trim");
    let s = str_arg!(vm, call, 0);
    let trimmed = s.as_str().trim();
    if trimmed.len() == s.as_str().len() {
        return Ok(call.get(vm, 0));
    }
    Ok(vm.str_value(trimmed))
}

/// `s.split(sep?)`: the pieces between occurrences of `sep` (`"a,,b".split(",")` is
/// `["a", "", "b"]`); an empty `sep` is a ValueError. Without `sep` (or with nil), splits
/// on runs of whitespace and drops empty pieces, like Python's `split()`. Also
/// `string.split(s, sep?)`.
pub(crate) fn split_impl(vm: &mut Vm, call: Call) -> VmResult<Value> {
    let s = str_arg!(vm, call, 0);
    let text = s.as_str();
    let pieces: Vec<&str> = if call.given(vm, 1) {
        let sep = str_arg!(vm, call, 1);
        if sep.as_str().is_empty() {
            return Err(call.value_error("empty separator"));
        }
        let count = text.matches(sep.as_str()).count() + 1;
        check_items(vm, count, SMALL_STRING_BYTES)?;
        // `sep` lives as long as this call (it is an argument), and so does `text`.
        text.split(sep.as_str()).collect()
    } else {
        text.split_whitespace().collect()
    };
    check_items(vm, pieces.len(), SMALL_STRING_BYTES)?;
    let items: Vec<Value> = pieces.into_iter().map(|p| vm.str_value(p)).collect();
    Ok(vm.list_value(items))
}

fn split(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    split_impl(vm, Call::method(args, "split"))
}

/// `sep.join(list)`: the elements as `str` shows them, separated by `sep` (the same as
/// `list.join(sep)`).
fn join(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "join");
    let sep = str_arg!(vm, call, 0);
    let list = list_arg!(vm, call, 1);
    let text = join_values(vm, &list.snapshot(), sep.as_str())?;
    Ok(vm.string_value(text))
}

/// Two string arguments: the receiver and slot 1.
macro_rules! two_strings {
    ($vm:expr, $args:expr, $name:expr) => {{
        let call = Call::method($args, $name);
        (str_arg!($vm, call, 0), str_arg!($vm, call, 1))
    }};
}

fn starts_with(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let (s, prefix) = two_strings!(vm, args, "starts_with");
    Ok(Value::bool(s.as_str().starts_with(prefix.as_str())))
}

fn ends_with(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let (s, suffix) = two_strings!(vm, args, "ends_with");
    Ok(Value::bool(s.as_str().ends_with(suffix.as_str())))
}

fn contains(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let (s, needle) = two_strings!(vm, args, "contains");
    Ok(Value::bool(s.as_str().contains(needle.as_str())))
}

/// `s.find(t)`: the character index of the first occurrence of `t`, or -1. An empty `t`
/// is found at 0.
fn find(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let (s, needle) = two_strings!(vm, args, "find");
    let at = match s.as_str().find(needle.as_str()) {
        Some(byte) if s.is_ascii() => byte as i64,
        Some(byte) => char_index(s.as_str(), byte) as i64,
        None => -1,
    };
    Ok(vm.int(at))
}

/// `s.replace(old, new)`: every non-overlapping occurrence, left to right. An empty `old`
/// inserts `new` between characters and at both ends, as in Python.
fn replace(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "replace");
    let s = str_arg!(vm, call, 0);
    let old = str_arg!(vm, call, 1);
    let new = str_arg!(vm, call, 2);
    let count = if old.as_str().is_empty() { s.char_len() + 1 } else { s.as_str().matches(old.as_str()).count() };
    if count == 0 {
        return Ok(call.get(vm, 0));
    }
    let added = count.checked_mul(new.as_str().len()).and_then(|n| n.checked_add(s.as_str().len()));
    match added {
        Some(bytes) => vm.check_alloc_size(bytes)?,
        None => return Err(Exception::new(devvm_vm::ErrorKind::OutOfMemory, "replace(): the result is too large")),
    }
    let text = s.as_str().replace(old.as_str(), new.as_str());
    Ok(vm.string_value(text))
}

/// `s.slice(a, b?)`: characters `a` up to (excluding) `b`, clamped like Python's
/// `s[a:b]`; negative positions count from the end; `b` omitted or nil means the end.
fn slice(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "slice");
    let s = str_arg!(vm, call, 0);
    let start = call.int(vm, 1)?;
    let end = slice_end(vm, &call, 2)?;
    let (a, b) = slice_bounds(s.char_len(), start, end);
    let (from, to) = byte_range(&s, a, b);
    let piece = s.as_str().get(from..to).unwrap_or("");
    Ok(vm.str_value(piece))
}

/// `s.chars()`: a list of one-character strings. Also `string.chars(s)`.
pub(crate) fn chars_impl(vm: &mut Vm, call: Call) -> VmResult<Value> {
    let s = str_arg!(vm, call, 0);
    check_items(vm, s.char_len(), SMALL_STRING_BYTES)?;
    let mut buf = [0u8; 4];
    let items: Vec<Value> = s.as_str().chars().map(|c| vm.str_value(c.encode_utf8(&mut buf))).collect();
    Ok(vm.list_value(items))
}

fn chars(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    chars_impl(vm, Call::method(args, "chars"))
}

/// `s.bytes()`: the UTF-8 bytes as a list of ints 0..255.
fn bytes(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "bytes");
    let s = str_arg!(vm, call, 0);
    check_items(vm, s.as_str().len(), std::mem::size_of::<Value>())?;
    let items: Vec<Value> = s.as_str().bytes().map(|b| Value::small_int(b as i64)).collect();
    Ok(vm.list_value(items))
}

/// `s.to_int()`: the same parse as `int(s)`, ValueError included.
fn to_int(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "to_int");
    let s = str_arg!(vm, call, 0);
    let i = parse_int(s.as_str(), "to_int()")?;
    Ok(vm.int(i))
}

/// `s.to_float()`: the same parse as `float(s)`.
fn to_float(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "to_float");
    let s = str_arg!(vm, call, 0);
    Ok(Value::float(parse_float(s.as_str(), "to_float()")?))
}

/// `s.repeat(n)`: `n` copies; `n == 0` gives `""`, a negative `n` is a ValueError.
fn repeat(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::method(args, "repeat");
    let s = str_arg!(vm, call, 0);
    let n = call.int(vm, 1)?;
    let n = usize::try_from(n).map_err(|_| call.value_error(format!("negative count {n}")))?;
    check_items(vm, n, s.as_str().len())?;
    let text = s.as_str().repeat(n);
    Ok(vm.string_value(text))
}

#[cfg(test)]
mod tests {
    use crate::testutil::{kind, show, TestVm};
    use devvm_vm::{ErrorKind, Value};

    fn i(n: i64) -> Value {
        Value::small_int(n)
    }

    #[test]
    fn slicing_counts_characters_and_from_the_end() {
        let mut t = TestVm::new();
        let s = t.s("héllo😀wörld");
        assert_eq!(show(t.method(s, "slice", &[i(1), i(4)])), "\"éll\"");
        assert_eq!(show(t.method(s, "slice", &[i(-5)])), "\"wörld\"");
        assert_eq!(show(t.method(s, "slice", &[i(-6), i(-5)])), "\"😀\"");
        assert_eq!(show(t.method(s, "slice", &[i(5), Value::NIL])), "\"😀wörld\"");
        assert_eq!(show(t.method(s, "slice", &[i(-100), i(2)])), "\"hé\"");
        assert_eq!(show(t.method(s, "slice", &[i(8), i(3)])), "\"\"");
        assert_eq!(show(t.method(s, "slice", &[i(0), i(100)])), "\"héllo😀wörld\"");
        let a = t.s("abcdef");
        assert_eq!(show(t.method(a, "slice", &[i(2), i(-1)])), "\"cde\"");
        assert_eq!(
            show(t.method(a, "slice", &[Value::float(1.0)])),
            "TypeError: expected an int for argument 1 of slice, got float"
        );
    }

    #[test]
    fn case_mapping_is_full_unicode() {
        let mut t = TestVm::new();
        let s = t.s("straße ΟΔΟΣ");
        assert_eq!(show(t.method(s, "upper", &[])), "\"STRASSE ΟΔΟΣ\"");
        assert_eq!(show(t.method(s, "lower", &[])), "\"straße οδος\"");
        assert_eq!(show(t.method(s, "len", &[])), "11");
    }

    #[test]
    fn split_join_trim() {
        let mut t = TestVm::new();
        let s = t.s("a,,b,");
        let sep = t.s(",");
        assert_eq!(show(t.method(s, "split", &[sep])), "[\"a\", \"\", \"b\", \"\"]");
        let ws = t.s("  one two\t\nthree  ");
        assert_eq!(show(t.method(ws, "split", &[])), "[\"one\", \"two\", \"three\"]");
        assert_eq!(show(t.method(ws, "trim", &[])), "\"one two\\t\\nthree\"");
        let empty = t.s("");
        assert_eq!(show(t.method(s, "split", &[empty])), "ValueError: split: empty separator");
        assert_eq!(show(t.method(empty, "split", &[sep])), "[\"\"]");
        let dash = t.s("-");
        let l = t.list(&[i(1), sep, Value::float(2.0)]);
        assert_eq!(show(t.method(dash, "join", &[l])), "\"1-,-2.0\"");
        assert_eq!(
            show(t.method(dash, "join", &[dash])),
            "TypeError: expected a list for argument 1 of join, got string"
        );
    }

    #[test]
    fn searching() {
        let mut t = TestVm::new();
        let s = t.s("naïve café");
        let (caf, x, na, e, empty) = (t.s("café"), t.s("x"), t.s("na"), t.s("é"), t.s(""));
        assert_eq!(show(t.method(s, "find", &[caf])), "6");
        assert_eq!(show(t.method(s, "find", &[x])), "-1");
        assert_eq!(show(t.method(s, "find", &[empty])), "0");
        assert_eq!(show(t.method(s, "starts_with", &[na])), "true");
        assert_eq!(show(t.method(s, "ends_with", &[e])), "true");
        assert_eq!(show(t.method(s, "contains", &[x])), "false");
        assert_eq!(
            show(t.method(s, "contains", &[i(1)])),
            "TypeError: expected a string for argument 1 of contains, got int"
        );
    }

    #[test]
    fn replace_every_occurrence() {
        let mut t = TestVm::new();
        let s = t.s("a-b-c");
        let (dash, plus, empty) = (t.s("-"), t.s("+="), t.s(""));
        assert_eq!(show(t.method(s, "replace", &[dash, plus])), "\"a+=b+=c\"");
        assert_eq!(show(t.method(s, "replace", &[plus, dash])), "\"a-b-c\"");
        let ab = t.s("ab");
        assert_eq!(show(t.method(ab, "replace", &[empty, dash])), "\"-a-b-\"");
    }

    #[test]
    fn chars_bytes_and_conversions() {
        let mut t = TestVm::new();
        let s = t.s("hé😀");
        assert_eq!(show(t.method(s, "chars", &[])), "[\"h\", \"é\", \"😀\"]");
        assert_eq!(show(t.method(s, "bytes", &[])), "[104, 195, 169, 240, 159, 152, 128]");
        let n = t.s(" 1_000 ");
        assert_eq!(show(t.method(n, "to_int", &[])), "1000");
        assert_eq!(show(t.method(n, "to_float", &[])), "1000.0");
        assert_eq!(kind(t.method(s, "to_int", &[])), Some(ErrorKind::ValueError));
    }

    #[test]
    fn repeat_checks_its_size() {
        let mut t = TestVm::new();
        let s = t.s("ab");
        assert_eq!(show(t.method(s, "repeat", &[i(3)])), "\"ababab\"");
        assert_eq!(show(t.method(s, "repeat", &[i(0)])), "\"\"");
        assert_eq!(kind(t.method(s, "repeat", &[i(-1)])), Some(ErrorKind::ValueError));
        let huge = t.int(i64::MAX);
        assert_eq!(kind(t.method(s, "repeat", &[huge])), Some(ErrorKind::OutOfMemory));
        assert_eq!(kind(t.method(s, "repeat", &[i(1 << 40)])), Some(ErrorKind::OutOfMemory));
    }
}
