//! Expressions.

use super::stmt::Place;
use super::Compiler;
use crate::core::{BinaryOp, Expr, ExprKind, TypedOp, UnaryOp};
use devvm_vm::bytecode::{Constant, Label, Op};
use devvm_vm::ErrorKind;

impl<'a> Compiler<'a> {
    /// Compiles an expression whose value is pushed.
    pub(crate) fn expr(&mut self, e: &Expr) {
        self.set_line(e.span);
        match &e.kind {
            ExprKind::Nil => self.emit(Op::Nil, &[]),
            ExprKind::Bool(true) => self.emit(Op::True, &[]),
            ExprKind::Bool(false) => self.emit(Op::False, &[]),
            ExprKind::Int(i) => self.int(*i, e),
            ExprKind::Float(f) => {
                let k = self.constant(Constant::Float(*f), e.span);
                self.emit(Op::Const, &[k]);
            }
            ExprKind::Str(s) => {
                let k = self.constant(Constant::Str(s.clone()), e.span);
                self.emit(Op::Const, &[k]);
            }
            ExprKind::Var(name) => self.load_var(&name.name, e),
            ExprKind::Unary { op, operand } => {
                self.expr(operand);
                self.set_line(e.span);
                self.emit(
                    match op {
                        UnaryOp::Neg => Op::Neg,
                        UnaryOp::Not => Op::Not,
                        UnaryOp::BitNot => Op::BitNot,
                    },
                    &[],
                );
            }
            // Typed int + and - of a small literal use the same fused instructions as the
            // dynamic ones (on ints they compute the same thing).
            ExprKind::Typed { op: op @ (TypedOp::IntAdd | TypedOp::IntSub), args }
                if args.len() == 2 && small_literal(&args[1]).is_some() =>
            {
                let bin = if *op == TypedOp::IntAdd { BinaryOp::Add } else { BinaryOp::Sub };
                let fused = Expr::new(
                    ExprKind::Binary { op: bin, lhs: Box::new(args[0].clone()), rhs: Box::new(args[1].clone()) },
                    e.span,
                );
                self.expr(&fused);
            }
            ExprKind::Binary { op: op @ (BinaryOp::Add | BinaryOp::Sub), lhs, rhs } if small_literal(rhs).is_some() => {
                let k = small_literal(rhs).unwrap_or(0);
                let add = *op == BinaryOp::Add;
                if let Some(slot) = self.local_slot(lhs) {
                    self.set_line(e.span);
                    let fused = if add { Op::LocalAddInt } else { Op::LocalSubInt };
                    self.emit(fused, &[slot as i64, k]);
                } else {
                    self.expr(lhs);
                    self.set_line(e.span);
                    self.emit(if add { Op::AddInt } else { Op::SubInt }, &[k]);
                }
            }
            ExprKind::Binary { op, lhs, rhs } => {
                self.expr(lhs);
                // A local right operand is read by the operation itself (`dx * dx`, `a - b`):
                // one dispatch instead of two. The read still happens after `lhs` ran.
                if let (Some(fused), Some(slot)) = (binary_local_op(*op), self.local_slot(rhs)) {
                    self.set_line(e.span);
                    self.emit(fused, &[slot as i64]);
                    return;
                }
                // So is a property of a local or `this` on the object model (`w.x + v.x`,
                // `this.count - 1` is the literal form above).
                if let (Some(fused), ExprKind::Field { object, name }) = (binary_prop_op(*op), &rhs.kind) {
                    if let Some(slot) = self.receiver_slot(object).filter(|_| self.fused_fields()) {
                        self.set_line(e.span);
                        let k = self.name_constant(&name.name, name.span);
                        let ic = self.f().next_ic();
                        self.emit(fused, &[slot as i64, k, ic as i64]);
                        return;
                    }
                }
                self.expr(rhs);
                self.set_line(e.span);
                self.emit(binary_op(*op), &[]);
            }
            ExprKind::Typed { op, args } => {
                for a in args {
                    self.expr(a);
                }
                self.set_line(e.span);
                self.emit(typed_op(*op), &[]);
            }
            ExprKind::And(l, r) | ExprKind::Or(l, r) => {
                self.expr(l);
                let op = if matches!(e.kind, ExprKind::And(..)) { Op::JumpIfFalseKeep } else { Op::JumpIfTrueKeep };
                let end = self.b().emit_jump(op, &[]);
                // The fall-through path popped the left value.
                self.b().depth -= 1;
                self.expr(r);
                self.b().patch(end);
            }
            ExprKind::Call { callee, args, tail } => self.call(callee, args, *tail, e),
            ExprKind::Apply { callee, args, tail } => self.apply(callee, args, *tail, e),
            ExprKind::Invoke { receiver, method, args } => {
                // `p.m()` on a local receiver with no arguments: the call fetches the receiver
                // itself (nothing is evaluated between the read and the call, so the order
                // is the unfused one's).
                if args.is_empty() && self.fused_fields() {
                    if let Some(slot) = self.receiver_slot(receiver) {
                        self.set_line(e.span);
                        let k = self.name_constant(&method.name, method.span);
                        let ic = self.f().next_ic();
                        self.emit(Op::LocalInvoke, &[slot as i64, k, ic as i64]);
                        return;
                    }
                    // `o.f.m()`: the guard `LOCAL_PROP_INVOKE`, then the unfused read and
                    // call, which it skips when the field read hits its cache.
                    if let ExprKind::Field { object, name } = &receiver.kind {
                        if let Some(slot) = self.receiver_slot(object) {
                            let field = self.name_constant(&name.name, name.span);
                            let field_ic = self.f().next_ic();
                            let m = self.name_constant(&method.name, method.span);
                            let m_ic = self.f().next_ic();
                            self.set_line(e.span);
                            let depth = self.depth();
                            self.emit(Op::LocalPropInvoke, &[slot as i64, field, field_ic as i64, m, m_ic as i64, 0]);
                            // The guard's fast path pushes the receiver and the call replaces it.
                            self.b().note_transient_slots(depth, 1);
                            let skip_at = self.b().func.code.len() - 1;
                            let fallback = self.b().func.code.len();
                            self.set_line(receiver.span);
                            self.emit(Op::LocalGetProp, &[slot as i64, field, field_ic as i64]);
                            self.set_line(e.span);
                            self.emit(Op::InvokeMethod, &[m, 0, m_ic as i64]);
                            let skip = self.b().func.code.len() - fallback;
                            self.b().func.code[skip_at] = skip as u8;
                            return;
                        }
                    }
                }
                self.expr(receiver);
                for a in args {
                    self.expr(a);
                }
                if args.len() > u8::MAX as usize {
                    self.error(ErrorKind::SyntaxError, e.span, "a call may pass at most 255 arguments");
                }
                self.set_line(e.span);
                let k = self.name_constant(&method.name, method.span);
                let ic = self.f().next_ic();
                let op = if self.fused_fields() { Op::InvokeMethod } else { Op::Invoke };
                self.emit(op, &[k, args.len() as i64, ic as i64]);
            }
            ExprKind::Index { object, index } => {
                if let (Some(o), Some(i)) = (self.local_slot(object), self.local_slot(index)) {
                    self.set_line(e.span);
                    self.emit(Op::LocalsGetIndex, &[o as i64, i as i64]);
                    return;
                }
                self.expr(object);
                self.expr(index);
                self.set_line(e.span);
                self.emit(Op::GetIndex, &[]);
            }
            ExprKind::Field { object, name } => {
                let local = self.receiver_slot(object);
                if local.is_none() {
                    self.expr(object);
                }
                self.set_line(e.span);
                let k = self.name_constant(&name.name, name.span);
                let ic = self.f().next_ic();
                // A local receiver (or `this`) is fetched by the field read itself. DevObj's
                // code uses the object-model forms.
                let op = match (local, self.fused_fields()) {
                    (Some(_), false) => Op::LocalGetField,
                    (Some(_), true) => Op::LocalGetProp,
                    (None, false) => Op::GetField,
                    (None, true) => Op::GetProp,
                };
                match local {
                    Some(slot) => self.emit(op, &[slot as i64, k, ic as i64]),
                    None => self.emit(op, &[k, ic as i64]),
                }
            }
            ExprKind::List(items) => {
                if items.len() > u16::MAX as usize {
                    self.error(ErrorKind::SyntaxError, e.span, "a list literal may have at most 65535 elements");
                    return;
                }
                for i in items {
                    self.expr(i);
                }
                self.set_line(e.span);
                self.emit(Op::List, &[items.len() as i64]);
            }
            ExprKind::Map(pairs) => {
                if pairs.len() > u16::MAX as usize {
                    self.error(ErrorKind::SyntaxError, e.span, "a map literal may have at most 65535 entries");
                    return;
                }
                for (k, v) in pairs {
                    self.expr(k);
                    self.expr(v);
                }
                self.set_line(e.span);
                self.emit(Op::Map, &[pairs.len() as i64]);
            }
            ExprKind::Range { start, end, inclusive } => {
                self.expr(start);
                self.expr(end);
                self.set_line(e.span);
                self.emit(Op::Range, &[*inclusive as i64]);
            }
            ExprKind::Interpolate(parts) => {
                if parts.len() > u16::MAX as usize {
                    self.error(ErrorKind::SyntaxError, e.span, "too many parts in one string");
                    return;
                }
                for p in parts {
                    self.expr(p);
                }
                self.set_line(e.span);
                self.emit(Op::Interp, &[parts.len() as i64]);
            }
            ExprKind::Function(def) => self.function(def),
            ExprKind::If { cond, then, otherwise } => {
                let else_jump = self.condition(cond);
                self.expr(then);
                let end = self.b().emit_jump(Op::Jump, &[]);
                self.b().patch(else_jump);
                self.b().depth -= 1;
                match otherwise {
                    Some(o) => self.expr(o),
                    None => self.emit(Op::Nil, &[]),
                }
                self.b().patch(end);
            }
            ExprKind::Block { stmts, value } => {
                self.begin_scope();
                self.stmts(stmts);
                match value {
                    Some(v) => self.expr(v),
                    None => self.emit(Op::Nil, &[]),
                }
                self.end_scope(true);
            }
            ExprKind::MakeRecord { tag, fields } => {
                for f in fields {
                    self.expr(f);
                }
                self.set_line(e.span);
                self.emit(Op::Record, &[*tag as i64, fields.len() as i64]);
            }
            ExprKind::GetSlot { object, slot } => match self.local_slot(object) {
                Some(local) => self.emit(Op::LocalGetSlot, &[local as i64, *slot as i64]),
                None => {
                    self.expr(object);
                    self.emit(Op::GetSlot, &[*slot as i64]);
                }
            },
            ExprKind::TagTest { object, tag } => {
                self.expr(object);
                self.emit(Op::TagTest, &[*tag as i64]);
            }
            ExprKind::This => self.this(e),
            ExprKind::SuperMethod { method } => self.super_method(method, e),
        }
    }

