//! `Slot`: the interpreter's pointer to a value-stack slot.
//!
//! The dispatch loop keeps its stack top and frame base as pointers rather than indices:
//! a push is then one store through one register, a local read one load off the frame
//! base, and the stack's own address need not stay live in a register (the loop has too
//! few). That is sound because the value stack never moves (`vm::reserve_value_stack`).
//! `Slot` gives the pointers index arithmetic (`sp - 1 - argc`, `base + slot`) so the
//! loop reads as before; converting back to an index is `slot - stack_start`.

use crate::value::Value;
use std::ops::{Add, AddAssign, Sub, SubAssign};

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(crate) struct Slot(*mut Value);

impl Slot {
    #[inline(always)]
    pub fn new(p: *mut Value) -> Slot {
        Slot(p)
    }

    #[inline(always)]
    pub fn ptr(self) -> *mut Value {
        self.0
    }

    /// Reads the slot.
    ///
    /// # Safety
    /// The slot is inside the value stack.
    #[inline(always)]
    pub unsafe fn read(self) -> Value {
        unsafe { *self.0 }
    }

    /// Writes the slot.
    ///
    /// # Safety
    /// The slot is inside the value stack.
    #[inline(always)]
    pub unsafe fn write(self, v: Value) {
        unsafe { *self.0 = v }
    }
}

impl Add<usize> for Slot {
    type Output = Slot;
    #[inline(always)]
    fn add(self, n: usize) -> Slot {
        Slot(self.0.wrapping_add(n))
    }
}

impl Sub<usize> for Slot {
    type Output = Slot;
    #[inline(always)]
    fn sub(self, n: usize) -> Slot {
        Slot(self.0.wrapping_sub(n))
    }
}

impl AddAssign<usize> for Slot {
    #[inline(always)]
    fn add_assign(&mut self, n: usize) {
        *self = *self + n;
    }
}

impl SubAssign<usize> for Slot {
    #[inline(always)]
    fn sub_assign(&mut self, n: usize) {
        *self = *self - n;
    }
}

/// The number of slots from `rhs` up to `self` (`self >= rhs`).
impl Sub<Slot> for Slot {
    type Output = usize;
    #[inline(always)]
    fn sub(self, rhs: Slot) -> usize {
        (self.0 as usize).wrapping_sub(rhs.0 as usize) / std::mem::size_of::<Value>()
    }
}
