//! Fuzzes the whole DevScript pipeline: lex → parse → compile → run with fuel and a heap
//! cap (see `common`).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::run_program(&devvm_lang_script::DevScript, "fuzz.dvs", data, |_| {}));
