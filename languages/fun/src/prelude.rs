//! The prelude, split into its top-level items so that a program is compiled with only
//! the items it can reach (docs/decisions.md, "DevFun's prelude is pruned per program").
//!
//! ```text
//!   prelude.dvf ─(lexed once per process)─► chunks: source range, names it defines,
//!                                             names it mentions
//!   program tokens ─► names mentioned ─► closure over the chunks' mentions
//!                  ─► the needed chunks' text, in prelude order ─► parse, check, lower
//! ```
//!
//! Names are compared as token texts, across namespaces (values, constructors, types and
//! fields alike, `List.map` as one qualified name), and operators by their symbol (the
//! parser turns `a + b` into an application of `+`, `-x` into `~-`). The comparison
//! over-approximates on purpose: an item is kept when anything it defines is mentioned
//! anywhere, so a name a program defines itself only costs a larger prelude. Items that
//! define nothing (a top-level effect) are always kept.

use crate::lexer;
use crate::token::Tok;
use devvm_compiler::SourceFile;
use std::collections::HashSet;
use std::sync::{Arc, LazyLock};

/// One top-level item of the prelude.
struct Chunk {
    text: std::ops::Range<usize>,
    defines: Vec<String>,
    mentions: Vec<String>,
}

/// The prelude's items. Made once per process from the constant source: a memoized
/// constant, not mutable state.
pub struct Prelude {
    chunks: Vec<Chunk>,
}

static PRELUDE_CHUNKS: LazyLock<Prelude> = LazyLock::new(Prelude::split);

impl Prelude {
    /// The prelude's items (split on first use).
    pub fn get() -> &'static Prelude {
        &PRELUDE_CHUNKS
    }

    fn split() -> Prelude {
        let file = SourceFile::new("<prelude>", crate::PRELUDE);
        let lexed = lexer::lex(&file);
        let text = crate::PRELUDE;
        let at_line_start = |pos: usize| pos == 0 || text.as_bytes()[pos - 1] == b'\n';
        let starts_item = |t: &Tok| matches!(t, Tok::Let | Tok::External | Tok::Type | Tok::Exception);
        let mut starts: Vec<usize> = Vec::new();
        for (i, (l, t, _)) in lexed.tokens.iter().enumerate() {
            if starts_item(t) && at_line_start(*l) {
                starts.push(i);
            }
        }
        let mut chunks = Vec::with_capacity(starts.len());
        for (k, &first) in starts.iter().enumerate() {
            let last = starts.get(k + 1).copied().unwrap_or(lexed.tokens.len());
            let toks = &lexed.tokens[first..last];
            let begin = toks[0].0;
            let end = lexed.tokens.get(last).map_or(text.len(), |t| t.0);
            let kinds: Vec<&Tok> = toks.iter().map(|(_, t, _)| t).collect();
            chunks.push(Chunk { text: begin..end, defines: defined_names(&kinds), mentions: token_names(&kinds) });
        }
        Prelude { chunks }
    }

    /// The prelude text a program that mentions `names` needs: every item defining a name
    /// mentioned by the program or by another needed item, in prelude order.
    pub fn source_for(&self, names: HashSet<String>) -> String {
        let mut needed = vec![false; self.chunks.len()];
        let mut known = names;
        let mut work: Vec<String> = known.iter().cloned().collect();
        for (i, c) in self.chunks.iter().enumerate() {
            if c.defines.is_empty() {
                needed[i] = true;
                for m in &c.mentions {
                    if known.insert(m.clone()) {
                        work.push(m.clone());
                    }
                }
            }
        }
        while let Some(name) = work.pop() {
            for (i, c) in self.chunks.iter().enumerate() {
                if needed[i] || !c.defines.iter().any(|d| *d == name) {
                    continue;
                }
                needed[i] = true;
                for m in &c.mentions {
                    if known.insert(m.clone()) {
                        work.push(m.clone());
                    }
                }
            }
        }
        let mut out = String::new();
        for (c, _) in self.chunks.iter().zip(&needed).filter(|(_, n)| **n) {
            out.push_str(&crate::PRELUDE[c.text.clone()]);
            if !out.ends_with('\n') {
                out.push('\n');
            }
        }
        out
    }

    /// How many items the prelude has (tests, `--stats`-style reports).
    pub fn len(&self) -> usize {
        self.chunks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chunks.is_empty()
    }
}

