//! The type checker: Hindley–Milner inference with let-polymorphism (levels), the relaxed
//! value restriction, variant, record and exception declarations, and OCaml-style errors.
//!
//! ```text
//!   items ─► declarations (types, constructors, fields, exceptions, externals)
//!         ─► inference per item (infer.rs: expressions and patterns)
//!         ─► Annotations: what the lowering needs (constructor and field resolution by
//!            node, the instantiated types of variables), and the top-level schemes
//! ```
//!
//! One error per top-level item is reported (later errors in the same item are usually
//! consequences); checking goes on with the next item, whose references to the failed
//! item's names see fresh type variables.

use crate::ast::{CtorArgs, FieldDecl, Item, ItemKind, TypeDecl, TypeDeclKind, TypeExpr};
use crate::types::*;
use devvm_compiler::{Diagnostic, SourceFile, Span};
use devvm_vm::ErrorKind;
use std::collections::HashMap;
use std::sync::Arc;

pub type CtorId = usize;

/// How a constructor's values are represented at run time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repr {
    /// A constant constructor: the int `i` (its index among the type's constant ones).
    Const(i64),
    /// A constructor with arguments: a record with this tag (its index among the
    /// non-constant ones) holding the arguments.
    Block(u32),
    /// An exception constructor: an error value whose kind is the name.
    Exn,
}

#[derive(Clone, Debug)]
pub struct CtorDef {
    pub name: String,
    pub type_id: TypeId,
    /// Argument types, with `Gen(i)` for the type's parameter `i`.
    pub args: Vec<Ty>,
    pub repr: Repr,
    /// For `C of { x : t; ... }`: the inline record's field names (the arguments).
    pub record_fields: Option<Vec<String>>,
}

#[derive(Clone, Debug)]
pub struct FieldDef {
    pub name: String,
    pub ty: Ty,
    pub mutable: bool,
}

#[derive(Clone, Debug)]
pub enum DefKind {
    Abstract,
    Variant(Vec<CtorId>),
    Record(Vec<FieldDef>),
    Abbrev(Ty),
}

#[derive(Clone, Debug)]
pub struct TypeDef {
    pub name: String,
    pub params: u32,
    pub kind: DefKind,
}

/// What the lowering learns from the checker, keyed by the address of the AST node.
#[derive(Default, Debug)]
pub struct Annotations {
    pub ctors: HashMap<usize, CtorId>,
    pub fields: HashMap<usize, (TypeId, usize)>,
    pub records: HashMap<usize, TypeId>,
    pub var_types: HashMap<usize, Ty>,
}

pub fn key<T>(x: &T) -> usize {
    x as *const T as usize
}

/// What a top-level item defined, for the REPL's `val x : t` lines.
#[derive(Clone, Debug)]
pub enum TopInfo {
    Val(String, Scheme),
    Expr(Scheme),
    Type(String),
    Exn(String),
}

/// A type error, before it becomes a diagnostic.
pub struct TypeError {
    pub span: Span,
    pub message: String,
    pub kind: ErrorKind,
    /// The text under the underline, when shorter than the message.
    pub label: Option<String>,
}

pub type TResult<T> = Result<T, TypeError>;

pub fn err<T>(span: Span, message: impl Into<String>) -> TResult<T> {
    Err(TypeError { span, message: message.into(), kind: ErrorKind::StaticTypeError, label: None })
}

pub fn name_err<T>(span: Span, message: impl Into<String>) -> TResult<T> {
    Err(TypeError { span, message: message.into(), kind: ErrorKind::CompileNameError, label: None })
}

/// The checker's whole state; it persists across REPL inputs.
pub struct Checker {
    pub types: Vec<TypeDef>,
    pub type_names: HashMap<String, TypeId>,
    pub ctors: Vec<CtorDef>,
    pub ctor_names: HashMap<String, CtorId>,
    pub field_names: HashMap<String, (TypeId, usize)>,
    env: HashMap<String, Vec<Scheme>>,
    scope_log: Vec<String>,
    pub level: u32,
    next_var: u32,
    /// Type variables named in annotations of the current item (`'a`).
    pub(crate) annot_vars: HashMap<String, Ty>,
    pub annotations: Annotations,
    pub warnings: Vec<(Span, String)>,
    /// Whether `List.map`-style qualified names may be defined (the prelude).
    pub allow_qualified: bool,
    pub weak_names: Vec<(TvRef, String)>,
}

impl TypeNames for Checker {
    fn type_name(&self, id: TypeId) -> &str {
        self.types.get(id).map_or("?", |t| t.name.as_str())
    }
}

