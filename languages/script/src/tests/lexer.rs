//! Lexer tests: every literal form, escapes, interpolation, and errors.

use super::{errors, file, toks};
use crate::lexer::lex;
use crate::token::Tok;

fn ident(s: &str) -> Tok {
    Tok::Ident(s.to_string())
}

fn s(text: &str) -> Tok {
    Tok::Str(text.to_string())
}

#[test]
fn integers_in_every_base() {
    assert_eq!(
        toks("42 1_000_000 0xff 0XFF 0b1010 0x_ff 007 0"),
        vec![
            Tok::Int(42),
            Tok::Int(1_000_000),
            Tok::Int(255),
            Tok::Int(255),
            Tok::Int(10),
            Tok::Int(255),
            Tok::Int(7),
            Tok::Int(0),
        ]
    );
    assert_eq!(toks("9223372036854775807"), vec![Tok::Int(i64::MAX)]);
    assert_eq!(toks("0x7fffffffffffffff"), vec![Tok::Int(i64::MAX)]);
    assert_eq!(toks("9223372036854775808"), vec![Tok::IntMinMagnitude]);
}

#[test]
fn floats() {
    assert_eq!(
        toks("1.5 2e10 6.02e-23 1E+3 1_000.25 0.5"),
        vec![
            Tok::Float(1.5),
            Tok::Float(2e10),
            Tok::Float(6.02e-23),
            Tok::Float(1e3),
            Tok::Float(1000.25),
            Tok::Float(0.5),
        ]
    );
    assert_eq!(toks("1e999"), vec![Tok::Float(f64::INFINITY)]);
}

#[test]
fn dots_after_numbers_are_ranges_and_fields() {
    assert_eq!(toks("1..5"), vec![Tok::Int(1), Tok::DotDot, Tok::Int(5)]);
    assert_eq!(toks("1..=5"), vec![Tok::Int(1), Tok::DotDotEq, Tok::Int(5)]);
    assert_eq!(toks("1.foo"), vec![Tok::Int(1), Tok::Dot, ident("foo")]);
    assert_eq!(toks("1.5.x"), vec![Tok::Float(1.5), Tok::Dot, ident("x")]);
}

#[test]
fn bad_numbers() {
    assert_eq!(errors("x = .5"), vec!["1:5 a number cannot start with '.': write 0.5"]);
    assert_eq!(
        errors("9223372036854775809"),
        vec!["1:1 the integer literal '9223372036854775809' does not fit in a 64-bit int"]
    );
    assert_eq!(
        errors("0x1_0000_0000_0000_0000"),
        vec!["1:1 the integer literal '0x1_0000_0000_0000_0000' does not fit in a 64-bit int"]
    );
    assert_eq!(errors("0b102"), vec!["1:1 '2' is not a binary digit in '0b102'"]);
    assert_eq!(errors("0xfg"), vec!["1:1 'g' is not a hexadecimal digit in '0xfg'"]);
    assert_eq!(errors("0x"), vec!["1:1 '0x' has no digits after its hexadecimal prefix"]);
    assert_eq!(errors("123abc"), vec!["1:1 '123abc' is not a valid number"]);
    assert_eq!(errors("2e"), vec!["1:1 '2e' is not a valid number"]);
    assert_eq!(errors("1__0"), vec!["1:1 a '_' in a number must sit between two digits"]);
    assert_eq!(errors("1_.5"), vec!["1:1 a '_' in a number must sit between two digits"]);
    assert_eq!(errors("100_"), vec!["1:1 a '_' in a number must sit between two digits"]);
}

#[test]
fn identifiers_and_keywords() {
    assert_eq!(
        toks("let _x lets x1 fn_ nil"),
        vec![Tok::Let, ident("_x"), ident("lets"), ident("x1"), ident("fn_"), Tok::Nil]
    );
    let all =
        "let fn return if else while for in break continue true false nil and or not try catch finally throw import as";
    let kinds = toks(all);
    assert_eq!(kinds.len(), 22);
    assert!(kinds.iter().all(|k| k.is_keyword()));
}

#[test]
fn keywords_after_a_dot_are_field_names() {
    assert_eq!(toks("m.in e.catch"), vec![ident("m"), Tok::Dot, ident("in"), ident("e"), Tok::Dot, ident("catch")]);
}

#[test]
fn operators() {
    let text = "== != < <= > >= | ^ & << >> .. ..= + - * / // % ~ ** = . , ( ) [ ] { } ; :";
    use Tok::*;
    assert_eq!(
        toks(text),
        vec![
            EqEq, NotEq, Lt, Le, Gt, Ge, Pipe, Caret, Amp, Shl, Shr, DotDot, DotDotEq, Plus, Minus, Star, Slash,
            SlashSlash, Percent, Tilde, StarStar, Assign, Dot, Comma, LParen, RParen, LBracket, RBracket, LBrace,
            RBrace, Semi, Colon,
        ]
    );
}

#[test]
fn comments_and_shebang() {
    assert_eq!(toks("#!/usr/bin/env devvm\nx # the x\n# alone\ny"), vec![ident("x"), Tok::Newline, ident("y")]);
}

