//! The object header and the typed pointer to a heap object.

use std::cell::Cell;
use std::marker::PhantomData;
use std::ptr::NonNull;

const KIND_MASK: u64 = 0xff;
const MARK_BIT: u64 = 1 << 8;
const FORWARDED_BIT: u64 = 1 << 9;
const REMEMBERED_BIT: u64 = 1 << 10;
const AGE_SHIFT: u32 = 11;
const AGE_MASK: u64 = 0b11 << AGE_SHIFT;
const HASH_SHIFT: u32 = 32;

/// The header bit the write barrier tests (exported for JIT code, which inlines the
/// barrier's fast path).
pub const HEADER_REMEMBERED_BIT: u64 = REMEMBERED_BIT;

/// The one header word every heap object starts with.
///
/// Layout (low to high): kind (8 bits), mark (1), forwarded (1: the object was copied
/// and the word after the header holds its new address), remembered (1: the object is
/// in the remembered set), age (2: minor collections survived), 19 bits free, and a
/// 32-bit identity hash fixed at allocation (objects move, so addresses cannot serve as
/// hashes).
#[repr(C)]
pub struct GcHeader {
    word: Cell<u64>,
}

impl GcHeader {
    #[inline(always)]
    pub(crate) fn with_word(word: u64) -> GcHeader {
        GcHeader { word: Cell::new(word) }
    }

    #[inline(always)]
    pub(crate) fn word_for(kind: u8, hash: u32) -> u64 {
        kind as u64 | (hash as u64) << HASH_SHIFT
    }

    /// The object's kind: an index into the type table registered with the heap.
    #[inline(always)]
    pub fn kind(&self) -> u8 {
        (self.word.get() & KIND_MASK) as u8
    }

    /// A hash of the object's identity that stays the same when the object moves.
    #[inline(always)]
    pub fn identity_hash(&self) -> u32 {
        (self.word.get() >> HASH_SHIFT) as u32
    }

    #[inline(always)]
    pub(crate) fn set_raw(&self, w: u64) {
        self.word.set(w)
    }

    #[inline(always)]
    pub(crate) fn is_marked(&self) -> bool {
        self.word.get() & MARK_BIT != 0
    }

    #[inline(always)]
    pub(crate) fn set_marked(&self, marked: bool) {
        let w = self.word.get();
        self.word.set(if marked { w | MARK_BIT } else { w & !MARK_BIT });
    }

    #[inline(always)]
    pub(crate) fn is_forwarded(&self) -> bool {
        self.word.get() & FORWARDED_BIT != 0
    }

    #[inline(always)]
    pub(crate) fn is_remembered(&self) -> bool {
        self.word.get() & REMEMBERED_BIT != 0
    }

    #[inline(always)]
    pub(crate) fn set_remembered(&self, on: bool) {
        let w = self.word.get();
        self.word.set(if on { w | REMEMBERED_BIT } else { w & !REMEMBERED_BIT });
    }

    #[inline(always)]
    pub(crate) fn age(&self) -> u32 {
        ((self.word.get() & AGE_MASK) >> AGE_SHIFT) as u32
    }

    /// The header word of a copy: same kind and hash, one more year, no GC bits.
    #[inline(always)]
    pub(crate) fn aged_copy_word(&self) -> u64 {
        let w = self.word.get();
        let age = (((w & AGE_MASK) >> AGE_SHIFT) + 1).min(3);
        (w & !(AGE_MASK | MARK_BIT | FORWARDED_BIT | REMEMBERED_BIT)) | age << AGE_SHIFT
    }

    #[inline(always)]
    pub(crate) fn set_forwarded(&self) {
        self.word.set(self.word.get() | FORWARDED_BIT);
    }
}

/// A header followed by the object itself. `repr(C)` so a pointer to the box is a pointer
/// to its header.
#[repr(C)]
pub struct GcBox<T> {
    pub(crate) header: GcHeader,
    pub(crate) value: T,
}

/// A pointer to a heap object of type `T`. Copy, one word, and valid until the next
/// collection unless it is held in a root the collector updates (see the crate
/// documentation: objects move).
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

    /// The current address, for printing and for cycle detection within one operation
    /// that cannot collect. Not stable across collections: hash with
    /// [`Gc::identity_hash`].
    #[inline]
    pub fn addr(self) -> usize {
        self.ptr.as_ptr() as usize
    }

    /// The object's identity hash (stable across moves).
    #[inline]
    pub fn identity_hash(self) -> u32 {
        // SAFETY: a `Gc` points to a live box (crate contract).
        unsafe { self.ptr.as_ref() }.header.identity_hash()
    }
}

impl<T> std::ops::Deref for Gc<T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        // SAFETY: a `Gc` is only created for a live box, and the VM keeps every object it
        // can still reach rooted (and re-reads moved pointers from updated roots), so the
        // box has not been freed or vacated (crate contract).
        unsafe { &(*self.ptr.as_ptr()).value }
    }
}
