//! DevObj's runtime: `print`, `str`, `clock`, `is`, the `Error` class hierarchy, `Math`,
//! and the `List`/`Map` classes, registered as hidden built-ins named `oo:NAME` (the
//! DevObj frontend compiles its programs' references to them; other languages do not
//! see them).
//!
//! VM errors are error values when they are thrown (`ErrorObj`, so they cross language
//! boundaries unchanged); a DevObj handler receives each as a real instance of the class
//! named by its kind (`Vm::lox_caught_value`), with `message`, `trace`, `kind` and `code`
//! fields and the class's methods. `Error(message)` and user subclasses are ordinary
//! instances with `message` and `trace` fields. `is` still maps error values that reach
//! DevObj code some other way (a user kind from another language) to their class.

use devvm_vm::format_lox::lox_number;
use devvm_vm::object::{
    is_subclass_of, Arity, Class, ErrorObj, Instance, MethodKind, Native, NativeArgs, NativeFn, Str,
};
use devvm_vm::{Exception, TypeTag, Value, Vm, VmResult};

pub(crate) fn install(vm: &mut Vm) {
    vm.register_builtin("oo:print", Arity::exactly(1), print);
    vm.register_builtin("oo:str", Arity::exactly(1), str_);
    vm.register_builtin("oo:clock", Arity::exactly(0), clock);
    vm.register_builtin("oo:is", Arity::exactly(2), is);

    let error = vm.make_class("Error");
    error.error_kind.set(u8::MAX);
    let init = method_native(vm, "init", Arity::exactly(2), error_init);
    vm.define_member(error, "init", MethodKind::Initializer, init);
    let to_string = method_native(vm, "toString", Arity::exactly(1), error_to_string);
    vm.define_member(error, "toString", MethodKind::Method, to_string);
    vm.register_global("oo:Error", Value::object(error));
    // One class per runtime error kind (compile-time kinds never reach a program).
    for kind in devvm_vm::ErrorKind::runtime() {
        let name = kind.name();
        let k = vm.make_class(name);
        // Inheriting copies Error's members; this cannot fail (both are classes).
        let _ = inherit(vm, error, k);
        // The kind's index plus one (0 is a user class, u8::MAX `Error` itself).
        let index = devvm_vm::ErrorKind::ALL.iter().position(|&x| x == kind).map_or(0, |i| i + 1);
        k.error_kind.set(index as u8);
        vm.register_global(&format!("oo:{name}"), Value::object(k));
    }

    let math = vm.make_class("Math");
    let statics: [(&str, Arity, NativeFn); 10] = [
        ("sqrt", Arity::exactly(1), |vm, a| unary(vm, a, f64::sqrt)),
        ("floor", Arity::exactly(1), |vm, a| unary(vm, a, f64::floor)),
        ("ceil", Arity::exactly(1), |vm, a| unary(vm, a, f64::ceil)),
        ("abs", Arity::exactly(1), |vm, a| unary(vm, a, f64::abs)),
        ("sin", Arity::exactly(1), |vm, a| unary(vm, a, f64::sin)),
        ("cos", Arity::exactly(1), |vm, a| unary(vm, a, f64::cos)),
        ("min", Arity::exactly(2), |vm, a| binary(vm, a, f64::min)),
        ("max", Arity::exactly(2), |vm, a| binary(vm, a, f64::max)),
        ("pow", Arity::exactly(2), |vm, a| binary(vm, a, f64::powf)),
        ("atan2", Arity::exactly(2), |vm, a| binary(vm, a, f64::atan2)),
    ];
    for (name, arity, f) in statics {
        let n = vm.native(name, arity, f);
        vm.define_member(math, name, MethodKind::Static, n);
    }
    vm.register_global("oo:Math", Value::object(math));
    for name in ["List", "Map"] {
        let k = vm.make_class(name);
        vm.register_global(&format!("oo:{name}"), Value::object(k));
    }
}

fn inherit(vm: &mut Vm, sup: devvm_vm::Gc<Class>, class: devvm_vm::Gc<Class>) -> VmResult<()> {
    class.inherit_from(&sup);
    class.superclass.set(Value::object(sup));
    for v in class.member_values().into_iter().chain([Value::object(sup)]) {
        if let Some(h) = v.as_header() {
            vm.heap.write_barrier(class.header_ptr(), h);
        }
    }
    Ok(())
}

