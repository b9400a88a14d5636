# property: the same algorithm as benches/property.dvo.
import sys


class Vec:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z


def main():
    v = Vec(1, 2, 3)
    w = Vec(0, 0, 0)
    n = 2000000
    for i in range(n):
        w.x = w.x + v.x
        w.y = w.y + v.y
        w.z = w.z + v.z - v.x
        v.x = v.z - v.y
    total = w.x + w.y + w.z
    if total != 10000000:
        print("property wrong", total)
        sys.exit(1)
    print("property", total, "ok")


main()
