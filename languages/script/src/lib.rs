//! DevScript (`.dvs`): the dynamic scripting language's frontend.
//!
//! ```text
//!   text ─(lexer: logos + string scanner)─► raw tokens ─(newline: statement-end rules)─►
//!   tokens ─(parser + expr + stmt: Pratt parser, error recovery)─► surface AST (ast) ─
//!   (lower)─► core AST (devvm_compiler::core) ─► shared compiler
//! ```
//!
//! * `lexer.rs` turns text into tokens; `literal.rs` checks numbers and string escapes;
//!   `newline.rs` drops the newlines that cannot end a statement.
//! * `parser.rs` holds the cursor, the newline modes, error recovery and the nesting
//!   limit; `stmt.rs` and `expr.rs` hold the grammar, one function per rule.
//! * `lower.rs` maps the surface AST to the core AST; `print.rs` prints tokens and trees;
//!   `repl.rs` decides whether REPL input is complete.
//!
//! Invariants: no input makes the frontend panic or overflow its stack (nesting is limited
//! to [`parser::MAX_DEPTH`] levels, chains to [`parser::MAX_CHAIN`] links); every error is
//! a `SyntaxError` diagnostic naming what was expected and what was found, and a file
//! reports all its errors up to `MAX_ERRORS`; every AST node's span covers its source.
//! The crate uses no `unsafe`.

pub mod ast;
mod expr;
pub mod lexer;
pub mod literal;
pub mod lower;
pub mod newline;
pub mod parser;
pub mod print;
pub mod repl;
mod stmt;
pub mod token;

#[cfg(test)]
mod tests;

use devvm_compiler::diag::MAX_ERRORS;
use devvm_compiler::{Diagnostic, Frontend, Parsed, SourceFile};
use std::sync::Arc;

/// The DevScript frontend.
pub struct DevScript;

/// Lexes and parses a file into the surface AST, or returns every error (lexical and
/// syntactic, in source order, at most `MAX_ERRORS`).
pub fn parse_script(file: &Arc<SourceFile>) -> Result<ast::Script, Vec<Diagnostic>> {
    let lexed = lexer::lex(file);
    let parsed = parser::parse(file, lexed.tokens);
    let mut errors = lexed.errors;
    errors.extend(parsed.errors);
    if errors.is_empty() {
        return Ok(parsed.script);
    }
    errors.sort_by_key(|d| (d.span.start, d.span.end));
    errors.truncate(MAX_ERRORS);
    Err(errors)
}

impl Frontend for DevScript {
    fn name(&self) -> &'static str {
        "script"
    }

    fn display_name(&self) -> &'static str {
        "DevScript"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["dvs"]
    }

    fn parse(&self, file: &Arc<SourceFile>) -> Result<Parsed, Vec<Diagnostic>> {
        let script = parse_script(file)?;
        Ok(Parsed { module: lower::lower(&script), warnings: Vec::new() })
    }

    fn dump_tokens(&self, file: &Arc<SourceFile>) -> Result<String, Vec<Diagnostic>> {
        let lexed = lexer::lex(file);
        if !lexed.errors.is_empty() {
            return Err(lexed.errors);
        }
        Ok(print::tokens(file, &lexed.tokens))
    }

    fn dump_ast(&self, file: &Arc<SourceFile>) -> Result<String, Vec<Diagnostic>> {
        Ok(print::script(&parse_script(file)?))
    }

    fn is_complete(&self, text: &str) -> bool {
        repl::is_complete(text)
    }

    fn keywords(&self) -> &'static [&'static str] {
        token::KEYWORDS
    }

    fn prompt(&self) -> &'static str {
        "dvs> "
    }
}
