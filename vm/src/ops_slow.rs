//! The slow paths of the dynamic operators: everything the interpreter's inline fast paths
//! (small ints, floats) do not handle. Each function may allocate (a boxed int, a new
//! string) but never collects and never re-enters the interpreter.

use crate::error::{Exception, VmResult};
use crate::error_kind::ErrorKind;
use crate::object::{ErrorObj, HashKeyError, List, Map, Module, Range, Record, Str};
use crate::types::{as_int, TypeTag};
use crate::value::Value;
use crate::vm::Vm;
use std::cmp::Ordering;

/// A type name with its indefinite article, for messages: "an int", "a list".
pub(crate) fn a_type(name: &str) -> String {
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} {name}")
}

pub(crate) fn type_name(v: Value) -> &'static str {
    TypeTag::of(v).name()
}

fn operand_error(op: &str, a: Value, b: Value) -> Exception {
    Exception::type_error(format!("unsupported operand types for {op}: '{}' and '{}'", type_name(a), type_name(b)))
}

fn overflow(op: &str) -> Exception {
    Exception::new(ErrorKind::OverflowError, format!("integer overflow in {op}"))
}

pub(crate) fn key_error(e: HashKeyError) -> Exception {
    match e {
        HashKeyError::Nil => Exception::type_error("nil cannot be a map key"),
        HashKeyError::Unhashable(t) => Exception::type_error(format!("a {t} cannot be a map key (it is mutable)")),
    }
}

/// Both operands as numbers: ints stay exact, anything mixed becomes two floats.
enum Nums {
    Ints(i64, i64),
    Floats(f64, f64),
}

fn nums(a: Value, b: Value) -> Option<Nums> {
    match (as_int(a), as_int(b)) {
        (Some(x), Some(y)) => Some(Nums::Ints(x, y)),
        _ => {
            let x = a.as_float().or_else(|| as_int(a).map(|i| i as f64))?;
            let y = b.as_float().or_else(|| as_int(b).map(|i| i as f64))?;
            Some(Nums::Floats(x, y))
        }
    }
}

impl Vm {
    pub(crate) fn add_slow(&mut self, a: Value, b: Value) -> VmResult<Value> {
        if self.is_lox() {
            return self.lox_arith('+', a, b);
        }
        match nums(a, b) {
            Some(Nums::Ints(x, y)) => x.checked_add(y).map(|r| self.int(r)).ok_or_else(|| overflow("+")),
            Some(Nums::Floats(x, y)) => Ok(Value::float(x + y)),
            None => {
                if let Some(r) = self.concat_strings(a, b) {
                    return r;
                }
                if let (Some(x), Some(y)) = (a.downcast::<List>(), b.downcast::<List>()) {
                    let mut items = x.snapshot();
                    items.extend(y.snapshot());
                    return Ok(self.list_value(items));
                }
                Err(operand_error("+", a, b))
            }
        }
    }

    /// `a + b` of two strings (`None` unless both are strings).
    pub(crate) fn concat_strings(&mut self, a: Value, b: Value) -> Option<VmResult<Value>> {
        let (x, y) = (a.downcast::<Str>()?, b.downcast::<Str>()?);
        let mut s = String::with_capacity(x.as_str().len() + y.as_str().len());
        s.push_str(x.as_str());
        s.push_str(y.as_str());
        Some(self.check_alloc_size(s.len()).map(|()| self.string_value(s)))
    }

    pub(crate) fn sub_slow(&mut self, a: Value, b: Value) -> VmResult<Value> {
        if self.is_lox() {
            return self.lox_arith('-', a, b);
        }
        match nums(a, b) {
            Some(Nums::Ints(x, y)) => x.checked_sub(y).map(|r| self.int(r)).ok_or_else(|| overflow("-")),
            Some(Nums::Floats(x, y)) => Ok(Value::float(x - y)),
            None => Err(operand_error("-", a, b)),
        }
    }

