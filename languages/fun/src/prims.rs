//! Primitive operations: the prelude declares them with `external ( + ) : int -> int ->
//! int = "%add"`, and the lowering turns a full application into the typed instruction
//! (or the polymorphic comparison the operand type calls for).

use crate::ast::Expr;
use crate::check::Checker;
use crate::lower::{block, call, mk, native, stmt, throw, typed, var, Lowerer};
use crate::types::{self, repr, Ty};
use devvm_compiler::core::{self, AssignTarget, BinaryOp, ExprKind as K, StmtKind, TypedOp, UnaryOp};
use devvm_compiler::Span;

/// Every primitive name the prelude may use.
const PRIMS: &[&str] = &[
    "add",
    "sub",
    "mul",
    "div",
    "mod",
    "neg",
    "fadd",
    "fsub",
    "fmul",
    "fdiv",
    "fneg",
    "eq",
    "ne",
    "lt",
    "gt",
    "le",
    "ge",
    "phys_eq",
    "phys_ne",
    "and",
    "or",
    "not",
    "raise",
    "ref",
    "deref",
    "assign",
    "ignore",
    "fst",
    "snd",
    "land",
    "lor",
    "lxor",
    "lsl",
    "asr",
    "identity",
    "apply",
    "revapply",
    "array_get",
    "array_set",
];

/// The static name of a primitive (unknown names become `unknown`, which lowers to an
/// error at run time; the prelude is tested, so this is a bug guard).
pub fn canonical(p: &str) -> &'static str {
    PRIMS.iter().find(|q| **q == p).copied().unwrap_or("unknown")
}

