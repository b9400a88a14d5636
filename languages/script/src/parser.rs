//! The parser's machinery: the token cursor, newline modes, error reporting, recovery and
//! the nesting limit. The grammar itself is in `stmt.rs` (statements, blocks) and
//! `expr.rs` (the Pratt expression parser).
//!
//! Newlines. The lexer leaves only the newlines that may end a statement (`newline.rs`).
//! The parser keeps a stack of modes: inside `( )`, `[ ]`, map `{ }` and `${ }` the mode
//! is [`Mode::Free`] and [`Parser::peek`] skips newlines; inside a block (and at the top
//! level) it is [`Mode::Lines`] and a newline is a token that ends the statement. A
//! function literal inside parentheses pushes `Lines` for its body, so statement rules
//! apply there again.
//!
//! Errors. Every error is recorded as a [`Diagnostic`] and the parse function returns
//! [`Stop`]; the statement loop catches it, skips to the next statement boundary
//! ([`Parser::synchronize`]) and goes on, so one run reports every error in the file up to
//! [`MAX_ERRORS`]. Tokens the lexer already reported ([`Tok::Error`]) stop a statement
//! silently.
//!
//! Depth. Every recursive parse function passes through [`Parser::enter`], which refuses
//! to nest more than [`MAX_DEPTH`] levels, so `((((...))))` ten thousand deep is a
//! syntax error and never a stack overflow. Left-associative chains (`a + b + c ...`,
//! `f()()()...`, `else if ...`) build deep trees without recursing; they are limited to
//! [`MAX_CHAIN`] links for the sake of the later passes, which do recurse.

use crate::ast::{Script, Stmt};
use crate::lexer::foreign_hint;
use crate::token::{Tok, Token};
use devvm_compiler::diag::MAX_ERRORS;
use devvm_compiler::{Diagnostic, SourceFile, Span};
use devvm_vm::ErrorKind;
use std::sync::Arc;

/// How many levels of brackets, blocks and prefix operators may nest.
pub const MAX_DEPTH: usize = 256;
/// How many links a left-associative chain (binary operators of one level, postfix
/// operations, `else if`) may have.
pub const MAX_CHAIN: usize = 1_000;

/// An error was recorded; unwind to the statement loop.
#[derive(Clone, Copy, Debug)]
pub struct Stop;

pub type PResult<T> = Result<T, Stop>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Statement rules: a newline ends the statement.
    Lines,
    /// Inside brackets: newlines mean nothing.
    Free,
}

/// The parser's result: the tree (partial when there are errors) and the errors.
pub struct ParseOutput {
    pub script: Script,
    pub errors: Vec<Diagnostic>,
    /// How many of the errors were found at the end of the file: when all of them were,
    /// REPL input may just be unfinished.
    pub eof_errors: usize,
}

/// Parses a token stream (from [`crate::lexer::lex`]) into a surface AST.
pub fn parse(file: &Arc<SourceFile>, tokens: Vec<Token>) -> ParseOutput {
    let mut parser = Parser::new(file, tokens);
    let stmts = parser.statements(false);
    ParseOutput { script: Script { stmts }, errors: parser.errors, eof_errors: parser.eof_errors }
}

pub struct Parser<'f> {
    file: &'f Arc<SourceFile>,
    tokens: Vec<Token>,
    pos: usize,
    /// The index of the last consumed token.
    prev: Option<usize>,
    modes: Vec<Mode>,
    depth: usize,
    errors: Vec<Diagnostic>,
    /// The token the last error was reported at; a second error there is a cascade.
    last_error_at: Option<usize>,
    /// The index of the `}` that closed the most recent block.
    last_block_close: Option<usize>,
    eof_errors: usize,
    /// `MAX_ERRORS` reached: stop everything.
    gave_up: bool,
    /// A nesting error is unwinding to the top-level statement loop.
    too_deep: bool,
}

