//! Fuzzes the whole DevScript pipeline: lex → parse → compile → run with fuel and a heap
//! cap. Any panic, abort or hang (beyond the fuel) is a bug; compile and runtime errors
//! are expected outcomes.
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
    let file = SourceFile::new("fuzz.dvs", text);
    let options = CompileOptions { builtins: vm.builtin_names().to_vec(), ..CompileOptions::default() };
    let Ok(compiled) = compile_source(&devvm_lang_script::DevScript, &file, &options) else { return };
    let module = vm.alloc(Module::new("fuzz.dvs"));
    vm.register_module("fuzz.dvs", Value::object(module));
    if let Ok(main) = vm.load(&compiled.module, module) {
        let _ = vm.run_main(main, "fuzz.dvs");
    }
});
