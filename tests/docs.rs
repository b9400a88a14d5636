//! Generated reference docs stay in sync with their single source of truth.
//! `DEVVM_BLESS=1 cargo test --test docs` rewrites them.

use std::path::PathBuf;

fn check(rel: &str, generated: String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel);
    if std::env::var("DEVVM_BLESS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &generated).expect("write blessed doc");
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "{rel} is out of date: run `DEVVM_BLESS=1 cargo test --test docs` and review the diff"
    );
}

#[test]
fn bytecode_reference_is_current() {
    check("docs/bytecode.md", devvm_vm::bytecode::ops::reference_markdown());
}

#[test]
fn error_codes_are_current() {
    check("docs/errors.md", devvm_vm::errors_markdown());
}
