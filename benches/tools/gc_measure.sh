#!/usr/bin/env bash
# Reproduces the GC figures in docs/performance.md: binarytrees at depth 14 and 16 against
# lua5.4 (wall time with hyperfine, peak RSS with /usr/bin/time), the pause statistics,
# and the nursery-size sweep (callgrind instruction counts, repeatable on a noisy machine).
# Usage: benches/tools/gc_measure.sh [--sweep]
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release -q
D=target/release/devvm
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Depth 16 versions of the same programs (the committed ones are depth 14 and check
# their depth-14 total; these print the total, which both must agree on).
sed -e 's/let n = 14/let n = 16/' -e '/assert(total == 3222190/d' benches/binarytrees.dvs > "$tmp/bt16.dvs"
sed -e 's/local n = 14/local n = 16/' -e '/binarytrees wrong/d' benches/ref/binarytrees.lua > "$tmp/bt16.lua"
a=$($D run "$tmp/bt16.dvs"); b=$(lua5.4 "$tmp/bt16.lua")
[ "$a" = "$b" ] || { echo "depth 16 outputs differ: '$a' vs '$b'"; exit 1; }

for depth in 14 16; do
  if [ $depth = 14 ]; then dvs=benches/binarytrees.dvs; lua=benches/ref/binarytrees.lua; else dvs=$tmp/bt16.dvs; lua=$tmp/bt16.lua; fi
  echo "== binarytrees depth $depth: wall time =="
  hyperfine -N -w 1 -r 5 "$D run $dvs" "lua5.4 $lua"
  echo "== binarytrees depth $depth: peak RSS (KB), 3 runs each =="
  for i in 1 2 3; do
    /usr/bin/time -f "devvm %M" $D run "$dvs" >/dev/null
    /usr/bin/time -f "lua5.4 %M" lua5.4 "$lua" >/dev/null
  done
done

echo "== binarytrees depth 14: collector statistics =="
$D run --gc-stats benches/binarytrees.dvs

if [ "${1:-}" = "--sweep" ]; then
  echo "== nursery size sweep (instructions; pauses) =="
  for n in 262144 524288 1048576 2097152 4194304; do
    ins=$(DEVVM_GC_NURSERY=$n valgrind --tool=callgrind --callgrind-out-file=/dev/null $D run benches/binarytrees.dvs 2>&1 | grep "refs:" | awk '{print $NF}')
    p=$(DEVVM_GC_NURSERY=$n $D run --gc-stats benches/binarytrees.dvs 2>&1 | grep "pauses:")
    echo "eden $n: $ins instructions; $p"
  done
fi
