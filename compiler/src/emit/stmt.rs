//! Statements, variable access and function definitions.

use super::scope::FnState;
use super::Compiler;
use crate::core::{
    AssignTarget, BinaryOp, Block, Expr, ExprKind, FnDef, Ident, ImportPath, Stmt, StmtKind, TypedOp, UnaryOp,
};
use crate::span::Span;
use devvm_vm::bytecode::{CodeBuilder, Constant, Op};
use devvm_vm::ErrorKind;

/// What kind of function body is being compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FnFlavor {
    Plain,
    Method,
    Initializer,
}

/// Where a name lives.
pub(crate) enum Place {
    Local(u16),
    Upvalue(u16),
    Module(u16),
    Builtin(u16),
}

impl<'a> Compiler<'a> {
    pub(crate) fn stmt(&mut self, stmt: &Stmt) {
        self.set_line(stmt.span);
        match &stmt.kind {
            StmtKind::Let { name, init } => {
                match init {
                    Some(e) => self.expr(e),
                    None => self.emit(Op::Nil, &[]),
                }
                self.bind_new(&name.name, name.span);
            }
            StmtKind::Functions(defs) => self.functions(defs),
            StmtKind::Expr(e) => self.expr_discard(e),
            StmtKind::Assign { target, value } => self.assign(target, value, stmt.span),
            StmtKind::While { cond, body } => self.while_loop(cond, body),
            StmtKind::ForIn { var, iter, body } => self.for_in(var, iter, body),
            StmtKind::ForRange { var, start, end, inclusive, step, body } => {
                self.for_range(var, start, end, *inclusive, *step, body)
            }
            StmtKind::Break => self.break_stmt(stmt.span),
            StmtKind::Continue => self.continue_stmt(stmt.span),
            StmtKind::Return(value) => self.return_stmt(value.as_ref(), stmt.span),
            StmtKind::Throw(e) => {
                self.expr(e);
                self.set_line(stmt.span);
                self.emit(Op::Throw, &[]);
                // Code after a throw is unreachable; keep the depth bookkeeping balanced.
                self.b().depth += 1;
                self.emit(Op::Pop, &[]);
            }
            StmtKind::Try { body, catch, finally } => self.try_stmt(body, catch.as_ref(), finally.as_ref()),
            StmtKind::Class(c) => self.class(c),
            StmtKind::Import { path, alias } => {
                let (text, std) = match path {
                    ImportPath::File(p) => (p.as_str(), 0),
                    ImportPath::Std(p) => (p.as_str(), 1),
                };
                let k = self.constant(Constant::Str(text.to_string()), stmt.span);
                self.emit(Op::Import, &[k, std]);
                self.bind_new(&alias.name, alias.span);
            }
        }
    }

    /// Binds the value on top of the stack to a new variable: a module variable at the
    /// top level of a module, else a local of the current scope.
    pub(crate) fn bind_new(&mut self, name: &str, span: Span) {
        if self.at_module_level() {
            let slot = self.module_vars.get(name).copied().unwrap_or(0);
            self.emit(Op::SetModVar, &[slot as i64]);
        } else {
            self.declare_local(name, span);
        }
    }

    /// A group of functions that may call each other: all names are bound (to nil)
    /// before any closure is made, so each captures the others.
    fn functions(&mut self, defs: &[FnDef]) {
        if self.at_module_level() {
            for def in defs {
                let slot = self.module_vars.get(&def.name.name).copied().unwrap_or(0);
                self.defining_var = self.options.immutable_functions.then_some(slot);
                self.function(def);
                self.emit(Op::SetModVar, &[slot as i64]);
            }
            return;
        }
        for def in defs {
            self.emit(Op::Nil, &[]);
            self.declare_local(&def.name.name, def.name.span);
        }
        for def in defs {
            self.function(def);
            match self.resolve(&def.name.name) {
                Some(Place::Local(slot)) => self.emit(Op::SetLocal, &[slot as i64]),
                _ => self.emit(Op::Pop, &[]),
            }
        }
    }