    /// Compiles an expression for its effect only. `if` and blocks in statement position
    /// leave nothing on the stack instead of pushing and popping a value.
    pub(crate) fn expr_discard(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::If { cond, then, otherwise } => {
                self.set_line(e.span);
                let else_jump = self.condition(cond);
                self.expr_discard(then);
                match otherwise {
                    Some(o) => {
                        let end = self.b().emit_jump(Op::Jump, &[]);
                        self.b().patch(else_jump);
                        self.expr_discard(o);
                        self.b().patch(end);
                    }
                    None => self.b().patch(else_jump),
                }
            }
            ExprKind::Block { stmts, value } => {
                self.begin_scope();
                self.stmts(stmts);
                if let Some(v) = value {
                    self.expr_discard(v);
                }
                self.end_scope(false);
            }
            // A literal or a variable read of this function's (or an enclosing one's) as a
            // statement has no effect and cannot fail: nothing is emitted (CPython drops
            // such statements too). Module variables are read, since an undefined one raises.
            ExprKind::Nil | ExprKind::Bool(_) | ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Str(_) => {}
            ExprKind::Var(name) if matches!(self.resolve(&name.name), Some(Place::Local(_) | Place::Upvalue(_))) => {}
            _ => {
                self.expr(e);
                self.emit(Op::Pop, &[]);
            }
        }
    }

    /// Compiles a condition and a jump taken when it is false (a fused compare-and-branch
    /// for `<` and `<=`).
    pub(crate) fn condition(&mut self, cond: &Expr) -> Label {
        match &cond.kind {
            // Typed int < and <= branch with the fused compare-and-jump instructions.
            ExprKind::Typed { op: op @ (TypedOp::IntLt | TypedOp::IntLe), args } if args.len() == 2 => {
                let bin = if *op == TypedOp::IntLt { BinaryOp::Lt } else { BinaryOp::Le };
                let fused = Expr::new(
                    ExprKind::Binary { op: bin, lhs: Box::new(args[0].clone()), rhs: Box::new(args[1].clone()) },
                    cond.span,
                );
                self.condition(&fused)
            }
            ExprKind::Binary { op: op @ (BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le), lhs, rhs }
                if small_literal(rhs).is_some() =>
            {
                let k = small_literal(rhs).unwrap_or(0);
                let (local_op, popped_op) = match op {
                    BinaryOp::Eq => (Op::LocalEqImmJump, Op::EqImmJump),
                    BinaryOp::Ne => (Op::LocalNeImmJump, Op::NeImmJump),
                    BinaryOp::Lt => (Op::LocalLtImmJump, Op::LtImmJump),
                    _ => (Op::LocalLeImmJump, Op::LeImmJump),
                };
                if let Some(slot) = self.local_slot(lhs) {
                    self.set_line(cond.span);
                    return self.b().emit_jump(local_op, &[slot as i64, k]);
                }
                self.expr(lhs);
                self.set_line(cond.span);
                self.b().emit_jump(popped_op, &[k])
            }
            ExprKind::Binary { op: op @ (BinaryOp::Lt | BinaryOp::Le), lhs, rhs } => {
                if let (Some(a), Some(b)) = (self.local_slot(lhs), self.local_slot(rhs)) {
                    self.set_line(cond.span);
                    let fused = if *op == BinaryOp::Lt { Op::LocalsLtJump } else { Op::LocalsLeJump };
                    return self.b().emit_jump(fused, &[a as i64, b as i64]);
                }
                self.expr(lhs);
                self.expr(rhs);
                self.set_line(cond.span);
                let fused = if *op == BinaryOp::Lt { Op::LtJump } else { Op::LeJump };
                self.b().emit_jump(fused, &[])
            }
            ExprKind::Binary { op: op @ (BinaryOp::Gt | BinaryOp::Ge), lhs, rhs } => {
                self.expr(lhs);
                self.expr(rhs);
                self.set_line(cond.span);
                let fused = if *op == BinaryOp::Gt { Op::GtJump } else { Op::GeJump };
                self.b().emit_jump(fused, &[])
            }
            ExprKind::Unary { op: UnaryOp::Not, operand } => {
                self.expr(operand);
                self.b().emit_jump(Op::JumpIfTrue, &[])
            }
            ExprKind::TagTest { object, tag } if self.local_slot(object).is_some() => {
                let slot = self.local_slot(object).unwrap_or(0);
                self.set_line(cond.span);
                self.b().emit_jump(Op::LocalTagJump, &[slot as i64, *tag as i64])
            }
            _ => {
                self.expr(cond);
                self.b().emit_jump(Op::JumpIfFalse, &[])
            }
        }
    }

    /// Whether property sites use the object-model instructions (`GET_PROP`, `SET_PROP`,
    /// `INVOKE_METHOD`, and `LOCAL_GET_PROP` for locals): DevObj's code, whose hot objects
    /// are instances. Other languages keep `GET_FIELD`/`INVOKE`, whose fast paths are maps
    /// and built-in types.
    pub(crate) fn fused_fields(&self) -> bool {
        self.options.dialect == devvm_vm::bytecode::Dialect::Lox
    }

    /// The local slot of a receiver expression: a local variable, or `this` in a method.
    pub(crate) fn receiver_slot(&mut self, e: &Expr) -> Option<u16> {
        match &e.kind {
            ExprKind::This => {
                let f = self.f();
                f.find_local("this").map(|i| f.locals[i].slot)
            }
            _ => self.local_slot(e),
        }
    }

    /// The slot of a receiver that cannot change while an expression runs (the object
    /// model's code only): `this`, or a local variable of this function that the function
    /// never assigns after declaring it (see `assigned.rs`).
    pub(crate) fn stable_receiver(&mut self, e: &Expr) -> Option<u16> {
        if !self.fused_fields() {
            return None;
        }
        match &e.kind {
            ExprKind::This => self.receiver_slot(e),
            ExprKind::Var(name) if !self.f().assigned.contains(&name.name) => self.local_slot(e),
            _ => None,
        }
    }

    /// The slot of an expression that is just a local variable of this function (the
    /// operand of the fused `LOCAL_*` instructions).
    pub(crate) fn local_slot(&mut self, e: &Expr) -> Option<u16> {
        match &e.kind {
            ExprKind::Var(name) => {
                let f = self.f();
                f.find_local(&name.name).map(|i| f.locals[i].slot)
            }
            _ => None,
        }
    }

    fn int(&mut self, i: i64, e: &Expr) {
        if let Ok(small) = i16::try_from(i) {
            self.emit(Op::Int, &[small as i64]);
        } else {
            let k = self.constant(Constant::Int(i), e.span);
            self.emit(Op::Const, &[k]);
        }
    }

    fn load_var(&mut self, name: &str, e: &Expr) {
        match self.resolve(name) {
            Some(Place::Local(slot)) => self.emit(Op::GetLocal, &[slot as i64]),
            Some(Place::Upvalue(i)) => self.emit(Op::GetUpval, &[i as i64]),
            Some(Place::Module(i)) => self.emit(Op::GetModVar, &[i as i64]),
            Some(Place::Builtin(i)) => self.emit(Op::GetBuiltin, &[i as i64]),
            // Only inside functions: top-level code runs now, so an unknown name there is a typo.
            None if (self.options.forward_module_vars && self.fns.len() > 1) || self.options.late_bound_globals => {
                let slot = self.declare_module_var(name);
                self.emit(Op::GetModVar, &[slot as i64]);
            }
            None => {
                self.error(
                    ErrorKind::CompileNameError,
                    e.span,
                    format!("'{name}' is not defined (no variable, function or built-in has that name)"),
                );
                self.emit(Op::Nil, &[]);
            }
        }
    }

    fn call(&mut self, callee: &Expr, args: &[Expr], tail: bool, e: &Expr) {
        if args.len() > u8::MAX as usize {
            self.error(ErrorKind::SyntaxError, e.span, "a call may pass at most 255 arguments");
            return;
        }
        if let ExprKind::SuperMethod { method } = &callee.kind {
            return self.super_invoke(method, args, e);
        }
        if self.is_self_call(callee, args, tail) {
            // `f (n - 1)`: one instruction computes the argument into place and calls.
            if let [arg] = args {
                if let Some((op, slot, k)) = self.local_int_step(arg) {
                    self.set_line(e.span);
                    let depth = self.depth();
                    let fused = if op == TypedOp::IntAdd { Op::CallSelfLocalAdd } else { Op::CallSelfLocalSub };
                    self.emit(fused, &[slot as i64, k]);
                    self.b().note_transient_slots(depth, 2);
                    return;
                }
            }
            for a in args {
                self.expr(a);
            }
            self.set_line(e.span);
            let depth = self.depth();
            self.emit(Op::CallSelf, &[args.len() as i64]);
            self.b().note_transient_slots(depth, 1);
            return;
        }
        if let Some(index) = self.fusable_module_callee(callee, args, tail) {
            for a in args {
                self.expr(a);
            }
            self.set_line(e.span);
            let depth = self.depth();
            self.emit(Op::CallModVar, &[index as i64, args.len() as i64]);
            self.b().note_transient_slots(depth, 1);
            return;
        }
        self.expr(callee);
        for a in args {
            self.expr(a);
        }
        self.set_line(e.span);
        if tail && self.f().tries.is_empty() {
            self.emit(Op::TailCall, &[args.len() as i64]);
        } else {
            self.emit(Op::Call, &[args.len() as i64]);
        }
    }
}

