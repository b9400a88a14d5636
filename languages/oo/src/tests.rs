//! Frontend tests: the resolver's static errors and the parser's limits.

use crate::parse_program;
use devvm_compiler::SourceFile;

fn errors(text: &str) -> Vec<String> {
    match parse_program(&SourceFile::new("t.dvo", text)) {
        Ok(_) => Vec::new(),
        Err(e) => e.iter().map(|d| format!("{}: {}", d.line(), d.message)).collect(),
    }
}

#[test]
fn resolver_errors_carry_the_books_messages_and_lines() {
    assert_eq!(
        errors("{ var a = 1;\n var a = a; }"),
        vec![
            "2: Error at 'a': Already a variable with this name in this scope.",
            "2: Error at 'a': Can't read local variable in its own initializer.",
        ]
    );
    assert_eq!(errors("return 1;"), vec!["1: Error at 'return': Can't return from top-level code."]);
    assert_eq!(
        errors("class A { init() { return 1; } }"),
        vec!["1: Error at 'return': Can't return a value from an initializer."]
    );
    assert_eq!(
        errors("class A { m() { super.m(); } }"),
        vec!["1: Error at 'super': Can't use 'super' in a class with no superclass."]
    );
    assert_eq!(errors("super.x;"), vec!["1: Error at 'super': Can't use 'super' outside of a class."]);
    assert_eq!(errors("print this;"), vec!["1: Error at 'this': Can't use 'this' outside of a class."]);
    assert_eq!(errors("class A < A {}"), vec!["1: Error at 'A': A class can't inherit from itself."]);
    assert_eq!(errors("1 + 2 = 3;"), vec!["1: Error at '=': Invalid assignment target."]);
}

#[test]
fn syntax_errors_are_all_reported() {
    assert_eq!(
        errors("print 1\nvar = 2;\nprint (;"),
        vec![
            "2: Error at 'var': Expect ';' after value.",
            "2: Error at '=': Expect variable name.",
            "3: Error at ';': Expect expression.",
        ]
    );
    assert_eq!(errors("print"), vec!["1: Error at end: Expect expression."]);
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let n = 10_000;
    let e = errors(&format!("print {}1{};", "(".repeat(n), ")".repeat(n)));
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].contains("Too much nesting"), "{}", e[0]);
    let e = errors(&format!("{}{}", "{".repeat(n), "}".repeat(n)));
    assert!(e[0].contains("Too much nesting"), "{}", e[0]);
    let e = errors(&format!("print {}1{};", "-".repeat(n), ""));
    assert!(e[0].contains("Too much nesting"), "{}", e[0]);
    let e = errors(&format!("print 1{};", " + 1".repeat(n)));
    assert!(e[0].contains("Expression too long"), "{}", e[0]);
}

#[test]
fn errors_inside_class_bodies_end() {
    // Found by the fuzzer: this input once made the parser loop forever.
    let e = errors("class A { adder(n) { fun f(x this.base; } return f; } init() { this.base = 100; } }\nprint 1;");
    assert!(!e.is_empty());
    assert_eq!(e[0], "1: Error at 'this': Expect ')' after parameters.");
}
