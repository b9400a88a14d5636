//! Lowering to the core AST, checked through the compiler's `--dump core` printer.

use super::{core, file};
use crate::lower::lower;
use crate::parse_script;
use devvm_compiler::core::{ExprKind, StmtKind};

#[test]
fn declarations_become_function_groups() {
    assert_eq!(core("fn f(a) { return a }"), "(fn f (a) (return a))");
    let module = lower(&parse_script(&file("fn f() { }\nfn g() { }")).unwrap());
    assert!(module.body.iter().all(|s| matches!(&s.kind, StmtKind::Functions(defs) if defs.len() == 1)));
}

#[test]
fn function_values_take_the_name_they_are_bound_to() {
    assert_eq!(core("let sq = fn(x) { return x * x }"), "(let sq (fn sq (x) (return (* x x))))");
    assert_eq!(core("h = fn() { }"), "(set h (fn h ()))");
    assert_eq!(core("m.k = fn() { }"), "(set (field m k) (fn k ()))");
    assert_eq!(core("f(fn() { })"), "(call f (fn <anonymous> ()))");
}

#[test]
fn if_becomes_an_expression_with_blocks() {
    assert_eq!(core("if a { b() }"), "(if a (block (call b)))");
    assert_eq!(
        core("if a { b() } else if c { d() } else { e() }"),
        "(if a (block (call b)) (if c (block (call d)) (block (call e))))"
    );
    let module = lower(&parse_script(&file("if a { }")).unwrap());
    let StmtKind::Expr(e) = &module.body[0].kind else { panic!("an if is an expression statement") };
    let ExprKind::If { then, otherwise, .. } = &e.kind else { panic!("an if expression") };
    assert!(matches!(then.kind, ExprKind::Block { value: None, .. }));
    assert!(otherwise.is_none());
}

#[test]
fn loops() {
    assert_eq!(core("for i in 0..10 { }"), "(for-range i 0 .. 10 step 1)");
    assert_eq!(core("for i in a..=b + 1 { f(i) }"), "(for-range i a ..= (+ b 1) step 1 (call f i))");
    assert_eq!(core("for i in (0..10) { }"), "(for-range i 0 .. 10 step 1)");
    assert_eq!(core("let r = 0..3\nfor i in r { }"), "(let r (.. 0 3))\n(for i r)");
    assert_eq!(core("for x in xs { }"), "(for x xs)");
    assert_eq!(core("for x in range(0, 10) { }"), "(for x (call range 0 10))");
    assert_eq!(core("let r = 0..10"), "(let r (.. 0 10))");
    assert_eq!(core("while true { break }"), "(while true break)");
}

#[test]
fn calls_and_method_invocations() {
    assert_eq!(core("f(1, 2)"), "(call f 1 2)");
    assert_eq!(core("xs.push(1)"), "(invoke xs push 1)");
    assert_eq!(core("m.f"), "(field m f)");
    assert_eq!(core("(m.f)(1)"), "(invoke m f 1)");
    assert_eq!(core("f(1)(2)"), "(call (call f 1) 2)");
}

#[test]
fn operators() {
    assert_eq!(core("a and b or not c"), "(or (and a b) (not c))");
    assert_eq!(core("~a"), "(bitnot a)");
    assert_eq!(core("-a"), "(neg a)");
    assert_eq!(core("-5 + -2.5"), "(+ -5 -2.5)");
    assert_eq!(core("-9223372036854775808"), "-9223372036854775808");
    assert_eq!(core("- -9223372036854775808"), "(neg -9223372036854775808)");
    assert_eq!(core("a // b ** c"), "(// a (** b c))");
}

#[test]
fn strings_and_collections() {
    assert_eq!(core("\"a ${x} b\""), "(interp \"a \" x \" b\")");
    assert_eq!(core("[1, \"two\", 3.0]"), "(list 1 \"two\" 3.0)");
    assert_eq!(core("{\"a\": 1}"), "(map (\"a\" 1))");
}

#[test]
fn assignment_targets() {
    assert_eq!(core("let x\nx = 1"), "(let x)\n(set x 1)");
    assert_eq!(core("xs[0] = 5"), "(set (index xs 0) 5)");
    assert_eq!(core("obj.field = 2"), "(set (field obj field) 2)");
    assert_eq!(core("let x\n(x) = 3"), "(let x)\n(set x 3)");
}

#[test]
fn exceptions_and_imports() {
    assert_eq!(
        core("try { a() } catch e { b() } finally { c() }"),
        "(try (block (call a)) (catch e (call b)) (finally (call c)))"
    );
    assert_eq!(core("try { a() } catch { }"), "(try (block (call a)) (catch _))");
    assert_eq!(core("throw 1"), "(throw 1)");
    assert_eq!(core("import \"shapes.dvo\" as shapes"), "(import \"shapes.dvo\" as shapes)");
    assert_eq!(core("import math"), "(import (std math) as math)");
}

#[test]
fn spans_cover_their_source() {
    let text = "let total = f(a,\n  b) +\n  g(c)";
    let f = file(text);
    let module = lower(&parse_script(&f).unwrap());
    let StmtKind::Let { init: Some(init), .. } = &module.body[0].kind else { panic!("a let") };
    assert_eq!(&text[init.span.range()], "f(a,\n  b) +\n  g(c)");
    let ExprKind::Binary { lhs, rhs, .. } = &init.kind else { panic!("a sum") };
    assert_eq!(&text[lhs.span.range()], "f(a,\n  b)");
    assert_eq!(&text[rhs.span.range()], "g(c)");
    assert_eq!(f.line_of(rhs.span.start), 3);
    assert_eq!(&text[module.body[0].span.range()], text);

    let text = "fn f(x) {\n  return x\n}";
    let module = lower(&parse_script(&file(text)).unwrap());
    let StmtKind::Functions(defs) = &module.body[0].kind else { panic!("a function") };
    assert_eq!(&text[defs[0].span.range()], text);
    assert_eq!(&text[defs[0].body.span.range()], "{\n  return x\n}");
    assert_eq!(&text[defs[0].params[0].span.range()], "x");

    let text = "m.k.push(1, 2)";
    let module = lower(&parse_script(&file(text)).unwrap());
    let StmtKind::Expr(e) = &module.body[0].kind else { panic!("a call") };
    assert_eq!(&text[e.span.range()], text);
    let ExprKind::Invoke { receiver, method, .. } = &e.kind else { panic!("an invoke") };
    assert_eq!(&text[receiver.span.range()], "m.k");
    assert_eq!(&text[method.span.range()], "push");
}

#[test]
fn the_core_dump_is_indented_when_long() {
    let text = "fn fib(n) {\n  if n < 2 { return n }\n  return fib(n - 1) + fib(n - 2)\n}";
    let module = lower(&parse_script(&file(text)).unwrap());
    assert_eq!(
        devvm_compiler::dump::core_module(&module),
        "(fn fib (n)\n  (if (< n 2) (block (return n)))\n  (return (+ (call fib (- n 1)) (call fib (- n 2)))))\n"
    );
}
