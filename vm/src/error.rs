//! Exceptions inside the VM, and the structured error the VM hands to its embedder.

use crate::error_kind::ErrorKind;
use crate::value::Value;

/// An exception in flight. Native code and the interpreter's slow paths return
/// `Err(Exception)`; the interpreter turns it into an error value (with a trace) and
/// unwinds through the handler tables.
#[derive(Debug)]
pub enum Exception {
    /// A VM error not yet materialized as a value (no allocation on the error path until
    /// it is known to be needed).
    Error(ErrorKind, String),
    /// A value thrown by the program (or an error value already materialized).
    Thrown(Value),
}

impl Exception {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Exception {
        Exception::Error(kind, message.into())
    }

    pub fn type_error(message: impl Into<String>) -> Exception {
        Exception::new(ErrorKind::TypeError, message)
    }

    pub fn value_error(message: impl Into<String>) -> Exception {
        Exception::new(ErrorKind::ValueError, message)
    }

    pub fn index_error(message: impl Into<String>) -> Exception {
        Exception::new(ErrorKind::IndexError, message)
    }
}

pub type VmResult<T> = Result<T, Exception>;

/// One frame of a stack trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceFrame {
    pub function: String,
    pub file: String,
    pub line: u32,
}

/// An uncaught error as the embedder (and the CLI) sees it.
#[derive(Clone, Debug)]
pub struct RuntimeError {
    /// The VM kind when the error is one of the built-in kinds.
    pub kind: Option<ErrorKind>,
    /// The kind as the program sees it (`"TypeError"`, a user kind, or the type of a
    /// thrown non-error value).
    pub kind_name: String,
    pub code: String,
    pub message: String,
    pub trace: Vec<TraceFrame>,
}

impl RuntimeError {
    /// The text printed for an uncaught error: kind, code, message, then one line per
    /// frame, innermost first.
    pub fn render(&self) -> String {
        let mut s = format!("{}[{}]: {}\n", self.kind_name, self.code, self.message);
        for f in &self.trace {
            if f.file.is_empty() {
                // The marker of elided middle frames (a runaway recursion's trace).
                s.push_str(&format!("  {}\n", f.function));
            } else {
                s.push_str(&format!("  at {} ({}:{})\n", f.function, f.file, f.line));
            }
        }
        s
    }
}

impl std::fmt::Display for RuntimeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind_name, self.message)
    }
}

impl std::error::Error for RuntimeError {}
