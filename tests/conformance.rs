//! The conformance corpus runner: DevScript (`tests/conformance/script`, `# expect:`
//! comments) and DevFun (`tests/conformance/fun`, `(* expect: ... *)` comments, the same
//! markers inside OCaml comments, plus `(* expect-warning: TEXT *)`: stderr contains TEXT).
//!
//! ```text
//! tests/conformance/script/**/*.dvs ──parse comments──▶ Expectation
//!            │                                              │
//!            └──▶ devvm run [# args] [$DEVVM_CONFORMANCE_ARGS] FILE ──▶ RunResult ──check──▶ pass / failure report
//! ```
//!
//! Every program states what it must do in comments:
//! - `# expect: TEXT` — the next line of stdout (everything after `# expect: `; a bare
//!   `# expect:` is an empty line). All of stdout must match these lines, in order.
//! - `# expect-error: KIND` — on the line where an uncaught runtime error is raised (for
//!   `StackOverflow`, the line of the recursive call): exit code 70, stderr names KIND and
//!   mentions `:LINE` (the trace prints `file:line` for every frame). Stdout printed before
//!   the error must still match the `# expect:` lines.
//! - `# expect-compile-error: KIND` — on the line of the offending token: exit code 65, stderr
//!   names KIND and mentions `:LINE:`, and stdout is empty. Several may appear in one file
//!   (every error of a file is reported).
//! - `# args: FLAGS` — a whole-line comment, normally at the top: flags given to `devvm run`
//!   before the file (`--fuel 10000`, `--max-depth 500`, `--allow-read .`, ...).
//!
//! Files under a directory named `lib/`, and files whose name starts with `_`, are modules
//! imported by other programs and are not run by themselves. Each program runs with its own
//! directory as the working directory, stdin empty, and a 20 s time limit.
//!
//! Environment: `DEVVM_CONFORMANCE_FILTER=substring` runs only the programs whose path
//! (relative to the corpus) contains the substring; `DEVVM_CONFORMANCE_ARGS="--jit off"` adds
//! flags to every run (after the program's own `# args:`), so CI can run the corpus again
//! under other tiers or GC stress.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// Where the DevScript corpus lives, relative to the root package.
const CORPUS_DIR: &str = "tests/conformance/script";
/// Where the DevFun corpus lives.
const FUN_CORPUS_DIR: &str = "tests/conformance/fun";
/// A corpus smaller than this means it was lost or not found: the run must not pass silently.
const MIN_PROGRAMS: usize = 200;
const MIN_FUN_PROGRAMS: usize = 200;
/// How long one program may run. Under `DEVVM_GC_STRESS=1` (a collection at every
/// safepoint, the heap verified around each) allocation-heavy programs are 10-50x
/// slower by design, so they get longer.
fn timeout() -> Duration {
    let stress = std::env::var("DEVVM_GC_STRESS").is_ok_and(|v| v == "1");
    Duration::from_secs(if stress { 180 } else { 20 })
}
/// How long the output pipes may stay open after the program has exited or been killed.
const PIPE_GRACE: Duration = Duration::from_secs(2);
/// Output beyond this is drained but not kept, so a runaway printer cannot exhaust memory.
const OUTPUT_CAP: usize = 1 << 20;
const EXIT_COMPILE_ERROR: i32 = 65;
const EXIT_RUNTIME_ERROR: i32 = 70;
/// How many stderr lines a failure report shows.
const STDERR_LINES_SHOWN: usize = 12;

/// How a program must end.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    /// Exit code 0.
    Success,
    /// Exit code 70 with an error of `kind` raised at `line`.
    RuntimeError { kind: String, line: usize },
    /// Exit code 65 with every listed `(kind, line)` diagnostic.
    CompileErrors(Vec<(String, usize)>),
}

/// Everything a program's comments say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Expectation {
    args: Vec<String>,
    stdout: Vec<String>,
    outcome: Outcome,
    /// Text stderr must contain (DevFun's warnings).
    warnings: Vec<String>,
}

