//! The object header and the typed pointer to a heap object.

use std::cell::Cell;
use std::marker::PhantomData;
use std::ptr::NonNull;

const KIND_MASK: u64 = 0xff;
const MARK_BIT: u64 = 1 << 8;

/// The one header word every heap object starts with.
///
/// Layout (low to high): kind (8 bits), mark (1 bit), the rest reserved for the
/// generational collector (age, remembered) and for size classes.
#[repr(C)]
pub struct GcHeader {
    word: Cell<u64>,
}

impl GcHeader {
    pub(crate) fn new(kind: u8) -> GcHeader {
        GcHeader { word: Cell::new(kind as u64) }
    }

    /// The object's kind: an index into the type table registered with the heap.
    #[inline(always)]
    pub fn kind(&self) -> u8 {
        (self.word.get() & KIND_MASK) as u8
    }

    #[inline]
    pub(crate) fn is_marked(&self) -> bool {
        self.word.get() & MARK_BIT != 0
    }

    #[inline]
    pub(crate) fn set_marked(&self, marked: bool) {
        let w = self.word.get();
        self.word.set(if marked { w | MARK_BIT } else { w & !MARK_BIT });
    }
}

/// A header followed by the object itself. `repr(C)` so a pointer to the box is a pointer
/// to its header.
#[repr(C)]
pub struct GcBox<T> {
    pub(crate) header: GcHeader,
    pub(crate) value: T,
}

/// A pointer to a heap object of type `T`. Copy, one word, and valid for as long as the
/// object is reachable from the roots (see the crate documentation).
pub struct Gc<T> {
    ptr: NonNull<GcBox<T>>,
    _marker: PhantomData<*const T>,
}

impl<T> Clone for Gc<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Gc<T> {}

impl<T> PartialEq for Gc<T> {
    fn eq(&self, other: &Self) -> bool {
        self.ptr == other.ptr
    }
}
impl<T> Eq for Gc<T> {}

impl<T> std::fmt::Debug for Gc<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Gc({:p})", self.ptr)
    }
}

impl<T> Gc<T> {
    pub(crate) fn from_box(ptr: NonNull<GcBox<T>>) -> Gc<T> {
        Gc { ptr, _marker: PhantomData }
    }

    /// The header of the object, as an untyped pointer (what values store).
    #[inline(always)]
    pub fn header_ptr(self) -> NonNull<GcHeader> {
        self.ptr.cast()
    }

    /// Reinterprets an untyped header pointer as a `Gc<T>`.
    ///
    /// # Safety
    /// `ptr` must point to a live `GcBox<T>` (check the kind first).
    #[inline(always)]
    pub unsafe fn from_header(ptr: NonNull<GcHeader>) -> Gc<T> {
        Gc { ptr: ptr.cast(), _marker: PhantomData }
    }

    /// Identity comparison.
    #[inline]
    pub fn ptr_eq(a: Gc<T>, b: Gc<T>) -> bool {
        a.ptr == b.ptr
    }

    /// The address, for identity hashing and printing.
    #[inline]
    pub fn addr(self) -> usize {
        self.ptr.as_ptr() as usize
    }
}

impl<T> std::ops::Deref for Gc<T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        // SAFETY: a `Gc` is only created for a live box, and the VM keeps every object it
        // can still reach rooted, so the box has not been freed (crate contract).
        unsafe { &(*self.ptr.as_ptr()).value }
    }
}
