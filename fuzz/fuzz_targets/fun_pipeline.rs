//! Fuzzes the whole DevFun pipeline: lexer, LR parser, type checker, lowering, the shared
//! emitter, and a run with fuel and a heap cap. Any input must give a result or
//! diagnostics, never a panic, a hang or a stack overflow (recursive types, occurs-check
//! failures and deep nesting included).
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
    devvm_lang_fun::runtime::install(&mut vm);
    vm.set_output(Box::new(std::io::sink()));
    let file = SourceFile::new("fuzz.dvf", text);
    let options = CompileOptions { builtins: vm.builtin_names().to_vec(), ..CompileOptions::default() };
    let Ok(compiled) = compile_source(&devvm_lang_fun::DevFun, &file, &options) else { return };
    let module = vm.alloc(Module::new("fuzz.dvf"));
    vm.register_module("fuzz.dvf", Value::object(module));
    if let Ok(main) = vm.load(&compiled.module, module) {
        let _ = vm.run_main(main, "fuzz.dvf");
    }
});
