#!/usr/bin/env bash
# Installs the tools the project needs beyond the Rust toolchain. Idempotent; safe to run
# on every CI start. Reference VMs (lua5.4, python3) are only needed by `devvm bench
# --compare`, hyperfine by docs/performance.md's measurements.
set -euo pipefail
need=()
command -v lua5.4 >/dev/null 2>&1 || need+=(lua5.4)
command -v hyperfine >/dev/null 2>&1 || need+=(hyperfine)
command -v python3 >/dev/null 2>&1 || need+=(python3)
# The DevFun oracle test (tests/oracle_fun.rs) runs the corpus under the real OCaml toplevel.
command -v ocaml >/dev/null 2>&1 || need+=(ocaml-nox)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing ${need[*]} =="
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 \
      || echo "warning: could not install ${need[*]} (only benchmarks need them)"
  else
    echo "note: ${need[*]} missing; only 'devvm bench --compare' needs them"
  fi
fi
