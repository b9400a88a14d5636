//! The commands behind the CLI, and what they share: the language registry, VM setup
//! from the run options, and the exit codes of spec/platform.md.

pub mod check;
pub mod disasm;
pub mod run;

use crate::RunOptions;
use devvm_compiler::pipeline::FileLoader;
use devvm_compiler::{CompileOptions, Frontend, Registry, SourceFile};
use devvm_vm::{Policy, Vm};
use std::io::IsTerminal;
use std::rc::Rc;
use std::sync::Arc;

pub const EXIT_OK: i32 = 0;
pub const EXIT_USAGE: i32 = 64;
pub const EXIT_COMPILE: i32 = 65;
pub const EXIT_RUNTIME: i32 = 70;
/// An internal error (a bug in devvm itself).
pub const EXIT_SOFTWARE: i32 = 70;
pub const EXIT_IO: i32 = 74;

/// Every installed frontend.
pub fn registry() -> Arc<Registry> {
    let mut r = Registry::new();
    r.register(Arc::new(devvm_lang_script::DevScript));
    r.register(Arc::new(devvm_lang_fun::DevFun));
    r.register(Arc::new(devvm_lang_oo::DevObj));
    Arc::new(r)
}

/// The policy the run options describe. The command line is not deterministic unless
/// asked (the embedding default is).
pub fn policy(opts: &RunOptions) -> Policy {
    Policy {
        fuel: opts.fuel,
        max_heap: opts.max_heap,
        max_depth: opts.max_depth,
        deterministic: opts.deterministic,
        allow_read: opts.allow_read.clone(),
        allow_write: opts.allow_write.clone(),
        allow_env: opts.allow_env && !opts.deterministic,
        ..Policy::default()
    }
}

/// A VM with the standard library and the file loader installed.
pub fn new_vm(opts: &RunOptions, registry: &Arc<Registry>) -> Vm {
    let mut vm = Vm::new(policy(opts));
    devvm_stdlib::install(&mut vm);
    devvm_lang_fun::runtime::install(&mut vm);
    vm.set_loader(Rc::new(FileLoader { registry: registry.clone() }));
    vm.trace = opts.trace;
    vm.heap.set_trace(opts.gc_trace);
    vm.count_instructions = opts.stats;
    vm
}

/// Compile options for tools that compile without running (`check`, `disasm`): the
/// built-in names of a VM with the standard library installed.
pub fn tooling_compile_options() -> CompileOptions {
    let mut vm = Vm::new(Policy::default());
    devvm_stdlib::install(&mut vm);
    devvm_lang_fun::runtime::install(&mut vm);
    vm.register_global("args", devvm_vm::Value::NIL);
    CompileOptions { builtins: vm.builtin_names().to_vec(), ..CompileOptions::default() }
}

/// The frontend and source of a program file, or the exit code for why not.
pub fn open_program(
    registry: &Registry,
    path: &str,
    lang: Option<&str>,
) -> Result<(Arc<dyn Frontend>, Arc<SourceFile>), i32> {
    let frontend = frontend_for(registry, path, lang).map_err(|msg| {
        eprintln!("{msg}");
        EXIT_USAGE
    })?;
    Ok((frontend, read_source(path)?))
}

/// The frontend for a file: `--lang` wins, else the extension.
pub fn frontend_for(registry: &Registry, path: &str, lang: Option<&str>) -> Result<Arc<dyn Frontend>, String> {
    match lang {
        Some(name) => {
            registry.by_name(name).ok_or_else(|| format!("devvm: unknown language '{name}' (see `devvm languages`)"))
        }
        None => registry.for_path(path).ok_or_else(|| {
            format!("devvm: no installed language handles '{path}' (see `devvm languages`, or pass --lang)")
        }),
    }
}

/// Reads a program file; the error is the message and exit code 74.
pub fn read_source(path: &str) -> Result<Arc<SourceFile>, i32> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(SourceFile::new(path, text)),
        Err(e) => {
            eprintln!("devvm: cannot read '{path}': {e}");
            Err(EXIT_IO)
        }
    }
}

pub fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// `--max-heap 64M`: a byte count with an optional K, M or G suffix.
pub fn parse_size(s: &str) -> Result<usize, String> {
    let s = s.trim();
    let (num, mult) = match s.char_indices().last() {
        Some((i, 'k' | 'K')) => (&s[..i], 1usize << 10),
        Some((i, 'm' | 'M')) => (&s[..i], 1 << 20),
        Some((i, 'g' | 'G')) => (&s[..i], 1 << 30),
        _ => (s, 1),
    };
    let n: usize = num.trim().parse().map_err(|_| format!("'{s}' is not a size (examples: 65536, 512K, 64M, 1G)"))?;
    n.checked_mul(mult).ok_or_else(|| format!("'{s}' is too large"))
}

pub fn languages() -> i32 {
    for f in registry().all() {
        let exts: Vec<String> = f.extensions().iter().map(|e| format!(".{e}")).collect();
        println!("{:<8} {:<10} {}", f.name(), f.display_name(), exts.join(" "));
    }
    EXIT_OK
}

pub fn repl(opts: &RunOptions) -> i32 {
    let registry = registry();
    let vm = new_vm(opts, &registry);
    devvm_repl::run(vm, registry, opts.lang.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_suffixes() {
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert_eq!(parse_size("4096"), Ok(4096));
        assert!(parse_size("lots").is_err());
    }
}
