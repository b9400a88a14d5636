# invocation: the same algorithm as benches/invocation.dvo.
import sys


def add(a, b):
    return a + b


def inc(a):
    return add(a, 1)


def main():
    n = 3000000
    x = 0
    for i in range(n):
        x = inc(x)
    if x != 3000000:
        print("invocation wrong", x)
        sys.exit(1)
    print("invocation", x, "ok")


main()