    pub(crate) fn mul_slow(&mut self, a: Value, b: Value) -> VmResult<Value> {
        if self.is_lox() {
            return self.lox_arith('*', a, b);
        }
        match nums(a, b) {
            Some(Nums::Ints(x, y)) => x.checked_mul(y).map(|r| self.int(r)).ok_or_else(|| overflow("*")),
            Some(Nums::Floats(x, y)) => Ok(Value::float(x * y)),
            None => Err(operand_error("*", a, b)),
        }
    }

    /// `/`: always a float. Two ints with a zero divisor raise, as integer division does;
    /// a float operand makes it IEEE division.
    pub(crate) fn div(&mut self, a: Value, b: Value) -> VmResult<Value> {
        if self.is_lox() {
            return self.lox_arith('/', a, b);
        }
        match nums(a, b) {
            Some(Nums::Ints(_, 0)) => Err(Exception::new(ErrorKind::ZeroDivisionError, "division by zero")),
            Some(Nums::Ints(x, y)) => Ok(Value::float(x as f64 / y as f64)),
            Some(Nums::Floats(x, y)) => Ok(Value::float(x / y)),
            None => Err(operand_error("/", a, b)),
        }
    }

    pub(crate) fn floor_div(&mut self, a: Value, b: Value) -> VmResult<Value> {
        match nums(a, b) {
            Some(Nums::Ints(_, 0)) => Err(Exception::new(ErrorKind::ZeroDivisionError, "integer division by zero")),
            Some(Nums::Ints(x, y)) => {
                let q = x.checked_div(y).ok_or_else(|| overflow("//"))?;
                let q = if (x % y != 0) && ((x < 0) != (y < 0)) { q - 1 } else { q };
                Ok(self.int(q))
            }
            Some(Nums::Floats(x, y)) => Ok(Value::float((x / y).floor())),
            None => Err(operand_error("//", a, b)),
        }
    }

    pub(crate) fn modulo(&mut self, a: Value, b: Value) -> VmResult<Value> {
        match nums(a, b) {
            Some(Nums::Ints(_, 0)) => Err(Exception::new(ErrorKind::ZeroDivisionError, "integer modulo by zero")),
            Some(Nums::Ints(x, y)) => {
                let r = x.checked_rem(y).unwrap_or(0);
                let r = if r != 0 && ((r < 0) != (y < 0)) { r + y } else { r };
                Ok(self.int(r))
            }
            Some(Nums::Floats(x, y)) => {
                let mut r = x % y;
                if r != 0.0 && ((r < 0.0) != (y < 0.0)) {
                    r += y;
                }
                Ok(Value::float(r))
            }
            None => Err(operand_error("%", a, b)),
        }
    }

    pub(crate) fn pow(&mut self, a: Value, b: Value) -> VmResult<Value> {
        match nums(a, b) {
            Some(Nums::Ints(x, y)) => {
                if y < 0 {
                    return Err(Exception::value_error("negative exponent for int ** int (use a float base)"));
                }
                let e = u32::try_from(y).map_err(|_| overflow("**"));
                match e.and_then(|e| x.checked_pow(e).ok_or_else(|| overflow("**"))) {
                    Ok(r) => Ok(self.int(r)),
                    // 0, 1 and -1 raised to huge exponents still fit.
                    Err(e) => match x {
                        0 => Ok(Value::small_int(0)),
                        1 => Ok(Value::small_int(1)),
                        -1 => Ok(Value::small_int(if y % 2 == 0 { 1 } else { -1 })),
                        _ => Err(e),
                    },
                }
            }
            Some(Nums::Floats(x, y)) => Ok(Value::float(x.powf(y))),
            None => Err(operand_error("**", a, b)),
        }
    }

