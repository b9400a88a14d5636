//! One-word values, NaN-boxed.
//!
//! ```text
//!   0x0000_... – 0xFFF8_0000_0000_0000   a double (every NaN is canonicalized to
//!                                         0x7FF8_0000_0000_0000 when it is made)
//!   0xFFF9 | 48-bit payload                a small int, sign-extended from 48 bits
//!   0xFFFA | 0 / 1 / 2 / 3                 nil / false / true / undefined (an unset
//!                                         module variable; never visible to programs)
//!   0xFFFC | 48-bit address                a heap object (its header says which kind)
//! ```
//!
//! Ints outside the 48-bit range live on the heap as [`crate::object::BigInt`] boxes, so the
//! language's ints are full 64-bit; the interpreter's fast paths only see the inline form.
//! The layout is private to this crate (and, later, one JIT module of constants).

use devvm_gc::{Gc, GcHeader, GcObject};
use std::ptr::NonNull;

const TAG_SHIFT: u32 = 48;
const PAYLOAD_MASK: u64 = (1 << TAG_SHIFT) - 1;
const TAG_INT: u64 = 0xFFF9;
const TAG_SPECIAL: u64 = 0xFFFA;
const TAG_OBJ: u64 = 0xFFFC;
const FIRST_TAGGED: u64 = 0xFFF9 << TAG_SHIFT;
const CANONICAL_NAN: u64 = 0x7FF8_0000_0000_0000;

/// The smallest and largest ints stored inline.
pub const SMALL_INT_MIN: i64 = -(1 << 47);
pub const SMALL_INT_MAX: i64 = (1 << 47) - 1;

/// A VM value: one machine word.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Value(u64);

impl Value {
    pub const NIL: Value = Value(TAG_SPECIAL << TAG_SHIFT);
    pub const FALSE: Value = Value((TAG_SPECIAL << TAG_SHIFT) | 1);
    pub const TRUE: Value = Value((TAG_SPECIAL << TAG_SHIFT) | 2);
    /// The content of a module variable before its `let` ran.
    pub const UNDEFINED: Value = Value((TAG_SPECIAL << TAG_SHIFT) | 3);

    #[inline(always)]
    pub fn bits(self) -> u64 {
        self.0
    }

    /// Rebuilds a value from [`Value::bits`]. Only for values that came from `bits`.
    #[inline(always)]
    pub fn from_bits(bits: u64) -> Value {
        Value(bits)
    }

    #[inline(always)]
    pub fn bool(b: bool) -> Value {
        if b {
            Value::TRUE
        } else {
            Value::FALSE
        }
    }

    #[inline(always)]
    pub fn float(f: f64) -> Value {
        if f.is_nan() {
            Value(CANONICAL_NAN)
        } else {
            Value(f.to_bits())
        }
    }

    /// An int known to fit the inline range.
    #[inline(always)]
    pub fn small_int(i: i64) -> Value {
        debug_assert!((SMALL_INT_MIN..=SMALL_INT_MAX).contains(&i));
        Value((TAG_INT << TAG_SHIFT) | (i as u64 & PAYLOAD_MASK))
    }

    /// `a + b` of two inline ints when the sum stays inline. The payloads are added shifted
    /// to the top of the word, so the processor's overflow flag is exactly "does not fit
    /// in 48 bits": no decoding of the operands and no range compare.
    #[inline(always)]
    pub fn small_checked_add(a: Value, b: Value) -> Option<Value> {
        let (s, overflow) = ((a.0 << 16) as i64).overflowing_add((b.0 << 16) as i64);
        if overflow {
            return None;
        }
        Some(Value((TAG_INT << TAG_SHIFT) | ((s as u64) >> 16)))
    }

    /// `a - b` of two inline ints when the difference stays inline (as `small_checked_add`).
    #[inline(always)]
    pub fn small_checked_sub(a: Value, b: Value) -> Option<Value> {
        let (s, overflow) = ((a.0 << 16) as i64).overflowing_sub((b.0 << 16) as i64);
        if overflow {
            return None;
        }
        Some(Value((TAG_INT << TAG_SHIFT) | ((s as u64) >> 16)))
    }

