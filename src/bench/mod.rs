//! `devvm bench`: run the benchmark suite in `benches/`, time every program as a separate
//! process of this executable, compare with reference VMs and with a baseline. A
//! benchmark's programs (every language) and its reference versions are timed in
//! interleaved rounds, so load on a shared machine falls on all of them alike.
//!
//! Files: `suite` (finding programs and the manifest), `runner` (processes and timing),
//! `stats` (median, min, max), `compare` (reference VMs), `report` (table and JSON),
//! `baseline` (`--check`), `json` (writer and parser), `progress` (the stderr line).

mod baseline;
mod compare;
mod json;
mod model;
mod progress;
mod report;
mod runner;
mod stats;
mod suite;

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use model::{BenchResult, RefResult};
use runner::{Job, Measurement};

/// Exit codes (shared with the rest of the command line).
const EXIT_OK: i32 = 0;
/// A benchmark failed, or a regression beyond `--threshold` was found.
const EXIT_FAILED: i32 = 1;
const EXIT_USAGE: i32 = 64;
const EXIT_IO: i32 = 74;

/// Arguments of `devvm bench`.
#[derive(clap::Args, Debug, Clone)]
pub struct BenchArgs {
    /// Benchmarks to run, as NAME (every language) or NAME.EXT (one); all when omitted
    #[arg(value_name = "NAMES")]
    pub names: Vec<String>,

    /// Timed runs per benchmark (the median, min and max are over these)
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
    pub runs: u32,

    /// Untimed warmup runs before the timed ones
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub warmup: u32,

    /// Tier to benchmark, passed to `devvm run --jit` (off = the interpreter)
    #[arg(long, value_name = "TIER", default_value = "off", value_parser = ["off", "baseline", "full"])]
    pub jit: String,

    /// Also time the reference versions (benches/ref/) under the reference VMs on PATH
    #[arg(long)]
    pub compare: bool,

    /// With --compare, only these reference VMs (lua5.4, luajit, python3, node, ruby, ocaml)
    #[arg(long = "ref", value_name = "VM", value_delimiter = ',')]
    pub refs: Vec<String>,

    /// Timed runs per reference version (default: --runs)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub ref_runs: Option<u32>,

    /// Write every figure (all run times too) to FILE as JSON
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,

    /// Compare medians with a baseline written earlier by --json
    #[arg(long, value_name = "BASELINE.json")]
    pub check: Option<PathBuf>,

    /// With --check, the slowdown in percent that counts as a regression
    #[arg(long, value_name = "PCT", default_value_t = 10.0)]
    pub threshold: f64,

    /// The benchmark directory (default: benches/ found above the current directory or
    /// the devvm executable)
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Kill a run that takes longer than this many seconds (it then counts as FAILED)
    #[arg(long, value_name = "SECS", default_value_t = 300.0)]
    pub timeout: f64,

    /// Extra argument for `devvm run`, before the file (repeatable): --vm-arg=--max-heap=1G
    #[arg(long = "vm-arg", value_name = "ARG", allow_hyphen_values = true)]
    pub vm_args: Vec<String>,

    /// List the benchmarks and exit
    #[arg(long)]
    pub list: bool,

    /// The devvm executable to benchmark (default: this one)
    #[arg(long, value_name = "PATH", hide = true)]
    pub exe: Option<PathBuf>,
}

fn usage_error(msg: &str) -> i32 {
    eprintln!("devvm bench: {msg}");
    EXIT_USAGE
}

