//! Number conversions shared by `int`, `float`, `s.to_int()`, `s.to_float()` and
//! `math.floor`/`ceil`.
//!
//! Strings parse like Python's `int()`/`float()` in base 10: surrounding whitespace is
//! allowed, `_` may separate digits (`"1_000"`), a leading `+` or `-` is allowed; base
//! prefixes (`"0x1f"`) are not. An int that does not fit in 64 bits is an OverflowError
//! (the int type has no larger values), never a silent wrap.

use crate::args::quote_short;
use devvm_vm::{ErrorKind, Exception, VmResult};

/// The float range that converts to i64 exactly after truncation: `[-2^63, 2^63)`.
const I64_LOWER: f64 = -9_223_372_036_854_775_808.0;
const I64_UPPER: f64 = 9_223_372_036_854_775_808.0;

/// A float truncated toward zero (`int(2.7) == 2`, `int(-2.7) == -2`). NaN and the
/// infinities are ValueErrors (spec); finite values outside i64 are OverflowErrors.
pub(crate) fn float_to_int(f: f64, what: &str) -> VmResult<i64> {
    integral_to_int(f.trunc(), what, ErrorKind::ValueError)
}

/// An integral float (already floored, ceiled or truncated) as an int. NaN is a
/// ValueError; an infinity raises `inf_kind` (`int(inf)` is a ValueError by the spec,
/// `math.floor(inf)` an OverflowError as in Python).
pub(crate) fn integral_to_int(f: f64, what: &str, inf_kind: ErrorKind) -> VmResult<i64> {
    if f.is_nan() {
        return Err(Exception::value_error(format!("{what}: cannot convert nan to an int")));
    }
    if f.is_infinite() {
        return Err(Exception::new(
            inf_kind,
            format!("{what}: cannot convert {} to an int", if f > 0.0 { "inf" } else { "-inf" }),
        ));
    }
    if !(I64_LOWER..I64_UPPER).contains(&f) {
        return Err(Exception::new(
            ErrorKind::OverflowError,
            format!("{what}: {} does not fit in a 64-bit int", devvm_vm::format::float(f)),
        ));
    }
    Ok(f as i64)
}

/// Whether `_` in `digits` only ever sits between two ASCII digits (Python's rule).
fn underscores_between_digits(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().all(|(i, &b)| {
        b != b'_' || (i > 0 && bytes[i - 1].is_ascii_digit() && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
    })
}

/// Parses a base-10 int (see the module docs).
pub(crate) fn parse_int(text: &str, what: &str) -> VmResult<i64> {
    let invalid = || Exception::value_error(format!("{what}: invalid int literal {}", quote_short(text)));
    let t = text.trim();
    let (negative, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let valid = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'_')
        && underscores_between_digits(digits);
    if !valid {
        return Err(invalid());
    }
    // Accumulate negatively so that i64::MIN parses.
    let mut acc: i64 = 0;
    for b in digits.bytes().filter(u8::is_ascii_digit) {
        acc = acc.checked_mul(10).and_then(|a| a.checked_sub((b - b'0') as i64)).ok_or_else(|| {
            Exception::new(
                ErrorKind::OverflowError,
                format!("{what}: {} does not fit in a 64-bit int", quote_short(text)),
            )
        })?;
    }
    if negative {
        Ok(acc)
    } else {
        acc.checked_neg().ok_or_else(|| {
            Exception::new(
                ErrorKind::OverflowError,
                format!("{what}: {} does not fit in a 64-bit int", quote_short(text)),
            )
        })
    }
}

/// Parses a float: decimal or scientific notation (`"1.5"`, `".5"`, `"2e10"`), `inf`,
/// `infinity` and `nan` in any case with an optional sign, `_` between digits. Values too
/// large for a double become `inf`, as in Python.
pub(crate) fn parse_float(text: &str, what: &str) -> VmResult<f64> {
    let invalid = || Exception::value_error(format!("{what}: invalid float literal {}", quote_short(text)));
    let t = text.trim();
    // Rust's parser accepts exactly the forms above except `_`, which is removed after
    // checking Python's placement rule; anything else it accepts ("1e5", "inf") we accept.
    if t.is_empty() || !underscores_between_digits(t) || !t.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(invalid());
    }
    let cleaned: String = t.chars().filter(|&c| c != '_').collect();
    cleaned.parse::<f64>().map_err(|_| invalid())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints_parse_like_python() {
        assert_eq!(parse_int(" 42 ", "int").unwrap(), 42);
        assert_eq!(parse_int("4_2", "int").unwrap(), 42);
        assert_eq!(parse_int("-17", "int").unwrap(), -17);
        assert_eq!(parse_int("+007", "int").unwrap(), 7);
        assert_eq!(parse_int("-9223372036854775808", "int").unwrap(), i64::MIN);
        assert_eq!(parse_int("9223372036854775807", "int").unwrap(), i64::MAX);
        for bad in ["", " ", "abc", "0x1f", "4__2", "_42", "42_", "1.5", "1e3", "- 1", "--1", "١٢"] {
            let e = parse_int(bad, "int").unwrap_err();
            assert!(matches!(e, Exception::Error(ErrorKind::ValueError, _)), "{bad:?}: {e:?}");
        }
        for big in ["9223372036854775808", "-9223372036854775809", "99999999999999999999999"] {
            let e = parse_int(big, "int").unwrap_err();
            assert!(matches!(e, Exception::Error(ErrorKind::OverflowError, _)), "{big}: {e:?}");
        }
    }

    #[test]
    fn floats_parse_like_python() {
        assert_eq!(parse_float(" 1.5 ", "float").unwrap(), 1.5);
        assert_eq!(parse_float(".5", "float").unwrap(), 0.5);
        assert_eq!(parse_float("1_000.25", "float").unwrap(), 1000.25);
        assert_eq!(parse_float("2e3", "float").unwrap(), 2000.0);
        assert_eq!(parse_float("-inf", "float").unwrap(), f64::NEG_INFINITY);
        assert_eq!(parse_float("Infinity", "float").unwrap(), f64::INFINITY);
        assert!(parse_float("NaN", "float").unwrap().is_nan());
        assert_eq!(parse_float("1e999", "float").unwrap(), f64::INFINITY);
        for bad in ["", "abc", "1_", "in_f", "0x10", "1.5.5", "1 5"] {
            assert!(parse_float(bad, "float").is_err(), "{bad:?}");
        }
    }

    #[test]
    fn floats_truncate_and_refuse_what_does_not_fit() {
        assert_eq!(float_to_int(2.7, "int").unwrap(), 2);
        assert_eq!(float_to_int(-2.7, "int").unwrap(), -2);
        assert_eq!(float_to_int(-(2f64.powi(63)), "int").unwrap(), i64::MIN);
        assert!(matches!(float_to_int(2f64.powi(63), "int"), Err(Exception::Error(ErrorKind::OverflowError, _))));
        assert!(matches!(float_to_int(f64::NAN, "int"), Err(Exception::Error(ErrorKind::ValueError, _))));
        assert!(matches!(float_to_int(f64::INFINITY, "int"), Err(Exception::Error(ErrorKind::ValueError, _))));
    }
}
