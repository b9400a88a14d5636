//! Inline-cache behaviour of the DevObj object model, observed through `devvm run --stats`
//! (hits, polymorphic hits, misses, megamorphic misses): a monomorphic loop, a polymorphic
//! site, a shape change in the middle of a loop, and a megamorphic site. Each program also
//! checks its output, so a cache that answers wrongly fails even if the counters look right.

use std::path::PathBuf;
use std::process::Command;

#[derive(Debug)]
struct Counters {
    hits: u64,
    poly: u64,
    misses: u64,
    mega: u64,
}

/// Runs a DevObj program with `--stats`; returns its stdout and the cache counters.
fn run(name: &str, source: &str) -> (String, Counters) {
    let dir = std::env::temp_dir().join(format!("devvm-ic-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let file: PathBuf = dir.join(format!("{name}.dvo"));
    std::fs::write(&file, source).expect("the program is written");
    let out =
        Command::new(env!("CARGO_BIN_EXE_devvm")).args(["run", "--stats"]).arg(&file).output().expect("devvm runs");
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{name} failed:\n{stderr}");
    let line = stderr.lines().find(|l| l.starts_with("inline caches:")).expect("--stats prints the caches");
    let nums: Vec<u64> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().expect("a number"))
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    (
        String::from_utf8_lossy(&out.stdout).to_string(),
        Counters { hits: nums[0], poly: nums[1], misses: nums[2], mega: nums[3] },
    )
}

#[test]
fn a_monomorphic_loop_hits_after_the_first_miss() {
    let (out, c) = run(
        "mono",
        "class P { init() { this.x = 2; } get() { return this.x; } }
         var p = P(); var s = 0;
         for (var i = 0; i < 1000; i = i + 1) { s = s + p.x + p.get(); }
         print s;",
    );
    assert_eq!(out, "4000\n");
    assert!(c.hits >= 2990, "every read after the first hits: {c:?}");
    assert!(c.misses <= 10, "one miss per site, not per iteration: {c:?}");
    assert_eq!(c.poly, 0, "{c:?}");
    assert_eq!(c.mega, 0, "{c:?}");
}

#[test]
fn a_polymorphic_site_uses_its_fallback_entries() {
    let (out, c) = run(
        "poly",
        "class A { v() { return 1; } } class B { v() { return 2; } } class C { v() { return 3; } }
         var xs = [A(), B(), C()]; var s = 0;
         for (var i = 0; i < 300; i = i + 1) { s = s + xs[i % 3].v(); }
         print s;",
    );
    assert_eq!(out, "600\n");
    assert!(c.poly >= 190, "two of three receivers hit a polymorphic entry: {c:?}");
    assert!(c.misses <= 10, "{c:?}");
    assert_eq!(c.mega, 0, "{c:?}");
}

#[test]
fn a_shape_change_mid_loop_stays_correct() {
    let (out, c) = run(
        "shape_change",
        "class P { init() { this.x = 1; } }
         var p = P(); var s = 0;
         for (var i = 0; i < 100; i = i + 1) {
           if (i == 50) p.y = 10;
           if (i == 75) p.x = 3;
           s = s + p.x;
         }
         print s; print p.y;",
    );
    assert_eq!(out, "150\n10\n");
    // The new shape costs one more miss at the read site, then it hits again.
    assert!(c.misses <= 12, "{c:?}");
    assert!(c.hits >= 90, "{c:?}");
}

#[test]
fn past_four_shapes_a_site_is_megamorphic_but_right() {
    let (out, c) = run(
        "mega",
        "class A { init() { this.v = 1; } } class B { init() { this.a = 0; this.v = 2; } }
         class C { init() { this.b = 0; this.v = 3; } } class D { init() { this.c = 0; this.v = 4; } }
         class E { init() { this.d = 0; this.v = 5; } } class F { init() { this.e = 0; this.v = 6; } }
         var xs = [A(), B(), C(), D(), E(), F()]; var s = 0;
         for (var i = 0; i < 600; i = i + 1) { s = s + xs[i % 6].v; }
         print s;",
    );
    assert_eq!(out, "2100\n");
    assert!(c.mega > 0, "{c:?}");
}

#[test]
fn an_inherited_method_hits_inline_for_both_shapes() {
    // `Base.get` and `Base.bump` run on instances of two classes (two shapes): the second
    // shape takes each site's second entry (which the interpreter checks inline; that it
    // is fast is shown by the benchmarks, what is checked here is that it counts as a
    // polymorphic hit, never a miss), and the fields past the inline slots (`f5` to `f7`)
    // are read and written right too.
    let (out, c) = run(
        "bimorphic",
        "class Base { init() { this.n = 0; } get() { return this.n; } bump() { this.n = this.n + 1; } }
         class Sub < Base {
           init() { super.init(); this.f2 = 2; this.f3 = 3; this.f4 = 4; this.f5 = 5; this.f6 = 6; this.f7 = 7; }
           seventh() { this.f7 = this.f7 + 1; return this.f7; }
         }
         var a = Base(); var b = Sub(); var s = 0;
         for (var i = 0; i < 500; i = i + 1) { a.bump(); b.bump(); s = s + a.get() + b.get(); }
         var t = 0;
         for (var i = 0; i < 10; i = i + 1) t = b.seventh();
         print s; print t;",
    );
    assert_eq!(out, "250500\n17\n");
    // Per iteration the second shape hits entry 1 at `get`'s read and at `bump`'s
    // `LOCAL_PROP_STEP` (which adds in place: one lookup where the unfused read and write
    // made two), so at least 2 x 500 less the first calls.
    assert!(c.poly >= 990, "the second shape hits entry 1 at every site: {c:?}");
    assert!(c.misses <= 30, "one miss per site and shape, not per call: {c:?}");
    assert_eq!(c.mega, 0, "{c:?}");
}
