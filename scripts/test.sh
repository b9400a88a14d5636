#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it (.ci/run calls this script).
# Installs what the tests need on a fresh Debian machine, then runs every crate's unit
# tests, the docs sync tests, the golden disassembly tests and the conformance corpus,
# in release mode (the corpus runs hundreds of programs).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

export CARGO_TERM_COLOR=never
echo "== cargo test (release, whole workspace) =="
cargo test --release --workspace --all-targets 2>&1
