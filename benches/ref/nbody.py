# nbody: the Benchmarks Game n-body simulation (5 Jovian bodies, floats).
# Bodies are dicts with string keys, as maps in benches/nbody.dvs and tables in nbody.lua.
import math
import sys

PI = 3.141592653589793
SOLAR_MASS = 4 * PI * PI
DAYS_PER_YEAR = 365.24


def body(x, y, z, vx, vy, vz, mass):
    return {
        "x": x, "y": y, "z": z,
        "vx": vx * DAYS_PER_YEAR, "vy": vy * DAYS_PER_YEAR, "vz": vz * DAYS_PER_YEAR,
        "mass": mass * SOLAR_MASS,
    }


def make_bodies():
    sun = body(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0)
    jupiter = body(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
                   1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05,
                   9.54791938424326609e-04)
    saturn = body(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
                  -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05,
                  2.85885980666130812e-04)
    uranus = body(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
                  2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05,
                  4.36624404335156298e-05)
    neptune = body(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
                   2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05,
                   5.15138902046611451e-05)
    return [sun, jupiter, saturn, uranus, neptune]


def offset_momentum(bodies):
    px = 0.0
    py = 0.0
    pz = 0.0
    for b in bodies:
        m = b["mass"]
        px = px + b["vx"] * m
        py = py + b["vy"] * m
        pz = pz + b["vz"] * m
    sun = bodies[0]
    sun["vx"] = -px / SOLAR_MASS
    sun["vy"] = -py / SOLAR_MASS
    sun["vz"] = -pz / SOLAR_MASS


def advance(bodies, n, dt):
    for i in range(n):
        bi = bodies[i]
        bix = bi["x"]
        biy = bi["y"]
        biz = bi["z"]
        bimass = bi["mass"]
        bivx = bi["vx"]
        bivy = bi["vy"]
        bivz = bi["vz"]
        for j in range(i + 1, n):
            bj = bodies[j]
            dx = bix - bj["x"]
            dy = biy - bj["y"]
            dz = biz - bj["z"]
            dsq = dx * dx + dy * dy + dz * dz
            mag = dt / (dsq * math.sqrt(dsq))
            bm = bj["mass"] * mag
            bivx = bivx - dx * bm
            bivy = bivy - dy * bm
            bivz = bivz - dz * bm
            bm = bimass * mag
            bj["vx"] = bj["vx"] + dx * bm
            bj["vy"] = bj["vy"] + dy * bm
            bj["vz"] = bj["vz"] + dz * bm
        bi["vx"] = bivx
        bi["vy"] = bivy
        bi["vz"] = bivz
        bi["x"] = bix + dt * bivx
        bi["y"] = biy + dt * bivy
        bi["z"] = biz + dt * bivz


def energy(bodies, n):
    e = 0.0
    for i in range(n):
        bi = bodies[i]
        vx = bi["vx"]
        vy = bi["vy"]
        vz = bi["vz"]
        bim = bi["mass"]
        e = e + 0.5 * bim * (vx * vx + vy * vy + vz * vz)
        for j in range(i + 1, n):
            bj = bodies[j]
            dx = bi["x"] - bj["x"]
            dy = bi["y"] - bj["y"]
            dz = bi["z"] - bj["z"]
            e = e - bim * bj["mass"] / math.sqrt(dx * dx + dy * dy + dz * dz)
    return e


def trunc9(e):
    # energy * 1e9 truncated toward zero, so all three languages print the same digits
    return int(e * 1000000000.0)


def main():
    steps = 300000
    bodies = make_bodies()
    n = len(bodies)
    offset_momentum(bodies)
    e0 = trunc9(energy(bodies, n))
    for _ in range(steps):
        advance(bodies, n, 0.01)
    e1 = trunc9(energy(bodies, n))
    if e0 != -169075163 or e1 != -169087839:
        print("nbody wrong", e0, e1)
        sys.exit(1)
    print("nbody", e0, e1, "ok")


main()
