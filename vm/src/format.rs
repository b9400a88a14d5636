//! How values print: `str` (what `print` shows) and `repr` (strings quoted, as inside
//! containers). Floats print as Python's `repr(float)` does.

use crate::object::{BigInt, Closure, ErrorObj, List, Map, Module, Native, Range, Record, Str};
use crate::value::Value;
use std::fmt::Write;

/// Containers nested deeper than this print as `...` (and cycles as `[...]`), so printing
/// never overflows the host stack.
const MAX_PRINT_DEPTH: usize = 500;

/// Printed text stops growing past this many bytes (a list of lists sharing elements can
/// describe exponentially long text); the rest is replaced by `...`.
pub const MAX_PRINT_BYTES: usize = 256 << 20;

pub fn str(v: Value) -> String {
    if let Some(s) = v.downcast::<Str>() {
        return s.as_str().to_string();
    }
    let mut out = String::new();
    write_value(&mut out, v, false, &mut Vec::new());
    out
}

pub fn repr(v: Value) -> String {
    let mut out = String::new();
    write_value(&mut out, v, true, &mut Vec::new());
    out
}

/// Appends `str(v)` to `out` (string interpolation and `join`).
pub fn write_str(out: &mut String, v: Value) {
    if let Some(s) = v.downcast::<Str>() {
        out.push_str(s.as_str());
    } else {
        write_value(out, v, false, &mut Vec::new());
    }
}

fn write_value(out: &mut String, v: Value, quoted: bool, path: &mut Vec<usize>) {
    if out.len() > MAX_PRINT_BYTES {
        if !out.ends_with("...") {
            out.push_str("...");
        }
        return;
    }
    if v.is_small_int() {
        let _ = write!(out, "{}", v.as_small_int_unchecked());
        return;
    }
    if let Some(f) = v.as_float() {
        out.push_str(&float(f));
        return;
    }
    if v.is_nil() {
        out.push_str("nil");
        return;
    }
    if let Some(b) = v.as_bool() {
        out.push_str(if b { "true" } else { "false" });
        return;
    }
    if v.is_undefined() {
        out.push_str("<undefined>");
        return;
    }
    if let Some(s) = v.downcast::<Str>() {
        if quoted {
            quote_into(out, s.as_str());
        } else {
            out.push_str(s.as_str());
        }
        return;
    }
    if let Some(b) = v.downcast::<BigInt>() {
        let _ = write!(out, "{}", b.value);
        return;
    }
    let addr = v.bits() as usize;
    if let Some(l) = v.downcast::<List>() {
        if path.contains(&addr) || path.len() >= MAX_PRINT_DEPTH {
            out.push_str("[...]");
            return;
        }
        path.push(addr);
        out.push('[');
        for i in 0..l.len() {
            if i > 0 {
                out.push_str(", ");
            }
            write_value(out, l.get(i).unwrap_or(Value::NIL), true, path);
        }
        out.push(']');
        path.pop();
        return;
    }
    if let Some(m) = v.downcast::<Map>() {
        if path.contains(&addr) || path.len() >= MAX_PRINT_DEPTH {
            out.push_str("{...}");
            return;
        }
        path.push(addr);
        out.push('{');
        for (i, (k, val)) in m.snapshot().into_iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            write_value(out, k, true, path);
            out.push_str(": ");
            write_value(out, val, true, path);
        }
        out.push('}');
        path.pop();
        return;
    }
    if let Some(c) = v.downcast::<Closure>() {
        let _ = write!(out, "<fn {}>", c.proto.code.name);
        return;
    }
    if let Some(n) = v.downcast::<Native>() {
        let _ = write!(out, "<fn {}>", n.name);
        return;
    }
    if let Some(r) = v.downcast::<Range>() {
        let _ = write!(out, "{}..{}", r.start, r.end);
        return;
    }
    if let Some(e) = v.downcast::<ErrorObj>() {
        let _ = write!(out, "{}: {}", e.kind.as_str(), e.message.as_str());
        return;
    }
    if let Some(m) = v.downcast::<Module>() {
        let _ = write!(out, "<module {}>", m.name);
        return;
    }
    if let Some(r) = v.downcast::<Record>() {
        if path.contains(&addr) || path.len() >= MAX_PRINT_DEPTH {
            out.push_str("#(...)");
            return;
        }
        path.push(addr);
        let _ = write!(out, "#{}(", r.tag());
        for (i, f) in r.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            write_value(out, f, true, path);
        }
        out.push(')');
        path.pop();
        return;
    }
    out.push_str("<object>");
}

/// A double-quoted literal that reads back as the same string.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    quote_into(&mut out, s);
    out
}

fn quote_into(out: &mut String, s: &str) {
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            '$' if chars.peek() == Some(&'{') => out.push_str("\\$"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A float as Python's `repr` prints it: the shortest digits that read back as the same
/// double, in fixed notation when the decimal exponent is in `[-4, 16)` and scientific
/// notation (`1e+16`, `1.5e-05`) otherwise.
pub fn float(f: f64) -> String {
    if f.is_nan() {
        return "nan".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.to_string();
    }
    // Rust's `{:e}` gives the shortest round-trip digits: "1.2345e-7".
    let sci = format!("{:e}", f);
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        if exp < 0 {
            out.push_str("0.");
            for _ in 0..(-exp - 1) {
                out.push('0');
            }
            out.push_str(&digits);
        } else {
            let point = exp as usize + 1;
            if digits.len() <= point {
                out.push_str(&digits);
                for _ in digits.len()..point {
                    out.push('0');
                }
                out.push_str(".0");
            } else {
                out.push_str(&digits[..point]);
                out.push('.');
                out.push_str(&digits[point..]);
            }
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let _ = write!(out, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_like_python_repr() {
        let cases = [
            (3.0, "3.0"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e-5, "1e-05"),
            (1.5e-5, "1.5e-05"),
            (0.0001, "0.0001"),
            (123456789012345.0, "123456789012345.0"),
            (1234567890123456.0, "1234567890123456.0"),
            (12345678901234567.0, "1.2345678901234568e+16"),
            (-2.5, "-2.5"),
            (-0.0, "-0.0"),
            (1.5e300, "1.5e+300"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (0.1 + 0.2, "0.30000000000000004"),
            (100.0, "100.0"),
            (5e-324, "5e-324"),
        ];
        for (f, want) in cases {
            assert_eq!(float(f), want, "for {f:e}");
        }
    }

    #[test]
    fn quoting_escapes_what_reads_back() {
        assert_eq!(quote("q\"uote"), r#""q\"uote""#);
        assert_eq!(quote("a\nb\\"), r#""a\nb\\""#);
        assert_eq!(quote("${x} $y"), r#""\${x} $y""#);
        assert_eq!(quote("\u{1}"), r#""\u{1}""#);
    }
}
