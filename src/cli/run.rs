//! `devvm run FILE`: compile, load and run a program; or print one of its stages.

use super::{new_vm, open_program, registry, stderr_color, EXIT_COMPILE, EXIT_OK, EXIT_RUNTIME};
use crate::{Dump, RunOptions};
use devvm_compiler::diag::render_all;
use devvm_compiler::pipeline::{compile_source, has_errors};
use devvm_compiler::CompileOptions;
use devvm_vm::object::{Module, ModuleState};
use devvm_vm::{Value, Vm};
use std::time::Instant;

pub fn run(path: &str, args: &[String], opts: &RunOptions, dump: Option<Dump>) -> i32 {
    let registry = registry();
    let (frontend, file) = match open_program(&registry, path, opts.lang.as_deref()) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let color = stderr_color();
    match dump {
        Some(Dump::Tokens) => return print_or_fail(frontend.dump_tokens(&file), color),
        Some(Dump::Ast) => return print_or_fail(frontend.dump_ast(&file), color),
        Some(Dump::Core) => {
            return print_or_fail(
                frontend.parse(&file).map(|p| {
                    let mut m = p.module;
                    devvm_compiler::fold::fold_module(&mut m);
                    devvm_compiler::dump::core_module(&m)
                }),
                color,
            )
        }
        _ => {}
    }
    let mut vm = new_vm(opts, &registry);
    let started = Instant::now();
    let options = CompileOptions { builtins: builtin_names_with_args(&mut vm, args), ..CompileOptions::default() };
    let compiled = match compile_source(frontend.as_ref(), &file, &options) {
        Ok(c) => c,
        Err(diags) => {
            eprint!("{}", render_all(&diags, color));
            return EXIT_COMPILE;
        }
    };
    if !compiled.warnings.is_empty() {
        eprint!("{}", render_all(&compiled.warnings, color));
        if has_errors(&compiled.warnings) {
            return EXIT_COMPILE;
        }
    }
    if dump == Some(Dump::Bc) {
        print!("{}", devvm_vm::bytecode::disasm::module(&compiled.module));
        return EXIT_OK;
    }
    let compile_time = started.elapsed();
    let module = vm.alloc(Module::new(path));
    let key =
        std::path::Path::new(path).canonicalize().map(|p| p.display().to_string()).unwrap_or_else(|_| path.to_string());
    vm.register_module(&key, Value::object(module));
    let result =
        vm.load(&compiled.module, module).map_err(|e| vm.runtime_error(e)).and_then(|main| vm.run_main(main, &key));
    module.state.set(ModuleState::Ready);
    vm.flush();
    let code = match result {
        Ok(_) => EXIT_OK,
        Err(e) => {
            if let Some(heading) = frontend.uncaught_heading(&e) {
                eprintln!("{heading}");
            }
            eprint!("{}", frontend.render_runtime_error(&e));
            EXIT_RUNTIME
        }
    };
    if opts.stats {
        print_stats(&vm, compile_time, started.elapsed());
    }
    if opts.gc_stats {
        print_gc_stats(&vm);
    }
    code
}

/// The built-in names, after registering the program's `args` list.
fn builtin_names_with_args(vm: &mut Vm, args: &[String]) -> Vec<String> {
    let items: Vec<Value> = args.iter().map(|a| vm.str_value(a)).collect();
    let list = vm.list_value(items);
    vm.register_global("args", list);
    vm.builtin_names().to_vec()
}

fn print_or_fail(r: Result<String, Vec<devvm_compiler::Diagnostic>>, color: bool) -> i32 {
    match r {
        Ok(text) => {
            print!("{text}");
            EXIT_OK
        }
        Err(diags) => {
            eprint!("{}", render_all(&diags, color));
            EXIT_COMPILE
        }
    }
}

fn print_stats(vm: &Vm, compile: std::time::Duration, total: std::time::Duration) {
    let s = &vm.stats;
    eprintln!("--- stats ---");
    eprintln!("instructions executed: {}", s.instructions);
    eprintln!("native calls:          {}", s.calls);
    eprintln!(
        "inline caches:         {} hits ({} polymorphic), {} misses ({} megamorphic)",
        s.ic_hits, s.ic_poly_hits, s.ic_misses, s.ic_megamorphic
    );
    eprintln!("hidden classes:        {} shapes", vm.shapes.len());
    eprintln!("compile time:          {:.3} ms", compile.as_secs_f64() * 1e3);
    eprintln!(
        "total time:            {:.3} ms (interpreter only; the JIT tiers are not built yet)",
        total.as_secs_f64() * 1e3
    );
}

pub fn print_gc_stats(vm: &Vm) {
    eprintln!("--- gc stats ---");
    eprint!("{}", vm.gc_report());
}
