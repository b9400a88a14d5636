# binarytrees: the Benchmarks Game binary-trees allocation benchmark, depth 14.
# A node is a 2-element list [left, right]; a leaf is [None, None].
# Same algorithm as benches/binarytrees.dvs.
import sys


def make(d):
    if d == 0:
        return [None, None]
    return [make(d - 1), make(d - 1)]


def check(t):
    if t[0] is None:
        return 1
    return 1 + check(t[0]) + check(t[1])


def main():
    n = 14
    min_depth = 4
    max_depth = n
    if min_depth + 2 > n:
        max_depth = min_depth + 2
    total = check(make(max_depth + 1))
    long_lived = make(max_depth)
    d = min_depth
    while d <= max_depth:
        iterations = 1 << (max_depth - d + min_depth)
        c = 0
        for i in range(iterations):
            c = c + check(make(d))
        if c != iterations * ((1 << (d + 1)) - 1):
            print("binarytrees wrong at depth", d, c)
            sys.exit(1)
        total = total + c
        d = d + 2
    total = total + check(long_lived)
    if total != 3222190:
        print("binarytrees wrong", total)
        sys.exit(1)
    print("binarytrees", total, "ok")


main()
