//! The natives behind DevFun's standard library (`fun:NAME` built-ins): printing,
//! conversions, structural comparison and hashing, exceptions, Printf, strings and
//! arrays. Everything that is natural in DevFun itself lives in the prelude
//! (`prelude.dvf`); what needs speed or the VM's internals is here.
//!
//! Values: `unit` is nil, `bool` a bool, `int` and `char` ints, `float` a float, `string`
//! a string (bytes, as OCaml's), tuples, records, refs and constructors with arguments
//! tagged records, constant constructors ints, arrays VM lists, exceptions error values
//! whose kind is the constructor name and whose payload holds the arguments.
//!
//! No native panics on any value: a value of an unexpected shape (which the type checker
//! rules out for DevFun code, but another language could pass) is a TypeError.

mod compare;
mod printf;
mod strings;

use devvm_vm::object::{Arity, ErrorObj, List, NativeArgs, Record, Str};
use devvm_vm::{as_int, ErrorKind, Exception, Value, Vm, VmResult};

/// Registers every DevFun native with the VM (before compiling DevFun code for it).
pub fn install(vm: &mut Vm) {
    let natives: &[(&str, u8, devvm_vm::object::NativeFn)] = &[
        ("print_string", 1, print_string),
        ("print_endline", 1, print_endline),
        ("print_newline", 1, print_newline),
        ("print_int", 1, print_int),
        ("print_float", 1, print_float),
        ("print_char", 1, print_char),
        ("prerr_string", 1, prerr_string),
        ("prerr_endline", 1, prerr_endline),
        ("string_of_int", 1, string_of_int),
        ("int_of_string", 1, int_of_string),
        ("string_of_float", 1, string_of_float),
        ("float_of_string", 1, float_of_string),
        ("float_of_int", 1, float_of_int),
        ("int_of_float", 1, int_of_float),
        ("float_fn", 2, float_fn),
        ("pow", 2, pow),
        ("lsr", 2, lsr),
        ("char_chr", 1, char_chr),
        ("compare", 2, compare::compare),
        ("equal", 2, compare::equal),
        ("hash", 1, compare::hash),
        ("exn", 2, exn),
        ("exn_is", 2, exn_is),
        ("exn_arg", 2, exn_arg),
        ("list_of_array", 1, list_of_array),
        ("array_make", 2, array_make),
        ("array_length", 1, array_length),
        ("array_of_list", 1, array_of_list),
        ("array_to_list", 1, array_to_list),
        ("array_copy", 1, array_copy),
        ("array_blit", 5, array_blit),
        ("array_sub", 3, array_sub),
        ("check_value", 2, check_value),
    ];
    for (name, arity, f) in natives {
        vm.register_builtin(&format!("fun:{name}"), Arity::exactly(*arity), *f);
    }
    strings::install(vm);
    printf::install(vm);
}

// ----- helpers -----------------------------------------------------------------------

pub(crate) fn type_error(what: &str, v: Value) -> Exception {
    Exception::type_error(format!("{what}: unexpected value {}", devvm_vm::format::repr(v)))
}

pub(crate) fn int_arg(vm: &Vm, args: NativeArgs, i: usize, what: &str) -> VmResult<i64> {
    let v = vm.arg(args, i);
    as_int(v).ok_or_else(|| type_error(what, v))
}

pub(crate) fn float_arg(vm: &Vm, args: NativeArgs, i: usize, what: &str) -> VmResult<f64> {
    let v = vm.arg(args, i);
    v.as_float().ok_or_else(|| type_error(what, v))
}

pub(crate) fn str_arg(vm: &Vm, args: NativeArgs, i: usize, what: &str) -> VmResult<devvm_vm::Gc<Str>> {
    let v = vm.arg(args, i);
    v.downcast::<Str>().ok_or_else(|| type_error(what, v))
}

pub(crate) fn list_arg(vm: &Vm, args: NativeArgs, i: usize, what: &str) -> VmResult<devvm_vm::Gc<List>> {
    let v = vm.arg(args, i);
    v.downcast::<List>().ok_or_else(|| type_error(what, v))
}

/// Raises the DevFun exception `name` with a string argument (`Failure "..."`).
pub(crate) fn raise_with(vm: &mut Vm, name: &str, message: &str) -> Exception {
    let s = vm.str_value(message);
    let payload = Value::object(vm.new_record(0, &[s]));
    Exception::Thrown(make_exn(vm, name, payload))
}