impl Lowerer {
    /// A primitive applied to arguments.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn prim_call(
        &mut self,
        ck: &Checker,
        f: &Expr,
        p: &'static str,
        arity: usize,
        args: &[Expr],
        tail: bool,
        span: Span,
    ) -> core::Expr {
        if matches!(p, "apply" | "revapply") && args.len() == 2 {
            let (f, x) = if p == "apply" { (&args[0], &args[1]) } else { (&args[1], &args[0]) };
            return self.apply_op(ck, f, x, tail, span);
        }
        // The right operand of `&&` and `||` is in tail position (as in OCaml).
        let lazy_op = matches!(p, "and" | "or") && args.len() == 2;
        let lowered: Vec<core::Expr> =
            args.iter().enumerate().map(|(i, a)| self.expr(ck, a, tail && lazy_op && i == 1)).collect();
        if lowered.len() == arity {
            return self.prim_op(ck, f, p, lowered, span);
        }
        if lowered.len() > arity {
            let mut lowered = lowered;
            let rest = lowered.split_off(arity);
            let first = self.prim_op(ck, f, p, lowered, span);
            return self.apply_unknown(first, rest, tail, span);
        }
        // A partial application: one closure over the given arguments.
        let value = self.prim_value(ck, f, p, arity);
        self.known_call_lowered(value, arity, lowered, tail, span)
    }

    /// `f @@ x` and `x |> f`: `f x`, with `x` evaluated first (as OCaml's right-to-left
    /// order does), and `x |> g a` the call `g a x` (a direct call when `g` is a known
    /// function of arity 2).
    fn apply_op(&mut self, ck: &Checker, f: &Expr, x: &Expr, tail: bool, span: Span) -> core::Expr {
        let x = self.expr(ck, x, false);
        let (stmts, arg) = match &x.kind {
            K::Var(_) | K::Int(_) | K::Float(_) | K::Str(_) | K::Bool(_) | K::Nil => (vec![], x),
            _ => {
                let t = self.fresh("a");
                let s = crate::lower::stmt(StmtKind::Let { name: core::Ident::new(&t, span), init: Some(x) }, span);
                (vec![s], var(&t, span))
            }
        };
        let applied = self.apply_to_lowered(ck, f, vec![arg], tail, span);
        block(stmts, applied, span)
    }

    /// A primitive used as a value: a closure of its arity around the operation.
    pub(crate) fn prim_value(&mut self, ck: &Checker, f: &Expr, p: &'static str, arity: usize) -> core::Expr {
        let span = f.span;
        let params: Vec<String> = (0..arity.max(1)).map(|_| self.fresh("x")).collect();
        let body = self.prim_op(ck, f, p, params.iter().map(|x| var(x, span)).collect(), span);
        crate::lower::lambda(params, body, span)
    }

    /// The operation itself, on lowered arguments (exactly the primitive's arity).
    fn prim_op(&mut self, ck: &Checker, f: &Expr, p: &'static str, mut a: Vec<core::Expr>, span: Span) -> core::Expr {
        let two = |a: &mut Vec<core::Expr>| {
            let y = a.pop().expect("binary primitive");
            let x = a.pop().expect("binary primitive");
            (x, y)
        };
        let bin =
            |op: BinaryOp, x: core::Expr, y: core::Expr| mk(K::Binary { op, lhs: Box::new(x), rhs: Box::new(y) }, span);
        let not = |e: core::Expr| mk(K::Unary { op: UnaryOp::Not, operand: Box::new(e) }, span);
        match p {
            "add" | "sub" | "mul" | "div" | "mod" | "fadd" | "fsub" | "fmul" | "fdiv" => {
                let op = match p {
                    "add" => TypedOp::IntAdd,
                    "sub" => TypedOp::IntSub,
                    "mul" => TypedOp::IntMul,
                    "div" => TypedOp::IntDiv,
                    "mod" => TypedOp::IntRem,
                    "fadd" => TypedOp::FloatAdd,
                    "fsub" => TypedOp::FloatSub,
                    "fmul" => TypedOp::FloatMul,
                    _ => TypedOp::FloatDiv,
                };
                typed(op, a, span)
            }
            "neg" => typed(TypedOp::IntNeg, a, span),
            "fneg" => typed(TypedOp::FloatNeg, a, span),
            "eq" | "ne" => {
                let (x, y) = two(&mut a);
                let eq = match operand_kind(ck, f) {
                    Kind::Int => typed(TypedOp::IntEq, vec![x, y], span),
                    Kind::Float => typed(TypedOp::FloatEq, vec![x, y], span),
                    Kind::Simple => bin(BinaryOp::Eq, x, y),
                    Kind::Other => native("equal", vec![x, y], span),
                };
                if p == "ne" {
                    not(eq)
                } else {
                    eq
                }
            }
            "lt" | "gt" | "le" | "ge" => {
                let (x, y) = two(&mut a);
                // `a > b` is `b < a`: the typed instructions only have < and <=.
                let (x, y) = if p == "gt" || p == "ge" { (y, x) } else { (x, y) };
                let strict = p == "lt" || p == "gt";
                match operand_kind(ck, f) {
                    Kind::Int => typed(if strict { TypedOp::IntLt } else { TypedOp::IntLe }, vec![x, y], span),
                    Kind::Float => typed(if strict { TypedOp::FloatLt } else { TypedOp::FloatLe }, vec![x, y], span),
                    Kind::Simple | Kind::Other => {
                        let c = native("compare", vec![x, y], span);
                        let zero = mk(K::Int(0), span);
                        if strict {
                            typed(TypedOp::IntLt, vec![c, zero], span)
                        } else {
                            typed(TypedOp::IntLe, vec![c, zero], span)
                        }
                    }
                }
            }
            "phys_eq" | "phys_ne" => {
                let (x, y) = two(&mut a);
                let same = call(var("same", span), vec![x, y], false, span);
                if p == "phys_ne" {
                    not(same)
                } else {
                    same
                }
            }
            "and" | "or" => {
                let (x, y) = two(&mut a);
                if p == "and" {
                    mk(K::And(Box::new(x), Box::new(y)), span)
                } else {
                    mk(K::Or(Box::new(x), Box::new(y)), span)
                }
            }
            "not" => not(a.remove(0)),
            "raise" => throw(a.remove(0), span),
            "ref" => mk(K::MakeRecord { tag: 0, fields: a }, span),
            "deref" => mk(K::GetSlot { object: Box::new(a.remove(0)), slot: 0 }, span),
            "assign" => {
                let (r, v) = two(&mut a);
                let target = AssignTarget::Slot { object: Box::new(r), slot: 0 };
                mk(K::Block { stmts: vec![stmt(StmtKind::Assign { target, value: v }, span)], value: None }, span)
            }
            "ignore" => mk(K::Block { stmts: vec![stmt(StmtKind::Expr(a.remove(0)), span)], value: None }, span),
            "fst" => mk(K::GetSlot { object: Box::new(a.remove(0)), slot: 0 }, span),
            "snd" => mk(K::GetSlot { object: Box::new(a.remove(0)), slot: 1 }, span),
            "land" | "lor" | "lxor" | "lsl" | "asr" => {
                let (x, y) = two(&mut a);
                let op = match p {
                    "land" => BinaryOp::BitAnd,
                    "lor" => BinaryOp::BitOr,
                    "lxor" => BinaryOp::BitXor,
                    "lsl" => BinaryOp::Shl,
                    _ => BinaryOp::Shr,
                };
                bin(op, x, y)
            }
            "identity" => a.remove(0),
            // As values (`List.map (( |> ) 1) fs`); applications go through `apply_op`.
            "apply" | "revapply" => {
                let (x, y) = two(&mut a);
                let (f, v) = if p == "apply" { (x, y) } else { (y, x) };
                self.apply_unknown(f, vec![v], false, span)
            }
            "array_get" => {
                let (x, i) = two(&mut a);
                self.array_get_pub(x, i, span)
            }
            "array_set" => {
                let v = a.pop().expect("array_set has 3 arguments");
                let (x, i) = two(&mut a);
                self.array_set_pub(x, i, v, span)
            }
            _ => {
                let _ = block;
                native("unknown_primitive", vec![], span)
            }
        }
    }
}

enum Kind {
    Int,
    Float,
    /// Strings, bools, unit: the VM's own comparison is OCaml's.
    Simple,
    Other,
}

fn operand_kind(ck: &Checker, f: &Expr) -> Kind {
    match crate::lower::operand_type(ck, f).map(|t| repr(&t)) {
        Some(Ty::Con(types::INT | types::CHAR, _)) => Kind::Int,
        Some(Ty::Con(types::FLOAT, _)) => Kind::Float,
        Some(Ty::Con(types::STRING | types::BOOL | types::UNIT, _)) => Kind::Simple,
        _ => Kind::Other,
    }
}