impl Default for Checker {
    fn default() -> Self {
        Checker::new()
    }
}

impl Checker {
    pub fn new() -> Checker {
        let mut c = Checker::empty();
        for (name, params) in [
            ("int", 0),
            ("float", 0),
            ("bool", 0),
            ("char", 0),
            ("string", 0),
            ("unit", 0),
            ("list", 1),
            ("array", 1),
            ("option", 1),
            ("ref", 1),
            ("exn", 0),
            ("Hashtbl.t", 2),
        ] {
            c.declare_type(name, params, DefKind::Abstract);
        }
        let a = Ty::Gen(0);
        let nil = c.add_ctor("[]", LIST, vec![], Repr::Const(0), None);
        let cons = c.add_ctor("::", LIST, vec![a.clone(), Ty::Con(LIST, vec![a.clone()])], Repr::Block(0), None);
        c.types[LIST].kind = DefKind::Variant(vec![nil, cons]);
        let none = c.add_ctor("None", OPTION, vec![], Repr::Const(0), None);
        let some = c.add_ctor("Some", OPTION, vec![a.clone()], Repr::Block(0), None);
        c.types[OPTION].kind = DefKind::Variant(vec![none, some]);
        c.types[REF].kind = DefKind::Record(vec![FieldDef { name: "contents".into(), ty: a, mutable: true }]);
        c.field_names.insert("contents".into(), (REF, 0));
        let s = con(STRING);
        let loc = Ty::Tuple(vec![con(STRING), con(INT), con(INT)]);
        for (name, args) in [
            ("Not_found", vec![]),
            ("Failure", vec![s.clone()]),
            ("Invalid_argument", vec![s]),
            ("Division_by_zero", vec![]),
            ("Overflow", vec![]),
            ("Stack_overflow", vec![]),
            ("Exit", vec![]),
            ("End_of_file", vec![]),
            ("Match_failure", vec![loc.clone()]),
            ("Assert_failure", vec![loc]),
        ] {
            c.add_ctor(name, EXN, args, Repr::Exn, None);
        }
        c
    }

    fn declare_type(&mut self, name: &str, params: u32, kind: DefKind) -> TypeId {
        self.types.push(TypeDef { name: name.to_string(), params, kind });
        let id = self.types.len() - 1;
        self.type_names.insert(name.to_string(), id);
        id
    }

    fn add_ctor(
        &mut self,
        name: &str,
        type_id: TypeId,
        args: Vec<Ty>,
        repr: Repr,
        fields: Option<Vec<String>>,
    ) -> CtorId {
        self.ctors.push(CtorDef { name: name.to_string(), type_id, args, repr, record_fields: fields });
        let id = self.ctors.len() - 1;
        self.ctor_names.insert(name.to_string(), id);
        id
    }

    // ----- type variables and the environment ----------------------------------------

    pub fn fresh(&mut self) -> Ty {
        self.next_var += 1;
        Ty::Var(std::rc::Rc::new(std::cell::RefCell::new(Tv::Unbound { id: self.next_var, level: self.level })))
    }

    pub fn instantiate(&mut self, s: &Scheme) -> Ty {
        if s.vars == 0 {
            return s.ty.clone();
        }
        let args: Vec<Ty> = (0..s.vars).map(|_| self.fresh()).collect();
        subst(&s.ty, &args)
    }

    pub fn bind(&mut self, name: &str, s: Scheme) {
        self.env.entry(name.to_string()).or_default().push(s);
        self.scope_log.push(name.to_string());
    }

    pub fn lookup(&self, name: &str) -> Option<&Scheme> {
        self.env.get(name).and_then(|v| v.last())
    }

    pub fn mark(&self) -> usize {
        self.scope_log.len()
    }

    pub fn restore(&mut self, mark: usize) {
        while self.scope_log.len() > mark {
            let name = self.scope_log.pop().expect("log is longer than the mark");
            if let Some(v) = self.env.get_mut(&name) {
                v.pop();
            }
        }
    }

    /// Generalizes at the current level; an expansive expression only generalizes the
    /// variables that occur covariantly (OCaml's relaxed value restriction).
    pub fn generalize_for(&self, t: &Ty, nonexpansive: bool) -> Scheme {
        if nonexpansive {
            return generalize(t, self.level);
        }
        let mut bad = Vec::new();
        self.noncovariant_vars(t, true, &mut bad);
        // The non-covariant variables move to the current level, so they stay weak.
        for v in &bad {
            if let Tv::Unbound { level, .. } = &mut *v.borrow_mut() {
                *level = (*level).min(self.level);
            }
        }
        generalize(t, self.level)
    }

