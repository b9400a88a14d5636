# sieve: the sieve of Eratosthenes over a list of booleans, primes up to 1,000,000, 5 times.
# Same algorithm as benches/sieve.dvs.
import sys


def sieve(n):
    flags = []
    for i in range(n + 1):
        flags.append(True)
    i = 2
    while i * i <= n:
        if flags[i]:
            j = i * i
            while j <= n:
                flags[j] = False
                j = j + i
        i = i + 1
    count = 0
    for k in range(2, n + 1):
        if flags[k]:
            count = count + 1
    return count


def main():
    total = 0
    for r in range(5):
        c = sieve(1000000)
        if c != 78498:
            print("sieve wrong", c)
            sys.exit(1)
        total = total + c
    print("sieve", total, "ok")


main()
