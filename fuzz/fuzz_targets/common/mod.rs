//! The harness every pipeline target shares: compile one input with a frontend exactly as
//! `devvm run` does (`compile_source` applies the frontend's options), run it under fuel,
//! heap and depth limits with output discarded, and render any runtime error the way the
//! frontend prints it. Compile and runtime errors are expected outcomes; a panic, an abort
//! or a hang beyond the fuel is a bug.

use devvm_compiler::pipeline::compile_source;
use devvm_compiler::{CompileOptions, Frontend, SourceFile};
use devvm_vm::object::Module;
use devvm_vm::{Policy, Value, Vm};

/// Runs `data` (if it is UTF-8) as a program of `frontend` named `name`; `install` adds the
/// language's runtime to the VM beyond the standard library.
pub fn run_program(frontend: &dyn Frontend, name: &str, data: &[u8], install: fn(&mut Vm)) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let policy = Policy { fuel: Some(200_000), max_heap: Some(64 << 20), max_depth: 2_000, ..Policy::default() };
    let mut vm = Vm::new(policy);
    devvm_stdlib::install(&mut vm);
    install(&mut vm);
    vm.set_output(Box::new(std::io::sink()));
    let file = SourceFile::new(name, text);
    let options = CompileOptions { builtins: vm.builtin_names().to_vec(), ..CompileOptions::default() };
    let Ok(compiled) = compile_source(frontend, &file, &options) else { return };
    let module = vm.alloc(Module::new(name));
    vm.register_module(name, Value::object(module));
    if let Ok(main) = vm.load(&compiled.module, module) {
        if let Err(e) = vm.run_main(main, name) {
            // Rendering the error in the language's own format must not panic either.
            let _ = frontend.render_runtime_error(&e);
        }
    }
}
