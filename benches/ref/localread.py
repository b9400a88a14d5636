# localread: the same loop as benches/localread.dvo.
import sys


def main():
    v = 3
    total = 0
    for i in range(5000000):
        total = total + v
    if total != 15000000:
        print("localread wrong", total)
        sys.exit(1)
    print("localread", total, "ok")


main()
