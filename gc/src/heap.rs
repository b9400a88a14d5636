//! The heap: allocation, the write barrier, and the policy that picks minor or full
//! collections.

use crate::collect::{Roots, WeakSweep};
use crate::gcptr::{Gc, GcBox, GcHeader};
use crate::nursery::Nursery;
use crate::spaces::Spaces;
use crate::stats::GcStats;
use crate::types::{GcObject, TypeInfo};
use std::ptr::NonNull;
use std::time::Instant;

/// Tuning knobs of the heap (see `docs/gc.md`).
#[derive(Clone, Debug)]
pub struct HeapConfig {
    /// Eden size in bytes (`DEVVM_GC_NURSERY`); each survivor space is a quarter of it.
    pub nursery_size: usize,
    /// The old space may grow to this many bytes before the first full collection.
    pub initial_threshold: usize,
    /// After a full collection the next one happens when the old space has grown by
    /// this factor over what survived.
    pub growth_factor: f64,
    /// A hard cap on heap bytes (`--max-heap`); `None` means unlimited.
    pub max_heap: Option<usize>,
    /// `DEVVM_GC_STRESS=1`: a minor collection at every safepoint, a full one every
    /// `stress_full_every` of them, the vacated nursery poisoned.
    pub stress: bool,
    pub stress_full_every: u32,
    /// `DEVVM_GC_VERIFY=1`: check the heap around every collection.
    pub verify: bool,
    /// `--gc-trace`: one line on stderr per collection.
    pub trace: bool,
}

/// The default eden size, chosen by measurement (`docs/performance.md`).
pub const DEFAULT_NURSERY: usize = 1 << 20;

impl Default for HeapConfig {
    fn default() -> Self {
        HeapConfig {
            nursery_size: DEFAULT_NURSERY,
            initial_threshold: 4 << 20,
            growth_factor: 2.0,
            max_heap: None,
            stress: false,
            stress_full_every: 32,
            verify: false,
            trace: false,
        }
    }
}

/// Which collection to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CollectionKind {
    Minor,
    Major,
}

/// The VM heap. One per `Vm`; no global state.
pub struct Heap {
    spaces: Spaces,
    /// A safepoint collects when the eden cursor reaches this (set to 0 to ask for a
    /// collection at the next safepoint: one comparison either way).
    soft_limit: usize,
    /// Bytes owned (outside their boxes) by objects allocated since the last minor
    /// collection, plus those of the current survivors.
    young_extra: usize,
    /// The old space size that triggers the next full collection.
    next_major: usize,
    /// Mixed into identity hashes, changed at every minor collection (eden addresses
    /// are reused).
    hash_seed: u32,
    minors_since_major: u32,
    /// Collections so far: code that holds pointers across something that might collect
    /// compares it before and after to know whether to re-read them.
    epoch: u64,
    verify_credit: usize,
    config: HeapConfig,
    stats: GcStats,
}

impl Heap {
    /// A heap for the given type table (`types[k]` describes objects of kind `k`).
    pub fn new(types: Vec<TypeInfo>, config: HeapConfig) -> Heap {
        let spaces = Spaces::new(types, config.nursery_size);
        let mut heap = Heap {
            spaces,
            soft_limit: 0,
            young_extra: 0,
            next_major: config.initial_threshold,
            hash_seed: 0x9E37_79B9,
            minors_since_major: 0,
            epoch: 0,
            verify_credit: VERIFY_BASE_CREDIT,
            config,
            stats: GcStats::default(),
        };
        heap.reset_soft_limit();
        heap
    }

    fn reset_soft_limit(&mut self) {
        let n = &self.spaces.nursery;
        // Collect a little before eden is full: allocation between two safepoints then
        // rarely overflows into the old space.
        // Under stress, any allocation in eden makes the next safepoint collect (the
        // closest the safepoint design comes to "a collection at every allocation").
        self.soft_limit = if self.config.stress { n.start + 1 } else { n.limit - (n.eden_size() / 16) };
    }