/// How a language writes the expectation comments.
#[derive(Clone, Copy, Debug)]
struct Syntax {
    args: &'static str,
    expect: &'static str,
    error: &'static str,
    compile_error: &'static str,
    warning: Option<&'static str>,
    /// What ends a marker comment (` *)` for DevFun), stripped from the text.
    close: Option<&'static str>,
    extension: &'static str,
}

const SCRIPT: Syntax = Syntax {
    args: ARGS_MARKER,
    expect: EXPECT_MARKER,
    error: ERROR_MARKER,
    compile_error: COMPILE_ERROR_MARKER,
    warning: None,
    close: None,
    extension: ".dvs",
};

const FUN: Syntax = Syntax {
    args: "(* args:",
    expect: "(* expect:",
    error: "(* expect-error:",
    compile_error: "(* expect-compile-error:",
    warning: Some("(* expect-warning:"),
    close: Some("*)"),
    extension: ".dvf",
};

/// What one run of `devvm` produced.
#[derive(Debug, Clone, Default)]
struct RunResult {
    /// `None` when the process was killed by a signal or by the time limit.
    exit_code: Option<i32>,
    timed_out: bool,
    stdout: String,
    stderr: String,
}

const ARGS_MARKER: &str = "# args:";
const EXPECT_MARKER: &str = "# expect:";
const ERROR_MARKER: &str = "# expect-error:";
const COMPILE_ERROR_MARKER: &str = "# expect-compile-error:";

/// Reads the expectation comments of one DevScript program.
fn parse_expectations(source: &str) -> Result<Expectation, String> {
    parse_expectations_in(source, &SCRIPT)
}

/// Reads the expectation comments of one program. Errors describe a malformed test file.
fn parse_expectations_in(source: &str, syntax: &Syntax) -> Result<Expectation, String> {
    let mut args = Vec::new();
    let mut warnings = Vec::new();
    let mut stdout = Vec::new();
    let mut runtime_error: Option<(String, usize)> = None;
    let mut compile_errors = Vec::new();

    for (index, raw_line) in source.lines().enumerate() {
        let line_no = index + 1;
        let line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        let close = |text: &str| -> String {
            match syntax.close.and_then(|c| text.rfind(c).map(|at| (c, at))) {
                Some((_, at)) => text[..at].strip_suffix(' ').unwrap_or(&text[..at]).to_string(),
                None => text.to_string(),
            }
        };
        if let Some(flags) = line.trim_start().strip_prefix(syntax.args) {
            args.extend(close(flags).split_whitespace().map(str::to_string));
            continue;
        }
        // The earliest marker on the line wins; `# expect:` is not a prefix of the others.
        let found = [Some(syntax.expect), Some(syntax.error), Some(syntax.compile_error), syntax.warning]
            .iter()
            .flatten()
            .filter_map(|marker| line.find(marker).map(|at| (at, *marker)))
            .min();
        let Some((at, marker)) = found else { continue };
        let rest = close(&line[at + marker.len()..]);
        let rest = rest.as_str();
        if marker == syntax.expect {
            stdout.push(rest.strip_prefix(' ').unwrap_or(rest).to_string());
            continue;
        }
        if Some(marker) == syntax.warning {
            warnings.push(rest.trim().to_string());
            continue;
        }
        let kind = rest.trim();
        if kind.is_empty() || kind.contains(char::is_whitespace) {
            return Err(format!("line {line_no}: `{marker}` needs exactly one error kind"));
        }
        if marker == syntax.error {
            if let Some((_, first)) = &runtime_error {
                return Err(format!("line {line_no}: a second `{}` (the first is on line {first})", syntax.error));
            }
            runtime_error = Some((kind.to_string(), line_no));
        } else {
            compile_errors.push((kind.to_string(), line_no));
        }
    }

    let outcome = match (runtime_error, compile_errors.is_empty()) {
        (Some(_), false) => return Err("a program cannot expect both a runtime and a compile error".into()),
        (Some((kind, line)), true) => Outcome::RuntimeError { kind, line },
        (None, false) => {
            if !stdout.is_empty() {
                return Err("a program that must not compile cannot expect output".into());
            }
            Outcome::CompileErrors(compile_errors)
        }
        (None, true) => {
            if stdout.is_empty() && warnings.is_empty() {
                return Err("no expectations: add `# expect:` or an error expectation".into());
            }
            Outcome::Success
        }
    };
    Ok(Expectation { args, stdout, outcome, warnings })
}

