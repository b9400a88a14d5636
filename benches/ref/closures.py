# closures: closure-heavy code: counters with captured mutable state, adders, composition,
# closures made in a loop, and map/filter/reduce with function literals.
# Same algorithm as benches/closures.dvs; its list.map/filter/reduce are the built-ins
# map/filter/functools.reduce here.
import functools
import sys


def make_counter():
    c = 0

    def counter():
        nonlocal c
        c = c + 1
        return c
    return counter


def make_adder(n):
    return lambda x: x + n


def compose(f, g):
    return lambda x: f(g(x))


def main():
    rounds = 15000
    total = 0
    for r in range(rounds):
        counter = make_counter()
        f = compose(make_adder(r), lambda x: x * 2)
        xs = []
        for i in range(200):
            xs.append(f(i))
            counter()
        ys = list(filter(lambda x: x % 3 == 0, list(map(lambda x: x % 1000, xs))))
        s = functools.reduce(lambda a, b: (a + b) % 1000000007, ys, 0)
        fns = []
        for i in range(10):
            fns.append(lambda x, i=i: x + i)
        acc = 0
        for g in fns:
            acc = g(acc)
        if acc != 45:
            print("closures wrong loop capture", acc)
            sys.exit(1)
        total = (total + s + counter() + acc) % 1000000007
    if total != 504189000:
        print("closures wrong", total)
        sys.exit(1)
    print("closures", total, "ok")


main()
