//! DevFun (`.dvf`): the statically typed functional language (an OCaml subset).
//!
//! ```text
//!   text ─(lexer: logos)─► tokens ─(grammar.lalrpop: LR(1))─► surface AST (ast)
//!        ─(check + infer: Hindley–Milner with levels)─► types, Annotations
//!        ─(lower + matchc + prims: decision trees, typed ops, n-ary calls)─► core AST
//!        ─► shared compiler ─► bytecode; the natives live in `runtime`
//! ```
//!
//! The prelude (`prelude.dvf`, Pervasives and the List/Array/String/Char/Hashtbl
//! modules) is checked and lowered ahead of the program, in the same module: for a file,
//! only the prelude items the program can reach (`prelude.rs`); for the REPL, all of it.
//!
//! Invariants: no input makes the frontend panic or overflow its stack (trees nest at
//! most [`parse::MAX_DEPTH`] levels, and a whole file is compiled on a thread with a large
//! stack); an ill-typed program produces diagnostics and no core AST, so it never reaches
//! the VM. The crate uses no `unsafe`.

pub mod ast;
pub mod check;
pub mod format;
pub mod infer;
pub mod lexer;
pub mod loopify;
pub mod lower;
pub mod matchc;
pub mod parse;
pub mod prelude;
pub mod prims;
pub mod repl;
pub mod runtime;
pub mod syntax;
pub mod token;
pub mod types;

#[allow(clippy::all, unused_parens, dead_code)]
mod grammar {
    include!(concat!(env!("OUT_DIR"), "/grammar.rs"));
}

use devvm_compiler::{core, Diagnostic, Frontend, Parsed, SourceFile};
use devvm_vm::ErrorKind;
use std::sync::Arc;

/// The prelude's source.
pub const PRELUDE: &str = include_str!("prelude.dvf");

/// The stack the frontend runs on (deep but legal programs recurse in the checker).
const FRONTEND_STACK: usize = 256 << 20;

/// The DevFun frontend.
pub struct DevFun;

/// What compiling one unit produces: its statements, its warnings, and what each item
/// defined.
pub type Unit = (Vec<core::Stmt>, Vec<Diagnostic>, Vec<check::TopInfo>);

/// Checker and lowering state with the prelude loaded: a file compiles against a fresh
/// one, the REPL keeps one across inputs.
pub struct Session {
    pub checker: check::Checker,
    pub lowerer: lower::Lowerer,
    /// The prelude's statements, until the first unit takes them.
    pub prelude_core: Vec<core::Stmt>,
}

impl Session {
    /// Checks and lowers the whole prelude. Its diagnostics are bugs of the prelude itself.
    pub fn new() -> Result<Session, Vec<Diagnostic>> {
        Session::with_prelude(PRELUDE)
    }

    /// A session for compiling `file` alone: with the prelude items its text can reach.
    pub fn for_file(file: &Arc<SourceFile>) -> Result<Session, Vec<Diagnostic>> {
        let needed = prelude::Prelude::get().source_for(prelude::names_in(file));
        Session::with_prelude(&needed)
    }

    /// Checks and lowers `source` as the prelude (all of it, or the items a file needs).
    fn with_prelude(source: &str) -> Result<Session, Vec<Diagnostic>> {
        let file = SourceFile::new("<prelude>", source);
        let items = parse::parse_file(&file)?;
        let mut checker = check::Checker::new();
        checker.allow_qualified = true;
        let (diags, _) = checker.check_items(&file, &items);
        if !diags.is_empty() {
            return Err(diags);
        }
        checker.allow_qualified = false;
        checker.warnings.clear();
        let mut lowerer = lower::Lowerer::new("<prelude>");
        lowerer.source = Some(file.clone());
        let prelude_core = lowerer.lower_items(&checker, &items);
        lowerer.warnings.clear();
        Ok(Session { checker, lowerer, prelude_core })
    }

