//! Tab completion: the word under the cursor against keywords, built-ins, the session's
//! variables, method names after a `.`, a module's exports after `module.`, and the
//! `:commands` and their arguments. Plus the rustyline helper that serves it.

use crate::commands::{resolve, Resolved, COMMANDS};
use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The names completion offers, snapshotted from the session after every input (the
/// editor cannot borrow the session while it reads a line).
#[derive(Clone, Debug, Default)]
pub struct Words {
    pub keywords: Vec<String>,
    /// Built-ins and session variables.
    pub globals: Vec<String>,
    /// Session variables holding bytecode functions (`:dis`, `:jit`).
    pub functions: Vec<String>,
    /// Methods of every built-in type, merged.
    pub methods: Vec<String>,
    /// Session variables holding modules, with the modules' variables.
    pub members: HashMap<String, Vec<String>>,
    /// Installed languages (`:lang`).
    pub languages: Vec<String>,
}

impl Words {
    /// Sorted and without duplicates, as candidate lists should be.
    pub(crate) fn normalized(mut self) -> Words {
        for list in [&mut self.keywords, &mut self.globals, &mut self.functions, &mut self.methods, &mut self.languages]
        {
            list.sort();
            list.dedup();
        }
        self
    }
}

/// Completes the text before `pos` in `line`: returns where the replaced word starts and
/// the candidates, sorted. `:load` file names are not handled here (the helper asks
/// rustyline's file-name completer).
pub fn complete(words: &Words, line: &str, pos: usize) -> (usize, Vec<String>) {
    let pos = floor_char_boundary(line, pos);
    let before = &line[..pos];
    let indent = before.len() - before.trim_start().len();
    if before[indent..].starts_with(':') {
        return complete_command(words, before, indent);
    }
    let start = word_start(before);
    let word = &before[start..];
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        return (start, Vec::new());
    }
    let pool: Vec<&String> = if before[..start].ends_with('.') {
        let receiver_end = start - 1;
        let receiver = &before[word_start(&before[..receiver_end])..receiver_end];
        match words.members.get(receiver) {
            Some(exports) => exports.iter().collect(),
            None => words.methods.iter().collect(),
        }
    } else {
        words.keywords.iter().chain(words.globals.iter()).collect()
    };
    (start, matching(pool, word))
}

/// `:na` → command names; `:dis na` → function names; `:lang na` → languages.
fn complete_command(words: &Words, before: &str, indent: usize) -> (usize, Vec<String>) {
    let body = &before[indent + 1..];
    let Some(space) = body.find(char::is_whitespace) else {
        let mut names: Vec<String> =
            COMMANDS.iter().filter(|c| c.name.starts_with(body)).map(|c| format!(":{}", c.name)).collect();
        names.sort();
        return (indent, names);
    };
    let start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let word = &before[start..];
    let pool: Vec<&String> = match resolve(&body[..space]) {
        Resolved::One(c) if c.name == "dis" || c.name == "jit" => words.functions.iter().collect(),
        Resolved::One(c) if c.name == "lang" => words.languages.iter().collect(),
        _ => Vec::new(),
    };
    (start, matching(pool, word))
}

fn matching(pool: Vec<&String>, prefix: &str) -> Vec<String> {
    let mut v: Vec<String> = pool.into_iter().filter(|w| w.starts_with(prefix)).cloned().collect();
    v.sort();
    v.dedup();
    v
}

/// Where the identifier that ends `text` starts.
fn word_start(text: &str) -> usize {
    text.char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '_')
        .last()
        .map_or(text.len(), |(i, _)| i)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Whether the line is a `:load` command with the cursor in its argument.
fn in_load_argument(line: &str, pos: usize) -> bool {
    let before = &line[..floor_char_boundary(line, pos)];
    let Some(body) = before.trim_start().strip_prefix(':') else {
        return false;
    };
    match body.find(char::is_whitespace) {
        Some(space) => matches!(resolve(&body[..space]), Resolved::One(c) if c.name == "load"),
        None => false,
    }
}

/// The rustyline helper: completion from a shared [`Words`] snapshot; no hints, no
/// highlighting, and no validation (the loop itself continues open input on `... `
/// lines, so the prompt shows the continuation).
pub(crate) struct ReplHelper {
    pub words: Rc<RefCell<Words>>,
    files: FilenameCompleter,
}

impl ReplHelper {
    pub fn new(words: Rc<RefCell<Words>>) -> ReplHelper {
        ReplHelper { words, files: FilenameCompleter::new() }
    }
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        if in_load_argument(line, pos) {
            return self.files.complete_path(line, pos);
        }
        let (start, names) = complete(&self.words.borrow(), line, pos);
        Ok((start, names.into_iter().map(|n| Pair { display: n.clone(), replacement: n }).collect()))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;
}

impl Highlighter for ReplHelper {}

impl Validator for ReplHelper {}

impl Helper for ReplHelper {}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Words {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let mut members = HashMap::new();
        members.insert("m".to_string(), s(&["sqrt", "pi"]));
        Words {
            keywords: s(&["let", "fn", "for"]),
            globals: s(&["print", "len", "fib", "fact"]),
            functions: s(&["fib", "fact"]),
            methods: s(&["push", "pop", "split"]),
            members,
            languages: s(&["script"]),
        }
        .normalized()
    }

    #[test]
    fn identifiers_complete_from_keywords_builtins_and_session_variables() {
        assert_eq!(complete(&words(), "f", 1), (0, vec!["fact".into(), "fib".into(), "fn".into(), "for".into()]));
        assert_eq!(complete(&words(), "let y = pr", 10), (8, vec!["print".into()]));
    }

    #[test]
    fn after_a_dot_methods_or_module_exports_complete() {
        assert_eq!(complete(&words(), "xs.p", 4), (3, vec!["pop".into(), "push".into()]));
        assert_eq!(complete(&words(), "m.", 2), (2, vec!["pi".into(), "sqrt".into()]));
    }

    #[test]
    fn commands_and_their_arguments_complete() {
        assert_eq!(complete(&words(), ":d", 2), (0, vec![":dis".into()]));
        assert_eq!(complete(&words(), ":l", 2), (0, vec![":lang".into(), ":load".into()]));
        assert_eq!(complete(&words(), ":dis fa", 7), (5, vec!["fact".into()]));
        assert_eq!(complete(&words(), ":lang s", 7), (6, vec!["script".into()]));
        assert!(in_load_argument(":load ex", 8));
        assert!(!in_load_argument(":lang ex", 8));
    }

    #[test]
    fn numbers_and_odd_cursor_positions_complete_nothing_and_never_panic() {
        assert_eq!(complete(&words(), "12", 2), (0, Vec::<String>::new()));
        // A cursor inside a multi-byte character or past the end is clamped.
        assert_eq!(complete(&words(), "éf", 1).0, 0);
        assert_eq!(complete(&words(), "pr", 10), (0, vec!["print".into()]));
    }
}
