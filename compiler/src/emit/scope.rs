//! Per-function compile state: locals, upvalues, enclosing loops and `try`s.
//!
//! A local's slot is the stack position its value occupies, relative to the frame base
//! (slot 0 holds the callee, then the parameters). Slots are taken from the builder's
//! current stack depth when the variable is declared, so temporaries below a block
//! expression (`f(1, { let x = 2; x })`) never collide with locals.

use crate::core::Block;
use devvm_vm::bytecode::{CodeBuilder, Label, Pc};
use std::collections::HashSet;

pub(crate) struct Local {
    pub name: String,
    pub slot: u16,
    pub depth: u32,
    /// Some closure captures it: leaving its scope must close the upvalue.
    pub captured: bool,
}

#[derive(Clone)]
#[allow(dead_code)] // `name` is kept for the debugger and error messages to come.
pub(crate) struct Upval {
    pub name: String,
    pub is_local: bool,
    pub index: u16,
}

/// An enclosing loop: where `break` and `continue` go and what they leave on the stack.
pub(crate) struct LoopCtx {
    pub breaks: Vec<Label>,
    pub continues: Vec<Label>,
    /// The stack depth `break` leaves (the loop's own hidden state stays).
    pub break_depth: i32,
    /// The stack depth `continue` leaves.
    pub continue_depth: i32,
    /// How many `try`s were open when the loop began; exits run the finallies above.
    pub try_level: usize,
}

/// An enclosing `try`: its `finally` (inlined on early exits) and the code regions that
/// its handlers must not cover (inlined finallies of exits through it).
pub(crate) struct TryCtx {
    pub finally: Option<Block>,
    pub holes: Vec<(Pc, Pc)>,
    /// False while its own finally code is being compiled (an exit from there must not
    /// run the same finally again).
    pub active: bool,
}

pub(crate) struct FnState {
    pub builder: CodeBuilder,
    pub locals: Vec<Local>,
    pub upvalues: Vec<Upval>,
    pub scope_depth: u32,
    pub loops: Vec<LoopCtx>,
    pub tries: Vec<TryCtx>,
    /// The module's top-level code: its depth-0 variables are module variables.
    pub is_main: bool,
    pub num_ics: u16,
    /// A class's `init`: a bare `return` (and the end of the body) returns `this`.
    pub is_initializer: bool,
    /// The module variable this function is the top-level definition of, when the
    /// language never reassigns such variables (`CompileOptions::immutable_functions`):
    /// a full application of that variable is then a call of the running closure.
    pub self_var: Option<u16>,
    /// The number of parameters.
    pub arity: usize,
    /// The names the body assigns after declaring them (`assigned.rs`; computed for the
    /// object model's fused field stores only, empty otherwise).
    pub assigned: HashSet<String>,
}

impl FnState {
    pub fn new(builder: CodeBuilder, is_main: bool) -> FnState {
        FnState {
            builder,
            locals: Vec::new(),
            upvalues: Vec::new(),
            scope_depth: 0,
            loops: Vec::new(),
            tries: Vec::new(),
            is_main,
            num_ics: 0,
            is_initializer: false,
            self_var: None,
            arity: 0,
            assigned: HashSet::new(),
        }
    }

    /// The innermost local with this name.
    pub fn find_local(&self, name: &str) -> Option<usize> {
        self.locals.iter().rposition(|l| l.name == name)
    }

    /// The index of an upvalue capturing `(is_local, index)`, added if new.
    pub fn add_upvalue(&mut self, name: &str, is_local: bool, index: u16) -> Option<u16> {
        if let Some(i) = self.upvalues.iter().position(|u| u.is_local == is_local && u.index == index) {
            return Some(i as u16);
        }
        if self.upvalues.len() >= u8::MAX as usize {
            return None;
        }
        self.upvalues.push(Upval { name: name.to_string(), is_local, index });
        Some(self.upvalues.len() as u16 - 1)
    }

    /// The first of a site's inline-cache entries (each site owns `IC_WAYS` of them:
    /// one monomorphic entry and a small polymorphic fallback).
    pub fn next_ic(&mut self) -> u16 {
        let ways = devvm_vm::IC_WAYS as u16;
        self.num_ics = self.num_ics.saturating_add(ways);
        self.num_ics - ways
    }
}
