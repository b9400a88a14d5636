//! devvm-compiler — the shared compiler framework.
//!
//! ```text
//!   source ─(frontend: lexer + parser)─► surface AST ─(frontend: lower)─► core AST
//!   core AST ─(fold)─► core AST ─(emit + scope resolution)─► CompiledModule (vm bytecode)
//! ```
//!
//! A frontend ([`Frontend`]) knows nothing of bytecode: it produces the [`core`] AST.
//! This crate resolves scopes (locals, upvalues, closures, module variables, builtins),
//! folds constants, and emits per-function bytecode with constant pools, line tables and
//! exception-handler tables. Diagnostics are values ([`Diagnostic`]) rendered once, at the
//! edge, with ariadne.
//!
//! Invariant: compilation never panics on any core AST a frontend can produce; problems
//! become diagnostics.

pub mod core;
pub mod diag;
pub mod dump;
mod emit;
pub mod fold;
pub mod frontend;
pub mod pipeline;
pub mod span;
pub mod stack;

pub use diag::{Diagnostic, Severity};
pub use emit::{compile, CompileOptions};
pub use frontend::{Frontend, Parsed, Registry, ReplLanguage};
pub use span::{SourceFile, Span};
