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

/// One top-level item of the prelude: its text (a byte range of `PRELUDE`), the names it
/// defines and the names it mentions (sorted, without repeats).
#[derive(Debug, PartialEq)]
pub struct Item {
    pub start: usize,
    pub end: usize,
    pub defines: &'static [&'static str],
    pub mentions: &'static [&'static str],
}

/// The items of `prelude.dvf`, split ahead of time: lexing and splitting the prelude on
/// every run cost 1.8 M instructions, more than half of a small DevFun program's startup.
/// The unit test `the_index_is_up_to_date` regenerates it from the lexer and fails when it
/// differs (`DEVVM_BLESS=1` rewrites it); a process that finds it stale (its hash is not
/// the prelude's) splits at run time instead, so a stale index only costs time.
#[rustfmt::skip]
mod index;

/// The prelude's items. Made once per process from the constant source: a memoized
/// constant, not mutable state.
pub struct Prelude {
    items: &'static [Item],
}

static PRELUDE_ITEMS: LazyLock<Prelude> = LazyLock::new(|| {
    if index::PRELUDE_HASH == text_hash(crate::PRELUDE) {
        Prelude { items: index::ITEMS }
    } else {
        Prelude { items: Vec::leak(Prelude::split()) }
    }
});

impl Prelude {
    /// The prelude's items.
    pub fn get() -> &'static Prelude {
        &PRELUDE_ITEMS
    }

    /// Splits the prelude with the lexer: an item starts at each `let`, `external`, `type`
    /// or `exception` at the start of a line. The names are slices of the prelude's text or
    /// operator symbols, so nothing but the lists is allocated.
    fn split() -> Vec<Item> {
        let text: &'static str = crate::PRELUDE;
        let file = SourceFile::new("<prelude>", text);
        let lexed = lexer::lex(&file);
        let at_line_start = |pos: usize| pos == 0 || text.as_bytes()[pos - 1] == b'\n';
        let starts_item = |t: &Tok| matches!(t, Tok::Let | Tok::External | Tok::Type | Tok::Exception);
        let mut starts: Vec<usize> = Vec::new();
        for (i, (l, t, _)) in lexed.tokens.iter().enumerate() {
            if starts_item(t) && at_line_start(*l) {
                starts.push(i);
            }
        }
        let mut items = Vec::with_capacity(starts.len());
        let mut mentions = Vec::with_capacity(starts.len());
        for (k, &first) in starts.iter().enumerate() {
            let last = starts.get(k + 1).copied().unwrap_or(lexed.tokens.len());
            let toks: Vec<Named> =
                lexed.tokens[first..last].iter().map(|(l, t, r)| Named { tok: t, text: &text[*l..*r] }).collect();
            let start = lexed.tokens[first].0;
            let end = lexed.tokens.get(last).map_or(text.len(), |t| t.0);
            items.push(Item { start, end, defines: Vec::leak(defined_names(&toks)), mentions: &[] });
            mentions.push(token_names(&toks));
        }
        // A mention only matters if some item defines it (keywords and punctuation never
        // are), so the others are dropped: the same closure, a smaller index.
        let defined: HashSet<&str> = items.iter().flat_map(|item| item.defines.iter().copied()).collect();
        for (item, mut names) in items.iter_mut().zip(mentions) {
            names.retain(|m| defined.contains(m));
            names.sort_unstable();
            names.dedup();
            item.mentions = Vec::leak(names);
        }
        items
    }

    /// The prelude text a program that mentions `names` needs: every item defining a name
    /// mentioned by the program or by another needed item, in prelude order.
    pub fn source_for(&self, names: HashSet<String>) -> String {
        let mut needed = vec![false; self.items.len()];
        let mut known: HashSet<&str> = names.iter().map(String::as_str).collect();
        let mut work: Vec<&str> = known.iter().copied().collect();
        // Items that define nothing (a top-level effect) are always needed.
        let mut pending: Vec<usize> = (0..self.items.len()).filter(|&i| self.items[i].defines.is_empty()).collect();
        loop {
            for i in pending.drain(..) {
                needed[i] = true;
                for &m in self.items[i].mentions {
                    if known.insert(m) {
                        work.push(m);
                    }
                }
            }
            let Some(name) = work.pop() else { break };
            pending.extend((0..self.items.len()).filter(|&i| !needed[i] && self.items[i].defines.contains(&name)));
        }
        let mut out = String::new();
        for item in self.items.iter().zip(&needed).filter(|(_, n)| **n).map(|(item, _)| item) {
            out.push_str(&crate::PRELUDE[item.start..item.end]);
            if !out.ends_with('\n') {
                out.push('\n');
            }
        }
        out
    }

    /// How many items the prelude has (tests, `--stats`-style reports).
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// A token with its text in the source.
struct Named<'k, 't> {
    tok: &'k Tok,
    text: &'t str,
}