    /// Collects the variables of `t` that occur in a position that is not covariant.
    fn noncovariant_vars(&self, t: &Ty, covariant: bool, out: &mut Vec<TvRef>) {
        match repr(t) {
            Ty::Var(v) => {
                if !covariant && !out.iter().any(|w| std::rc::Rc::ptr_eq(w, &v)) {
                    out.push(v);
                }
            }
            Ty::Arrow(a, b) => {
                self.noncovariant_vars(&a, false, out);
                self.noncovariant_vars(&b, covariant, out);
            }
            Ty::Tuple(xs) => xs.iter().for_each(|x| self.noncovariant_vars(x, covariant, out)),
            Ty::Con(id, args) => {
                let invariant = self.is_invariant(id);
                for a in &args {
                    self.noncovariant_vars(a, covariant && !invariant, out);
                }
            }
            Ty::Gen(_) => {}
        }
    }

    /// Whether a type constructor is invariant in its parameters (it holds mutable state,
    /// or functions whose variance we do not compute).
    fn is_invariant(&self, id: TypeId) -> bool {
        match id {
            ARRAY | REF | HASHTBL => true,
            LIST | OPTION => false,
            _ => match &self.types[id].kind {
                DefKind::Record(fields) => fields.iter().any(|f| f.mutable || matches!(f.ty, Ty::Arrow(..))),
                DefKind::Variant(ctors) => {
                    ctors.iter().any(|c| self.ctors[*c].args.iter().any(|a| matches!(a, Ty::Arrow(..))))
                }
                DefKind::Abbrev(_) | DefKind::Abstract => true,
            },
        }
    }

    pub fn show(&self, t: &Ty) -> String {
        let mut namer = Namer::with_weak(self.weak_names.clone());
        show(t, self, &mut namer)
    }

    /// Two types printed with one naming of their variables.
    pub fn show2(&self, a: &Ty, b: &Ty) -> (String, String) {
        let mut namer = Namer::with_weak(self.weak_names.clone());
        (show(a, self, &mut namer), show(b, self, &mut namer))
    }

    /// A top-level scheme for printing: unbound variables left in it are weak and get a
    /// lasting `'_weakN` name.
    pub fn show_top(&mut self, s: &Scheme) -> String {
        let mut vars = Vec::new();
        collect_unbound(&s.ty, &mut vars);
        for v in vars {
            if !self.weak_names.iter().any(|(w, _)| std::rc::Rc::ptr_eq(w, &v)) {
                let n = format!("'_weak{}", self.weak_names.len() + 1);
                self.weak_names.push((v, n));
            }
        }
        self.show(&s.ty)
    }

    /// Unifies `actual` (the type of the expression at `span`) with `expected`.
    pub fn expect(&mut self, span: Span, actual: &Ty, expected: &Ty) -> TResult<()> {
        match unify(actual, expected) {
            Ok(()) => Ok(()),
            Err(e) => {
                let mut namer = Namer::with_weak(self.weak_names.clone());
                let a = show(actual, self, &mut namer);
                let b = show(expected, self, &mut namer);
                let mut msg = format!("This expression has type {a} but an expression was expected of type {b}");
                if let UnifyError::Occurs(v, t) = e {
                    let v = show(&v, self, &mut namer);
                    let t = show(&t, self, &mut namer);
                    msg.push_str(&format!(". The type variable {v} occurs inside {t}"));
                }
                Err(TypeError {
                    span,
                    message: msg,
                    kind: ErrorKind::StaticTypeError,
                    label: Some(format!("this expression has type {a}")),
                })
            }
        }
    }

    // ----- type expressions ------------------------------------------------------------