    pub(crate) fn neg(&mut self, a: Value) -> VmResult<Value> {
        if self.is_lox() {
            return self.lox_neg(a);
        }
        if let Some(i) = as_int(a) {
            return i.checked_neg().map(|r| self.int(r)).ok_or_else(|| overflow("unary -"));
        }
        if let Some(f) = a.as_float() {
            return Ok(Value::float(-f));
        }
        Err(Exception::type_error(format!("bad operand type for unary -: '{}'", type_name(a))))
    }

    pub(crate) fn bitwise(&mut self, op: crate::bytecode::Op, a: Value, b: Value) -> VmResult<Value> {
        if self.is_lox() {
            return self.lox_bitwise(op, a, b);
        }
        use crate::bytecode::Op;
        let sym = match op {
            Op::BitAnd => "&",
            Op::BitOr => "|",
            Op::BitXor => "^",
            Op::Shl => "<<",
            _ => ">>",
        };
        let (Some(x), Some(y)) = (as_int(a), as_int(b)) else {
            return Err(operand_error(sym, a, b));
        };
        let r = match op {
            Op::BitAnd => x & y,
            Op::BitOr => x | y,
            Op::BitXor => x ^ y,
            Op::Shl => {
                if y < 0 {
                    return Err(Exception::value_error("negative shift count"));
                }
                if x == 0 {
                    0
                } else if y >= 64 || (x << y) >> y != x {
                    return Err(overflow("<<"));
                } else {
                    x << y
                }
            }
            _ => {
                if y < 0 {
                    return Err(Exception::value_error("negative shift count"));
                }
                x >> y.min(63)
            }
        };
        Ok(self.int(r))
    }

    pub(crate) fn bit_not(&mut self, a: Value) -> VmResult<Value> {
        if self.is_lox() {
            return self.lox_bit_not(a);
        }
        match as_int(a) {
            Some(i) => Ok(self.int(!i)),
            None => Err(Exception::type_error(format!("bad operand type for ~: '{}'", type_name(a)))),
        }
    }

    /// `a[i]` for lists, strings, maps and ranges.
    pub(crate) fn get_index(&mut self, obj: Value, index: Value) -> VmResult<Value> {
        let index = self.lox_index(index);
        if let Some(l) = obj.downcast::<List>() {
            let i = list_index(index, l.len(), "list")?;
            return Ok(l.get(i).unwrap_or(Value::NIL));
        }
        if let Some(m) = obj.downcast::<Map>() {
            return match m.get(index).map_err(key_error)? {
                Some(v) => Ok(v),
                None => Err(Exception::new(
                    ErrorKind::KeyError,
                    format!("key {} is not in the map", crate::format::repr(index)),
                )),
            };
        }
        if let Some(s) = obj.downcast::<Str>() {
            let i = list_index(index, s.char_len(), "string")?;
            let c = s.char_at(i).unwrap_or("").to_string();
            return Ok(self.string_value(c));
        }
        if let Some(r) = obj.downcast::<Range>() {
            let i = list_index(index, r.len(), "range")?;
            return Ok(self.int(r.start + i as i64));
        }
        Err(Exception::type_error(format!("{} cannot be indexed", a_type(type_name(obj)))))
    }

    /// `a[i] = v` for lists and maps.
    pub(crate) fn set_index(&mut self, obj: Value, index: Value, v: Value) -> VmResult<()> {
        let index = self.lox_index(index);
        if let Some(l) = obj.downcast::<List>() {
            let i = list_index(index, l.len(), "list")?;
            self.list_set(l, i, v);
            return Ok(());
        }
        if let Some(m) = obj.downcast::<Map>() {
            return self.map_insert(m, index, v);
        }
        if obj.downcast::<Str>().is_some() {
            return Err(Exception::type_error("strings are immutable"));
        }
        Err(Exception::type_error(format!("{} does not support item assignment", a_type(type_name(obj)))))
    }

