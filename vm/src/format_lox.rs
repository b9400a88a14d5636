//! DevObj's printing rules (Lox's, extended): numbers as JavaScript's `String(n)` prints
//! them (integral values without a fractional part, `-0` kept), `nil`, `<fn name>`,
//! `Klass instance`, `Klass`, lists and maps with quoted strings inside — and an
//! instance whose class defines or inherits `toString()` prints as what that returns.
//! Calling `toString` runs guest code, so these functions re-enter the interpreter.

use crate::error::{Exception, VmResult};
use crate::object::{BigInt, BoundMethod, Class, Closure, ErrorObj, Instance, List, Map, Native, Str};
use crate::value::Value;
use crate::vm::Vm;
use std::fmt::Write;

/// Containers nested deeper than this print as `...`.
const MAX_DEPTH: usize = 500;

/// A number as JavaScript's `String(n)` writes it, except that `-0` prints as `-0`.
pub fn lox_number(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0".into() } else { "0".into() };
    }
    let a = f.abs();
    if (1e-6..1e21).contains(&a) {
        // Rust's Display is the shortest round-trip digits without an exponent.
        return format!("{f}");
    }
    // Exponent form: `1e+21`, `1.5e-7`.
    let s = format!("{f:e}");
    match s.split_once('e') {
        Some((m, e)) if !e.starts_with('-') => format!("{m}e+{e}"),
        _ => s,
    }
}

fn function_name(v: Value) -> Option<String> {
    if let Some(c) = v.downcast::<Closure>() {
        let name = &c.proto.code.name;
        return Some(if name == "<main>" { "<script>".to_string() } else { format!("<fn {name}>") });
    }
    if v.downcast::<Native>().is_some() {
        return Some("<native fn>".to_string());
    }
    None
}

impl Vm {
    /// The string form of a value under DevObj's rules (what `print` and `str` show).
    /// May run `toString` methods (re-enters; may collect — `v` must be rooted).
    pub fn lox_display_reentrant(&mut self, v: Value) -> VmResult<String> {
        let mut out = String::new();
        self.write_lox(&mut out, v, false, 0)?;
        Ok(out)
    }

    /// The `toString()` of an instance whose class has one.
    fn lox_to_string(&mut self, inst: Value, method: Value) -> VmResult<String> {
        let r = self.call_method_reentrant(inst, method, &[])?;
        match r.downcast::<Str>() {
            Some(s) => Ok(s.as_str().to_string()),
            None => Err(Exception::type_error("toString() must return a string.")),
        }
    }

    fn write_lox(&mut self, out: &mut String, v: Value, quoted: bool, depth: usize) -> VmResult<()> {
        if out.len() > crate::format::MAX_PRINT_BYTES {
            return Ok(());
        }
        if v.is_small_int() {
            let _ = write!(out, "{}", v.as_small_int_unchecked());
            return Ok(());
        }
        if let Some(f) = v.as_float() {
            out.push_str(&lox_number(f));
            return Ok(());
        }
        if let Some(s) = v.downcast::<Str>() {
            if quoted {
                out.push_str(&crate::format::quote(s.as_str()));
            } else {
                out.push_str(s.as_str());
            }
            return Ok(());
        }
        if let Some(b) = v.downcast::<BigInt>() {
            let _ = write!(out, "{}", b.value);
            return Ok(());
        }
        if let Some(inst) = v.downcast::<Instance>() {
            match self.class_method(inst.class, "toString") {
                Some(m) => out.push_str(&self.lox_to_string(v, m)?),
                None => {
                    let _ = write!(out, "{} instance", inst.class.name.as_str());
                }
            }
            return Ok(());
        }
        if let Some(k) = v.downcast::<Class>() {
            out.push_str(k.name.as_str());
            return Ok(());
        }
        if let Some(name) = function_name(v) {
            out.push_str(&name);
            return Ok(());
        }
        if let Some(b) = v.downcast::<BoundMethod>() {
            out.push_str(&function_name(b.method).unwrap_or_else(|| "<fn>".into()));
            return Ok(());
        }
        if let Some(e) = v.downcast::<ErrorObj>() {
            // A VM error prints as the `Error` class's `toString` prints its instances.
            let _ = write!(out, "{}: {}", e.kind.as_str(), e.message.as_str());
            return Ok(());
        }
        let is_list = v.downcast::<List>().is_some();
        if is_list || v.downcast::<Map>().is_some() {
            if depth >= MAX_DEPTH {
                out.push_str(if is_list { "[...]" } else { "{...}" });
                return Ok(());
            }
            // The container stays rooted while element `toString`s run (which may
            // collect); it is read back from its handle after each element.
            let mark = self.open_scope();
            self.root(v);
            let r = self.write_container(out, mark, depth);
            self.close_scope(mark);
            return r;
        }
        out.push_str(&crate::format::str(v));
        Ok(())
    }

