//! The REPL without a terminal: a `Session` with DevScript and the standard library,
//! driven input by input, and the line loop driven by plain lines.

use devvm_compiler::pipeline::FileLoader;
use devvm_compiler::Registry;
use devvm_repl::{drive, Outcome, PlainLines, Session, Status};
use devvm_vm::{Policy, Vm};
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;
use std::sync::Arc;

/// The VM's output, shared with the test.
#[derive(Clone, Default)]
struct Captured(Rc<RefCell<Vec<u8>>>);

impl Captured {
    fn take(&self) -> String {
        String::from_utf8(std::mem::take(&mut *self.0.borrow_mut())).expect("program output is UTF-8")
    }
}

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn registry() -> Arc<Registry> {
    let mut r = Registry::new();
    r.register(Arc::new(devvm_lang_script::DevScript));
    Arc::new(r)
}

/// A session set up the way the CLI sets one up, printing into a buffer.
fn session() -> (Session, Captured) {
    let registry = registry();
    let mut vm = Vm::new(Policy::default());
    devvm_stdlib::install(&mut vm);
    vm.set_loader(Rc::new(FileLoader { registry: registry.clone() }));
    let out = Captured::default();
    vm.set_output(Box::new(out.clone()));
    (Session::new(vm, registry, None).expect("DevScript is installed"), out)
}

#[track_caller]
fn ok(s: &mut Session, input: &str) -> String {
    let o = s.eval(input);
    assert_eq!(o.status, Status::Ok, "input {input:?} failed: {}", o.stderr);
    assert_eq!(o.stderr, "", "input {input:?} printed to stderr");
    o.stdout
}

#[track_caller]
fn fails(s: &mut Session, input: &str, status: Status) -> Outcome {
    let o = s.eval(input);
    assert_eq!(o.status, status, "input {input:?}: stdout {:?} stderr {:?}", o.stdout, o.stderr);
    assert!(!o.stderr.is_empty(), "a failure says why");
    o
}

/// Runs the whole line loop over `input`; returns (exit code, stdout, stderr).
fn drive_text(s: &mut Session, input: &str) -> (i32, String, String) {
    let mut lines = PlainLines::new(input.as_bytes());
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = drive(s, &mut lines, &mut out, &mut err);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

#[test]
fn definitions_persist_across_inputs() {
    let (mut s, _) = session();
    assert_eq!(ok(&mut s, "let x = 2"), "");
    assert_eq!(ok(&mut s, "x * 21"), "=> 42\n");
    assert_eq!(ok(&mut s, "fn inc(n) { return n + 1 }"), "");
    assert_eq!(ok(&mut s, "inc(x)"), "=> 3\n");
    // A later function sees earlier variables, and a redefinition replaces the value.
    assert_eq!(ok(&mut s, "fn scaled() { return inc(x) * 10 }"), "");
    assert_eq!(ok(&mut s, "let x = 4"), "");
    assert_eq!(ok(&mut s, "scaled()"), "=> 50\n");
    assert_eq!(ok(&mut s, "fn inc(n) { return n + 2 }"), "");
    assert_eq!(ok(&mut s, "scaled()"), "=> 60\n");
    assert_eq!(s.module().var_names(), vec!["x", "inc", "scaled"]);
}

#[test]
fn values_print_as_repr_and_nil_prints_nothing() {
    let (mut s, out) = session();
    assert_eq!(ok(&mut s, "\"hi\""), "=> \"hi\"\n");
    assert_eq!(ok(&mut s, "[1, \"a\", nil, 2.5]"), "=> [1, \"a\", nil, 2.5]\n");
    assert_eq!(ok(&mut s, "nil"), "");
    assert_eq!(ok(&mut s, "print(\"hello\")"), "");
    assert_eq!(out.take(), "hello\n");
    // Only the last statement's value prints, and only when it is an expression.
    assert_eq!(ok(&mut s, "1\n2"), "=> 2\n");
    assert_eq!(ok(&mut s, "let y = 3"), "");
    assert_eq!(ok(&mut s, "   "), "");
}

#[test]
fn completeness_decides_continuation_lines() {
    let (s, _) = session();
    assert!(!s.is_complete("fn g(a) {"));
    assert!(!s.is_complete("let z = (1 +"));
    assert!(!s.is_complete("\"open string"));
    assert!(s.is_complete("1 + 2"));
    assert!(s.is_complete(":dis g"));
    assert!(s.is_complete(":help"));
}

#[test]
fn the_loop_continues_open_input_on_more_lines() {
    let (mut s, out) = session();
    let (code, stdout, stderr) =
        drive_text(&mut s, "fn g(a) {\n  print(a)\n  return a * 2\n}\ng(\n  21\n)\nlet x = 2\nx * 21\n");
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "=> 42\n=> 42\n", ""));
    assert_eq!(out.take(), "21\n");
}

