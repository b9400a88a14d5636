//! The frontend's tests: lexer, newline rules, precedence, recovery, depth limits,
//! lowering, and whole programs. Trees are compared as one-line s-expressions.

mod depth;
mod errors;
mod lexer;
mod lowering;
mod newlines;
mod precedence;
mod programs;
mod repl;
mod statements;

use crate::token::Tok;
use crate::{lexer as lex, lower, parse_script, print};
use devvm_compiler::{Diagnostic, SourceFile};
use std::sync::Arc;

pub fn file(text: &str) -> Arc<SourceFile> {
    SourceFile::new("test.dvs", text)
}

/// The token kinds of a text that must lex cleanly (without the final `Eof`).
pub fn toks(text: &str) -> Vec<Tok> {
    let lexed = lex::lex(&file(text));
    assert!(lexed.errors.is_empty(), "unexpected lex errors in {text:?}: {:?}", messages(&lexed.errors));
    let mut kinds: Vec<Tok> = lexed.tokens.into_iter().map(|t| t.kind).collect();
    assert_eq!(kinds.pop(), Some(Tok::Eof));
    kinds
}

/// `LINE:COL message` for each diagnostic.
pub fn messages(diags: &[Diagnostic]) -> Vec<String> {
    diags.iter().map(|d| format!("{}:{} {}", d.line(), d.file.line_col(d.span.start).1, d.message)).collect()
}

/// Every error of a text (lexical and syntactic), as `LINE:COL message`.
pub fn errors(text: &str) -> Vec<String> {
    match parse_script(&file(text)) {
        Ok(script) => panic!("expected errors in {text:?}, parsed {}", print::script_flat(&script)),
        Err(diags) => messages(&diags),
    }
}

/// The surface tree of a text that must parse, one statement per line.
pub fn ast(text: &str) -> String {
    match parse_script(&file(text)) {
        Ok(script) => print::script_flat(&script),
        Err(diags) => panic!("errors in {text:?}: {:#?}", messages(&diags)),
    }
}

/// The surface tree of a single expression statement.
pub fn expr(text: &str) -> String {
    ast(text)
}

/// The core tree of a text that must parse, one statement per line.
pub fn core(text: &str) -> String {
    let script = match parse_script(&file(text)) {
        Ok(script) => script,
        Err(diags) => panic!("errors in {text:?}: {:#?}", messages(&diags)),
    };
    let module = lower::lower(&script);
    module.body.iter().map(|s| devvm_compiler::dump::stmt(s).flat()).collect::<Vec<_>>().join("\n")
}