/// True when `text` mentions `:LINE` as a line number: not preceded by a digit (so the column
/// of `FILE:12:2` is not taken for line 2) and not followed by one (so `:12` is not line 1).
/// With `colon_after`, the number must be followed by `:` as in `FILE:LINE:COL`.
fn mentions_line(text: &str, line: usize, colon_after: bool) -> bool {
    let needle = format!(":{line}");
    let bytes = text.as_bytes();
    text.match_indices(&needle).any(|(at, _)| {
        let before_ok = at == 0 || !bytes[at - 1].is_ascii_digit();
        let after = bytes.get(at + needle.len()).copied();
        let after_ok = if colon_after { after == Some(b':') } else { !after.is_some_and(|b| b.is_ascii_digit()) };
        before_ok && after_ok
    })
}

/// Compares one run with its expectation; the error lists every mismatch found.
fn check(expectation: &Expectation, run: &RunResult) -> Result<(), String> {
    if run.timed_out {
        return Err(format!("timed out after {} s (killed)", timeout().as_secs()));
    }
    let mut problems = Vec::new();
    let (want_code, want_stdout): (i32, &[String]) = match &expectation.outcome {
        Outcome::Success => (0, &expectation.stdout),
        Outcome::RuntimeError { .. } => (EXIT_RUNTIME_ERROR, &expectation.stdout),
        Outcome::CompileErrors(_) => (EXIT_COMPILE_ERROR, &[]),
    };
    match run.exit_code {
        Some(code) if code == want_code => {}
        Some(code) => problems.push(format!("exit code {code}, expected {want_code}")),
        None => problems.push(format!("killed by a signal, expected exit code {want_code}")),
    }

    let expected_text: String = want_stdout.iter().map(|l| format!("{l}\n")).collect();
    if run.stdout != expected_text {
        problems.push(describe_stdout_difference(want_stdout, &run.stdout));
    }

    for w in &expectation.warnings {
        if !run.stderr.contains(w.as_str()) {
            problems.push(format!("stderr does not contain the warning `{w}`"));
        }
    }
    match &expectation.outcome {
        Outcome::Success => {}
        Outcome::RuntimeError { kind, line } => {
            if !run.stderr.contains(kind.as_str()) {
                problems.push(format!("stderr does not name the error kind `{kind}`"));
            }
            if !mentions_line(&run.stderr, *line, false) {
                problems.push(format!("stderr does not mention line `:{line}`"));
            }
        }
        Outcome::CompileErrors(errors) => {
            for (kind, line) in errors {
                if !run.stderr.contains(kind.as_str()) {
                    problems.push(format!("stderr does not name the error kind `{kind}`"));
                }
                if !mentions_line(&run.stderr, *line, true) {
                    problems.push(format!("stderr does not mention `:{line}:`"));
                }
            }
        }
    }

    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// Explains where stdout first departs from the expected lines.
fn describe_stdout_difference(expected: &[String], actual: &str) -> String {
    let actual_lines: Vec<&str> = actual.split_inclusive('\n').collect();
    let count = expected.len().max(actual_lines.len());
    for i in 0..count {
        let want = expected.get(i).map(|l| format!("{l}\n"));
        let got = actual_lines.get(i).map(|l| l.to_string());
        if want != got {
            let show = |v: Option<String>| match v {
                Some(text) => format!("{:?}", text.strip_suffix('\n').unwrap_or(&text)),
                None => "(nothing)".to_string(),
            };
            let note = match &got {
                Some(text) if !text.ends_with('\n') => " (no newline at the end)",
                _ => "",
            };
            return format!(
                "stdout line {}: expected {}, got {}{note} ({} lines expected, {} printed)",
                i + 1,
                show(want),
                show(got),
                expected.len(),
                actual_lines.len()
            );
        }
    }
    "stdout differs".to_string()
}

/// Every program of the corpus with this extension; `lib/` folders and `_` files are
/// modules, not programs.
fn collect_programs_with(dir: &Path, extension: &str, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read corpus folder {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry of the corpus").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if name != "lib" {
                collect_programs_with(&path, extension, out);
            }
        } else if name.ends_with(extension) && !name.starts_with('_') {
            out.push(path);
        }
    }
    out.sort();
}

