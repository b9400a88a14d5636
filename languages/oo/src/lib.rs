//! DevObj (`.dvo`, `.lox`): the class-based object-oriented language, a superset of Lox.
//!
//! ```text
//!   text ─(lexer: logos)─► tokens ─(parser + stmt + expr: recursive descent with the
//!   book's resolver checks inline)─► core AST ─► shared compiler (Lox dialect,
//!   late-bound globals) ─► bytecode on the shared object model (classes, shapes, ICs)
//! ```
//!
//! * `lexer.rs` — the tokens; `parser.rs` — cursor, errors, scopes; `stmt.rs` and
//!   `expr.rs` — the grammar, one function per rule, lowering straight to the core AST.
//! * The runtime side (`print`, `str`, `clock`, `is`, the `Error` classes, `Math`) lives
//!   in `devvm-stdlib` (`oo.rs`) under hidden `oo:` names, so DevScript does not see them.
//!
//! Invariants: no input panics or overflows the stack (nesting is limited to
//! [`parser::MAX_DEPTH`], chains to [`parser::MAX_CHAIN`]); every error is reported with
//! the book's message at its token. The crate uses no `unsafe`.

mod expr;
pub mod lexer;
pub mod parser;
mod stmt;

#[cfg(test)]
mod tests;

use devvm_compiler::diag::MAX_ERRORS;
use devvm_compiler::{CompileOptions, Diagnostic, Frontend, Parsed, SourceFile};
use devvm_vm::RuntimeError;
use std::sync::Arc;

/// The DevObj frontend.
pub struct DevObj;

/// Lexes and parses a file into the core AST, or every error found (in source order).
pub fn parse_program(file: &Arc<SourceFile>) -> Result<devvm_compiler::core::Module, Vec<Diagnostic>> {
    let lexed = lexer::lex(file);
    let mut p = parser::Parser::new(file, lexed.tokens);
    let module = p.program();
    let mut errors = p.errors;
    if errors.is_empty() {
        return Ok(module);
    }
    errors.sort_by_key(|d| (d.span.start, d.span.end));
    errors.truncate(MAX_ERRORS);
    Err(errors)
}

/// An uncaught error as DevObj prints it: the class and message, then the book's trace
/// lines (`[line N] in f()`, `[line N] in script`).
pub fn render_runtime_error(e: &RuntimeError) -> String {
    let mut s = format!("{}: {}\n", e.kind_name, e.message);
    for f in &e.trace {
        if f.function == "<main>" {
            s.push_str(&format!("[line {}] in script\n", f.line));
        } else if f.function.starts_with("...") {
            s.push_str(&format!("{}\n", f.function));
        } else {
            s.push_str(&format!("[line {}] in {}()\n", f.line, f.function));
        }
    }
    s
}

impl Frontend for DevObj {
    fn name(&self) -> &'static str {
        "oo"
    }

    fn display_name(&self) -> &'static str {
        "DevObj"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["dvo", "lox"]
    }

    fn parse(&self, file: &Arc<SourceFile>) -> Result<Parsed, Vec<Diagnostic>> {
        Ok(Parsed { module: parse_program(file)?, warnings: Vec::new() })
    }

    fn dump_tokens(&self, file: &Arc<SourceFile>) -> Result<String, Vec<Diagnostic>> {
        let lexed = lexer::lex(file);
        let mut out = String::new();
        for t in &lexed.tokens {
            let (line, col) = file.line_col(t.span.start);
            out.push_str(&format!("{line}:{col} {:?} {:?}\n", t.tok, &file.text[t.span.range()]));
        }
        Ok(out)
    }

    fn dump_ast(&self, file: &Arc<SourceFile>) -> Result<String, Vec<Diagnostic>> {
        // DevObj lowers while it parses, so its tree is the core tree.
        Ok(devvm_compiler::dump::core_module(&parse_program(file)?))
    }

    fn is_complete(&self, text: &str) -> bool {
        let lexed = lexer::lex(&SourceFile::new("<repl>", text));
        let mut depth = 0i64;
        for t in &lexed.tokens {
            match t.tok {
                lexer::Tok::LBrace | lexer::Tok::LParen | lexer::Tok::LBracket => depth += 1,
                lexer::Tok::RBrace | lexer::Tok::RParen | lexer::Tok::RBracket => depth -= 1,
                _ => {}
            }
        }
        depth <= 0 && !lexed.tokens.iter().any(|t| t.tok == lexer::Tok::UnterminatedString)
    }

    fn keywords(&self) -> &'static [&'static str] {
        lexer::KEYWORDS
    }

    fn prompt(&self) -> &'static str {
        "dvo> "
    }

    fn tune_options(&self, options: &mut CompileOptions) {
        options.dialect = devvm_vm::bytecode::Dialect::Lox;
        options.late_bound_globals = true;
    }

    fn render_runtime_error(&self, e: &RuntimeError) -> String {
        render_runtime_error(e)
    }
}
