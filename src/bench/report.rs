//! The human-readable table (streamed row by row), the baseline check table, and the
//! `--json` document.

use std::fmt::Write as _;
use std::path::Path;

use super::baseline::{CheckRow, Status};
use super::json::Json;
use super::model::BenchResult;
use super::runner::Measurement;

/// Seconds with millisecond resolution: `0.512s`.
pub fn secs(x: f64) -> String {
    format!("{x:.3}s")
}

fn min_max(m: &Measurement) -> String {
    match m.summary() {
        Some(s) => format!("{:.3}-{:.3}s", s.min, s.max),
        None => String::new(),
    }
}

/// Fixed column layout, known before the first row so rows can be printed as they finish.
pub struct Table {
    name_w: usize,
    vms: Vec<String>,
}

const LANG_W: usize = 4;
const TIER_W: usize = 8;
const MEDIAN_W: usize = 9;
const RANGE_W: usize = 15;
const REF_W: usize = 15;

impl Table {
    pub fn new<'a>(names: impl Iterator<Item = &'a str>, vms: Vec<String>) -> Table {
        let name_w = names.map(str::len).max().unwrap_or(0).max("benchmark".len());
        Table { name_w, vms }
    }

    pub fn header(&self) -> String {
        let mut s = format!(
            "{:<nw$}  {:<LANG_W$}  {:<TIER_W$}  {:>MEDIAN_W$}  {:<RANGE_W$}",
            "benchmark",
            "lang",
            "tier",
            "median",
            "min-max",
            nw = self.name_w
        );
        for vm in &self.vms {
            let _ = write!(s, "  {vm:<REF_W$}");
        }
        s.trim_end().to_string()
    }

    /// One row: the figures, or FAILED; then per reference VM its median and the ratio
    /// devvm/ref (`-` when the suite has no reference file for that VM).
    pub fn row(&self, r: &BenchResult) -> String {
        let median = match r.m.summary() {
            Some(s) => secs(s.median),
            None => "FAILED".to_string(),
        };
        let mut s = format!(
            "{:<nw$}  {:<LANG_W$}  {:<TIER_W$}  {:>MEDIAN_W$}  {:<RANGE_W$}",
            r.name,
            r.lang,
            r.tier,
            median,
            min_max(&r.m),
            nw = self.name_w
        );
        for vm in &self.vms {
            let cell = match r.refs.iter().find(|x| &x.vm == vm) {
                None => "-".to_string(),
                Some(x) => match (x.m.summary(), r.ratio(x)) {
                    (None, _) => "failed".to_string(),
                    (Some(t), Some(ratio)) => format!("{} {:.2}x", secs(t.median), ratio),
                    (Some(t), None) => secs(t.median),
                },
            };
            let _ = write!(s, "  {cell:<REF_W$}");
        }
        s.trim_end().to_string()
    }
}

/// The failure details of a row (its own failure and its references'), one line each.
pub fn failures(r: &BenchResult) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(f) = &r.m.failure {
        out.push(format!("FAILED {}.{} [{}]: {f}", r.name, r.lang, r.tier));
    }
    for x in &r.refs {
        if let Some(f) = &x.m.failure {
            out.push(format!("reference failed: {} {}: {f}", x.vm, x.file.display()));
        }
    }
    out
}

/// The baseline comparison, one line per row.
pub fn check_table(rows: &[CheckRow], baseline: &Path, threshold_pct: f64) -> String {
    let name_w = rows.iter().map(|r| r.name.len()).max().unwrap_or(0).max("benchmark".len());
    let mut s = format!("baseline {} (threshold {threshold_pct}%)\n", baseline.display());
    let _ = writeln!(
        s,
        "{:<name_w$}  {:<LANG_W$}  {:<TIER_W$}  {:>MEDIAN_W$}  {:>MEDIAN_W$}  {:>8}",
        "benchmark", "lang", "tier", "baseline", "current", "change"
    );
    for r in rows {
        let opt = |x: Option<f64>| x.map_or("-".to_string(), secs);
        let change = r.change_pct.map_or("-".to_string(), |p| format!("{p:+.1}%"));
        let verdict = match r.status {
            Status::Ok => "",
            Status::Regression => "REGRESSION",
            Status::Faster => "faster",
            Status::New => "new (no baseline)",
            Status::Failed => "FAILED",
        };
        let line = format!(
            "{:<name_w$}  {:<LANG_W$}  {:<TIER_W$}  {:>MEDIAN_W$}  {:>MEDIAN_W$}  {:>8}  {verdict}",
            r.name,
            r.lang,
            r.tier,
            opt(r.base),
            opt(r.current),
            change
        );
        let _ = writeln!(s, "{}", line.trim_end());
    }
    s
}

/// Facts about the whole run for the JSON document.
pub struct RunInfo<'a> {
    pub devvm: &'a Path,
    pub dir: &'a Path,
    pub jit: &'a str,
    pub tier: &'a str,
    pub runs: usize,
    pub warmup: usize,
    pub ref_runs: usize,
    pub compare: bool,
    pub missing_vms: &'a [&'a str],
}

fn measurement_fields(m: &Measurement, fields: &mut Vec<(String, Json)>) {
    let s = m.summary();
    fields.push(("status".into(), Json::str(if m.ok() { "ok" } else { "failed" })));
    fields.push(("failure".into(), Json::opt_str(m.failure.as_deref())));
    fields.push(("output".into(), Json::opt_str(m.output.as_deref())));
    fields.push(("median_s".into(), Json::opt_num(s.map(|s| s.median))));
    fields.push(("min_s".into(), Json::opt_num(s.map(|s| s.min))));
    fields.push(("max_s".into(), Json::opt_num(s.map(|s| s.max))));
    fields.push(("mean_s".into(), Json::opt_num(s.map(|s| s.mean))));
    fields.push(("times_s".into(), Json::nums(&m.times)));
}