/// Output read so far from one of a child's pipes, shared with the thread that reads it.
type SharedOutput = Arc<Mutex<Vec<u8>>>;

/// Reads a child's pipe to the end on its own thread, keeping at most `OUTPUT_CAP` bytes.
fn drain<R: Read + Send + 'static>(mut pipe: R) -> (thread::JoinHandle<()>, SharedOutput) {
    let kept: SharedOutput = Arc::default();
    let sink = Arc::clone(&kept);
    let reader = thread::spawn(move || {
        let mut chunk = [0u8; 8192];
        loop {
            match pipe.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let mut kept = sink.lock().expect("a reader never panics while holding it");
                    let room = OUTPUT_CAP.saturating_sub(kept.len());
                    kept.extend_from_slice(&chunk[..n.min(room)]);
                }
            }
        }
    });
    (reader, kept)
}

/// The text a pipe produced. A process the child left behind may hold the pipe open after the
/// child exited, so the reader gets a short grace period and is then abandoned.
fn collect_output(reader: thread::JoinHandle<()>, kept: &SharedOutput) -> String {
    let deadline = Instant::now() + PIPE_GRACE;
    while !reader.is_finished() && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(5));
    }
    let bytes = kept.lock().expect("a reader never panics while holding it");
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Waits for the child until the deadline; kills it past the deadline.
fn wait_with_timeout(child: &mut Child) -> (Option<i32>, bool) {
    let deadline = Instant::now() + timeout();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return (status.code(), false),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return (None, true);
            }
            Ok(None) => thread::sleep(Duration::from_millis(5)),
            Err(_) => return (None, false),
        }
    }
}

/// Runs `devvm run [args] FILE` in the program's own directory.
fn run_program(binary: &Path, program: &Path, args: &[String]) -> Result<RunResult, String> {
    let dir = program.parent().expect("a corpus program lives in a folder");
    let mut child = Command::new(binary)
        .arg("run")
        .args(args)
        .arg(program)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
    let (stdout_reader, stdout) = drain(child.stdout.take().expect("stdout is piped"));
    let (stderr_reader, stderr) = drain(child.stderr.take().expect("stderr is piped"));
    let (exit_code, timed_out) = wait_with_timeout(&mut child);
    Ok(RunResult {
        exit_code,
        timed_out,
        stdout: collect_output(stdout_reader, &stdout),
        stderr: collect_output(stderr_reader, &stderr),
    })
}

/// Parses, runs and checks one program; the error is the failure report's body.
fn run_and_check(binary: &Path, program: &Path, extra_args: &[String], syntax: &Syntax) -> Result<(), String> {
    let source = std::fs::read_to_string(program).map_err(|e| format!("cannot read: {e}"))?;
    let expectation = parse_expectations_in(&source, syntax).map_err(|e| format!("malformed expectations: {e}"))?;
    let mut args = expectation.args.clone();
    args.extend(extra_args.iter().cloned());
    let run = run_program(binary, program, &args)?;
    check(&expectation, &run).map_err(|problems| {
        let mut report = problems;
        let stderr: Vec<&str> = run.stderr.lines().take(STDERR_LINES_SHOWN).collect();
        if !stderr.is_empty() {
            report.push_str("\nstderr begins:\n    ");
            report.push_str(&stderr.join("\n    "));
        }
        report
    })
}

#[test]
fn conformance() {
    run_corpus(CORPUS_DIR, &SCRIPT, "conformance", MIN_PROGRAMS);
}

#[test]
fn conformance_fun() {
    run_corpus(FUN_CORPUS_DIR, &FUN, "conformance (DevFun)", MIN_FUN_PROGRAMS);
}

