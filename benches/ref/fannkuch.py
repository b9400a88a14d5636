# fannkuch: the Benchmarks Game fannkuch-redux (permutation flipping), n = 9.
# Same algorithm as benches/fannkuch.dvs (the classic C formulation with count[]).
import sys


def fannkuch(n):
    perm1 = []
    perm = []
    count = []
    for i in range(n):
        perm1.append(i)
        perm.append(0)
        count.append(0)
    max_flips = 0
    checksum = 0
    perm_count = 0
    r = n
    while True:
        while r != 1:
            count[r - 1] = r
            r = r - 1
        for i in range(n):
            perm[i] = perm1[i]
        flips = 0
        k = perm[0]
        while k != 0:
            i = 0
            j = k
            while i < j:
                t = perm[i]
                perm[i] = perm[j]
                perm[j] = t
                i = i + 1
                j = j - 1
            flips = flips + 1
            k = perm[0]
        if flips > max_flips:
            max_flips = flips
        if perm_count % 2 == 0:
            checksum = checksum + flips
        else:
            checksum = checksum - flips
        # next permutation
        while True:
            if r == n:
                return [checksum, max_flips]
            perm0 = perm1[0]
            i = 0
            while i < r:
                perm1[i] = perm1[i + 1]
                i = i + 1
            perm1[r] = perm0
            count[r] = count[r] - 1
            if count[r] > 0:
                break
            r = r + 1
        perm_count = perm_count + 1


def main():
    res = fannkuch(9)
    if res[0] != 8629 or res[1] != 30:
        print("fannkuch wrong", res[0], res[1])
        sys.exit(1)
    print("fannkuch", res[0], res[1], "ok")


main()
