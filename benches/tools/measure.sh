#!/usr/bin/env bash
# Reproduces the figures in docs/performance.md: the issue's performance criteria,
# side by side with the reference VMs, in one run (hyperfine -N, release build).
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release -q
D=target/release/devvm
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== fib(32), interpreter vs lua5.4 (local and global function) =="
cat > "$tmp/fib_global.lua" <<'LUA'
function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
assert(fib(32) == 2178309); print("fib 2178309 ok")
LUA
hyperfine -N -w 1 -r 10 "$D run --jit off benches/fib.dvs" "lua5.4 benches/ref/fib.lua" "lua5.4 $tmp/fib_global.lua" "python3 benches/ref/fib.py"

echo "== nbody (300k steps), interpreter vs lua5.4 =="
hyperfine -N -w 1 -r 5 "$D run --jit off benches/nbody.dvs" "lua5.4 benches/ref/nbody.lua"

echo "== startup: hello.dvs =="
hyperfine -N -w 5 -r 50 "$D run examples/hello.dvs" "lua5.4 -e 'print(\"Hello, world!\")'"

echo "== compiling a 10,000-line generated file (check = parse + resolve + emit) =="
python3 benches/tools/gen_large.py 10000 > "$tmp/large.dvs"
hyperfine -N -w 3 -r 20 "$D check $tmp/large.dvs"

echo "== float arithmetic allocates nothing: nbody --gc-stats =="
$D run --gc-stats benches/nbody.dvs
