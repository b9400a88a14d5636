//! The names a function body assigns to after their declaration, anywhere in it or in
//! the functions and classes nested in it (which may assign its locals through captures).
//!
//! A local that is never assigned holds its initial value for as long as it exists, so
//! reading it later is the same as reading it earlier: `w.x = e` may read `w` after `e`
//! (one `LOCAL_SET_PROP`) even when `e` runs user code. Names are compared as text,
//! ignoring scopes: an assignment to any variable called `w` counts for every `w`, which
//! only ever keeps an instruction unfused.
//!
//! Every match below is exhaustive on purpose: a new kind of statement or expression
//! must say what it assigns.

use crate::core::{AssignTarget, Block, ClassDef, Expr, ExprKind, FnDef, Stmt, StmtKind};
use std::collections::HashSet;

/// The names assigned in `stmts` (and in everything nested in them).
pub(crate) fn assigned_names(stmts: &[Stmt]) -> HashSet<String> {
    let mut names = HashSet::new();
    for s in stmts {
        stmt(s, &mut names);
    }
    names
}

fn block(b: &Block, out: &mut HashSet<String>) {
    for s in &b.stmts {
        stmt(s, out);
    }
}

fn function(f: &FnDef, out: &mut HashSet<String>) {
    block(&f.body, out);
}

fn class(c: &ClassDef, out: &mut HashSet<String>) {
    if let Some(s) = &c.superclass {
        expr(s, out);
    }
    for m in &c.methods {
        function(&m.def, out);
    }
}

fn stmt(s: &Stmt, out: &mut HashSet<String>) {
    match &s.kind {
        StmtKind::Let { init, .. } => init.iter().for_each(|e| expr(e, out)),
        StmtKind::Functions(defs) => defs.iter().for_each(|f| function(f, out)),
        StmtKind::Expr(e) | StmtKind::Throw(e) => expr(e, out),
        StmtKind::Assign { target, value } => {
            match target {
                AssignTarget::Var(name) => {
                    out.insert(name.name.clone());
                }
                AssignTarget::Index { object, index } => {
                    expr(object, out);
                    expr(index, out);
                }
                AssignTarget::Field { object, .. } | AssignTarget::Slot { object, .. } => expr(object, out),
            }
            expr(value, out);
        }
        StmtKind::While { cond, body } => {
            expr(cond, out);
            block(body, out);
        }
        StmtKind::ForIn { iter, body, .. } => {
            expr(iter, out);
            block(body, out);
        }
        StmtKind::ForRange { start, end, body, .. } => {
            expr(start, out);
            expr(end, out);
            block(body, out);
        }
        StmtKind::Break | StmtKind::Continue => {}
        StmtKind::Return(e) => e.iter().for_each(|e| expr(e, out)),
        StmtKind::Try { body, catch, finally } => {
            block(body, out);
            if let Some(c) = catch {
                block(&c.body, out);
            }
            if let Some(f) = finally {
                block(f, out);
            }
        }
        StmtKind::Class(c) => class(c, out),
        // A new binding; counted anyway, so an import never makes a local look constant.
        StmtKind::Import { alias, .. } => {
            out.insert(alias.name.clone());
        }
    }
}

fn exprs(es: &[Expr], out: &mut HashSet<String>) {
    es.iter().for_each(|e| expr(e, out));
}

fn expr(e: &Expr, out: &mut HashSet<String>) {
    match &e.kind {
        ExprKind::Nil
        | ExprKind::Bool(_)
        | ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::Var(_)
        | ExprKind::This
        | ExprKind::SuperMethod { .. } => {}
        ExprKind::Unary { operand, .. } => expr(operand, out),
        ExprKind::Binary { lhs, rhs, .. } | ExprKind::And(lhs, rhs) | ExprKind::Or(lhs, rhs) => {
            expr(lhs, out);
            expr(rhs, out);
        }
        ExprKind::Typed { args, .. } | ExprKind::List(args) | ExprKind::Interpolate(args) => exprs(args, out),
        ExprKind::MakeRecord { fields, .. } => exprs(fields, out),
        ExprKind::Call { callee, args, .. } | ExprKind::Apply { callee, args, .. } => {
            expr(callee, out);
            exprs(args, out);
        }
        ExprKind::Invoke { receiver, args, .. } => {
            expr(receiver, out);
            exprs(args, out);
        }
        ExprKind::Index { object, index } => {
            expr(object, out);
            expr(index, out);
        }
        ExprKind::Field { object, .. } | ExprKind::GetSlot { object, .. } | ExprKind::TagTest { object, .. } => {
            expr(object, out)
        }
        ExprKind::Map(pairs) => pairs.iter().for_each(|(k, v)| {
            expr(k, out);
            expr(v, out);
        }),
        ExprKind::Range { start, end, .. } => {
            expr(start, out);
            expr(end, out);
        }
        ExprKind::Function(f) => function(f, out),
        ExprKind::If { cond, then, otherwise } => {
            expr(cond, out);
            expr(then, out);
            if let Some(o) = otherwise {
                expr(o, out);
            }
        }
        ExprKind::Block { stmts, value } => {
            stmts.iter().for_each(|s| stmt(s, out));
            if let Some(v) = value {
                expr(v, out);
            }
        }
    }
}