    /// `a * b` of two inline ints when the product stays inline: `(a << 16) * b` overflows
    /// 64 bits exactly when `a * b` does not fit in 48.
    #[inline(always)]
    pub fn small_checked_mul(a: Value, b: Value) -> Option<Value> {
        let s = ((a.0 << 16) as i64).checked_mul(b.as_small_int_unchecked())?;
        Some(Value((TAG_INT << TAG_SHIFT) | ((s as u64) >> 16)))
    }

    /// Whether `i` fits inline.
    #[inline(always)]
    pub fn fits_small(i: i64) -> bool {
        (SMALL_INT_MIN..=SMALL_INT_MAX).contains(&i)
    }

    #[inline(always)]
    pub fn object<T: GcObject>(gc: Gc<T>) -> Value {
        Value((TAG_OBJ << TAG_SHIFT) | gc.header_ptr().as_ptr() as u64)
    }

    /// The value of an object given its header pointer (what the collector hands back
    /// after moving an object).
    #[inline(always)]
    pub fn from_header(h: NonNull<GcHeader>) -> Value {
        Value((TAG_OBJ << TAG_SHIFT) | h.as_ptr() as u64)
    }

    /// The identity hash of an object value (stable when the object moves).
    #[inline]
    pub fn identity_hash(self) -> Option<u32> {
        // SAFETY: a value holding a header pointer keeps its object alive (rooting contract).
        self.as_header().map(|h| unsafe { h.as_ref() }.identity_hash())
    }

    #[inline(always)]
    pub fn is_nil(self) -> bool {
        self.0 == Value::NIL.0
    }

    #[inline(always)]
    pub fn is_undefined(self) -> bool {
        self.0 == Value::UNDEFINED.0
    }

    #[inline(always)]
    pub fn is_bool(self) -> bool {
        self.0 == Value::TRUE.0 || self.0 == Value::FALSE.0
    }

    /// Only `nil` and `false` are falsy.
    #[inline(always)]
    pub fn is_truthy(self) -> bool {
        self.0 != Value::NIL.0 && self.0 != Value::FALSE.0
    }

    #[inline(always)]
    pub fn is_float(self) -> bool {
        self.0 < FIRST_TAGGED
    }

    #[inline(always)]
    pub fn is_small_int(self) -> bool {
        self.0 >> TAG_SHIFT == TAG_INT
    }

    /// Both operands are inline ints (one test for the arithmetic fast paths).
    #[inline(always)]
    pub fn both_small_ints(a: Value, b: Value) -> bool {
        (a.0 >> TAG_SHIFT == TAG_INT) & (b.0 >> TAG_SHIFT == TAG_INT)
    }

    /// `nil`, a bool (or the undefined marker).
    #[inline(always)]
    pub fn is_special(self) -> bool {
        self.0 >> TAG_SHIFT == TAG_SPECIAL
    }

    #[inline(always)]
    pub fn is_object(self) -> bool {
        self.0 >> TAG_SHIFT == TAG_OBJ
    }

    #[inline(always)]
    pub fn as_float_unchecked(self) -> f64 {
        f64::from_bits(self.0)
    }

    #[inline(always)]
    pub fn as_small_int_unchecked(self) -> i64 {
        ((self.0 << 16) as i64) >> 16
    }

    #[inline(always)]
    pub fn as_float(self) -> Option<f64> {
        if self.is_float() {
            Some(self.as_float_unchecked())
        } else {
            None
        }
    }

    #[inline(always)]
    pub fn as_bool(self) -> Option<bool> {
        if self.0 == Value::TRUE.0 {
            Some(true)
        } else if self.0 == Value::FALSE.0 {
            Some(false)
        } else {
            None
        }
    }

