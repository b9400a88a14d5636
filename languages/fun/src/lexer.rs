//! The lexer: source text to tokens, with logos.
//!
//! ```text
//!   text ─(logos automaton `Raw`)─► raw tokens ─(decode literals, keywords)─► Tok + span
//!                 └─ `(*` runs the nested-comment scanner, `"` the string scanner
//! ```
//!
//! Lexing never stops at an error: a bad character, literal or unterminated comment is
//! reported and skipped, and lexing goes on, so the parser sees as much as possible.

use crate::token::{keyword, Tok};
use devvm_compiler::{Diagnostic, SourceFile, Span};
use devvm_vm::ErrorKind;
use logos::Logos;
use std::sync::Arc;

#[derive(Logos, Clone, Copy, Debug, PartialEq)]
#[logos(skip r"[ \t\r\n\f]+")]
enum Raw {
    #[token("(*")]
    CommentStart,
    #[regex("[a-z_][A-Za-z0-9_']*")]
    Lident,
    #[regex("[A-Z][A-Za-z0-9_']*")]
    Uident,
    #[regex(r"[A-Z][A-Za-z0-9_']*\.[a-z_][A-Za-z0-9_']*")]
    Qual,
    #[regex("'[a-z_][A-Za-z0-9_]*")]
    TyVar,
    #[regex(r#"'([^'\\\n]|\\[\\'"ntbr ]|\\[0-9][0-9][0-9]|\\x[0-9a-fA-F][0-9a-fA-F])'"#)]
    Char,
    #[regex("[0-9][0-9_]*")]
    #[regex("0[xX][0-9a-fA-F][0-9a-fA-F_]*")]
    #[regex("0[oO][0-7][0-7_]*")]
    #[regex("0[bB][01][01_]*")]
    Int,
    #[regex(r"[0-9][0-9_]*\.[0-9_]*([eE][+-]?[0-9][0-9_]*)?")]
    #[regex(r"[0-9][0-9_]*[eE][+-]?[0-9][0-9_]*")]
    Float,
    #[token("\"")]
    Quote,
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token("[|")]
    LArray,
    #[token("|]")]
    RArray,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token(",")]
    Comma,
    #[token(";")]
    Semi,
    #[token(";;")]
    SemiSemi,
    #[token(":")]
    Colon,
    #[token("::")]
    ColonColon,
    #[token(":=")]
    ColonEq,
    #[token(".")]
    Dot,
    #[token("->")]
    Arrow,
    #[token("<-")]
    LeftArrow,
    #[token("|")]
    Bar,
    #[token("!")]
    Bang,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("+.")]
    PlusDot,
    #[token("-.")]
    MinusDot,
    #[token("*.")]
    StarDot,
    #[token("/.")]
    SlashDot,
    #[token("**")]
    StarStar,
    #[token("=")]
    Eq,
    #[token("<>")]
    NotEq,
    #[token("<")]
    Lt,
    #[token(">")]
    Gt,
    #[token("<=")]
    Le,
    #[token(">=")]
    Ge,
    #[token("==")]
    EqEq,
    #[token("!=")]
    BangEq,
    #[token("&&")]
    AmpAmp,
    #[token("&")]
    Amp,
    #[token("||")]
    BarBar,
    #[token("@")]
    At,
    #[token("^")]
    Caret,
    #[token("@@")]
    AtAt,
    #[token("|>")]
    BarGt,
    #[token("~-")]
    TildeMinus,
    #[token("~-.")]
    TildeMinusDot,
}

/// A token with its byte span.
pub type Spanned = (usize, Tok, usize);

/// The tokens of a file and every lexical error.
pub struct Lexed {
    pub tokens: Vec<Spanned>,
    pub errors: Vec<Diagnostic>,
}

