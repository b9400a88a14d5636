# mapslists: list push/index/pop and map insert/lookup/update with int and string keys.
# Same algorithm as benches/mapslists.dvs (lists are Python lists, maps are dicts).
import sys

M = 1000000007


def main():
    n = 1000000
    # list push and (indirect) indexing; (i * 7919) % n is a permutation of 0..n-1
    xs = []
    for i in range(n):
        xs.append((i * 7919) % n)
    s = 0
    for i in range(n):
        s = (s + xs[xs[i]]) % M
    # int-keyed map: insert, then look up present and absent keys
    m = {}
    for i in range(n):
        m[xs[i]] = i
    hits = 0
    for i in range(n):
        v = m.get(i * 2, -1)
        if v != -1:
            hits = hits + 1
            s = (s + v) % M
    # string-keyed map: counting words
    words = {}
    for i in range(n):
        k = "w" + str(i % 1000)
        words[k] = words.get(k, 0) + 1
    for k in words:
        s = (s + words[k] * len(k)) % M
    # pop everything
    while len(xs) > 0:
        s = (s + xs.pop()) % M
    total = (s + hits + len(m) + len(words)) % M
    if hits != n // 2 or total != 3882250:
        print("mapslists wrong", hits, total)
        sys.exit(1)
    print("mapslists", total, "ok")


main()