impl<'a> Compiler<'a> {
    /// `APPLY n` (or `TAIL_APPLY n` in tail position outside any `try`): the callee, then
    /// the arguments left to right.
    fn apply(&mut self, callee: &Expr, args: &[Expr], tail: bool, e: &Expr) {
        if args.len() > u8::MAX as usize {
            self.error(ErrorKind::SyntaxError, e.span, "a call may pass at most 255 arguments");
            return;
        }
        self.expr(callee);
        for a in args {
            self.expr(a);
        }
        self.set_line(e.span);
        let op = if tail && self.f().tries.is_empty() { Op::TailApply } else { Op::Apply };
        self.emit(op, &[args.len() as i64]);
    }

    /// Whether a call may be compiled as `CALL_SELF`: a call (not a tail call) by the
    /// function's own never-reassigned name (see `FnState::self_var`) with exactly its
    /// arity. The arguments may do anything: the callee is the running closure, which
    /// nothing can change.
    fn is_self_call(&mut self, callee: &Expr, args: &[Expr], tail: bool) -> bool {
        let ExprKind::Var(name) = &callee.kind else { return false };
        if tail && self.f().tries.is_empty() {
            return false;
        }
        let Some(own) = self.f().self_var else { return false };
        args.len() == self.f().arity && matches!(self.resolve(&name.name), Some(Place::Module(i)) if i == own)
    }

