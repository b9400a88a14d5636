//! Self tail calls become loops: `let rec loop i acc = if ... then loop (i + 1) (acc + i)
//! else acc` runs as a `while` over its own parameters instead of a `TAILCALL` per
//! iteration.
//!
//! ```text
//!   fn f(p1..pn) { return BODY }   where BODY calls f in tail position
//!   ──► fn f(p1..pn) { while true { RET(BODY) } }
//!       RET(if c then a else b) = if c { RET(a) } else { RET(b) }
//!       RET({ stmts; v })       = { stmts; RET(v) }
//!       RET(f(a1..an))          = { let t1 = a1 .. tn = an; p1 = t1 .. pn = tn }
//!                                 (then the loop body ends: the back-edge is the call)
//!       RET(e)                  = return e
//! ```
//!
//! Only for bodies that make no closures: a closure made in one iteration would otherwise
//! see the parameters of the next (each OCaml call has fresh bindings).

use crate::lower::{mk, stmt, var};
use devvm_compiler::core::{self, AssignTarget, Block, ExprKind as K, FnDef, Ident, Stmt, StmtKind};

/// Rewrites `def` in place when it calls itself in tail position.
pub fn loopify(def: &mut FnDef) {
    let name = def.name.name.clone();
    let params: Vec<String> = def.params.iter().map(|p| p.name.clone()).collect();
    let [Stmt { kind: StmtKind::Return(Some(body)), span }] = def.body.stmts.as_slice() else { return };
    if !self_tail_call(body, &name, params.len()) || makes_closure(body) {
        return;
    }
    let span = *span;
    let mut counter = 0;
    let stmts = ret(body.clone(), &name, &params, &mut counter);
    let looped = StmtKind::While { cond: mk(K::Bool(true), span), body: Block { stmts, span } };
    def.body.stmts = vec![stmt(looped, span)];
}

/// `a && b` and `a || b` on bools as the `if` they mean, so a call in `b` is seen in
/// tail position.
fn unfold_lazy(e: core::Expr) -> core::Expr {
    let span = e.span;
    match e.kind {
        K::And(a, b) => mk(K::If { cond: a, then: b, otherwise: Some(Box::new(mk(K::Bool(false), span))) }, span),
        K::Or(a, b) => mk(K::If { cond: a, then: Box::new(mk(K::Bool(true), span)), otherwise: Some(b) }, span),
        kind => mk(kind, span),
    }
}

fn self_tail_call(e: &core::Expr, name: &str, arity: usize) -> bool {
    match &e.kind {
        K::And(_, b) | K::Or(_, b) => self_tail_call(b, name, arity),
        K::If { then, otherwise: Some(o), .. } => self_tail_call(then, name, arity) || self_tail_call(o, name, arity),
        K::Block { value: Some(v), .. } => self_tail_call(v, name, arity),
        K::Call { callee, args, .. } => is_self(callee, name) && args.len() == arity,
        _ => false,
    }
}

fn is_self(callee: &core::Expr, name: &str) -> bool {
    matches!(&callee.kind, K::Var(id) if id.name == name)
}

/// The statements that return `e` from the loop body.
fn ret(e: core::Expr, name: &str, params: &[String], counter: &mut usize) -> Vec<Stmt> {
    let e = unfold_lazy(e);
    let span = e.span;
    match e.kind {
        K::If { cond, then, otherwise: Some(o) } => {
            let then_b = mk(K::Block { stmts: ret(*then, name, params, counter), value: None }, span);
            let else_b = mk(K::Block { stmts: ret(*o, name, params, counter), value: None }, span);
            let kind = K::If { cond, then: Box::new(then_b), otherwise: Some(Box::new(else_b)) };
            vec![stmt(StmtKind::Expr(mk(kind, span)), span)]
        }
        K::Block { mut stmts, value: Some(v) } => {
            stmts.extend(ret(*v, name, params, counter));
            vec![stmt(StmtKind::Expr(mk(K::Block { stmts, value: None }, span)), span)]
        }
        K::Call { callee, args, .. } if is_self(&callee, name) && args.len() == params.len() => {
            // All arguments are evaluated before any parameter changes.
            // An argument that is its own parameter (`loop (i + 1) n acc`'s `n`) stays.
            let moves: Vec<(&String, core::Expr)> = args
                .into_iter()
                .zip(params)
                .filter(|(a, p)| !matches!(&a.kind, K::Var(id) if id.name == **p))
                .map(|(a, p)| (p, a))
                .collect();
            let mut stmts = Vec::new();
            match direct_order(&moves) {
                // Each new value reads no parameter assigned before it: assign in place.
                Some(order) => {
                    let mut moves: Vec<Option<(&String, core::Expr)>> = moves.into_iter().map(Some).collect();
                    for i in order {
                        let (p, a) = moves[i].take().expect("each move is taken once");
                        let target = AssignTarget::Var(Ident::new(p, span));
                        stmts.push(stmt(StmtKind::Assign { target, value: a }, span));
                    }
                }
                None => {
                    let mut temps = Vec::new();
                    for (p, a) in moves {
                        *counter += 1;
                        let t = format!("%loop{counter}");
                        stmts.push(stmt(StmtKind::Let { name: Ident::new(&t, span), init: Some(a) }, span));
                        temps.push((p, t));
                    }
                    for (p, t) in temps {
                        let target = AssignTarget::Var(Ident::new(p, span));
                        stmts.push(stmt(StmtKind::Assign { target, value: var(&t, span) }, span));
                    }
                }
            }
            // No `continue`: every such leaf is the last statement on its path, so the body
            // ends and the loop's back-edge (a safepoint) starts the next call.
            vec![stmt(StmtKind::Expr(mk(K::Block { stmts, value: None }, span)), span)]
        }
        kind => vec![stmt(StmtKind::Return(Some(mk(kind, span))), span)],
    }
}