    /// Asks for a collection at the next safepoint.
    #[inline]
    pub fn request_collection(&mut self) {
        self.soft_limit = 0;
    }

    /// Allocates an object: a pointer bump in eden, or (pretenured kinds, or eden full)
    /// the old space. Never collects (see the crate documentation): the caller reaches a
    /// safepoint later where [`Heap::should_collect`] is checked.
    #[inline(always)]
    pub fn alloc<T: GcObject>(&mut self, value: T) -> Gc<T> {
        debug_assert!((T::KIND as usize) < self.spaces.types.len(), "kind {} is not in the type table", T::KIND);
        let size = std::mem::size_of::<GcBox<T>>();
        let extra = value.extra_bytes();
        self.stats.bytes_allocated_total += (size + extra) as u64;
        if !T::PRETENURE {
            if let Some(p) = self.spaces.nursery.bump(size) {
                let ptr = p.cast::<GcBox<T>>();
                let hash = ((p.as_ptr() as usize >> 3) as u32) ^ self.hash_seed;
                // SAFETY: `p` is `size` fresh bytes of eden, 8-aligned (every size is a
                // multiple of 8 and eden starts 16-aligned).
                unsafe {
                    ptr.as_ptr().write(GcBox { header: GcHeader::with_word(GcHeader::word_for(T::KIND, hash)), value })
                };
                if extra != 0 {
                    self.note_young_extra(extra);
                }
                return Gc::from_box(ptr);
            }
        }
        self.alloc_old(value, size, extra)
    }

    /// Allocation in the old space. The object is remembered: it was built without
    /// write barriers and may hold young pointers.
    #[cold]
    #[inline(never)]
    fn alloc_old<T: GcObject>(&mut self, value: T, size: usize, extra: usize) -> Gc<T> {
        let p = self.spaces.old.alloc(size);
        let ptr = p.cast::<GcBox<T>>();
        let hash = ((p.as_ptr() as usize >> 3) as u32) ^ self.hash_seed;
        // SAFETY: `p` is fresh memory of `size` bytes with alignment 8.
        unsafe { ptr.as_ptr().write(GcBox { header: GcHeader::with_word(GcHeader::word_for(T::KIND, hash)), value }) };
        self.spaces.old.register(ptr.cast(), size, size + extra);
        self.spaces.remember(ptr.cast());
        if !T::PRETENURE {
            // Eden is full: the next safepoint must collect.
            self.request_collection();
        }
        self.check_major_pressure();
        Gc::from_box(ptr)
    }

    /// Counts what a young object owns outside its box. A nursery full of small boxes
    /// that own big buffers (1 KB strings) would otherwise grow the process far beyond
    /// eden before a collection: past an eden's worth, the next safepoint collects.
    #[inline]
    fn note_young_extra(&mut self, extra: usize) {
        self.young_extra += extra;
        if self.young_extra >= self.spaces.nursery.eden_size() {
            self.request_collection();
        }
    }

    #[inline]
    fn check_major_pressure(&mut self) {
        if self.spaces.old.bytes >= self.next_major || self.over_limit() {
            self.request_collection();
        }
    }

    /// Records bytes an existing object acquired (a list growing its buffer), counted
    /// as old-space growth. Prefer [`Heap::account_for`], which knows the owner.
    #[inline]
    pub fn account(&mut self, bytes: usize) {
        if bytes != 0 {
            self.account_old_growth(bytes);
        }
    }

    /// Records bytes that `owner` acquired: young growth counts toward the next minor
    /// collection, old growth toward the next full one.
    #[inline]
    pub fn account_for(&mut self, owner: NonNull<GcHeader>, bytes: usize) {
        if bytes == 0 {
            return;
        }
        if self.spaces.nursery.contains(owner) {
            self.stats.bytes_allocated_total += bytes as u64;
            self.note_young_extra(bytes);
        } else {
            self.account_old_growth(bytes);
        }
    }

