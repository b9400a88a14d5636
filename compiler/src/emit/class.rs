//! Classes: `ClassDef`, `this` and `super`.
//!
//! ```text
//!   class B < A { m() {..} }   ─►   CLASS "B"; bind B
//!                                   <A>            ; the hidden local %super (a scope
//!                                   <load B>; INHERIT    around the methods, so methods
//!                                   <load B>             capture it as an upvalue)
//!                                   CLOSURE m; METHOD "m" 0   (one per member)
//!                                   POP; end scope (pops %super)
//! ```
//!
//! A method's receiver is its slot 0, a local named `this`; closures inside methods
//! capture it like any local. `super.m(args)` is `SUPER_INVOKE` (no bound method), a bare
//! `super.m` is `GET_SUPER`; both find the superclass in `%super`, so the lookup is
//! static: the class the method was written in, not the receiver's class.

use super::stmt::{FnFlavor, Place};
use super::Compiler;
use crate::core::{ClassDef, Expr, Ident, MethodKind};
use crate::span::Span;
use devvm_vm::bytecode::Op;
use devvm_vm::ErrorKind;

/// The hidden local holding a class's superclass while its methods are compiled.
const SUPER: &str = "%super";

impl<'a> Compiler<'a> {
    pub(crate) fn class(&mut self, c: &ClassDef) {
        self.set_line(c.span);
        let k = self.name_constant(&c.name.name, c.name.span);
        self.emit(Op::Class, &[k]);
        self.bind_new(&c.name.name, c.name.span);
        if let Some(sup) = &c.superclass {
            self.begin_scope();
            self.expr(sup);
            self.declare_local(SUPER, sup.span);
            self.load_name(&c.name.name, c.name.span);
            self.set_line(sup.span);
            self.emit(Op::Inherit, &[]);
        }
        self.load_name(&c.name.name, c.name.span);
        for m in &c.methods {
            let flavor = match m.kind {
                MethodKind::Static => FnFlavor::Plain,
                MethodKind::Initializer => FnFlavor::Initializer,
                MethodKind::Method | MethodKind::Getter => FnFlavor::Method,
            };
            self.function_with(&m.def, flavor);
            let kind = match m.kind {
                MethodKind::Method => 0,
                MethodKind::Initializer => 1,
                MethodKind::Static => 2,
                MethodKind::Getter => 3,
            };
            let name = self.name_constant(&m.def.name.name, m.def.name.span);
            self.set_line(m.def.span);
            self.emit(Op::Method, &[name, kind]);
        }
        self.emit(Op::Pop, &[]);
        if c.superclass.is_some() {
            self.end_scope(false);
        }
    }

    /// Pushes a variable that must exist (the class being defined, `this`, `%super`).
    fn load_name(&mut self, name: &str, span: Span) -> bool {
        match self.resolve(name) {
            Some(Place::Local(slot)) => self.emit(Op::GetLocal, &[slot as i64]),
            Some(Place::Upvalue(i)) => self.emit(Op::GetUpval, &[i as i64]),
            Some(Place::Module(i)) => self.emit(Op::GetModVar, &[i as i64]),
            Some(Place::Builtin(i)) => self.emit(Op::GetBuiltin, &[i as i64]),
            None => {
                let message = match name {
                    "this" => "Can't use 'this' outside of a class.".to_string(),
                    SUPER => "Can't use 'super' in a class with no superclass.".to_string(),
                    _ => format!("'{name}' is not defined"),
                };
                self.error(ErrorKind::CompileNameError, span, message);
                self.emit(Op::Nil, &[]);
                return false;
            }
        }
        true
    }

    pub(crate) fn this(&mut self, e: &Expr) {
        self.load_name("this", e.span);
    }

    /// `super.method` as a value: the superclass's method bound to `this`.
    pub(crate) fn super_method(&mut self, method: &Ident, e: &Expr) {
        self.load_name("this", e.span);
        self.load_name(SUPER, e.span);
        self.set_line(e.span);
        let k = self.name_constant(&method.name, method.span);
        self.emit(Op::GetSuper, &[k]);
    }

    /// `super.method(args)`: a direct call with `this` as the receiver.
    pub(crate) fn super_invoke(&mut self, method: &Ident, args: &[Expr], e: &Expr) {
        self.load_name("this", e.span);
        for a in args {
            self.expr(a);
        }
        self.load_name(SUPER, e.span);
        self.set_line(e.span);
        let k = self.name_constant(&method.name, method.span);
        let ic = self.f().next_ic();
        self.emit(Op::SuperInvoke, &[k, args.len() as i64, ic as i64]);
    }
}