/// Run `devvm bench`; returns the process exit code.
pub fn run(args: &BenchArgs) -> i32 {
    if args.threshold.is_nan() || args.threshold < 0.0 {
        return usage_error("--threshold must be a percentage >= 0");
    }
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        return usage_error("--timeout must be a positive number of seconds");
    }
    let unknown = compare::unknown_names(&args.refs);
    if !unknown.is_empty() {
        let known: Vec<&str> = compare::KNOWN.iter().map(|k| k.command).collect();
        return usage_error(&format!("unknown reference VM {} (known: {})", unknown.join(", "), known.join(", ")));
    }
    let dir = match suite::find_dir(args.dir.as_deref()) {
        Ok(d) => d,
        Err(e) => return usage_error(&e),
    };
    let all = match suite::discover(&dir) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("devvm bench: {e}");
            return EXIT_IO;
        }
    };
    let selected = match suite::select(&all, &args.names) {
        Ok(s) if !s.is_empty() => s,
        Ok(_) => return usage_error(&format!("no benchmark programs in {}", dir.display())),
        Err(e) => return usage_error(&e),
    };
    if args.list {
        for b in &selected {
            println!("{:<14} {:<4} {}", b.name, b.lang, b.about.as_deref().unwrap_or(""));
        }
        return EXIT_OK;
    }
    // Read the baseline first: a bad file should not cost a whole suite run.
    let base = match &args.check {
        None => None,
        Some(path) => match load_baseline(path) {
            Ok(b) => Some(b),
            Err(e) => {
                eprintln!("devvm bench: {e}");
                return EXIT_IO;
            }
        },
    };
    let exe = match args.exe.clone().map(Ok).unwrap_or_else(std::env::current_exe) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("devvm bench: cannot locate the devvm executable: {e}");
            return EXIT_IO;
        }
    };

    let tier = model::tier_of(&args.jit);
    let timeout = Duration::from_secs_f64(args.timeout);
    let runs = args.runs as usize;
    let warmup = args.warmup as usize;
    let ref_runs = args.ref_runs.map_or(runs, |r| r as usize);
    let (vms, missing) = if args.compare { compare::discover(&args.refs) } else { (Vec::new(), Vec::new()) };
    let ref_dir = dir.join("ref");

    if !missing.is_empty() {
        println!("reference VMs not found on PATH (skipped): {}", missing.join(", "));
    }
    let table = report::Table::new(
        selected.iter().map(|b| b.name.as_str()),
        vms.iter().map(|v| v.name().to_string()).collect(),
    );
    println!("{}", table.header());

    let mut progress = progress::Progress::new();
    let mut results: Vec<BenchResult> = Vec::new();
    let count = selected.len();
    let build_dir = std::env::temp_dir().join(format!("devvm-bench-{}", std::process::id()));
    // One benchmark's programs in every language and its reference versions are timed
    // together, interleaved (`runner::measure_interleaved`).
    let mut done = 0;
    for group in selected.chunk_by(|a, b| a.name == b.name) {
        let first = &group[0];
        let mut jobs: Vec<(Job, usize)> = Vec::new();
        for b in group {
            let mut job_args: Vec<OsString> = vec!["run".into(), "--jit".into(), args.jit.clone().into()];
            job_args.extend(args.vm_args.iter().map(OsString::from));
            job_args.push(b.file.clone().into_os_string());
            jobs.push((Job { program: exe.clone(), args: job_args }, runs));
        }
        // The reference versions (per benchmark name, not per language).
        let mut ref_files = Vec::new();
        for vm in &vms {
            let Some(file) = vm.ref_file(&ref_dir, &first.name) else {
                continue;
            };
            match vm.command_for(&file, &build_dir) {
                Ok((program, ref_args)) => {
                    jobs.push((Job { program, args: ref_args }, ref_runs));
                    ref_files.push((vm.name().to_string(), file));
                }
                Err(e) => eprintln!("devvm bench: {e}"),
            }
        }
        let langs: Vec<&str> = group.iter().map(|b| b.lang.as_str()).collect();
        let label = format!(
            "[{}/{count}] {}.{} {tier}{}",
            done + 1,
            first.name,
            langs.join("/"),
            if ref_files.is_empty() { String::new() } else { format!(" and {} reference(s)", ref_files.len()) }
        );
        let mut ms = runner::measure_interleaved(&jobs, warmup, timeout, first.expect.as_deref(), &mut |r, t| {
            progress.update(&label, r, t)
        });
        let ref_ms = ms.split_off(group.len());
        let refs: Vec<RefResult> = ref_files
            .into_iter()
            .zip(ref_ms)
            .map(|((vm, file), m): ((String, PathBuf), Measurement)| RefResult { vm, file, m })
            .collect();
        progress.clear();
        for (b, m) in group.iter().zip(ms) {
            let result = BenchResult {
                name: b.name.clone(),
                lang: b.lang.clone(),
                tier: tier.to_string(),
                file: b.file.clone(),
                m,
                refs: refs.clone(),
            };
            println!("{}", table.row(&result));
            results.push(result);
        }
        done += group.len();
    }
    progress.clear();
    if !vms.is_empty() {
        println!("(reference columns: median time and the ratio devvm/reference; - = no reference file)");
    }

    let failure_lines: Vec<String> = results.iter().flat_map(report::failures).collect();
    if !failure_lines.is_empty() {
        println!();
        for l in &failure_lines {
            println!("{l}");
        }
    }
    let failed = results.iter().filter(|r| !r.m.ok()).count();

    let mut code = if failed > 0 { EXIT_FAILED } else { EXIT_OK };
    if let Some(path) = &args.json {
        let info = report::RunInfo {
            devvm: &exe,
            dir: &dir,
            jit: &args.jit,
            tier,
            runs,
            warmup,
            ref_runs,
            compare: args.compare,
            missing_vms: &missing,
        };
        let text = report::to_json(&info, &results).to_pretty();
        if let Err(e) = std::fs::write(path, text) {
            eprintln!("devvm bench: cannot write {}: {e}", path.display());
            code = EXIT_IO;
        }
    }
    if let (Some(base), Some(path)) = (&base, &args.check) {
        let current: Vec<baseline::Current> = results
            .iter()
            .map(|r| baseline::Current { name: &r.name, lang: &r.lang, tier: &r.tier, median: r.median() })
            .collect();
        let rows = baseline::check(&current, base, args.threshold);
        println!();
        print!("{}", report::check_table(&rows, path, args.threshold));
        if baseline::has_regression(&rows) {
            let n = rows.iter().filter(|r| r.status == baseline::Status::Regression).count();
            eprintln!("devvm bench: {n} regression(s) beyond {}%", args.threshold);
            if code == EXIT_OK {
                code = EXIT_FAILED;
            }
        }
    }
    if failed > 0 {
        eprintln!("devvm bench: {failed} of {count} benchmark(s) FAILED");
    }
    code
}

fn load_baseline(path: &std::path::Path) -> Result<Vec<baseline::BaseEntry>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
    let doc = json::Json::parse(&text).map_err(|e| format!("baseline {}: {e}", path.display()))?;
    baseline::entries(&doc).map_err(|e| format!("baseline {}: {e}", path.display()))
}