/// Lexes a whole file.
pub fn lex(file: &Arc<SourceFile>) -> Lexed {
    let text = file.text.as_str();
    let mut lexer = Raw::lexer(text);
    let mut tokens = Vec::new();
    let mut errors = Vec::new();
    let mut error = |span: Span, msg: String| {
        errors.push(Diagnostic::error(ErrorKind::SyntaxError, file, span, msg));
    };
    while let Some(raw) = lexer.next() {
        let range = lexer.span();
        let span = Span::new(range.start, range.end);
        let slice = lexer.slice();
        let tok = match raw {
            Err(()) => {
                let c = slice.chars().next().unwrap_or('?');
                error(span, format!("unexpected character {c:?}"));
                continue;
            }
            Ok(Raw::CommentStart) => {
                match comment_length(lexer.remainder()) {
                    Some(n) => lexer.bump(n),
                    None => {
                        error(span, "this comment is not terminated (no matching `*)`)".into());
                        lexer.bump(lexer.remainder().len());
                    }
                }
                continue;
            }
            Ok(Raw::Quote) => match scan_string(lexer.remainder()) {
                Ok((value, n)) => {
                    lexer.bump(n);
                    let end = range.start + 1 + n;
                    tokens.push((range.start, Tok::Str(value), end));
                    continue;
                }
                Err((n, msg)) => {
                    lexer.bump(n);
                    error(Span::new(range.start, range.start + 1 + n), msg);
                    continue;
                }
            },
            Ok(Raw::Lident) => keyword(slice).unwrap_or_else(|| {
                if slice == "_" {
                    Tok::Underscore
                } else {
                    Tok::Lident(slice.to_string())
                }
            }),
            Ok(Raw::Uident) => Tok::Uident(slice.to_string()),
            Ok(Raw::Qual) => Tok::Qual(slice.to_string()),
            Ok(Raw::TyVar) => Tok::TyVar(slice[1..].to_string()),
            Ok(Raw::Char) => match decode_char(&slice[1..slice.len() - 1]) {
                Some(c) => Tok::Char(c),
                None => {
                    error(span, format!("malformed character literal {slice}"));
                    continue;
                }
            },
            Ok(Raw::Int) => match parse_int(slice) {
                Some(i) => Tok::Int(i),
                None => {
                    error(span, format!("integer literal {slice} exceeds the range of representable integers"));
                    continue;
                }
            },
            Ok(Raw::Float) => match slice.replace('_', "").parse::<f64>() {
                Ok(f) => Tok::Float(f),
                Err(_) => {
                    error(span, format!("malformed float literal {slice}"));
                    continue;
                }
            },
            Ok(r) => fixed(r),
        };
        tokens.push((range.start, tok, range.end));
    }
    Lexed { tokens, errors }
}

fn fixed(r: Raw) -> Tok {
    use Tok::*;
    match r {
        Raw::LParen => LParen,
        Raw::RParen => RParen,
        Raw::LBracket => LBracket,
        Raw::RBracket => RBracket,
        Raw::LArray => LArray,
        Raw::RArray => RArray,
        Raw::LBrace => LBrace,
        Raw::RBrace => RBrace,
        Raw::Comma => Comma,
        Raw::Semi => Semi,
        Raw::SemiSemi => SemiSemi,
        Raw::Colon => Colon,
        Raw::ColonColon => ColonColon,
        Raw::ColonEq => ColonEq,
        Raw::Dot => Dot,
        Raw::Arrow => Arrow,
        Raw::LeftArrow => LeftArrow,
        Raw::Bar => Bar,
        Raw::Bang => Bang,
        Raw::Plus => Plus,
        Raw::Minus => Minus,
        Raw::Star => Star,
        Raw::Slash => Slash,
        Raw::PlusDot => PlusDot,
        Raw::MinusDot => MinusDot,
        Raw::StarDot => StarDot,
        Raw::SlashDot => SlashDot,
        Raw::StarStar => StarStar,
        Raw::Eq => Eq,
        Raw::NotEq => NotEq,
        Raw::Lt => Lt,
        Raw::Gt => Gt,
        Raw::Le => Le,
        Raw::Ge => Ge,
        Raw::EqEq => EqEq,
        Raw::BangEq => BangEq,
        Raw::AmpAmp => AmpAmp,
        Raw::Amp => Amp,
        Raw::BarBar => BarBar,
        Raw::At => At,
        Raw::Caret => Caret,
        Raw::AtAt => AtAt,
        Raw::BarGt => BarGt,
        Raw::TildeMinus => TildeMinus,
        Raw::TildeMinusDot => TildeMinusDot,
        // Handled by the caller before `fixed` is reached.
        Raw::CommentStart
        | Raw::Lident
        | Raw::Uident
        | Raw::Qual
        | Raw::TyVar
        | Raw::Char
        | Raw::Int
        | Raw::Float
        | Raw::Quote => Underscore,
    }
}

/// The length of a comment's remainder after `(*`, through its matching `*)`; comments
/// nest, and a string literal inside a comment may contain `*)`, as in OCaml.
fn comment_length(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let mut depth = 1;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' if bytes.get(i + 1) == Some(&b'*') => {
                depth += 1;
                i += 2;
            }
            b'*' if bytes.get(i + 1) == Some(&b')') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return Some(i);
                }
            }
            b'"' => {
                let (_, n) = scan_string(&rest[i + 1..]).ok()?;
                i += 1 + n;
            }
            _ => i += 1,
        }
    }
    None
}

