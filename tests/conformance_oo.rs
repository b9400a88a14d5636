//! The DevObj conformance corpus runner (`tests/conformance/oo/**/*.dvo|*.lox`), with the
//! conventions of the book's test suite:
//!
//! - `// expect: TEXT` — the next line of stdout. All of stdout must match, in order.
//! - `// expect runtime error: MESSAGE` — on the line that raises it: exit code 70,
//!   stderr contains MESSAGE and the trace line `[line N]` of that line.
//! - `// [line N] Error at 'x': MESSAGE` or `// Error at 'x': MESSAGE` (then N is the
//!   comment's own line) — a compile error: exit code 65, stderr contains
//!   `Error at 'x': MESSAGE` and the location `:N:`, stdout is empty. Several may appear.
//! - `// args: FLAGS` — flags given to `devvm run` before the file.
//!
//! Files under `lib/` folders and files starting with `_` are imported modules, not
//! programs. `DEVVM_CONFORMANCE_FILTER` and `DEVVM_CONFORMANCE_ARGS` work as for the
//! DevScript corpus.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::thread;

const CORPUS_DIR: &str = "tests/conformance/oo";
/// Fewer programs than this means the corpus was lost: the run must not pass silently.
const MIN_PROGRAMS: usize = 150;

#[derive(Debug, Default, PartialEq)]
struct Expectation {
    args: Vec<String>,
    stdout: Vec<String>,
    runtime_error: Option<(String, usize)>,
    compile_errors: Vec<(String, usize)>,
}

fn parse_expectations(source: &str) -> Result<Expectation, String> {
    let mut e = Expectation::default();
    for (i, line) in source.lines().enumerate() {
        let line_no = i + 1;
        let Some(at) = line.find("//") else { continue };
        let comment = line[at + 2..].trim_start();
        if let Some(rest) = comment.strip_prefix("expect: ") {
            e.stdout.push(rest.to_string());
        } else if comment == "expect:" {
            e.stdout.push(String::new());
        } else if let Some(rest) = comment.strip_prefix("expect runtime error: ") {
            if e.runtime_error.is_some() {
                return Err(format!("line {line_no}: a second runtime error expectation"));
            }
            e.runtime_error = Some((rest.trim().to_string(), line_no));
        } else if let Some(rest) = comment.strip_prefix("[line ") {
            let (n, msg) = rest.split_once("] ").ok_or(format!("line {line_no}: malformed [line N]"))?;
            let n: usize = n.parse().map_err(|_| format!("line {line_no}: bad line number"))?;
            e.compile_errors.push((msg.trim().to_string(), n));
        } else if comment.starts_with("Error at ") {
            e.compile_errors.push((comment.trim().to_string(), line_no));
        } else if let Some(flags) = comment.strip_prefix("args:") {
            e.args.extend(flags.split_whitespace().map(str::to_string));
        }
    }
    if e.runtime_error.is_some() && !e.compile_errors.is_empty() {
        return Err("both a runtime and a compile error expected".into());
    }
    if !e.compile_errors.is_empty() && !e.stdout.is_empty() {
        return Err("a program that must not compile cannot expect output".into());
    }
    if e.stdout.is_empty() && e.runtime_error.is_none() && e.compile_errors.is_empty() {
        return Err("no expectations".into());
    }
    Ok(e)
}

fn mentions_location(stderr: &str, line: usize) -> bool {
    let needle = format!(":{line}:");
    stderr.match_indices(&needle).any(|(at, _)| at == 0 || !stderr.as_bytes()[at - 1].is_ascii_digit())
}

