//! The lexer: logos over the book's token set plus DevObj's (`[ ] { } : %`, the bitwise
//! operators and the keywords `throw try catch finally is static import as`).
//!
//! Lexing never stops at an error: the book's `Unexpected character.` and
//! `Unterminated string.` are reported and lexing goes on.

use devvm_compiler::{SourceFile, Span};
use logos::Logos;
use std::sync::Arc;

#[derive(Logos, Clone, Copy, Debug, PartialEq, Eq)]
#[logos(skip r"[ \t\r\n\f]+")]
#[logos(skip(r"//[^\n]*", allow_greedy = true))]
pub enum Tok {
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token(",")]
    Comma,
    #[token(".")]
    Dot,
    #[token("-")]
    Minus,
    #[token("+")]
    Plus,
    #[token(";")]
    Semicolon,
    #[token(":")]
    Colon,
    #[token("/")]
    Slash,
    #[token("*")]
    Star,
    #[token("%")]
    Percent,
    #[token("!")]
    Bang,
    #[token("!=")]
    BangEqual,
    #[token("=")]
    Equal,
    #[token("==")]
    EqualEqual,
    #[token(">")]
    Greater,
    #[token(">=")]
    GreaterEqual,
    #[token("<")]
    Less,
    #[token("<=")]
    LessEqual,
    #[token("&")]
    Amp,
    #[token("|")]
    Pipe,
    #[token("^")]
    Caret,
    #[token("~")]
    Tilde,
    #[token("<<")]
    Shl,
    #[token(">>")]
    Shr,
    #[regex("[A-Za-z_][A-Za-z0-9_]*", priority = 1)]
    Identifier,
    /// A string; the lexer callback rejects it when unterminated.
    #[regex(r#""[^"]*""#)]
    String,
    #[regex(r#""[^"]*"#, priority = 0)]
    UnterminatedString,
    #[regex(r"[0-9]+(\.[0-9]+)?")]
    Number,
    #[token("and")]
    And,
    #[token("class")]
    Class,
    #[token("else")]
    Else,
    #[token("false")]
    False,
    #[token("for")]
    For,
    #[token("fun")]
    Fun,
    #[token("if")]
    If,
    #[token("nil")]
    Nil,
    #[token("or")]
    Or,
    #[token("print")]
    Print,
    #[token("return")]
    Return,
    #[token("super")]
    Super,
    #[token("this")]
    This,
    #[token("true")]
    True,
    #[token("var")]
    Var,
    #[token("while")]
    While,
    #[token("throw")]
    Throw,
    #[token("try")]
    Try,
    #[token("catch")]
    Catch,
    #[token("finally")]
    Finally,
    #[token("is")]
    Is,
    #[token("static")]
    Static,
    #[token("import")]
    Import,
    #[token("as")]
    As,
    /// A character no token starts with (made by [`lex`]; the parser reports it).
    BadChar,
    /// The end of the input (added by [`lex`]).
    Eof,
}

/// Every keyword (REPL completion).
pub const KEYWORDS: &[&str] = &[
    "and", "class", "else", "false", "for", "fun", "if", "nil", "or", "print", "return", "super", "this", "true",
    "var", "while", "throw", "try", "catch", "finally", "is", "static", "import", "as",
];

#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub tok: Tok,
    pub span: Span,
}

pub struct Lexed {
    pub tokens: Vec<Token>,
}

/// Lexes a whole file; the token list always ends with `Eof`. Bad characters and
/// unterminated strings are tokens too ([`Tok::BadChar`], [`Tok::UnterminatedString`]):
/// the parser reports them where it meets them, as clox does, so one bad character does
/// not also produce a cascade of parse errors.
pub fn lex(file: &Arc<SourceFile>) -> Lexed {
    let mut tokens = Vec::new();
    let mut lexer = Tok::lexer(&file.text);
    while let Some(r) = lexer.next() {
        let range = lexer.span();
        let span = Span::new(range.start, range.end);
        tokens.push(Token { tok: r.unwrap_or(Tok::BadChar), span });
    }
    let end = file.text.len();
    tokens.push(Token { tok: Tok::Eof, span: Span::new(end, end) });
    Lexed { tokens }
}

/// The message for an error token.
pub fn error_message(tok: Tok) -> Option<&'static str> {
    match tok {
        Tok::BadChar => Some("Unexpected character."),
        Tok::UnterminatedString => Some("Unterminated string."),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        lex(&SourceFile::new("t.dvo", s)).tokens.iter().map(|t| t.tok).collect()
    }

    #[test]
    fn book_tokens_and_extensions() {
        assert_eq!(
            toks("var x = 1.5; // c\nclass"),
            vec![Tok::Var, Tok::Identifier, Tok::Equal, Tok::Number, Tok::Semicolon, Tok::Class, Tok::Eof]
        );
        assert_eq!(
            toks("a<<b >= ~c"),
            vec![Tok::Identifier, Tok::Shl, Tok::Identifier, Tok::GreaterEqual, Tok::Tilde, Tok::Identifier, Tok::Eof]
        );
        assert_eq!(toks("classy is"), vec![Tok::Identifier, Tok::Is, Tok::Eof]);
    }

    #[test]
    fn errors_are_tokens_and_lexing_goes_on() {
        assert_eq!(
            toks("a @ b \"open"),
            vec![Tok::Identifier, Tok::BadChar, Tok::Identifier, Tok::UnterminatedString, Tok::Eof]
        );
        assert_eq!(error_message(Tok::BadChar), Some("Unexpected character."));
    }
}
