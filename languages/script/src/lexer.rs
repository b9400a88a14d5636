//! The lexer: source text to tokens.
//!
//! ```text
//!   text ─(logos: code mode)──────────┐
//!        ─(scan_string: string mode)──┴─► raw tokens ─(newline::filter)─► tokens
//! ```
//!
//! Code outside strings is lexed by the logos automaton [`Raw`]. A `"` switches to a
//! hand-written string scanner (escapes, `${`), which advances the logos lexer with
//! `bump`. `${` pushes an interpolation frame and returns to code mode; the frame counts
//! the braces of the expression so that its own `}` (and not one of a map literal inside
//! it) resumes the string. Frames nest, so `"a ${ m["k"] } b"` works.
//!
//! Lexing never stops at an error: a bad character or literal is reported, becomes an
//! [`Tok::Error`] token (which the parser skips without a second message), and lexing
//! goes on.

use crate::literal::{self, IntLit};
use crate::newline;
use crate::token::{Tok, Token};
use devvm_compiler::{Diagnostic, SourceFile, Span};
use devvm_vm::ErrorKind;
use logos::Logos;
use std::sync::Arc;

/// Code-mode tokens as logos sees them; [`Driver::code_token`] turns them into [`Tok`].
#[derive(Logos, Clone, Copy, Debug, PartialEq)]
#[logos(skip r"[ \t\r\f]+")]
#[logos(skip(r"#[^\n]*", allow_greedy = true))]
enum Raw {
    #[token("\n")]
    Newline,
    #[regex("[A-Za-z_][A-Za-z0-9_]*")]
    Word,
    #[regex("[0-9][0-9_]*")]
    #[regex("0[xX][0-9A-Za-z_]*")]
    #[regex("0[bB][0-9A-Za-z_]*")]
    Int,
    #[regex(r"[0-9][0-9_]*\.[0-9][0-9_]*([eE][+-]?[0-9][0-9_]*)?")]
    #[regex(r"[0-9][0-9_]*[eE][+-]?[0-9][0-9_]*")]
    Float,
    /// `.5`: not a number in DevScript, lexed only to say "write 0.5".
    #[regex(r"\.[0-9][0-9_]*")]
    LeadingDot,
    #[token("\"")]
    Quote,
    #[token("==")]
    EqEq,
    #[token("!=")]
    NotEq,
    #[token("<")]
    Lt,
    #[token("<=")]
    Le,
    #[token(">")]
    Gt,
    #[token(">=")]
    Ge,
    #[token("|")]
    Pipe,
    #[token("^")]
    Caret,
    #[token("&")]
    Amp,
    #[token("<<")]
    Shl,
    #[token(">>")]
    Shr,
    #[token("..")]
    DotDot,
    #[token("..=")]
    DotDotEq,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("//")]
    SlashSlash,
    #[token("%")]
    Percent,
    #[token("~")]
    Tilde,
    #[token("**")]
    StarStar,
    #[token("=")]
    Assign,
    #[token(".")]
    Dot,
    #[token(",")]
    Comma,
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token(";")]
    Semi,
    #[token(":")]
    Colon,
    #[token("&&")]
    #[token("||")]
    #[token("!")]
    #[token(":=")]
    #[token("+=")]
    #[token("-=")]
    #[token("*=")]
    #[token("/=")]
    #[token("%=")]
    #[token("++")]
    #[token("===")]
    #[token("!==")]
    #[token("=>")]
    #[token("->")]
    Foreign,
}

/// The lexer's result.
#[derive(Debug)]
pub struct Lexed {
    /// The tokens after the newline rules, ending with [`Tok::Eof`].
    pub tokens: Vec<Token>,
    pub errors: Vec<Diagnostic>,
    /// A string or an interpolation was still open at the end of the text (the REPL then
    /// asks for another line).
    pub unterminated: bool,
}

/// Lexes a whole file, applying the newline rules.
pub fn lex(file: &Arc<SourceFile>) -> Lexed {
    let mut lexed = lex_raw(file);
    lexed.tokens = newline::filter(lexed.tokens);
    lexed
}

/// Lexes a whole file, keeping every newline token.
pub fn lex_raw(file: &Arc<SourceFile>) -> Lexed {
    let mut driver = Driver {
        file,
        lex: Raw::lexer(&file.text),
        tokens: Vec::new(),
        errors: Vec::new(),
        interpolations: Vec::new(),
        unterminated: false,
        at_line_start: true,
    };
    driver.run();
    Lexed { tokens: driver.tokens, errors: driver.errors, unterminated: driver.unterminated }
}

/// An open `${ ... }`.
struct Interpolation {
    /// Unclosed `{` inside the expression.
    braces: u32,
    /// Where `${` is, and where its string's opening quote is (for messages).
    open: Span,
    quote: Span,
}