/// The names a program's text mentions (see the module comment).
pub fn names_in(file: &Arc<SourceFile>) -> HashSet<String> {
    let lexed = lexer::lex(file);
    let kinds: Vec<&Tok> = lexed.tokens.iter().map(|(_, t, _)| t).collect();
    token_names(&kinds).into_iter().collect()
}

/// Every name a token sequence mentions: identifiers, operator symbols and the names the
/// parser gives to operators written otherwise (`-x` is `~-`, `&` is `&&`, `or` is `||`).
fn token_names(toks: &[&Tok]) -> Vec<String> {
    let mut out = Vec::new();
    for t in toks {
        match t {
            Tok::Lident(s) | Tok::Uident(s) | Tok::Qual(s) => out.push(s.clone()),
            Tok::Int(_) | Tok::Float(_) | Tok::Char(_) | Tok::Str(_) | Tok::TyVar(_) => {}
            Tok::Minus => out.extend(["-".to_string(), "~-".to_string()]),
            Tok::MinusDot => out.extend(["-.".to_string(), "~-.".to_string()]),
            Tok::Amp => out.push("&&".into()),
            Tok::Or => out.push("||".into()),
            other => out.push(other.text().to_string()),
        }
    }
    out
}

/// The names an item defines: the name after `let`, `let rec`, `external`, `exception`
/// and after each `and` (an operator in parentheses by its symbol); for a type, every
/// name in it (the type, its constructors and fields).
fn defined_names(toks: &[&Tok]) -> Vec<String> {
    if matches!(toks.first(), Some(Tok::Type)) {
        return toks
            .iter()
            .filter_map(|t| match t {
                Tok::Lident(s) | Tok::Uident(s) | Tok::Qual(s) => Some(s.clone()),
                _ => None,
            })
            .collect();
    }
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let binder = match t {
            Tok::Let | Tok::External | Tok::Exception | Tok::And => true,
            Tok::Rec => i > 0 && matches!(toks[i - 1], Tok::Let),
            _ => false,
        };
        // Only the item's own `let`, not the `let`s of its body (those define locals).
        if !binder || (matches!(t, Tok::Let | Tok::External | Tok::Exception) && i != 0) {
            continue;
        }
        match (toks.get(i + 1), toks.get(i + 2)) {
            (Some(Tok::Lident(s) | Tok::Uident(s) | Tok::Qual(s)), _) => out.push(s.clone()),
            (Some(Tok::LParen), Some(op)) => out.push(op.text().to_string()),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_know_what_they_define() {
        let p = Prelude::get();
        assert!(p.len() > 100, "the prelude splits into its items");
        let defined: HashSet<&str> = p.chunks.iter().flat_map(|c| c.defines.iter().map(|s| s.as_str())).collect();
        for name in ["+", "~-", "List.map", "List.sort", "print_endline", "Hashtbl.t", "hsize", "@", "|>"] {
            assert!(defined.contains(name), "{name} is defined by some prelude item");
        }
    }

    #[test]
    fn a_program_gets_only_what_it_reaches() {
        let p = Prelude::get();
        let small = p.source_for(HashSet::from(["print_endline".to_string()]));
        assert!(small.contains("print_endline"));
        assert!(!small.contains("List.sort"), "List.sort is not reachable from print_endline");
        let sort = p.source_for(HashSet::from(["List.sort".to_string()]));
        assert!(sort.contains("List.rev_append"), "List.sort's helpers come with it");
    }
}
