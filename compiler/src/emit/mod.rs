//! Bytecode emission with scope resolution: core AST → [`CompiledModule`].
//!
//! ```text
//!   compile(module) ─► predeclare top-level names (module variables)
//!                   ─► main function: statements (stmt.rs), expressions (expr.rs),
//!                      loops / try / early exits (control.rs)
//!                   ─► every nested function finished into `functions`
//! ```
//!
//! Name resolution happens while emitting, one pass, in this order: a local of the current
//! function, an upvalue (a local of an enclosing function, captured), a module variable, a
//! built-in. Anything else is a `NameError` at compile time. Captured locals are closed
//! when their scope ends, so a closure made in a loop body sees that iteration's variable.

mod assigned;
mod class;
mod control;
mod expr;
mod scope;
mod stmt;

use crate::core::{self, Module};
use crate::diag::{Diagnostic, MAX_ERRORS};
use crate::span::{SourceFile, Span};
use devvm_vm::bytecode::{CodeBuilder, CompiledModule, Constant, FunctionCode, Op};
use devvm_vm::ErrorKind;
use scope::{FnState, Local};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// What the compiler needs to know about the world outside the file.
#[derive(Clone, Debug, Default)]
pub struct CompileOptions {
    /// The VM's built-in functions, by index (`GET_BUILTIN`).
    pub builtins: Vec<String>,
    /// Module variables that already exist (the REPL keeps one module across inputs).
    pub existing_vars: Vec<String>,
    /// Make the top-level code return the value of its last expression statement (REPL).
    pub return_last_expression: bool,
    /// Inside functions, treat a name that nothing declares as a module variable defined
    /// later, instead of a compile error (the REPL: a function may call one typed in a later input; reading
    /// it before then is the runtime `NameError` of an unset module variable).
    pub forward_module_vars: bool,
    /// Turn every call in tail position into a tail call (languages that guarantee
    /// proper tail calls). Calls marked `tail` in the core AST always are.
    pub implicit_tail_calls: bool,
    /// Whose rules the VM's slow paths follow for this code (error messages, numbers).
    pub dialect: devvm_vm::bytecode::Dialect,
    /// Globals are bound late, as in Lox: a name no scope declares is a module variable
    /// (reading it before it is defined is the runtime `NameError`), and assigning a
    /// module variable that is not defined yet is a runtime `NameError` too.
    pub late_bound_globals: bool,
    /// Module variables bound by top-level function definitions are never assigned
    /// afterwards (DevFun's names are immutable bindings, and a redefinition is a new
    /// variable), so a function's full application of its own name calls the running
    /// closure: `CALL_SELF`, which reads no variable and checks no arity.
    pub immutable_functions: bool,
}

/// Compiles a core module.
pub fn compile(
    module: &Module,
    file: &Arc<SourceFile>,
    options: &CompileOptions,
) -> Result<CompiledModule, Vec<Diagnostic>> {
    let mut c = Compiler::new(file, options);
    c.compile_module(module);
    if c.diagnostics.is_empty() {
        Ok(c.output)
    } else {
        Err(c.diagnostics)
    }
}

