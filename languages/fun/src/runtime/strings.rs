//! `String` natives. DevFun strings are OCaml's: byte sequences, indexed by byte.

use super::{int_arg, list_items, make_list, raise_plain, raise_with, str_arg, unit};
use devvm_vm::object::{Arity, NativeArgs, Str};
use devvm_vm::{Value, Vm, VmResult};

pub fn install(vm: &mut Vm) {
    let natives: &[(&str, u8, devvm_vm::object::NativeFn)] = &[
        ("string_length", 1, length),
        ("string_get", 2, get),
        ("string_sub", 3, sub),
        ("string_make", 2, make),
        ("string_concat", 2, concat),
        ("string_index", 2, index),
        ("string_contains", 2, contains),
        ("string_upper", 1, upper),
        ("string_lower", 1, lower),
        ("string_split", 2, split_on_char),
        ("string_append", 2, append),
    ];
    for (name, arity, f) in natives {
        vm.register_builtin(&format!("fun:{name}"), Arity::exactly(*arity), *f);
    }
    let _ = unit;
}

fn bytes_value(vm: &mut Vm, bytes: &[u8]) -> Value {
    vm.string_value(String::from_utf8_lossy(bytes).into_owned())
}

fn length(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let s = str_arg(vm, args, 0, "String.length")?;
    Ok(vm.int(s.as_str().len() as i64))
}

fn get(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let s = str_arg(vm, args, 0, "String.get")?;
    let i = int_arg(vm, args, 1, "String.get")?;
    match usize::try_from(i).ok().and_then(|i| s.as_str().as_bytes().get(i)) {
        Some(b) => Ok(Value::small_int(*b as i64)),
        None => Err(raise_with(vm, "Invalid_argument", "index out of bounds")),
    }
}

fn sub(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let s = str_arg(vm, args, 0, "String.sub")?;
    let pos = int_arg(vm, args, 1, "String.sub")?;
    let len = int_arg(vm, args, 2, "String.sub")?;
    let b = s.as_str().as_bytes();
    if pos < 0 || len < 0 || pos + len > b.len() as i64 {
        return Err(raise_with(vm, "Invalid_argument", "String.sub / Bytes.sub"));
    }
    let part = b[pos as usize..(pos + len) as usize].to_vec();
    Ok(bytes_value(vm, &part))
}

fn make(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let n = int_arg(vm, args, 0, "String.make")?;
    let c = int_arg(vm, args, 1, "String.make")?;
    if n < 0 {
        return Err(raise_with(vm, "Invalid_argument", "String.create"));
    }
    vm.check_alloc_size(n as usize)?;
    Ok(bytes_value(vm, &vec![c as u8; n as usize]))
}

fn concat(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let sep = str_arg(vm, args, 0, "String.concat")?;
    let parts = list_items(vm.arg(args, 1))?;
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep.as_str());
        }
        if let Some(s) = p.downcast::<Str>() {
            out.push_str(s.as_str());
        }
    }
    Ok(vm.string_value(out))
}

fn index(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let s = str_arg(vm, args, 0, "String.index")?;
    let c = int_arg(vm, args, 1, "String.index")?;
    match s.as_str().bytes().position(|b| b as i64 == c) {
        Some(i) => Ok(vm.int(i as i64)),
        None => Err(raise_plain(vm, "Not_found")),
    }
}

fn contains(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let s = str_arg(vm, args, 0, "String.contains")?;
    let c = int_arg(vm, args, 1, "String.contains")?;
    Ok(Value::bool(s.as_str().bytes().any(|b| b as i64 == c)))
}

fn upper(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let s = str_arg(vm, args, 0, "String.uppercase_ascii")?;
    Ok(vm.string_value(s.as_str().to_ascii_uppercase()))
}

fn lower(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let s = str_arg(vm, args, 0, "String.lowercase_ascii")?;
    Ok(vm.string_value(s.as_str().to_ascii_lowercase()))
}

fn split_on_char(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let c = int_arg(vm, args, 0, "String.split_on_char")?;
    let s = str_arg(vm, args, 1, "String.split_on_char")?;
    let text = s.as_str().to_string();
    let parts: Vec<Value> = text.as_bytes().split(|b| *b as i64 == c).map(|p| bytes_value(vm, p)).collect();
    Ok(make_list(vm, &parts))
}

fn append(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let a = str_arg(vm, args, 0, "^")?;
    let b = str_arg(vm, args, 1, "^")?;
    let mut s = String::with_capacity(a.as_str().len() + b.as_str().len());
    s.push_str(a.as_str());
    s.push_str(b.as_str());
    Ok(vm.string_value(s))
}