pub(crate) fn raise_plain(vm: &mut Vm, name: &str) -> Exception {
    Exception::Thrown(make_exn(vm, name, Value::NIL))
}

/// DevFun's predefined exceptions that are the VM's own error kinds.
fn vm_kind(name: &str) -> Option<ErrorKind> {
    Some(match name {
        "Division_by_zero" => ErrorKind::ZeroDivisionError,
        "Overflow" => ErrorKind::OverflowError,
        "Stack_overflow" => ErrorKind::StackOverflow,
        _ => return None,
    })
}

/// An exception value: an error whose kind is the constructor name (or the VM kind it
/// stands for), whose message is its string argument when it has one, and whose payload
/// is the argument record.
fn make_exn(vm: &mut Vm, name: &str, payload: Value) -> Value {
    let fields: Vec<Value> = payload.downcast::<Record>().map(|r| r.iter().collect()).unwrap_or_default();
    let message = match fields.as_slice() {
        [] => String::new(),
        [one] if one.downcast::<Str>().is_some() => {
            one.downcast::<Str>().map(|s| s.as_str().to_string()).unwrap_or_default()
        }
        _ => {
            let shown: Vec<String> = fields.iter().map(|v| show_generic(*v)).collect();
            format!("({})", shown.join(", "))
        }
    };
    match vm_kind(name) {
        Some(k) => vm.error_value(k, &message),
        None => vm.error_with_payload(name, &message, payload),
    }
}

/// A value printed without its type, as OCaml prints exception arguments.
pub(crate) fn show_generic(v: Value) -> String {
    if let Some(i) = as_int(v) {
        return i.to_string();
    }
    if let Some(f) = v.as_float() {
        return crate::format::string_of_float(f);
    }
    if let Some(s) = v.downcast::<Str>() {
        return format!("{:?}", s.as_str());
    }
    if let Some(r) = v.downcast::<Record>() {
        let shown: Vec<String> = r.iter().map(show_generic).collect();
        return format!("({})", shown.join(", "));
    }
    "_".into()
}

fn unit() -> VmResult<Value> {
    Ok(Value::NIL)
}

// ----- printing and conversions --------------------------------------------------------

fn print_string(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let s = str_arg(vm, args, 0, "print_string")?;
    vm.write_out(s.as_str())?;
    unit()
}

fn print_endline(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let s = str_arg(vm, args, 0, "print_endline")?;
    vm.write_out(s.as_str())?;
    vm.write_out("\n")?;
    unit()
}

fn print_newline(vm: &mut Vm, _: NativeArgs) -> VmResult<Value> {
    vm.write_out("\n")?;
    vm.flush();
    unit()
}

fn print_int(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let i = int_arg(vm, args, 0, "print_int")?;
    vm.write_out(&i.to_string())?;
    unit()
}

fn print_float(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let f = float_arg(vm, args, 0, "print_float")?;
    vm.write_out(&crate::format::string_of_float(f))?;
    unit()
}

fn print_char(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let c = int_arg(vm, args, 0, "print_char")?;
    let s = String::from_utf8_lossy(&[c as u8]).into_owned();
    vm.write_out(&s)?;
    unit()
}

fn prerr_string(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let s = str_arg(vm, args, 0, "prerr_string")?;
    vm.flush();
    eprint!("{}", s.as_str());
    unit()
}

fn prerr_endline(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let s = str_arg(vm, args, 0, "prerr_endline")?;
    vm.flush();
    eprintln!("{}", s.as_str());
    unit()
}

fn string_of_int(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let i = int_arg(vm, args, 0, "string_of_int")?;
    Ok(vm.string_value(i.to_string()))
}

fn int_of_string(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let s = str_arg(vm, args, 0, "int_of_string")?;
    match parse_ocaml_int(s.as_str()) {
        Some(i) => Ok(vm.int(i)),
        None => Err(raise_with(vm, "Failure", "int_of_string")),
    }
}

/// OCaml's integer syntax: an optional sign, decimal or `0x`/`0o`/`0b`, `_` separators.
fn parse_ocaml_int(s: &str) -> Option<i64> {
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if body.is_empty() || body.starts_with('_') {
        return None;
    }
    let clean = body.replace('_', "");
    let (digits, radix) = match clean.get(..2) {
        Some("0x" | "0X") => (&clean[2..], 16),
        Some("0o" | "0O") => (&clean[2..], 8),
        Some("0b" | "0B") => (&clean[2..], 2),
        _ => (clean.as_str(), 10),
    };
    let magnitude = i128::from_str_radix(digits, radix).ok()?;
    let v = if neg { -magnitude } else { magnitude };
    i64::try_from(v).ok()
}