    /// The header of the heap object this value points to.
    #[inline(always)]
    pub fn as_header(self) -> Option<NonNull<GcHeader>> {
        // The tag test and the address in one subtraction: only an object's bits minus the
        // object tag leave the top 16 bits clear (and this way the test needs no 64-bit mask
        // constant, which x86 must load into a register first).
        let address = self.0.wrapping_sub(TAG_OBJ << TAG_SHIFT);
        if address >> TAG_SHIFT == 0 {
            // SAFETY: object values are made from non-null header pointers in `object`.
            Some(unsafe { NonNull::new_unchecked(address as *mut GcHeader) })
        } else {
            None
        }
    }

    /// The header pointer of a value known to be an object (no test).
    ///
    /// # Safety
    /// The value is an object.
    #[inline(always)]
    pub unsafe fn as_header_unchecked(self) -> NonNull<GcHeader> {
        debug_assert!(self.is_object());
        // SAFETY: object values are made from non-null header pointers in `object`.
        unsafe { NonNull::new_unchecked(self.0.wrapping_sub(TAG_OBJ << TAG_SHIFT) as *mut GcHeader) }
    }

    /// The object's kind byte, if this is an object.
    #[inline(always)]
    pub fn object_kind(self) -> Option<u8> {
        // SAFETY: a value holding a header pointer keeps its object alive (rooting contract).
        self.as_header().map(|h| unsafe { h.as_ref() }.kind())
    }

    /// The object as a `Gc<T>` if it is one of kind `T`.
    #[inline(always)]
    pub fn downcast<T: GcObject>(self) -> Option<Gc<T>> {
        let h = self.as_header()?;
        // SAFETY: the kind byte identifies the box type; we only cast when it matches.
        unsafe {
            if h.as_ref().kind() == T::KIND {
                Some(Gc::from_header(h))
            } else {
                None
            }
        }
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_float() {
            write!(f, "Float({})", self.as_float_unchecked())
        } else if self.is_small_int() {
            write!(f, "Int({})", self.as_small_int_unchecked())
        } else if self.is_nil() {
            f.write_str("Nil")
        } else if let Some(b) = self.as_bool() {
            write!(f, "Bool({b})")
        } else if self.is_undefined() {
            f.write_str("Undefined")
        } else {
            write!(f, "Object(kind {:?}, {:#x})", self.object_kind(), self.0 & PAYLOAD_MASK)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_is_one_word() {
        assert_eq!(std::mem::size_of::<Value>(), 8);
        assert_eq!(std::mem::size_of::<Option<Value>>(), 16);
    }

    #[test]
    fn floats_round_trip_and_nan_is_canonical() {
        for f in [0.0, -0.0, 1.5, -1e300, f64::INFINITY, f64::NEG_INFINITY, f64::MIN_POSITIVE] {
            let v = Value::float(f);
            assert!(v.is_float());
            assert_eq!(v.as_float_unchecked().to_bits(), f.to_bits());
        }
        let nan = Value::float(f64::from_bits(0xFFF9_0000_0000_0001));
        assert!(nan.is_float());
        assert!(nan.as_float_unchecked().is_nan());
    }

    #[test]
    fn small_ints_round_trip() {
        for i in [0, 1, -1, SMALL_INT_MAX, SMALL_INT_MIN, 123456789] {
            let v = Value::small_int(i);
            assert!(v.is_small_int() && !v.is_float() && !v.is_object());
            assert_eq!(v.as_small_int_unchecked(), i);
        }
        assert!(!Value::fits_small(SMALL_INT_MAX + 1));
    }

    #[test]
    fn specials_are_distinct_and_truthiness() {
        assert!(!Value::NIL.is_truthy());
        assert!(!Value::FALSE.is_truthy());
        assert!(Value::TRUE.is_truthy());
        assert!(Value::small_int(0).is_truthy());
        assert!(!Value::NIL.is_float() && !Value::NIL.is_small_int());
    }
}
