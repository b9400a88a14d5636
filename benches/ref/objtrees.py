# objtrees: the same algorithm as benches/objtrees.dvo (trees of objects).
import sys


class Node:
    def __init__(self, left, right):
        self.left = left
        self.right = right

    def check(self):
        if self.left is None:
            return 1
        return 1 + self.left.check() + self.right.check()


def make(d):
    if d == 0:
        return Node(None, None)
    return Node(make(d - 1), make(d - 1))


def main():
    n = 14
    min_depth = 4
    max_depth = n
    total = make(max_depth + 1).check()
    long_lived = make(max_depth)
    d = min_depth
    while d <= max_depth:
        iterations = 1 << (max_depth - d + min_depth)
        c = 0
        for i in range(iterations):
            c = c + make(d).check()
        if c != iterations * ((1 << (d + 1)) - 1):
            print("objtrees wrong at depth", d)
            sys.exit(1)
        total = total + c
        d = d + 2
    total = total + long_lived.check()
    if total != 3222190:
        print("objtrees wrong", total)
        sys.exit(1)
    print("objtrees", total, "ok")


main()
