//! Constant folding on the core AST: literal arithmetic, comparisons, string
//! concatenation and `not`, with exactly the VM's semantics (anything that would raise at
//! run time — overflow, division by zero, type errors — is left for run time).

use crate::core::{AssignTarget, BinaryOp, Block, Expr, ExprKind, Module, Stmt, StmtKind, UnaryOp};

pub fn fold_module(m: &mut Module) {
    for s in &mut m.body {
        fold_stmt(s);
    }
}

fn fold_block(b: &mut Block) {
    for s in &mut b.stmts {
        fold_stmt(s);
    }
}

fn fold_stmt(s: &mut Stmt) {
    match &mut s.kind {
        StmtKind::Let { init: Some(e), .. } => fold_expr(e),
        StmtKind::Functions(defs) => defs.iter_mut().for_each(|d| fold_block(&mut d.body)),
        StmtKind::Expr(e) | StmtKind::Throw(e) => fold_expr(e),
        StmtKind::Assign { target, value } => {
            match target {
                AssignTarget::Index { object, index } => {
                    fold_expr(object);
                    fold_expr(index);
                }
                AssignTarget::Field { object, .. } | AssignTarget::Slot { object, .. } => fold_expr(object),
                AssignTarget::Var(_) => {}
            }
            fold_expr(value);
        }
        StmtKind::While { cond, body } => {
            fold_expr(cond);
            fold_block(body);
        }
        StmtKind::ForIn { iter, body, .. } => {
            fold_expr(iter);
            fold_block(body);
        }
        StmtKind::ForRange { start, end, body, .. } => {
            fold_expr(start);
            fold_expr(end);
            fold_block(body);
        }
        StmtKind::Return(Some(e)) => fold_expr(e),
        StmtKind::Try { body, catch, finally } => {
            fold_block(body);
            if let Some(c) = catch {
                fold_block(&mut c.body);
            }
            if let Some(f) = finally {
                fold_block(f);
            }
        }
        StmtKind::Class(c) => c.methods.iter_mut().for_each(|m| fold_block(&mut m.def.body)),
        _ => {}
    }
}

pub fn fold_expr(e: &mut Expr) {
    match &mut e.kind {
        ExprKind::Unary { operand, .. } => fold_expr(operand),
        ExprKind::Binary { lhs, rhs, .. } | ExprKind::And(lhs, rhs) | ExprKind::Or(lhs, rhs) => {
            fold_expr(lhs);
            fold_expr(rhs);
        }
        ExprKind::Typed { args, .. }
        | ExprKind::List(args)
        | ExprKind::Interpolate(args)
        | ExprKind::MakeRecord { fields: args, .. } => args.iter_mut().for_each(fold_expr),
        ExprKind::Call { callee, args, .. } | ExprKind::Apply { callee, args, .. } => {
            fold_expr(callee);
            args.iter_mut().for_each(fold_expr);
        }
        ExprKind::Invoke { receiver, args, .. } => {
            fold_expr(receiver);
            args.iter_mut().for_each(fold_expr);
        }
        ExprKind::Index { object, index } => {
            fold_expr(object);
            fold_expr(index);
        }
        ExprKind::Field { object, .. } | ExprKind::GetSlot { object, .. } | ExprKind::TagTest { object, .. } => {
            fold_expr(object)
        }
        ExprKind::Map(pairs) => pairs.iter_mut().for_each(|(k, v)| {
            fold_expr(k);
            fold_expr(v);
        }),
        ExprKind::Range { start, end, .. } => {
            fold_expr(start);
            fold_expr(end);
        }
        ExprKind::Function(def) => fold_block(&mut def.body),
        ExprKind::If { cond, then, otherwise } => {
            fold_expr(cond);
            fold_expr(then);
            if let Some(o) = otherwise {
                fold_expr(o);
            }
        }
        ExprKind::Block { stmts, value } => {
            stmts.iter_mut().for_each(fold_stmt);
            if let Some(v) = value {
                fold_expr(v);
            }
        }
        _ => {}
    }
    if let Some(k) = folded(&e.kind) {
        e.kind = k;
    }
}

