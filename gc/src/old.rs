//! The old space: non-moving, size-class segregated, reclaimed by mark-sweep. Objects
//! reach it by promotion from the nursery, by pretenuring, or when eden is full between
//! two safepoints.
//!
//! ```text
//!   size class 16 │ block 64 KiB: [cell][cell][free]…[cell] │ block … │  free list ─► free cells
//!   size class 24 │ …
//!   …             │
//!   > 256 bytes   │ large-object space: one global-allocator block per object
//! ```
//! A free cell's header word is [`FREE_WORD`] (a kind no type has) and its next word
//! links the free list. The sweep walks every cell of every block, drops and frees the
//! unmarked objects, rebuilds each class's free list in address order, and returns
//! blocks that became entirely free to the allocator (keeping one per class).
//! What objects own outside their box (list buffers, string bytes) is ordinary Rust
//! memory from the global allocator, released by the object's drop.

use crate::gcptr::GcHeader;
use crate::types::TypeInfo;
use std::alloc::Layout;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ptr::NonNull;

/// A hasher for addresses (verification looks one up per edge; SipHash is needlessly
/// slow for that).
#[derive(Default)]
pub(crate) struct AddrHasher(u64);

impl Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64 >> 3).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type AddrBuild = BuildHasherDefault<AddrHasher>;

/// Bytes per block of a size class.
const BLOCK_SIZE: usize = 64 << 10;
/// The cell sizes; a box is placed in the smallest class that fits it.
const CLASSES: [usize; 16] = [16, 24, 32, 40, 48, 56, 64, 72, 80, 96, 112, 128, 160, 192, 224, 256];
/// Boxes above this go to the large-object space.
pub(crate) const LARGE_OBJECT: usize = 256;
/// The header word of a free cell: kind byte 0xFE, which no type table reaches.
const FREE_WORD: u64 = 0xFEFE_FEFE_FEFE_FEFE;

struct SizeClass {
    cell: usize,
    blocks: Vec<NonNull<u8>>,
    /// The first free cell (its second word points to the next), or null.
    free: *mut u64,
}

pub(crate) struct OldSpace {
    classes: Vec<SizeClass>,
    /// Class index by `size / 8` (sizes are multiples of 8, at most `LARGE_OBJECT`).
    class_of: [u8; LARGE_OBJECT / 8 + 1],
    large: Vec<NonNull<GcHeader>>,
    /// Block base → cell size, and the large objects' addresses: membership tests for
    /// verification (blocks are aligned to their size, so an address finds its block).
    block_cells: HashMap<usize, usize, AddrBuild>,
    large_set: HashSet<usize, AddrBuild>,
    /// Objects in the space.
    count: usize,
    /// Bytes in old objects (boxes plus what they own), as of the last sweep plus
    /// everything promoted, pretenured or grown since.
    pub(crate) bytes: usize,
    /// Bytes of blocks held from the allocator (for `--gc-stats`).
    pub(crate) block_bytes: usize,
}

fn block_layout() -> Layout {
    Layout::from_size_align(BLOCK_SIZE, BLOCK_SIZE).expect("the block size is a valid layout")
}

fn large_layout(size: usize) -> Layout {
    Layout::from_size_align(size, 8).expect("object sizes are valid layouts")
}

/// Sweeps one object: a marked one is unmarked and its size returned as `Ok`; an
/// unmarked one is dropped and its size returned as `Err` (its memory is the caller's
/// to free).
///
/// # Safety
/// `ptr` is an old object with a valid header, swept once after a full mark.
unsafe fn sweep_one(types: &[TypeInfo], ptr: NonNull<GcHeader>) -> Result<usize, usize> {
    // SAFETY: per the contract.
    let header = unsafe { ptr.as_ref() };
    let info = &types[header.kind() as usize];
    let size = info.size + unsafe { (info.extra)(ptr) };
    if header.is_marked() {
        header.set_marked(false);
        Ok(size)
    } else {
        // SAFETY: dead (unmarked after a full mark) and dropped exactly once.
        unsafe { (info.drop)(ptr) };
        Err(size)
    }
}

