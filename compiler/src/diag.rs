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
    /// terminals. A line longer than [`MAX_ECHO`] characters is shown cut to a window
    /// around the span (`…` marks the cuts), so an error in a generated or minified file
    /// does not echo the whole of it.
    pub fn render(&self, color: bool) -> String {
        use ariadne::{Config, Label, Report, ReportKind, Source};
        let kind = match self.severity {
            Severity::Error => ReportKind::Error,
            Severity::Warning => ReportKind::Warning,
        };
        let name = self.file.name.as_str();
        let excerpt = Excerpt::of(&self.file, self.span);
        let (start, end) = (excerpt.start, excerpt.end);
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
        let source = Source::from(excerpt.text.as_str());
        let mut out = Vec::new();
        if report.finish().write((name, source), &mut out).is_err() {
            out.extend_from_slice(format!("{}: {}\n", self.kind.name(), self.message).as_bytes());
        }
        let out = String::from_utf8_lossy(&out).into_owned();
        match excerpt.shown_column {
            // The header's column is the excerpt's; put the file's back.
            Some(shown) => {
                let (line, col) = self.file.line_col(self.span.start);
                out.replacen(&format!("{name}:{line}:{shown} "), &format!("{name}:{line}:{col} "), 1)
            }
            None => out,
        }
    }
}

/// `text`, with a space appended when the span starts at its end (an error at the end of
/// the file), so that there is a character to underline.
fn at_least(mut text: String, start: usize) -> String {
    if text.chars().count() <= start {
        text.push(' ');
    }
    text
}

/// The longest source line a diagnostic echoes whole (in characters).
pub const MAX_ECHO: usize = 200;
/// How much of a cut line is kept: before the span, after it, and of a long span itself.
const CONTEXT_BEFORE: usize = 60;
const CONTEXT_AFTER: usize = 40;
const SPAN_SHOWN: usize = 100;

/// The source text a diagnostic shows, with the span in it (character offsets, as ariadne
/// counts them).
struct Excerpt {
    text: String,
    start: usize,
    end: usize,
    /// When the line was cut: the span's column in the excerpt (to fix the header).
    shown_column: Option<usize>,
}

impl Excerpt {
    fn of(file: &SourceFile, span: Span) -> Excerpt {
        let text = file.text.as_str();
        // An error at the end of a file that ends with a newline is shown at the end of the
        // last line (where the book's Lox reports "Error at end"), not on an empty line.
        let span = match text.strip_suffix('\n') {
            Some(body) if span.start as usize >= text.len() => Span::new(body.len(), body.len().max(span.end as usize)),
            _ => span,
        };
        // ariadne counts character offsets; convert our byte span.
        let to_char = |b: usize| text.get(..b.min(text.len())).map_or(0, |s| s.chars().count());
        let whole = |text: &str| {
            let start = to_char(span.start as usize);
            let end = to_char(span.end as usize).max(start + 1).min(text.chars().count().max(start + 1));
            Excerpt { text: at_least(text.to_string(), start), start, end, shown_column: None }
        };
        let begin = (span.start as usize).min(text.len());
        let line_start = text[..begin].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[begin..].find('\n').map_or(text.len(), |i| begin + i);
        let line = &text[line_start..line_end];
        if line.chars().count() <= MAX_ECHO {
            return whole(text);
        }
        // Character positions within the line: the span's start, and its end clipped to
        // the line.
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let at = |byte: usize| chars.partition_point(|(i, _)| *i < byte);
        let span_start = at(begin - line_start);
        let span_end = at((span.end as usize).clamp(begin, line_end) - line_start).max(span_start + 1);
        let from = span_start.saturating_sub(CONTEXT_BEFORE);
        let to = (span_end.min(span_start + SPAN_SHOWN) + CONTEXT_AFTER).min(chars.len());
        let slice = |a: usize, b: usize| -> String {
            chars[a.min(chars.len())..b.min(chars.len())].iter().map(|(_, c)| c).collect()
        };
        let left = if from > 0 { "…" } else { "" };
        let right = if to < chars.len() { "…" } else { "" };
        let shown = format!("{left}{}{right}", slice(from, to));
        let column = span_start - from + left.chars().count();
        let width = (span_end.min(to) - from + left.chars().count()).max(column + 1) - column;
        // The lines above, as empty lines, so that ariadne numbers the line right (its
        // display offset numbers the header but not the margin).
        let above = file.line_of(span.start) as usize - 1;
        let start = above + column;
        Excerpt {
            text: at_least("\n".repeat(above) + &shown, start),
            start,
            end: start + width,
            shown_column: Some(column + 1),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str, span: Span) -> String {
        let file = SourceFile::new("t.src", text);
        Diagnostic::error(ErrorKind::SyntaxError, &file, span, "bad").render(false)
    }

    #[test]
    fn a_short_line_is_shown_whole() {
        let out = render("let x = 1\nlet y = oops\n", Span::new(18, 22));
        assert!(out.contains("t.src:2:9 "), "{out}");
        assert!(out.contains(" 2 │ let y = oops"), "{out}");
        assert!(!out.contains('…'), "{out}");
    }

    #[test]
    fn a_long_line_is_cut_around_the_span_and_keeps_its_column() {
        // Line 2 is 10,000 characters (some of them two bytes); the span is 7,000 in.
        let line: String = (0..10_000).map(|i| if i % 7 == 0 { 'é' } else { 'a' }).collect();
        let text = format!("first\n{line}\nlast\n");
        let col = 7_000;
        let byte = 6 + line.char_indices().nth(col).unwrap().0;
        let out = render(&text, Span::new(byte, byte + 3));
        assert!(out.contains(&format!("t.src:2:{} ", col + 1)), "{out}");
        let shown = out.lines().find(|l| l.trim_start().starts_with("2 │")).expect(&out);
        assert!(shown.contains('…'), "{shown}");
        assert!(shown.chars().count() < MAX_ECHO, "{} characters shown", shown.chars().count());
        assert!(out.len() < 2_000, "the output stays small: {} bytes", out.len());
    }

    #[test]
    fn an_error_at_the_end_of_the_file_is_underlined() {
        let out = render("let x = 1 +", Span::new(11, 11));
        assert!(out.contains("t.src:1:12 "), "{out}");
        assert!(out.contains("╰── bad"), "{out}");
        let long = format!("let x = {}", "1 + ".repeat(100));
        let out = render(&long, Span::new(long.len(), long.len()));
        assert!(out.contains(&format!("t.src:1:{} ", long.len() + 1)), "{out}");
        assert!(out.contains("╰── bad"), "{out}");
    }
}
