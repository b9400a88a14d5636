//! The REPL's core: one VM, one persistent module, and the input → outcome step. No
//! terminal here, so tests drive it directly.

use crate::commands;
use crate::complete::Words;
use devvm_compiler::diag::render_all;
use devvm_compiler::pipeline::{compile_source, has_errors};
use devvm_compiler::{CompileOptions, Frontend, Registry, SourceFile};
use devvm_vm::format::repr;
use devvm_vm::object::{Closure, Module, ModuleState};
use devvm_vm::Gc;
use devvm_vm::{TypeTag, Value, Vm};
use std::collections::HashMap;
use std::sync::Arc;

/// The name of the session module, also its key in the VM's module table and the file
/// name of every typed input (diagnostics and traces show it).
pub const REPL_MODULE: &str = "<repl>";

/// How an input ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// It ran (or the command did its job).
    Ok,
    /// It did not compile; nothing ran and the session module is unchanged.
    CompileError,
    /// It compiled but threw an uncaught error; what ran before the error stays.
    RuntimeError,
    /// A `:command` was misused (unknown command, missing argument, unreadable file).
    CommandError,
    /// `:quit`: the loop should end.
    Quit,
}

/// What one input produced, ready to print. The program's own output (`print`) is not
/// here: it went to the VM's output, which has been flushed before `eval` returns, so
/// printing `stdout` after it keeps the order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub status: Status,
    /// For standard output: `=> 42\n`, a command's report. Empty or newline-terminated.
    pub stdout: String,
    /// For standard error: diagnostics, warnings, runtime errors. Empty or
    /// newline-terminated.
    pub stderr: String,
}

impl Outcome {
    pub(crate) fn ok(stdout: impl Into<String>) -> Outcome {
        Outcome { status: Status::Ok, stdout: terminated(stdout.into()), stderr: String::new() }
    }

    pub(crate) fn error(status: Status, stderr: impl Into<String>) -> Outcome {
        Outcome { status, stdout: String::new(), stderr: terminated(stderr.into()) }
    }

    pub(crate) fn command_error(stderr: impl Into<String>) -> Outcome {
        Outcome::error(Status::CommandError, stderr)
    }
}