/// A native method: its receiver is argument 0.
fn method_native(vm: &mut Vm, name: &str, arity: Arity, function: NativeFn) -> Value {
    Value::object(vm.alloc(Native { name: name.to_string(), arity, function, data: Value::NIL, is_method: true }))
}

fn unary(vm: &mut Vm, args: NativeArgs, f: fn(f64) -> f64) -> VmResult<Value> {
    let x = number(vm.arg(args, 0))?;
    Ok(Value::float(f(x)))
}

fn binary(vm: &mut Vm, args: NativeArgs, f: fn(f64, f64) -> f64) -> VmResult<Value> {
    let (x, y) = (number(vm.arg(args, 0))?, number(vm.arg(args, 1))?);
    Ok(Value::float(f(x, y)))
}

fn number(v: Value) -> VmResult<f64> {
    devvm_vm::as_number(v).ok_or_else(|| Exception::type_error("Operands must be numbers."))
}

/// `print v;` — DevObj's printing rules, `toString()` included.
fn print(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let mut text = vm.lox_display_reentrant(vm.arg(args, 0))?;
    text.push('\n');
    vm.write_out(&text)?;
    Ok(Value::NIL)
}

/// `str(v)`: the string `print` would show.
fn str_(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let v = vm.arg(args, 0);
    if v.downcast::<Str>().is_some() {
        return Ok(v);
    }
    let text = vm.lox_display_reentrant(v)?;
    Ok(vm.string_value(text))
}

/// `clock()`: seconds as a number (virtual under `--deterministic`).
fn clock(vm: &mut Vm, _args: NativeArgs) -> VmResult<Value> {
    if vm.policy.deterministic {
        let tick = vm.virtual_clock.get();
        vm.virtual_clock.set(tick.saturating_add(1));
        return Ok(Value::float(tick as f64 * 0.001));
    }
    Ok(Value::float(crate::time::wall_seconds()))
}

/// `v is K`: class membership through inheritance; VM errors are instances of the class
/// of their kind, lists and maps of `List` and `Map`.
fn is(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let (v, k) = (vm.arg(args, 0), vm.arg(args, 1));
    let Some(class) = k.downcast::<Class>() else {
        return Err(Exception::type_error("Right operand of 'is' must be a class."));
    };
    let class_of = |vm: &Vm, v: Value| -> Option<devvm_vm::Gc<Class>> {
        if let Some(i) = v.downcast::<Instance>() {
            return Some(i.class);
        }
        let name = if let Some(e) = v.downcast::<ErrorObj>() {
            e.builtin.map_or("UserError", |kind| kind.name()).to_string()
        } else {
            match TypeTag::of(v) {
                TypeTag::List => "List".to_string(),
                TypeTag::Map => "Map".to_string(),
                _ => return None,
            }
        };
        vm.builtin_by_name(&format!("oo:{name}")).and_then(|c| c.downcast::<Class>())
    };
    Ok(Value::bool(class_of(vm, v).is_some_and(|c| is_subclass_of(c, class))))
}

/// `Error.init(message)`: sets the `message` field (and an empty `trace`).
fn error_init(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let this = vm.arg(args, 0);
    let Some(inst) = this.downcast::<Instance>() else {
        return Err(Exception::type_error("Error.init needs an instance."));
    };
    let message = vm.arg(args, 1);
    vm.instance_set_field(inst, "message", message);
    if vm.instance_field(inst, "trace").is_none() {
        vm.instance_set_field(inst, "trace", Value::NIL);
    }
    Ok(this)
}

/// `Error.toString()`: `Kind: message`.
fn error_to_string(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let this = vm.arg(args, 0);
    let Some(inst) = this.downcast::<Instance>() else {
        return Err(Exception::type_error("Error.toString needs an instance."));
    };
    let message = vm.instance_field(inst, "message").unwrap_or(Value::NIL);
    let text = match message.downcast::<Str>() {
        Some(s) => s.as_str().to_string(),
        None => match message.as_float() {
            Some(f) => lox_number(f),
            None => devvm_vm::format::str(message),
        },
    };
    let s = format!("{}: {}", inst.class.name.as_str(), text);
    Ok(vm.string_value(s))
}