struct Driver<'s> {
    file: &'s Arc<SourceFile>,
    lex: logos::Lexer<'s, Raw>,
    tokens: Vec<Token>,
    errors: Vec<Diagnostic>,
    interpolations: Vec<Interpolation>,
    unterminated: bool,
    at_line_start: bool,
}

impl<'s> Driver<'s> {
    fn run(&mut self) {
        while let Some(result) = self.lex.next() {
            let span = self.span();
            match result {
                Ok(raw) => self.code_token(raw, span),
                Err(()) => self.bad_character(span),
            }
        }
        if !self.unterminated {
            if let Some(open) = self.interpolations.last() {
                let (line, col) = self.file.line_col(open.open.start);
                let message = format!("unterminated interpolation: the '${{' at {line}:{col} is never closed by '}}'");
                let diag = Diagnostic::error(ErrorKind::SyntaxError, self.file, open.open, message)
                    .with_label("this '${' is never closed");
                self.errors.push(diag);
                self.unterminated = true;
            }
        }
        let end = self.file.text.len();
        self.push(Tok::Eof, Span::new(end, end));
    }

    fn span(&self) -> Span {
        let r = self.lex.span();
        Span::new(r.start, r.end)
    }

    fn push(&mut self, kind: Tok, span: Span) {
        let line_start = std::mem::replace(&mut self.at_line_start, false);
        self.tokens.push(Token { kind, span, line_start });
    }

    fn error(&mut self, span: Span, message: impl Into<String>) {
        self.errors.push(Diagnostic::error(ErrorKind::SyntaxError, self.file, span, message));
    }

    fn error_with_note(&mut self, span: Span, message: impl Into<String>, note: &str) {
        self.errors.push(Diagnostic::error(ErrorKind::SyntaxError, self.file, span, message).with_note(note));
    }

    /// One code-mode token from logos.
    fn code_token(&mut self, raw: Raw, span: Span) {
        let text = self.lex.slice();
        let kind = match raw {
            Raw::Newline => {
                self.push(Tok::Newline, span);
                self.at_line_start = true;
                return;
            }
            Raw::Word => Tok::keyword(text).unwrap_or_else(|| Tok::Ident(text.to_string())),
            Raw::Int => return self.number(span, true),
            Raw::Float => return self.number(span, false),
            Raw::LeadingDot => {
                let fixed = format!("0{}", text);
                self.error(span, format!("a number cannot start with '.': write {fixed}"));
                Tok::Error
            }
            Raw::Quote => return self.string(span.start, span),
            Raw::LBrace => {
                if let Some(top) = self.interpolations.last_mut() {
                    top.braces += 1;
                }
                Tok::LBrace
            }
            Raw::RBrace => match self.interpolations.last_mut() {
                Some(top) if top.braces == 0 => {
                    let quote = top.quote;
                    self.interpolations.pop();
                    return self.string(span.start, quote);
                }
                Some(top) => {
                    top.braces -= 1;
                    Tok::RBrace
                }
                None => Tok::RBrace,
            },
            Raw::Foreign => Tok::Foreign(foreign_name(text)),
            Raw::EqEq => Tok::EqEq,
            Raw::NotEq => Tok::NotEq,
            Raw::Lt => Tok::Lt,
            Raw::Le => Tok::Le,
            Raw::Gt => Tok::Gt,
            Raw::Ge => Tok::Ge,
            Raw::Pipe => Tok::Pipe,
            Raw::Caret => Tok::Caret,
            Raw::Amp => Tok::Amp,
            Raw::Shl => Tok::Shl,
            Raw::Shr => Tok::Shr,
            Raw::DotDot => Tok::DotDot,
            Raw::DotDotEq => Tok::DotDotEq,
            Raw::Plus => Tok::Plus,
            Raw::Minus => Tok::Minus,
            Raw::Star => Tok::Star,
            Raw::Slash => Tok::Slash,
            Raw::SlashSlash => Tok::SlashSlash,
            Raw::Percent => Tok::Percent,
            Raw::Tilde => Tok::Tilde,
            Raw::StarStar => Tok::StarStar,
            Raw::Assign => Tok::Assign,
            Raw::Dot => Tok::Dot,
            Raw::Comma => Tok::Comma,
            Raw::LParen => Tok::LParen,
            Raw::RParen => Tok::RParen,
            Raw::LBracket => Tok::LBracket,
            Raw::RBracket => Tok::RBracket,
            Raw::Semi => Tok::Semi,
            Raw::Colon => Tok::Colon,
        };
        self.push(kind, span);
    }

