//! Lexing and parsing a file: tokens into the LR parser, its errors into diagnostics
//! that name what was expected, and the nesting limit.

use crate::ast::{Expr, ExprKind, Item, ItemKind, PatKind, Pattern};
use crate::grammar::ProgramParser;
use crate::lexer::lex;
use crate::syntax::UserError;
use crate::token::Tok;
use devvm_compiler::{Diagnostic, SourceFile, Span};
use devvm_vm::ErrorKind;
use lalrpop_util::ParseError;
use std::sync::Arc;

/// How deeply expressions and patterns may nest. The checker and the lowering recurse
/// over the tree; past this depth a program gets an error instead of a deep recursion.
pub const MAX_DEPTH: usize = 1000;

/// Parses a whole file into items, or returns every lexical error and the first
/// syntax error.
pub fn parse_file(file: &Arc<SourceFile>) -> Result<Vec<Item>, Vec<Diagnostic>> {
    let lexed = lex(file);
    let mut errors = lexed.errors;
    let eof = file.text.len();
    let tokens = lexed.tokens.into_iter().map(Ok::<_, UserError>);
    match ProgramParser::new().parse(tokens) {
        Ok(items) => {
            if errors.is_empty() {
                if let Some(span) = too_deep(&items) {
                    errors.push(Diagnostic::error(
                        ErrorKind::SyntaxError,
                        file,
                        span,
                        format!("this expression is nested more than {MAX_DEPTH} levels deep"),
                    ));
                    return Err(errors);
                }
                return Ok(items);
            }
            Err(errors)
        }
        Err(e) => {
            errors.push(syntax_error(file, e, eof));
            errors.sort_by_key(|d| d.span.start);
            Err(errors)
        }
    }
}

/// Turns an LR parse error into a diagnostic: "expected X, Y or Z, found T".
fn syntax_error(file: &Arc<SourceFile>, e: ParseError<usize, Tok, UserError>, eof: usize) -> Diagnostic {
    match e {
        ParseError::InvalidToken { location } => {
            Diagnostic::error(ErrorKind::SyntaxError, file, Span::new(location, location + 1), "invalid token")
        }
        ParseError::UnrecognizedEof { location, expected } => Diagnostic::error(
            ErrorKind::SyntaxError,
            file,
            Span::new(location.min(eof), eof.max(location)),
            format!("unexpected end of file; expected {}", describe_expected(&expected)),
        ),
        ParseError::UnrecognizedToken { token: (l, tok, r), expected } => Diagnostic::error(
            ErrorKind::SyntaxError,
            file,
            Span::new(l, r),
            format!("syntax error: expected {}, found {}", describe_expected(&expected), tok.describe()),
        ),
        ParseError::ExtraToken { token: (l, tok, r) } => Diagnostic::error(
            ErrorKind::SyntaxError,
            file,
            Span::new(l, r),
            format!("syntax error: unexpected {}", tok.describe()),
        ),
        ParseError::User { error } => Diagnostic::error(ErrorKind::SyntaxError, file, error.span, error.message),
    }
}

