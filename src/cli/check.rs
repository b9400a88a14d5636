//! `devvm check FILE...`: parse, resolve and compile without running; print every
//! diagnostic.

use super::{open_program, registry, stderr_color, tooling_compile_options, EXIT_COMPILE, EXIT_OK};
use devvm_compiler::diag::render_all;
use devvm_compiler::pipeline::compile_source;

pub fn check(files: &[String], lang: Option<&str>) -> i32 {
    let registry = registry();
    let options = tooling_compile_options();
    let color = stderr_color();
    let mut worst = EXIT_OK;
    for path in files {
        let (frontend, file) = match open_program(&registry, path, lang) {
            Ok(p) => p,
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