/// FNV-1a of the prelude's text: what ties the index to the text it was made from.
const fn text_hash(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        h = (h ^ bytes[i] as u64).wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h
}

/// The names a program's text mentions (see the module comment).
pub fn names_in(file: &Arc<SourceFile>) -> HashSet<String> {
    let lexed = lexer::lex(file);
    let text = file.text.as_str();
    let toks: Vec<Named> = lexed.tokens.iter().map(|(l, t, r)| Named { tok: t, text: &text[*l..*r] }).collect();
    token_names(&toks).into_iter().map(str::to_string).collect()
}

/// Every name a token sequence mentions: identifiers, operator symbols and the names the
/// parser gives to operators written otherwise (`-x` is `~-`, `&` is `&&`, `or` is `||`).
fn token_names<'t>(toks: &[Named<'_, 't>]) -> Vec<&'t str> {
    let mut out = Vec::with_capacity(toks.len());
    for t in toks {
        match t.tok {
            Tok::Lident(_) | Tok::Uident(_) | Tok::Qual(_) => out.push(t.text),
            Tok::Int(_) | Tok::Float(_) | Tok::Char(_) | Tok::Str(_) | Tok::TyVar(_) => {}
            Tok::Minus => out.extend(["-", "~-"]),
            Tok::MinusDot => out.extend(["-.", "~-."]),
            Tok::Amp => out.push("&&"),
            Tok::Or => out.push("||"),
            other => out.push(other.text()),
        }
    }
    out
}

/// The names an item defines: the name after `let`, `let rec`, `external`, `exception`
/// and after each `and` (an operator in parentheses by its symbol); for a type, every
/// name in it (the type, its constructors and fields).
fn defined_names<'t>(toks: &[Named<'_, 't>]) -> Vec<&'t str> {
    let is_name = |t: &Named| matches!(t.tok, Tok::Lident(_) | Tok::Uident(_) | Tok::Qual(_));
    if matches!(toks.first().map(|t| t.tok), Some(Tok::Type)) {
        return toks.iter().filter(|t| is_name(t)).map(|t| t.text).collect();
    }
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let binder = match t.tok {
            Tok::Let | Tok::External | Tok::Exception | Tok::And => true,
            Tok::Rec => i > 0 && matches!(toks[i - 1].tok, Tok::Let),
            _ => false,
        };
        // Only the item's own `let`, not the `let`s of its body (those define locals).
        if !binder || (matches!(t.tok, Tok::Let | Tok::External | Tok::Exception) && i != 0) {
            continue;
        }
        match (toks.get(i + 1), toks.get(i + 2)) {
            (Some(name), _) if is_name(name) => out.push(name.text),
            (Some(Named { tok: Tok::LParen, .. }), Some(op)) => out.push(op.tok.text()),
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
        let defined: HashSet<&str> = p.items.iter().flat_map(|c| c.defines.iter().copied()).collect();
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

    /// The checked-in index is what the lexer makes of today's prelude.
    #[test]
    fn the_index_is_up_to_date() {
        let items = Prelude::split();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/prelude/index.rs");
        let fresh = render_index(&items);
        if std::env::var("DEVVM_BLESS").is_ok_and(|v| v == "1") {
            std::fs::write(path, &fresh).expect("the index is writable");
        }
        let stored = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            stored == fresh,
            "src/prelude/index.rs is out of date with prelude.dvf: run `DEVVM_BLESS=1 cargo test -p devvm-lang-fun the_index_is_up_to_date` and review the diff"
        );
        assert_eq!(index::PRELUDE_HASH, text_hash(crate::PRELUDE));
        assert_eq!(index::ITEMS, &items[..]);
    }

    fn render_index(items: &[Item]) -> String {
        let list = |names: &[&str]| names.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>().join(", ");
        let mut out = String::from(
            "//! Generated from `prelude.dvf` by the unit test `the_index_is_up_to_date` (`DEVVM_BLESS=1`\n\
             //! rewrites it); do not edit. See `Prelude` for how it is used.\n\n\
             use super::Item;\n\n",
        );
        out.push_str(&format!("pub(super) const PRELUDE_HASH: u64 = {:#018x};\n\n", text_hash(crate::PRELUDE)));
        out.push_str("pub(super) static ITEMS: &[Item] = &[\n");
        for item in items {
            out.push_str(&format!(
                "    Item {{ start: {}, end: {}, defines: &[{}], mentions: &[{}] }},\n",
                item.start,
                item.end,
                list(item.defines),
                list(item.mentions)
            ));
        }
        out.push_str("];\n");
        out
    }
}