    /// A typed int `local + k` or `local - k` with a small literal `k` (the argument forms
    /// `CALL_SELF_LOCAL_ADD`/`_SUB` compute).
    fn local_int_step(&mut self, e: &Expr) -> Option<(TypedOp, u16, i64)> {
        let ExprKind::Typed { op: op @ (TypedOp::IntAdd | TypedOp::IntSub), args } = &e.kind else { return None };
        let [lhs, rhs] = args.as_slice() else { return None };
        let k = small_literal(rhs)?;
        Some((*op, self.local_slot(lhs)?, k))
    }

    /// The module variable of a call that may be compiled as `CALL_MODVAR`: a call (not a
    /// tail call) of a hoisted top-level function whose arguments have no side effects.
    /// Then nothing the arguments do can reassign the callee or find it undefined, so
    /// reading it after them is the same as reading it first.
    fn fusable_module_callee(&mut self, callee: &Expr, args: &[Expr], tail: bool) -> Option<u16> {
        let ExprKind::Var(name) = &callee.kind else { return None };
        if tail && self.f().tries.is_empty() {
            return None;
        }
        let Some(Place::Module(index)) = self.resolve(&name.name) else { return None };
        if !self.hoisted_fns.contains(&index) {
            return None;
        }
        args.iter().all(|a| self.is_pure_operand(a)).then_some(index)
    }

