//! Fuzzes the whole DevFun pipeline: lexer, LR parser, type checker, lowering, the shared
//! emitter, and a run (see `common`). Any input must give a result or diagnostics, never a
//! panic, a hang or a stack overflow (recursive types, occurs-check failures and deep
//! nesting included).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::run_program(
    &devvm_lang_fun::DevFun,
    "fuzz.dvf",
    data,
    devvm_lang_fun::runtime::install
));