impl OldSpace {
    pub(crate) fn new() -> OldSpace {
        let mut class_of = [0u8; LARGE_OBJECT / 8 + 1];
        for (i, slot) in class_of.iter_mut().enumerate() {
            let size = i * 8;
            *slot = CLASSES.iter().position(|&c| c >= size).unwrap_or(CLASSES.len() - 1) as u8;
        }
        OldSpace {
            classes: CLASSES
                .iter()
                .map(|&cell| SizeClass { cell, blocks: Vec::new(), free: std::ptr::null_mut() })
                .collect(),
            class_of,
            large: Vec::new(),
            block_cells: HashMap::default(),
            large_set: HashSet::default(),
            count: 0,
            bytes: 0,
            block_bytes: 0,
        }
    }

    /// Memory for one object of `size` bytes (a multiple of 8, at least 16); the caller
    /// writes the object and then calls [`OldSpace::register`].
    #[inline]
    pub(crate) fn alloc(&mut self, size: usize) -> NonNull<u8> {
        if size > LARGE_OBJECT {
            return self.alloc_large(size);
        }
        let class = self.class_of[size / 8] as usize;
        let mut cell = self.classes[class].free;
        if cell.is_null() {
            self.add_block(class);
            cell = self.classes[class].free;
        }
        // SAFETY: `cell` is a free cell of this class: its second word is the next link.
        unsafe {
            self.classes[class].free = *cell.add(1) as *mut u64;
            NonNull::new_unchecked(cell.cast())
        }
    }

    #[cold]
    fn alloc_large(&mut self, size: usize) -> NonNull<u8> {
        let l = large_layout(size);
        // SAFETY: the size is non-zero.
        let p = unsafe { std::alloc::alloc(l) };
        match NonNull::new(p) {
            Some(p) => p,
            None => std::alloc::handle_alloc_error(l),
        }
    }

    /// A new block for a class, all of it free cells, pushed on the free list.
    #[cold]
    fn add_block(&mut self, class: usize) {
        let l = block_layout();
        // SAFETY: the layout is non-zero.
        let base = unsafe { std::alloc::alloc(l) };
        let Some(base) = NonNull::new(base) else { std::alloc::handle_alloc_error(l) };
        self.block_bytes += BLOCK_SIZE;
        let c = &mut self.classes[class];
        let cells = BLOCK_SIZE / c.cell;
        for i in (0..cells).rev() {
            // SAFETY: cell `i` lies inside the new block; each cell has at least two words.
            unsafe {
                let cell = base.as_ptr().add(i * c.cell).cast::<u64>();
                *cell = FREE_WORD;
                *cell.add(1) = c.free as u64;
                c.free = cell;
            }
        }
        c.blocks.push(base);
        self.block_cells.insert(base.as_ptr() as usize, c.cell);
    }

    /// Counts a newly placed object (its header is written).
    #[inline]
    pub(crate) fn register(&mut self, p: NonNull<GcHeader>, size: usize, bytes: usize) {
        if size > LARGE_OBJECT {
            self.large.push(p);
            self.large_set.insert(p.as_ptr() as usize);
        }
        self.count += 1;
        self.bytes += bytes;
    }

    /// Whether `a` is the address of an object in this space (verification).
    pub(crate) fn contains_object(&self, a: usize) -> bool {
        let base = a & !(BLOCK_SIZE - 1);
        match self.block_cells.get(&base) {
            // SAFETY: `a` is inside a live block, at a cell boundary.
            Some(&cell) => (a - base).is_multiple_of(cell) && unsafe { *(a as *const u64) } != FREE_WORD,
            None => self.large_set.contains(&a),
        }
    }

    /// Calls `f` on every object in the space.
    pub(crate) fn for_each(&self, mut f: impl FnMut(NonNull<GcHeader>)) {
        for c in &self.classes {
            for &b in &c.blocks {
                for i in 0..BLOCK_SIZE / c.cell {
                    // SAFETY: cell `i` is inside block `b`; its first word is a header or
                    // FREE_WORD.
                    let cell = unsafe { b.as_ptr().add(i * c.cell) };
                    if unsafe { *cell.cast::<u64>() } != FREE_WORD {
                        // SAFETY: not null (inside a block).
                        f(unsafe { NonNull::new_unchecked(cell.cast()) });
                    }
                }
            }
        }
        for &p in &self.large {
            f(p);
        }
    }

