//! Fuzzes the whole DevObj pipeline: lex → parse (with the resolver's checks) → compile →
//! run on the shared object model (classes, shapes, inline caches), rendering errors in the
//! book's format (see `common`). Seed it with `tests/conformance/oo`.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::run_program(&devvm_lang_oo::DevObj, "fuzz.dvo", data, |_| {}));
