//! The statement-ending rules of the spec, one test per rule.

use super::{ast, errors};

#[test]
fn a_newline_after_an_expression_end_ends_the_statement() {
    assert_eq!(
        ast("let x = 1\nlet y = x\nf(x)\nxs[0]\n{\"a\": 1}\nnil\ntrue\nfalse"),
        ["(let x 1)", "(let y x)", "(call f x)", "(index xs 0)", "(map (\"a\" 1))", "nil", "true", "false",].join("\n")
    );
}

#[test]
fn a_newline_after_an_operator_continues_the_statement() {
    assert_eq!(ast("let x = 1 +\n  2"), "(let x (+ 1 2))");
    assert_eq!(ast("let x =\n  2"), "(let x 2)");
    assert_eq!(ast("let ok = a and\n  b or\n  not\n  c"), "(let ok (or (and a b) (not c)))");
    assert_eq!(ast("let r = 0 ..\n 10"), "(let r (.. 0 10))");
}

#[test]
fn an_operator_at_the_start_of_a_line_starts_a_new_statement() {
    // `+ 2` is not a statement: the newline after `1` ended `let x = 1`.
    assert_eq!(errors("let x = 1\n+ 2"), vec!["2:1 expected an expression but found '+'"]);
    assert_eq!(ast("let x = 1\n- 2"), "(let x 1)\n(- 2)");
}

#[test]
fn return_break_continue_end_at_the_newline() {
    assert_eq!(ast("fn f() {\n  return\n  g()\n}"), "(fn f () (return) (call g))");
    assert_eq!(ast("fn f() { return }"), "(fn f () (return))");
    assert_eq!(ast("fn f() { return; }"), "(fn f () (return))");
    assert_eq!(ast("while x {\n  break\n}\nwhile y { continue }"), "(while x break)\n(while y continue)");
    assert_eq!(ast("fn f() {\n  return 1 +\n    2\n}"), "(fn f () (return (+ 1 2)))");
}

#[test]
fn newlines_inside_brackets_mean_nothing() {
    assert_eq!(ast("f(\n  1,\n  2\n)"), "(call f 1 2)");
    assert_eq!(ast("f(1\n, 2)"), "(call f 1 2)");
    assert_eq!(ast("let xs = [\n  1,\n  2,\n]"), "(let xs (list 1 2))");
    assert_eq!(ast("let m = {\n  \"a\": 1,\n  \"b\":\n    2,\n}"), "(let m (map (\"a\" 1) (\"b\" 2)))");
    assert_eq!(ast("let x = (1\n + 2)"), "(let x (+ 1 2))");
    assert_eq!(ast("let x = xs[\n0\n]"), "(let x (index xs 0))");
    assert_eq!(ast("print(\"${\n x\n}\")"), "(call print (str x))");
}

#[test]
fn trailing_commas_everywhere() {
    assert_eq!(ast("f(1, 2,)"), "(call f 1 2)");
    assert_eq!(ast("[1,]"), "(list 1)");
    assert_eq!(ast("{1: 2,}"), "(map (1 2))");
    assert_eq!(ast("fn f(a, b,) { }"), "(fn f (a b))");
}

#[test]
fn blocks_inside_parentheses_use_statement_rules_again() {
    // The spec's example.
    let text = "let ys = xs.map(fn(x) {\n  let y = x * 2\n  return y\n})";
    assert_eq!(ast(text), "(let ys (call (. xs map) (fn (x) (let y (* x 2)) (return y))))");
    // And a block inside a list inside a call.
    let text = "f([fn() {\n  a()\n  b()\n}, 2])";
    assert_eq!(ast(text), "(call f (list (fn () (call a) (call b)) 2))");
}

#[test]
fn else_catch_finally_may_start_a_line() {
    assert_eq!(
        ast("if a {\n  x()\n}\nelse if b {\n  y()\n}\nelse {\n  z()\n}"),
        "(if a (block (call x)) (else-if b (block (call y))) (else (call z)))"
    );
    assert_eq!(
        ast("try {\n  x()\n}\ncatch e {\n  y()\n}\nfinally {\n  z()\n}"),
        "(try (block (call x)) (catch e (call y)) (finally (call z)))"
    );
}

#[test]
fn a_line_starting_with_a_dot_continues_the_previous_one() {
    let text = "let r = xs\n  .map(f)\n  # a comment between\n  .filter(g)\n\n  .len()";
    assert_eq!(ast(text), "(let r (call (. (call (. (call (. xs map) f) filter) g) len)))");
}

#[test]
fn semicolons_separate_statements() {
    assert_eq!(ast("let a = 1; let b = 2;; a = b"), "(let a 1)\n(let b 2)\n(= a b)");
    assert_eq!(
        ast("xs[0] = 5; m[\"k\"] = 1; obj.field = 2"),
        "(= (index xs 0) 5)\n(= (index m \"k\") 1)\n(= (. obj field) 2)"
    );
}

#[test]
fn a_statement_ending_with_a_block_needs_no_separator() {
    assert_eq!(ast("fn f(a) { if a { return 0 } return 1 }"), "(fn f (a) (if a (block (return 0))) (return 1))");
    assert_eq!(ast("while a { } f()"), "(while a)\n(call f)");
    assert_eq!(ast("let g = fn() { } g()"), "(let g (fn ()))\n(call g)");
    // A map literal's `}` is not a block's.
    assert_eq!(
        errors("let m = {} f()"),
        vec!["1:12 expected a new line or ';' to end the statement after '}' but found 'f'"]
    );
}

#[test]
fn two_statements_on_one_line_need_a_separator() {
    assert_eq!(
        errors("let a = 1 let b = 2"),
        vec!["1:11 expected a new line or ';' to end the statement after '1' but found 'let'"]
    );
}

#[test]
fn a_newline_before_a_block_brace_is_allowed() {
    assert_eq!(ast("fn f()\n{\n  return 1\n}"), "(fn f () (return 1))");
    assert_eq!(ast("if a\n{\n  b()\n}"), "(if a (block (call b)))");
}

#[test]
fn a_map_literal_may_start_a_statement() {
    assert_eq!(ast("{\"a\": 1}.len()"), "(call (. (map (\"a\" 1)) len))");
    assert_eq!(ast("f()\n{}"), "(call f)\n(map)");
}

#[test]
fn windows_line_endings() {
    assert_eq!(ast("let a = 1\r\nlet b = a +\r\n 2\r\n"), "(let a 1)\n(let b (+ a 2))");
}