    /// Writes the list or map held in handle `h`. Map entries are rooted too (a
    /// `toString` may remove them from the map).
    fn write_container(&mut self, out: &mut String, h: usize, depth: usize) -> VmResult<()> {
        if self.rooted(h).downcast::<List>().is_some() {
            out.push('[');
            let mut i = 0;
            while let Some(item) = self.rooted(h).downcast::<List>().and_then(|l| l.get(i)) {
                if i > 0 {
                    out.push_str(", ");
                }
                self.write_lox(out, item, true, depth + 1)?;
                i += 1;
            }
            out.push(']');
        } else if let Some(m) = self.rooted(h).downcast::<Map>() {
            out.push('{');
            let entries = m.snapshot();
            let first = self.open_scope();
            for &(k, val) in &entries {
                self.root(k);
                self.root(val);
            }
            for i in 0..entries.len() {
                if i > 0 {
                    out.push_str(", ");
                }
                let k = self.rooted(first + 2 * i);
                self.write_lox(out, k, true, depth + 1)?;
                out.push_str(": ");
                let val = self.rooted(first + 2 * i + 1);
                self.write_lox(out, val, true, depth + 1)?;
            }
            self.close_scope(first);
            out.push('}');
        }
        Ok(())
    }

    /// `+` past its fast path. In DevObj a string plus an instance with `toString()`
    /// concatenates that method's result. May re-enter (the interpreter synced its frame).
    #[inline(never)]
    pub(crate) fn add_reentrant(&mut self, a: Value, b: Value) -> VmResult<Value> {
        if self.is_lox() && (a.downcast::<Str>().is_some() || b.downcast::<Str>().is_some()) {
            let has_to_string = |vm: &Vm, v: Value| {
                v.downcast::<Instance>().is_some_and(|i| vm.class_method(i.class, "toString").is_some())
            };
            if has_to_string(self, a) || has_to_string(self, b) {
                let mark = self.open_scope();
                self.root(a);
                self.root(b);
                let r = self.concat_display(mark);
                self.close_scope(mark);
                return r;
            }
        }
        self.add_slow(a, b)
    }

    /// The two operands are in handles `h` and `h + 1` (the first `toString` may collect).
    fn concat_display(&mut self, h: usize) -> VmResult<Value> {
        let mut s = self.lox_display_reentrant(self.rooted(h))?;
        s.push_str(&self.lox_display_reentrant(self.rooted(h + 1))?);
        self.check_alloc_size(s.len())?;
        Ok(self.string_value(s))
    }
}

#[cfg(test)]
mod tests {
    use super::lox_number;

    #[test]
    fn numbers_print_like_javascript() {
        assert_eq!(lox_number(3.0), "3");
        assert_eq!(lox_number(2.5), "2.5");
        assert_eq!(lox_number(1.0 / 3.0), "0.3333333333333333");
        assert_eq!(lox_number(-0.0), "-0");
        assert_eq!(lox_number(f64::NAN), "NaN");
        assert_eq!(lox_number(-f64::INFINITY), "-Infinity");
        assert_eq!(lox_number(1e21), "1e+21");
        assert_eq!(lox_number(123456789012.0), "123456789012");
        assert_eq!(lox_number(1.5e-7), "1.5e-7");
        assert_eq!(lox_number(0.000001), "0.000001");
    }
}
