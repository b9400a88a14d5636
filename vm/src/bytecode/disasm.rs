//! The disassembler, derived from the opcode table: offsets, source lines, operands,
//! constants and jump targets.

use super::code::{decode, CompiledModule, Constant, FunctionCode};
use super::ops::{Op, OperandKind};
use std::fmt::Write;

/// Every function of a module, the top-level code first.
pub fn module(m: &CompiledModule) -> String {
    let mut out = String::new();
    let mut order: Vec<usize> = vec![m.main as usize];
    order.extend((0..m.functions.len()).filter(|&i| i != m.main as usize));
    for i in order {
        if let Some(f) = m.functions.get(i) {
            out.push_str(&function(f, m));
            out.push('\n');
        }
    }
    out
}

fn constant_text(c: &Constant, m: Option<&CompiledModule>) -> String {
    match c {
        Constant::Int(i) => i.to_string(),
        Constant::Float(f) => format!("{f:?}"),
        Constant::Str(s) => format!("{s:?}"),
        Constant::Function(i) => match m.and_then(|m| m.functions.get(*i as usize)) {
            Some(f) => format!("<fn {}>", f.name),
            None => format!("<fn #{i}>"),
        },
    }
}

/// One function: a header, the constant pool, the code and the handler table.
pub fn function(f: &FunctionCode, m: &CompiledModule) -> String {
    function_in(f, Some(m))
}

pub fn function_in(f: &FunctionCode, m: Option<&CompiledModule>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "== {} (arity {}, upvalues {}, stack {}, line {}) ==",
        f.name, f.arity, f.num_upvalues, f.max_stack, f.line
    );
    if !f.constants.is_empty() {
        let _ = writeln!(out, "constants:");
        for (i, c) in f.constants.iter().enumerate() {
            let _ = writeln!(out, "  #{i:<3} {}", constant_text(c, m));
        }
    }
    let mut pc = 0usize;
    let mut last_line = u32::MAX;
    while pc < f.code.len() {
        let Some((op, operands, len)) = decode(&f.code, pc) else {
            let _ = writeln!(out, "{pc:04}      <bad instruction byte {}>", f.code[pc]);
            break;
        };
        let line = f.line_at(pc);
        let line_col = if line == last_line { "   |".to_string() } else { format!("{line:4}") };
        last_line = line;
        let mut text = format!("{pc:04} {line_col} {:<18}", op.mnemonic());
        for ((kind, name), &v) in op.operands().iter().zip(op.operand_names()).zip(&operands) {
            match kind {
                OperandKind::Jump => {
                    let _ = write!(text, " {name}={v:+} -> {:04}", pc as i64 + len as i64 + v);
                }
                _ => {
                    let _ = write!(text, " {name}={v}");
                }
            }
        }
        if let Some(k) = const_operand(op, &operands) {
            if let Some(c) = f.constants.get(k) {
                let _ = write!(text, "    ; {}", constant_text(c, m));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
        if op == Op::Closure {
            let tail = &f.code[pc + op.fixed_len()..pc + len];
            for d in tail.chunks_exact(3) {
                let index = u16::from_le_bytes([d[1], d[2]]);
                let _ = writeln!(out, "{:>9}  capture {} {index}", "|", if d[0] == 1 { "local" } else { "upvalue" });
            }
        }
        pc += len;
    }
    for h in &f.handlers {
        let _ = writeln!(out, "handler [{:04}, {:04}) -> {:04} depth {}", h.start.0, h.end.0, h.target.0, h.depth);
    }
    out
}

/// Which operand, if any, indexes the constant pool: by the opcode table's naming
/// convention, the operand called `k`, `name` or `path`.
fn const_operand(op: Op, operands: &[i64]) -> Option<usize> {
    let position = op.operand_names().iter().position(|n| matches!(*n, "k" | "name" | "path"))?;
    Some(operands[position] as usize)
}