fn check(e: &Expectation, code: Option<i32>, stdout: &str, stderr: &str) -> Result<(), String> {
    let mut problems = Vec::new();
    let want_code = if !e.compile_errors.is_empty() {
        65
    } else if e.runtime_error.is_some() {
        70
    } else {
        0
    };
    if code != Some(want_code) {
        problems.push(format!("exit code {code:?}, expected {want_code}"));
    }
    let want: String = e.stdout.iter().map(|l| format!("{l}\n")).collect();
    if stdout != want {
        problems.push(format!("stdout:\n--- expected\n{want}--- got\n{stdout}---"));
    }
    if let Some((msg, line)) = &e.runtime_error {
        if !stderr.contains(msg.as_str()) {
            problems.push(format!("stderr does not contain `{msg}`"));
        }
        if !stderr.contains(&format!("[line {line}]")) {
            problems.push(format!("stderr does not contain `[line {line}]`"));
        }
    }
    for (msg, line) in &e.compile_errors {
        if !stderr.contains(msg.as_str()) {
            problems.push(format!("stderr does not contain `{msg}`"));
        }
        if !mentions_location(stderr, *line) {
            problems.push(format!("stderr does not mention `:{line}:`"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())) {
        let path = entry.expect("a directory entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
        if path.is_dir() {
            if name != "lib" {
                collect(&path, out);
            }
        } else if (name.ends_with(".dvo") || name.ends_with(".lox")) && !name.starts_with('_') {
            out.push(path);
        }
    }
}

fn run_one(binary: &Path, program: &Path, extra: &[String]) -> Result<(), String> {
    let source = std::fs::read_to_string(program).map_err(|e| e.to_string())?;
    let e = parse_expectations(&source).map_err(|m| format!("malformed expectations: {m}"))?;
    let out = Command::new(binary)
        .arg("run")
        .args(&e.args)
        .args(extra)
        .arg(program)
        .current_dir(program.parent().expect("a folder"))
        .stdin(Stdio::null())
        .output()
        .map_err(|err| format!("cannot run devvm: {err}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    check(&e, out.status.code(), &String::from_utf8_lossy(&out.stdout), &stderr).map_err(|p| {
        let head: Vec<&str> = stderr.lines().take(8).collect();
        format!("{p}\nstderr begins:\n    {}", head.join("\n    "))
    })
}

#[test]
fn conformance_oo() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join(CORPUS_DIR);
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_devvm"));
    let mut all = Vec::new();
    collect(&corpus, &mut all);
    all.sort();
    assert!(all.len() >= MIN_PROGRAMS, "the corpus holds {} programs; at least {MIN_PROGRAMS} expected", all.len());
    let filter = std::env::var("DEVVM_CONFORMANCE_FILTER").unwrap_or_default();
    let programs: Vec<PathBuf> = all.into_iter().filter(|p| p.to_string_lossy().contains(filter.as_str())).collect();
    let extra: Vec<String> =
        std::env::var("DEVVM_CONFORMANCE_ARGS").unwrap_or_default().split_whitespace().map(str::to_string).collect();
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let workers = thread::available_parallelism().map_or(1, |n| n.get());
    thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                while let Some(p) = programs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if let Err(r) = run_one(&binary, p, &extra) {
                        let name = p.strip_prefix(&corpus).unwrap_or(p).display().to_string();
                        failures.lock().expect("no panics while locked").push((name, r));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().expect("workers done");
    failures.sort();
    for (name, report) in &failures {
        eprintln!("FAIL {name}\n    {}\n", report.replace('\n', "\n    "));
    }
    println!("conformance (oo): {} passed, {} failed", programs.len() - failures.len(), failures.len());
    assert!(failures.is_empty(), "{} of {} DevObj programs failed", failures.len(), programs.len());
}

#[test]
fn expectations_parse() {
    let e = parse_expectations("print 1; // expect: 1\nx; // expect runtime error: Undefined variable 'x'.\n").unwrap();
    assert_eq!(e.stdout, vec!["1"]);
    assert_eq!(e.runtime_error, Some(("Undefined variable 'x'.".into(), 2)));
    let e = parse_expectations("// [line 3] Error at 'a': Boom.\n\nvar a; // Error at 'b': Bang.\n").unwrap();
    assert_eq!(e.compile_errors, vec![("Error at 'a': Boom.".into(), 3), ("Error at 'b': Bang.".into(), 3)]);
    assert!(parse_expectations("print 1;\n").is_err());
    assert!(check(&e, Some(65), "", "t.lox:3:1 Error at 'a': Boom. Error at 'b': Bang.").is_ok());
    assert!(check(&e, Some(65), "", "t.lox:4:1 Error at 'a': Boom. Error at 'b': Bang.").is_err());
    assert!(check(&e, Some(70), "", "t.lox:3:1 Error at 'a': Boom. Error at 'b': Bang.").is_err());
}
