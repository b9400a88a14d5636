//! Tokens: what the lexer hands the parser.
//!
//! A string without interpolation is one [`Tok::Str`]. An interpolated string becomes
//! `StrHead` (from the opening quote through `${`), the tokens of the expression,
//! then `StrMid` (from `}` through the next `${`) or `StrTail` (from `}` through the
//! closing quote), so `"a ${x} b"` is `StrHead("a ") Ident(x) StrTail(" b")`.

use devvm_compiler::Span;

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Ident(String),
    Int(i64),
    /// The integer 9223372036854775808 (2^63): too large on its own, but the parser accepts
    /// it right after a unary minus, so that `-9223372036854775808` is `i64::MIN`.
    IntMinMagnitude,
    Float(f64),
    Str(String),
    StrHead(String),
    StrMid(String),
    StrTail(String),

    // Keywords.
    Let,
    Fn,
    Return,
    If,
    Else,
    While,
    For,
    In,
    Break,
    Continue,
    True,
    False,
    Nil,
    And,
    Or,
    Not,
    Try,
    Catch,
    Finally,
    Throw,
    Import,
    As,

    // Operators and punctuation.
    EqEq,
    NotEq,
    Lt,
    Le,
    Gt,
    Ge,
    Pipe,
    Caret,
    Amp,
    Shl,
    Shr,
    DotDot,
    DotDotEq,
    Plus,
    Minus,
    Star,
    Slash,
    SlashSlash,
    Percent,
    Tilde,
    StarStar,
    Assign,
    Dot,
    Comma,
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    Semi,
    Colon,

    /// A newline that may end a statement (see `newline.rs` for which ones survive).
    Newline,
    /// An operator from another language that DevScript does not have (`&&`, `:=`, `+=`);
    /// lexed as one token so that messages can name it.
    Foreign(&'static str),
    /// Input the lexer already reported; the parser stops at it without a second message.
    Error,
    Eof,
}

/// The keywords, in the order the spec lists them (also the REPL's completion list).
pub const KEYWORDS: &[&str] = &[
    "let", "fn", "return", "if", "else", "while", "for", "in", "break", "continue", "true", "false", "nil", "and",
    "or", "not", "try", "catch", "finally", "throw", "import", "as",
];

impl Tok {
    /// The keyword token for a word, if it is one.
    pub fn keyword(word: &str) -> Option<Tok> {
        Some(match word {
            "let" => Tok::Let,
            "fn" => Tok::Fn,
            "return" => Tok::Return,
            "if" => Tok::If,
            "else" => Tok::Else,
            "while" => Tok::While,
            "for" => Tok::For,
            "in" => Tok::In,
            "break" => Tok::Break,
            "continue" => Tok::Continue,
            "true" => Tok::True,
            "false" => Tok::False,
            "nil" => Tok::Nil,
            "and" => Tok::And,
            "or" => Tok::Or,
            "not" => Tok::Not,
            "try" => Tok::Try,
            "catch" => Tok::Catch,
            "finally" => Tok::Finally,
            "throw" => Tok::Throw,
            "import" => Tok::Import,
            "as" => Tok::As,
            _ => return None,
        })
    }

    pub fn is_keyword(&self) -> bool {
        use Tok::*;
        matches!(
            self,
            Let | Fn
                | Return
                | If
                | Else
                | While
                | For
                | In
                | Break
                | Continue
                | True
                | False
                | Nil
                | And
                | Or
                | Not
                | Try
                | Catch
                | Finally
                | Throw
                | Import
                | As
        )
    }

    /// Whether an expression (or a statement) can end with this token — the spec's list
    /// for when a newline ends a statement. An error token counts, so that recovery still
    /// sees the line break after it.
    pub fn ends_expression(&self) -> bool {
        use Tok::*;
        matches!(
            self,
            Ident(_)
                | Int(_)
                | IntMinMagnitude
                | Float(_)
                | Str(_)
                | StrTail(_)
                | RParen
                | RBracket
                | RBrace
                | Nil
                | True
                | False
                | Return
                | Break
                | Continue
                | Error
        )
    }

    /// A short name for `--dump tokens`.
    pub fn kind_name(&self) -> &'static str {
        use Tok::*;
        match self {
            Ident(_) => "ident",
            Int(_) | IntMinMagnitude => "int",
            Float(_) => "float",
            Str(_) => "str",
            StrHead(_) => "str-head",
            StrMid(_) => "str-mid",
            StrTail(_) => "str-tail",
            Newline => "newline",
            Foreign(_) => "foreign",
            Error => "error",
            Eof => "eof",
            t if t.is_keyword() => "keyword",
            _ => "punct",
        }
    }
}

/// A token with its place in the source.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub kind: Tok,
    pub span: Span,
    /// The first token on its source line (used by error recovery).
    pub line_start: bool,
}