/// Runs every program of one corpus in parallel and reports every failure.
fn run_corpus(dir: &str, syntax: &Syntax, title: &str, min_programs: usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join(dir);
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_devvm"));

    let mut all = Vec::new();
    collect_programs_with(&corpus, syntax.extension, &mut all);
    assert!(
        all.len() >= min_programs,
        "the corpus at {} holds {} programs; at least {min_programs} are expected",
        corpus.display(),
        all.len()
    );

    let relative = |p: &Path| p.strip_prefix(&corpus).unwrap_or(p).to_string_lossy().replace('\\', "/");
    let filter = std::env::var("DEVVM_CONFORMANCE_FILTER").unwrap_or_default();
    let programs: Vec<PathBuf> = all.into_iter().filter(|p| relative(p).contains(filter.as_str())).collect();
    assert!(!programs.is_empty(), "DEVVM_CONFORMANCE_FILTER={filter:?} matches no program");
    let extra_args: Vec<String> =
        std::env::var("DEVVM_CONFORMANCE_ARGS").unwrap_or_default().split_whitespace().map(str::to_string).collect();

    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let workers = thread::available_parallelism().map_or(1, |n| n.get());
    thread::scope(|scope| {
        for _ in 0..workers.min(programs.len()) {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(program) = programs.get(index) else {
                    break;
                };
                if let Err(report) = run_and_check(&binary, program, &extra_args, syntax) {
                    failures.lock().expect("no worker panics while holding the lock").push((relative(program), report));
                }
            });
        }
    });

    let mut failures = failures.into_inner().expect("workers have finished");
    failures.sort();
    for (name, report) in &failures {
        eprintln!("FAIL {name}\n    {}\n", report.replace('\n', "\n    "));
    }
    let passed = programs.len() - failures.len();
    // Written to the real stdout, past the test harness's capture, so CI logs always show it.
    let _ = writeln!(std::io::stdout(), "{title}: {passed} passed, {} failed", failures.len());
    assert!(
        failures.is_empty(),
        "{} of {} conformance programs failed (see FAIL lines above)",
        failures.len(),
        programs.len()
    );
}

#[cfg(test)]
mod parser_tests {
    use super::*;

    fn outcome_of(source: &str) -> Outcome {
        parse_expectations(source).expect("valid").outcome
    }

    #[test]
    fn output_lines_in_order_and_empty_lines() {
        let e =
            parse_expectations("# checks print\nprint(1)  # expect: 1\nprint()  # expect:\n# expect: a  b\n").unwrap();
        assert_eq!(e.stdout, vec!["1", "", "a  b"]);
        assert_eq!(e.outcome, Outcome::Success);
        assert!(e.args.is_empty());
    }

    #[test]
    fn text_keeps_hashes_and_inner_spacing() {
        let e = parse_expectations("print(\"a # b\")  # expect: a # b\r\n").unwrap();
        assert_eq!(e.stdout, vec!["a # b"]);
    }

    #[test]
    fn runtime_error_records_kind_and_line() {
        let src = "print(1)  # expect: 1\n\nprint(1 // 0)  # expect-error: ZeroDivisionError\n";
        let e = parse_expectations(src).unwrap();
        assert_eq!(e.stdout, vec!["1"]);
        assert_eq!(e.outcome, Outcome::RuntimeError { kind: "ZeroDivisionError".into(), line: 3 });
    }

    #[test]
    fn several_compile_errors() {
        let src = "let = 1  # expect-compile-error: SyntaxError\nx = 2 # expect-compile-error: NameError\n";
        assert_eq!(outcome_of(src), Outcome::CompileErrors(vec![("SyntaxError".into(), 1), ("NameError".into(), 2)]));
    }

    #[test]
    fn args_lines_accumulate() {
        let src = "# args: --fuel 100\n  # args: --max-depth 5\nprint(1) # expect: 1\n";
        let e = parse_expectations(src).unwrap();
        assert_eq!(e.args, vec!["--fuel", "100", "--max-depth", "5"]);
    }

