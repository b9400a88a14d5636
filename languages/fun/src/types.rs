//! Types, type variables with levels, unification, generalization and printing.
//!
//! Type variables are mutable cells (union–find by linking), each with the `let`-level
//! at which it was created; generalization quantifies the unbound variables whose level is
//! deeper than the current one (Rémy's levels, as in OCaml), so it never scans the
//! environment. A quantified variable in a scheme is [`Ty::Gen`]; instantiation replaces
//! each with a fresh variable.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

pub type TypeId = usize;

/// The predeclared types, in the order [`crate::check::Checker::new`] declares them.
pub const INT: TypeId = 0;
pub const FLOAT: TypeId = 1;
pub const BOOL: TypeId = 2;
pub const CHAR: TypeId = 3;
pub const STRING: TypeId = 4;
pub const UNIT: TypeId = 5;
pub const LIST: TypeId = 6;
pub const ARRAY: TypeId = 7;
pub const OPTION: TypeId = 8;
pub const REF: TypeId = 9;
pub const EXN: TypeId = 10;
pub const HASHTBL: TypeId = 11;

#[derive(Debug)]
pub enum Tv {
    Unbound { id: u32, level: u32 },
    Link(Ty),
}

pub type TvRef = Rc<RefCell<Tv>>;

#[derive(Clone, Debug)]
pub enum Ty {
    Var(TvRef),
    Con(TypeId, Vec<Ty>),
    Arrow(Box<Ty>, Box<Ty>),
    Tuple(Vec<Ty>),
    /// A quantified variable of a scheme (or a type parameter of a declaration).
    Gen(u32),
}

/// A possibly polymorphic type: `Gen(0..vars)` are quantified.
#[derive(Clone, Debug)]
pub struct Scheme {
    pub vars: u32,
    pub ty: Ty,
}

impl Scheme {
    pub fn mono(ty: Ty) -> Scheme {
        Scheme { vars: 0, ty }
    }
}

pub fn con(id: TypeId) -> Ty {
    Ty::Con(id, Vec::new())
}

pub fn arrow(a: Ty, b: Ty) -> Ty {
    Ty::Arrow(Box::new(a), Box::new(b))
}

/// Follows links to the representative type (one level).
pub fn repr(t: &Ty) -> Ty {
    match t {
        Ty::Var(v) => {
            let linked = match &*v.borrow() {
                Tv::Link(t) => Some(t.clone()),
                Tv::Unbound { .. } => None,
            };
            match linked {
                Some(t) => {
                    let r = repr(&t);
                    *v.borrow_mut() = Tv::Link(r.clone());
                    r
                }
                None => t.clone(),
            }
        }
        _ => t.clone(),
    }
}

/// Why two types do not unify.
#[derive(Debug)]
pub enum UnifyError {
    Mismatch(Ty, Ty),
    /// The variable occurs inside the type it would be bound to.
    Occurs(Ty, Ty),
}

/// Makes two types equal, or says which parts differ.
pub fn unify(a: &Ty, b: &Ty) -> Result<(), UnifyError> {
    let (a, b) = (repr(a), repr(b));
    match (&a, &b) {
        (Ty::Var(x), Ty::Var(y)) if Rc::ptr_eq(x, y) => Ok(()),
        (Ty::Var(v), t) | (t, Ty::Var(v)) => {
            let level = match &*v.borrow() {
                Tv::Unbound { level, .. } => *level,
                Tv::Link(_) => unreachable!("repr returned a linked variable"),
            };
            if occurs_adjust(v, level, t) {
                return Err(UnifyError::Occurs(Ty::Var(v.clone()), t.clone()));
            }
            *v.borrow_mut() = Tv::Link(t.clone());
            Ok(())
        }
        (Ty::Con(i, xs), Ty::Con(j, ys)) if i == j && xs.len() == ys.len() => {
            for (x, y) in xs.iter().zip(ys) {
                unify(x, y).map_err(|_| UnifyError::Mismatch(a.clone(), b.clone()))?;
            }
            Ok(())
        }
        (Ty::Arrow(a1, r1), Ty::Arrow(a2, r2)) => {
            unify(a1, a2).and_then(|_| unify(r1, r2)).map_err(|e| keep_inner(e, &a, &b))
        }
        (Ty::Tuple(xs), Ty::Tuple(ys)) if xs.len() == ys.len() => {
            for (x, y) in xs.iter().zip(ys) {
                unify(x, y).map_err(|e| keep_inner(e, &a, &b))?;
            }
            Ok(())
        }
        _ => Err(UnifyError::Mismatch(a, b)),
    }
}

/// An occurs failure is reported as such; other inner failures as the outer mismatch.
fn keep_inner(e: UnifyError, a: &Ty, b: &Ty) -> UnifyError {
    match e {
        UnifyError::Occurs(..) => e,
        UnifyError::Mismatch(..) => UnifyError::Mismatch(a.clone(), b.clone()),
    }
}

/// Whether `v` occurs in `t`; lowers the levels of `t`'s variables to `level` on the way
/// (they now belong to `v`'s binding).
fn occurs_adjust(v: &TvRef, level: u32, t: &Ty) -> bool {
    match repr(t) {
        Ty::Var(w) => {
            if Rc::ptr_eq(v, &w) {
                return true;
            }
            if let Tv::Unbound { level: l, .. } = &mut *w.borrow_mut() {
                *l = (*l).min(level);
            }
            false
        }
        Ty::Con(_, args) | Ty::Tuple(args) => args.iter().any(|x| occurs_adjust(v, level, x)),
        Ty::Arrow(a, b) => occurs_adjust(v, level, &a) || occurs_adjust(v, level, &b),
        Ty::Gen(_) => false,
    }
}

