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
