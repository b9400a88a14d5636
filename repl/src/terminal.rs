//! Where lines come from (rustyline on a terminal, plain lines from a pipe), the history
//! file, and the loop that gathers lines into inputs and prints their outcomes.

use crate::complete::{ReplHelper, Words};
use crate::session::{Session, Status};
use crate::EXIT_IO;
use rustyline::config::{CompletionType, Config};
use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::Editor;
use std::cell::RefCell;
use std::ffi::OsString;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::rc::Rc;

/// The prompt of a line that continues an open input.
pub const CONTINUATION_PROMPT: &str = "... ";

/// One attempt to read a line.
#[derive(Debug, PartialEq, Eq)]
pub enum ReadResult {
    /// A line, without its line terminator.
    Line(String),
    /// Ctrl-C: cancel the input being typed.
    Interrupted,
    /// Ctrl-D or the end of piped input.
    Eof,
    /// The input could not be read; the message says why. `fatal` ends the session.
    Failed { message: String, fatal: bool },
}

/// A source of input lines for [`drive`].
pub trait LineSource {
    fn read_line(&mut self, prompt: &str) -> ReadResult;
    /// Records a whole (possibly multi-line) input in the history.
    fn add_history(&mut self, _input: &str) {}
    /// Updates the names completion offers.
    fn set_words(&mut self, _words: Words) {}
}

/// Lines from any reader, with no prompts, history or completion (tests, embedders).
pub struct PlainLines<R: BufRead> {
    reader: R,
}

impl<R: BufRead> PlainLines<R> {
    pub fn new(reader: R) -> PlainLines<R> {
        PlainLines { reader }
    }
}

impl<R: BufRead> LineSource for PlainLines<R> {
    fn read_line(&mut self, _prompt: &str) -> ReadResult {
        read_plain_line(&mut self.reader)
    }
}

/// The process's piped stdin. The lock is taken for one line at a time, so a program
/// that calls `input()` reads the lines that follow its input from the same buffer
/// (holding the lock for the whole session would deadlock it).
struct StdinLines;

impl LineSource for StdinLines {
    fn read_line(&mut self, _prompt: &str) -> ReadResult {
        read_plain_line(&mut std::io::stdin().lock())
    }
}

/// One line without its terminator (`\n` or `\r\n`).
fn read_plain_line(reader: &mut dyn BufRead) -> ReadResult {
    let mut bytes = Vec::new();
    match reader.read_until(b'\n', &mut bytes) {
        Ok(0) => ReadResult::Eof,
        Ok(_) => {
            if bytes.ends_with(b"\n") {
                bytes.pop();
                if bytes.ends_with(b"\r") {
                    bytes.pop();
                }
            }
            // The bytes are consumed either way, so a bad line is reported and the
            // session goes on with the next one.
            match String::from_utf8(bytes) {
                Ok(line) => ReadResult::Line(line),
                Err(_) => ReadResult::Failed { message: "input line is not valid UTF-8; skipped".into(), fatal: false },
            }
        }
        Err(e) => ReadResult::Failed { message: format!("cannot read input: {e}"), fatal: true },
    }
}

/// rustyline on a terminal: line editing, history in the user's data directory, and
/// completion from the session's names.
struct Terminal {
    editor: Editor<ReplHelper, DefaultHistory>,
    words: Rc<RefCell<Words>>,
    history: Option<PathBuf>,
}

impl Terminal {
    fn new() -> rustyline::Result<Terminal> {
        let config = Config::builder()
            .completion_type(CompletionType::List)
            .max_history_size(1000)?
            .auto_add_history(false)
            .build();
        let mut editor = Editor::with_config(config)?;
        let words = Rc::new(RefCell::new(Words::default()));
        editor.set_helper(Some(ReplHelper::new(words.clone())));
        let history = history_path();
        if let Some(path) = &history {
            if let Some(dir) = path.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            // A missing or unreadable history file only means an empty history.
            let _ = editor.load_history(path);
        }
        Ok(Terminal { editor, words, history })
    }
}

impl LineSource for Terminal {
    fn read_line(&mut self, prompt: &str) -> ReadResult {
        match self.editor.readline(prompt) {
            Ok(line) => ReadResult::Line(line),
            Err(ReadlineError::Interrupted) => ReadResult::Interrupted,
            Err(ReadlineError::Eof) => ReadResult::Eof,
            Err(e) => ReadResult::Failed { message: format!("cannot read input: {e}"), fatal: true },
        }
    }

    fn add_history(&mut self, input: &str) {
        // History is a convenience: a full disk or a read-only home never stops the REPL.
        if matches!(self.editor.add_history_entry(input), Ok(true)) {
            if let Some(path) = &self.history {
                let _ = self.editor.append_history(path);
            }
        }
    }

    fn set_words(&mut self, words: Words) {
        *self.words.borrow_mut() = words;
    }
}