/// Scans a string literal's body after the opening quote: its decoded value and the
/// number of bytes through the closing quote, or how many bytes to skip and why not.
fn scan_string(rest: &str) -> Result<(String, usize), (usize, String)> {
    let bytes = rest.as_bytes();
    let mut out: Vec<u8> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return Ok((String::from_utf8_lossy(&out).into_owned(), i + 1)),
            b'\\' => {
                let Some(&c) = bytes.get(i + 1) else { break };
                i += 2;
                match c {
                    b'n' => out.push(b'\n'),
                    b't' => out.push(b'\t'),
                    b'r' => out.push(b'\r'),
                    b'b' => out.push(8),
                    b' ' => out.push(b' '),
                    b'\\' | b'"' | b'\'' => out.push(c),
                    b'\n' => {
                        // A backslash-newline skips the newline and the next line's blanks.
                        while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
                            i += 1;
                        }
                    }
                    b'0'..=b'9' => {
                        let digits = rest.get(i - 1..i + 2).unwrap_or("");
                        match digits.parse::<u32>() {
                            Ok(v) if v < 256 && digits.len() == 3 && digits.bytes().all(|d| d.is_ascii_digit()) => {
                                out.push(v as u8);
                                i += 2;
                            }
                            _ => return Err((i, format!("illegal escape \\{digits} in a string"))),
                        }
                    }
                    b'x' => match rest.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()) {
                        Some(v) => {
                            out.push(v);
                            i += 2;
                        }
                        None => return Err((i, "illegal \\x escape in a string".into())),
                    },
                    other => {
                        return Err((i, format!("illegal backslash escape in a string: \\{}", other as char)));
                    }
                }
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    Err((rest.len(), "this string literal is not terminated".into()))
}

/// Decodes a character literal's body (between the quotes).
fn decode_char(body: &str) -> Option<u8> {
    let b = body.as_bytes();
    match b {
        [c] => Some(*c),
        [b'\\', c] => Some(match c {
            b'n' => b'\n',
            b't' => b'\t',
            b'r' => b'\r',
            b'b' => 8,
            b' ' => b' ',
            b'\\' | b'\'' | b'"' => *c,
            _ => return None,
        }),
        [b'\\', b'x', ..] => u8::from_str_radix(&body[2..], 16).ok(),
        [b'\\', ..] => body[1..].parse::<u32>().ok().filter(|v| *v < 256).map(|v| v as u8),
        _ => None,
    }
}

/// Parses an int literal (decimal, `0x`, `0o`, `0b`, with `_` separators). Like OCaml,
/// a hexadecimal literal may denote a negative number when it sets the top bit.
fn parse_int(text: &str) -> Option<i64> {
    let clean = text.replace('_', "");
    let (digits, radix) = match clean.get(..2) {
        Some("0x" | "0X") => (&clean[2..], 16),
        Some("0o" | "0O") => (&clean[2..], 8),
        Some("0b" | "0B") => (&clean[2..], 2),
        _ => (clean.as_str(), 10),
    };
    if radix == 10 {
        digits.parse::<i64>().ok()
    } else {
        u64::from_str_radix(digits, radix).ok().map(|u| u as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(src: &str) -> Vec<Tok> {
        let file = SourceFile::new("t.dvf", src);
        let lexed = lex(&file);
        assert!(lexed.errors.is_empty(), "{:?}", lexed.errors.iter().map(|e| &e.message).collect::<Vec<_>>());
        lexed.tokens.into_iter().map(|(_, t, _)| t).collect()
    }

    #[test]
    fn literals_and_names() {
        assert_eq!(
            toks("let x' = 0x1f + 1_000 (* c (* nested *) \"*)\" *) 'a' 'b List.map 1. 1e3"),
            vec![
                Tok::Let,
                Tok::Lident("x'".into()),
                Tok::Eq,
                Tok::Int(31),
                Tok::Plus,
                Tok::Int(1000),
                Tok::Char(b'a'),
                Tok::TyVar("b".into()),
                Tok::Qual("List.map".into()),
                Tok::Float(1.0),
                Tok::Float(1000.0),
            ]
        );
        assert_eq!(toks(r#""a\n\"\065""#), vec![Tok::Str("a\n\"A".into())]);
        assert_eq!(
            toks("'\\n' ( *. ) a.(0)"),
            vec![
                Tok::Char(b'\n'),
                Tok::LParen,
                Tok::StarDot,
                Tok::RParen,
                Tok::Lident("a".into()),
                Tok::Dot,
                Tok::LParen,
                Tok::Int(0),
                Tok::RParen
            ]
        );
    }

    #[test]
    fn errors_are_reported_and_skipped() {
        let file = SourceFile::new("t.dvf", "1 ` 2 (* open");
        let lexed = lex(&file);
        assert_eq!(lexed.errors.len(), 2);
        assert_eq!(lexed.tokens.len(), 2);
    }
}
