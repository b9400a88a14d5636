//! Golden tests: `devvm disasm` of each `tests/golden/disasm/*.dvs` must equal the
//! `.bc` file beside it, and `--dump core` of each must equal its `.core` file.
//! `DEVVM_BLESS=1 cargo test --test golden` rewrites the expected files (review the diff).

use std::path::{Path, PathBuf};
use std::process::Command;

fn bless() -> bool {
    std::env::var("DEVVM_BLESS").is_ok_and(|v| v == "1")
}

fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_devvm")).args(args).output().expect("run devvm");
    assert!(out.status.success(), "devvm {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn programs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/disasm");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("golden dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "dvs"))
        .collect();
    v.sort();
    assert!(v.len() >= 5, "the golden corpus is missing");
    v
}

fn check(program: &Path, ext: &str, actual: String) -> Option<String> {
    let expected_path = program.with_extension(ext);
    if bless() {
        std::fs::write(&expected_path, &actual).expect("write golden file");
        return None;
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    (expected != actual).then(|| format!("{} differs from `{}` output", expected_path.display(), ext))
}

#[test]
fn disassembly_and_core_match_golden_files() {
    let mut failures = Vec::new();
    for p in programs() {
        let path = p.to_str().expect("utf-8 path");
        failures.extend(check(&p, "bc", run(&["disasm", path])));
        failures.extend(check(&p, "core", run(&["run", "--dump", "core", path])));
    }
    assert!(failures.is_empty(), "golden mismatches (run with DEVVM_BLESS=1 and review):\n{}", failures.join("\n"));
}
