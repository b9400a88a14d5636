//! The newline rules, applied between the lexer and the parser.
//!
//! The spec: a newline ends a statement only when the line's last token could end an
//! expression; a newline before `else`, `catch` or `finally`, or before a line that begins
//! with `.`, does not. Those rules depend only on the neighbouring tokens, so they are
//! applied here, once: a newline survives only when it may end a statement (runs of them
//! collapse into one). Whether a surviving newline *does* end one depends on where the
//! parser is — inside `( )`, `[ ]` and map `{ }` it skips them, inside blocks it treats
//! them as statement ends — so that part lives in the parser (`Parser::peek`).
//!
//! A keyword right after `.` is a field name (`m.in`, `e.catch`), so it becomes an
//! identifier here; otherwise `m.if` at the end of a line would swallow the newline.
//! Lines that begin with `..` or `..=` also continue the previous one: no statement can
//! start with them, so this only ever accepts more programs.

use crate::token::{Tok, Token, KEYWORDS};

/// Applies the newline rules to a raw token stream (which ends with `Eof`).
pub fn filter(mut raw: Vec<Token>) -> Vec<Token> {
    rename_keyword_fields(&mut raw);
    let keep = surviving_newlines(&raw);
    raw.into_iter().zip(keep).filter_map(|(token, keep)| keep.then_some(token)).collect()
}

/// Turns a keyword after `.` into an identifier.
fn rename_keyword_fields(raw: &mut [Token]) {
    let mut after_dot = false;
    for token in raw.iter_mut() {
        match &token.kind {
            Tok::Newline => continue,
            kind if after_dot && kind.is_keyword() => {
                let word = KEYWORDS.iter().find(|k| Tok::keyword(k).as_ref() == Some(kind)).copied().unwrap_or("?");
                token.kind = Tok::Ident(word.to_string());
            }
            _ => {}
        }
        after_dot = token.kind == Tok::Dot;
    }
}

/// For every token, whether it stays: all non-newlines, and the newlines that may end a
/// statement.
fn surviving_newlines(raw: &[Token]) -> Vec<bool> {
    let mut keep = vec![true; raw.len()];
    // Walk backwards so each newline knows the first real token after it.
    let mut next_real: Option<&Tok> = None;
    for i in (0..raw.len()).rev() {
        if raw[i].kind != Tok::Newline {
            next_real = Some(&raw[i].kind);
            continue;
        }
        let continues_line = matches!(
            next_real,
            None | Some(Tok::Eof | Tok::Else | Tok::Catch | Tok::Finally | Tok::Dot | Tok::DotDot | Tok::DotDotEq)
        );
        keep[i] = !continues_line;
    }
    // Walk forwards for the rule on the previous token, and collapse runs.
    let mut previous: Option<&Tok> = None;
    for i in 0..raw.len() {
        if raw[i].kind == Tok::Newline {
            let ends = previous.is_some_and(|t| t.ends_expression());
            keep[i] &= ends;
            if keep[i] {
                // Later newlines of the same run are redundant: a newline ends nothing.
                previous = Some(&raw[i].kind);
            }
        } else {
            previous = Some(&raw[i].kind);
        }
    }
    keep
}
