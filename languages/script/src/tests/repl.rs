//! The REPL's completeness check.

use crate::repl::is_complete;

#[test]
fn complete_inputs() {
    for text in ["", "1 + 2", "let x = 1", "if a { b() }", "fn f() { }", "print(\"hi\")", "x = )", "let a = @"] {
        assert!(is_complete(text), "{text:?} should be complete");
    }
}

#[test]
fn unfinished_inputs() {
    for text in [
        "let x =",
        "1 +",
        "f(1,",
        "[1, 2",
        "{\"a\":",
        "if a {",
        "fn f() {\n  let y = 1",
        "xs.map(fn(x) {",
        "\"abc",
        "\"a ${x",
        "\"a ${x} b",
        "a and",
        "not",
        "try { a() }",
        "if a",
        "x.",
    ] {
        assert!(!is_complete(text), "{text:?} should be unfinished");
    }
}

#[test]
fn an_earlier_error_makes_the_input_complete() {
    // The user must see the error on line 1 rather than type on forever.
    assert!(is_complete("let = 1\nf(1,"));
}
