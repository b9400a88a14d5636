# spectralnorm: the Benchmarks Game spectral norm of the infinite matrix A, n = 500.
# Lists of floats indexed by position; same algorithm as benches/spectralnorm.dvs.
import math
import sys


def a(i, j):
    ij = i + j
    return 1.0 / (ij * (ij + 1) // 2 + i + 1)


def mul_av(n, v, av):
    for i in range(n):
        s = 0.0
        for j in range(n):
            s = s + a(i, j) * v[j]
        av[i] = s


def mul_atv(n, v, atv):
    for i in range(n):
        s = 0.0
        for j in range(n):
            s = s + a(j, i) * v[j]
        atv[i] = s


def mul_atav(n, v, out, tmp):
    mul_av(n, v, tmp)
    mul_atv(n, tmp, out)


def main():
    n = 500
    u = []
    v = []
    tmp = []
    for i in range(n):
        u.append(1.0)
        v.append(0.0)
        tmp.append(0.0)
    for i in range(10):
        mul_atav(n, u, v, tmp)
        mul_atav(n, v, u, tmp)
    vbv = 0.0
    vv = 0.0
    for i in range(n):
        vbv = vbv + u[i] * v[i]
        vv = vv + v[i] * v[i]
    r = int(math.sqrt(vbv / vv) * 1000000000.0)
    if r != 1274224115:
        print("spectralnorm wrong", r)
        sys.exit(1)
    print("spectralnorm", r, "ok")


main()
