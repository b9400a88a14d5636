//! `devvm check FILE...`: parse, resolve and compile without running; print every
//! diagnostic.

use super::{frontend_for, read_source, registry, stderr_color, EXIT_COMPILE, EXIT_OK, EXIT_USAGE};
use devvm_compiler::diag::render_all;
use devvm_compiler::pipeline::compile_source;
use devvm_compiler::CompileOptions;
use devvm_vm::{Policy, Vm};

pub fn check(files: &[String], lang: Option<&str>) -> i32 {
    let registry = registry();
    let mut vm = Vm::new(Policy::default());
    devvm_stdlib::install(&mut vm);
    vm.register_global("args", devvm_vm::Value::NIL);
    let options = CompileOptions { builtins: vm.builtin_names().to_vec(), ..CompileOptions::default() };
    let color = stderr_color();
    let mut worst = EXIT_OK;
    for path in files {
        let frontend = match frontend_for(&registry, path, lang) {
            Ok(f) => f,
            Err(msg) => {
                eprintln!("{msg}");
                worst = worst.max(EXIT_USAGE);
                continue;
            }
        };
        let file = match read_source(path) {
            Ok(f) => f,
            Err(code) => {
                worst = worst.max(code);
                continue;
            }
        };
        match compile_source(frontend.as_ref(), &file, &options) {
            Ok(c) => eprint!("{}", render_all(&c.warnings, color)),
            Err(diags) => {
                eprint!("{}", render_all(&diags, color));
                worst = worst.max(EXIT_COMPILE);
            }
        }
    }
    worst
}
