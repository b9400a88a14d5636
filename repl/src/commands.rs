//! The REPL's `:commands`. A command may be shortened to any unique prefix of its name
//! (`:q`, `:d f`), as in ghci.

use crate::session::{language_list, Lookup, Outcome, Session, Status};
use devvm_vm::bytecode::disasm::function_in;
use devvm_vm::object::{Closure, Native, Proto};
use devvm_vm::{TypeTag, Value};
use std::fmt::Write;

/// One command: its name (without the colon), its argument, and its line of `:help`.
pub(crate) struct Command {
    pub name: &'static str,
    pub args: &'static str,
    pub help: &'static str,
}

pub(crate) const COMMANDS: &[Command] = &[
    Command { name: "help", args: "", help: "show this list" },
    Command { name: "quit", args: "", help: "leave the REPL (Ctrl-D does too)" },
    Command { name: "load", args: "FILE", help: "run a file in this session; its definitions stay" },
    Command { name: "dis", args: "NAME", help: "show the bytecode of function NAME" },
    Command { name: "gc", args: "[collect]", help: "heap statistics (after a full collection with `collect`)" },
    Command { name: "lang", args: "[NAME]", help: "switch language (without NAME: list the installed ones)" },
    Command { name: "type", args: "EXPR", help: "the static type of an expression (DevFun)" },
    Command { name: "jit", args: "NAME", help: "the JIT tier of function NAME" },
];

/// The command a typed name means.
pub(crate) enum Resolved {
    One(&'static Command),
    Ambiguous(Vec<&'static str>),
    Unknown,
}

/// An exact name wins; else the one command the name is a prefix of.
pub(crate) fn resolve(name: &str) -> Resolved {
    if let Some(c) = COMMANDS.iter().find(|c| c.name == name) {
        return Resolved::One(c);
    }
    let matches: Vec<&'static Command> =
        if name.is_empty() { Vec::new() } else { COMMANDS.iter().filter(|c| c.name.starts_with(name)).collect() };
    match matches.as_slice() {
        [] => Resolved::Unknown,
        [one] => Resolved::One(one),
        many => Resolved::Ambiguous(many.iter().map(|c| c.name).collect()),
    }
}

/// Runs `:name args` (the line is trimmed and starts with `:`).
pub(crate) fn run(session: &mut Session, line: &str) -> Outcome {
    let body = &line[1..];
    let (name, arg) = match body.find(char::is_whitespace) {
        Some(i) => (&body[..i], body[i..].trim()),
        None => (body, ""),
    };
    let command = match resolve(name) {
        Resolved::One(c) => c,
        Resolved::Ambiguous(names) => {
            let list: Vec<String> = names.iter().map(|n| format!(":{n}")).collect();
            return Outcome::command_error(format!("':{name}' is ambiguous: it could be {}", list.join(" or ")));
        }
        Resolved::Unknown => {
            return Outcome::command_error(format!("unknown command ':{name}'; :help lists the commands"));
        }
    };
    match command.name {
        "help" => help(session),
        "quit" => Outcome { status: Status::Quit, stdout: String::new(), stderr: String::new() },
        "load" => load(session, arg),
        "dis" => dis(session, arg),
        "gc" => gc(session, arg),
        "lang" => lang(session, arg),
        "type" => type_of(session, arg),
        "jit" => jit(session, arg),
        other => unreachable!("command table entry ':{other}' has no handler"),
    }
}

fn usage(command: &str) -> Outcome {
    let c = COMMANDS.iter().find(|c| c.name == command).expect("usage() is called with a name from COMMANDS");
    Outcome::command_error(format!("usage: :{} {} — {}", c.name, c.args, c.help))
}

fn help(session: &Session) -> Outcome {
    let mut out = String::from("Commands:\n");
    for c in COMMANDS {
        let head = if c.args.is_empty() { format!(":{}", c.name) } else { format!(":{} {}", c.name, c.args) };
        let _ = writeln!(out, "  {head:<18} {}", c.help);
    }
    out.push_str("A command may be shortened to a unique prefix (:q, :d NAME).\n");
    let _ = writeln!(
        out,
        "\nType {} code to run it. Definitions stay for the rest of the session. An expression's\n\
         value prints as `=> value` (nothing when it is nil). Input continues on a `... ` line\n\
         while a bracket, string or expression is open; Ctrl-C cancels the input, Ctrl-D exits.",
        session.frontend.display_name()
    );
    Outcome::ok(out)
}

/// `:load FILE` — runs the file's top level in the session module, so its definitions
/// join the session. The file's extension picks the language, else the current one.
fn load(session: &mut Session, arg: &str) -> Outcome {
    let path = unquote(arg);
    if path.is_empty() {
        return usage("load");
    }
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => return Outcome::command_error(format!("cannot read '{path}': {e}")),
    };
    let frontend = session.registry.for_path(path).unwrap_or_else(|| session.frontend.clone());
    // Relative imports inside the file resolve against the file, as `devvm run` does.
    let key =
        std::path::Path::new(path).canonicalize().map(|p| p.display().to_string()).unwrap_or_else(|_| path.to_string());
    let before = session.module.len();
    match session.run_source(frontend.as_ref(), path, &key, &text, false) {
        Ok((_, warnings)) => {
            let names = session.module.var_names();
            let new: Vec<&str> = names[before.min(names.len())..].iter().map(String::as_str).collect();
            let report = if new.is_empty() {
                format!("loaded {path}")
            } else {
                format!("loaded {path} (defines {})", new.join(", "))
            };
            let mut outcome = Outcome::ok(report);
            outcome.stderr = warnings;
            outcome
        }
        Err(outcome) => outcome,
    }
}

/// `:load "my file.dvs"` and `:load my file.dvs` both name the file `my file.dvs`.
fn unquote(arg: &str) -> &str {
    let a = arg.trim();
    for q in ['"', '\''] {
        if a.len() >= 2 && a.starts_with(q) && a.ends_with(q) {
            return &a[1..a.len() - 1];
        }
    }
    a
}

/// `:dis NAME` — the bytecode of a session function, then of the functions nested in it.
fn dis(session: &Session, arg: &str) -> Outcome {
    if arg.is_empty() {
        return usage("dis");
    }
    match function_named(session, arg) {
        Ok(closure) => {
            let mut out = String::new();
            disassemble(closure.proto, &mut out, &mut Vec::new());
            Outcome::ok(out)
        }
        Err(message) => Outcome::command_error(message),
    }
}

/// Appends the listing of `proto` and of every function it creates (its `Proto`
/// constants), each once.
fn disassemble(proto: devvm_vm::Gc<Proto>, out: &mut String, seen: &mut Vec<usize>) {
    if seen.contains(&proto.addr()) {
        return;
    }
    seen.push(proto.addr());
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&function_in(&proto.code, None));
    for c in proto.constants.iter() {
        if let Some(inner) = c.downcast::<Proto>() {
            disassemble(inner, out, seen);
        }
    }
}