/// Every figure of the run: settings, and per row all run times and reference runs.
pub fn to_json(info: &RunInfo, results: &[BenchResult]) -> Json {
    let unix =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as f64).unwrap_or(0.0);
    let benchmarks = results
        .iter()
        .map(|r| {
            let mut f = vec![
                ("name".to_string(), Json::str(&r.name)),
                ("lang".into(), Json::str(&r.lang)),
                ("tier".into(), Json::str(&r.tier)),
                ("file".into(), Json::str(r.file.display().to_string())),
            ];
            measurement_fields(&r.m, &mut f);
            let refs = r
                .refs
                .iter()
                .map(|x| {
                    let mut rf = vec![
                        ("vm".to_string(), Json::str(&x.vm)),
                        ("file".into(), Json::str(x.file.display().to_string())),
                    ];
                    measurement_fields(&x.m, &mut rf);
                    rf.push(("ratio".into(), Json::opt_num(r.ratio(x))));
                    Json::Obj(rf)
                })
                .collect();
            f.push(("refs".into(), Json::Arr(refs)));
            Json::Obj(f)
        })
        .collect();
    Json::Obj(vec![
        ("format".into(), Json::str("devvm-bench")),
        ("version".into(), Json::Num(1.0)),
        ("timestamp_unix".into(), Json::Num(unix)),
        ("os".into(), Json::str(std::env::consts::OS)),
        ("arch".into(), Json::str(std::env::consts::ARCH)),
        ("devvm".into(), Json::str(info.devvm.display().to_string())),
        ("dir".into(), Json::str(info.dir.display().to_string())),
        ("jit".into(), Json::str(info.jit)),
        ("tier".into(), Json::str(info.tier)),
        ("runs".into(), Json::Num(info.runs as f64)),
        ("warmup".into(), Json::Num(info.warmup as f64)),
        ("compare".into(), Json::Bool(info.compare)),
        ("ref_runs".into(), Json::Num(info.ref_runs as f64)),
        ("missing_vms".into(), Json::Arr(info.missing_vms.iter().map(|v| Json::str(*v)).collect())),
        ("benchmarks".into(), Json::Arr(benchmarks)),
    ])
}

#[cfg(test)]
mod tests {
    use super::super::baseline;
    use super::super::model::RefResult;
    use super::*;

    fn result(times: &[f64], failure: Option<&str>) -> BenchResult {
        BenchResult {
            name: "fib".into(),
            lang: "dvs".into(),
            tier: "interp".into(),
            file: "benches/fib.dvs".into(),
            m: Measurement {
                times: times.to_vec(),
                output: Some("fib 2178309 ok".into()),
                failure: failure.map(str::to_string),
            },
            refs: vec![RefResult {
                vm: "lua5.4".into(),
                file: "benches/ref/fib.lua".into(),
                m: Measurement { times: vec![0.25, 0.2, 0.3], output: Some("fib 2178309 ok".into()), failure: None },
            }],
        }
    }

    #[test]
    fn table_rows() {
        let t = Table::new(["fib", "spectralnorm"].into_iter(), vec!["lua5.4".into(), "python3".into()]);
        assert!(t.header().starts_with("benchmark     lang  tier"), "{}", t.header());
        let row = t.row(&result(&[0.5, 0.4, 0.6], None));
        assert!(row.contains("0.500s") && row.contains("0.400-0.600s"), "{row}");
        assert!(row.contains("0.250s 2.00x"), "{row}");
        assert!(row.trim_end().ends_with('-'), "python3 has no ref: {row}");
        let failed = t.row(&result(&[], Some("exit code 70")));
        assert!(failed.contains("FAILED") && failed.contains("0.250s"), "{failed}");
        assert_eq!(failures(&result(&[], Some("exit code 70"))).len(), 1);
    }

    #[test]
    fn json_has_every_figure_and_reads_back_as_baseline() {
        let info = RunInfo {
            devvm: Path::new("/x/devvm"),
            dir: Path::new("/x/benches"),
            jit: "off",
            tier: "interp",
            runs: 3,
            warmup: 1,
            ref_runs: 3,
            compare: true,
            missing_vms: &["luajit"],
        };
        let doc = to_json(&info, &[result(&[0.5, 0.4, 0.6], None)]);
        let text = doc.to_pretty();
        let back = Json::parse(&text).unwrap();
        let b = &back.get("benchmarks").unwrap().as_array().unwrap()[0];
        assert_eq!(b.get("median_s").and_then(Json::as_f64), Some(0.5));
        assert_eq!(b.get("times_s").and_then(Json::as_array).map(|a| a.len()), Some(3));
        let r = &b.get("refs").unwrap().as_array().unwrap()[0];
        assert_eq!(r.get("ratio").and_then(Json::as_f64), Some(2.0));
        assert_eq!(r.get("times_s").and_then(Json::as_array).map(|a| a.len()), Some(3));
        let base = baseline::entries(&back).unwrap();
        assert_eq!(base[0].median, 0.5);
        assert!(text.contains("\"missing_vms\": [\"luajit\"]"));
    }

    #[test]
    fn check_table_marks_regressions() {
        let rows = vec![baseline::CheckRow {
            name: "fib".into(),
            lang: "dvs".into(),
            tier: "interp".into(),
            base: Some(1.0),
            current: Some(1.5),
            change_pct: Some(50.0),
            status: Status::Regression,
        }];
        let s = check_table(&rows, Path::new("b.json"), 10.0);
        assert!(s.contains("+50.0%") && s.contains("REGRESSION"), "{s}");
    }
}