    #[inline(never)]
    fn account_old_growth(&mut self, bytes: usize) {
        self.spaces.old.bytes += bytes;
        self.stats.bytes_allocated_total += bytes as u64;
        if self.spaces.old.bytes >= self.next_major {
            self.request_collection();
        }
    }

    /// The write barrier: called on every store of a heap pointer `stored` into the
    /// heap object `owner` (before or after the store; no collection can happen in
    /// between). Records `owner` in the remembered set when an old object starts
    /// pointing at a young one. The fast path is two range checks and a header bit:
    /// ```text
    ///   if (stored - nursery.start) < nursery.size          // stored is young
    ///      && (owner - nursery.start) >= nursery.size        // owner is old
    ///      && !(owner.header & HEADER_REMEMBERED_BIT)        // not yet remembered
    ///   { remember(owner) }
    /// ```
    #[inline(always)]
    pub fn write_barrier(&mut self, owner: NonNull<GcHeader>, stored: NonNull<GcHeader>) {
        let n = &self.spaces.nursery;
        if n.contains(stored) && !n.contains(owner) {
            // SAFETY: `owner` is a live object the caller is storing into.
            if !unsafe { owner.as_ref() }.is_remembered() {
                self.remember_slow(owner);
            }
        }
    }

    #[cold]
    #[inline(never)]
    fn remember_slow(&mut self, owner: NonNull<GcHeader>) {
        self.spaces.remember(owner);
    }

    /// The number of collections so far (see the field).
    #[inline(always)]
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// Whether the VM should collect at this safepoint (one comparison).
    #[inline(always)]
    pub fn should_collect(&self) -> bool {
        self.spaces.nursery.cursor >= self.soft_limit
    }

    /// Whether the heap is over its cap; the VM raises `OutOfMemory` when this is still
    /// true right after a full collection.
    pub fn over_limit(&self) -> bool {
        matches!(self.config.max_heap, Some(cap) if self.bytes_in_use() > cap)
    }

    /// Bytes in use: the old space, the nursery's occupied part, and what young objects own.
    pub fn bytes_in_use(&self) -> usize {
        let n = &self.spaces.nursery;
        let (fs, ft) = n.survivor_range();
        self.spaces.old.bytes + n.eden_used() + (ft - fs) + self.young_extra
    }

    /// Bytes of size-class blocks the old space holds from the allocator.
    pub fn old_block_bytes(&self) -> usize {
        self.spaces.old.block_bytes
    }

    /// Objects in the old space.
    pub fn object_count(&self) -> usize {
        self.spaces.old.len()
    }

    pub fn stats(&self) -> &GcStats {
        &self.stats
    }

    pub fn config(&self) -> &HeapConfig {
        &self.config
    }

    /// Turns `--gc-trace` lines on or off.
    pub fn set_trace(&mut self, on: bool) {
        self.config.trace = on;
    }

    /// The nursery, for code that inlines the allocation fast path or the barrier.
    pub fn nursery(&self) -> &Nursery {
        &self.spaces.nursery
    }

    /// The collection the policy picks at a safepoint: a full one when the old space
    /// reached its growth threshold (or every `stress_full_every` minors under stress),
    /// else a minor one.
    pub fn pick_collection(&self) -> CollectionKind {
        // Under stress a full collection comes every `stress_full_every` minors, or less
        // often on a big heap (every old_objects/256 minors), so that stress runs stay
        // linear in the work done instead of quadratic.
        let every = (self.config.stress_full_every.max(1) as usize).max(self.spaces.old.len() / 256);
        let stress_major = self.config.stress && self.minors_since_major as usize + 1 >= every;
        if stress_major || self.spaces.old.bytes >= self.next_major {
            CollectionKind::Major
        } else {
            CollectionKind::Minor
        }
    }

