//! The recursive-descent parser, with the resolver's static checks done as it goes,
//! producing the core AST directly.
//!
//! ```text
//!   tokens ─► declarations / statements (stmt.rs) ─► expressions (expr.rs) ─► core AST
//!                 └─ scopes (this file): locals declared/defined, function and class
//!                    context — the book's resolver errors, each at its token
//! ```
//!
//! Lox binds names statically: a name is a local of an enclosing block or function if one
//! is declared there (the one in the innermost scope wins), else a global, looked up when
//! the code runs. The parser keeps the same scope stack the book's resolver keeps, so it
//! can report `Can't read local variable in its own initializer.` and its siblings; the
//! shared emitter resolves the same names the same way.
//!
//! Errors follow the book: `Error at 'x': message` (or `Error at end: message`), then the
//! parser synchronizes at the next statement boundary and goes on, so every error of a
//! file is reported. Nesting deeper than [`MAX_DEPTH`] and operator chains longer than
//! [`MAX_CHAIN`] are errors too, so no input overflows the host stack in this or any later
//! pass.

use crate::lexer::{Tok, Token};
use devvm_compiler::core::{Expr, ExprKind, Ident};
use devvm_compiler::diag::MAX_ERRORS;
use devvm_compiler::{Diagnostic, SourceFile, Span};
use devvm_vm::ErrorKind;
use std::collections::HashSet;
use std::sync::Arc;

/// How deeply statements and expressions may nest.
pub const MAX_DEPTH: usize = 256;
/// How many operators one chain (`a + b + c ...`) may have.
pub const MAX_CHAIN: usize = 1_000;

/// Names the runtime provides to DevObj programs besides the error classes. References to
/// them compile to the hidden built-ins `oo:NAME` unless the file declares the name itself
/// at top level.
pub const RUNTIME_NAMES: &[&str] = &["clock", "str", "Error", "Math", "List", "Map"];

