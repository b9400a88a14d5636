//! Counters the heap keeps for `--gc-stats` and the REPL's `:gc`.

use std::time::Duration;

#[derive(Clone, Debug, Default)]
pub struct GcStats {
    /// Full (mark-sweep) collections so far.
    pub collections: u64,
    /// Bytes allocated over the heap's life.
    pub bytes_allocated_total: u64,
    /// Bytes freed over the heap's life.
    pub bytes_freed_total: u64,
    /// The largest live size seen right before a collection.
    pub peak_heap_bytes: usize,
    /// One entry per collection.
    pub pauses: Vec<Duration>,
}

impl GcStats {
    /// The pause at the given percentile (0..=100), or zero when nothing was collected.
    pub fn pause_percentile(&self, pct: f64) -> Duration {
        if self.pauses.is_empty() {
            return Duration::ZERO;
        }
        let mut sorted = self.pauses.clone();
        sorted.sort();
        let idx = ((pct / 100.0) * (sorted.len() - 1) as f64).round() as usize;
        sorted[idx.min(sorted.len() - 1)]
    }
}
