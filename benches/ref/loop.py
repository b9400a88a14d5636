# loop: a tight integer `while` loop, 50M iterations. Same algorithm as benches/loop.dvs.
import sys


def main():
    n = 50000000
    s = 0
    i = 0
    while i < n:
        s = s + i
        i = i + 1
    expected = n * (n - 1) // 2
    if s != expected:
        print("loop wrong", s)
        sys.exit(1)
    print("loop", s, "ok")


main()
