#!/usr/bin/env python3
"""Times several commands in interleaved rounds (A B C A B C ...) and prints, for each,
the minimum, median and maximum wall time and the ratio of its median to the first one's.

Sequential timing (all runs of A, then all of B) is biased on a shared machine: a
build starting on the other core slows whichever command happens to run then. Interleaving
spreads that noise over every command, and the minimum shows what each costs when
undisturbed.

    benches/tools/interleave.py -n 20 "devvm run benches/fib.dvs" "lua5.4 benches/ref/fib.lua"
"""
import argparse
import shlex
import statistics
import subprocess
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--rounds", type=int, default=15)
    parser.add_argument("-w", "--warmup", type=int, default=1)
    parser.add_argument("commands", nargs="+")
    args = parser.parse_args()
    argvs = [shlex.split(c) for c in args.commands]
    times = [[] for _ in argvs]
    for round_index in range(args.warmup + args.rounds):
        for i, argv in enumerate(argvs):
            start = time.perf_counter()
            done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            elapsed = time.perf_counter() - start
            if done.returncode != 0:
                sys.stderr.write(f"'{args.commands[i]}' failed ({done.returncode}):\n{done.stderr.decode()}")
                return 1
            if round_index >= args.warmup:
                times[i].append(elapsed)
    base = statistics.median(times[0])
    print(f"{'command':<50} {'min':>9} {'median':>9} {'max':>9} {'ratio':>7}")
    for command, ts in zip(args.commands, times):
        median = statistics.median(ts)
        print(f"{command[:50]:<50} {min(ts)*1e3:8.1f}ms {median*1e3:8.1f}ms {max(ts)*1e3:8.1f}ms {median/base:6.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