    /// `obj.name`: a map key, a module export, or an error value's field. `name` is an
    /// interned constant string, so a map lookup is a cached hash and a pointer compare.
    pub(crate) fn get_field(&mut self, obj: Value, name: Value) -> VmResult<Value> {
        if let Some(inst) = obj.downcast::<crate::object::Instance>() {
            return self.instance_property_reentrant(inst, name);
        }
        if let Some(m) = obj.downcast::<Map>() {
            if let Ok(Some(v)) = m.get(name) {
                return Ok(v);
            }
        }
        let key_str = name.downcast::<Str>();
        let key = key_str.as_ref().map(|s| s.as_str()).unwrap_or("");
        if obj.downcast::<Map>().is_some() {
            return Err(Exception::new(ErrorKind::KeyError, format!("key \"{key}\" is not in the map")));
        }
        if let Some(m) = obj.downcast::<Module>() {
            return match m.slot_of(key).and_then(|s| m.get(s as usize)) {
                Some(v) if !v.is_undefined() => Ok(v),
                Some(_) => Err(Exception::new(
                    ErrorKind::NameError,
                    format!("'{key}' of module {} is used before its definition ran", m.name),
                )),
                None => {
                    Err(Exception::new(ErrorKind::NameError, format!("module {} has no export named '{key}'", m.name)))
                }
            };
        }
        if let Some(e) = obj.downcast::<ErrorObj>() {
            return match key {
                "kind" => Ok(Value::object(e.kind)),
                "code" => Ok(Value::object(e.code)),
                "message" => Ok(Value::object(e.message)),
                "trace" => Ok(e.trace.get()),
                _ => Err(Exception::type_error(format!(
                    "an error value has no field '{key}' (it has kind, code, message and trace)"
                ))),
            };
        }
        if let Some(k) = obj.downcast::<crate::object::Class>() {
            let found = self.shapes.existing_symbol(key).and_then(|s| k.static_method(s));
            return found.ok_or_else(|| crate::class_ops::undefined_property(key));
        }
        if self.is_lox() {
            return Err(Exception::type_error("Only instances have properties."));
        }
        Err(Exception::type_error(format!("{} has no fields (reading '.{key}')", a_type(type_name(obj)))))
    }

    pub(crate) fn set_field(&mut self, obj: Value, name: Value, v: Value) -> VmResult<()> {
        if let Some(inst) = obj.downcast::<crate::object::Instance>() {
            return self.set_property_slow(inst, name, v, &[], 0);
        }
        if let Some(m) = obj.downcast::<Map>() {
            return self.map_insert(m, name, v);
        }
        let key_str = name.downcast::<Str>();
        let key = key_str.as_ref().map(|s| s.as_str()).unwrap_or("");
        if self.is_lox() {
            return Err(Exception::type_error("Only instances have fields."));
        }
        Err(Exception::type_error(format!("{} has no fields (assigning '.{key}')", a_type(type_name(obj)))))
    }

    pub(crate) fn make_range(&mut self, start: Value, end: Value, inclusive: bool) -> VmResult<Value> {
        let (Some(s), Some(e)) = (as_int(start), as_int(end)) else {
            return Err(Exception::type_error(format!(
                "a range needs ints, not '{}' and '{}'",
                type_name(start),
                type_name(end)
            )));
        };
        let e = if inclusive { e.checked_add(1).ok_or_else(|| overflow("..="))? } else { e };
        Ok(Value::object(self.alloc(Range { start: s, end: e })))
    }

    pub(crate) fn record_slot(&self, obj: Value, slot: usize) -> VmResult<Value> {
        match obj.downcast::<Record>().and_then(|r| r.get(slot)) {
            Some(v) => Ok(v),
            None => Err(Exception::type_error(format!("slot {slot} of a {}", type_name(obj)))),
        }
    }
}