    /// Literals, local and captured variables, and arithmetic or comparisons of those: an
    /// expression that calls nothing and stores nothing (it may still raise).
    pub(crate) fn is_pure_operand(&mut self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Nil | ExprKind::Bool(_) | ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Str(_) => true,
            ExprKind::Var(name) => matches!(self.resolve(&name.name), Some(Place::Local(_) | Place::Upvalue(_))),
            ExprKind::Unary { operand, .. } => self.is_pure_operand(operand),
            ExprKind::Binary { lhs, rhs, .. } => self.is_pure_operand(lhs) && self.is_pure_operand(rhs),
            // An index read of pure operands stores nothing and calls no user code.
            ExprKind::Index { object, index } => self.is_pure_operand(object) && self.is_pure_operand(index),
            // DevFun's typed arithmetic and comparisons.
            ExprKind::Typed { args, .. } => args.iter().all(|a| self.is_pure_operand(a)),
            _ => false,
        }
    }
}

/// `x + k` with a literal `k` that fits `ADD_INT`.
fn small_literal(e: &Expr) -> Option<i64> {
    match e.kind {
        ExprKind::Int(i) if i16::try_from(i).is_ok() => Some(i),
        _ => None,
    }
}

fn binary_op(op: BinaryOp) -> Op {
    match op {
        BinaryOp::Add => Op::Add,
        BinaryOp::Sub => Op::Sub,
        BinaryOp::Mul => Op::Mul,
        BinaryOp::Div => Op::Div,
        BinaryOp::FloorDiv => Op::FloorDiv,
        BinaryOp::Mod => Op::Mod,
        BinaryOp::Rem => Op::Rem,
        BinaryOp::Pow => Op::Pow,
        BinaryOp::Eq => Op::Eq,
        BinaryOp::Ne => Op::Ne,
        BinaryOp::Lt => Op::Lt,
        BinaryOp::Le => Op::Le,
        BinaryOp::Gt => Op::Gt,
        BinaryOp::Ge => Op::Ge,
        BinaryOp::BitAnd => Op::BitAnd,
        BinaryOp::BitOr => Op::BitOr,
        BinaryOp::BitXor => Op::BitXor,
        BinaryOp::Shl => Op::Shl,
        BinaryOp::Shr => Op::Shr,
    }
}

