//! The heap: allocation, the type table, and the mark-sweep collection cycle.

use crate::gcptr::{Gc, GcBox, GcHeader};
use crate::marker::{Marker, Trace};
use crate::stats::GcStats;
use std::ptr::NonNull;
use std::time::Instant;

/// A type that lives on the heap. `KIND` indexes the type table given to [`Heap::new`];
/// the VM declares one kind per object type.
pub trait GcObject: Trace + 'static {
    const KIND: u8;
    /// Bytes the object owns outside its box (a list's buffer, a string's bytes), so the
    /// heap's growth policy sees them.
    fn extra_bytes(&self) -> usize {
        0
    }
}

/// What the heap needs to know about one kind of object to trace and free it without
/// knowing its type.
#[derive(Clone, Copy)]
pub struct TypeInfo {
    pub name: &'static str,
    trace: unsafe fn(NonNull<GcHeader>, &mut Marker),
    size: unsafe fn(NonNull<GcHeader>) -> usize,
    free: unsafe fn(NonNull<GcHeader>),
}

unsafe fn trace_erased<T: GcObject>(ptr: NonNull<GcHeader>, marker: &mut Marker) {
    // SAFETY: the heap only calls this for objects whose header kind is `T::KIND`.
    let obj: Gc<T> = unsafe { Gc::from_header(ptr) };
    obj.trace(marker);
}

unsafe fn size_erased<T: GcObject>(ptr: NonNull<GcHeader>) -> usize {
    // SAFETY: as above, the kind says this is a `GcBox<T>`.
    let obj: Gc<T> = unsafe { Gc::from_header(ptr) };
    std::mem::size_of::<GcBox<T>>() + obj.extra_bytes()
}

unsafe fn free_erased<T: GcObject>(ptr: NonNull<GcHeader>) {
    // SAFETY: the box was made by `Box::into_raw` of a `GcBox<T>` in `Heap::alloc`, and
    // the sweep frees each unmarked object exactly once.
    drop(unsafe { Box::from_raw(ptr.cast::<GcBox<T>>().as_ptr()) });
}

impl TypeInfo {
    /// The type-table entry of `T`.
    pub const fn of<T: GcObject>(name: &'static str) -> TypeInfo {
        TypeInfo { name, trace: trace_erased::<T>, size: size_erased::<T>, free: free_erased::<T> }
    }
}

/// Tuning knobs of the heap.
#[derive(Clone, Debug)]
pub struct HeapConfig {
    /// The first collection happens after this many bytes.
    pub initial_threshold: usize,
    /// After a collection the next one happens when the heap has grown by this factor.
    pub growth_factor: f64,
    /// A hard cap on live bytes (`--max-heap`); `None` means unlimited.
    pub max_heap: Option<usize>,
    /// Collect at every safepoint (`DEVVM_GC_STRESS=1`).
    pub stress: bool,
}

impl Default for HeapConfig {
    fn default() -> Self {
        HeapConfig { initial_threshold: 8 << 20, growth_factor: 2.0, max_heap: None, stress: false }
    }
}

/// The VM heap. One per `Vm`; no global state.
pub struct Heap {
    types: Vec<TypeInfo>,
    objects: Vec<NonNull<GcHeader>>,
    /// Bytes in live objects as of the last sweep plus everything allocated since.
    bytes_in_use: usize,
    next_collection: usize,
    config: HeapConfig,
    stats: GcStats,
}

impl Heap {
    /// A heap for the given type table (`types[k]` describes objects of kind `k`).
    pub fn new(types: Vec<TypeInfo>, config: HeapConfig) -> Heap {
        // Stress mode collects at every safepoint: a threshold of zero keeps the check a
        // single comparison.
        let next_collection = if config.stress { 0 } else { config.initial_threshold };
        Heap { types, objects: Vec::new(), bytes_in_use: 0, next_collection, config, stats: GcStats::default() }
    }

    /// Allocates an object. Never collects (see the crate documentation): the caller
    /// reaches a safepoint later where [`Heap::should_collect`] is checked.
    pub fn alloc<T: GcObject>(&mut self, value: T) -> Gc<T> {
        debug_assert!((T::KIND as usize) < self.types.len(), "kind {} is not in the type table", T::KIND);
        let size = std::mem::size_of::<GcBox<T>>() + value.extra_bytes();
        let boxed = Box::new(GcBox { header: GcHeader::new(T::KIND), value });
        // SAFETY: `Box::into_raw` never returns null.
        let ptr = unsafe { NonNull::new_unchecked(Box::into_raw(boxed)) };
        self.objects.push(ptr.cast());
        self.account(size);
        Gc::from_box(ptr)
    }

    /// Records bytes an existing object acquired (a list growing its buffer).
    #[inline]
    pub fn account(&mut self, bytes: usize) {
        self.bytes_in_use += bytes;
        self.stats.bytes_allocated_total += bytes as u64;
    }