    /// Checks and lowers one unit (a file or a REPL input): its statements (preceded by
    /// the prelude's the first time), its warnings, and what each item defined.
    pub fn compile(&mut self, file: &Arc<SourceFile>) -> Result<Unit, Vec<Diagnostic>> {
        let items = parse::parse_file(file)?;
        let mark = self.checker.mark();
        let (diags, infos) = self.checker.check_items(file, &items);
        let mut warnings: Vec<Diagnostic> = self
            .checker
            .warnings
            .drain(..)
            .map(|(span, m)| Diagnostic::warning(ErrorKind::StaticTypeError, file, span, m))
            .collect();
        if !diags.is_empty() {
            // Nothing of a unit that does not compile stays defined (the REPL goes on).
            self.checker.restore(mark);
            let mut all = diags;
            all.extend(warnings);
            return Err(all);
        }
        self.lowerer.file_name = file.name.clone();
        self.lowerer.source = Some(file.clone());
        let mut body = std::mem::take(&mut self.prelude_core);
        body.extend(self.lowerer.lower_items(&self.checker, &items));
        warnings.extend(
            self.lowerer
                .warnings
                .drain(..)
                .map(|(span, m)| Diagnostic::warning(ErrorKind::StaticTypeError, file, span, m)),
        );
        Ok((body, warnings, infos))
    }
}

/// Compiles a whole file with the prelude (on the calling thread).
pub fn compile_file(file: &Arc<SourceFile>) -> Result<Parsed, Vec<Diagnostic>> {
    let mut session = Session::for_file(file)?;
    let (body, warnings, _) = session.compile(file)?;
    Ok(Parsed { module: core::Module { body }, warnings })
}

impl Frontend for DevFun {
    fn name(&self) -> &'static str {
        "fun"
    }

    fn display_name(&self) -> &'static str {
        "DevFun"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["dvf"]
    }

    // A top-level name is bound once (a redefinition is a new variable, `f%%topN`), so a
    // recursive function's call of itself is `CALL_SELF`.
    fn tune_options(&self, options: &mut devvm_compiler::CompileOptions) {
        options.immutable_functions = true;
    }

    fn parse(&self, file: &Arc<SourceFile>) -> Result<Parsed, Vec<Diagnostic>> {
        devvm_compiler::stack::with_stack(FRONTEND_STACK, || compile_file(file)).unwrap_or_else(|| {
            Err(vec![Diagnostic::error(
                ErrorKind::SyntaxError,
                file,
                devvm_compiler::Span::default(),
                "internal error: the DevFun frontend failed on this file",
            )])
        })
    }

    fn dump_tokens(&self, file: &Arc<SourceFile>) -> Result<String, Vec<Diagnostic>> {
        let lexed = lexer::lex(file);
        if !lexed.errors.is_empty() {
            return Err(lexed.errors);
        }
        let mut out = String::new();
        for (l, t, _) in &lexed.tokens {
            let (line, col) = file.line_col(*l as u32);
            out.push_str(&format!("{line}:{col} {}\n", t.describe()));
        }
        Ok(out)
    }

    fn dump_ast(&self, file: &Arc<SourceFile>) -> Result<String, Vec<Diagnostic>> {
        let items = parse::parse_file(file)?;
        Ok(items.iter().map(|i| format!("{:?}\n", i.kind)).collect())
    }

    fn is_complete(&self, text: &str) -> bool {
        repl::is_complete(text)
    }

    fn keywords(&self) -> &'static [&'static str] {
        token::KEYWORDS
    }

    fn prompt(&self) -> &'static str {
        "dvf> "
    }

    fn repl_session(&self) -> Option<Box<dyn devvm_compiler::ReplLanguage>> {
        Some(Box::new(repl::Repl::new()))
    }

    fn uncaught_heading(&self, e: &devvm_vm::RuntimeError) -> Option<String> {
        use devvm_vm::ErrorKind as K;
        let exn = match e.kind {
            Some(K::ZeroDivisionError) => "Division_by_zero".to_string(),
            Some(K::OverflowError) => "Overflow".to_string(),
            Some(K::StackOverflow) => "Stack_overflow".to_string(),
            Some(K::IndexError) => "Invalid_argument(\"index out of bounds\")".to_string(),
            Some(_) => return None,
            None if e.message.is_empty() => e.kind_name.clone(),
            None if e.message.starts_with('(') => format!("{}{}", e.kind_name, e.message),
            None => format!("{}({:?})", e.kind_name, e.message),
        };
        Some(format!("Fatal error: exception {exn}"))
    }
}

#[cfg(test)]
mod tests;
