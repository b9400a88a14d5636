//! Sorting keys: a total order on numbers (ints and floats compared exactly, NaN after
//! everything) and on strings (by code point), checked up front so that the comparator
//! can neither fail nor be inconsistent (Rust's sort may panic on an inconsistent order).

use crate::args::type_name;
use devvm_vm::object::Str;
use devvm_vm::{as_int, Exception, Value, VmResult};
use std::cmp::Ordering;

/// A number as sorted: ints exact, floats by value.
#[derive(Clone, Copy)]
pub(crate) enum Num {
    Int(i64),
    Float(f64),
}

/// The keys of one sort, all of one category.
pub(crate) enum SortKeys {
    Numbers(Vec<Num>),
    /// String values (compared through their text).
    Strings(Vec<Value>),
}

impl SortKeys {
    /// Checks that `keys` are all numbers or all strings (else a TypeError naming the
    /// offending types) and collects them.
    pub(crate) fn classify(keys: &[Value], what: &str) -> VmResult<SortKeys> {
        // The first number and the first string seen, with their positions.
        let mut first_number: Option<(usize, Value)> = None;
        let mut first_string: Option<(usize, Value)> = None;
        for (i, &k) in keys.iter().enumerate() {
            if as_int(k).is_some() || k.is_float() {
                first_number.get_or_insert((i, k));
            } else if k.downcast::<Str>().is_some() {
                first_string.get_or_insert((i, k));
            } else {
                return Err(Exception::type_error(format!(
                    "{what} needs all numbers or all strings, found {}",
                    type_name(k)
                )));
            }
            if let (Some(n), Some(s)) = (first_number, first_string) {
                let (a, b) = if n.0 < s.0 { (n.1, s.1) } else { (s.1, n.1) };
                return Err(Exception::type_error(format!(
                    "{what} needs all numbers or all strings, found {} and {}",
                    type_name(a),
                    type_name(b)
                )));
            }
        }
        if first_string.is_some() {
            return Ok(SortKeys::Strings(keys.to_vec()));
        }
        let nums = keys.iter().map(|&k| match as_int(k) {
            Some(i) => Num::Int(i),
            None => Num::Float(k.as_float().unwrap_or(f64::NAN)),
        });
        Ok(SortKeys::Numbers(nums.collect()))
    }

    /// The positions of the keys in ascending order; equal keys keep their order.
    pub(crate) fn stable_order(&self) -> Vec<usize> {
        match self {
            SortKeys::Numbers(nums) => {
                let mut order: Vec<usize> = (0..nums.len()).collect();
                order.sort_by(|&a, &b| compare_nums(nums[a], nums[b]));
                order
            }
            SortKeys::Strings(strs) => {
                let mut order: Vec<usize> = (0..strs.len()).collect();
                order.sort_by(|&a, &b| {
                    match (strs[a].downcast::<Str>(), strs[b].downcast::<Str>()) {
                        (Some(x), Some(y)) => x.as_str().cmp(y.as_str()),
                        // Unreachable: `classify` checked that every key is a string.
                        _ => Ordering::Equal,
                    }
                });
                order
            }
        }
    }
}

/// `items` ordered by `keys` (same length), stably.
pub(crate) fn sort_values(items: &[Value], keys: &[Value], what: &str) -> VmResult<Vec<Value>> {
    let order = SortKeys::classify(keys, what)?.stable_order();
    Ok(order.into_iter().filter_map(|i| items.get(i).copied()).collect())
}

/// The total order on numbers: exact between ints and floats, `-0.0 == 0.0`, NaN last.
fn compare_nums(a: Num, b: Num) -> Ordering {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => x.cmp(&y),
        (Num::Int(x), Num::Float(y)) => compare_int_float(x, y),
        (Num::Float(x), Num::Int(y)) => compare_int_float(y, x).reverse(),
        (Num::Float(x), Num::Float(y)) => match (x.is_nan(), y.is_nan()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            (false, false) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
        },
    }
}

/// Compares an int with a float exactly (no rounding of the int to a double).
pub(crate) fn compare_int_float(i: i64, f: f64) -> Ordering {
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if f.is_nan() || f >= TWO_63 {
        return Ordering::Less;
    }
    if f < -TWO_63 {
        return Ordering::Greater;
    }
    let whole = f.trunc();
    match i.cmp(&(whole as i64)) {
        Ordering::Equal => (0.0).partial_cmp(&(f - whole)).unwrap_or(Ordering::Equal),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints_and_floats_compare_exactly() {
        assert_eq!(compare_int_float(1, 1.0), Ordering::Equal);
        assert_eq!(compare_int_float(1, 1.5), Ordering::Less);
        assert_eq!(compare_int_float(-1, -1.5), Ordering::Greater);
        assert_eq!(compare_int_float(i64::MAX, 2f64.powi(63)), Ordering::Less);
        assert_eq!(compare_int_float((1 << 53) + 1, 9007199254740992.0), Ordering::Greater);
        assert_eq!(compare_int_float(i64::MIN, -(2f64.powi(63))), Ordering::Equal);
        assert_eq!(compare_int_float(0, f64::NAN), Ordering::Less);
        assert_eq!(compare_int_float(0, f64::NEG_INFINITY), Ordering::Greater);
    }
}
