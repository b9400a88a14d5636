//! REPL support: when an input is complete, and how values print (OCaml's toplevel
//! conventions: `- : int = 42`, `val f : int -> int = <fun>`).

/// An input is complete when it ends with `;;` (as in OCaml's toplevel), or when its
/// brackets are balanced and it does not end in the middle of a construct.
pub fn is_complete(text: &str) -> bool {
    let t = text.trim_end();
    if t.is_empty() || t.ends_with(";;") {
        return true;
    }
    let mut depth: i64 = 0;
    let mut in_string = false;
    let mut prev = ' ';
    let mut comment = 0;
    let chars: Vec<char> = t.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if in_string {
            if c == '"' && prev != '\\' {
                in_string = false;
            }
        } else if c == '(' && chars.get(i + 1) == Some(&'*') {
            comment += 1;
            i += 1;
        } else if c == '*' && chars.get(i + 1) == Some(&')') && comment > 0 {
            comment -= 1;
            i += 1;
        } else if comment == 0 {
            match c {
                '"' => in_string = true,
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                _ => {}
            }
        }
        prev = c;
        i += 1;
    }
    if in_string || comment > 0 || depth > 0 {
        return false;
    }
    let last_word = t.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    let open_words = [
        "in", "then", "else", "do", "with", "->", "=", "|", "of", "and", "let", "fun", "function", "begin", "match",
        "try", "if",
    ];
    let ends_with_op = t.ends_with(['+', '-', '*', '/', '^', '@', ',', ';', '<', '>', '&']) || t.ends_with("::");
    !(open_words.contains(&last_word) || ends_with_op)
}

use crate::check::{Checker, DefKind, Repr, TopInfo};
use crate::lower::Val;
use crate::types::{self, repr, subst, Ty};
use devvm_compiler::{Diagnostic, Parsed, ReplLanguage, SourceFile};
use devvm_vm::object::{ErrorObj, List, Record, Str};
use devvm_vm::{as_int, Value};
use std::sync::Arc;

/// The DevFun REPL state: the checker's environment and the lowering's names persist
/// across inputs.
pub struct Repl {
    session: Option<crate::Session>,
    infos: Vec<TopInfo>,
}

impl Repl {
    pub fn new() -> Repl {
        Repl { session: crate::Session::new().ok(), infos: Vec::new() }
    }
}

impl Default for Repl {
    fn default() -> Self {
        Repl::new()
    }
}

impl ReplLanguage for Repl {
    fn compile_input(&mut self, file: &Arc<SourceFile>) -> Result<Parsed, Vec<Diagnostic>> {
        let Some(session) = self.session.as_mut() else {
            return Err(vec![Diagnostic::error(
                devvm_vm::ErrorKind::SyntaxError,
                file,
                devvm_compiler::Span::default(),
                "the DevFun prelude does not compile",
            )]);
        };
        let (body, warnings, infos) = session.compile(file)?;
        self.infos = infos;
        Ok(Parsed { module: devvm_compiler::core::Module { body }, warnings })
    }

    fn describe(&mut self, result: Value, lookup: &dyn Fn(&str) -> Option<Value>) -> String {
        let Some(session) = self.session.as_mut() else { return String::new() };
        let infos = std::mem::take(&mut self.infos);
        let mut out = String::new();
        for info in &infos {
            match info {
                TopInfo::Val(name, scheme) => {
                    let ty = session.checker.show_top(scheme);
                    let value = match session.lowerer.lookup(name) {
                        Some(Val::Var { core, .. }) => lookup(core),
                        _ => None,
                    };
                    let shown = match value {
                        Some(v) => show_value(&session.checker, v, &scheme.ty, 0),
                        None => "<fun>".to_string(),
                    };
                    let name = if name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_') {
                        name.clone()
                    } else {
                        format!("( {name} )")
                    };
                    out.push_str(&format!("val {name} : {ty} = {shown}\n"));
                }
                TopInfo::Expr(scheme) => {
                    let ty = session.checker.show_top(scheme);
                    out.push_str(&format!("- : {ty} = {}\n", show_value(&session.checker, result, &scheme.ty, 0)));
                }
                TopInfo::Type(name) => out.push_str(&format!("type {}\n", describe_type(&session.checker, name))),
                TopInfo::Exn(name) => out.push_str(&format!("exception {name}\n")),
            }
        }
        out
    }

    fn type_of(&mut self, file: &Arc<SourceFile>) -> Result<String, Vec<Diagnostic>> {
        let Some(session) = self.session.as_mut() else { return Ok(String::new()) };
        let items = crate::parse::parse_file(file)?;
        let (diags, infos) = session.checker.check_items(file, &items);
        session.checker.warnings.clear();
        if !diags.is_empty() {
            return Err(diags);
        }
        let mut out = String::new();
        for info in infos {
            match info {
                TopInfo::Expr(s) => out.push_str(&format!("- : {}\n", session.checker.show(&s.ty))),
                TopInfo::Val(n, s) => out.push_str(&format!("val {n} : {}\n", session.checker.show(&s.ty))),
                _ => {}
            }
        }
        Ok(out)
    }
}