/// `$XDG_DATA_HOME/devvm/history`, else `$HOME/.local/share/devvm/history`; `None` when
/// neither variable is usable.
pub fn history_path() -> Option<PathBuf> {
    history_path_from(std::env::var_os("XDG_DATA_HOME"), std::env::var_os("HOME"))
}

/// [`history_path`] given the two variables. XDG says a relative `XDG_DATA_HOME` is
/// invalid and to be ignored; an empty one counts as unset.
fn history_path_from(xdg_data_home: Option<OsString>, home: Option<OsString>) -> Option<PathBuf> {
    let absolute = |v: Option<OsString>| v.map(PathBuf::from).filter(|p| p.is_absolute());
    let data = absolute(xdg_data_home).or_else(|| absolute(home).map(|h| h.join(".local").join("share")))?;
    Some(data.join("devvm").join("history"))
}

/// The REPL on the process's stdin/stdout/stderr: rustyline when stdin is a terminal,
/// plain lines (no prompts, no history) when it is piped.
pub(crate) fn run_on_stdio(session: &mut Session) -> i32 {
    let mut stdout = std::io::stdout();
    let mut stderr = std::io::stderr();
    if !std::io::stdin().is_terminal() {
        return drive(session, &mut StdinLines, &mut stdout, &mut stderr);
    }
    session.set_color(stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none());
    let mut terminal = match Terminal::new() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("devvm: cannot set up the terminal ({e}); reading plain lines");
            return drive(session, &mut StdinLines, &mut stdout, &mut stderr);
        }
    };
    println!(
        "devvm {} — {} REPL. :help lists the commands; Ctrl-D exits.",
        env!("CARGO_PKG_VERSION"),
        session.frontend().display_name()
    );
    drive(session, &mut terminal, &mut stdout, &mut stderr)
}

/// The loop: reads an input (continuing it on `... ` lines while the language says it
/// is open), evaluates it, prints the outcome, until `:quit` or the end of input. Returns
/// the exit code: 0 on `:quit` and end of input, 74 when reading failed.
///
/// Ctrl-C drops the input being typed. End of input inside an open construct still
/// evaluates what was typed, so a truncated piped script reports its syntax error.
pub fn drive(session: &mut Session, input: &mut dyn LineSource, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    input.set_words(session.words());
    loop {
        let mut buffer = match input.read_line(session.prompt()) {
            ReadResult::Line(line) => line,
            ReadResult::Interrupted => continue,
            ReadResult::Eof => return 0,
            ReadResult::Failed { message, fatal } => {
                let _ = writeln!(err, "devvm: {message}");
                if fatal {
                    return EXIT_IO;
                }
                continue;
            }
        };
        let mut at_end = false;
        let mut cancelled = false;
        while !at_end && !session.is_complete(&buffer) {
            match input.read_line(CONTINUATION_PROMPT) {
                ReadResult::Line(line) => {
                    buffer.push('\n');
                    buffer.push_str(&line);
                }
                ReadResult::Interrupted => {
                    cancelled = true;
                    break;
                }
                ReadResult::Eof => at_end = true,
                ReadResult::Failed { message, fatal } => {
                    let _ = writeln!(err, "devvm: {message}");
                    if fatal {
                        return EXIT_IO;
                    }
                    cancelled = true;
                    break;
                }
            }
        }
        if cancelled {
            continue;
        }
        if !buffer.trim().is_empty() {
            input.add_history(&buffer);
        }
        let outcome = session.eval(&buffer);
        // The program's output was flushed by eval; the result follows it.
        let _ = out.write_all(outcome.stdout.as_bytes());
        let _ = out.flush();
        let _ = err.write_all(outcome.stderr.as_bytes());
        let _ = err.flush();
        if outcome.status == Status::Quit || at_end {
            return 0;
        }
        input.set_words(session.words());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_lives_in_the_xdg_data_directory_else_under_home() {
        let os = |s: &str| Some(OsString::from(s));
        assert_eq!(history_path_from(os("/data"), os("/home/u")), Some(PathBuf::from("/data/devvm/history")));
        assert_eq!(history_path_from(None, os("/home/u")), Some(PathBuf::from("/home/u/.local/share/devvm/history")));
        assert_eq!(history_path_from(os(""), os("/home/u")), Some(PathBuf::from("/home/u/.local/share/devvm/history")));
        assert_eq!(
            history_path_from(os("rel"), os("/home/u")),
            Some(PathBuf::from("/home/u/.local/share/devvm/history"))
        );
        assert_eq!(history_path_from(None, None), None);
    }

    #[test]
    fn plain_lines_drop_terminators_and_skip_bad_utf8() {
        let mut lines = PlainLines::new(&b"one\r\n\xff\nlast"[..]);
        assert_eq!(lines.read_line(""), ReadResult::Line("one".into()));
        assert!(matches!(lines.read_line(""), ReadResult::Failed { fatal: false, .. }));
        assert_eq!(lines.read_line(""), ReadResult::Line("last".into()));
        assert_eq!(lines.read_line(""), ReadResult::Eof);
    }
}
