//! The results of a suite run, shared by the runner, the report and the baseline check.

use std::path::PathBuf;

use super::runner::Measurement;

/// One platform benchmark program run on one tier, with its reference runs.
#[derive(Debug, Clone)]
pub struct BenchResult {
    pub name: String,
    /// Language, as the file extension (`dvs`).
    pub lang: String,
    /// `interp`, `baseline` or `full`.
    pub tier: String,
    pub file: PathBuf,
    pub m: Measurement,
    /// One per reference VM that has a reference file for this benchmark.
    pub refs: Vec<RefResult>,
}

/// A reference version run under one reference VM.
#[derive(Debug, Clone)]
pub struct RefResult {
    pub vm: String,
    pub file: PathBuf,
    pub m: Measurement,
}

impl BenchResult {
    pub fn median(&self) -> Option<f64> {
        self.m.summary().map(|s| s.median)
    }

    /// devvm median / reference median, when both ran correctly.
    pub fn ratio(&self, r: &RefResult) -> Option<f64> {
        let ours = self.median()?;
        let theirs = r.m.summary()?.median;
        (theirs > 0.0).then(|| ours / theirs)
    }
}

/// The tier label of a `--jit` setting.
pub fn tier_of(jit: &str) -> &'static str {
    match jit {
        "off" => "interp",
        "baseline" => "baseline",
        _ => "full",
    }
}