    /// An int or float literal. Letters or digits glued to its end (`123abc`, `2e`,
    /// `0o17`) make the whole run one malformed literal rather than two tokens.
    fn number(&mut self, span: Span, is_int: bool) {
        let glued = self.lex.remainder().bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
        if glued > 0 {
            self.lex.bump(glued);
            let span = self.span();
            let text = self.lex.slice();
            self.error(span, format!("'{text}' is not a valid number"));
            return self.push(Tok::Error, span);
        }
        let text = self.lex.slice();
        let parsed = if is_int {
            literal::parse_int(text).map(|lit| match lit {
                IntLit::Value(v) => Tok::Int(v),
                IntLit::MinMagnitude => Tok::IntMinMagnitude,
            })
        } else {
            literal::parse_float(text).map(Tok::Float)
        };
        match parsed {
            Ok(kind) => self.push(kind, span),
            Err(message) => {
                self.error(span, message);
                self.push(Tok::Error, span);
            }
        }
    }

    /// Scans string text after the current token (an opening `"`, or the `}` that closes an
    /// interpolation) up to the closing quote or the next `${`, and emits the piece.
    /// Strings may span lines; the newline is part of the string.
    fn string(&mut self, token_start: u32, quote: Span) {
        let opening = token_start == quote.start;
        let base = self.lex.span().end;
        let rest = self.lex.remainder();
        let mut value = String::new();
        let mut i = 0;
        loop {
            let Some(c) = rest[i..].chars().next() else {
                self.lex.bump(i);
                let (line, col) = self.file.line_col(quote.start);
                let message = format!("unterminated string: the '\"' at {line}:{col} is never closed");
                let diag = Diagnostic::error(ErrorKind::SyntaxError, self.file, quote, message)
                    .with_label("this string is never closed");
                self.errors.push(diag);
                self.unterminated = true;
                let span = self.span();
                return self.push(Tok::Error, span);
            };
            match c {
                '"' => {
                    self.lex.bump(i + 1);
                    let span = self.span();
                    let kind = if opening { Tok::Str(value) } else { Tok::StrTail(value) };
                    return self.push(kind, span);
                }
                '$' if rest[i + 1..].starts_with('{') => {
                    let open = Span::new(base + i, base + i + 2);
                    self.lex.bump(i + 2);
                    let span = self.span();
                    let kind = if opening { Tok::StrHead(value) } else { Tok::StrMid(value) };
                    self.interpolations.push(Interpolation { braces: 0, open, quote });
                    return self.push(kind, span);
                }
                '\\' => match literal::decode_escape(&rest[i + 1..]) {
                    Ok((ch, used)) => {
                        value.push(ch);
                        i += 1 + used;
                    }
                    Err((message, used)) => {
                        let at = Span::new(base + i, base + i + 1 + used);
                        self.error(at, message);
                        i += 1 + used;
                    }
                },
                _ => {
                    value.push(c);
                    i += c.len_utf8();
                }
            }
        }
    }

    /// A character that starts no token.
    fn bad_character(&mut self, span: Span) {
        let text = self.lex.slice();
        let shown = text.chars().next().unwrap_or('?');
        let message = format!("unexpected character '{}'", shown.escape_debug());
        match shown {
            '\'' => self.error_with_note(span, message, "strings are written with double quotes: \"text\""),
            '$' => self.error_with_note(span, message, "'$' only has a meaning inside strings, as \"${...}\""),
            c if c.is_alphabetic() => {
                self.error_with_note(span, message, "identifiers are ASCII letters, digits and '_'")
            }
            _ => self.error(span, message),
        }
        self.push(Tok::Error, span);
    }
}

/// The static text of a foreign operator (tokens keep `&'static str`, not a copy).
fn foreign_name(text: &str) -> &'static str {
    const FOREIGN: &[&str] = &["&&", "||", "!", ":=", "+=", "-=", "*=", "/=", "%=", "++", "===", "!==", "=>", "->"];
    FOREIGN.iter().find(|f| **f == text).copied().unwrap_or("?")
}

/// What to write instead of a foreign operator, for the parser's note.
pub fn foreign_hint(op: &str) -> Option<&'static str> {
    Some(match op {
        "&&" => "DevScript writes 'and' for '&&'",
        "||" => "DevScript writes 'or' for '||'",
        "!" => "DevScript writes 'not x' for '!x' ('!=' is inequality)",
        ":=" => "DevScript declares with 'let x = ...' and assigns with 'x = ...'",
        "+=" | "-=" | "*=" | "/=" | "%=" => "DevScript has no compound assignment: write 'x = x + 1'",
        "++" => "DevScript has no '++': write 'x = x + 1'",
        "===" => "DevScript compares values with '=='",
        "!==" => "DevScript compares values with '!='",
        "=>" | "->" => "functions are written 'fn(x) { return ... }'",
        _ => return None,
    })
}
