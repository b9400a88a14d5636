//! Criterion micro-benchmarks of the collector on a tiny object model (no VM):
//! - `alloc`: raw allocation throughput (objects per second), eden bumps with the minor
//!   collections they cause (everything dies young);
//! - `minor_pause`: the pause of one minor collection against the live size of the
//!   nursery (a linked list of N live nodes, everything else garbage).
//!
//! Run with `cargo bench -p devvm-gc`; figures are in docs/performance.md.

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use devvm_gc::{CollectionKind, Gc, GcObject, Heap, HeapConfig, Trace, Tracer, TypeInfo};
use std::cell::Cell;
use std::hint::black_box;

/// A 32-byte object with one edge: the size of a DevScript list or closure box.
struct Node {
    next: Cell<Option<Gc<Node>>>,
    _value: u64,
    _pad: u64,
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

fn heap() -> Heap {
    Heap::new(vec![TypeInfo::of::<Node>("node")], HeapConfig::default())
}

fn minor(h: &mut Heap, root: &mut Option<Gc<Node>>) {
    h.collect(
        CollectionKind::Minor,
        &mut |t: &mut Tracer| {
            if let Some(r) = root.as_mut() {
                t.visit(r);
            }
        },
        &mut |_| {},
    );
}

fn alloc(c: &mut Criterion) {
    const N: u64 = 1_000_000;
    let mut g = c.benchmark_group("alloc");
    g.throughput(Throughput::Elements(N));
    g.bench_function("1M objects, all garbage", |b| {
        let mut h = heap();
        let mut root = None;
        b.iter(|| {
            for i in 0..N {
                let n = h.alloc(Node { next: Cell::new(None), _value: i, _pad: 0 });
                black_box(n);
                // The VM checks at safepoints; here every allocation is one.
                if h.should_collect() {
                    minor(&mut h, &mut root);
                }
            }
        });
    });
    g.finish();
}

fn minor_pause(c: &mut Criterion) {
    let mut g = c.benchmark_group("minor_pause");
    for live in [0usize, 1_000, 4_000, 16_000, 28_000] {
        g.bench_with_input(BenchmarkId::new("live nodes in a 1 MiB eden", live), &live, |b, &live| {
            b.iter_batched(
                || {
                    let mut h = heap();
                    let mut head = None;
                    for i in 0..live {
                        head = Some(h.alloc(Node { next: Cell::new(head), _value: i as u64, _pad: 0 }));
                    }
                    (h, head)
                },
                |(mut h, mut head)| {
                    minor(&mut h, &mut head);
                    (h, head)
                },
                BatchSize::LargeInput,
            );
        });
    }
    g.finish();
}

criterion_group!(benches, alloc, minor_pause);
criterion_main!(benches);
