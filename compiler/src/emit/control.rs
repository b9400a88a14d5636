//! Loops, `try`/`catch`/`finally`, and the early exits (`break`, `continue`, `return`)
//! that must run the `finally` blocks they pass through.
//!
//! `finally` is compiled twice over: as inline code on every normal or early exit, and as
//! a handler that catches anything, runs the block and re-throws. An inlined copy is a
//! *hole* in the handler ranges of the `try`s it leaves, so an exception raised by the
//! `finally` code itself is not caught by the `try` it belongs to.

use super::scope::{LoopCtx, TryCtx};
use super::Compiler;
use crate::core::{Block, Catch, Expr, ExprKind, Ident};
use crate::span::Span;
use devvm_vm::bytecode::{Handler, Label, Op, Pc};
use devvm_vm::ErrorKind;

impl<'a> Compiler<'a> {
    pub(crate) fn while_loop(&mut self, cond: &Expr, body: &Block) {
        let start = self.b().pc();
        // `while true` (an expression language's loop that returns or breaks out) tests
        // nothing.
        let exit = if matches!(cond.kind, ExprKind::Bool(true)) { None } else { Some(self.condition(cond)) };
        let depth = self.depth();
        self.push_loop(depth, depth);
        self.block(body);
        let ctx = self.f().loops.pop().expect("loop context");
        for c in ctx.continues {
            self.b().patch_to(c, start);
        }
        self.b().emit_loop(start);
        if let Some(exit) = exit {
            self.b().patch(exit);
        }
        for b in ctx.breaks {
            self.b().patch(b);
        }
    }

    pub(crate) fn for_in(&mut self, var: &Ident, iter: &Expr, body: &Block) {
        self.begin_scope();
        self.expr(iter);
        self.set_line(iter.span);
        self.emit(Op::IterPrep, &[]);
        let state = self.depth() - 2;
        self.declare_hidden("%iterable", state);
        self.declare_hidden("%cursor", state + 1);
        let start = self.b().pc();
        let exit = self.b().emit_jump(Op::IterNext, &[state as i64]);
        let after_state = self.depth() - 1;
        self.push_loop(after_state, after_state);
        self.begin_scope();
        self.declare_local(&var.name, var.span);
        self.block(body);
        self.end_scope(false);
        let ctx = self.f().loops.pop().expect("loop context");
        let next = self.b().pc();
        for c in ctx.continues {
            self.b().patch_to(c, next);
        }
        self.b().emit_loop(start);
        self.b().patch(exit);
        // ITER_NEXT pushes nothing when it exits.
        self.b().depth = after_state;
        for b in ctx.breaks {
            self.b().patch(b);
        }
        self.end_scope(false);
    }

    pub(crate) fn for_range(
        &mut self,
        var: &Ident,
        start: &Expr,
        end: &Expr,
        inclusive: bool,
        step: i64,
        body: &Block,
    ) {
        let Ok(step16) = i16::try_from(step) else {
            self.error(ErrorKind::SyntaxError, var.span, "the loop step must fit in 16 bits");
            return;
        };
        if step == 0 {
            self.error(ErrorKind::SyntaxError, var.span, "the loop step must not be zero");
            return;
        }
        self.begin_scope();
        self.expr(start);
        let slot = self.depth() - 1;
        self.declare_hidden("%counter", slot);
        self.expr(end);
        self.declare_hidden("%limit", slot + 1);
        self.emit(Op::Nil, &[]);
        self.declare_local(&var.name, var.span);
        let flags = inclusive as i64;
        self.set_line(var.span);
        let exit = self.b().emit_jump(Op::ForPrep, &[slot as i64, step16 as i64, flags]);
        let body_start = self.b().pc();
        let depth = self.depth();
        self.push_loop(depth, depth);
        self.block(body);
        let ctx = self.f().loops.pop().expect("loop context");
        let next = self.b().pc();
        for c in ctx.continues {
            self.b().patch_to(c, next);
        }
        // Each iteration's variable is fresh: close it if a closure captured it.
        if self.f().locals.iter().any(|l| l.slot as i32 == slot + 2 && l.captured) {
            self.emit(Op::CloseUpvals, &[slot as i64 + 2]);
        }
        self.set_line(var.span);
        self.b().emit_backward(Op::ForLoop, &[slot as i64, step16 as i64, flags], body_start);
        self.b().patch(exit);
        for b in ctx.breaks {
            self.b().patch(b);
        }
        self.end_scope(false);
    }