/// The fused form of a binary operation whose right operand is a property of a local
/// (DevObj), where one exists.
fn binary_prop_op(op: BinaryOp) -> Option<Op> {
    match op {
        BinaryOp::Add => Some(Op::LocalGetPropAdd),
        BinaryOp::Sub => Some(Op::LocalGetPropSub),
        _ => None,
    }
}

/// The fused form of a binary operation whose right operand is a local, where one exists.
fn binary_local_op(op: BinaryOp) -> Option<Op> {
    match op {
        BinaryOp::Add => Some(Op::AddLocal),
        BinaryOp::Sub => Some(Op::SubLocal),
        BinaryOp::Mul => Some(Op::MulLocal),
        BinaryOp::Div => Some(Op::DivLocal),
        _ => None,
    }
}

fn typed_op(op: TypedOp) -> Op {
    match op {
        TypedOp::IntAdd => Op::IAdd,
        TypedOp::IntSub => Op::ISub,
        TypedOp::IntMul => Op::IMul,
        TypedOp::IntDiv => Op::IDiv,
        TypedOp::IntRem => Op::IRem,
        TypedOp::IntNeg => Op::INeg,
        TypedOp::IntLt => Op::ILt,
        TypedOp::IntLe => Op::ILe,
        TypedOp::IntEq => Op::IEq,
        TypedOp::FloatAdd => Op::FAdd,
        TypedOp::FloatSub => Op::FSub,
        TypedOp::FloatMul => Op::FMul,
        TypedOp::FloatDiv => Op::FDiv,
        TypedOp::FloatNeg => Op::FNeg,
        TypedOp::FloatLt => Op::FLt,
        TypedOp::FloatLe => Op::FLe,
        TypedOp::FloatEq => Op::FEq,
    }
}
