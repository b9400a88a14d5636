# fieldread: the same loop as benches/fieldread.dvo.
import sys


class Box:
    def __init__(self, v):
        self.v = v


def main():
    b = Box(3)
    total = 0
    for i in range(5000000):
        total = total + b.v
    if total != 15000000:
        print("fieldread wrong", total)
        sys.exit(1)
    print("fieldread", total, "ok")


main()