/// Adds the final newline a non-empty text lacks, so the loop can print texts verbatim.
fn terminated(mut s: String) -> String {
    if !s.is_empty() && !s.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// A REPL session: the VM, the installed languages, the current one, and the module
/// every input is loaded into.
pub struct Session {
    pub(crate) vm: Vm,
    pub(crate) registry: Arc<Registry>,
    pub(crate) frontend: Arc<dyn Frontend>,
    pub(crate) module: Gc<Module>,
    /// Render diagnostics with ANSI colors (set by the terminal loop).
    pub(crate) color: bool,
    /// The current language's own REPL state, when it keeps one (DevFun's types).
    pub(crate) typed: Option<Box<dyn devvm_compiler::ReplLanguage>>,
}

impl Session {
    /// A session in language `lang` (a `--lang` name or extension), or the first
    /// installed language. Allocates the session module and registers it with the VM,
    /// which roots it for the collector.
    pub fn new(mut vm: Vm, registry: Arc<Registry>, lang: Option<&str>) -> Result<Session, String> {
        let frontend = match lang {
            Some(name) => registry
                .by_name(name)
                .ok_or_else(|| format!("unknown language '{name}' (installed: {})", language_list(&registry)))?,
            None => registry.all().first().cloned().ok_or("no language is installed")?,
        };
        let module = vm.alloc(Module::new(REPL_MODULE));
        // The session module is never "being imported", so an import of it (impossible by
        // path today) must not look like a cycle.
        module.state.set(ModuleState::Ready);
        vm.register_module(REPL_MODULE, Value::object(module));
        let typed = frontend.repl_session();
        Ok(Session { vm, registry, frontend, module, color: false, typed })
    }

    /// The VM (tests redirect its output; embedders inspect it).
    pub fn vm(&mut self) -> &mut Vm {
        &mut self.vm
    }

    /// The session module: every top-level definition of every input lives here.
    pub fn module(&self) -> Gc<Module> {
        self.module
    }

    pub fn frontend(&self) -> &Arc<dyn Frontend> {
        &self.frontend
    }

    /// The current language's prompt (`dvs> `).
    pub fn prompt(&self) -> &'static str {
        self.frontend.prompt()
    }

    /// Renders diagnostics with ANSI colors from now on.
    pub fn set_color(&mut self, color: bool) {
        self.color = color;
    }

    /// Whether `text` is a whole input, or the next line should continue it. A
    /// `:command` is always one line.
    pub fn is_complete(&self, text: &str) -> bool {
        is_command(text) || self.frontend.is_complete(text)
    }

    /// Runs one input — source code in the current language or a `:command` — and
    /// reports what to print. May run guest code (and so collect); never panics on user
    /// input and never ends the session except through `:quit`.
    pub fn eval(&mut self, input: &str) -> Outcome {
        if input.trim().is_empty() {
            return Outcome::ok("");
        }
        if is_command(input) {
            return commands::run(self, input.trim());
        }
        if self.typed.is_some() {
            return self.eval_typed(input);
        }
        let frontend = self.frontend.clone();
        match self.run_source(frontend.as_ref(), REPL_MODULE, REPL_MODULE, input, true) {
            Ok((value, warnings)) => {
                let mut outcome = Outcome::ok(result_line(value));
                outcome.stderr = warnings;
                outcome
            }
            Err(outcome) => outcome,
        }
    }

    /// Compiles `text` against the session module's variables and runs it in that
    /// module. Returns the value of the top-level code (the last expression when
    /// `return_last` is set, else nil) and any rendered warnings. `file` names the source
    /// in diagnostics; `key` is the file the VM resolves relative imports against.
    pub(crate) fn run_source(
        &mut self,
        frontend: &dyn Frontend,
        file: &str,
        key: &str,
        text: &str,
        return_last: bool,
    ) -> Result<(Value, String), Outcome> {
        let source = SourceFile::new(file, text);
        let options = CompileOptions {
            builtins: self.vm.builtin_names().to_vec(),
            existing_vars: self.module.var_names(),
            return_last_expression: return_last,
            forward_module_vars: true,
            ..CompileOptions::default()
        };
        let compiled = compile_source(frontend, &source, &options)
            .map_err(|diags| Outcome::error(Status::CompileError, render_all(&diags, self.color)))?;
        let warnings =
            if compiled.warnings.is_empty() { String::new() } else { render_all(&compiled.warnings, self.color) };
        if has_errors(&compiled.warnings) {
            return Err(Outcome::error(Status::CompileError, warnings));
        }
        // A native that fails between opening and closing a handle scope leaves its
        // handles behind; nothing of this input runs any more once it returns, so
        // everything above the mark is garbage.
        let mark = self.vm.open_scope();
        let result = match self.vm.load(&compiled.module, self.module) {
            Ok(main) => self.vm.run_main(main, key),
            Err(e) => Err(self.vm.runtime_error(e)),
        };
        self.vm.close_scope(mark);
        self.vm.flush();
        match result {
            Ok(value) => Ok((value, warnings)),
            Err(e) => {
                let mut outcome = Outcome::error(Status::RuntimeError, e.render());
                outcome.stderr.insert_str(0, &warnings);
                Err(outcome)
            }
        }
    }

    /// An input of a language with its own REPL state: compiled by it, run in the session
    /// module, and described by it (`- : int = 42`).
    fn eval_typed(&mut self, input: &str) -> Outcome {
        let Some(mut typed) = self.typed.take() else { return Outcome::ok("") };
        let outcome = self.eval_with(typed.as_mut(), input);
        self.typed = Some(typed);
        outcome
    }

    fn eval_with(&mut self, typed: &mut dyn devvm_compiler::ReplLanguage, input: &str) -> Outcome {
        let source = SourceFile::new(REPL_MODULE, input);
        let parsed = match typed.compile_input(&source) {
            Ok(p) => p,
            Err(diags) => return Outcome::error(Status::CompileError, render_all(&diags, self.color)),
        };
        let warnings =
            if parsed.warnings.is_empty() { String::new() } else { render_all(&parsed.warnings, self.color) };
        let options = CompileOptions {
            builtins: self.vm.builtin_names().to_vec(),
            existing_vars: self.module.var_names(),
            return_last_expression: true,
            ..CompileOptions::default()
        };
        let mut core = parsed.module;
        devvm_compiler::fold::fold_module(&mut core);
        let compiled = match devvm_compiler::compile(&core, &source, &options) {
            Ok(c) => c,
            Err(diags) => return Outcome::error(Status::CompileError, render_all(&diags, self.color)),
        };
        let mark = self.vm.open_scope();
        let result = match self.vm.load(&compiled, self.module) {
            Ok(main) => self.vm.run_main(main, REPL_MODULE),
            Err(e) => Err(self.vm.runtime_error(e)),
        };
        self.vm.close_scope(mark);
        self.vm.flush();
        match result {
            Ok(value) => {
                let module = self.module;
                let lookup = |name: &str| {
                    module.slot_of(name).and_then(|slot| module.get(slot as usize)).filter(|v| !v.is_undefined())
                };
                let mut outcome = Outcome::ok(terminated(typed.describe(value, &lookup)));
                outcome.stderr = warnings;
                outcome
            }
            Err(e) => {
                let mut outcome = Outcome::error(Status::RuntimeError, e.render());
                outcome.stderr.insert_str(0, &warnings);
                outcome
            }
        }
    }

    /// `:type` for a language with its own REPL state.
    pub(crate) fn type_of_input(&mut self, text: &str) -> Option<Outcome> {
        let mut typed = self.typed.take()?;
        let source = SourceFile::new(REPL_MODULE, text);
        let outcome = match typed.type_of(&source) {
            Ok(t) => Outcome::ok(terminated(t)),
            Err(diags) => Outcome::error(Status::CompileError, render_all(&diags, self.color)),
        };
        self.typed = Some(typed);
        Some(outcome)
    }

    /// The value of a session variable, or of a built-in of that name.
    pub(crate) fn lookup(&self, name: &str) -> Lookup {
        if let Some(slot) = self.module.slot_of(name) {
            return match self.module.get(slot as usize) {
                Some(v) if !v.is_undefined() => Lookup::Variable(v),
                _ => Lookup::Undefined,
            };
        }
        match self.vm.builtin_by_name(name) {
            Some(v) => Lookup::Builtin(v),
            None => Lookup::Missing,
        }
    }

    /// A snapshot of the names completion offers; taken after every input.
    pub fn words(&self) -> Words {
        let vars = self.module.var_names();
        // Hidden built-ins (`oo:print`, DevObj's runtime) cannot be typed, so are not offered.
        let mut globals: Vec<String> = self.vm.builtin_names().iter().filter(|n| !n.contains(':')).cloned().collect();
        globals.extend(vars.iter().cloned());
        let mut functions = Vec::new();
        let mut members = HashMap::new();
        for name in &vars {
            let Some(value) = self.module.export(name) else {
                continue;
            };
            if value.downcast::<Closure>().is_some() {
                functions.push(name.clone());
            } else if let Some(m) = value.downcast::<Module>() {
                members.insert(name.clone(), m.var_names());
            }
        }
        let methods = TypeTag::ALL.iter().flat_map(|&t| self.vm.method_names(t)).collect();
        let words = Words {
            keywords: self.frontend.keywords().iter().map(|k| k.to_string()).collect(),
            globals,
            functions,
            methods,
            members,
            languages: self.registry.all().iter().map(|f| f.name().to_string()).collect(),
        };
        words.normalized()
    }
}

/// What a name means in the session.
pub(crate) enum Lookup {
    /// A session variable with a value.
    Variable(Value),
    /// A session variable declared by an input that failed before assigning it.
    Undefined,
    /// A built-in (`print`, `len`).
    Builtin(Value),
    Missing,
}

/// Whether an input is a REPL command rather than source code.
fn is_command(input: &str) -> bool {
    input.trim_start().starts_with(':')
}

/// The line printed for an input's value: `=> repr`, or nothing for nil (and for the
/// undefined marker, which no expression should produce).
fn result_line(value: Value) -> String {
    if value.is_nil() || value.is_undefined() {
        String::new()
    } else {
        format!("=> {}", repr(value))
    }
}

/// `script, fun, obj`: the installed languages' names.
pub(crate) fn language_list(registry: &Registry) -> String {
    let names: Vec<&str> = registry.all().iter().map(|f| f.name()).collect();
    if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    }
}
