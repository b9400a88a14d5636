# strings: string building with interpolation and `+`, join, split and comparison.
# Same algorithm as benches/strings.dvs (interpolation there is an f-string here).
import sys


def main():
    rounds = 5000
    total = 0
    for r in range(rounds):
        parts = []
        for i in range(100):
            parts.append(f"k{i}={(i * r) % 97}")
        line = ";".join(parts)
        fields = line.split(";")
        if len(fields) != 100:
            print("strings wrong field count", len(fields))
            sys.exit(1)
        acc = ""
        i = 0
        for f in fields:
            kv = f.split("=")
            if kv[0] != "k" + str(i):
                print("strings wrong key", kv[0])
                sys.exit(1)
            acc = acc + kv[1] + ","
            i = i + 1
        total = (total + len(line) * 31 + len(acc)) % 1000000007
    if total != 106356984:
        print("strings wrong", total)
        sys.exit(1)
    print("strings", total, "ok")


main()
