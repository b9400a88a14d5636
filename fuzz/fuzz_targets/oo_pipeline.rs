//! Fuzzes the whole DevObj pipeline: lex → parse (with the resolver's checks) → compile →
//! run with fuel and a heap cap, on the shared object model (classes, shapes, inline
//! caches). Any panic, abort or hang (beyond the fuel) is a bug; compile and runtime errors
//! are expected outcomes. Seed it with `tests/conformance/oo`.
#![no_main]

use devvm_compiler::pipeline::compile_source;
use devvm_compiler::{CompileOptions, SourceFile};
use devvm_vm::object::Module;
use devvm_vm::{Policy, Value, Vm};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let policy = Policy { fuel: Some(200_000), max_heap: Some(64 << 20), max_depth: 2_000, ..Policy::default() };
    let mut vm = Vm::new(policy);
    devvm_stdlib::install(&mut vm);
    vm.set_output(Box::new(std::io::sink()));
    let file = SourceFile::new("fuzz.dvo", text);
    let options = CompileOptions { builtins: vm.builtin_names().to_vec(), ..CompileOptions::default() };
    let Ok(compiled) = compile_source(&devvm_lang_oo::DevObj, &file, &options) else { return };
    let module = vm.alloc(Module::new("fuzz.dvo"));
    vm.register_module("fuzz.dvo", Value::object(module));
    if let Ok(main) = vm.load(&compiled.module, module) {
        if let Err(e) = vm.run_main(main, "fuzz.dvo") {
            // Rendering the error (the book's format) must not panic either.
            let _ = devvm_lang_oo::render_runtime_error(&e);
        }
    }
});