/// A readable list of the terminals the parser would have accepted.
fn describe_expected(expected: &[String]) -> String {
    let mut names: Vec<String> = Vec::new();
    let mut expression = false;
    for t in expected {
        let name = match t.as_str() {
            "INT" | "FLOAT" | "CHAR" | "STRING" | "LIDENT" | "QUAL" | "\"(\"" | "\"[\"" | "\"begin\"" => {
                expression = true;
                continue;
            }
            "UIDENT" => "a constructor".to_string(),
            "TYVAR" => "a type variable".to_string(),
            other => format!("`{}`", other.trim_matches('"')),
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    if expression {
        names.insert(0, "an expression".to_string());
    }
    if names.len() > 8 {
        let shown = names[..7].join(", ");
        return format!("{shown} or one of {} other tokens", names.len() - 7);
    }
    match names.len() {
        0 => "nothing more".into(),
        1 => names.remove(0),
        _ => {
            let last = names.pop().unwrap_or_default();
            format!("{} or {last}", names.join(", "))
        }
    }
}

/// The span of the first expression or pattern nested deeper than [`MAX_DEPTH`], found
/// with an explicit stack (the tree may be far deeper than the host stack allows).
fn too_deep(items: &[Item]) -> Option<Span> {
    enum Node<'a> {
        E(&'a Expr),
        P(&'a Pattern),
    }
    let mut stack: Vec<(Node, usize)> = Vec::new();
    for item in items {
        match &item.kind {
            ItemKind::Let { bindings, .. } => {
                for b in bindings {
                    stack.push((Node::E(&b.expr), 1));
                    stack.push((Node::P(&b.pat), 1));
                }
            }
            ItemKind::Expr(e) => stack.push((Node::E(e), 1)),
            _ => {}
        }
    }
    while let Some((node, depth)) = stack.pop() {
        let d = depth + 1;
        match node {
            Node::P(p) => {
                if depth > MAX_DEPTH {
                    return Some(p.span);
                }
                match &p.kind {
                    PatKind::Tuple(ps) => ps.iter().for_each(|q| stack.push((Node::P(q), d))),
                    PatKind::Ctor(_, Some(q)) | PatKind::Alias(q, _) | PatKind::Annot(q, _) => {
                        stack.push((Node::P(q), d))
                    }
                    PatKind::Record(fs, _) => fs.iter().for_each(|(_, _, q)| stack.push((Node::P(q), d))),
                    PatKind::Or(a, b) => {
                        stack.push((Node::P(a), d));
                        stack.push((Node::P(b), d));
                    }
                    _ => {}
                }
            }
            Node::E(e) => {
                if depth > MAX_DEPTH {
                    return Some(e.span);
                }
                for child in children(e) {
                    match child {
                        Child::E(c) => stack.push((Node::E(c), d)),
                        Child::P(c) => stack.push((Node::P(c), d)),
                    }
                }
            }
        }
    }
    None
}

pub(crate) enum Child<'a> {
    E(&'a Expr),
    P(&'a Pattern),
}

/// The direct subexpressions and patterns of an expression.
pub(crate) fn children(e: &Expr) -> Vec<Child<'_>> {
    use Child::{E, P};
    let mut out = Vec::new();
    match &e.kind {
        ExprKind::Const(_) | ExprKind::Var(_) => {}
        ExprKind::Ctor(_, a) => out.extend(a.iter().map(|a| E(a))),
        ExprKind::Apply(f, args) => {
            out.push(E(f));
            out.extend(args.iter().map(E));
        }
        ExprKind::Fun(ps, body) => {
            out.extend(ps.iter().map(P));
            out.push(E(body));
        }
        ExprKind::Function(cases) => cases_children(cases, &mut out),
        ExprKind::Let { bindings, body, .. } => {
            for b in bindings {
                out.push(P(&b.pat));
                out.push(E(&b.expr));
            }
            out.push(E(body));
        }
        ExprKind::If(c, a, b) => {
            out.push(E(c));
            out.push(E(a));
            out.extend(b.iter().map(|b| E(b)));
        }
        ExprKind::Match(s, cases) | ExprKind::Try(s, cases) => {
            out.push(E(s));
            cases_children(cases, &mut out);
        }
        ExprKind::Tuple(xs) | ExprKind::List(xs) | ExprKind::Array(xs) | ExprKind::Seq(xs) => {
            out.extend(xs.iter().map(E))
        }
        ExprKind::Record(fs, base) => {
            out.extend(fs.iter().map(|(_, _, x)| E(x)));
            out.extend(base.iter().map(|b| E(b)));
        }
        ExprKind::Field(o, _, _) | ExprKind::Annot(o, _) | ExprKind::Assert(o) => out.push(E(o)),
        ExprKind::SetField(o, _, _, v) => {
            out.push(E(o));
            out.push(E(v));
        }
        ExprKind::Index(a, i) | ExprKind::StrIndex(a, i) | ExprKind::While(a, i) => {
            out.push(E(a));
            out.push(E(i));
        }
        ExprKind::SetIndex(a, i, v) => {
            out.push(E(a));
            out.push(E(i));
            out.push(E(v));
        }
        ExprKind::For { start, end, body, .. } => {
            out.push(E(start));
            out.push(E(end));
            out.push(E(body));
        }
    }
    out
}

fn cases_children<'a>(cases: &'a [crate::ast::Case], out: &mut Vec<Child<'a>>) {
    for c in cases {
        out.push(Child::P(&c.pat));
        if let Some(g) = &c.guard {
            out.push(Child::E(g));
        }
        out.push(Child::E(&c.body));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn parse_ok(src: &str) -> Vec<Item> {
        let file = SourceFile::new("t.dvf", src);
        match parse_file(&file) {
            Ok(items) => items,
            Err(d) => panic!("{}", devvm_compiler::diag::render_all(&d, false)),
        }
    }

    fn parse_err(src: &str) -> String {
        let file = SourceFile::new("t.dvf", src);
        match parse_file(&file) {
            Ok(_) => panic!("parsed without an error: {}", &src[..src.len().min(80)]),
            Err(d) => d.iter().map(|d| format!("{} {}", d.location(), d.message)).collect::<Vec<_>>().join("\n"),
        }
    }

    #[test]
    fn the_spec_example_and_friends_parse() {
        let items = parse_ok(include_str!("../tests/parse_all.dvf"));
        assert!(items.len() > 20);
    }

    #[test]
    fn errors_name_what_was_expected() {
        let e = parse_err("let x = 1 +\n");
        assert!(e.contains("unexpected end of file; expected an expression"), "{e}");
        let e = parse_err("let f x = (x + 1\nlet y = 2");
        assert!(e.starts_with("t.dvf:2:1"), "{e}");
        assert!(e.contains("`)`"), "{e}");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let src = format!("let x = {}1{}", "(1 + ".repeat(10_000), ")".repeat(10_000));
        let e = parse_err(&src);
        assert!(e.contains("nested more than"), "{e}");
        let src = format!("let x = {}[]{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse_err(&src).contains("nested more than"));
        // Redundant parentheses make no tree nodes: fine at any depth.
        parse_ok(&format!("let x = {}1{}", "(".repeat(10_000), ")".repeat(10_000)));
    }
}
