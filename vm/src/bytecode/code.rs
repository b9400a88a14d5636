//! Function code (plain data, no heap pointers) and the builder the compiler emits with.
//!
//! A [`CompiledModule`] is what the compiler produces and what `.dvc` files will carry: a
//! list of functions whose constant pools refer to each other by index. The VM turns it
//! into heap objects when it loads the module.

use super::ops::{Op, OperandKind};
use std::cell::Cell;

/// An index into a function's constant pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConstIdx(pub u16);
/// A local variable's slot, relative to the frame base (slot 0 is the callee).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LocalSlot(pub u16);
/// A bytecode offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pc(pub u32);
/// A forward jump whose offset is patched later.
#[derive(Clone, Copy, Debug)]
#[must_use = "a forward jump must be patched"]
pub struct Label {
    operand_at: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    Int(i64),
    Float(f64),
    Str(String),
    /// A function of the same module, by index in [`CompiledModule::functions`].
    Function(u32),
}

/// One entry of the exception-handler table: an exception thrown while `pc` is in
/// `[start, end)` unwinds the operand stack to `depth` slots above the frame base, pushes
/// the thrown value and continues at `target`. Inner handlers come first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Handler {
    pub start: Pc,
    pub end: Pc,
    pub target: Pc,
    pub depth: u16,
}

/// Whose rules the slow paths follow for a function: error messages, and the number
/// semantics of a language whose numbers are all doubles (ints there are only an
/// unobservable fast representation of integral values).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dialect {
    /// DevScript's semantics (also DevFun's): exact ints with overflow errors.
    #[default]
    Standard,
    /// Lox's (DevObj): numbers behave as IEEE doubles, the book's error messages.
    Lox,
}

#[derive(Clone, Debug, Default)]
pub struct FunctionCode {
    pub name: String,
    /// The number of parameters.
    pub arity: u16,
    pub num_upvalues: u16,
    /// The most stack slots the function uses above its base (locals and temporaries,
    /// including slot 0, the callee).
    pub max_stack: u32,
    pub code: Vec<u8>,
    pub constants: Vec<Constant>,
    /// `(pc, line)` pairs: the instruction at `pc` and those after it (until the next
    /// entry) come from `line`.
    pub lines: Vec<(u32, u32)>,
    pub handlers: Vec<Handler>,
    /// Inline-cache slots used by the function's `INVOKE` sites.
    pub num_ics: u16,
    /// The line of the definition.
    pub line: u32,
    pub dialect: Dialect,
}

impl FunctionCode {
    /// The source line of the instruction at `pc`.
    pub fn line_at(&self, pc: usize) -> u32 {
        let i = self.lines.partition_point(|&(p, _)| p as usize <= pc);
        if i == 0 {
            self.line
        } else {
            self.lines[i - 1].1
        }
    }
}

/// A compiled source file.
#[derive(Clone, Debug, Default)]
pub struct CompiledModule {
    /// The file name shown in traces.
    pub file: String,
    /// The function that runs the top-level code (takes no arguments).
    pub main: u32,
    pub functions: Vec<FunctionCode>,
    /// Names of the module variables (top-level `let` and `fn`), by index.
    pub var_names: Vec<String>,
}

/// Emits one function's bytecode, tracking stack depth and lines.
pub struct CodeBuilder {
    pub func: FunctionCode,
    /// Current operand-stack depth above the base; the compiler fixes it up at join
    /// points where control flow merges.
    pub depth: i32,
    line: u32,
    /// The last instruction emitted and its pc, while nothing can jump to the pc after it
    /// (no label was placed there and no one asked for it): what `emit_loop` may fuse.
    last: Cell<Option<(Op, usize)>>,
}

impl CodeBuilder {
    pub fn new(name: impl Into<String>, arity: u16, line: u32) -> CodeBuilder {
        let func = FunctionCode { name: name.into(), arity, line, ..FunctionCode::default() };
        // Slot 0 holds the callee, then the parameters.
        CodeBuilder { func, depth: 1 + arity as i32, line, last: Cell::new(None) }
    }

    /// The current pc. Whoever asks may make it a jump target, so the last instruction is
    /// no longer fused with the next.
    pub fn pc(&self) -> Pc {
        self.last.set(None);
        Pc(self.func.code.len() as u32)
    }

    /// Sets the line for the instructions emitted next.
    pub fn set_line(&mut self, line: u32) {
        self.line = line;
    }

    pub fn line(&self) -> u32 {
        self.line
    }

    fn note_line(&mut self) {
        let pc = self.func.code.len() as u32;
        match self.func.lines.last_mut() {
            Some(&mut (_, l)) if l == self.line => {}
            Some(last) if last.0 == pc => last.1 = self.line,
            _ => self.func.lines.push((pc, self.line)),
        }
    }