/// A list-style index: an int in `-len .. len-1`, negative counting from the end.
pub(crate) fn list_index(index: Value, len: usize, what: &str) -> VmResult<usize> {
    let Some(i) = as_int(index) else {
        return Err(Exception::type_error(format!("{what} indices must be ints, not '{}'", type_name(index))));
    };
    let n = len as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(Exception::index_error(format!("{what} index {i} out of range for length {len}")));
    }
    Ok(j as usize)
}

/// Ordering for `< <= > >=`: numbers, or two strings; anything else is a TypeError.
pub(crate) fn compare(a: Value, b: Value, op: &str) -> VmResult<Ordering> {
    match nums(a, b) {
        Some(Nums::Ints(x, y)) => Ok(x.cmp(&y)),
        Some(Nums::Floats(x, y)) => Ok(compare_floats(a, b, x, y)),
        None => match (a.downcast::<Str>(), b.downcast::<Str>()) {
            (Some(x), Some(y)) => Ok(x.as_str().cmp(y.as_str())),
            _ => Err(Exception::type_error(format!(
                "'{op}' is not supported between '{}' and '{}'",
                type_name(a),
                type_name(b)
            ))),
        },
    }
}

/// Compares mixed int/float exactly where the float is integral, so `2**53 + 1 > 2.0**53`.
/// NaN compares as unordered: every comparison with it is false, which callers get by
/// mapping `None` to false — here it is folded into `Greater` for `<`, `<=` and treated by
/// [`compare_op`].
fn compare_floats(a: Value, b: Value, x: f64, y: f64) -> Ordering {
    if let (Some(i), true) = (as_int(a), b.is_float()) {
        if y.fract() == 0.0 && y.abs() < 9.2e18 {
            return i.cmp(&(y as i64));
        }
    }
    if let (true, Some(j)) = (a.is_float(), as_int(b)) {
        if x.fract() == 0.0 && x.abs() < 9.2e18 {
            return (x as i64).cmp(&j);
        }
    }
    x.partial_cmp(&y).unwrap_or(Ordering::Equal)
}

/// Evaluates a comparison operator, giving false for every comparison involving NaN.
pub(crate) fn compare_op(a: Value, b: Value, op: crate::bytecode::Op) -> VmResult<bool> {
    use crate::bytecode::Op;
    let sym = match op {
        Op::Lt => "<",
        Op::Le => "<=",
        Op::Gt => ">",
        _ => ">=",
    };
    let nan = |v: Value| v.as_float().is_some_and(f64::is_nan);
    let ord = compare(a, b, sym)?;
    if nan(a) || nan(b) {
        return Ok(false);
    }
    Ok(match op {
        Op::Lt => ord == Ordering::Less,
        Op::Le => ord != Ordering::Greater,
        Op::Gt => ord == Ordering::Greater,
        _ => ord != Ordering::Less,
    })
}

/// The most element pairs one `==` compares before giving up on a structure that is
/// too large or cyclic.
const EQ_BUDGET: usize = 50_000_000;

/// `==` where it is decided without a call (the interpreter's inline part): the same word
/// (equal unless NaN); two different ints, or `nil`/a bool against a different word
/// (unequal); two strings whose cached hashes differ (unequal). `None`: ask [`equals`].
#[inline(always)]
pub(crate) fn quick_equals(a: Value, b: Value) -> Option<bool> {
    if a == b {
        return Some(!(a.is_float() && a.as_float_unchecked().is_nan()));
    }
    if Value::both_small_ints(a, b) || a.is_special() || b.is_special() {
        return Some(false);
    }
    match (a.downcast::<Str>(), b.downcast::<Str>()) {
        (Some(s), Some(t)) if s.hash() != t.hash() => Some(false),
        _ => None,
    }
}

/// `==`: by value for nil, bools, numbers, strings, and (deeply) lists and maps; by
/// identity otherwise. Iterative, so deep structures cannot overflow the host stack.
pub(crate) fn equals(a: Value, b: Value) -> VmResult<bool> {
    match shallow_equals(a, b) {
        Some(same) => Ok(same),
        None => structural_equals(a, b),
    }
}