fn string_of_float(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let f = float_arg(vm, args, 0, "string_of_float")?;
    Ok(vm.string_value(crate::format::string_of_float(f)))
}

fn float_of_string(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let s = str_arg(vm, args, 0, "float_of_string")?;
    let clean = s.as_str().replace('_', "");
    let parsed = match clean.as_str() {
        "nan" => Some(f64::NAN),
        "inf" | "infinity" => Some(f64::INFINITY),
        "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
        t => t.strip_suffix('.').unwrap_or(t).parse::<f64>().ok().or_else(|| t.parse::<f64>().ok()),
    };
    match parsed {
        Some(f) if !clean.is_empty() => Ok(Value::float(f)),
        _ => Err(raise_with(vm, "Failure", "float_of_string")),
    }
}

fn float_of_int(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    Ok(Value::float(int_arg(vm, args, 0, "float_of_int")? as f64))
}

fn int_of_float(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let f = float_arg(vm, args, 0, "int_of_float")?;
    // OCaml's truncation is unspecified outside the int range; saturate (Rust's `as`).
    Ok(vm.int(if f.is_nan() { 0 } else { f.trunc() as i64 }))
}

/// The float functions of the prelude by number (`sqrt` is 0, ...): one native instead
/// of a dozen.
fn float_fn(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let which = int_arg(vm, args, 0, "float function")?;
    let x = float_arg(vm, args, 1, "float function")?;
    let r = match which {
        0 => x.sqrt(),
        1 => x.sin(),
        2 => x.cos(),
        3 => x.exp(),
        4 => x.ln(),
        5 => x.abs(),
        6 => x.floor(),
        7 => x.ceil(),
        8 => x.tan(),
        9 => x.atan(),
        10 => x.log10(),
        _ => return Err(Exception::value_error("unknown float function")),
    };
    Ok(Value::float(r))
}

fn pow(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let a = float_arg(vm, args, 0, "**")?;
    let b = float_arg(vm, args, 1, "**")?;
    Ok(Value::float(a.powf(b)))
}

fn lsr(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let a = int_arg(vm, args, 0, "lsr")?;
    let b = int_arg(vm, args, 1, "lsr")?;
    let r = if (0..64).contains(&b) { ((a as u64) >> b) as i64 } else { 0 };
    Ok(vm.int(r))
}

fn char_chr(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let c = int_arg(vm, args, 0, "Char.chr")?;
    if !(0..=255).contains(&c) {
        return Err(raise_with(vm, "Invalid_argument", "Char.chr"));
    }
    Ok(vm.int(c))
}

// ----- exceptions ----------------------------------------------------------------------

/// `exn(name, payload)`: the exception value of a constructor application.
fn exn(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let name = str_arg(vm, args, 0, "exn")?;
    let payload = vm.arg(args, 1);
    Ok(make_exn(vm, name.as_str(), payload))
}

/// Whether an exception value is constructor `name` (the VM's own errors count as the
/// DevFun exceptions they stand for).
fn exn_is(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let v = vm.arg(args, 0);
    let name = str_arg(vm, args, 1, "exn_is")?;
    let Some(e) = v.downcast::<ErrorObj>() else { return Ok(Value::FALSE) };
    let kind = e.kind.as_str();
    let name = name.as_str();
    let is = kind == name
        || vm_kind(name).is_some_and(|k| e.builtin == Some(k))
        || (name == "Invalid_argument" && e.builtin == Some(ErrorKind::IndexError))
        || (name == "Failure" && e.builtin == Some(ErrorKind::ValueError));
    Ok(Value::bool(is))
}

/// Argument `i` of an exception value.
fn exn_arg(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let v = vm.arg(args, 0);
    let i = int_arg(vm, args, 1, "exn_arg")? as usize;
    let Some(e) = v.downcast::<ErrorObj>() else { return Err(type_error("exn_arg", v)) };
    if let Some(r) = e.payload.get().downcast::<Record>() {
        if let Some(f) = r.get(i) {
            return Ok(f);
        }
    }
    // A VM error seen as Invalid_argument or Failure: its message is the argument.
    let msg = if e.builtin == Some(ErrorKind::IndexError) {
        "index out of bounds".to_string()
    } else {
        e.message.as_str().to_string()
    };
    Ok(vm.string_value(msg))
}

