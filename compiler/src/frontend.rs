//! The `Frontend` trait every language implements, and the registry that picks one by file
//! extension.

use crate::core;
use crate::diag::Diagnostic;
use crate::span::SourceFile;
use std::sync::Arc;

/// A successful parse: the core module plus any warnings.
#[derive(Debug, Default)]
pub struct Parsed {
    pub module: core::Module,
    pub warnings: Vec<Diagnostic>,
}

/// A language: source text in, core AST out. Everything behind the core AST is shared.
pub trait Frontend: Send + Sync {
    /// The short name used by `--lang` (e.g. `script`).
    fn name(&self) -> &'static str;
    /// The name users read (e.g. `DevScript`).
    fn display_name(&self) -> &'static str;
    /// File extensions without the dot (e.g. `["dvs"]`); the first is the main one.
    fn extensions(&self) -> &'static [&'static str];
    /// Parses and lowers a whole file. Errors are every diagnostic found, up to a cap.
    fn parse(&self, file: &Arc<SourceFile>) -> Result<Parsed, Vec<Diagnostic>>;
    /// `--dump tokens`: one token per line.
    fn dump_tokens(&self, file: &Arc<SourceFile>) -> Result<String, Vec<Diagnostic>>;
    /// `--dump ast`: the language's own surface tree.
    fn dump_ast(&self, file: &Arc<SourceFile>) -> Result<String, Vec<Diagnostic>>;
    /// For the REPL: whether `text` is complete, or a construct is still open and the
    /// next line should continue it (an open bracket, a trailing operator).
    fn is_complete(&self, text: &str) -> bool;
    /// Keywords, for REPL completion.
    fn keywords(&self) -> &'static [&'static str];
    /// The REPL prompt (`dvs> `).
    fn prompt(&self) -> &'static str;
    /// Adjusts the compile options for this language's code (its dialect, binding rules).
    fn tune_options(&self, _options: &mut crate::emit::CompileOptions) {}
    /// The text printed for an uncaught runtime error (the platform's format unless the
    /// language has its own, as DevObj follows the book's).
    fn render_runtime_error(&self, e: &devvm_vm::RuntimeError) -> String {
        e.render()
    }
    /// A stateful REPL session, for languages whose inputs depend on what earlier inputs
    /// declared beyond module variables (a typed language's environment). `None` (the
    /// default): every input goes through [`Frontend::parse`].
    fn repl_session(&self) -> Option<Box<dyn ReplLanguage>> {
        None
    }
    /// A line the language prints before the platform's rendering of an error that ended
    /// a program (DevFun: `Fatal error: exception Not_found`). `None` (the default): the
    /// rendering alone.
    fn uncaught_heading(&self, _error: &devvm_vm::RuntimeError) -> Option<String> {
        None
    }
}

/// One language's REPL state across inputs (see [`Frontend::repl_session`]).
pub trait ReplLanguage {
    /// Parses, checks and lowers one input against everything earlier inputs defined.
    fn compile_input(&mut self, file: &Arc<SourceFile>) -> Result<Parsed, Vec<Diagnostic>>;
    /// What to print after the input ran (`val x : int = 42`); `result` is the value of
    /// its last expression, `lookup` reads a session module variable by name.
    fn describe(&mut self, result: devvm_vm::Value, lookup: &dyn Fn(&str) -> Option<devvm_vm::Value>) -> String;
    /// `:type EXPR`: the expression's type, without running it.
    fn type_of(&mut self, file: &Arc<SourceFile>) -> Result<String, Vec<Diagnostic>>;
}

/// The installed frontends. The binary builds one and registers every language crate.
#[derive(Default)]
pub struct Registry {
    frontends: Vec<Arc<dyn Frontend>>,
}

impl Registry {
    pub fn new() -> Registry {
        Registry::default()
    }

    pub fn register(&mut self, frontend: Arc<dyn Frontend>) {
        self.frontends.push(frontend);
    }

    pub fn all(&self) -> &[Arc<dyn Frontend>] {
        &self.frontends
    }

    /// The frontend for a path's extension.
    pub fn for_path(&self, path: &str) -> Option<Arc<dyn Frontend>> {
        let ext = std::path::Path::new(path).extension()?.to_str()?;
        self.frontends.iter().find(|f| f.extensions().contains(&ext)).cloned()
    }

    /// The frontend with this `--lang` name (or one of its extensions).
    pub fn by_name(&self, name: &str) -> Option<Arc<dyn Frontend>> {
        self.frontends.iter().find(|f| f.name() == name || f.extensions().contains(&name)).cloned()
    }
}
