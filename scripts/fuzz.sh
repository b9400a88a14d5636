#!/usr/bin/env bash
# Runs one cargo-fuzz target for a while, seeded from the conformance corpus.
#
#   scripts/fuzz.sh [TARGET] [SECONDS]      (defaults: script_pipeline, 600)
#
# Installs cargo-fuzz if it is missing. cargo-fuzz needs nightly features; the stable
# toolchain provides them with RUSTC_BOOTSTRAP=1, which this script sets for the fuzz
# build only. Crashes land in fuzz/artifacts/TARGET/; the grown corpus in
# fuzz/corpus/TARGET/ (both ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-script_pipeline}
seconds=${2:-600}

command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked

corpus=fuzz/corpus/$target
mkdir -p "$corpus"
# Seed with every conformance program of the language the target reads (by extension).
case $target in
  script_*) ext=dvs ;;
  fun_*) ext=dvf ;;
  oo_*) ext=dvo ;;
  *) ext=dvs ;;
esac
find tests/conformance -name "*.$ext" -exec cp -n {} "$corpus/" \; 2>/dev/null || true
# Most of DevObj's corpus is the book's `.lox` programs.
if [ "$ext" = dvo ]; then
  find tests/conformance/oo -name "*.lox" -exec cp -n {} "$corpus/" \; 2>/dev/null || true
fi

export RUSTC_BOOTSTRAP=1
cd fuzz
exec cargo fuzz run "$target" "corpus/$target" -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048