/// `check_value(kind, v)`: the boundary check of a value an external (another
/// language's function) returned; a value of the wrong type raises `Invalid_argument`.
fn check_value(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let kind = str_arg(vm, args, 0, "check_value")?;
    let v = vm.arg(args, 1);
    let ok = match kind.as_str() {
        "int" => as_int(v).is_some(),
        "char" => as_int(v).is_some_and(|c| (0..256).contains(&c)),
        "float" => v.is_float(),
        "string" => v.downcast::<Str>().is_some(),
        "bool" => v.is_bool(),
        "unit" => v.is_nil(),
        _ => true,
    };
    if ok {
        return Ok(v);
    }
    let article = if kind.as_str().starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    let msg = format!("external: expected {article} {} but got {}", kind.as_str(), devvm_vm::format::repr(v));
    Err(raise_with(vm, "Invalid_argument", &msg))
}

// ----- lists and arrays ----------------------------------------------------------------

/// A DevFun list (`::` records ending in `[]`, the int 0) from a VM list.
fn list_of_array(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let l = list_arg(vm, args, 0, "list_of_array")?;
    Ok(make_list(vm, &l.snapshot()))
}

pub(crate) fn make_list(vm: &mut Vm, items: &[Value]) -> Value {
    let mut acc = Value::small_int(0);
    for v in items.iter().rev() {
        acc = Value::object(vm.new_record(0, &[*v, acc]));
    }
    acc
}

/// The elements of a DevFun list.
pub(crate) fn list_items(v: Value) -> VmResult<Vec<Value>> {
    let mut out = Vec::new();
    let mut cur = v;
    while let Some(r) = cur.downcast::<Record>() {
        match (r.len(), r.get(0), r.get(1)) {
            (2, Some(head), Some(tail)) => {
                out.push(head);
                cur = tail;
            }
            _ => return Err(type_error("list", cur)),
        }
    }
    Ok(out)
}

fn array_make(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let n = int_arg(vm, args, 0, "Array.make")?;
    let v = vm.arg(args, 1);
    if n < 0 {
        return Err(raise_with(vm, "Invalid_argument", "Array.make"));
    }
    vm.check_alloc_size((n as usize).saturating_mul(8))?;
    Ok(vm.list_value(vec![v; n as usize]))
}

fn array_length(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let a = list_arg(vm, args, 0, "Array.length")?;
    Ok(vm.int(a.len() as i64))
}

fn array_of_list(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let items = list_items(vm.arg(args, 0))?;
    Ok(vm.list_value(items))
}

fn array_to_list(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let a = list_arg(vm, args, 0, "Array.to_list")?;
    Ok(make_list(vm, &a.snapshot()))
}

fn array_copy(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let a = list_arg(vm, args, 0, "Array.copy")?;
    Ok(vm.list_value(a.snapshot()))
}

fn array_sub(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let a = list_arg(vm, args, 0, "Array.sub")?;
    let pos = int_arg(vm, args, 1, "Array.sub")?;
    let len = int_arg(vm, args, 2, "Array.sub")?;
    if pos < 0 || len < 0 || pos + len > a.len() as i64 {
        return Err(raise_with(vm, "Invalid_argument", "Array.sub"));
    }
    let items = a.snapshot()[pos as usize..(pos + len) as usize].to_vec();
    Ok(vm.list_value(items))
}

fn array_blit(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let src = list_arg(vm, args, 0, "Array.blit")?;
    let spos = int_arg(vm, args, 1, "Array.blit")?;
    let dst = list_arg(vm, args, 2, "Array.blit")?;
    let dpos = int_arg(vm, args, 3, "Array.blit")?;
    let len = int_arg(vm, args, 4, "Array.blit")?;
    if len < 0 || spos < 0 || dpos < 0 || spos + len > src.len() as i64 || dpos + len > dst.len() as i64 {
        return Err(raise_with(vm, "Invalid_argument", "Array.blit"));
    }
    let items = src.snapshot();
    for i in 0..len as usize {
        vm.list_set(dst, dpos as usize + i, items[spos as usize + i]);
    }
    unit()
}