#[test]
fn piped_input_ending_inside_a_construct_reports_it_and_exits_cleanly() {
    let (mut s, _) = session();
    let (code, stdout, stderr) = drive_text(&mut s, "1 + 1\nfn broken(a) {\n  return a\n");
    assert_eq!(code, 0);
    assert_eq!(stdout, "=> 2\n");
    assert!(stderr.contains("SyntaxError"), "{stderr}");
}

#[test]
fn quit_ends_the_loop_and_later_lines_are_not_read() {
    let (mut s, _) = session();
    let (code, stdout, _) = drive_text(&mut s, "1\n:quit\n2\n");
    assert_eq!((code, stdout.as_str()), (0, "=> 1\n"));
    let (code, stdout, _) = drive_text(&mut s, ":q\n3\n");
    assert_eq!((code, stdout.as_str()), (0, ""));
}

#[test]
fn a_compile_error_does_not_end_the_session() {
    let (mut s, _) = session();
    ok(&mut s, "let kept = 1");
    let o = fails(&mut s, "let = 5", Status::CompileError);
    assert!(o.stderr.contains("SyntaxError"), "{}", o.stderr);
    let o = fails(&mut s, "undefined_name + 1", Status::CompileError);
    assert!(o.stderr.contains("undefined_name"), "{}", o.stderr);
    // Nothing of a failed compile is loaded.
    assert_eq!(s.module().var_names(), vec!["kept"]);
    assert_eq!(ok(&mut s, "kept + 41"), "=> 42\n");
    // Through the loop, the error goes to stderr and the next line still runs.
    let (code, stdout, stderr) = drive_text(&mut s, "1 +* 2\n6 * 7\n");
    assert_eq!((code, stdout.as_str()), (0, "=> 42\n"));
    assert!(stderr.contains("SyntaxError"), "{stderr}");
}

#[test]
fn a_runtime_error_does_not_end_the_session_and_the_vm_stays_usable() {
    let (mut s, out) = session();
    let o = fails(&mut s, "1 // 0", Status::RuntimeError);
    assert!(o.stderr.starts_with("ZeroDivisionError"), "{}", o.stderr);
    assert_eq!(ok(&mut s, "6 * 7"), "=> 42\n");

    // An error deep in calls, and one thrown through a native that re-entered the
    // interpreter (`map` calling back), leave no frames or stack behind.
    ok(&mut s, "fn deep(n) { if n == 0 { return 1 // 0 }\n return deep(n - 1) + 1 }");
    let o = fails(&mut s, "deep(50)", Status::RuntimeError);
    assert!(o.stderr.contains("at deep"), "the trace names the frames: {}", o.stderr);
    fails(&mut s, "[1, 2, 3].map(fn(x) { return deep(x) })", Status::RuntimeError);
    fails(&mut s, "fn forever(n) { return forever(n + 1) + 1 }\nforever(0)", Status::RuntimeError);
    assert_eq!(s.vm().depth(), 0);
    assert_eq!(ok(&mut s, "[1, 2, 3].map(fn(x) { return x * 2 })"), "=> [2, 4, 6]\n");

    // What ran before the error stays; a thrown non-error value is reported too.
    let o = fails(&mut s, "let before = 1\nprint(\"ran\")\nthrow \"boom\"", Status::RuntimeError);
    assert!(o.stderr.contains("boom"), "{}", o.stderr);
    assert_eq!(out.take(), "ran\n");
    assert_eq!(ok(&mut s, "before"), "=> 1\n");
    // A caught error is just a value.
    assert_eq!(ok(&mut s, "try { 1 // 0 } catch e { print(e.kind) }"), "");
    assert_eq!(out.take(), "ZeroDivisionError\n");
}

