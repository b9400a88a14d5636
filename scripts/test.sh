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

# The corpora (DevScript, DevFun, DevObj) again with the collector at its most aggressive: a minor collection at
# every safepoint that follows an allocation, a full one every 32 minors, the vacated
# nursery poisoned, and the heap verified around every collection (docs/gc.md).
echo "== conformance corpus under DEVVM_GC_STRESS=1 DEVVM_GC_VERIFY=1 =="
DEVVM_GC_STRESS=1 DEVVM_GC_VERIFY=1 cargo test --release --test conformance --test conformance_oo 2>&1

# The unit and integration tests of the crates that hold heap pointers, under the same
# stress: a test that keeps a stale pointer across a collection reads poison and fails.
echo "== vm, stdlib and repl tests under DEVVM_GC_STRESS=1 DEVVM_GC_VERIFY=1 =="
DEVVM_GC_STRESS=1 DEVVM_GC_VERIFY=1 cargo test --release -p devvm-vm -p devvm-stdlib -p devvm-repl 2>&1