    /// Compiles a function and pushes its closure.
    pub(crate) fn function(&mut self, def: &FnDef) {
        self.function_with(def, FnFlavor::Plain)
    }

    /// Compiles a function, method or initializer and pushes its closure. A method's
    /// receiver is its slot 0 (where a plain function has its own closure), named `this`.
    pub(crate) fn function_with(&mut self, def: &FnDef, flavor: FnFlavor) {
        if def.params.len() > u8::MAX as usize {
            self.error(ErrorKind::SyntaxError, def.span, "a function may have at most 255 parameters");
            return;
        }
        let line = self.file.line_of(def.span.start);
        let name = if def.name.name.is_empty() { "<anonymous>" } else { def.name.name.as_str() };
        let mut state = FnState::new(CodeBuilder::new(name, def.params.len() as u16, line), false);
        state.builder.set_line(line);
        state.builder.func.dialect = self.options.dialect;
        state.is_initializer = flavor == FnFlavor::Initializer;
        state.arity = def.params.len();
        // Only a plain function is its own callee (a method's slot 0 is its receiver).
        let defining = self.defining_var.take();
        state.self_var = defining.filter(|_| flavor == FnFlavor::Plain);
        if self.fused_fields() {
            state.assigned = super::assigned::assigned_names(&def.body.stmts);
        }
        self.fns.push(state);
        self.begin_scope();
        if flavor != FnFlavor::Plain {
            let depth = self.f().scope_depth;
            self.f().locals.push(super::scope::Local { name: "this".into(), slot: 0, depth, captured: false });
        }
        for (i, p) in def.params.iter().enumerate() {
            if def.params[..i].iter().any(|q| q.name == p.name) {
                self.error(ErrorKind::SyntaxError, p.span, format!("the parameter '{}' appears twice", p.name));
            }
            let depth = self.f().scope_depth;
            self.f().locals.push(super::scope::Local {
                name: p.name.clone(),
                slot: i as u16 + 1,
                depth,
                captured: false,
            });
        }
        self.block_stmts(&def.body);
        if flavor == FnFlavor::Initializer {
            // Falling off the end of `init` returns `this`.
            self.emit(Op::ReturnLocal, &[0]);
        } else {
            self.emit(Op::Nil, &[]);
            self.emit(Op::Return, &[]);
        }
        let state = self.fns.pop().expect("function state");
        let upvalues = state.upvalues.clone();
        let index = self.finish_function(state);
        let k = self.constant(Constant::Function(index), def.span);
        self.set_line(def.span);
        self.emit(Op::Closure, &[k, upvalues.len() as i64]);
        let mut tail = Vec::with_capacity(upvalues.len() * 3);
        for u in &upvalues {
            tail.push(u.is_local as u8);
            tail.extend_from_slice(&u.index.to_le_bytes());
        }
        self.b().emit_raw(&tail);
    }

    /// The statements of a block in a new scope.
    pub(crate) fn block(&mut self, block: &Block) {
        self.begin_scope();
        self.block_stmts(block);
        self.end_scope(false);
    }

    /// The statements of a block in the current scope (function bodies).
    pub(crate) fn block_stmts(&mut self, block: &Block) {
        self.stmts(&block.stmts);
    }

    /// A run of statements. Two `let`s that take two fields of the same local record (a
    /// pattern's `x :: rest`, `(a, b)`) are one `LOCAL_GET_SLOTS`.
    pub(crate) fn stmts(&mut self, stmts: &[Stmt]) {
        let mut i = 0;
        while i < stmts.len() {
            if let Some((local, (a, sa), (b, sb))) = self.slot_pair(&stmts[i..]) {
                self.set_line(stmts[i].span);
                self.emit(Op::LocalGetSlots, &[local as i64, sa as i64, sb as i64]);
                // A local is the slot at the top when it is declared: `a` is the one below.
                self.b().depth -= 1;
                self.bind_new(&a.name, a.span);
                self.b().depth += 1;
                self.bind_new(&b.name, b.span);
                i += 2;
            } else {
                self.stmt(&stmts[i]);
                i += 1;
            }
        }
    }