#[test]
fn a_variable_whose_definition_failed_is_a_clean_error_then_can_be_defined() {
    let (mut s, _) = session();
    fails(&mut s, "let half = 1 // 0", Status::RuntimeError);
    fails(&mut s, "half", Status::RuntimeError);
    let o = s.eval(":dis half");
    assert_eq!(o.status, Status::CommandError);
    ok(&mut s, "let half = 21");
    assert_eq!(ok(&mut s, "half * 2"), "=> 42\n");
}

#[test]
fn dis_shows_the_bytecode_of_a_session_function() {
    let (mut s, _) = session();
    ok(&mut s, "fn adder(a) {\n  return fn(b) { return a + b }\n}");
    let listing = ok(&mut s, ":dis adder");
    assert!(listing.starts_with("== adder (arity 1"), "{listing}");
    assert!(listing.contains("CLOSURE"), "{listing}");
    assert!(listing.contains("RETURN"), "{listing}");
    // The nested function follows its parent.
    assert_eq!(listing.matches("== ").count(), 2, "{listing}");
    assert!(listing.contains("(arity 1, upvalues 1"), "{listing}");
    // Prefixes work as for every command.
    assert_eq!(ok(&mut s, ":d adder"), listing);

    ok(&mut s, "let n = 5");
    let o = s.eval(":dis n");
    assert_eq!((o.status, o.stderr.as_str()), (Status::CommandError, "'n' is an int, not a function\n"));
    assert!(s.eval(":dis print").stderr.contains("built-in"));
    assert!(s.eval(":dis nope").stderr.contains("nothing named 'nope'"));
    assert!(s.eval(":dis").stderr.starts_with("usage: :dis NAME"));
}