    /// Converts a written type. `params` names the declaration's parameters (`Gen(i)`);
    /// other variables are the item's annotation variables.
    pub fn convert(&mut self, t: &TypeExpr, params: Option<&[String]>) -> TResult<Ty> {
        match t {
            TypeExpr::Var(name, span) => {
                if let Some(ps) = params {
                    return match ps.iter().position(|p| p == name) {
                        Some(i) => Ok(Ty::Gen(i as u32)),
                        None => err(*span, format!("The type variable '{name} is unbound in this type declaration")),
                    };
                }
                if let Some(t) = self.annot_vars.get(name) {
                    return Ok(t.clone());
                }
                let v = self.fresh();
                self.annot_vars.insert(name.clone(), v.clone());
                Ok(v)
            }
            TypeExpr::Tuple(xs) => Ok(Ty::Tuple(xs.iter().map(|x| self.convert(x, params)).collect::<TResult<_>>()?)),
            TypeExpr::Arrow(a, b) => Ok(arrow(self.convert(a, params)?, self.convert(b, params)?)),
            TypeExpr::Con(name, args, span) => {
                let Some(&id) = self.type_names.get(name) else {
                    return name_err(*span, format!("Unbound type constructor {name}"));
                };
                let def = &self.types[id];
                if def.params as usize != args.len() {
                    return err(
                        *span,
                        format!(
                            "The type constructor {name} expects {} argument(s), but is here applied to {} argument(s)",
                            def.params,
                            args.len()
                        ),
                    );
                }
                let abbrev = match &def.kind {
                    DefKind::Abbrev(t) => Some(t.clone()),
                    _ => None,
                };
                let args: Vec<Ty> = args.iter().map(|a| self.convert(a, params)).collect::<TResult<_>>()?;
                Ok(match abbrev {
                    Some(body) => subst(&body, &args),
                    None => Ty::Con(id, args),
                })
            }
        }
    }

    /// Converts a type that has already been checked (an external's), at a fresh level.
    pub fn convert_quiet(&self, t: &TypeExpr) -> Ty {
        let mut scratch =
            Checker { types: self.types.clone(), type_names: self.type_names.clone(), ..Checker::empty() };
        scratch.convert(t, None).unwrap_or_else(|_| con(UNIT))
    }

    fn empty() -> Checker {
        Checker {
            types: Vec::new(),
            type_names: HashMap::new(),
            ctors: Vec::new(),
            ctor_names: HashMap::new(),
            field_names: HashMap::new(),
            env: HashMap::new(),
            scope_log: Vec::new(),
            level: 0,
            next_var: 0,
            annot_vars: HashMap::new(),
            annotations: Annotations::default(),
            warnings: Vec::new(),
            allow_qualified: false,
            weak_names: Vec::new(),
        }
    }

    // ----- declarations ----------------------------------------------------------------

    /// `type ... and ...`: names first (so the declarations may refer to each other), then
    /// constructors and fields.
    fn declare_types(&mut self, decls: &[TypeDecl]) -> TResult<Vec<TopInfo>> {
        let mut ids = Vec::new();
        for d in decls {
            if ids.iter().any(|(_, n): &(TypeId, &str)| *n == d.name) {
                return err(d.span, format!("Multiple definition of the type name {}", d.name));
            }
            let id = self.declare_type(&d.name, d.params.len() as u32, DefKind::Abstract);
            ids.push((id, d.name.as_str()));
        }
        let mut out = Vec::new();
        for (d, (id, _)) in decls.iter().zip(&ids) {
            let params = &d.params;
            let kind = match &d.kind {
                TypeDeclKind::Abbrev(t) => DefKind::Abbrev(self.convert(t, Some(params))?),
                TypeDeclKind::Record(fields) => {
                    let fs = self.field_defs(fields, params)?;
                    for (i, f) in fs.iter().enumerate() {
                        self.field_names.insert(f.name.clone(), (*id, i));
                    }
                    DefKind::Record(fs)
                }
                TypeDeclKind::Variant(ctors) => {
                    let mut list = Vec::new();
                    let (mut consts, mut blocks) = (0i64, 0u32);
                    for c in ctors {
                        if ctors.iter().filter(|o| o.name == c.name).count() > 1 {
                            return err(c.span, format!("Two constructors are named {}", c.name));
                        }
                        let (args, fields) = match &c.args {
                            CtorArgs::Tuple(ts) => {
                                (ts.iter().map(|t| self.convert(t, Some(params))).collect::<TResult<Vec<_>>>()?, None)
                            }
                            CtorArgs::Record(fs) => {
                                let defs = self.field_defs(fs, params)?;
                                let names = defs.iter().map(|f| f.name.clone()).collect();
                                (defs.into_iter().map(|f| f.ty).collect(), Some(names))
                            }
                        };
                        let repr = if args.is_empty() {
                            consts += 1;
                            Repr::Const(consts - 1)
                        } else {
                            blocks += 1;
                            Repr::Block(blocks - 1)
                        };
                        list.push(self.add_ctor(&c.name, *id, args, repr, fields));
                    }
                    DefKind::Variant(list)
                }
            };
            // An abbreviation that names itself (`type t = t list`) is cyclic.
            if let DefKind::Abbrev(t) = &kind {
                if mentions(t, *id) {
                    return err(d.span, format!("The type abbreviation {} is cyclic", d.name));
                }
            }
            self.types[*id].kind = kind;
            out.push(TopInfo::Type(d.name.clone()));
        }
        Ok(out)
    }

