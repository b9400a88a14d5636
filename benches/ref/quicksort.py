# quicksort: recursive in-place quicksort (Hoare partition, middle pivot) of 1,000,000 pseudo-random
# ints from a linear congruential generator, then a sortedness check and a checksum.
# Same algorithm as benches/quicksort.dvs.
import sys

M = 1000000007


def qsort(a, lo, hi):
    if lo >= hi:
        return
    p = a[(lo + hi) // 2]
    i = lo
    j = hi
    while i <= j:
        while a[i] < p:
            i = i + 1
        while a[j] > p:
            j = j - 1
        if i <= j:
            t = a[i]
            a[i] = a[j]
            a[j] = t
            i = i + 1
            j = j - 1
    qsort(a, lo, j)
    qsort(a, i, hi)


def main():
    n = 1000000
    seed = 42
    a = []
    for i in range(n):
        seed = (seed * 1103515245 + 12345) % 2147483648
        a.append(seed % 1000000)
    qsort(a, 0, n - 1)
    s = 0
    for i in range(n):
        if i > 0 and a[i - 1] > a[i]:
            print("quicksort wrong: not sorted at", i)
            sys.exit(1)
        s = (s + a[i] * (i % 100 + 1)) % M
    if s != 728548529:
        print("quicksort wrong", s)
        sys.exit(1)
    print("quicksort", s, "ok")


main()
