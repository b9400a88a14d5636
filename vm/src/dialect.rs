//! The Lox dialect of the slow paths (functions compiled with `Dialect::Lox`, i.e.
//! DevObj): numbers behave as IEEE doubles — ints are only the fast representation of
//! integral values, so anything an int cannot represent exactly (overflow, `1/0`, `-0`)
//! becomes a float instead of an error — and errors carry the book's messages.
//!
//! The interpreter's fast paths are shared: two small ints or two floats compute the
//! same result under both dialects. Only what reaches a slow path is decided here.

use crate::bytecode::Op;
use crate::error::{Exception, VmResult};
use crate::error_kind::ErrorKind;
use crate::object::Proto;
use crate::types::as_number;
use crate::value::Value;
use crate::vm::Vm;

pub(crate) fn numbers_error() -> Exception {
    Exception::type_error("Operands must be numbers.")
}

/// JavaScript's ToInt32: the number modulo 2^32, as a signed 32-bit int.
pub(crate) fn to_int32(f: f64) -> i32 {
    if !f.is_finite() {
        return 0;
    }
    let t = f.trunc();
    let m = t.rem_euclid(4294967296.0);
    (m as u64 as u32) as i32
}

impl Vm {
    /// `+ - * /` (and `%` through [`Vm::rem`]) when the fast path did not apply.
    pub(crate) fn lox_arith(&mut self, sym: char, a: Value, b: Value) -> VmResult<Value> {
        if let (Some(x), Some(y)) = (as_number(a), as_number(b)) {
            return Ok(Value::float(match sym {
                '+' => x + y,
                '-' => x - y,
                '*' => x * y,
                '/' => x / y,
                _ => js_rem(x, y),
            }));
        }
        if sym == '+' {
            if let Some(r) = self.concat_strings(a, b) {
                return r;
            }
            return Err(Exception::type_error("Operands must be two numbers or two strings."));
        }
        Err(numbers_error())
    }

    pub(crate) fn lox_neg(&mut self, a: Value) -> VmResult<Value> {
        match as_number(a) {
            Some(x) => Ok(Value::float(-x)),
            None => Err(Exception::type_error("Operand must be a number.")),
        }
    }

    /// `& | ^ << >>` on numbers converted to 32-bit ints as JavaScript converts them.
    pub(crate) fn lox_bitwise(&mut self, op: Op, a: Value, b: Value) -> VmResult<Value> {
        let (Some(x), Some(y)) = (as_number(a), as_number(b)) else {
            return Err(numbers_error());
        };
        let (x, y) = (to_int32(x), to_int32(y));
        let r = match op {
            Op::BitAnd => x & y,
            Op::BitOr => x | y,
            Op::BitXor => x ^ y,
            Op::Shl => x.wrapping_shl(y as u32 & 31),
            _ => x >> (y as u32 & 31),
        };
        Ok(Value::small_int(r as i64))
    }

    pub(crate) fn lox_bit_not(&mut self, a: Value) -> VmResult<Value> {
        match as_number(a) {
            Some(x) => Ok(Value::small_int(!to_int32(x) as i64)),
            None => Err(Exception::type_error("Operand must be a number.")),
        }
    }

    /// `REM`: the remainder with the sign of the dividend, for both dialects' numbers.
    #[inline(never)]
    pub(crate) fn rem(&mut self, a: Value, b: Value) -> VmResult<Value> {
        if Value::both_small_ints(a, b) {
            let (x, y) = (a.as_small_int_unchecked(), b.as_small_int_unchecked());
            if y != 0 {
                let r = x % y;
                // JavaScript: the result has the dividend's sign, so -4 % 2 is -0.
                return Ok(if r == 0 && x < 0 { Value::float(-0.0) } else { Value::small_int(r) });
            }
        }
        match (as_number(a), as_number(b)) {
            (Some(x), Some(y)) => Ok(Value::float(js_rem(x, y))),
            _ if self.is_lox() => Err(numbers_error()),
            _ => Err(Exception::type_error(format!(
                "unsupported operand types for %: '{}' and '{}'",
                crate::ops_slow::type_name(a),
                crate::ops_slow::type_name(b)
            ))),
        }
    }

    /// An ordering operator when the fast path did not apply.
    #[inline(never)]
    pub(crate) fn compare_slow(&self, a: Value, b: Value, op: Op) -> VmResult<bool> {
        if !self.is_lox() {
            return crate::ops_slow::compare_op(a, b, op);
        }
        let (Some(x), Some(y)) = (as_number(a), as_number(b)) else {
            return Err(numbers_error());
        };
        Ok(match op {
            Op::Lt => x < y,
            Op::Le => x <= y,
            Op::Gt => x > y,
            _ => x >= y,
        })
    }

    /// An index as the list operations want it: integral floats are ints in Lox.
    #[inline(never)]
    pub(crate) fn lox_index(&self, index: Value) -> Value {
        match index.as_float() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 && self.is_lox() => Value::small_int(f as i64),
            _ => index,
        }
    }

    /// Reading a module variable whose definition has not run.
    #[cold]
    pub(crate) fn undefined_modvar(&self, proto: &Proto, i: usize) -> Exception {
        let name = proto.module.name_of(i);
        if proto.code.dialect == crate::bytecode::Dialect::Lox {
            return Exception::new(ErrorKind::NameError, format!("Undefined variable '{name}'."));
        }
        Exception::new(ErrorKind::NameError, format!("'{name}' is used before its definition ran"))
    }
}

/// `%` of two doubles with the dividend's sign (C's fmod, JavaScript's %).
fn js_rem(x: f64, y: f64) -> f64 {
    x % y
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_int32_wraps_like_javascript() {
        assert_eq!(to_int32(1.9), 1);
        assert_eq!(to_int32(-1.9), -1);
        assert_eq!(to_int32(4294967296.0 + 5.0), 5);
        assert_eq!(to_int32(2147483648.0), -2147483648);
        assert_eq!(to_int32(f64::NAN), 0);
        assert_eq!(js_rem(-7.0, 2.0), -1.0);
        assert_eq!(js_rem(7.0, -2.0), 1.0);
    }
}
