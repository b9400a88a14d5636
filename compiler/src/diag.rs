//! Diagnostics: what every stage reports, rendered once, at the edge, with ariadne.

use crate::span::{SourceFile, Span};
use devvm_vm::ErrorKind;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a source file.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub severity: Severity,
    pub kind: ErrorKind,
    pub message: String,
    pub file: Arc<SourceFile>,
    pub span: Span,
    /// The text under the underline; defaults to the message.
    pub label: Option<String>,
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(kind: ErrorKind, file: &Arc<SourceFile>, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            kind,
            message: message.into(),
            file: file.clone(),
            span,
            label: None,
            notes: Vec::new(),
        }
    }

    pub fn warning(kind: ErrorKind, file: &Arc<SourceFile>, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(kind, file, span, message) }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    /// `FILE:LINE:COL`
    pub fn location(&self) -> String {
        let (line, col) = self.file.line_col(self.span.start);
        format!("{}:{}:{}", self.file.name, line, col)
    }

    pub fn line(&self) -> u32 {
        self.file.line_of(self.span.start)
    }

    /// Renders with ariadne: kind, code and message, the `FILE:LINE:COL` location, the
    /// source line with the span underlined and labelled, and notes. `color` is for
    /// terminals.
    pub fn render(&self, color: bool) -> String {
        use ariadne::{Config, Label, Report, ReportKind, Source};
        let kind = match self.severity {
            Severity::Error => ReportKind::Error,
            Severity::Warning => ReportKind::Warning,
        };
        let name = self.file.name.as_str();
        let text = self.file.text.as_str();
        // ariadne counts character offsets; convert our byte span.
        let to_char = |b: u32| text.get(..(b as usize).min(text.len())).map_or(0, |s| s.chars().count());
        let start = to_char(self.span.start);
        let end = to_char(self.span.end).max(start + 1).min(text.chars().count().max(start + 1));
        let mut report = Report::build(kind, (name, start..end))
            .with_config(Config::default().with_color(color))
            .with_code(self.kind.code())
            .with_message(format!("{}: {}", self.kind.name(), self.message))
            .with_label(
                Label::new((name, start..end)).with_message(self.label.clone().unwrap_or_else(|| self.message.clone())),
            );
        for note in &self.notes {
            report = report.with_note(note);
        }
        let mut out = Vec::new();
        if report.finish().write((name, Source::from(text)), &mut out).is_err() {
            out.extend_from_slice(format!("{}: {}\n", self.kind.name(), self.message).as_bytes());
        }
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// Renders a list of diagnostics, errors and warnings in source order.
pub fn render_all(diags: &[Diagnostic], color: bool) -> String {
    let mut sorted: Vec<&Diagnostic> = diags.iter().collect();
    sorted.sort_by_key(|d| (d.file.name.clone(), d.span.start));
    sorted.iter().map(|d| d.render(color)).collect()
}

/// The most diagnostics one file reports before giving up (the spec asks for all errors
/// "up to a cap").
pub const MAX_ERRORS: usize = 50;
