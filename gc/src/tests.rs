//! Unit tests of the collector on a tiny object model (a linked node, and a pretenured
//! "holder" that lives in the old space from birth).

use crate::*;
use std::cell::Cell;
use std::ptr::NonNull;
use std::rc::Rc;

struct Node {
    next: Cell<Option<Gc<Node>>>,
    value: u64,
    drops: Option<Rc<Cell<u32>>>,
}

impl Drop for Node {
    fn drop(&mut self) {
        if let Some(d) = &self.drops {
            d.set(d.get() + 1);
        }
    }
}

impl Trace for Node {
    fn trace(&mut self, t: &mut Tracer) {
        if let Some(n) = self.next.get_mut() {
            t.visit(n);
        }
    }
}
impl GcObject for Node {
    const KIND: u8 = 0;
}

/// An old-space object with one pointer field, like a module.
struct Holder {
    slot: Cell<Option<Gc<Node>>>,
}
impl Trace for Holder {
    fn trace(&mut self, t: &mut Tracer) {
        if let Some(n) = self.slot.get_mut() {
            t.visit(n);
        }
    }
}
impl GcObject for Holder {
    const KIND: u8 = 1;
    const PRETENURE: bool = true;
}

/// A box too big for the size classes (the large-object space).
struct Big {
    words: [u64; 40],
    drops: Rc<Cell<u32>>,
}
impl Drop for Big {
    fn drop(&mut self) {
        self.drops.set(self.drops.get() + 1);
    }
}
impl Trace for Big {
    fn trace(&mut self, _: &mut Tracer) {}
}
impl GcObject for Big {
    const KIND: u8 = 2;
}

/// A binary tree node.
struct Pair {
    left: Cell<Option<Gc<Pair>>>,
    right: Cell<Option<Gc<Pair>>>,
}
impl Trace for Pair {
    fn trace(&mut self, t: &mut Tracer) {
        if let Some(n) = self.left.get_mut() {
            t.visit(n);
        }
        if let Some(n) = self.right.get_mut() {
            t.visit(n);
        }
    }
}
impl GcObject for Pair {
    const KIND: u8 = 3;
}

fn heap_with(config: HeapConfig) -> Heap {
    let types = vec![
        TypeInfo::of::<Node>("node"),
        TypeInfo::of::<Holder>("holder"),
        TypeInfo::of::<Big>("big"),
        TypeInfo::of::<Pair>("pair"),
    ];
    Heap::new(types, config)
}

fn heap() -> Heap {
    heap_with(HeapConfig { nursery_size: 64 << 10, verify: true, ..HeapConfig::default() })
}

fn node(h: &mut Heap, next: Option<Gc<Node>>, value: u64) -> Gc<Node> {
    h.alloc(Node { next: Cell::new(next), value, drops: None })
}

/// Collects with the given roots (updated in place) and no weak tables.
fn collect(h: &mut Heap, kind: CollectionKind, roots: &mut [Gc<Node>]) {
    h.collect(
        kind,
        &mut |t: &mut Tracer| {
            for r in roots.iter_mut() {
                t.visit(r);
            }
        },
        &mut |_| {},
    );
}

fn chain_values(mut n: Option<Gc<Node>>) -> Vec<u64> {
    let mut out = Vec::new();
    while let Some(x) = n {
        out.push(x.value);
        n = x.next.get();
    }
    out
}

#[test]
fn minor_collection_moves_survivors_and_drops_the_dead() {
    let mut h = heap();
    let drops = Rc::new(Cell::new(0));
    let b = node(&mut h, None, 2);
    let mut roots = [node(&mut h, Some(b), 1)];
    for i in 0..10 {
        h.alloc(Node { next: Cell::new(None), value: i, drops: Some(drops.clone()) });
    }
    let before = roots[0].addr();
    collect(&mut h, CollectionKind::Minor, &mut roots);
    assert_ne!(roots[0].addr(), before, "the survivor was copied");
    assert_eq!(chain_values(Some(roots[0])), vec![1, 2]);
    assert_eq!(drops.get(), 10, "every dead young object was dropped once");
    assert_eq!(h.object_count(), 0, "nothing promoted after one minor collection");
    collect(&mut h, CollectionKind::Minor, &mut roots);
    assert_eq!(h.object_count(), 2, "promoted at the second");
    assert_eq!(chain_values(Some(roots[0])), vec![1, 2]);
    assert_eq!(h.stats().minor_collections, 2);
}

