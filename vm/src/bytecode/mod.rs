//! The bytecode format: the opcode table (declared once, in [`ops`]), function code with
//! its constant pool, line table and handler table ([`code`]), and the disassembler
//! derived from the table ([`disasm`]).

pub mod code;
pub mod disasm;
pub mod ops;

pub use code::{CodeBuilder, CompiledModule, ConstIdx, Constant, Dialect, FunctionCode, Handler, Label, LocalSlot, Pc};
pub use ops::{Op, OperandKind};
