//! Lowering: the surface AST to the shared core AST.
//!
//! Most constructs map one to one. The ones that change shape:
//!
//! * `fn name(..) {..}` becomes `Functions([def])` (the compiler predeclares top-level
//!   names, so declarations need no grouping);
//! * `if` becomes an expression statement holding `ExprKind::If`, with blocks as
//!   `ExprKind::Block { value: None }` and `else if` chains nested in `otherwise`;
//! * `for x in a..b` (a range written in the loop header) becomes `ForRange` with step 1;
//!   any other iterable becomes `ForIn`;
//! * `x.name(args)` becomes `Invoke`, other calls `Call`;
//! * a minus sign on a number literal is folded into the literal.
//!
//! A function value takes the name it is bound to when it is written right after
//! `let x =`, `x =` or `m.k =` (for traces and `<fn x>`), else the empty name, which the
//! compiler shows as `<anonymous>`. That name is for display only; it is not a variable
//! inside the function.
//!
//! Lowering cannot fail: everything it relies on was checked by the parser.

use crate::ast::{self, BinaryOp, ExprKind, ImportSource, Part, StmtKind, UnaryOp};
use devvm_compiler::core;
use devvm_compiler::Span;

/// Lowers a parsed file.
pub fn lower(script: &ast::Script) -> core::Module {
    core::Module { body: script.stmts.iter().map(stmt).collect() }
}

fn ident(name: &ast::Name) -> core::Ident {
    core::Ident::new(name.text.clone(), name.span)
}

fn block(b: &ast::Block) -> core::Block {
    core::Block { stmts: b.stmts.iter().map(stmt).collect(), span: b.span }
}

/// A block in expression position (the branches of an `if`).
fn block_expr(b: &ast::Block) -> core::Expr {
    core::Expr::new(core::ExprKind::Block { stmts: b.stmts.iter().map(stmt).collect(), value: None }, b.span)
}

fn function(f: &ast::Function, inferred: Option<&str>) -> core::FnDef {
    let name = match (&f.name, inferred) {
        (Some(n), _) => ident(n),
        // The `fn` keyword is the first two bytes of the function's span.
        // An empty name is the compiler's convention for an anonymous function.
        (None, hint) => core::Ident::new(hint.unwrap_or(""), Span { start: f.span.start, end: f.span.start + 2 }),
    };
    core::FnDef { name, params: f.params.iter().map(ident).collect(), body: block(&f.body), span: f.span }
}

/// An expression that is the value of a binding named `name`.
fn named_value(e: &ast::Expr, name: &str) -> core::Expr {
    match &e.kind {
        ExprKind::Function(f) => core::Expr::new(core::ExprKind::Function(Box::new(function(f, Some(name)))), e.span),
        _ => expr(e),
    }
}

fn stmt(s: &ast::Stmt) -> core::Stmt {
    let kind = match &s.kind {
        StmtKind::Let { name, init } => {
            core::StmtKind::Let { name: ident(name), init: init.as_ref().map(|e| named_value(e, &name.text)) }
        }
        StmtKind::Assign { target, value } => assignment(target, value),
        StmtKind::Fn(f) => core::StmtKind::Functions(vec![function(f, None)]),
        StmtKind::If { branches, otherwise } => core::StmtKind::Expr(if_chain(branches, otherwise.as_ref(), s.span)),
        StmtKind::While { cond, body } => core::StmtKind::While { cond: expr(cond), body: block(body) },
        StmtKind::For { var, iter, body } => match &iter.kind {
            ExprKind::Binary { op: op @ (BinaryOp::Range | BinaryOp::RangeInclusive), lhs, rhs } => {
                core::StmtKind::ForRange {
                    var: ident(var),
                    start: expr(lhs),
                    end: expr(rhs),
                    inclusive: *op == BinaryOp::RangeInclusive,
                    step: 1,
                    body: block(body),
                }
            }
            _ => core::StmtKind::ForIn { var: ident(var), iter: expr(iter), body: block(body) },
        },
        StmtKind::Break => core::StmtKind::Break,
        StmtKind::Continue => core::StmtKind::Continue,
        StmtKind::Return(value) => core::StmtKind::Return(value.as_ref().map(expr)),
        StmtKind::Throw(value) => core::StmtKind::Throw(expr(value)),
        StmtKind::Try { body, catch, finally } => core::StmtKind::Try {
            body: block(body),
            catch: catch.as_ref().map(|c| core::Catch { name: c.name.as_ref().map(ident), body: block(&c.body) }),
            finally: finally.as_ref().map(block),
        },
        StmtKind::Import { source, alias } => core::StmtKind::Import {
            path: match source {
                ImportSource::File(p) => core::ImportPath::File(p.clone()),
                ImportSource::Std(m) => core::ImportPath::Std(m.clone()),
            },
            alias: ident(alias),
        },
        StmtKind::Expr(e) => core::StmtKind::Expr(expr(e)),
    };
    core::Stmt { kind, span: s.span }
}

fn assignment(target: &ast::Expr, value: &ast::Expr) -> core::StmtKind {
    match &target.kind {
        ExprKind::Var(name) => core::StmtKind::Assign {
            target: core::AssignTarget::Var(core::Ident::new(name.clone(), target.span)),
            value: named_value(value, name),
        },
        ExprKind::Field { object, name } => core::StmtKind::Assign {
            target: core::AssignTarget::Field { object: Box::new(expr(object)), name: ident(name) },
            value: named_value(value, &name.text),
        },
        ExprKind::Index { object, index } => core::StmtKind::Assign {
            target: core::AssignTarget::Index { object: Box::new(expr(object)), index: Box::new(expr(index)) },
            value: expr(value),
        },
        // The parser builds assignments only for the three targets above; anything else
        // would have been a syntax error, so this arm is never reached with valid input.
        _ => core::StmtKind::Expr(expr(value)),
    }
}