#[test]
fn identity_hash_survives_moves() {
    let mut h = heap();
    let mut roots = [node(&mut h, None, 7)];
    let hash = roots[0].identity_hash();
    collect(&mut h, CollectionKind::Minor, &mut roots);
    collect(&mut h, CollectionKind::Minor, &mut roots);
    assert_eq!(roots[0].identity_hash(), hash);
}

#[test]
fn the_remembered_set_keeps_young_objects_stored_into_old_ones() {
    let mut h = heap();
    let holder = h.alloc(Holder { slot: Cell::new(None) });
    let mut roots = [];
    collect(&mut h, CollectionKind::Minor, &mut roots); // the holder leaves the remembered set
    let young = node(&mut h, None, 42);
    h.write_barrier(holder.header_ptr(), young.header_ptr());
    holder.slot.set(Some(young));
    let holder_root = Cell::new(holder);
    h.collect(
        CollectionKind::Minor,
        &mut |t: &mut Tracer| {
            let mut g = holder_root.get();
            t.visit(&mut g);
            holder_root.set(g);
        },
        &mut |_| {},
    );
    let moved = holder.slot.get().expect("still set");
    assert_ne!(moved.addr(), young.addr(), "the young object was copied and the old field updated");
    assert_eq!(moved.value, 42);
}

#[test]
#[should_panic(expected = "missing write barrier")]
fn verify_mode_catches_a_missing_barrier() {
    let mut h = heap();
    let holder = h.alloc(Holder { slot: Cell::new(None) });
    collect(&mut h, CollectionKind::Minor, &mut []);
    let young = node(&mut h, None, 1);
    holder.slot.set(Some(young)); // no write barrier
    collect(&mut h, CollectionKind::Minor, &mut []);
}

#[test]
fn eden_overflow_goes_to_the_old_space_and_asks_for_a_collection() {
    let mut h = heap_with(HeapConfig { nursery_size: 4096, verify: true, ..HeapConfig::default() });
    assert!(!h.should_collect());
    let mut last = None;
    for i in 0..1000 {
        last = Some(node(&mut h, last, i));
    }
    assert!(h.should_collect());
    assert!(h.object_count() > 0, "allocations past eden went to the old space");
    let mut roots = [last.unwrap()];
    collect(&mut h, CollectionKind::Minor, &mut roots);
    assert_eq!(chain_values(Some(roots[0])), (0..1000).rev().collect::<Vec<u64>>());
}

#[test]
fn major_collection_frees_old_garbage() {
    let mut h = heap();
    let mut roots = [node(&mut h, None, 1)];
    for _ in 0..100 {
        node(&mut h, None, 0);
    }
    collect(&mut h, CollectionKind::Major, &mut roots);
    assert_eq!(h.object_count(), 1, "a full collection promotes the survivor and drops the rest");
    let mut none: [Gc<Node>; 0] = [];
    collect(&mut h, CollectionKind::Major, &mut none);
    assert_eq!(h.object_count(), 0);
}

#[test]
fn deep_chains_collect_without_recursion() {
    let mut h = heap_with(HeapConfig { nursery_size: 1 << 20, ..HeapConfig::default() });
    let mut head = node(&mut h, None, 0);
    for i in 1..1_000_000 {
        head = node(&mut h, Some(head), i);
    }
    let mut roots = [head];
    collect(&mut h, CollectionKind::Minor, &mut roots);
    collect(&mut h, CollectionKind::Major, &mut roots);
    assert_eq!(h.object_count(), 1_000_000);
    assert_eq!(chain_values(Some(roots[0])).len(), 1_000_000);
    collect(&mut h, CollectionKind::Major, &mut []);
    assert_eq!(h.object_count(), 0);
}

#[test]
fn weak_tables_see_moves_and_deaths() {
    let mut h = heap();
    let kept = node(&mut h, None, 1);
    let dead = node(&mut h, None, 2);
    let mut weak: Vec<NonNull<GcHeader>> = vec![kept.header_ptr(), dead.header_ptr()];
    let mut roots = [kept];
    h.collect(
        CollectionKind::Minor,
        &mut |t: &mut Tracer| {
            for r in roots.iter_mut() {
                t.visit(r);
            }
        },
        &mut |where_now| {
            weak = weak.iter().filter_map(|&p| where_now(p)).collect();
        },
    );
    assert_eq!(weak, vec![roots[0].header_ptr()]);
}

