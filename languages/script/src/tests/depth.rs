//! Deep nesting is a syntax error, never a stack overflow. These run on a test thread
//! (2 MiB of stack by default), so the limit is checked with room to spare.

use super::errors;
use crate::parser::{MAX_CHAIN, MAX_DEPTH};

const N: usize = 10_000;

fn too_deep(text: &str) {
    let e = errors(text);
    assert_eq!(e.len(), 1, "{:?}", &e[..e.len().min(3)]);
    assert!(e[0].contains(&format!("nesting too deep (more than {MAX_DEPTH} levels)")), "{}", e[0]);
}

#[test]
fn ten_thousand_parentheses() {
    too_deep(&format!("let x = {}1{}", "(".repeat(N), ")".repeat(N)));
}

#[test]
fn ten_thousand_brackets() {
    too_deep(&format!("let x = {}1{}", "[".repeat(N), "]".repeat(N)));
}

#[test]
fn ten_thousand_braces() {
    too_deep(&format!("let x = {}{}", "{1: ".repeat(N), "}".repeat(N)));
}

#[test]
fn ten_thousand_nested_ifs() {
    too_deep(&format!("{}x(){}", "if c {\n".repeat(N), "\n}".repeat(N)));
}

#[test]
fn ten_thousand_nested_function_literals() {
    too_deep(&format!("let f = {}1{}", "fn() { return ".repeat(N), " }".repeat(N)));
}

#[test]
fn ten_thousand_unary_operators() {
    too_deep(&format!("let x = {}1", "- ".repeat(N)));
    too_deep(&format!("let x = {}1", "-".repeat(N)));
    too_deep(&format!("let x = {}1", "~".repeat(N)));
    too_deep(&format!("let x = {}true", "not ".repeat(N)));
}

#[test]
fn ten_thousand_powers() {
    too_deep(&format!("let x = 2{}", " ** 2".repeat(N)));
}

#[test]
fn ten_thousand_interpolations() {
    too_deep(&format!("let s = {}x{}", "\"${".repeat(N), "}\"".repeat(N)));
}

#[test]
fn nesting_up_to_the_limit_is_fine() {
    // Each parenthesized level costs two nesting levels (the parentheses and the
    // expression inside them).
    let n = MAX_DEPTH / 2 - 2;
    let text = format!("let x = {}1{}", "(".repeat(n), ")".repeat(n));
    assert_eq!(super::ast(&text), "(let x 1)");
    let n = MAX_DEPTH / 2 - 2;
    let text = format!("{}x(){}", "if c {\n".repeat(n), "\n}".repeat(n));
    assert!(super::ast(&text).starts_with("(if c (block (if c (block"));
}

#[test]
fn long_chains_are_limited_but_generous() {
    let ok = format!("let x = 1{}", " + 1".repeat(MAX_CHAIN - 1));
    assert!(super::ast(&ok).starts_with("(let x (+ (+ (+"));
    let e = errors(&format!("let x = 1{}", " + 1".repeat(N)));
    assert_eq!(e.len(), 1);
    assert!(e[0].contains(&format!("expression too long (more than {MAX_CHAIN} chained operations)")), "{}", e[0]);
    let e = errors(&format!("let x = f{}", "()".repeat(N)));
    assert_eq!(e.len(), 1);
    let e = errors(&format!("if a {{ }}{}", " else if a { }".repeat(N)));
    assert_eq!(e.len(), 1);
}

#[test]
fn recovery_after_a_too_deep_line() {
    let text = format!("let x = {}1{}\nlet y = = 2", "(".repeat(N), ")".repeat(N));
    let e = errors(&text);
    assert_eq!(e.len(), 2);
    assert!(e[1].starts_with("2:9 expected an expression"), "{}", e[1]);
}
