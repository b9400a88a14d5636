//! Modules: a file's variables (top-level `let` and `fn`), which are also its exports.

use crate::gc_glue::trace_value;
use crate::value::Value;
use devvm_gc::{GcObject, Trace, Tracer};
use std::cell::{Cell, UnsafeCell};
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModuleState {
    /// Its top-level code is running (an import of it now is a cycle).
    Loading,
    Ready,
}

struct Vars {
    values: Vec<Value>,
    names: Vec<String>,
    index: HashMap<String, u32>,
}

pub struct Module {
    /// The name users see (the file name, or a stdlib module's name).
    pub name: String,
    pub state: Cell<ModuleState>,
    vars: UnsafeCell<Vars>,
}

impl Module {
    pub fn new(name: impl Into<String>) -> Module {
        Module {
            name: name.into(),
            state: Cell::new(ModuleState::Loading),
            vars: UnsafeCell::new(Vars { values: Vec::new(), names: Vec::new(), index: HashMap::new() }),
        }
    }

    // SAFETY: single-threaded, and no method returns a reference into `vars` except
    // `var_names`, whose result the callers only read before the next mutation.
    #[allow(clippy::mut_from_ref)] // Sound here: see the SAFETY note above.
    #[inline]
    fn v(&self) -> &mut Vars {
        unsafe { &mut *self.vars.get() }
    }

    /// The slot of a variable, adding it (undefined) if new. Slots never move, so the REPL
    /// can keep adding variables to one module.
    pub fn declare(&self, name: &str) -> u32 {
        let v = self.v();
        if let Some(&i) = v.index.get(name) {
            return i;
        }
        let i = v.values.len() as u32;
        v.values.push(Value::UNDEFINED);
        v.names.push(name.to_string());
        v.index.insert(name.to_string(), i);
        i
    }

    #[inline]
    pub fn get(&self, slot: usize) -> Option<Value> {
        self.v().values.get(slot).copied()
    }

    /// Stores a variable; the caller has called the write barrier.
    #[inline]
    pub fn set(&self, slot: usize, value: Value) {
        if let Some(s) = self.v().values.get_mut(slot) {
            *s = value;
        }
    }

    pub fn slot_of(&self, name: &str) -> Option<u32> {
        self.v().index.get(name).copied()
    }

    pub fn name_of(&self, slot: usize) -> &str {
        self.v().names.get(slot).map_or("?", |s| s.as_str())
    }

    pub fn len(&self) -> usize {
        self.v().values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A defined export by name.
    pub fn export(&self, name: &str) -> Option<Value> {
        let slot = self.slot_of(name)?;
        self.get(slot as usize).filter(|v| !v.is_undefined())
    }

    /// Names of the variables, in slot order.
    pub fn var_names(&self) -> Vec<String> {
        self.v().names.clone()
    }
}

impl Trace for Module {
    fn trace(&mut self, t: &mut Tracer) {
        for v in self.vars.get_mut().values.iter_mut() {
            trace_value(t, v);
        }
    }
}

impl GcObject for Module {
    const KIND: u8 = super::kind::MODULE;
    /// Loaders, the CLI and the REPL hold their module bare across runs: never moves.
    const PRETENURE: bool = true;
    fn extra_bytes(&self) -> usize {
        self.v().values.capacity() * 8
    }
}