    /// Frees every unmarked object and clears the marks of the rest. Returns the live
    /// bytes and the freed bytes.
    pub(crate) fn sweep(&mut self, types: &[TypeInfo]) -> (usize, usize) {
        let mut live = 0usize;
        let mut freed = 0usize;
        let mut count = 0usize;
        let mut released = 0usize;
        let block_cells = &mut self.block_cells;
        for c in &mut self.classes {
            c.free = std::ptr::null_mut();
            let cells = BLOCK_SIZE / c.cell;
            let mut kept_empty = false;
            let mut blocks = std::mem::take(&mut c.blocks);
            // Walk blocks from the last so the rebuilt free list starts at the first.
            blocks.retain(|&b| {
                let mut block_free = c.free;
                let mut used = 0usize;
                for i in (0..cells).rev() {
                    // SAFETY: cell `i` is inside block `b`.
                    let cell = unsafe { b.as_ptr().add(i * c.cell).cast::<u64>() };
                    if unsafe { *cell } != FREE_WORD {
                        // SAFETY: a non-free cell holds an object with a valid header; a
                        // dead one's cell becomes free right below.
                        match unsafe { sweep_one(types, NonNull::new_unchecked(cell.cast::<GcHeader>())) } {
                            Ok(size) => {
                                live += size;
                                used += 1;
                                continue;
                            }
                            Err(size) => freed += size,
                        }
                    }
                    // SAFETY: the cell is free (or just freed); link it.
                    unsafe {
                        *cell = FREE_WORD;
                        *cell.add(1) = block_free as u64;
                    }
                    block_free = cell;
                }
                if used == 0 && kept_empty {
                    // SAFETY: no object lives in the block; it came from `add_block`.
                    unsafe { std::alloc::dealloc(b.as_ptr(), block_layout()) };
                    block_cells.remove(&(b.as_ptr() as usize));
                    released += BLOCK_SIZE;
                    return false;
                }
                kept_empty |= used == 0;
                count += used;
                c.free = block_free;
                true
            });
            c.blocks = blocks;
        }
        self.block_bytes -= released;
        self.large.retain(|&ptr| {
            // SAFETY: every large object is live until swept here; a dead one is freed
            // right below with the layout of its kind.
            match unsafe { sweep_one(types, ptr) } {
                Ok(size) => {
                    live += size;
                    count += 1;
                    true
                }
                Err(size) => {
                    freed += size;
                    self.large_set.remove(&(ptr.as_ptr() as usize));
                    let layout = large_layout(types[unsafe { ptr.as_ref() }.kind() as usize].size);
                    // SAFETY: allocated in `alloc_large` with this layout; freed once.
                    unsafe { std::alloc::dealloc(ptr.as_ptr().cast(), layout) };
                    false
                }
            }
        });
        self.count = count;
        self.bytes = live;
        (live, freed)
    }

    /// Drops everything and returns the memory (the heap is going away).
    pub(crate) fn free_all(&mut self, types: &[TypeInfo]) {
        self.for_each(|ptr| {
            // SAFETY: the heap owns every object and nothing can use them after it is gone.
            unsafe { (types[ptr.as_ref().kind() as usize].drop)(ptr) };
        });
        for c in &mut self.classes {
            for &b in &c.blocks {
                // SAFETY: allocated in `add_block` with this layout.
                unsafe { std::alloc::dealloc(b.as_ptr(), block_layout()) };
            }
            c.blocks.clear();
            c.free = std::ptr::null_mut();
        }
        for &p in &self.large {
            // SAFETY: allocated in `alloc_large` with the size of its kind.
            unsafe { std::alloc::dealloc(p.as_ptr().cast(), large_layout(types[p.as_ref().kind() as usize].size)) };
        }
        self.large.clear();
        self.large_set.clear();
        self.block_cells.clear();
        self.count = 0;
    }

    pub(crate) fn len(&self) -> usize {
        self.count
    }
}
