//! Bad input for the collector, run through the binary (release mode in CI): huge and
//! deep structures must be collected without overflowing the host stack (marking,
//! copying and dropping are iterative), and allocating past `--max-heap` must end in a
//! clean `OutOfMemory` (exit 70), never an abort of the host.

use std::process::Command;

/// Runs `source` as a DevScript program with `args` before the file; returns (exit code,
/// stdout, stderr).
fn run(name: &str, source: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let dir = std::env::temp_dir().join(format!("devvm-gc-limits-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let file = dir.join(format!("{name}.dvs"));
    std::fs::write(&file, source).expect("the program file is written");
    let out = Command::new(env!("CARGO_BIN_EXE_devvm"))
        .arg("run")
        .args(args)
        .arg(&file)
        .env_remove("DEVVM_GC_STRESS")
        .env_remove("DEVVM_GC_VERIFY")
        .output()
        .expect("devvm runs");
    let _ = std::fs::remove_dir_all(&dir);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_ten_million_element_list_is_collected() {
    let source = r#"
let xs = []
for i in 0..10000000 {
  if i % 1000 == 0 { xs.push([i, "boxed"]) } else { xs.push(i) }
}
let churn = nil
for i in 0..2000000 { churn = [i, i] }
print(len(xs), xs[9999999], xs[5000000][0])
xs = nil
for i in 0..2000000 { churn = [i, i] }
print("done")
"#;
    let (code, out, err) = run("ten_million", source, &["--gc-stats"]);
    assert_eq!(code, Some(0), "stderr: {err}");
    assert_eq!(out, "10000000 9999999 5000000\ndone\n");
    assert!(err.contains("major"), "collections ran: {err}");
}

#[test]
fn a_million_deep_linked_structure_is_collected() {
    let source = r#"
let head = nil
for i in 0..1000000 { head = [i, head] }
let n = 0
let node = head
while node != nil { n = n + 1
  node = node[1] }
print(n, head[0])
head = nil
node = nil
let churn = nil
for i in 0..3000000 { churn = [i, "x"] }
print("done")
"#;
    let (code, out, err) = run("million_deep", source, &["--gc-stats"]);
    assert_eq!(code, Some(0), "stderr: {err}");
    assert_eq!(out, "1000000 999999\ndone\n");
}

#[test]
fn allocating_past_the_cap_is_out_of_memory_not_an_abort() {
    let source = r#"
let keep = []
while true { keep.push([len(keep), "some text to keep"]) }
"#;
    let (code, out, err) = run("cap", source, &["--max-heap", "32M"]);
    assert_eq!(code, Some(70), "stdout: {out}\nstderr: {err}");
    assert!(err.starts_with("OutOfMemory[E3002]: heap limit of 33554432 bytes exceeded"), "{err}");
}

#[test]
fn gc_trace_prints_one_line_per_collection() {
    let source = "let x = nil\nfor i in 0..200000 { x = [i] }\nprint(\"ok\")\n";
    let (code, out, err) = run("trace", source, &["--gc-trace", "--gc-stats"]);
    assert_eq!((code, out.as_str()), (Some(0), "ok\n"), "{err}");
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("[gc] ")).collect();
    let minors: u64 = err
        .lines()
        .find_map(|l| l.strip_prefix("collections:"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("--gc-stats prints the collection counts");
    assert!(minors > 0, "{err}");
    assert_eq!(lines.len() as u64, minors, "one trace line per collection (all minor here): {err}");
    assert!(lines[0].starts_with("[gc] minor #1: "), "{}", lines[0]);
    for key in ["pauses:", "bytes promoted:", "survival rate:", "peak heap:"] {
        assert!(err.contains(key), "--gc-stats shows {key}: {err}");
    }
}