/// `==` when it needs no walk of a structure (everything but two lists, maps or
/// records): identical words, numbers, strings, and anything against an immediate. Makes
/// no allocation, so the common comparisons cost a few tests.
#[inline]
fn shallow_equals(x: Value, y: Value) -> Option<bool> {
    if x == y {
        // The same word: equal, unless it is NaN.
        return Some(!x.as_float().is_some_and(f64::is_nan));
    }
    // Strings first: they are the common objects compared, and two distinct strings
    // usually differ in their cached hashes.
    if let (Some(s), Some(t)) = (x.downcast::<Str>(), y.downcast::<Str>()) {
        return Some(s.hash() == t.hash() && s.as_str() == t.as_str());
    }
    if let Some(n) = nums(x, y) {
        return Some(match n {
            Nums::Ints(i, j) => i == j,
            Nums::Floats(fx, fy) => !fx.is_nan() && !fy.is_nan() && compare_floats(x, y, fx, fy) == Ordering::Equal,
        });
    }
    // Different words of which one is an immediate (nil, a bool; numbers were handled):
    // never equal. Two objects of other kinds are equal only by identity, or by structure.
    use crate::object::kind;
    let structural = |v: Value| matches!(v.object_kind(), Some(kind::LIST | kind::MAP | kind::RECORD));
    if !structural(x) || !structural(y) {
        return Some(false);
    }
    None
}

/// `==` of two lists, maps or records, element by element with a work list.
fn structural_equals(a: Value, b: Value) -> VmResult<bool> {
    let mut work = vec![(a, b)];
    let mut budget = EQ_BUDGET;
    while let Some((x, y)) = work.pop() {
        budget = budget
            .checked_sub(1)
            .ok_or_else(|| Exception::value_error("== gave up: the structures are cyclic or too large"))?;
        if let Some(same) = shallow_equals(x, y) {
            if !same {
                return Ok(false);
            }
            continue;
        }
        if let (Some(l), Some(r)) = (x.downcast::<List>(), y.downcast::<List>()) {
            if l.len() != r.len() {
                return Ok(false);
            }
            for i in (0..l.len()).rev() {
                work.push((l.get(i).unwrap_or(Value::NIL), r.get(i).unwrap_or(Value::NIL)));
            }
            continue;
        }
        if let (Some(l), Some(r)) = (x.downcast::<Map>(), y.downcast::<Map>()) {
            if l.len() != r.len() {
                return Ok(false);
            }
            for (k, v) in l.snapshot() {
                match r.get(k) {
                    Ok(Some(w)) => work.push((v, w)),
                    _ => return Ok(false),
                }
            }
            continue;
        }
        if let (Some(l), Some(r)) = (x.downcast::<Record>(), y.downcast::<Record>()) {
            if l.tag() != r.tag() || l.len() != r.len() {
                return Ok(false);
            }
            work.extend(l.iter().zip(r.iter()));
            continue;
        }
        return Ok(false);
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever `quick_equals` decides, `equals` decides the same (over immediates: ints,
    /// floats with NaN and both zeros, nil, bools; strings are covered by the corpus).
    #[test]
    fn quick_equals_agrees_with_equals() {
        let values = [
            Value::small_int(0),
            Value::small_int(1),
            Value::small_int(-1),
            Value::float(0.0),
            Value::float(-0.0),
            Value::float(1.0),
            Value::float(f64::NAN),
            Value::NIL,
            Value::TRUE,
            Value::FALSE,
        ];
        let mut decided = 0;
        for &a in &values {
            for &b in &values {
                if let Some(q) = quick_equals(a, b) {
                    decided += 1;
                    assert_eq!(q, equals(a, b).unwrap(), "{a:?} == {b:?}");
                }
            }
        }
        // Most pairs are decided inline; int against float is not.
        assert!(decided > 60, "{decided}");
    }
}