#[test]
fn string_escapes() {
    assert_eq!(toks(r#""a\nb\tc\rd\0e\\f\"g\$h""#), vec![s("a\nb\tc\rd\0e\\f\"g$h")]);
    assert_eq!(toks(r#""\u{1F600}\u{41}\u{e9}""#), vec![s("😀Aé")]);
    assert_eq!(toks(r#""\${x} costs $5""#), vec![s("${x} costs $5")]);
    assert_eq!(toks(r#""""#), vec![s("")]);
    assert_eq!(toks("\"héllo wörld\""), vec![s("héllo wörld")]);
}

#[test]
fn strings_may_span_lines() {
    assert_eq!(toks("\"a\nb\""), vec![s("a\nb")]);
}

#[test]
fn bad_escapes_point_at_the_escape() {
    let e = errors(r#"x = "ab\qcd""#);
    assert_eq!(e.len(), 1);
    assert!(e[0].starts_with("1:8 unknown escape '\\q'"), "{e:?}");
    let cases = [
        (r#""\u{110000}""#, "1:2 '\\u{110000}' is not a Unicode scalar value"),
        (r#""\u{D800}""#, "1:2 '\\u{D800}' is not a Unicode scalar value"),
        (r#""ab\u41""#, "1:4 a '\\u' escape needs braces, like \\u{1F600}"),
        (r#""\u{}""#, "1:2 '\\u{}' needs 1 to 6 hexadecimal digits"),
        (r#""\u{1234567}""#, "1:2 '\\u{1234567}' needs 1 to 6 hexadecimal digits"),
        (r#""\u{12x}""#, "1:2 a '\\u{' escape must be hexadecimal digits and a closing '}'"),
        (
            "\"a\\\nb\"",
            "1:3 unknown escape '\\ followed by a newline' (the escapes are \\n \\t \\r \\0 \\\\ \\\" \\$ \\u{...})",
        ),
    ];
    for (text, message) in cases {
        assert_eq!(errors(text), vec![message], "{text}");
    }
    // Lexing goes on after a bad escape: both are reported.
    assert_eq!(
        errors(
            r#"let a = "\q"
let b = "\w""#
        )
        .len(),
        2
    );
}

#[test]
fn interpolation_pieces() {
    assert_eq!(
        toks(r#""x = ${x + 1}!""#),
        vec![Tok::StrHead("x = ".into()), ident("x"), Tok::Plus, Tok::Int(1), Tok::StrTail("!".into()),]
    );
    assert_eq!(
        toks(r#""${a}${b}""#),
        vec![Tok::StrHead("".into()), ident("a"), Tok::StrMid("".into()), ident("b"), Tok::StrTail("".into()),]
    );
}

#[test]
fn interpolation_nests_strings_and_braces() {
    assert_eq!(
        toks(r#""a ${ m["k"] } b""#),
        vec![Tok::StrHead("a ".into()), ident("m"), Tok::LBracket, s("k"), Tok::RBracket, Tok::StrTail(" b".into()),]
    );
    // A map literal's braces inside the interpolation do not end it.
    assert_eq!(
        toks(r#""${ {"a": 1}["a"] }""#),
        vec![
            Tok::StrHead("".into()),
            Tok::LBrace,
            s("a"),
            Tok::Colon,
            Tok::Int(1),
            Tok::RBrace,
            Tok::LBracket,
            s("a"),
            Tok::RBracket,
            Tok::StrTail("".into()),
        ]
    );
    // A string with its own interpolation inside an interpolation.
    assert_eq!(
        toks(r#""<${ "(${x})" }>""#),
        vec![
            Tok::StrHead("<".into()),
            Tok::StrHead("(".into()),
            ident("x"),
            Tok::StrTail(")".into()),
            Tok::StrTail(">".into()),
        ]
    );
}

#[test]
fn unterminated_strings_and_interpolations() {
    let lexed = lex(&file("let s = \"abc"));
    assert!(lexed.unterminated);
    assert_eq!(super::messages(&lexed.errors), vec!["1:9 unterminated string: the '\"' at 1:9 is never closed"]);
    let lexed = lex(&file("let s = \"a ${x"));
    assert!(lexed.unterminated);
    assert_eq!(
        super::messages(&lexed.errors),
        vec!["1:12 unterminated interpolation: the '${' at 1:12 is never closed by '}'"]
    );
    let lexed = lex(&file("let s = \"a ${x} b"));
    assert!(lexed.unterminated);
    assert_eq!(super::messages(&lexed.errors), vec!["1:9 unterminated string: the '\"' at 1:9 is never closed"]);
}

#[test]
fn invalid_characters_are_errors_and_lexing_goes_on() {
    assert_eq!(
        errors("let a = 1 @ 2\nlet b = 'x'\nlet c = é"),
        vec![
            "1:11 unexpected character '@'",
            "2:9 unexpected character '\\''",
            "2:11 unexpected character '\\''",
            "3:9 unexpected character 'é'",
        ]
    );
}

#[test]
fn foreign_operators_are_named() {
    let diags = crate::parse_script(&file("if a && b { }")).unwrap_err();
    assert_eq!(diags[0].message, "expected '{' to start the body of the 'if' after 'a' but found '&&'");
    assert_eq!(diags[0].notes, vec!["DevScript writes 'and' for '&&'"]);
    assert_eq!(errors("x = := 5"), vec!["1:5 expected an expression after '=' but found ':='"]);
}

#[test]
fn token_positions_and_dump() {
    let f = file("let x = \"é${y}\"\nx");
    let lexed = lex(&f);
    let dump = crate::print::tokens(&f, &lexed.tokens);
    assert_eq!(dump, "1:1 keyword let\n1:5 ident x\n1:7 punct =\n1:9 str-head \"é\"\n1:13 ident y\n1:14 str-tail \"\"\n1:16 newline\n2:1 ident x\n2:2 eof\n");
}

#[test]
fn odd_input_is_an_error_not_a_panic() {
    for text in ["\"", "\"\\", "\"${", "\"${\"", "}", "\"${}}\"", "\u{0}", "0b", "0x_", "1e+", ".", "..", "\"\\u{"] {
        assert!(crate::parse_script(&file(text)).is_err(), "{text:?} should be an error");
    }
    assert!(toks("\r\n\r\n").is_empty());
}