    /// `let a = o.sa; let b = o.sb` (slots of one local record `o`, in a function, `a`
    /// not `o`): the local's slot and the two bindings.
    fn slot_pair<'s>(&mut self, stmts: &'s [Stmt]) -> Option<(u16, (&'s Ident, u16), (&'s Ident, u16))> {
        let field = |s: &'s Stmt| match &s.kind {
            StmtKind::Let { name, init: Some(Expr { kind: ExprKind::GetSlot { object, slot }, .. }) } => {
                match &object.kind {
                    ExprKind::Var(o) => Some((name, o, object, *slot)),
                    _ => None,
                }
            }
            _ => None,
        };
        let (a, o, object, sa) = field(stmts.first()?)?;
        let (b, o2, _, sb) = field(stmts.get(1)?)?;
        if o.name != o2.name || a.name == o.name || self.at_module_level() {
            return None;
        }
        let local = self.local_slot(object)?;
        Some((local, (a, sa), (b, sb)))
    }

    /// `x = x + k`, `x = x - k` (a small literal) and `x = x + e` (an `e` that calls and
    /// stores nothing, so reading `x` after it is the same as before) for a local `x`: one
    /// instruction that updates the slot. Returns whether it emitted one.
    /// DevFun's typed int `+` and `-` count as `+` and `-` here: on ints the dynamic
    /// instructions compute the same thing (and raise the same overflow).
    fn fused_local_update(&mut self, name: &str, value: &crate::core::Expr, span: Span) -> bool {
        let (op, lhs, rhs) = match &value.kind {
            ExprKind::Binary { op: op @ (BinaryOp::Add | BinaryOp::Sub), lhs, rhs } => (op, &**lhs, &**rhs),
            ExprKind::Typed { op: op @ (TypedOp::IntAdd | TypedOp::IntSub), args } if args.len() == 2 => {
                (if *op == TypedOp::IntAdd { &BinaryOp::Add } else { &BinaryOp::Sub }, &args[0], &args[1])
            }
            _ => return false,
        };
        let Some(slot) = self.local_slot(lhs) else { return false };
        if !matches!(&lhs.kind, ExprKind::Var(v) if v.name == name) {
            return false;
        }
        if let ExprKind::Int(k) = rhs.kind {
            if i16::try_from(k).is_ok() {
                self.set_line(span);
                let fused = if *op == BinaryOp::Add { Op::IncLocal } else { Op::DecLocal };
                self.emit(fused, &[slot as i64, k]);
                return true;
            }
        }
        // `x = x + p.f` on the object model: `x` is read first and the property read may run
        // a getter, exactly as unfused.
        if let (BinaryOp::Add, ExprKind::Field { object, name: field }) = (op, &rhs.kind) {
            if let Some(obj) = self.receiver_slot(object).filter(|_| self.fused_fields()) {
                self.set_line(span);
                let k = self.name_constant(&field.name, field.span);
                let ic = self.f().next_ic();
                let depth = self.depth();
                self.emit(Op::LocalPropAddToLocal, &[slot as i64, obj as i64, k, ic as i64]);
                self.b().note_transient_slots(depth, 1);
                return true;
            }
        }
        if *op == BinaryOp::Add && self.is_pure_operand(rhs) {
            self.expr(rhs);
            self.set_line(span);
            self.emit(Op::AddToLocal, &[slot as i64]);
            return true;
        }
        false
    }

    /// `o.f = o.f + k` (or `- k`, or `!o.f`) with `o` in local `slot` (`this`, or a local
    /// the function never assigns): the guard `LOCAL_PROP_STEP` (`LOCAL_PROP_NOT`), then the
    /// unfused instructions, which it skips when it could update in place. Returns whether
    /// it emitted them.
    fn prop_step(
        &mut self,
        slot: u16,
        object: &crate::core::Expr,
        name: &crate::core::Ident,
        value: &crate::core::Expr,
        span: Span,
    ) -> bool {
        // `e` reads the field being assigned, of the same receiver.
        let same_field = |e: &crate::core::Expr| match &e.kind {
            ExprKind::Field { object: read_from, name: read } if read.name == name.name => {
                match (&object.kind, &read_from.kind) {
                    (ExprKind::This, ExprKind::This) => true,
                    (ExprKind::Var(a), ExprKind::Var(b)) => a.name == b.name,
                    _ => false,
                }
            }
            _ => false,
        };
        // The guard's extra operand (the step), the field read, and the operation.
        let (guard, step, read, op) = match &value.kind {
            ExprKind::Unary { op: UnaryOp::Not, operand } if same_field(operand) => {
                (Op::LocalPropNot, None, &**operand, (Op::Not, None))
            }
            ExprKind::Binary { op: op @ (BinaryOp::Add | BinaryOp::Sub), lhs, rhs } if same_field(lhs) => {
                let ExprKind::Int(k) = rhs.kind else { return false };
                let add = *op == BinaryOp::Add;
                // The guard adds `step`; the unfused code adds or subtracts `k`.
                let step = if add { Some(k) } else { k.checked_neg() };
                match step.filter(|s| i16::try_from(*s).is_ok() && i16::try_from(k).is_ok()) {
                    Some(step) => {
                        (Op::LocalPropStep, Some(step), &**lhs, (if add { Op::AddInt } else { Op::SubInt }, Some(k)))
                    }
                    None => return false,
                }
            }
            _ => return false,
        };
        let kname = self.name_constant(&name.name, name.span);
        let get_ic = self.f().next_ic();
        self.set_line(span);
        let mut operands = vec![slot as i64, kname];
        operands.extend(step);
        operands.extend([get_ic as i64, 0]);
        self.emit(guard, &operands);
        let skip_at = self.b().func.code.len() - 1;
        let fallback = self.b().func.code.len();
        // Exactly what the statement compiles to unfused.
        self.set_line(read.span);
        self.emit(Op::LocalGetProp, &[slot as i64, kname, get_ic as i64]);
        self.set_line(value.span);
        let (op, k) = op;
        self.emit(op, &k.map(|k| vec![k]).unwrap_or_default());
        self.set_line(span);
        let set_ic = self.f().next_ic();
        self.emit(Op::LocalSetProp, &[slot as i64, kname, set_ic as i64]);
        let skip = self.b().func.code.len() - fallback;
        self.b().func.code[skip_at] = skip as u8;
        true
    }

    fn assign(&mut self, target: &AssignTarget, value: &crate::core::Expr, span: Span) {
        match target {
            AssignTarget::Var(name) => {
                if self.fused_local_update(&name.name, value, span) {
                    return;
                }
                if let (Some(src), Some(Place::Local(dst))) = (self.local_slot(value), self.resolve(&name.name)) {
                    self.set_line(span);
                    self.emit(Op::MoveLocal, &[src as i64, dst as i64]);
                    return;
                }
                self.expr(value);
                self.set_line(span);
                match self.resolve(&name.name) {
                    Some(Place::Local(slot)) => self.emit(Op::SetLocal, &[slot as i64]),
                    Some(Place::Upvalue(i)) => self.emit(Op::SetUpval, &[i as i64]),
                    Some(Place::Module(i)) if self.options.late_bound_globals => {
                        self.emit(Op::SetModVarDefined, &[i as i64])
                    }
                    Some(Place::Module(i)) => self.emit(Op::SetModVar, &[i as i64]),
                    None if self.options.late_bound_globals => {
                        let slot = self.declare_module_var(&name.name);
                        self.emit(Op::SetModVarDefined, &[slot as i64]);
                    }
                    Some(Place::Builtin(_)) => {
                        self.error(
                            ErrorKind::CompileNameError,
                            name.span,
                            format!(
                                "'{}' is a built-in function and cannot be assigned; declare your own with `let {}`",
                                name.name, name.name
                            ),
                        );
                        self.emit(Op::Pop, &[]);
                    }
                    None => {
                        self.error(
                            ErrorKind::CompileNameError,
                            name.span,
                            format!(
                                "cannot assign to '{}': no variable of that name is declared (use `let {} = ...`)",
                                name.name, name.name
                            ),
                        );
                        self.emit(Op::Pop, &[]);
                    }
                }
            }
            AssignTarget::Index { object, index }
                if self.local_slot(object).is_some()
                    && self.local_slot(index).is_some()
                    && self.is_pure_operand(value) =>
            {
                // The locals are read after the value, which cannot change them.
                let (o, i) = (self.local_slot(object).unwrap_or(0), self.local_slot(index).unwrap_or(0));
                self.expr(value);
                self.set_line(span);
                self.emit(Op::LocalsSetIndex, &[o as i64, i as i64]);
            }
            AssignTarget::Index { object, index } => {
                self.expr(object);
                self.expr(index);
                self.expr(value);
                self.set_line(span);
                self.emit(Op::SetIndex, &[]);
            }
            // `this.x = e`, or `w.x = e` on a local `w` the function never assigns: the
            // receiver still holds the same object after `e` runs, whatever `e` does, so
            // reading it after the value is the same as before (`assigned.rs`).
            AssignTarget::Field { object, name } if self.stable_receiver(object).is_some() => {
                let slot = self.stable_receiver(object).unwrap_or(0);
                if self.prop_step(slot, object, name, value, span) {
                    return;
                }
                self.expr(value);
                self.set_line(span);
                let k = self.name_constant(&name.name, name.span);
                let ic = self.f().next_ic();
                self.emit(Op::LocalSetProp, &[slot as i64, k, ic as i64]);
            }
            AssignTarget::Field { object, name } => {
                self.expr(object);
                self.expr(value);
                self.set_line(span);
                let k = self.name_constant(&name.name, name.span);
                let ic = self.f().next_ic();
                let op = if self.fused_fields() { Op::SetProp } else { Op::SetField };
                self.emit(op, &[k, ic as i64]);
            }
            AssignTarget::Slot { object, slot } => {
                self.expr(object);
                self.expr(value);
                self.set_line(span);
                self.emit(Op::SetSlot, &[*slot as i64]);
            }
        }
    }

    /// Resolves a name (see the module docs for the order), capturing it as an upvalue
    /// when it is a local of an enclosing function.
    pub(crate) fn resolve(&mut self, name: &str) -> Option<Place> {
        let top = self.fns.len() - 1;
        if let Some(i) = self.fns[top].find_local(name) {
            return Some(Place::Local(self.fns[top].locals[i].slot));
        }
        if let Some(u) = self.resolve_upvalue(top, name) {
            return Some(Place::Upvalue(u));
        }
        if let Some(&i) = self.module_vars.get(name) {
            return Some(Place::Module(i));
        }
        self.options.builtins.iter().position(|b| b == name).map(|i| Place::Builtin(i as u16))
    }

    fn resolve_upvalue(&mut self, fn_index: usize, name: &str) -> Option<u16> {
        if fn_index == 0 {
            return None;
        }
        let parent = fn_index - 1;
        if let Some(i) = self.fns[parent].find_local(name) {
            self.fns[parent].locals[i].captured = true;
            let slot = self.fns[parent].locals[i].slot;
            return self.fns[fn_index].add_upvalue(name, true, slot);
        }
        let outer = self.resolve_upvalue(parent, name)?;
        self.fns[fn_index].add_upvalue(name, false, outer)
    }
}