/// `if c1 {b1} else if c2 {b2} else {b3}` as nested `If` expressions, built from the
/// last branch backwards (no recursion over the chain).
fn if_chain(branches: &[(ast::Expr, ast::Block)], otherwise: Option<&ast::Block>, span: Span) -> core::Expr {
    let mut tail = otherwise.map(|b| Box::new(block_expr(b)));
    for (i, (cond, body)) in branches.iter().enumerate().rev() {
        let end = tail.as_ref().map_or(body.span, |t| t.span);
        let here = if i == 0 { span } else { cond.span.to(end) };
        let kind = core::ExprKind::If { cond: Box::new(expr(cond)), then: Box::new(block_expr(body)), otherwise: tail };
        tail = Some(Box::new(core::Expr::new(kind, here)));
    }
    match tail {
        Some(e) => *e,
        // The parser always produces at least one branch.
        None => core::Expr::new(core::ExprKind::Nil, span),
    }
}

/// The core operator for a strict binary operator; `None` for `and`, `or` and ranges,
/// which have core nodes of their own.
fn binary_op(op: BinaryOp) -> Option<core::BinaryOp> {
    use core::BinaryOp as C;
    Some(match op {
        BinaryOp::Eq => C::Eq,
        BinaryOp::Ne => C::Ne,
        BinaryOp::Lt => C::Lt,
        BinaryOp::Le => C::Le,
        BinaryOp::Gt => C::Gt,
        BinaryOp::Ge => C::Ge,
        BinaryOp::BitOr => C::BitOr,
        BinaryOp::BitXor => C::BitXor,
        BinaryOp::BitAnd => C::BitAnd,
        BinaryOp::Shl => C::Shl,
        BinaryOp::Shr => C::Shr,
        BinaryOp::Add => C::Add,
        BinaryOp::Sub => C::Sub,
        BinaryOp::Mul => C::Mul,
        BinaryOp::Div => C::Div,
        BinaryOp::FloorDiv => C::FloorDiv,
        BinaryOp::Mod => C::Mod,
        BinaryOp::Pow => C::Pow,
        BinaryOp::Or | BinaryOp::And | BinaryOp::Range | BinaryOp::RangeInclusive => return None,
    })
}

fn boxed(e: &ast::Expr) -> Box<core::Expr> {
    Box::new(expr(e))
}

fn expr(e: &ast::Expr) -> core::Expr {
    use core::ExprKind as C;
    let kind = match &e.kind {
        ExprKind::Nil => C::Nil,
        ExprKind::Bool(b) => C::Bool(*b),
        ExprKind::Int(i) => C::Int(*i),
        ExprKind::Float(f) => C::Float(*f),
        ExprKind::Str(s) => C::Str(s.clone()),
        ExprKind::Interpolated(parts) => C::Interpolate(
            parts
                .iter()
                .map(|p| match p {
                    Part::Text(text, span) => core::Expr::new(C::Str(text.clone()), *span),
                    Part::Expr(e) => expr(e),
                })
                .collect(),
        ),
        ExprKind::Var(name) => C::Var(core::Ident::new(name.clone(), e.span)),
        ExprKind::Unary { op, operand } => match (op, &operand.kind) {
            // `- -9223372036854775808` does not fold: it overflows at run time, as it should.
            (UnaryOp::Neg, ExprKind::Int(i)) if i.checked_neg().is_some() => C::Int(-i),
            (UnaryOp::Neg, ExprKind::Float(f)) => C::Float(-f),
            _ => {
                let op = match op {
                    UnaryOp::Neg => core::UnaryOp::Neg,
                    UnaryOp::Not => core::UnaryOp::Not,
                    UnaryOp::BitNot => core::UnaryOp::BitNot,
                };
                C::Unary { op, operand: boxed(operand) }
            }
        },
        ExprKind::Binary { op, lhs, rhs } => match (op, binary_op(*op)) {
            (_, Some(core_op)) => C::Binary { op: core_op, lhs: boxed(lhs), rhs: boxed(rhs) },
            (BinaryOp::And, None) => C::And(boxed(lhs), boxed(rhs)),
            (BinaryOp::Or, None) => C::Or(boxed(lhs), boxed(rhs)),
            (_, None) => C::Range { start: boxed(lhs), end: boxed(rhs), inclusive: *op == BinaryOp::RangeInclusive },
        },
        ExprKind::Call { callee, args } => {
            let args = args.iter().map(expr).collect();
            match &callee.kind {
                ExprKind::Field { object, name } => C::Invoke { receiver: boxed(object), method: ident(name), args },
                _ => C::Call { callee: boxed(callee), args, tail: false },
            }
        }
        ExprKind::Index { object, index } => C::Index { object: boxed(object), index: boxed(index) },
        ExprKind::Field { object, name } => C::Field { object: boxed(object), name: ident(name) },
        ExprKind::List(items) => C::List(items.iter().map(expr).collect()),
        ExprKind::Map(entries) => C::Map(entries.iter().map(|(k, v)| (expr(k), expr(v))).collect()),
        ExprKind::Function(f) => C::Function(Box::new(function(f, None))),
    };
    core::Expr::new(kind, e.span)
}