    fn field_defs(&mut self, fields: &[FieldDecl], params: &[String]) -> TResult<Vec<FieldDef>> {
        let mut out: Vec<FieldDef> = Vec::new();
        for f in fields {
            if out.iter().any(|o| o.name == f.name) {
                return err(f.span, format!("The field {} is defined several times in this record type", f.name));
            }
            out.push(FieldDef { name: f.name.clone(), ty: self.convert(&f.ty, Some(params))?, mutable: f.mutable });
        }
        Ok(out)
    }

    // ----- items -------------------------------------------------------------------------

    /// Checks a whole file (or one REPL input); returns the diagnostics and what each
    /// item defined.
    pub fn check_items(&mut self, file: &Arc<SourceFile>, items: &[Item]) -> (Vec<Diagnostic>, Vec<TopInfo>) {
        let mut diags = Vec::new();
        let mut infos = Vec::new();
        for item in items {
            self.annot_vars.clear();
            let mark = self.mark();
            match self.check_item(item) {
                Ok(mut info) => infos.append(&mut info),
                Err(e) => {
                    // Undo partial bindings, then bind the item's names to fresh types so
                    // later items do not report them as unbound.
                    self.restore(mark);
                    if let ItemKind::Let { bindings, .. } = &item.kind {
                        for b in bindings {
                            for name in crate::infer::pattern_vars(&b.pat) {
                                let v = self.fresh();
                                self.bind(&name, Scheme::mono(v));
                            }
                        }
                    }
                    let mut d = Diagnostic::error(e.kind, file, e.span, e.message);
                    if let Some(l) = e.label {
                        d = d.with_label(l);
                    }
                    diags.push(d);
                    if diags.len() >= devvm_compiler::diag::MAX_ERRORS {
                        break;
                    }
                }
            }
        }
        (diags, infos)
    }

    fn check_item(&mut self, item: &Item) -> TResult<Vec<TopInfo>> {
        match &item.kind {
            ItemKind::Let { rec, bindings } => {
                let bound = self.let_bindings(*rec, bindings)?;
                Ok(bound.into_iter().map(|(n, s)| TopInfo::Val(n, s)).collect())
            }
            ItemKind::Expr(e) => {
                self.level += 1;
                let t = self.infer(e);
                self.level -= 1;
                let t = t?;
                Ok(vec![TopInfo::Expr(self.generalize_for(&t, crate::infer::nonexpansive(e)))])
            }
            ItemKind::Type(decls) => self.declare_types(decls),
            ItemKind::Exception { name, args } => {
                let args = args.iter().map(|t| self.convert(t, Some(&[]))).collect::<TResult<Vec<_>>>()?;
                self.add_ctor(name, EXN, args, Repr::Exn, None);
                Ok(vec![TopInfo::Exn(name.clone())])
            }
            ItemKind::External { name, ty, module, .. } => {
                if module.is_empty() && !self.allow_qualified {
                    return err(
                        item.span,
                        "an external needs a module path and an export name: external f : t = \"file.dvs\" \"name\"",
                    );
                }
                self.level += 1;
                let t = self.convert(ty, None)?;
                self.level -= 1;
                let s = generalize(&t, self.level);
                self.bind(name, s.clone());
                Ok(vec![TopInfo::Val(name.clone(), s)])
            }
        }
    }
}

/// The unbound variables of a type.
fn collect_unbound(t: &Ty, out: &mut Vec<TvRef>) {
    match repr(t) {
        Ty::Var(v) => {
            if !out.iter().any(|w| std::rc::Rc::ptr_eq(w, &v)) {
                out.push(v)
            }
        }
        Ty::Arrow(a, b) => {
            collect_unbound(&a, out);
            collect_unbound(&b, out);
        }
        Ty::Tuple(xs) | Ty::Con(_, xs) => xs.iter().for_each(|x| collect_unbound(x, out)),
        Ty::Gen(_) => {}
    }
}

fn mentions(t: &Ty, id: TypeId) -> bool {
    match t {
        Ty::Con(i, args) => *i == id || args.iter().any(|a| mentions(a, id)),
        Ty::Tuple(xs) => xs.iter().any(|x| mentions(x, id)),
        Ty::Arrow(a, b) => mentions(a, id) || mentions(b, id),
        _ => false,
    }
}