fn folded(kind: &ExprKind) -> Option<ExprKind> {
    use ExprKind::*;
    match kind {
        Unary { op: UnaryOp::Neg, operand } => match operand.kind {
            Int(i) => i.checked_neg().map(Int),
            Float(f) => Some(Float(-f)),
            _ => None,
        },
        Unary { op: UnaryOp::Not, operand } => match operand.kind {
            Bool(b) => Some(Bool(!b)),
            Nil => Some(Bool(true)),
            Int(_) | Float(_) | Str(_) => Some(Bool(false)),
            _ => None,
        },
        Unary { op: UnaryOp::BitNot, operand } => match operand.kind {
            Int(i) if i32_range(i, 0) => Some(Int(!i)),
            _ => None,
        },
        Binary { op, lhs, rhs } => binary(*op, &lhs.kind, &rhs.kind),
        _ => None,
    }
}

fn i32_range(a: i64, b: i64) -> bool {
    i32::try_from(a).is_ok() && i32::try_from(b).is_ok()
}

fn binary(op: BinaryOp, l: &ExprKind, r: &ExprKind) -> Option<ExprKind> {
    use BinaryOp::*;
    use ExprKind::{Bool, Float, Int, Str};
    let num = |k: &ExprKind| match k {
        Int(i) => Some(*i as f64),
        Float(f) => Some(*f),
        _ => None,
    };
    match (l, r) {
        (Int(a), Int(b)) => {
            let (a, b) = (*a, *b);
            match op {
                Add => a.checked_add(b).map(Int),
                Sub => a.checked_sub(b).map(Int),
                Mul => a.checked_mul(b).map(Int),
                Div if b != 0 => Some(Float(a as f64 / b as f64)),
                FloorDiv if b != 0 => {
                    a.checked_div(b).map(|q| Int(if a % b != 0 && ((a < 0) != (b < 0)) { q - 1 } else { q }))
                }
                Mod if b != 0 => a.checked_rem(b).map(|m| Int(if m != 0 && ((m < 0) != (b < 0)) { m + b } else { m })),
                Eq => Some(Bool(a == b)),
                Ne => Some(Bool(a != b)),
                Lt => Some(Bool(a < b)),
                Le => Some(Bool(a <= b)),
                Gt => Some(Bool(a > b)),
                Ge => Some(Bool(a >= b)),
                // Only where every language's bitwise semantics agree (DevObj converts to
                // 32 bits as JavaScript does).
                BitAnd if i32_range(a, b) => Some(Int(a & b)),
                BitOr if i32_range(a, b) => Some(Int(a | b)),
                BitXor if i32_range(a, b) => Some(Int(a ^ b)),
                _ => None,
            }
        }
        (Str(a), Str(b)) if op == Add && a.len() + b.len() <= 4096 => Some(Str(format!("{a}{b}"))),
        (Float(_), Float(_) | Int(_)) | (Int(_), Float(_)) => {
            let (a, b) = (num(l)?, num(r)?);
            match op {
                Add => Some(Float(a + b)),
                Sub => Some(Float(a - b)),
                Mul => Some(Float(a * b)),
                Div => Some(Float(a / b)),
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn lit(k: ExprKind) -> Box<Expr> {
        Box::new(Expr::new(k, Span::default()))
    }

    fn fold(op: BinaryOp, l: ExprKind, r: ExprKind) -> ExprKind {
        let mut e = Expr::new(ExprKind::Binary { op, lhs: lit(l), rhs: lit(r) }, Span::default());
        fold_expr(&mut e);
        e.kind
    }

    #[test]
    fn folds_like_the_vm() {
        assert!(matches!(fold(BinaryOp::Add, ExprKind::Int(2), ExprKind::Int(3)), ExprKind::Int(5)));
        assert!(matches!(fold(BinaryOp::FloorDiv, ExprKind::Int(-7), ExprKind::Int(2)), ExprKind::Int(-4)));
        assert!(matches!(fold(BinaryOp::Mod, ExprKind::Int(-7), ExprKind::Int(2)), ExprKind::Int(1)));
        assert!(matches!(fold(BinaryOp::Div, ExprKind::Int(1), ExprKind::Int(2)), ExprKind::Float(f) if f == 0.5));
    }

    #[test]
    fn leaves_runtime_errors_for_run_time() {
        assert!(matches!(fold(BinaryOp::Add, ExprKind::Int(i64::MAX), ExprKind::Int(1)), ExprKind::Binary { .. }));
        assert!(matches!(fold(BinaryOp::FloorDiv, ExprKind::Int(1), ExprKind::Int(0)), ExprKind::Binary { .. }));
        assert!(matches!(fold(BinaryOp::Add, ExprKind::Int(1), ExprKind::Str("a".into())), ExprKind::Binary { .. }));
    }
}