/// An order of the moves in which no new value reads a parameter assigned before it
/// (tried over every permutation: self tail calls have few arguments).
fn direct_order(moves: &[(&String, core::Expr)]) -> Option<Vec<usize>> {
    if moves.len() > 6 {
        return None;
    }
    let mut order = Vec::new();
    let mut used = vec![false; moves.len()];
    fn go(moves: &[(&String, core::Expr)], order: &mut Vec<usize>, used: &mut [bool]) -> bool {
        if order.len() == moves.len() {
            return true;
        }
        for i in 0..moves.len() {
            if used[i] || order.iter().any(|&j| reads(&moves[i].1, moves[j].0)) {
                continue;
            }
            used[i] = true;
            order.push(i);
            if go(moves, order, used) {
                return true;
            }
            order.pop();
            used[i] = false;
        }
        false
    }
    go(moves, &mut order, &mut used).then_some(order)
}

/// Whether an expression may read variable `name` (conservative: unknown forms say yes).
fn reads(e: &core::Expr, name: &str) -> bool {
    match &e.kind {
        K::Var(id) => id.name == name,
        K::Nil | K::Bool(_) | K::Int(_) | K::Float(_) | K::Str(_) => false,
        K::Unary { operand, .. } => reads(operand, name),
        K::Binary { lhs, rhs, .. } | K::And(lhs, rhs) | K::Or(lhs, rhs) => reads(lhs, name) || reads(rhs, name),
        K::Typed { args, .. } | K::List(args) => args.iter().any(|a| reads(a, name)),
        K::MakeRecord { fields, .. } => fields.iter().any(|a| reads(a, name)),
        K::Call { callee, args, .. } | K::Apply { callee, args, .. } => {
            reads(callee, name) || args.iter().any(|a| reads(a, name))
        }
        K::GetSlot { object, .. } | K::TagTest { object, .. } | K::Field { object, .. } => reads(object, name),
        K::Index { object, index } => reads(object, name) || reads(index, name),
        K::If { cond, then, otherwise } => {
            reads(cond, name) || reads(then, name) || otherwise.as_deref().is_some_and(|o| reads(o, name))
        }
        _ => true,
    }
}

/// Whether an expression may create a closure (conservative: unknown forms say yes).
fn makes_closure(e: &core::Expr) -> bool {
    match &e.kind {
        K::Function(_) | K::This | K::SuperMethod { .. } | K::Invoke { .. } => true,
        K::Nil | K::Bool(_) | K::Int(_) | K::Float(_) | K::Str(_) | K::Var(_) => false,
        K::Unary { operand, .. } => makes_closure(operand),
        K::Binary { lhs, rhs, .. } | K::And(lhs, rhs) | K::Or(lhs, rhs) => makes_closure(lhs) || makes_closure(rhs),
        K::Typed { args, .. } | K::List(args) | K::Interpolate(args) => args.iter().any(makes_closure),
        K::MakeRecord { fields, .. } => fields.iter().any(makes_closure),
        // A partial application made by `APPLY` holds values, not variables.
        K::Call { callee, args, .. } | K::Apply { callee, args, .. } => {
            makes_closure(callee) || args.iter().any(makes_closure)
        }
        K::Index { object, index } => makes_closure(object) || makes_closure(index),
        K::Field { object, .. } | K::GetSlot { object, .. } | K::TagTest { object, .. } => makes_closure(object),
        K::Map(pairs) => pairs.iter().any(|(k, v)| makes_closure(k) || makes_closure(v)),
        K::Range { start, end, .. } => makes_closure(start) || makes_closure(end),
        K::If { cond, then, otherwise } => {
            makes_closure(cond) || makes_closure(then) || otherwise.as_deref().is_some_and(makes_closure)
        }
        K::Block { stmts, value } => {
            stmts.iter().any(stmt_makes_closure) || value.as_deref().is_some_and(makes_closure)
        }
    }
}

fn stmt_makes_closure(s: &Stmt) -> bool {
    match &s.kind {
        StmtKind::Let { init, .. } => init.as_ref().is_some_and(makes_closure),
        StmtKind::Expr(e) | StmtKind::Throw(e) => makes_closure(e),
        StmtKind::Return(e) => e.as_ref().is_some_and(makes_closure),
        StmtKind::Assign { value, target } => {
            makes_closure(value)
                || match target {
                    AssignTarget::Var(_) => false,
                    AssignTarget::Index { object, index } => makes_closure(object) || makes_closure(index),
                    AssignTarget::Field { object, .. } | AssignTarget::Slot { object, .. } => makes_closure(object),
                }
        }
        StmtKind::While { cond, body } => makes_closure(cond) || body.stmts.iter().any(stmt_makes_closure),
        StmtKind::ForRange { start, end, body, .. } => {
            makes_closure(start) || makes_closure(end) || body.stmts.iter().any(stmt_makes_closure)
        }
        StmtKind::Try { body, catch, finally } => {
            body.stmts.iter().any(stmt_makes_closure)
                || catch.as_ref().is_some_and(|c| c.body.stmts.iter().any(stmt_makes_closure))
                || finally.as_ref().is_some_and(|f| f.stmts.iter().any(stmt_makes_closure))
        }
        StmtKind::Break | StmtKind::Continue => false,
        _ => true,
    }
}