    fn declare_hidden(&mut self, name: &str, slot: i32) {
        let depth = self.f().scope_depth;
        self.f().locals.push(super::scope::Local { name: name.to_string(), slot: slot as u16, depth, captured: false });
    }

    fn push_loop(&mut self, break_depth: i32, continue_depth: i32) {
        let try_level = self.f().tries.len();
        self.f().loops.push(LoopCtx {
            breaks: Vec::new(),
            continues: Vec::new(),
            break_depth,
            continue_depth,
            try_level,
        });
    }

    pub(crate) fn break_stmt(&mut self, span: Span) {
        self.loop_exit(span, true);
    }

    pub(crate) fn continue_stmt(&mut self, span: Span) {
        self.loop_exit(span, false);
    }

    fn loop_exit(&mut self, span: Span, is_break: bool) {
        let Some(ctx) = self.f().loops.last() else {
            let word = if is_break { "break" } else { "continue" };
            self.error(ErrorKind::SyntaxError, span, format!("'{word}' can only be used inside a loop"));
            return;
        };
        let (target_depth, try_level) = (if is_break { ctx.break_depth } else { ctx.continue_depth }, ctx.try_level);
        let depth_before = self.depth();
        self.run_finallies(try_level);
        self.pop_to(target_depth);
        let label = self.b().emit_jump(Op::Jump, &[]);
        let ctx = self.f().loops.last_mut().expect("loop context");
        if is_break {
            ctx.breaks.push(label);
        } else {
            ctx.continues.push(label);
        }
        // The code after an exit is unreachable; restore the depth the block expects.
        self.b().depth = depth_before;
    }

    /// Closes captured variables and pops the stack down to `depth`.
    fn pop_to(&mut self, depth: i32) {
        let extra = self.depth() - depth;
        if extra > 0 {
            self.emit(Op::CloseUpvals, &[depth as i64]);
            if extra == 1 {
                self.emit(Op::Pop, &[]);
            } else {
                self.emit(Op::PopN, &[extra as i64]);
            }
        }
    }

    pub(crate) fn return_stmt(&mut self, value: Option<&Expr>, span: Span) {
        let depth_before = self.depth();
        let no_finally = self.f().tries.iter().all(|t| t.finally.is_none());
        match value {
            // `return if c then a else b` returns from each branch (expression languages'
            // function bodies), so a branch's call stays a tail call and a local returns
            // with one instruction.
            Some(Expr { kind: ExprKind::If { cond, then, otherwise: Some(otherwise) }, .. }) if no_finally => {
                self.set_line(span);
                let else_jump = self.condition(cond);
                self.return_stmt(Some(then), span);
                self.b().patch(else_jump);
                self.return_stmt(Some(otherwise), span);
                self.b().depth = depth_before;
                return;
            }
            // `return { stmts; value }`: the block's statements, then return its value.
            Some(Expr { kind: ExprKind::Block { stmts, value }, .. }) if no_finally => {
                self.begin_scope();
                self.stmts(stmts);
                match value {
                    Some(v) => self.return_stmt(Some(v), span),
                    None => self.return_stmt(None, span),
                }
                self.discard_scope();
                self.b().depth = depth_before;
                return;
            }
            Some(Expr { kind: ExprKind::Call { callee, args, tail }, span: call_span }) => {
                let tail = *tail || self.options.implicit_tail_calls;
                let call = Expr::new(ExprKind::Call { callee: callee.clone(), args: args.clone(), tail }, *call_span);
                self.expr(&call);
            }
            Some(Expr { kind: ExprKind::Apply { callee, args, tail }, span: call_span }) => {
                let tail = *tail || self.options.implicit_tail_calls;
                let apply = Expr::new(ExprKind::Apply { callee: callee.clone(), args: args.clone(), tail }, *call_span);
                self.expr(&apply);
            }
            Some(v) => {
                // `return x` of a local, with no finally to run first: one instruction.
                if self.f().tries.iter().all(|t| t.finally.is_none()) {
                    if let Some(slot) = self.receiver_slot(v) {
                        self.set_line(span);
                        self.emit(Op::ReturnLocal, &[slot as i64]);
                        self.b().depth = depth_before;
                        return;
                    }
                }
                self.expr(v)
            }
            // An initializer returns `this` (slot 0), in one instruction when no finally runs.
            None if self.f().is_initializer => {
                if self.f().tries.iter().all(|t| t.finally.is_none()) {
                    self.set_line(span);
                    self.emit(Op::ReturnLocal, &[0]);
                    self.b().depth = depth_before;
                    return;
                }
                self.emit(Op::GetLocal, &[0])
            }
            None => self.emit(Op::Nil, &[]),
        }
        self.run_finallies(0);
        self.set_line(span);
        self.emit(Op::Return, &[]);
        self.b().depth = depth_before;
    }

