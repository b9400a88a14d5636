//! Counters the heap keeps for `--gc-stats`, `--gc-trace` and the REPL's `:gc`.

use std::time::Duration;

#[derive(Clone, Debug, Default)]
pub struct GcStats {
    /// Minor (nursery) collections so far.
    pub minor_collections: u64,
    /// Full (mark-sweep) collections so far.
    pub major_collections: u64,
    /// Bytes allocated over the heap's life (boxes plus what they own).
    pub bytes_allocated_total: u64,
    /// Bytes copied from the nursery into the old space.
    pub bytes_promoted_total: u64,
    /// Young bytes (boxes) that minor collections looked at, and the part of them that
    /// survived (copied to a survivor space or promoted): their ratio is the survival rate.
    pub young_bytes_collected: u64,
    pub young_bytes_survived: u64,
    /// Bytes freed by sweeps of the old space.
    pub bytes_freed_total: u64,
    /// The largest heap size (old space + nursery in use) seen right before a collection.
    pub peak_heap_bytes: usize,
    /// One entry per minor collection, and one per full collection.
    pub minor_pauses: Vec<Duration>,
    pub major_pauses: Vec<Duration>,
}

impl GcStats {
    /// All collections so far.
    pub fn collections(&self) -> u64 {
        self.minor_collections + self.major_collections
    }

    /// The fraction of young bytes that survived their minor collection (0 when none ran).
    pub fn survival_rate(&self) -> f64 {
        if self.young_bytes_collected == 0 {
            0.0
        } else {
            self.young_bytes_survived as f64 / self.young_bytes_collected as f64
        }
    }

    /// The pause at the given percentile (0..=100) over all collections, or zero when
    /// nothing was collected.
    pub fn pause_percentile(&self, pct: f64) -> Duration {
        let mut sorted: Vec<Duration> = self.minor_pauses.iter().chain(self.major_pauses.iter()).copied().collect();
        percentile(&mut sorted, pct)
    }

    /// The pause at a percentile over minor collections only.
    pub fn minor_pause_percentile(&self, pct: f64) -> Duration {
        percentile(&mut self.minor_pauses.clone(), pct)
    }

    pub fn max_pause(&self) -> Duration {
        self.minor_pauses.iter().chain(self.major_pauses.iter()).max().copied().unwrap_or_default()
    }

    /// The multi-line summary printed by `--gc-stats` (under a header line) and `:gc`.
    pub fn report(&self, heap_now: usize, objects_now: usize) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let mut s = String::new();
        s.push_str(&format!(
            "collections:     {} minor, {} major (full mark-sweep)\n",
            self.minor_collections, self.major_collections
        ));
        s.push_str(&format!(
            "pauses:          p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms (minor p99 {:.3} ms)\n",
            ms(self.pause_percentile(50.0)),
            ms(self.pause_percentile(99.0)),
            ms(self.max_pause()),
            ms(self.minor_pause_percentile(99.0)),
        ));
        s.push_str(&format!("bytes allocated: {}\n", self.bytes_allocated_total));
        s.push_str(&format!("bytes promoted:  {}\n", self.bytes_promoted_total));
        s.push_str(&format!("survival rate:   {:.2}% of young bytes\n", self.survival_rate() * 100.0));
        s.push_str(&format!("bytes freed:     {} (old space)\n", self.bytes_freed_total));
        s.push_str(&format!("peak heap:       {} bytes\n", self.peak_heap_bytes.max(heap_now)));
        s.push_str(&format!("live now:        {heap_now} bytes, {objects_now} old objects\n"));
        s
    }
}

fn percentile(sorted: &mut [Duration], pct: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted.sort();
    let idx = ((pct / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}