/// Whether `name` is provided by the DevObj runtime: one of [`RUNTIME_NAMES`] or the class
/// of a runtime error kind (the runtime makes one per kind, `devvm_stdlib::oo`).
pub fn is_runtime_name(name: &str) -> bool {
    RUNTIME_NAMES.contains(&name) || devvm_vm::ErrorKind::runtime().any(|k| k.name() == name)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FnKind {
    Function,
    Method,
    Initializer,
    Static,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ClassKind {
    Class,
    Subclass,
}

/// A local in a scope: its name and whether its initializer has finished.
struct Local {
    name: String,
    defined: bool,
}

pub struct Parser<'a> {
    pub(crate) file: &'a Arc<SourceFile>,
    toks: Vec<Token>,
    pos: usize,
    pub(crate) errors: Vec<Diagnostic>,
    panic_mode: bool,
    depth: usize,
    scopes: Vec<Vec<Local>>,
    pub(crate) functions: Vec<FnKind>,
    pub(crate) classes: Vec<ClassKind>,
    /// Names the file declares at top level (they shadow the runtime's).
    top_level: HashSet<String>,
    temps: usize,
}

impl<'a> Parser<'a> {
    pub fn new(file: &'a Arc<SourceFile>, toks: Vec<Token>) -> Parser<'a> {
        let top_level = top_level_names(file, &toks);
        Parser {
            file,
            toks,
            pos: 0,
            errors: Vec::new(),
            panic_mode: false,
            depth: 0,
            scopes: Vec::new(),
            functions: Vec::new(),
            classes: Vec::new(),
            top_level,
            temps: 0,
        }
        .started()
    }

    fn started(mut self) -> Self {
        self.skip_error_tokens();
        self
    }

    // ----- the cursor -------------------------------------------------------------------

    pub(crate) fn peek(&self) -> Tok {
        self.toks[self.pos].tok
    }

    pub(crate) fn span(&self) -> Span {
        self.toks[self.pos].span
    }

    pub(crate) fn prev_span(&self) -> Span {
        self.toks[self.pos.saturating_sub(1)].span
    }

    pub(crate) fn text(&self, span: Span) -> &str {
        &self.file.text[span.range()]
    }

    pub(crate) fn advance(&mut self) -> Token {
        let t = self.toks[self.pos];
        if t.tok != Tok::Eof {
            self.pos += 1;
        }
        self.skip_error_tokens();
        t
    }

    /// Reports and skips the lexer's error tokens at the cursor (`Error: message`).
    fn skip_error_tokens(&mut self) {
        while let Some(message) = crate::lexer::error_message(self.toks[self.pos].tok) {
            let span = self.toks[self.pos].span;
            if !self.panic_mode {
                self.panic_mode = true;
                if self.errors.len() < MAX_ERRORS {
                    self.errors.push(Diagnostic::error(
                        ErrorKind::SyntaxError,
                        self.file,
                        span,
                        format!("Error: {message}"),
                    ));
                }
            }
            self.pos += 1;
        }
    }

    pub(crate) fn check(&self, tok: Tok) -> bool {
        self.peek() == tok
    }

    pub(crate) fn matches(&mut self, tok: Tok) -> bool {
        if self.check(tok) {
            self.advance();
            true
        } else {
            false
        }
    }

    /// Consumes `tok` or reports `message` at the current token.
    pub(crate) fn consume(&mut self, tok: Tok, message: &str) -> Option<Token> {
        if self.check(tok) {
            return Some(self.advance());
        }
        self.error_at_current(message);
        None
    }

    pub(crate) fn ident(&mut self, message: &str) -> Option<Ident> {
        let t = self.consume(Tok::Identifier, message)?;
        Some(Ident::new(self.text(t.span).to_string(), t.span))
    }

    // ----- errors -----------------------------------------------------------------------

    /// Reports at a token, in the book's words: `Error at 'x': message`.
    pub(crate) fn error_at(&mut self, span: Span, message: &str) {
        if self.panic_mode {
            return;
        }
        self.panic_mode = true;
        self.report(span, message);
    }

    /// A resolver error: reported without entering panic mode (parsing is fine).
    pub(crate) fn resolve_error(&mut self, span: Span, message: &str) {
        self.report(span, message);
    }

    fn report(&mut self, span: Span, message: &str) {
        let at = if span.start as usize >= self.file.text.len() {
            "Error at end".to_string()
        } else {
            format!("Error at '{}'", self.text(span))
        };
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(Diagnostic::error(ErrorKind::SyntaxError, self.file, span, format!("{at}: {message}")));
        }
    }

    pub(crate) fn error_at_current(&mut self, message: &str) {
        let span = self.span();
        self.error_at(span, message);
    }

    /// The cursor position (progress checks).
    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    pub(crate) fn in_panic(&self) -> bool {
        self.panic_mode
    }

    /// Skips to a statement boundary after an error.
    pub(crate) fn synchronize(&mut self) {
        self.panic_mode = false;
        while self.peek() != Tok::Eof {
            if self.toks[self.pos.saturating_sub(1)].tok == Tok::Semicolon && self.pos > 0 {
                return;
            }
            match self.peek() {
                Tok::Class
                | Tok::Fun
                | Tok::Var
                | Tok::For
                | Tok::If
                | Tok::While
                | Tok::Print
                | Tok::Return
                | Tok::Throw
                | Tok::Try
                | Tok::Import => return,
                _ => {
                    self.advance();
                }
            }
        }
    }

    /// Enters one nesting level; false (with an error) past [`MAX_DEPTH`].
    pub(crate) fn enter(&mut self) -> bool {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let span = self.span();
            self.error_at(span, &format!("Too much nesting (more than {MAX_DEPTH} levels)."));
            return false;
        }
        true
    }

    pub(crate) fn leave(&mut self) {
        self.depth -= 1;
    }

    // ----- scopes -----------------------------------------------------------------------

    pub(crate) fn begin_scope(&mut self) {
        self.scopes.push(Vec::new());
    }

    pub(crate) fn end_scope(&mut self) {
        self.scopes.pop();
    }

    pub(crate) fn at_top_level(&self) -> bool {
        self.scopes.is_empty()
    }

    /// Declares a name in the innermost scope (not yet readable); globals need nothing.
    pub(crate) fn declare(&mut self, name: &Ident) {
        let Some(scope) = self.scopes.last() else { return };
        if scope.iter().any(|l| l.name == name.name) {
            self.resolve_error(name.span, "Already a variable with this name in this scope.");
        }
        if let Some(scope) = self.scopes.last_mut() {
            scope.push(Local { name: name.name.clone(), defined: false });
        }
    }

    /// Marks the innermost declaration of the name as initialized.
    pub(crate) fn define(&mut self, name: &str) {
        if let Some(l) = self.scopes.last_mut().and_then(|s| s.iter_mut().rev().find(|l| l.name == name)) {
            l.defined = true;
        }
    }

    /// The name as the core AST should see it: locals as they are, globals the runtime
    /// provides as their hidden built-in (unless the file declares them).
    pub(crate) fn variable(&mut self, name: Ident) -> Expr {
        let span = name.span;
        let (mut local, mut uninitialized) = (false, false);
        let innermost = self.scopes.len().wrapping_sub(1);
        for (i, scope) in self.scopes.iter().enumerate().rev() {
            if let Some(l) = scope.iter().rev().find(|l| l.name == name.name) {
                uninitialized = !l.defined && i == innermost;
                local = true;
                break;
            }
        }
        if uninitialized {
            self.report(span, "Can't read local variable in its own initializer.");
        }
        if !local && is_runtime_name(&name.name) && !self.top_level.contains(&name.name) {
            return Expr::new(ExprKind::Var(Ident::new(format!("oo:{}", name.name), span)), span);
        }
        Expr::new(ExprKind::Var(name), span)
    }

    /// A fresh hidden name (cannot be written in DevObj).
    pub(crate) fn temp(&mut self) -> String {
        self.temps += 1;
        format!("%t{}", self.temps)
    }
}

/// The names declared by `var`, `fun` and `class` outside every brace pair.
fn top_level_names(file: &SourceFile, toks: &[Token]) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut depth = 0i64;
    for w in toks.windows(2) {
        match w[0].tok {
            Tok::LBrace => depth += 1,
            Tok::RBrace => depth -= 1,
            Tok::Var | Tok::Fun | Tok::Class if depth == 0 && w[1].tok == Tok::Identifier => {
                out.insert(file.text[w[1].span.range()].to_string());
            }
            Tok::As if depth == 0 && w[1].tok == Tok::Identifier => {
                out.insert(file.text[w[1].span.range()].to_string());
            }
            _ => {}
        }
    }
    out
}
