//! Error messages and recovery: every error of a file is reported, each at its place.

use super::{errors, file, messages};
use crate::parse_script;
use devvm_compiler::diag::MAX_ERRORS;
use devvm_vm::ErrorKind;

#[test]
fn the_spec_message_form() {
    assert_eq!(errors("let x = := 5"), vec!["1:9 expected an expression after '=' but found ':='"]);
    assert_eq!(errors("let = 5"), vec!["1:5 expected a variable name after 'let' but found '='"]);
    assert_eq!(errors("let x = 1 +"), vec!["1:12 expected an expression after '+' but found the end of the file"]);
    // After a final newline the error still points at the end of the last line.
    assert_eq!(errors("let x = 1 +\n\n"), vec!["1:12 expected an expression after '+' but found the end of the file"]);
}

#[test]
fn errors_are_syntax_errors_with_notes() {
    let diags = parse_script(&file("let if = 1")).unwrap_err();
    assert_eq!(diags[0].kind, ErrorKind::SyntaxError);
    assert_eq!(diags[0].kind.code(), "E1001");
    assert_eq!(diags[0].notes, vec!["'if' is a keyword and cannot be a name"]);
    let diags = parse_script(&file("if x = 1 { }")).unwrap_err();
    assert_eq!(diags[0].notes, vec!["to compare, use '=='"]);
    let diags = parse_script(&file("let x = if a { 1 }")).unwrap_err();
    assert_eq!(diags[0].notes, vec!["'if' starts a statement; it cannot be used as a value"]);
}

#[test]
fn every_error_is_reported_with_its_line_and_column() {
    let text = "let a = 1\nlet b = * 2\nlet c = 3\nlet d = (4 +\nprint(a b)\nlet e = 5\nfn f( { }\nlet g = 6 6";
    assert_eq!(
        errors(text),
        vec![
            "2:9 expected an expression after '=' but found '*'",
            "5:9 expected ',' or ')' but found 'b'",
            "7:7 expected a parameter name after '(' but found '{'",
            "8:11 expected a new line or ';' to end the statement after '6' but found '6'",
        ]
    );
}

#[test]
fn errors_inside_blocks_recover_inside_the_block() {
    let text = "fn f(x) {\n  let y = = 2\n  return y +\n}\nfn g() {\n  h(1,, 2)\n}\nlet ok = 1\nlet bad = )";
    assert_eq!(
        errors(text),
        vec![
            "2:11 expected an expression after '=' but found '='",
            "4:1 expected an expression after '+' but found '}'",
            "6:7 expected an expression after ',' but found ','",
            "9:11 expected an expression after '=' but found ')'",
        ]
    );
}

#[test]
fn errors_inside_a_function_literal_in_parentheses() {
    let text = "xs.map(fn(x) {\n  let y = x *\n  return y\n  let z = )\n})\nlet w = ]";
    assert_eq!(
        errors(text),
        vec![
            "3:3 expected an expression after '*' but found 'return'",
            "4:11 expected an expression after '=' but found ')'",
            "6:9 expected an expression after '=' but found ']'",
        ]
    );
}

#[test]
fn an_unclosed_bracket_names_where_it_was_opened() {
    let diags = parse_script(&file("let x = f(1,\n  2\nlet y = 3")).unwrap_err();
    assert_eq!(messages(&diags), vec!["3:1 expected ',' or ')' but found 'let'"]);
    assert_eq!(diags[0].notes, vec!["the '(' at 1:10 is not closed"]);

    let diags = parse_script(&file("fn f() {\n  if x {\n    g()\n")).unwrap_err();
    assert_eq!(messages(&diags), vec!["3:8 expected '}' but found the end of the file"]);
    assert_eq!(diags[0].notes, vec!["the '{' at 2:8 is never closed"]);

    let diags = parse_script(&file("let xs = [1, 2")).unwrap_err();
    assert_eq!(diags[0].notes, vec!["the '[' at 1:10 is never closed"]);

    let diags = parse_script(&file("let m = {\"a\": 1")).unwrap_err();
    assert_eq!(diags[0].notes, vec!["the '{' at 1:9 is never closed"]);

    // A closer found later on: the bracket is only open at the error.
    let diags = parse_script(&file("print(a,\n  b\n  c)")).unwrap_err();
    assert_eq!(messages(&diags), vec!["3:3 expected ',' or ')' but found 'c'"]);
    assert_eq!(diags[0].notes, vec!["the '(' at 1:6 is still open here"]);

    let diags = parse_script(&file("let v = (1 + 2\nlet w = 3")).unwrap_err();
    assert_eq!(messages(&diags), vec!["2:1 expected ')' but found 'let'"]);
    assert_eq!(diags[0].notes, vec!["the '(' at 1:9 is not closed"]);
}

#[test]
fn stray_closers_and_keywords() {
    assert_eq!(
        errors("}\nlet a = 1\n}"),
        vec!["1:1 found '}' but no block is open here", "3:1 found '}' but no block is open here"]
    );
    assert_eq!(errors("else { }"), vec!["1:1 'else' without an 'if' before it"]);
    assert_eq!(errors("catch e { }"), vec!["1:1 'catch' without a 'try' before it"]);
}

#[test]
fn lexical_and_syntax_errors_together_in_source_order() {
    let text = "let a = \"\\q\"\nlet b = = 1\nlet c = 0x\nlet d = @";
    assert_eq!(
        errors(text),
        vec![
            "1:10 unknown escape '\\q' (the escapes are \\n \\t \\r \\0 \\\\ \\\" \\$ \\u{...})",
            "2:9 expected an expression after '=' but found '='",
            "3:9 '0x' has no digits after its hexadecimal prefix",
            "4:9 unexpected character '@'",
        ]
    );
}

#[test]
fn the_number_of_errors_is_capped() {
    let text: String = (0..200).map(|i| format!("let x{i} = )\n")).collect();
    let e = errors(&text);
    assert_eq!(e.len(), MAX_ERRORS);
    assert_eq!(e[0], "1:10 expected an expression after '=' but found ')'");
    let last = format!("let x{} = )", MAX_ERRORS - 1);
    let col = last.find(')').unwrap() + 1;
    assert_eq!(e[MAX_ERRORS - 1], format!("{MAX_ERRORS}:{col} expected an expression after '=' but found ')'"));
}

#[test]
fn a_missing_field_name_after_an_int_suggests_a_float() {
    let diags = parse_script(&file("let x = 1.")).unwrap_err();
    assert_eq!(messages(&diags), vec!["1:11 expected a field or method name after '.' but found the end of the file"]);
    assert_eq!(diags[0].notes, vec!["a float needs digits after the point: write 1.0"]);
}

#[test]
fn rendered_errors_show_file_line_and_column() {
    let diags = parse_script(&file("let x = 1\nlet y = := 2")).unwrap_err();
    let text = diags[0].render(false);
    assert!(text.starts_with("[E1001] Error: SyntaxError: "), "{text}");
    assert!(text.contains("test.dvs:2:9"), "{text}");
    assert!(text.contains("expected an expression after '=' but found ':='"), "{text}");
    assert!(text.contains("let y = := 2"), "{text}");
}