pub(crate) struct Compiler<'a> {
    file: &'a Arc<SourceFile>,
    options: &'a CompileOptions,
    fns: Vec<FnState>,
    module_vars: HashMap<String, u16>,
    /// Module variables bound by this module's top-level `fn` declarations. They are
    /// hoisted, so they hold a value before any code of the module can read them.
    hoisted_fns: HashSet<u16>,
    /// The module variable of the top-level function about to be compiled (taken by
    /// `function_with` into its `FnState::self_var`).
    defining_var: Option<u16>,
    output: CompiledModule,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Compiler<'a> {
    fn new(file: &'a Arc<SourceFile>, options: &'a CompileOptions) -> Compiler<'a> {
        let mut output = CompiledModule { file: file.name.clone(), ..CompiledModule::default() };
        let mut module_vars = HashMap::new();
        for name in &options.existing_vars {
            let i = output.var_names.len() as u16;
            module_vars.entry(name.clone()).or_insert(i);
            output.var_names.push(name.clone());
        }
        Compiler {
            file,
            options,
            fns: Vec::new(),
            module_vars,
            hoisted_fns: HashSet::new(),
            defining_var: None,
            output,
            diagnostics: Vec::new(),
        }
    }

    fn compile_module(&mut self, module: &Module) {
        for stmt in &module.body {
            self.predeclare(stmt);
        }
        let mut builder = CodeBuilder::new("<main>", 0, 1);
        builder.set_line(1);
        builder.func.dialect = self.options.dialect;
        let mut state = FnState::new(builder, true);
        if self.fused_fields() {
            state.assigned = assigned::assigned_names(&module.body);
        }
        self.fns.push(state);
        let last_expr = if self.options.return_last_expression {
            module
                .body
                .iter()
                .rposition(|s| matches!(s.kind, core::StmtKind::Expr(_)))
                .filter(|&i| i + 1 == module.body.len())
        } else {
            None
        };
        // Top-level functions are hoisted: their closures exist before any top-level
        // statement runs, so the program may call a function declared further down. (They
        // can only capture module variables, which are slots, so this is safe.)
        let is_fn = |s: &core::Stmt| matches!(s.kind, core::StmtKind::Functions(_));
        for stmt in module.body.iter().filter(|s| is_fn(s)) {
            self.stmt(stmt);
        }
        for (i, stmt) in module.body.iter().enumerate() {
            if is_fn(stmt) {
                continue;
            }
            if Some(i) == last_expr {
                if let core::StmtKind::Expr(e) = &stmt.kind {
                    self.expr(e);
                    self.emit(Op::Return, &[]);
                    continue;
                }
            }
            self.stmt(stmt);
        }
        self.emit(Op::Nil, &[]);
        self.emit(Op::Return, &[]);
        let state = self.fns.pop().expect("main function state");
        let index = self.finish_function(state);
        self.output.main = index;
    }

    /// Declares the module variables a top-level statement introduces, so that every
    /// top-level function sees every other.
    fn predeclare(&mut self, stmt: &core::Stmt) {
        match &stmt.kind {
            core::StmtKind::Let { name, .. } => {
                self.declare_module_var(&name.name);
            }
            core::StmtKind::Functions(defs) => {
                for d in defs {
                    let slot = self.declare_module_var(&d.name.name);
                    self.hoisted_fns.insert(slot);
                }
            }
            core::StmtKind::Class(c) => {
                self.declare_module_var(&c.name.name);
            }
            core::StmtKind::Import { alias, .. } => {
                self.declare_module_var(&alias.name);
            }
            _ => {}
        }
    }

    /// The slot of a module variable, made if it is new.
    fn declare_module_var(&mut self, name: &str) -> u16 {
        if let Some(&slot) = self.module_vars.get(name) {
            return slot;
        }
        let slot = self.output.var_names.len() as u16;
        self.module_vars.insert(name.to_string(), slot);
        self.output.var_names.push(name.to_string());
        slot
    }

    fn finish_function(&mut self, state: FnState) -> u32 {
        let mut code: FunctionCode = state.builder.finish();
        code.num_upvalues = state.upvalues.len() as u16;
        code.num_ics = state.num_ics;
        self.output.functions.push(code);
        self.output.functions.len() as u32 - 1
    }

    // ----- helpers shared by the emit files ------------------------------------------------

    fn f(&mut self) -> &mut FnState {
        self.fns.last_mut().expect("a function is being compiled")
    }

    fn b(&mut self) -> &mut CodeBuilder {
        &mut self.f().builder
    }

    fn emit(&mut self, op: Op, operands: &[i64]) {
        self.b().emit(op, operands);
    }

    fn depth(&mut self) -> i32 {
        self.b().depth
    }

    fn set_line(&mut self, span: Span) {
        let line = self.file.line_of(span.start);
        self.b().set_line(line);
    }

    fn error(&mut self, kind: ErrorKind, span: Span, message: impl Into<String>) {
        if self.diagnostics.len() < MAX_ERRORS {
            self.diagnostics.push(Diagnostic::error(kind, self.file, span, message));
        }
    }

    /// Adds a constant; reports an error when the pool is full.
    fn constant(&mut self, c: Constant, span: Span) -> i64 {
        match self.b().constant(c) {
            Some(k) => k.0 as i64,
            None => {
                self.error(ErrorKind::SyntaxError, span, "this function has more than 65535 constants; split it up");
                0
            }
        }
    }

    fn name_constant(&mut self, name: &str, span: Span) -> i64 {
        self.constant(Constant::Str(name.to_string()), span)
    }

    // ----- scopes -----------------------------------------------------------------------

    fn begin_scope(&mut self) {
        self.f().scope_depth += 1;
    }

    /// Ends a scope: closes captured locals and pops them (keeping a block's value on top
    /// when `keep_top`).
    fn end_scope(&mut self, keep_top: bool) {
        let f = self.f();
        let depth = f.scope_depth;
        f.scope_depth -= 1;
        let first = f.locals.iter().position(|l| l.depth >= depth).unwrap_or(f.locals.len());
        let dropped: Vec<Local> = f.locals.drain(first..).collect();
        if dropped.is_empty() {
            return;
        }
        let lowest = dropped.iter().map(|l| l.slot).min().unwrap_or(0);
        if dropped.iter().any(|l| l.captured) {
            self.emit(Op::CloseUpvals, &[lowest as i64]);
        }
        let n = dropped.len() as i64;
        if keep_top {
            self.emit(Op::PopUnder, &[n]);
        } else if n == 1 {
            self.emit(Op::Pop, &[]);
        } else {
            self.emit(Op::PopN, &[n]);
        }
    }

    /// Ends a scope whose code has already returned: forgets its locals without emitting
    /// anything (the return left the frame).
    fn discard_scope(&mut self) {
        let f = self.f();
        let depth = f.scope_depth;
        f.scope_depth -= 1;
        f.locals.retain(|l| l.depth < depth);
    }

    /// Declares a local whose value is the top of the stack.
    fn declare_local(&mut self, name: &str, span: Span) {
        let f = self.f();
        let slot = f.builder.depth - 1;
        if slot > u16::MAX as i32 - 8 {
            self.error(ErrorKind::SyntaxError, span, "too many local variables in one function");
            return;
        }
        let depth = f.scope_depth;
        f.locals.push(Local { name: name.to_string(), slot: slot as u16, depth, captured: false });
    }

    /// Whether a `let` at this point makes a module variable.
    fn at_module_level(&mut self) -> bool {
        let f = self.f();
        f.is_main && f.scope_depth == 0
    }
}
