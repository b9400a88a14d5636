//! `devvm disasm FILE`: the bytecode of every function.

use super::{frontend_for, read_source, registry, stderr_color, EXIT_COMPILE, EXIT_OK, EXIT_USAGE};
use devvm_compiler::diag::render_all;
use devvm_compiler::pipeline::compile_source;
use devvm_compiler::CompileOptions;
use devvm_vm::{Policy, Vm};

pub fn disasm(path: &str, lang: Option<&str>) -> i32 {
    let registry = registry();
    let frontend = match frontend_for(&registry, path, lang) {
        Ok(f) => f,
        Err(msg) => {
            eprintln!("{msg}");
            return EXIT_USAGE;
        }
    };
    let file = match read_source(path) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let mut vm = Vm::new(Policy::default());
    devvm_stdlib::install(&mut vm);
    vm.register_global("args", devvm_vm::Value::NIL);
    let options = CompileOptions { builtins: vm.builtin_names().to_vec(), ..CompileOptions::default() };
    match compile_source(frontend.as_ref(), &file, &options) {
        Ok(c) => {
            print!("{}", devvm_vm::bytecode::disasm::module(&c.module));
            EXIT_OK
        }
        Err(diags) => {
            eprint!("{}", render_all(&diags, stderr_color()));
            EXIT_COMPILE
        }
    }
}
