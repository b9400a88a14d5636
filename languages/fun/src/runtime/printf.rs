//! `Printf.printf`, `sprintf` and `eprintf`: the format (a literal the checker has
//! already type-checked) followed by one argument per conversion.

use crate::format::{self, Conv, Piece};
use devvm_vm::object::{Arity, NativeArgs, Str};
use devvm_vm::{as_int, Exception, Value, Vm, VmResult};

pub fn install(vm: &mut Vm) {
    vm.register_builtin("fun:printf", Arity::range(1, 255), printf);
    vm.register_builtin("fun:sprintf", Arity::range(1, 255), sprintf);
    vm.register_builtin("fun:eprintf", Arity::range(1, 255), eprintf);
}

fn printf(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let s = render(vm, args)?;
    vm.write_out(&s)?;
    Ok(Value::NIL)
}

fn eprintf(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let s = render(vm, args)?;
    vm.flush();
    eprint!("{s}");
    Ok(Value::NIL)
}

fn sprintf(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let s = render(vm, args)?;
    Ok(vm.string_value(s))
}

fn render(vm: &mut Vm, args: NativeArgs) -> VmResult<String> {
    let fmt = vm
        .arg(args, 0)
        .downcast::<Str>()
        .ok_or_else(|| Exception::type_error("printf: the format must be a string"))?;
    let pieces = format::parse(fmt.as_str()).map_err(Exception::value_error)?;
    let mut out = String::new();
    let mut next = 1;
    for p in &pieces {
        match p {
            Piece::Lit(s) => out.push_str(s),
            Piece::Conv(c) => {
                if next >= args.len {
                    return Err(Exception::new(
                        devvm_vm::ErrorKind::ArityError,
                        "printf: too few arguments for the format",
                    ));
                }
                let v = vm.arg(args, next);
                next += 1;
                out.push_str(&convert(c, v)?);
            }
        }
    }
    Ok(out)
}

fn convert(c: &Conv, v: Value) -> VmResult<String> {
    let bad = || Exception::type_error(format!("printf: %{} does not accept {}", c.letter, devvm_vm::format::repr(v)));
    Ok(match c.letter {
        'd' | 'i' | 'u' => {
            let i = as_int(v).ok_or_else(bad)?;
            let mut s = i.to_string();
            if i >= 0 && c.plus {
                s.insert(0, '+');
            } else if i >= 0 && c.space {
                s.insert(0, ' ');
            }
            format::pad(c, s, true)
        }
        'x' => format::pad(c, format!("{:x}", as_int(v).ok_or_else(bad)?), true),
        'X' => format::pad(c, format!("{:X}", as_int(v).ok_or_else(bad)?), true),
        'o' => format::pad(c, format!("{:o}", as_int(v).ok_or_else(bad)?), true),
        'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
            let f = v.as_float().ok_or_else(bad)?;
            let p = c.precision.unwrap_or(6);
            let mut s = if f.is_nan() {
                "nan".to_string()
            } else if f.is_infinite() {
                if f > 0.0 { "inf" } else { "-inf" }.to_string()
            } else {
                match c.letter {
                    'f' | 'F' => format!("{f:.p$}"),
                    'e' | 'E' => c_exp(f, p, c.letter == 'E'),
                    _ => format::format_g(f, p),
                }
            };
            if f >= 0.0 && c.plus {
                s.insert(0, '+');
            } else if f >= 0.0 && c.space {
                s.insert(0, ' ');
            }
            format::pad(c, s, true)
        }
        's' => format::pad(c, v.downcast::<Str>().ok_or_else(bad)?.as_str().to_string(), false),
        'c' => {
            let b = as_int(v).ok_or_else(bad)? as u8;
            format::pad(c, String::from_utf8_lossy(&[b]).into_owned(), false)
        }
        _ => format::pad(c, v.as_bool().ok_or_else(bad)?.to_string(), false),
    })
}

/// `%e` as C prints it: `1.500000e+00`.
fn c_exp(f: f64, p: usize, upper: bool) -> String {
    let s = format!("{f:.p$e}");
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    let r = format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    if upper {
        r.to_uppercase()
    } else {
        r
    }
}