    /// Runs a collection. `roots` must visit every root (it may be called more than once);
    /// `weak` is called after liveness is known, with a function telling where an object
    /// is now (`None`: it died), and must drop or update its entries.
    pub fn collect(&mut self, kind: CollectionKind, roots: Roots, weak: WeakSweep) {
        let start = Instant::now();
        self.epoch += 1;
        let before = self.bytes_in_use();
        self.stats.peak_heap_bytes = self.stats.peak_heap_bytes.max(before);
        let poison = self.config.stress;
        let verify = self.config.verify && self.verify_due();
        if verify {
            self.spaces.verify_before_minor(&format!(
                "before {} collection #{}",
                name(kind),
                self.stats.collections() + 1
            ));
        }
        let (minor, freed) = match kind {
            CollectionKind::Minor => (self.spaces.minor(&mut *roots, weak, poison), 0),
            CollectionKind::Major => self.spaces.major(&mut *roots, weak, poison),
        };
        self.young_extra = self.spaces.survived_extra;
        self.stats.bytes_promoted_total += minor.promoted as u64;
        self.stats.young_bytes_collected += minor.young_before as u64;
        self.stats.young_bytes_survived += (minor.survived + minor.promoted_boxes) as u64;
        self.stats.bytes_freed_total += freed as u64;
        self.hash_seed = self.hash_seed.wrapping_mul(0x0100_0193).wrapping_add(0x9E37_79B9);
        match kind {
            CollectionKind::Minor => self.minors_since_major += 1,
            CollectionKind::Major => {
                self.minors_since_major = 0;
                let live = self.spaces.old.bytes;
                self.next_major =
                    ((live as f64 * self.config.growth_factor) as usize).max(self.config.initial_threshold);
            }
        }
        if verify {
            self.spaces.verify_after(&mut *roots, &format!("after {} collection", name(kind)));
            self.verify_credit = 0;
        }
        self.verify_credit += VERIFY_BASE_CREDIT + minor.young_before / 16;
        let pause = start.elapsed();
        match kind {
            CollectionKind::Minor => {
                self.stats.minor_collections += 1;
                self.stats.minor_pauses.push(pause);
            }
            CollectionKind::Major => {
                self.stats.major_collections += 1;
                self.stats.major_pauses.push(pause);
            }
        }
        if self.config.trace {
            eprintln!(
                "[gc] {} #{}: {:.3} ms, young {} B -> {} B survived + {} B promoted, old space freed {} B, heap {} -> {} B",
                name(kind),
                self.stats.collections(),
                pause.as_secs_f64() * 1e3,
                minor.young_before,
                minor.survived,
                minor.promoted,
                freed,
                before,
                self.bytes_in_use()
            );
        }
        self.reset_soft_limit();
        self.check_major_pressure();
    }
}

/// Verification walks the whole heap, so it is rationed to stay within a constant factor
/// of the collector's own work: each collection earns credit (a base amount plus one
/// unit per 16 young bytes it looked at), and a verification runs when the credit
/// covers the old space's object count. Normal collections (a full eden) are therefore
/// all verified; under stress, where nearly every safepoint collects a few bytes, a heap
/// of N old objects is verified about every N/VERIFY_BASE_CREDIT-th collection.
const VERIFY_BASE_CREDIT: usize = 200;

impl Heap {
    fn verify_due(&mut self) -> bool {
        self.verify_credit >= self.spaces.old.len()
    }
}

fn name(kind: CollectionKind) -> &'static str {
    match kind {
        CollectionKind::Minor => "minor",
        CollectionKind::Major => "major",
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        let s = &mut self.spaces;
        // Nothing is forwarded outside a collection, so this drops every young object.
        let (eden_start, eden_end) = (s.nursery.start, s.nursery.cursor);
        let (fs, ft) = s.nursery.survivor_range();
        s.drop_dead_young(eden_start, eden_end);
        s.drop_dead_young(fs, ft);
        let types = std::mem::take(&mut s.types);
        s.old.free_all(&types);
    }
}