    #[test]
    fn malformed_files_are_rejected() {
        assert!(parse_expectations("print(1)\n").is_err(), "no expectations");
        assert!(parse_expectations("f()  # expect-error:\n").is_err(), "missing kind");
        assert!(parse_expectations("f() # expect-error: A\ng() # expect-error: B\n").is_err(), "two runtime errors");
        assert!(
            parse_expectations("f() # expect-error: A\nlet = # expect-compile-error: B\n").is_err(),
            "runtime and compile error"
        );
        assert!(
            parse_expectations("print(1) # expect: 1\nlet = # expect-compile-error: B\n").is_err(),
            "output from a program that does not compile"
        );
    }

    #[test]
    fn line_mentions_are_exact_numbers() {
        assert!(mentions_line("at main.dvs:5\n", 5, false));
        assert!(mentions_line("at f (main.dvs:5)", 5, false));
        assert!(!mentions_line("at main.dvs:15\n", 5, false));
        assert!(!mentions_line("at main.dvs:51\n", 5, false));
        assert!(!mentions_line("main.dvs:12:5: oops", 5, false), "a column is not a line");
        assert!(mentions_line("main.dvs:12:5: oops", 12, true));
        assert!(!mentions_line("main.dvs:12 oops", 12, true));
    }

    fn run(code: i32, stdout: &str, stderr: &str) -> RunResult {
        RunResult { exit_code: Some(code), timed_out: false, stdout: stdout.into(), stderr: stderr.into() }
    }

    #[test]
    fn checking_success() {
        let e = parse_expectations("print(1) # expect: 1\nprint() # expect:\n").unwrap();
        assert!(check(&e, &run(0, "1\n\n", "")).is_ok());
        assert!(check(&e, &run(0, "1\n", "")).is_err(), "missing line");
        assert!(check(&e, &run(0, "1\n\nextra\n", "")).is_err(), "extra line");
        assert!(check(&e, &run(0, "1\n", "")).is_err(), "no final newline");
        assert!(check(&e, &run(70, "1\n\n", "")).is_err(), "wrong exit code");
    }

    #[test]
    fn checking_runtime_errors() {
        let e = parse_expectations("print(0) # expect: 0\n[][0] # expect-error: IndexError\n").unwrap();
        let good = "IndexError: index 0 out of range\n  at <main> (t.dvs:2)\n";
        assert!(check(&e, &run(70, "0\n", good)).is_ok());
        assert!(check(&e, &run(70, "0\n", "KeyError at t.dvs:2")).is_err());
        assert!(check(&e, &run(70, "0\n", "IndexError at t.dvs:3")).is_err());
        assert!(check(&e, &run(65, "0\n", good)).is_err());
        let timed_out = RunResult { timed_out: true, ..RunResult::default() };
        assert!(check(&e, &timed_out).is_err());
    }

    #[test]
    fn devfun_markers_strip_the_comment_end() {
        let src = "print_int 1 (* expect: 1 *)\n(* args: --fuel 9 *)\nlet _ = 1 (* expect-warning: unused *)\n";
        let e = parse_expectations_in(src, &FUN).unwrap();
        assert_eq!(e.stdout, vec!["1"]);
        assert_eq!(e.args, vec!["--fuel", "9"]);
        assert_eq!(e.warnings, vec!["unused"]);
        let e = parse_expectations_in("raise Exit (* expect-error: Exit *)\n", &FUN).unwrap();
        assert_eq!(e.outcome, Outcome::RuntimeError { kind: "Exit".into(), line: 1 });
        let e = parse_expectations_in("print_string \"\" (* expect: *)\n", &FUN).unwrap();
        assert_eq!(e.stdout, vec![""]);
    }

    #[test]
    fn checking_compile_errors() {
        let e = parse_expectations("\nlet = 1 # expect-compile-error: SyntaxError\n").unwrap();
        assert!(check(&e, &run(65, "", "SyntaxError: t.dvs:2:5: expected a name")).is_ok());
        assert!(check(&e, &run(65, "hi\n", "SyntaxError t.dvs:2:5:")).is_err());
        assert!(check(&e, &run(65, "", "SyntaxError t.dvs:3:5:")).is_err());
    }
}