    /// Inlines the `finally` blocks of the open `try`s above `level`, innermost first.
    fn run_finallies(&mut self, level: usize) {
        let n = self.f().tries.len();
        for k in (level..n).rev() {
            let (finally, active) = {
                let t = &self.f().tries[k];
                (t.finally.clone(), t.active)
            };
            let (Some(block), true) = (finally, active) else {
                continue;
            };
            let start = self.b().pc();
            self.f().tries[k].active = false;
            self.block(&block);
            self.f().tries[k].active = true;
            let end = self.b().pc();
            for t in &mut self.f().tries[k..] {
                t.holes.push((start, end));
            }
        }
    }

    pub(crate) fn try_stmt(&mut self, body: &Block, catch: Option<&Catch>, finally: Option<&Block>) {
        if catch.is_none() && finally.is_none() {
            self.error(ErrorKind::SyntaxError, body.span, "a try needs a catch or a finally");
            return;
        }
        let depth = self.depth();
        self.f().tries.push(TryCtx { finally: finally.cloned(), holes: Vec::new(), active: true });
        let start = self.b().pc();
        self.block(body);
        let body_end = self.b().pc();
        self.inline_own_finally(finally);
        let mut ends: Vec<Label> = vec![self.b().emit_jump(Op::Jump, &[])];

        let mut catch_range = None;
        if let Some(c) = catch {
            let catch_start = self.b().pc();
            self.b().depth = depth + 1;
            self.begin_scope();
            match &c.name {
                Some(name) => self.declare_local(&name.name, name.span),
                None => self.declare_hidden("%exception", depth),
            }
            self.block(&c.body);
            self.end_scope(false);
            let catch_end = self.b().pc();
            catch_range = Some((catch_start, catch_end));
            self.inline_own_finally(finally);
            ends.push(self.b().emit_jump(Op::Jump, &[]));
        }

        let ctx = self.f().tries.pop().expect("try context");
        let mut handlers = Vec::new();
        if let Some((catch_start, _)) = catch_range {
            for (s, e) in segments(start, body_end, &ctx.holes) {
                handlers.push(Handler { start: s, end: e, target: catch_start, depth: depth as u16 });
            }
        }
        if let Some(block) = finally {
            let target = self.b().pc();
            self.b().depth = depth + 1;
            self.block(block);
            self.emit(Op::Rethrow, &[]);
            let mut ranges = segments(start, body_end, &ctx.holes);
            if let Some((cs, ce)) = catch_range {
                ranges.extend(segments(cs, ce, &ctx.holes));
            }
            for (s, e) in ranges {
                handlers.push(Handler { start: s, end: e, target, depth: depth as u16 });
            }
        }
        self.b().depth = depth;
        for l in ends {
            self.b().patch(l);
        }
        self.b().func.handlers.extend(handlers);
    }

    /// The normal-path copy of a try's own `finally` (outside every handler range).
    fn inline_own_finally(&mut self, finally: Option<&Block>) {
        if let Some(block) = finally {
            let i = self.f().tries.len() - 1;
            self.f().tries[i].active = false;
            self.block(block);
            self.f().tries[i].active = true;
        }
    }
}

/// `[start, end)` minus the holes, as non-empty segments.
fn segments(start: Pc, end: Pc, holes: &[(Pc, Pc)]) -> Vec<(Pc, Pc)> {
    let mut inside: Vec<(Pc, Pc)> = holes.iter().copied().filter(|&(s, e)| s < end && e > start).collect();
    inside.sort();
    let mut out = Vec::new();
    let mut cur = start;
    for (s, e) in inside {
        if s > cur {
            out.push((cur, s));
        }
        cur = cur.max(e);
    }
    if cur < end {
        out.push((cur, end));
    }
    out
}