#[test]
fn stress_mode_poisons_the_vacated_nursery() {
    let mut h = heap_with(HeapConfig { stress: true, verify: true, ..HeapConfig::default() });
    assert!(!h.should_collect(), "nothing allocated yet");
    let stale = node(&mut h, None, 5);
    assert!(h.should_collect(), "stress mode collects at the safepoint after any allocation");
    let mut roots = [stale];
    collect(&mut h, CollectionKind::Minor, &mut roots);
    // SAFETY (test): reading the vacated copy's header word, which is still mapped.
    let first_byte = unsafe { *(stale.addr() as *const u8) };
    assert_eq!(first_byte, 0xAB);
    assert_eq!(roots[0].value, 5);
}

#[test]
fn the_old_space_reuses_freed_cells_and_returns_empty_blocks() {
    let mut h = heap();
    let mut roots: Vec<Gc<Node>> = Vec::new();
    for round in 0..5u64 {
        // 20,000 nodes per round, all promoted by the full collection, then dropped.
        let mut head = None;
        for i in 0..20_000 {
            head = Some(node(&mut h, head, round * 100_000 + i));
        }
        roots.push(head.unwrap());
        collect(&mut h, CollectionKind::Major, &mut roots);
        assert_eq!(h.object_count(), 20_000);
        let blocks_after_one_round = h.old_block_bytes();
        roots.clear();
        collect(&mut h, CollectionKind::Major, &mut roots);
        assert_eq!(h.object_count(), 0);
        assert!(h.old_block_bytes() < blocks_after_one_round, "empty blocks went back to the allocator");
    }
}

#[test]
fn large_objects_live_in_their_own_space() {
    let mut h = heap();
    let drops = Rc::new(Cell::new(0));
    let big = h.alloc(Big { words: [7; 40], drops: drops.clone() });
    h.alloc(Big { words: [0; 40], drops: drops.clone() });
    let holder = h.alloc(Holder { slot: Cell::new(None) });
    let _ = holder;
    let mut kept = big;
    h.collect(CollectionKind::Major, &mut |t: &mut Tracer| t.visit(&mut kept), &mut |_| {});
    assert_eq!(drops.get(), 1, "the unreachable big object was dropped");
    assert_eq!(kept.words[39], 7);
    assert_eq!(h.object_count(), 1, "the big survivor (the holder was unreachable)");
}

#[test]
fn header_is_one_word() {
    assert_eq!(std::mem::size_of::<GcHeader>(), 8);
    assert_eq!(std::mem::size_of::<Gc<Node>>(), 8);
}

/// The addresses of a tree's nodes below `n`, `n` excluded.
fn descendants(n: Gc<Pair>, out: &mut Vec<usize>) {
    for child in [n.left.get(), n.right.get()].into_iter().flatten() {
        out.push(child.addr());
        descendants(child, out);
    }
}

#[test]
fn a_copied_tree_keeps_each_left_subtree_before_the_right_one() {
    // Copying scans an object's children in field order (first child first), so a
    // structure walked first-field-first is laid out in about the order it is walked.
    let mut h = heap();
    fn build(h: &mut Heap, depth: u32) -> Gc<Pair> {
        let (left, right) =
            if depth == 0 { (None, None) } else { (Some(build(h, depth - 1)), Some(build(h, depth - 1))) };
        h.alloc(Pair { left: Cell::new(left), right: Cell::new(right) })
    }
    let tree = build(&mut h, 5);
    let mut roots = [tree];
    let mut visit = |t: &mut Tracer| {
        for r in roots.iter_mut() {
            t.visit(r);
        }
    };
    h.collect(CollectionKind::Minor, &mut visit, &mut |_| {});
    let mut pending = vec![roots[0]];
    let mut checked = 0;
    while let Some(n) = pending.pop() {
        let (Some(l), Some(r)) = (n.left.get(), n.right.get()) else { continue };
        let (mut below_left, mut below_right) = (Vec::new(), Vec::new());
        descendants(l, &mut below_left);
        descendants(r, &mut below_right);
        if let (Some(last_left), Some(first_right)) = (below_left.iter().max(), below_right.iter().min()) {
            assert!(last_left < first_right, "the left subtree's nodes come before the right one's");
            checked += 1;
        }
        pending.extend([l, r]);
    }
    assert_eq!(checked, 15, "every node with grandchildren was checked");
}
