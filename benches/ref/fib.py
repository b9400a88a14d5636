# fib: naive recursion, fib(32). Same algorithm as benches/fib.dvs.
import sys


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main():
    r = fib(32)
    if r != 2178309:
        print("fib wrong", r)
        sys.exit(1)
    print("fib", r, "ok")


main()