    /// Emits an instruction with its operands (jump operands are raw offsets here).
    pub fn emit(&mut self, op: Op, operands: &[i64]) {
        debug_assert_eq!(op.operands().len(), operands.len(), "operand count of {}", op.mnemonic());
        self.note_line();
        self.last.set(Some((op, self.func.code.len())));
        self.func.code.push(op as u8);
        for (kind, &v) in op.operands().iter().zip(operands) {
            match kind {
                OperandKind::U8 => self.func.code.push(v as u8),
                OperandKind::U16 | OperandKind::I16 => self.func.code.extend_from_slice(&(v as u16).to_le_bytes()),
                OperandKind::U32 | OperandKind::Jump => self.func.code.extend_from_slice(&(v as u32).to_le_bytes()),
            }
        }
        let effect = op.stack_effect(operands);
        self.depth = self.depth - effect.pops as i32 + effect.pushes as i32;
        self.func.max_stack = self.func.max_stack.max(self.depth.max(0) as u32);
    }

    /// Records that the instruction just emitted used `extra` slots above the depth it
    /// started from before settling at its stack effect (`CALL_MODVAR` moves its arguments
    /// up one slot), so the frame reserves them.
    pub fn note_transient_slots(&mut self, depth_before: i32, extra: u32) {
        self.func.max_stack = self.func.max_stack.max((depth_before.max(0) as u32) + extra);
    }

    /// Appends raw bytes (the capture descriptors after `CLOSURE`).
    pub fn emit_raw(&mut self, bytes: &[u8]) {
        self.last.set(None);
        self.func.code.extend_from_slice(bytes);
    }

    /// Emits an instruction whose last operand is a forward jump, patched by [`Self::patch`].
    pub fn emit_jump(&mut self, op: Op, operands: &[i64]) -> Label {
        let mut all = operands.to_vec();
        all.push(0);
        self.emit(op, &all);
        Label { operand_at: self.func.code.len() - 4 }
    }

    /// Points a forward jump at the current pc.
    pub fn patch(&mut self, label: Label) {
        let target = self.func.code.len() as i64;
        self.patch_to(label, Pc(target as u32));
    }

    /// Points a jump at a given pc.
    pub fn patch_to(&mut self, label: Label, target: Pc) {
        if target.0 as usize == self.func.code.len() {
            self.last.set(None);
        }
        let after = label.operand_at as i64 + 4;
        let offset = (target.0 as i64 - after) as i32;
        self.func.code[label.operand_at..label.operand_at + 4].copy_from_slice(&offset.to_le_bytes());
    }

    /// Emits an instruction whose last operand jumps back to `target`.
    pub fn emit_backward(&mut self, op: Op, operands: &[i64], target: Pc) {
        let label = self.emit_jump(op, operands);
        self.patch_to(label, target);
    }

    /// The back-edge `LOOP` to `header`. After an `INC_LOCAL` that nothing jumps past (the
    /// step of a C-style `for`), the two become one `INC_LOCAL_LOOP`.
    pub fn emit_loop(&mut self, header: Pc) {
        let end = self.func.code.len();
        match self.last.get() {
            Some((Op::IncLocal, at)) if at + Op::IncLocal.fixed_len() == end && (header.0 as usize) < at => {
                // Same line as the step; the operands stay, the jump offset follows.
                self.func.code[at] = Op::IncLocalLoop as u8;
                let offset = header.0 as i64 - (at + Op::IncLocalLoop.fixed_len()) as i64;
                self.func.code.extend_from_slice(&(offset as i32).to_le_bytes());
                self.last.set(None);
            }
            _ => self.emit_backward(Op::Loop, &[], header),
        }
    }

    /// Adds a constant (deduplicating equal ones) and returns its index, or `None` when the
    /// pool is full.
    pub fn constant(&mut self, c: Constant) -> Option<ConstIdx> {
        let same = |a: &Constant| match (a, &c) {
            (Constant::Float(x), Constant::Float(y)) => x.to_bits() == y.to_bits(),
            (a, b) => a == b,
        };
        if let Some(i) = self.func.constants.iter().position(same) {
            return Some(ConstIdx(i as u16));
        }
        if self.func.constants.len() >= u16::MAX as usize {
            return None;
        }
        self.func.constants.push(c);
        Some(ConstIdx(self.func.constants.len() as u16 - 1))
    }

    pub fn finish(mut self) -> FunctionCode {
        thread_jumps(&mut self.func.code);
        self.func
    }
}

/// Jump threading: a `JUMP` to a `JUMP` goes straight to the final target, and a `JUMP`
/// whose final target is a `LOOP` back to a header before it becomes that `LOOP` (the end
/// of an `if` branch at the end of a loop body: `JUMP end; ... end: LOOP header`). Both
/// have the same size, so no offset elsewhere moves, and the loop still counts one
/// back-edge per iteration.
fn thread_jumps(code: &mut [u8]) {
    const LEN: usize = 5;
    let target_of = |code: &[u8], pc: usize| -> usize {
        let off = i32::from_le_bytes([code[pc + 1], code[pc + 2], code[pc + 3], code[pc + 4]]);
        (pc as i64 + LEN as i64 + off as i64) as usize
    };
    let mut pc = 0;
    while let Some((op, _, len)) = decode(code, pc) {
        if op == Op::Jump {
            let mut target = target_of(code, pc);
            // A few hops at most (and no cycle can trap the walk).
            for _ in 0..8 {
                if code.get(target) != Some(&(Op::Jump as u8)) || target == pc {
                    break;
                }
                target = target_of(code, target);
            }
            let mut new_op = Op::Jump;
            if code.get(target) == Some(&(Op::Loop as u8)) {
                let header = target_of(code, target);
                if header <= pc {
                    new_op = Op::Loop;
                    target = header;
                }
            }
            let off = (target as i64 - (pc + LEN) as i64) as i32;
            code[pc] = new_op as u8;
            code[pc + 1..pc + LEN].copy_from_slice(&off.to_le_bytes());
        }
        pc += len;
    }
}

