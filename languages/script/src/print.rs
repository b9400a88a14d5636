//! Printers: `--dump tokens` (one token per line) and `--dump ast` (the surface tree as
//! an indented s-expression, in the same layout as the compiler's `--dump core`).

use crate::ast::{Block, Expr, ExprKind, Function, ImportSource, Part, Script, Stmt, StmtKind};
use crate::token::{Tok, Token};
use devvm_compiler::dump::{float_text, Sexp, WIDTH};
use devvm_compiler::SourceFile;

/// `LINE:COL KIND TEXT`, one token per line. Strings show their decoded value.
pub fn tokens(file: &SourceFile, tokens: &[Token]) -> String {
    let mut out = String::new();
    for token in tokens {
        let (line, col) = file.line_col(token.span.start);
        let text = match &token.kind {
            Tok::Str(s) | Tok::StrHead(s) | Tok::StrMid(s) | Tok::StrTail(s) => format!("{s:?}"),
            Tok::Newline | Tok::Eof => String::new(),
            _ => file.text.get(token.span.range()).unwrap_or("").to_string(),
        };
        let line = format!("{line}:{col} {} {text}", token.kind.kind_name());
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The surface tree, one pretty s-expression per top-level statement.
pub fn script(script: &Script) -> String {
    script.stmts.iter().map(|s| stmt(s).pretty(WIDTH)).collect()
}

/// The surface tree on one line per statement (for tests).
pub fn script_flat(script: &Script) -> String {
    script.stmts.iter().map(|s| stmt(s).flat()).collect::<Vec<_>>().join("\n")
}

fn atom(text: impl Into<String>) -> Sexp {
    Sexp::atom(text)
}

fn block(head: &str, b: &Block) -> Sexp {
    Sexp::node(head, b.stmts.iter().map(stmt))
}

fn function(f: &Function) -> Sexp {
    let mut items = vec![atom("fn")];
    if let Some(name) = &f.name {
        items.push(atom(name.text.clone()));
    }
    items.push(Sexp::List(f.params.iter().map(|p| atom(p.text.clone())).collect()));
    items.extend(f.body.stmts.iter().map(stmt));
    Sexp::List(items)
}

pub fn stmt(s: &Stmt) -> Sexp {
    match &s.kind {
        StmtKind::Let { name, init } => {
            Sexp::node("let", std::iter::once(atom(name.text.clone())).chain(init.iter().map(expr)))
        }
        StmtKind::Assign { target, value } => Sexp::node("=", [expr(target), expr(value)]),
        StmtKind::Fn(f) => function(f),
        StmtKind::If { branches, otherwise } => {
            let mut items = vec![atom("if")];
            for (i, (cond, body)) in branches.iter().enumerate() {
                if i == 0 {
                    items.push(expr(cond));
                    items.push(block("block", body));
                } else {
                    items.push(Sexp::node("else-if", [expr(cond), block("block", body)]));
                }
            }
            if let Some(b) = otherwise {
                items.push(block("else", b));
            }
            Sexp::List(items)
        }
        StmtKind::While { cond, body } => {
            Sexp::node("while", std::iter::once(expr(cond)).chain(body.stmts.iter().map(stmt)))
        }
        StmtKind::For { var, iter, body } => {
            Sexp::node("for", [atom(var.text.clone()), expr(iter)].into_iter().chain(body.stmts.iter().map(stmt)))
        }
        StmtKind::Break => atom("break"),
        StmtKind::Continue => atom("continue"),
        StmtKind::Return(value) => Sexp::node("return", value.iter().map(expr)),
        StmtKind::Throw(value) => Sexp::node("throw", [expr(value)]),
        StmtKind::Try { body, catch, finally } => {
            let mut items = vec![atom("try"), block("block", body)];
            if let Some(c) = catch {
                let name = c.name.as_ref().map_or(atom("_"), |n| atom(n.text.clone()));
                items.push(Sexp::node("catch", std::iter::once(name).chain(c.body.stmts.iter().map(stmt))));
            }
            if let Some(f) = finally {
                items.push(block("finally", f));
            }
            Sexp::List(items)
        }
        StmtKind::Import { source, alias } => {
            let what = match source {
                ImportSource::File(p) => atom(format!("{p:?}")),
                ImportSource::Std(m) => atom(m.clone()),
            };
            Sexp::node("import", [what, atom("as"), atom(alias.text.clone())])
        }
        StmtKind::Expr(e) => expr(e),
    }
}

pub fn expr(e: &Expr) -> Sexp {
    match &e.kind {
        ExprKind::Nil => atom("nil"),
        ExprKind::Bool(b) => atom(b.to_string()),
        ExprKind::Int(i) => atom(i.to_string()),
        ExprKind::Float(f) => atom(float_text(*f)),
        ExprKind::Str(s) => atom(format!("{s:?}")),
        ExprKind::Interpolated(parts) => Sexp::node(
            "str",
            parts.iter().map(|p| match p {
                Part::Text(t, _) => atom(format!("{t:?}")),
                Part::Expr(e) => expr(e),
            }),
        ),
        ExprKind::Var(name) => atom(name.clone()),
        ExprKind::Unary { op, operand } => Sexp::node(op.symbol(), [expr(operand)]),
        ExprKind::Binary { op, lhs, rhs } => Sexp::node(op.symbol(), [expr(lhs), expr(rhs)]),
        ExprKind::Call { callee, args } => {
            Sexp::node("call", std::iter::once(expr(callee)).chain(args.iter().map(expr)))
        }
        ExprKind::Index { object, index } => Sexp::node("index", [expr(object), expr(index)]),
        ExprKind::Field { object, name } => Sexp::node(".", [expr(object), atom(name.text.clone())]),
        ExprKind::List(items) => Sexp::node("list", items.iter().map(expr)),
        ExprKind::Map(entries) => Sexp::node("map", entries.iter().map(|(k, v)| Sexp::List(vec![expr(k), expr(v)]))),
        ExprKind::Function(f) => function(f),
    }
}
