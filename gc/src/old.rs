//! The old space: non-moving, reclaimed by mark-sweep. Objects reach it by promotion
//! from the nursery, by pretenuring, or when eden is full between two safepoints.
//!
//! Each object is its own block from the global allocator (mimalloc in the binary,
//! itself size-class segregated), listed in `objects` for the sweep.

use crate::gcptr::GcHeader;
use crate::types::TypeInfo;
use std::alloc::Layout;
use std::ptr::NonNull;

pub(crate) struct OldSpace {
    pub(crate) objects: Vec<NonNull<GcHeader>>,
    /// Bytes in old objects (boxes plus what they own), as of the last sweep plus
    /// everything promoted, pretenured or grown since.
    pub(crate) bytes: usize,
}

fn layout(size: usize) -> Layout {
    Layout::from_size_align(size, 8).expect("object sizes are valid layouts")
}

impl OldSpace {
    pub(crate) fn new() -> OldSpace {
        OldSpace { objects: Vec::new(), bytes: 0 }
    }

    /// Memory for one object of `size` bytes; the caller writes the object and then
    /// calls [`OldSpace::register`].
    pub(crate) fn alloc(&mut self, size: usize) -> NonNull<u8> {
        let l = layout(size);
        // SAFETY: every object size is at least 16 bytes.
        let p = unsafe { std::alloc::alloc(l) };
        match NonNull::new(p) {
            Some(p) => p,
            None => std::alloc::handle_alloc_error(l),
        }
    }

    pub(crate) fn register(&mut self, p: NonNull<GcHeader>, bytes: usize) {
        self.objects.push(p);
        self.bytes += bytes;
    }

    /// Frees every unmarked object and clears the marks of the rest. Returns the live
    /// bytes and the freed bytes.
    pub(crate) fn sweep(&mut self, types: &[TypeInfo]) -> (usize, usize) {
        let mut live = 0usize;
        let mut freed = 0usize;
        self.objects.retain(|&ptr| {
            // SAFETY: every pointer in `objects` is a live old object until freed here.
            let header = unsafe { ptr.as_ref() };
            let info = &types[header.kind() as usize];
            let size = info.size + unsafe { (info.extra)(ptr) };
            if header.is_marked() {
                header.set_marked(false);
                live += size;
                true
            } else {
                freed += size;
                // SAFETY: the object is dead (unmarked after a full mark) and freed once.
                unsafe {
                    (info.drop)(ptr);
                    std::alloc::dealloc(ptr.as_ptr().cast(), layout(info.size));
                }
                false
            }
        });
        self.bytes = live;
        (live, freed)
    }

    /// Drops and frees everything (the heap is going away).
    pub(crate) fn free_all(&mut self, types: &[TypeInfo]) {
        for &ptr in &self.objects {
            // SAFETY: the heap owns every object and nothing can use them after it is gone.
            unsafe {
                let info = &types[ptr.as_ref().kind() as usize];
                (info.drop)(ptr);
                std::alloc::dealloc(ptr.as_ptr().cast(), layout(info.size));
            }
        }
        self.objects.clear();
    }

    pub(crate) fn len(&self) -> usize {
        self.objects.len()
    }
}
