//! The nursery: one contiguous reservation holding eden (where new objects are
//! bump-allocated) and two survivor semispaces (where objects that survived a minor
//! collection wait for their next one before promotion).
//!
//! ```text
//!   start                                                      end
//!   │ eden: cursor ──► limit          │ survivor 0 │ survivor 1 │
//! ```
//! One address-range test (`contains`) tells young from old, which is what the write
//! barrier needs. `cursor` and `limit` are plain public fields so compiled code can inline
//! the allocation fast path: `p = cursor; if p + size > limit { slow } cursor = p + size`.

use crate::gcptr::GcHeader;
use std::alloc::Layout;
use std::ptr::NonNull;

/// The byte the vacated nursery is filled with in stress mode: a kind no type has, so a
/// stale pointer fails loudly.
pub(crate) const POISON: u8 = 0xAB;

#[repr(C)]
pub struct Nursery {
    /// Eden's bump pointer: the next object goes here.
    pub cursor: usize,
    /// Eden's end.
    pub limit: usize,
    /// Where the reservation starts (eden starts here too) and its size: young means
    /// `addr - start < size` (unsigned).
    pub start: usize,
    pub size: usize,
    survivor_size: usize,
    /// Which survivor space receives copies in the next minor collection.
    to_index: usize,
    /// The survivor copy cursor during a collection; after it, the top of the live
    /// survivors (in the space that was `to`).
    pub(crate) survivor_top: usize,
    layout: Layout,
}

impl Nursery {
    /// A nursery with `eden` bytes of eden and survivor spaces a quarter of that each.
    pub(crate) fn new(eden: usize) -> Nursery {
        let eden = eden.max(4096) & !7;
        let survivor_size = (eden / 4).max(1024) & !7;
        let size = eden + 2 * survivor_size;
        let layout = Layout::from_size_align(size, 16).expect("the nursery size is a valid layout");
        // SAFETY: the layout has a non-zero size.
        let base = unsafe { std::alloc::alloc(layout) };
        if base.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        let start = base as usize;
        let mut n = Nursery {
            cursor: start,
            limit: start + eden,
            start,
            size,
            survivor_size,
            to_index: 0,
            survivor_top: 0,
            layout,
        };
        // No survivors yet: the `from` space is empty.
        n.survivor_top = n.source_start();
        n
    }

    #[inline(always)]
    pub fn contains(&self, p: NonNull<GcHeader>) -> bool {
        (p.as_ptr() as usize).wrapping_sub(self.start) < self.size
    }

    #[inline(always)]
    pub fn contains_addr(&self, a: usize) -> bool {
        a.wrapping_sub(self.start) < self.size
    }

    /// Bump-allocates `size` bytes (a multiple of 8) in eden, or `None` when it is full.
    #[inline(always)]
    pub(crate) fn bump(&mut self, size: usize) -> Option<NonNull<u8>> {
        let p = self.cursor;
        let next = p + size;
        if next > self.limit {
            return None;
        }
        self.cursor = next;
        // SAFETY: `p` is inside the reservation, which is not null.
        Some(unsafe { NonNull::new_unchecked(p as *mut u8) })
    }

    pub fn eden_start(&self) -> usize {
        self.start
    }

    pub fn eden_size(&self) -> usize {
        self.limit - self.start
    }

    /// Bytes used in eden now.
    pub fn eden_used(&self) -> usize {
        self.cursor - self.start
    }

    fn survivor_start(&self, i: usize) -> usize {
        self.limit + i * self.survivor_size
    }

    /// The survivor space objects are copied into in this collection.
    pub(crate) fn to_start(&self) -> usize {
        self.survivor_start(self.to_index)
    }

    /// The survivor space holding the previous collection's copies (the `from` space).
    pub(crate) fn source_start(&self) -> usize {
        self.survivor_start(1 - self.to_index)
    }

    /// Starts a minor collection: copies go to the `to` space from its start. Returns the
    /// top of the live survivors in `from` (the previous collection's copies).
    pub(crate) fn begin_collection(&mut self) -> usize {
        let from_top = self.survivor_top;
        self.survivor_top = self.to_start();
        from_top
    }

    /// Copy space in the `to` survivor space, or `None` when it is full.
    #[inline]
    pub(crate) fn survivor_bump(&mut self, size: usize) -> Option<NonNull<u8>> {
        let p = self.survivor_top;
        if p + size > self.to_start() + self.survivor_size {
            return None;
        }
        self.survivor_top = p + size;
        // SAFETY: inside the reservation, not null.
        Some(unsafe { NonNull::new_unchecked(p as *mut u8) })
    }

    /// Ends a minor collection: eden and the old `from` space are empty (poisoned when
    /// asked); `to` becomes `from`.
    pub(crate) fn end_collection(&mut self, from_top: usize, poison: bool) {
        if poison {
            // SAFETY: both ranges are inside the reservation, and nothing live is left
            // in them (every live object was copied out).
            unsafe {
                std::ptr::write_bytes(self.start as *mut u8, POISON, self.cursor - self.start);
                let from = self.source_start();
                std::ptr::write_bytes(from as *mut u8, POISON, from_top - from);
            }
        }
        self.cursor = self.start;
        self.to_index = 1 - self.to_index;
    }

    /// Whether `p` is inside the live part of the nursery (eden below the cursor, or the
    /// survivors of the last collection) — for verification.
    pub(crate) fn holds_live(&self, p: usize) -> bool {
        (self.start..self.cursor).contains(&p) || (self.source_start()..self.survivor_top).contains(&p)
    }

    /// The survivors of the last collection (they live in what is now `from`).
    pub(crate) fn survivor_range(&self) -> (usize, usize) {
        (self.source_start(), self.survivor_top)
    }
}

impl Drop for Nursery {
    fn drop(&mut self) {
        // SAFETY: allocated in `new` with this layout.
        unsafe { std::alloc::dealloc(self.start as *mut u8, self.layout) };
    }
}