/// Decodes the operands of the instruction at `pc` (for the disassembler and the slow
/// paths; the interpreter decodes inline).
pub fn decode(code: &[u8], pc: usize) -> Option<(Op, Vec<i64>, usize)> {
    let op = Op::from_byte(*code.get(pc)?)?;
    let mut at = pc + 1;
    let mut operands = Vec::with_capacity(op.operands().len());
    for kind in op.operands() {
        let bytes = code.get(at..at + kind.size())?;
        let v = match kind {
            OperandKind::U8 => bytes[0] as i64,
            OperandKind::U16 => u16::from_le_bytes([bytes[0], bytes[1]]) as i64,
            OperandKind::I16 => i16::from_le_bytes([bytes[0], bytes[1]]) as i64,
            OperandKind::U32 => u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as i64,
            OperandKind::Jump => i32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as i64,
        };
        operands.push(v);
        at += kind.size();
    }
    let len = op.fixed_len() + op.tail_len(&operands);
    if pc + len > code.len() {
        return None;
    }
    Some((op, operands, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jumps_patch_relative_to_the_next_instruction() {
        let mut b = CodeBuilder::new("f", 0, 1);
        b.emit(Op::True, &[]);
        let l = b.emit_jump(Op::JumpIfFalse, &[]);
        b.emit(Op::Nil, &[]);
        b.emit(Op::Pop, &[]);
        b.patch(l);
        let f = b.finish();
        let (op, ops, len) = decode(&f.code, 1).unwrap();
        assert_eq!(op, Op::JumpIfFalse);
        assert_eq!(len, 5);
        assert_eq!(1 + len as i64 + ops[0], f.code.len() as i64);
    }

    /// The absolute target of the jump instruction at `pc`.
    fn target(f: &FunctionCode, pc: usize) -> (Op, i64) {
        let (op, ops, len) = decode(&f.code, pc).unwrap();
        (op, pc as i64 + len as i64 + ops[0])
    }

    #[test]
    fn jumps_to_jumps_and_back_edges_are_threaded() {
        // 0: TRUE; 1: JUMP_IF_FALSE exit; 6: JUMP a; 11: JUMP b; 16 (a): JUMP b;
        // 21 (b): LOOP 0; 26 (exit): NIL; 27: JUMP exit2 (forward, to a non-jump); 32: NIL
        let mut b = CodeBuilder::new("f", 0, 1);
        let header = b.pc();
        b.emit(Op::True, &[]);
        let exit = b.emit_jump(Op::JumpIfFalse, &[]);
        let to_a = b.emit_jump(Op::Jump, &[]);
        let to_b = b.emit_jump(Op::Jump, &[]);
        b.patch(to_a);
        let a_to_b = b.emit_jump(Op::Jump, &[]);
        b.patch(to_b);
        b.patch(a_to_b);
        b.emit_backward(Op::Loop, &[], header);
        b.patch(exit);
        b.emit(Op::Nil, &[]);
        let plain = b.emit_jump(Op::Jump, &[]);
        b.patch(plain);
        b.emit(Op::Nil, &[]);
        let f = b.finish();
        for pc in [6, 11, 16, 21] {
            assert_eq!(target(&f, pc), (Op::Loop, 0), "at {pc}");
        }
        assert_eq!(target(&f, 1), (Op::JumpIfFalse, 26));
        assert_eq!(target(&f, 27), (Op::Jump, 32));
    }

    #[test]
    fn a_jump_to_itself_is_left_alone() {
        let mut b = CodeBuilder::new("f", 0, 1);
        let l = b.emit_jump(Op::Jump, &[]);
        b.patch_to(l, Pc(0));
        let f = b.finish();
        assert_eq!(target(&f, 0), (Op::Jump, 0));
    }

    #[test]
    fn depth_and_lines_are_tracked() {
        let mut b = CodeBuilder::new("f", 2, 1);
        assert_eq!(b.depth, 3);
        b.set_line(4);
        b.emit(Op::GetLocal, &[1]);
        b.emit(Op::GetLocal, &[2]);
        b.set_line(5);
        b.emit(Op::Add, &[]);
        let f = b.finish();
        assert_eq!(f.max_stack, 5);
        assert_eq!(f.line_at(0), 4);
        assert_eq!(f.line_at(6), 5);
    }
}