#[test]
fn load_runs_a_file_into_the_session() {
    let (mut s, out) = session();
    let dir = std::env::temp_dir().join(format!("devvm-repl-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("lib.dvs");
    std::fs::write(&path, "fn triple(n) { return n * 3 }\nlet loaded = true\nprint(\"loading\")\n42\n").unwrap();
    ok(&mut s, "let first = 1");

    let o = s.eval(&format!(":load {}", path.display()));
    assert_eq!(o.status, Status::Ok, "{}", o.stderr);
    // A loaded file's last expression is not echoed; its new names are listed.
    assert_eq!(o.stdout, format!("loaded {} (defines triple, loaded)\n", path.display()));
    assert_eq!(out.take(), "loading\n");
    assert_eq!(ok(&mut s, "triple(14)"), "=> 42\n");
    assert_eq!(ok(&mut s, "loaded and first == 1"), "=> true\n");
    assert!(ok(&mut s, ":dis triple").starts_with("== triple"));

    // A file that does not compile or throws reports it; the session goes on.
    std::fs::write(&path, "fn (").unwrap();
    fails(&mut s, &format!(":load {}", path.display()), Status::CompileError);
    std::fs::write(&path, "let b = 1 // 0").unwrap();
    fails(&mut s, &format!(":load \"{}\"", path.display()), Status::RuntimeError);
    let o = fails(&mut s, &format!(":load {}", dir.join("missing.dvs").display()), Status::CommandError);
    assert!(o.stderr.starts_with("cannot read"), "{}", o.stderr);
    assert_eq!(ok(&mut s, "triple(2)"), "=> 6\n");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn definitions_survive_garbage_collection() {
    let (mut s, _) = session();
    ok(&mut s, "let xs = [\"a\", \"b\"]\nfn get(i) { return xs[i] }");
    ok(&mut s, "let junk = 0\nfor i in range(20000) { junk = [i, \"x\"] }");
    let stats = ok(&mut s, ":gc collect");
    assert!(stats.starts_with("collections:"), "{stats}");
    assert!(stats.contains("pauses:") && stats.contains("live now:"), "{stats}");
    assert_eq!(ok(&mut s, "get(1)"), "=> \"b\"\n");
    assert_eq!(s.eval(":gc now").status, Status::CommandError);
}

#[test]
fn commands_report_and_never_end_the_session() {
    let (mut s, _) = session();
    let help = ok(&mut s, ":help");
    for c in [":help", ":quit", ":load", ":dis", ":gc", ":lang", ":type", ":jit"] {
        assert!(help.contains(c), "{c} is in :help");
    }
    let o = fails(&mut s, ":frobnicate", Status::CommandError);
    assert_eq!(o.stderr, "unknown command ':frobnicate'; :help lists the commands\n");
    let o = fails(&mut s, ":l x", Status::CommandError);
    assert_eq!(o.stderr, "':l' is ambiguous: it could be :load or :lang\n");

    assert!(ok(&mut s, ":lang").contains("script   DevScript  .dvs  (current)"));
    assert!(ok(&mut s, ":lang script").starts_with("switched to DevScript"));
    assert_eq!(s.prompt(), "dvs> ");
    assert!(fails(&mut s, ":lang cobol", Status::CommandError).stderr.contains("installed: script"));

    assert!(fails(&mut s, ":type 1 + 2", Status::CommandError).stderr.contains("has no static types"));

    ok(&mut s, "fn hot(n) { let t = 0\n for i in range(n) { t = t + i }\n return t }");
    ok(&mut s, "hot(10)");
    let jit = ok(&mut s, ":jit hot");
    assert!(jit.contains("runs in the interpreter"), "{jit}");
    assert!(jit.contains("called 1 time "), "{jit}");
    assert_eq!(ok(&mut s, "1 + 1"), "=> 2\n");
}

#[test]
fn completion_words_follow_the_session() {
    let (mut s, _) = session();
    ok(&mut s, "fn fib(n) { return n }\nlet fifty = 50");
    let w = s.words();
    assert!(w.keywords.contains(&"let".to_string()));
    assert!(w.globals.contains(&"print".to_string()) && w.globals.contains(&"fifty".to_string()));
    assert_eq!(w.functions, vec!["fib"]);
    assert!(w.methods.contains(&"push".to_string()), "list methods are offered after a dot");
    assert_eq!(
        devvm_repl::complete(&w, "fi", 2),
        (0, vec!["fib".to_string(), "fifty".to_string(), "finally".to_string()])
    );
    assert_eq!(devvm_repl::complete(&w, ":dis f", 6), (5, vec!["fib".to_string()]));
    // After `module.`, the module's own names.
    ok(&mut s, "import math");
    let w = s.words();
    assert!(w.members["math"].contains(&"sqrt".to_string()), "{:?}", w.members);
    let (start, names) = devvm_repl::complete(&w, "math.sq", 7);
    assert_eq!((start, names), (5, vec!["sqrt".to_string()]));
}

#[test]
fn an_unknown_language_is_refused_up_front() {
    let vm = Vm::new(Policy::default());
    let err = Session::new(vm, registry(), Some("cobol")).err().expect("no such language");
    assert!(err.contains("unknown language 'cobol'"), "{err}");
}

#[test]
fn a_function_may_call_one_defined_in_a_later_input() {
    let (mut s, _out) = session();
    assert_eq!(ok(&mut s, "fn f() { return g() + 1 }"), "");
    // Calling it before g exists is the runtime NameError of an unset module variable.
    let o = fails(&mut s, "f()", Status::RuntimeError);
    assert!(o.stderr.contains("NameError"), "{}", o.stderr);
    assert_eq!(ok(&mut s, "fn g() { return 41 }"), "");
    assert_eq!(ok(&mut s, "f()"), "=> 42\n");
}