impl<'f> Parser<'f> {
    fn new(file: &'f Arc<SourceFile>, mut tokens: Vec<Token>) -> Parser<'f> {
        if tokens.last().map(|t| &t.kind) != Some(&Tok::Eof) {
            let end = file.text.len();
            tokens.push(Token { kind: Tok::Eof, span: Span::new(end, end), line_start: false });
        }
        Parser {
            file,
            tokens,
            pos: 0,
            prev: None,
            modes: vec![Mode::Lines],
            depth: 0,
            errors: Vec::new(),
            last_error_at: None,
            last_block_close: None,
            eof_errors: 0,
            gave_up: false,
            too_deep: false,
        }
    }

    // ---- The cursor ------------------------------------------------------------------

    fn mode(&self) -> Mode {
        self.modes.last().copied().unwrap_or(Mode::Lines)
    }

    pub(crate) fn push_mode(&mut self, mode: Mode) {
        self.modes.push(mode);
    }

    pub(crate) fn pop_mode(&mut self) {
        self.modes.pop();
    }

    /// Moves past newlines when the current mode ignores them.
    fn skip_free_newlines(&mut self) {
        if self.mode() == Mode::Free {
            while self.tokens[self.pos].kind == Tok::Newline {
                self.pos += 1;
            }
        }
    }

    /// The next meaningful token.
    pub(crate) fn peek_token(&mut self) -> &Token {
        self.skip_free_newlines();
        &self.tokens[self.pos]
    }

    pub(crate) fn peek(&mut self) -> &Tok {
        &self.peek_token().kind
    }

    /// The meaningful token after the next one.
    pub(crate) fn peek_second(&mut self) -> &Tok {
        self.skip_free_newlines();
        let mut i = (self.pos + 1).min(self.tokens.len() - 1);
        if self.mode() == Mode::Free {
            while self.tokens[i].kind == Tok::Newline {
                i += 1;
            }
        }
        &self.tokens[i].kind
    }

    /// Whether the next token is of this kind (payloads are not compared).
    pub(crate) fn at(&mut self, kind: &Tok) -> bool {
        std::mem::discriminant(self.peek()) == std::mem::discriminant(kind)
    }

    /// Consumes and returns the next token (the end of the file is never consumed).
    pub(crate) fn advance(&mut self) -> Token {
        self.skip_free_newlines();
        let token = self.tokens[self.pos].clone();
        self.prev = Some(self.pos);
        if token.kind != Tok::Eof {
            self.pos += 1;
        }
        token
    }

    pub(crate) fn eat(&mut self, kind: &Tok) -> Option<Token> {
        self.at(kind).then(|| self.advance())
    }

    /// In `Lines` mode, moves past newlines (where a newline cannot end anything, such as
    /// before a block's `{`).
    pub(crate) fn skip_newlines(&mut self) {
        while self.tokens[self.pos].kind == Tok::Newline {
            self.pos += 1;
        }
    }

    pub(crate) fn previous(&self) -> Option<&Token> {
        self.prev.map(|i| &self.tokens[i])
    }

    pub(crate) fn prev_span(&self) -> Span {
        self.previous().map_or(Span::default(), |t| t.span)
    }

    pub(crate) fn text(&self, span: Span) -> &str {
        self.file.text.get(span.range()).unwrap_or("")
    }

    pub(crate) fn line_col(&self, span: Span) -> String {
        let (line, col) = self.file.line_col(span.start);
        format!("{line}:{col}")
    }

    /// Marks `}` just consumed as the end of a block: a statement ending there needs no
    /// separator before the next one.
    pub(crate) fn mark_block_close(&mut self) {
        self.last_block_close = self.prev;
    }

    // ---- Depth -----------------------------------------------------------------------

    /// Enters one nesting level; past [`MAX_DEPTH`] that is a syntax error.
    pub(crate) fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.too_deep = true;
            let span = self.peek_token().span;
            return Err(self.error_at(span, format!("nesting too deep (more than {MAX_DEPTH} levels)")));
        }
        Ok(())
    }

    pub(crate) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Checks the length of a left-associative chain.
    pub(crate) fn check_chain(&mut self, links: usize, span: Span) -> PResult<()> {
        if links > MAX_CHAIN {
            return Err(self.error_at(span, format!("expression too long (more than {MAX_CHAIN} chained operations)")));
        }
        Ok(())
    }

    // ---- Errors ----------------------------------------------------------------------

    /// How a token reads in a message: `'+'`, `'name'`, `a string`, `the end of the line`.
    pub(crate) fn describe(&self, token: &Token) -> String {
        match &token.kind {
            Tok::Newline => "the end of the line".to_string(),
            Tok::Eof => "the end of the file".to_string(),
            Tok::Str(_) | Tok::StrHead(_) => "a string".to_string(),
            Tok::StrMid(_) | Tok::StrTail(_) => "the '}' that ends the interpolation".to_string(),
            _ => {
                let text = self.text(token.span);
                let short: String = text.chars().take(24).collect();
                if short.len() < text.len() {
                    format!("'{short}...'")
                } else {
                    format!("'{short}'")
                }
            }
        }
    }

    fn push_error(&mut self, diag: Diagnostic) {
        if self.errors.len() >= MAX_ERRORS {
            self.gave_up = true;
            return;
        }
        self.errors.push(diag);
        if self.errors.len() >= MAX_ERRORS {
            self.gave_up = true;
        }
    }

    /// Records an error at a span (not tied to the next token).
    pub(crate) fn error_at(&mut self, span: Span, message: impl Into<String>) -> Stop {
        let diag = Diagnostic::error(ErrorKind::SyntaxError, self.file, span, message);
        self.push_error(diag);
        Stop
    }

    /// Records an error about the next token, with notes. Errors at a token the lexer
    /// already reported, or at the same token as the previous error, are dropped.
    pub(crate) fn error_here(&mut self, message: String, notes: Vec<String>) -> Stop {
        self.skip_free_newlines();
        let at = self.pos;
        let token = self.tokens[at].clone();
        if token.kind == Tok::Error || self.last_error_at == Some(at) {
            return Stop;
        }
        // At the end of the file, point just after the last token: that line is the one
        // to show (the end may be an empty line after a final newline).
        let span = match (&token.kind, self.previous()) {
            (Tok::Eof, Some(prev)) => Span { start: prev.span.end, end: prev.span.end },
            _ => token.span,
        };
        let at_eof = token.kind == Tok::Eof;
        self.last_error_at = Some(at);
        let mut diag = Diagnostic::error(ErrorKind::SyntaxError, self.file, span, message);
        if let Tok::Foreign(op) = token.kind {
            if let Some(hint) = foreign_hint(op) {
                diag = diag.with_note(hint);
            }
        }
        for note in notes {
            diag = diag.with_note(note);
        }
        let before = self.errors.len();
        self.push_error(diag);
        if at_eof && self.errors.len() > before {
            self.eof_errors += 1;
        }
        Stop
    }

    /// `expected WHAT after 'PREV' but found 'NEXT'`.
    pub(crate) fn expected(&mut self, what: &str) -> Stop {
        self.expected_with(what, Vec::new())
    }

    pub(crate) fn expected_with(&mut self, what: &str, notes: Vec<String>) -> Stop {
        let found = {
            let token = self.peek_token().clone();
            self.describe(&token)
        };
        let after = match self.previous() {
            Some(prev) if prev.kind != Tok::Newline && prev.kind != Tok::Semi => {
                format!(" after {}", self.describe(&prev.clone()))
            }
            _ => String::new(),
        };
        self.error_here(format!("expected {what}{after} but found {found}"), notes)
    }

    /// The closing bracket is missing: names where the opening one is.
    pub(crate) fn unclosed(&mut self, open: &Token, expected: &str) -> Stop {
        let opener = self.text(open.span).to_string();
        let at = self.line_col(open.span);
        let found = {
            let token = self.peek_token().clone();
            self.describe(&token)
        };
        let message = format!("expected {expected} but found {found}");
        // Decisive when the evidence is: the end of the file, or a statement keyword at the
        // start of a line (the closer was most likely forgotten on an earlier line).
        let next = self.peek_token();
        let state = match next.kind {
            Tok::Eof => "is never closed",
            _ if next.line_start && starts_statement(&next.kind) => "is not closed",
            _ => "is still open here",
        };
        self.error_here(message, vec![format!("the '{opener}' at {at} {state}")])
    }

    // ---- Statements and recovery -------------------------------------------------------

    /// statements := (statement (NEWLINE | ';' | <after a block's '}'>))*
    ///
    /// The body of a block (`inside_block`) or of the file. Stops before the closing `}`
    /// or the end of the file, which the caller checks.
    pub(crate) fn statements(&mut self, inside_block: bool) -> Vec<Stmt> {
        let mut stmts = Vec::new();
        while !self.gave_up {
            match self.peek() {
                Tok::Newline | Tok::Semi => {
                    self.advance();
                    continue;
                }
                Tok::Eof => break,
                Tok::RBrace if inside_block => break,
                _ => {}
            }
            let (modes, depth, start) = (self.modes.len(), self.depth, self.pos);
            if let Ok(stmt) = self.statement() {
                stmts.push(stmt);
                if self.end_statement().is_ok() {
                    continue;
                }
            }
            if self.too_deep && inside_block {
                // Leave nesting errors to the top level, which skips the whole statement.
                return stmts;
            }
            self.modes.truncate(modes);
            self.depth = depth;
            // Make progress even when the statement failed at its first token.
            let stuck = self.pos == start;
            let at_stop = match self.tokens[self.pos].kind {
                Tok::Eof => true,
                Tok::RBrace => inside_block,
                _ => false,
            };
            if stuck && !at_stop {
                self.pos += 1;
            }
            let keyword_stops = !std::mem::replace(&mut self.too_deep, false);
            self.synchronize(start, keyword_stops);
        }
        stmts
    }

    /// Whether a nesting error is unwinding to the top level (see [`Parser::statements`]).
    pub(crate) fn unwinding(&self) -> bool {
        self.too_deep
    }

    /// After a statement: a newline, `;`, the block's `}`, the end of the file, or nothing
    /// at all when the statement ended with a block's `}`.
    fn end_statement(&mut self) -> PResult<()> {
        match self.peek().clone() {
            Tok::Newline | Tok::Semi => {
                self.advance();
                Ok(())
            }
            Tok::RBrace | Tok::Eof => Ok(()),
            _ if self.last_block_close.is_some() && self.last_block_close == self.prev => Ok(()),
            Tok::Assign => Err(self.expected_with(
                "a new line or ';' to end the statement",
                vec!["an assignment is a statement; it cannot be chained or used as a value".to_string()],
            )),
            _ => Err(self.expected("a new line or ';' to end the statement")),
        }
    }

    /// Skips to where the next statement can start: past a newline or `;` outside
    /// brackets, before the `}` of the enclosing block, or (with `keyword_stops`) before a
    /// statement keyword at the start of a line, even inside unclosed brackets, which
    /// are then abandoned. Brackets are counted from the start of the failed statement,
    /// so those the parser had already entered are closed too. Counting never recurses.
    fn synchronize(&mut self, statement_start: usize, keyword_stops: bool) {
        let mut open = 0usize;
        for token in &self.tokens[statement_start..self.pos] {
            open = bracket_balance(open, &token.kind);
        }
        loop {
            let token = &self.tokens[self.pos];
            match token.kind {
                Tok::Eof => return,
                Tok::RBrace if open == 0 => return,
                Tok::Newline | Tok::Semi if open == 0 => {
                    self.pos += 1;
                    return;
                }
                _ if keyword_stops && token.line_start && starts_statement(&token.kind) => return,
                _ => open = bracket_balance(open, &token.kind),
            }
            self.pos += 1;
        }
    }
}

/// The count of open brackets after `kind` (closers beyond the count are strays).
fn bracket_balance(open: usize, kind: &Tok) -> usize {
    match kind {
        Tok::LParen | Tok::LBracket | Tok::LBrace | Tok::StrHead(_) => open + 1,
        Tok::RParen | Tok::RBracket | Tok::RBrace | Tok::StrTail(_) => open.saturating_sub(1),
        _ => open,
    }
}

/// Keywords that can only start a statement (recovery resynchronizes at them).
fn starts_statement(kind: &Tok) -> bool {
    use Tok::*;
    matches!(kind, Let | Fn | If | While | For | Return | Try | Throw | Import | Break | Continue)
}