/// `t = A | B of int` for a declared type.
fn describe_type(ck: &Checker, name: &str) -> String {
    let Some(&id) = ck.type_names.get(name) else { return name.to_string() };
    let def = &ck.types[id];
    let params = match def.params {
        0 => String::new(),
        1 => "'a ".to_string(),
        n => format!("({}) ", (0..n).map(|i| format!("'{}", (b'a' + i as u8) as char)).collect::<Vec<_>>().join(", ")),
    };
    let body = match &def.kind {
        DefKind::Variant(cs) => cs
            .iter()
            .map(|c| {
                let c = &ck.ctors[*c];
                if c.args.is_empty() {
                    c.name.clone()
                } else {
                    let args: Vec<String> = c.args.iter().map(|a| ck.show(a)).collect();
                    format!("{} of {}", c.name, args.join(" * "))
                }
            })
            .collect::<Vec<_>>()
            .join(" | "),
        DefKind::Record(fs) => format!(
            "{{ {} }}",
            fs.iter()
                .map(|f| format!("{}{} : {}", if f.mutable { "mutable " } else { "" }, f.name, ck.show(&f.ty)))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        DefKind::Abbrev(t) => ck.show(t),
        DefKind::Abstract => return format!("{params}{name}"),
    };
    format!("{params}{name} = {body}")
}

/// How deep the printer descends before writing `...` (OCaml's toplevel does the same).
const MAX_PRINT_DEPTH: usize = 100;
const MAX_LIST_ITEMS: usize = 300;

/// A value printed the way OCaml's toplevel prints it, guided by its type.
pub fn show_value(ck: &Checker, v: Value, ty: &Ty, depth: usize) -> String {
    if depth > MAX_PRINT_DEPTH {
        return "...".into();
    }
    match repr(ty) {
        Ty::Arrow(..) => "<fun>".into(),
        Ty::Var(_) | Ty::Gen(_) => "<poly>".into(),
        Ty::Tuple(ts) => {
            let Some(r) = v.downcast::<Record>() else { return "<abstr>".into() };
            let parts: Vec<String> = ts.iter().zip(r.iter()).map(|(t, f)| show_value(ck, f, t, depth + 1)).collect();
            format!("({})", parts.join(", "))
        }
        Ty::Con(id, args) => match id {
            types::INT => as_int(v).map_or("<abstr>".into(), |i| i.to_string()),
            types::FLOAT => v.as_float().map_or("<abstr>".into(), crate::format::toplevel_float),
            types::BOOL => v.as_bool().map_or("<abstr>".into(), |b| b.to_string()),
            types::UNIT => "()".into(),
            types::CHAR => as_int(v).map_or("<abstr>".into(), |c| format!("'{}'", escape_char(c as u8))),
            types::STRING => {
                v.downcast::<Str>().map_or("<abstr>".into(), |s| format!("\"{}\"", escape_str(s.as_str())))
            }
            types::LIST => {
                let mut items = Vec::new();
                let mut cur = v;
                while let Some(r) = cur.downcast::<Record>() {
                    if items.len() >= MAX_LIST_ITEMS {
                        items.push("...".to_string());
                        break;
                    }
                    let (Some(head), Some(tail)) = (r.get(0), r.get(1)) else { break };
                    items.push(show_value(ck, head, &args[0], depth + 1));
                    cur = tail;
                }
                format!("[{}]", items.join("; "))
            }
            types::ARRAY => {
                let Some(l) = v.downcast::<List>() else { return "<abstr>".into() };
                let items: Vec<String> =
                    l.snapshot().iter().take(MAX_LIST_ITEMS).map(|x| show_value(ck, *x, &args[0], depth + 1)).collect();
                format!("[|{}|]", items.join("; "))
            }
            types::EXN => {
                let Some(e) = v.downcast::<ErrorObj>() else { return "<abstr>".into() };
                let name = e.kind.as_str().to_string();
                match e.payload.get().downcast::<Record>() {
                    Some(r) => {
                        let parts: Vec<String> = r.iter().map(crate::runtime::show_generic).collect();
                        match parts.as_slice() {
                            [one] if !one.starts_with('-') => format!("{name} {one}"),
                            _ => format!("{name} ({})", parts.join(", ")),
                        }
                    }
                    None => name,
                }
            }
            _ => show_declared(ck, v, id, &args, depth),
        },
    }
}

fn show_declared(ck: &Checker, v: Value, id: usize, args: &[Ty], depth: usize) -> String {
    let def = &ck.types[id];
    if def.name == "Hashtbl.t" {
        return "<abstr>".into();
    }
    match &def.kind {
        DefKind::Record(fields) => {
            let Some(r) = v.downcast::<Record>() else { return "<abstr>".into() };
            let parts: Vec<String> = fields
                .iter()
                .zip(r.iter())
                .map(|(f, x)| format!("{} = {}", f.name, show_value(ck, x, &subst(&f.ty, args), depth + 1)))
                .collect();
            format!("{{{}}}", parts.join("; "))
        }
        DefKind::Variant(ctors) => {
            let found = ctors.iter().map(|c| &ck.ctors[*c]).find(|c| match c.repr {
                Repr::Const(i) => as_int(v) == Some(i),
                Repr::Block(tag) => v.downcast::<Record>().is_some_and(|r| r.tag() == tag),
                Repr::Exn => false,
            });
            let Some(c) = found else { return "<abstr>".into() };
            let Some(r) = v.downcast::<Record>() else { return c.name.clone() };
            if let Some(names) = &c.record_fields {
                let parts: Vec<String> = names
                    .iter()
                    .zip(c.args.iter().zip(r.iter()))
                    .map(|(n, (t, x))| format!("{n} = {}", show_value(ck, x, &subst(t, args), depth + 1)))
                    .collect();
                return format!("{} {{{}}}", c.name, parts.join("; "));
            }
            let shown: Vec<String> = c
                .args
                .iter()
                .zip(r.iter())
                .map(|(t, x)| {
                    let t = subst(t, args);
                    let s = show_value(ck, x, &t, depth + 1);
                    if c.args.len() == 1 && needs_parens(&s, &t) {
                        format!("({s})")
                    } else {
                        s
                    }
                })
                .collect();
            if c.name == "::" {
                return format!("{} :: {}", shown[0], shown[1]);
            }
            if shown.len() == 1 {
                format!("{} {}", c.name, shown[0])
            } else {
                format!("{} ({})", c.name, shown.join(", "))
            }
        }
        DefKind::Abbrev(t) => show_value(ck, v, &subst(t, args), depth),
        DefKind::Abstract => "<abstr>".into(),
    }
}

/// A constructor argument that is itself an application or a negative number is
/// parenthesized (`Some (Some 1)`, `Some (-1)`).
fn needs_parens(s: &str, t: &Ty) -> bool {
    if s.starts_with('-') {
        return true;
    }
    matches!(repr(t), Ty::Con(..))
        && s.contains(' ')
        && !s.starts_with('[')
        && !s.starts_with('{')
        && !s.starts_with('"')
}

fn escape_char(c: u8) -> String {
    match c {
        b'\n' => "\\n".into(),
        b'\t' => "\\t".into(),
        b'\\' => "\\\\".into(),
        b'\'' => "\\'".into(),
        32..=126 => (c as char).to_string(),
        _ => format!("\\{c:03}"),
    }
}

fn escape_str(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'"' => out.push_str("\\\""),
            b'\'' => out.push('\''),
            _ => out.push_str(&escape_char(b)),
        }
    }
    out
}
