//! Whole programs.

use super::{ast, core};
use crate::DevScript;
use devvm_compiler::Frontend;

const SPEC_EXAMPLE: &str = r#"import "shapes.dvo" as shapes          # a class written in DevObj

fn fib(n) {
  if n < 2 { return n }
  return fib(n - 1) + fib(n - 2)
}

let squares = [1, 2, 3].map(fn(x) { return x * x })
let ages = {"ada": 36, "alan": 41}
for name in ages { print("${name} is ${ages[name]}") }

try {
  print(10 // 0)
} catch e {
  print(e.kind, e.message)             # ZeroDivisionError ...
} finally {
  print("fib(20) =", fib(20), squares, shapes.Circle(2.0).area())
}
"#;

#[test]
fn the_spec_example_parses() {
    assert_eq!(ast(SPEC_EXAMPLE), [
        r#"(import "shapes.dvo" as shapes)"#,
        "(fn fib (n) (if (< n 2) (block (return n))) (return (+ (call fib (- n 1)) (call fib (- n 2)))))",
        "(let squares (call (. (list 1 2 3) map) (fn (x) (return (* x x)))))",
        r#"(let ages (map ("ada" 36) ("alan" 41)))"#,
        r#"(for name ages (call print (str name " is " (index ages name))))"#,
        r#"(try (block (call print (// 10 0))) (catch e (call print (. e kind) (. e message))) (finally (call print "fib(20) =" (call fib 20) squares (call (. (call (. shapes Circle) 2.0) area)))))"#,
    ]
    .join("\n"));
}

#[test]
fn the_spec_example_lowers() {
    let text = core(SPEC_EXAMPLE);
    assert!(text.contains("(let squares (invoke (list 1 2 3) map (fn <anonymous> (x) (return (* x x)))))"), "{text}");
    assert!(text.contains("(invoke (invoke shapes Circle 2.0) area)"), "{text}");
}

#[test]
fn the_spec_statement_list_parses() {
    let text = r#"
let x = 1                 # new variable, block scoped; `let x` alone binds nil
x = x + 1
xs[0] = 5; m["k"] = 1; obj.field = 2
fn add(a, b) { return a + b }
let sq = fn(x) { return x * x }
if c { f() } else if d { g() } else { h() }
while c { f() }
for x in xs { f() }
for i in 0..10 { f() }
while true { break; continue; return expr }
throw expr
try { f() } catch e { g() } finally { h() }
import "lib/geometry.dvo" as geo
import math
"#;
    assert_eq!(ast(text).lines().count(), 16);
}

#[test]
fn the_frontend_trait() {
    let f = DevScript;
    assert_eq!(
        (f.name(), f.display_name(), f.extensions(), f.prompt()),
        ("script", "DevScript", &["dvs"][..], "dvs> ")
    );
    assert_eq!(f.keywords().len(), 22);
    let file = super::file("let x = 1 + 2");
    assert_eq!(f.dump_ast(&file).unwrap(), "(let x (+ 1 2))\n");
    assert_eq!(f.dump_tokens(&file).unwrap().lines().count(), 7);
    assert_eq!(f.parse(&file).unwrap().module.body.len(), 1);
    let bad = super::file("let x = = 1");
    assert_eq!(f.parse(&bad).unwrap_err().len(), 1);
    assert!(f.dump_ast(&bad).is_err());
    assert!(f.dump_tokens(&super::file("@")).is_err());
}
