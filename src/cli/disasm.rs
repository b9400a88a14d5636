//! `devvm disasm FILE`: the bytecode of every function.

use super::{open_program, registry, stderr_color, tooling_compile_options, EXIT_COMPILE, EXIT_OK};
use devvm_compiler::diag::render_all;
use devvm_compiler::pipeline::compile_source;

pub fn disasm(path: &str, lang: Option<&str>) -> i32 {
    let (frontend, file) = match open_program(&registry(), path, lang) {
        Ok(p) => p,
        Err(code) => return code,
    };
    match compile_source(frontend.as_ref(), &file, &tooling_compile_options()) {
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
