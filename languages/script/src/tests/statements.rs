//! Every statement form.

use super::{ast, errors};

#[test]
fn let_with_and_without_a_value() {
    assert_eq!(ast("let x\nlet y = 2"), "(let x)\n(let y 2)");
}

#[test]
fn assignment_targets() {
    assert_eq!(ast("x = 1"), "(= x 1)");
    assert_eq!(ast("xs[i + 1] = 2"), "(= (index xs (+ i 1)) 2)");
    assert_eq!(ast("a.b.c = 3"), "(= (. (. a b) c) 3)");
    assert_eq!(
        errors("f() = 1"),
        vec![
        "1:1 cannot assign to a function call: only a variable, an element 'xs[i]' or a field 'm.k' can be assigned"
    ]
    );
    assert_eq!(errors("a + b = 1").len(), 1);
    assert_eq!(errors("1 = x").len(), 1);
    assert_eq!(
        errors("a = b = c"),
        vec!["1:7 expected a new line or ';' to end the statement after 'b' but found '='"]
    );
}

#[test]
fn functions() {
    assert_eq!(ast("fn add(a, b) { return a + b }"), "(fn add (a b) (return (+ a b)))");
    assert_eq!(ast("let sq = fn(x) { return x * x }"), "(let sq (fn (x) (return (* x x))))");
    assert_eq!(ast("fn() { }()"), "(call (fn ()))");
    assert_eq!(errors("fn f(a, a) { }"), vec!["1:9 duplicate parameter 'a'"]);
    assert_eq!(errors("let f = fn g() { }")[0], "1:12 a function value has no name, but found 'g' after 'fn'");
}

#[test]
fn if_chains() {
    assert_eq!(ast("if c { a() }"), "(if c (block (call a)))");
    assert_eq!(ast("if c { a() } else { b() }"), "(if c (block (call a)) (else (call b)))");
    assert_eq!(
        ast("if c { a() } else if d { b() } else if e { } else { f() }"),
        "(if c (block (call a)) (else-if d (block (call b))) (else-if e (block)) (else (call f)))"
    );
}

#[test]
fn loops() {
    assert_eq!(ast("while i < 10 { i = i + 1 }"), "(while (< i 10) (= i (+ i 1)))");
    assert_eq!(ast("for x in xs { print(x) }"), "(for x xs (call print x))");
    assert_eq!(ast("for i in 0..10 { }"), "(for i (.. 0 10))");
    assert_eq!(ast("for k in {\"a\": 1} { }"), "(for k (map (\"a\" 1)))");
    assert_eq!(errors("for x xs { }"), vec!["1:7 expected 'in' after 'x' but found 'xs'"]);
}

#[test]
fn try_catch_finally() {
    assert_eq!(ast("try { a() } catch e { b(e) }"), "(try (block (call a)) (catch e (call b e)))");
    assert_eq!(ast("try { a() } catch { b() }"), "(try (block (call a)) (catch _ (call b)))");
    assert_eq!(ast("try { a() } finally { c() }"), "(try (block (call a)) (finally (call c)))");
    assert_eq!(
        errors("try { a() }\nx = 1"),
        vec!["1:12 expected 'catch' or 'finally' after '}' but found the end of the line"]
    );
    assert_eq!(ast("throw error(\"E\", \"m\")"), "(throw (call error \"E\" \"m\"))");
}

#[test]
fn imports() {
    assert_eq!(ast("import \"lib/geometry.dvo\" as geo"), "(import \"lib/geometry.dvo\" as geo)");
    assert_eq!(ast("import math"), "(import math as math)");
    assert_eq!(ast("import math as m"), "(import math as m)");
    assert_eq!(ast("import \"lib/geometry.dvo\""), "(import \"lib/geometry.dvo\" as geometry)");
    assert_eq!(
        errors("import \"my-lib.dvs\""),
        vec!["1:8 cannot name the module after the file 'my-lib.dvs': add 'as name'"]
    );
    assert_eq!(errors("import \"${x}.dvs\" as y")[0], "1:8 an import path must be a plain string, without '${ }'");
}

#[test]
fn interpolated_strings() {
    assert_eq!(ast("\"x = ${x + 1}\""), "(str \"x = \" (+ x 1))");
    assert_eq!(ast("\"a ${ m[\"k\"] } b\""), "(str \"a \" (index m \"k\") \" b\")");
    assert_eq!(ast("\"${a}${b}\""), "(str a b)");
    assert_eq!(errors("\"a ${} b\""), vec!["1:6 an interpolation '${ }' needs an expression inside"]);
    assert_eq!(errors("\"${a b}\""), vec!["1:6 expected '}' to end the interpolation but found 'b'"]);
}

#[test]
fn map_keys_are_expressions() {
    assert_eq!(ast("{k: 1, \"s\": 2, 1 + 1: 3}"), "(map (k 1) (\"s\" 2) ((+ 1 1) 3))");
    assert_eq!(
        errors("{\"a\" = 1}"),
        vec!["1:6 expected ':' between the map key and its value after a string but found '='"]
    );
}