/// The bytecode function a name holds in the session, or the message saying why not.
fn function_named(session: &Session, name: &str) -> Result<devvm_vm::Gc<Closure>, String> {
    match session.lookup(name) {
        Lookup::Variable(v) => match v.downcast::<Closure>() {
            Some(c) => Ok(c),
            None => Err(not_a_function(name, v)),
        },
        Lookup::Builtin(v) => Err(if v.downcast::<Native>().is_some() {
            format!("'{name}' is a built-in function written in Rust; it has no bytecode")
        } else {
            not_a_function(name, v)
        }),
        Lookup::Undefined => Err(format!("'{name}' is declared but has no value (its definition failed)")),
        Lookup::Missing => Err(format!("nothing named '{name}' is defined in this session")),
    }
}

fn not_a_function(name: &str, v: Value) -> String {
    let ty = TypeTag::of(v).name();
    let article = if ty.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("'{name}' is {article} {ty}, not a function")
}

/// `:gc` — the heap figures `devvm run --gc-stats` prints.
fn gc(session: &mut Session, arg: &str) -> Outcome {
    match arg {
        "" => {}
        "collect" => session.vm.collect_garbage(),
        _ => return usage("gc"),
    }
    Outcome::ok(session.vm.gc_report())
}

/// `:lang` lists the languages; `:lang NAME` switches. The session module stays, so
/// every definition made so far is still visible.
fn lang(session: &mut Session, arg: &str) -> Outcome {
    if arg.is_empty() {
        let mut out = String::new();
        for f in session.registry.all() {
            let exts: Vec<String> = f.extensions().iter().map(|e| format!(".{e}")).collect();
            let current = if f.name() == session.frontend.name() { "  (current)" } else { "" };
            let _ = writeln!(out, "{:<8} {:<10} {}{current}", f.name(), f.display_name(), exts.join(" "));
        }
        return Outcome::ok(out);
    }
    match session.registry.by_name(arg) {
        Some(f) => {
            let message = format!("switched to {}; the session's definitions stay visible", f.display_name());
            session.typed = f.repl_session();
            session.frontend = f;
            Outcome::ok(message)
        }
        None => Outcome::command_error(format!(
            "unknown language '{arg}' (installed: {})",
            language_list(&session.registry)
        )),
    }
}

/// `:type EXPR` — the static type, from a language that keeps REPL state (DevFun).
fn type_of(session: &mut Session, arg: &str) -> Outcome {
    if arg.is_empty() {
        return usage("type");
    }
    if let Some(outcome) = session.type_of_input(arg) {
        return outcome;
    }
    let f = &session.frontend;
    Outcome::command_error(format!("{} has no static types; :type works in DevFun (:lang fun)", f.display_name()))
}

/// `:jit NAME` — the tier a function runs in. Only the interpreter exists so far.
fn jit(session: &Session, arg: &str) -> Outcome {
    if arg.is_empty() {
        return usage("jit");
    }
    match function_named(session, arg) {
        Ok(closure) => {
            let p = closure.proto;
            Outcome::ok(format!(
                "'{arg}' runs in the interpreter (tier 0): the JIT tiers are not built yet.\n\
                 It has been called {} time{} and taken {} loop back-edge{}.",
                p.calls.get(),
                if p.calls.get() == 1 { "" } else { "s" },
                p.backedges.get(),
                if p.backedges.get() == 1 { "" } else { "s" },
            ))
        }
        Err(message) => Outcome::command_error(message),
    }
}
