# instantiation: the same algorithm as benches/instantiation.dvo.
import sys


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Point3(Point):
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


def main():
    n = 1000000
    total = 0
    for i in range(n):
        p = Point(i, 1)
        q = Point3(1, 2, i)
        total = total + p.y + q.x + q.y
    if total != 4000000:
        print("instantiation wrong", total)
        sys.exit(1)
    print("instantiation", total, "ok")


main()