    /// The write barrier: called on every store of a heap pointer into a heap object.
    /// The non-moving collector needs nothing here; the generational one records the
    /// owner in the remembered set when an old object starts pointing at a young one.
    #[inline(always)]
    pub fn write_barrier(&mut self, _owner: NonNull<GcHeader>, _stored: NonNull<GcHeader>) {}

    /// Whether the VM should collect at this safepoint.
    #[inline(always)]
    pub fn should_collect(&self) -> bool {
        self.bytes_in_use >= self.next_collection
    }

    /// Whether the heap is over its cap even after the last collection; the VM raises
    /// `OutOfMemory` when this is still true right after a collection.
    pub fn over_limit(&self) -> bool {
        matches!(self.config.max_heap, Some(cap) if self.bytes_in_use > cap)
    }

    /// Bytes currently accounted to the heap.
    pub fn bytes_in_use(&self) -> usize {
        self.bytes_in_use
    }

    pub fn object_count(&self) -> usize {
        self.objects.len()
    }

    pub fn stats(&self) -> &GcStats {
        &self.stats
    }

    pub fn config(&self) -> &HeapConfig {
        &self.config
    }

    /// A full collection. `trace_roots` must mark every root; `sweep_weak` runs after
    /// marking and may drop entries of weak tables whose objects are not marked (it is
    /// given a liveness test).
    pub fn collect(
        &mut self,
        trace_roots: impl FnOnce(&mut Marker),
        sweep_weak: impl FnOnce(&dyn Fn(NonNull<GcHeader>) -> bool),
    ) {
        let start = Instant::now();
        self.stats.peak_heap_bytes = self.stats.peak_heap_bytes.max(self.bytes_in_use);
        let mut marker = Marker::new();
        trace_roots(&mut marker);
        while let Some(ptr) = marker.gray.pop() {
            // SAFETY: only live, marked objects are pushed; their kind indexes `types`.
            let kind = unsafe { ptr.as_ref() }.kind() as usize;
            unsafe { (self.types[kind].trace)(ptr, &mut marker) };
        }
        // SAFETY: the object is in `objects`, so it is live until this sweep frees it.
        sweep_weak(&|ptr| unsafe { ptr.as_ref() }.is_marked());
        let types = &self.types;
        let mut live_bytes = 0usize;
        let mut freed = 0u64;
        self.objects.retain(|&ptr| {
            // SAFETY: every pointer in `objects` is a live box until freed right here.
            let header = unsafe { ptr.as_ref() };
            let info = &types[header.kind() as usize];
            let size = unsafe { (info.size)(ptr) };
            if header.is_marked() {
                header.set_marked(false);
                live_bytes += size;
                true
            } else {
                freed += size as u64;
                unsafe { (info.free)(ptr) };
                false
            }
        });
        self.bytes_in_use = live_bytes;
        let grown = (live_bytes as f64 * self.config.growth_factor) as usize;
        self.next_collection = if self.config.stress { 0 } else { grown.max(self.config.initial_threshold) };
        self.stats.collections += 1;
        self.stats.bytes_freed_total += freed;
        self.stats.pauses.push(start.elapsed());
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        for &ptr in &self.objects {
            // SAFETY: the heap owns every object; nothing can use them after it is gone.
            let kind = unsafe { ptr.as_ref() }.kind() as usize;
            unsafe { (self.types[kind].free)(ptr) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    struct Node {
        next: Cell<Option<Gc<Node>>>,
    }
    impl Trace for Node {
        fn trace(&self, m: &mut Marker) {
            if let Some(n) = self.next.get() {
                m.mark(n);
            }
        }
    }
    impl GcObject for Node {
        const KIND: u8 = 0;
    }

    fn heap() -> Heap {
        Heap::new(vec![TypeInfo::of::<Node>("node")], HeapConfig::default())
    }

    #[test]
    fn unreachable_objects_are_freed_and_reachable_kept() {
        let mut h = heap();
        let root = h.alloc(Node { next: Cell::new(None) });
        let child = h.alloc(Node { next: Cell::new(None) });
        root.next.set(Some(child));
        for _ in 0..10 {
            h.alloc(Node { next: Cell::new(None) });
        }
        assert_eq!(h.object_count(), 12);
        h.collect(|m| m.mark(root), |_| {});
        assert_eq!(h.object_count(), 2);
        assert_eq!(h.stats().collections, 1);
    }

    #[test]
    fn deep_chains_mark_without_recursion() {
        let mut h = heap();
        let mut head = h.alloc(Node { next: Cell::new(None) });
        for _ in 0..1_000_000 {
            head = h.alloc(Node { next: Cell::new(Some(head)) });
        }
        h.collect(|m| m.mark(head), |_| {});
        assert_eq!(h.object_count(), 1_000_001);
        h.collect(|_| {}, |_| {});
        assert_eq!(h.object_count(), 0);
    }

    #[test]
    fn header_is_one_word() {
        assert_eq!(std::mem::size_of::<GcHeader>(), 8);
        assert_eq!(std::mem::size_of::<Gc<Node>>(), 8);
    }
}
