//! Stack traces of uncaught errors, run through the binary: what a user reads when a
//! program fails must name the program's frames only, once each, in order.

use std::process::Command;

/// Runs `source` as a program with extension `ext`; returns (exit code, stderr).
fn run(name: &str, ext: &str, source: &str) -> (Option<i32>, String) {
    let dir = std::env::temp_dir().join(format!("devvm-traces-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let file = dir.join(format!("{name}.{ext}"));
    std::fs::write(&file, source).expect("the program file is written");
    let out = Command::new(env!("CARGO_BIN_EXE_devvm")).arg("run").arg(&file).output().expect("devvm runs");
    let _ = std::fs::remove_dir_all(&dir);
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn an_over_application_stub_is_not_a_frame_of_the_trace() {
    // `f a b` with `f` of arity 1 applies `f a`, then its result to `b`, through a stub
    // frame of the runtime; the failure inside `pick` must not show that stub.
    let source = "let pick n = if n > 0 then failwith \"boom\" else (fun x -> x)\n\
                  let call2 f a b = 1 + f a b\n\
                  let () = print_int (call2 pick 1 5)\n";
    let (code, stderr) = run("over", "dvf", source);
    assert_eq!(code, Some(70), "{stderr}");
    assert!(!stderr.contains("<apply>") && !stderr.contains("<application>"), "{stderr}");
    let call2 = stderr.find("at call2 (").expect("call2's frame");
    let main = stderr.find("at <main> (").expect("the main frame");
    assert!(call2 < main, "{stderr}");
}

#[test]
fn a_runaway_recursion_elides_the_middle_of_its_trace_on_a_line_of_its_own() {
    let (code, stderr) = run("deep", "dvs", "fn deep(n) { return deep(n + 1) }\ndeep(0)\n");
    assert_eq!(code, Some(70), "{stderr}");
    let marker = stderr.lines().find(|l| l.contains("more frames")).expect("the elision marker");
    assert!(marker.trim_start().starts_with("... "), "{marker}");
    assert!(!marker.contains("(:0)"), "{marker}");
}