/// Quantifies the variables deeper than `level`.
pub fn generalize(t: &Ty, level: u32) -> Scheme {
    let mut map: Vec<TvRef> = Vec::new();
    let ty = gen_walk(t, level, &mut map);
    Scheme { vars: map.len() as u32, ty }
}

fn gen_walk(t: &Ty, level: u32, map: &mut Vec<TvRef>) -> Ty {
    match repr(t) {
        Ty::Var(v) => {
            let deep = matches!(&*v.borrow(), Tv::Unbound { level: l, .. } if *l > level);
            if deep {
                let i = match map.iter().position(|w| Rc::ptr_eq(w, &v)) {
                    Some(i) => i,
                    None => {
                        map.push(v.clone());
                        map.len() - 1
                    }
                };
                Ty::Gen(i as u32)
            } else {
                Ty::Var(v)
            }
        }
        Ty::Con(id, args) => Ty::Con(id, args.iter().map(|a| gen_walk(a, level, map)).collect()),
        Ty::Tuple(args) => Ty::Tuple(args.iter().map(|a| gen_walk(a, level, map)).collect()),
        Ty::Arrow(a, b) => arrow(gen_walk(&a, level, map), gen_walk(&b, level, map)),
        Ty::Gen(i) => Ty::Gen(i),
    }
}

/// Replaces `Gen(i)` by `args[i]`.
pub fn subst(t: &Ty, args: &[Ty]) -> Ty {
    match t {
        Ty::Gen(i) => args.get(*i as usize).cloned().unwrap_or_else(|| t.clone()),
        Ty::Var(_) => {
            let r = repr(t);
            if matches!(r, Ty::Var(_)) {
                r
            } else {
                subst(&r, args)
            }
        }
        Ty::Con(id, xs) => Ty::Con(*id, xs.iter().map(|x| subst(x, args)).collect()),
        Ty::Tuple(xs) => Ty::Tuple(xs.iter().map(|x| subst(x, args)).collect()),
        Ty::Arrow(a, b) => arrow(subst(a, args), subst(b, args)),
    }
}

/// The arrow arity of a type: `int -> int -> int` has 2.
pub fn arity(t: &Ty) -> usize {
    match repr(t) {
        Ty::Arrow(_, b) => 1 + arity(&b),
        _ => 0,
    }
}

/// Names type variables `'a`, `'b`, ... in order of appearance, shared across the types
/// printed in one message; variables left unbound at the top level print as weak
/// (`'_weak1`).
#[derive(Default)]
pub struct Namer {
    names: Vec<(TvRef, String)>,
    gens: HashMap<u32, String>,
    next: usize,
    /// Variables that cannot be generalized (the value restriction) print as weak.
    weak_names: Vec<(TvRef, String)>,
}

impl Namer {
    /// A namer that knows the session's weak variables.
    pub fn with_weak(weak_names: Vec<(TvRef, String)>) -> Namer {
        Namer { weak_names, ..Namer::default() }
    }

    fn fresh_name(&mut self) -> String {
        let i = self.next;
        self.next += 1;
        let letter = (b'a' + (i % 26) as u8) as char;
        if i < 26 {
            format!("'{letter}")
        } else {
            format!("'{letter}{}", i / 26)
        }
    }

    fn var_name(&mut self, v: &TvRef) -> String {
        if let Some((_, n)) = self.weak_names.iter().find(|(w, _)| Rc::ptr_eq(w, v)) {
            return n.clone();
        }
        if let Some((_, n)) = self.names.iter().find(|(w, _)| Rc::ptr_eq(w, v)) {
            return n.clone();
        }
        let n = self.fresh_name();
        self.names.push((v.clone(), n.clone()));
        n
    }

    fn gen_name(&mut self, i: u32) -> String {
        if let Some(n) = self.gens.get(&i) {
            return n.clone();
        }
        let n = self.fresh_name();
        self.gens.insert(i, n.clone());
        n
    }
}

/// What the printer needs to know about declared types: their names.
pub trait TypeNames {
    fn type_name(&self, id: TypeId) -> &str;
}

/// Prints a type the way OCaml does (`int -> 'a list`, `(int * string) list`).
pub fn show(t: &Ty, names: &dyn TypeNames, namer: &mut Namer) -> String {
    show_prec(t, names, namer, 0)
}

/// Precedence: 0 = arrow position, 1 = tuple element, 2 = type argument.
fn show_prec(t: &Ty, names: &dyn TypeNames, namer: &mut Namer, prec: u8) -> String {
    match repr(t) {
        Ty::Var(v) => namer.var_name(&v),
        Ty::Gen(i) => namer.gen_name(i),
        Ty::Con(id, args) => {
            let name = names.type_name(id).to_string();
            match args.len() {
                0 => name,
                1 => format!("{} {name}", show_prec(&args[0], names, namer, 2)),
                _ => {
                    let shown: Vec<String> = args.iter().map(|a| show_prec(a, names, namer, 0)).collect();
                    format!("({}) {name}", shown.join(", "))
                }
            }
        }
        Ty::Tuple(xs) => {
            let shown: Vec<String> = xs.iter().map(|x| show_prec(x, names, namer, 2)).collect();
            let s = shown.join(" * ");
            if prec >= 2 {
                format!("({s})")
            } else {
                s
            }
        }
        Ty::Arrow(a, b) => {
            let s = format!("{} -> {}", show_prec(&a, names, namer, 1), show_prec(&b, names, namer, 0));
            if prec >= 1 {
                format!("({s})")
            } else {
                s
            }
        }
    }
}
