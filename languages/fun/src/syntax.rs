//! Helpers for the grammar's actions: spans, operator applications, sequences, and the
//! error type the parser reports.

use crate::ast::{Const, Expr, ExprKind, PatKind, Pattern};
use devvm_compiler::Span;

/// An error found by a grammar action (an assignment to something that is not a field
/// or element, for instance).
#[derive(Clone, Debug, PartialEq)]
pub struct UserError {
    pub span: Span,
    pub message: String,
}

pub fn sp(l: usize, r: usize) -> Span {
    Span::new(l, r)
}

/// `a op b` as the application of the operator's variable.
pub fn binop(op: &str, l: usize, r: usize, op_span: Span, a: Expr, b: Expr) -> Expr {
    let f = Expr::new(ExprKind::Var(op.to_string()), op_span);
    Expr::new(ExprKind::Apply(Box::new(f), vec![a, b]), sp(l, r))
}

/// Unary minus: a negative literal when applied to one, else `~-`/`~-.`.
pub fn negate(float: bool, l: usize, r: usize, e: Expr) -> Expr {
    match e.kind {
        ExprKind::Const(Const::Int(i)) if !float => Expr::new(ExprKind::Const(Const::Int(i.wrapping_neg())), sp(l, r)),
        ExprKind::Const(Const::Float(f)) => Expr::new(ExprKind::Const(Const::Float(-f)), sp(l, r)),
        _ => {
            let name = if float { "~-." } else { "~-" };
            let f = Expr::new(ExprKind::Var(name.into()), sp(l, l + 1));
            Expr::new(ExprKind::Apply(Box::new(f), vec![e]), sp(l, r))
        }
    }
}

/// A tuple from its first component and the others collected right to left.
pub fn tuple(l: usize, r: usize, first: Expr, rest_reversed: Vec<Expr>) -> Expr {
    let mut items = vec![first];
    items.extend(rest_reversed.into_iter().rev());
    Expr::new(ExprKind::Tuple(items), sp(l, r))
}

/// `a; b`, flattening a sequence on the right so long bodies stay shallow.
pub fn seq(a: Expr, b: Expr) -> Expr {
    let span = a.span.to(b.span);
    let mut items = vec![a];
    match b.kind {
        ExprKind::Seq(rest) => items.extend(rest),
        _ => items.push(b),
    }
    Expr::new(ExprKind::Seq(items), span)
}

pub fn cons(l: usize, r: usize, a: Expr, b: Expr) -> Expr {
    let span = sp(l, r);
    let pair = Expr::new(ExprKind::Tuple(vec![a, b]), span);
    Expr::new(ExprKind::Ctor("::".into(), Some(Box::new(pair))), span)
}

pub fn pcons(l: usize, r: usize, a: Pattern, b: Pattern) -> Pattern {
    let span = sp(l, r);
    let pair = Pattern::new(PatKind::Tuple(vec![a, b]), span);
    Pattern::new(PatKind::Ctor("::".into(), Some(Box::new(pair))), span)
}

/// `[p1; p2; ...]` as nested `::` patterns ending in `[]`.
pub fn plist(l: usize, r: usize, items: Vec<Pattern>) -> Pattern {
    let mut acc = Pattern::new(PatKind::Ctor("[]".into(), None), sp(r.saturating_sub(1), r));
    for p in items.into_iter().rev() {
        let span = Span::new(p.span.start as usize, r);
        acc = pcons(span.start as usize, span.end as usize, p, acc);
    }
    acc.span = sp(l, r);
    acc
}

/// `target <- value` for a field, array element; anything else is an error.
pub fn assign(l: usize, r: usize, target: Expr, value: Expr) -> Result<Expr, UserError> {
    let span = sp(l, r);
    let value = Box::new(value);
    match target.kind {
        ExprKind::Field(obj, name, nspan) => Ok(Expr::new(ExprKind::SetField(obj, name, nspan, value), span)),
        ExprKind::Index(arr, idx) => Ok(Expr::new(ExprKind::SetIndex(arr, idx, value), span)),
        ExprKind::StrIndex(..) => {
            Err(UserError { span: target.span, message: "strings are immutable: `s.[i] <- c` is not supported".into() })
        }
        _ => Err(UserError {
            span: target.span,
            message: "the left of `<-` must be a record field `r.f` or an array element `a.(i)`".into(),
        }),
    }
}

/// Appends to a reversed item list (the grammar builds programs right to left).
pub fn push<T>(mut v: Vec<T>, x: T) -> Vec<T> {
    v.push(x);
    v
}
