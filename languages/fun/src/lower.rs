//! Lowering: the checked surface tree to the core AST, with typed operations.
//!
//! ```text
//!   items ─► top-level names made unique (a redefinition must not change what earlier
//!            closures see) ─► statements (module variables, hoisted functions)
//!   expr  ─► core expressions: typed int/float ops, tagged records for tuples, records
//!            and constructors, direct n-ary calls of known functions, curried one-argument
//!            closures for function values, `match` through the decision-tree compiler
//!            (matchc.rs), exceptions as error values
//! ```
//!
//! Calling convention: a function of n parameters (`let f x y = ...`, `fun x y -> ...`,
//! `fun x -> fun y -> ...`) is one core function of arity n, and its value is that
//! closure. A known function applied to exactly n arguments is called directly
//! (over-application calls it and applies the result to the rest, partial application
//! builds one closure over the given arguments). A function value of unknown arity is
//! applied with all its arguments at once by `APPLY` (core `Apply`), which decides at run
//! time between the direct call, a partial application and an over-application.

use crate::ast::{Binding, Const, Expr, ExprKind, Item, ItemKind, PatKind, Pattern};
use crate::check::{key, Checker, DefKind, Repr};
use crate::types::{self, repr, Ty};
use devvm_compiler::core::{self, AssignTarget, ExprKind as K, FnDef, Ident, Stmt, StmtKind, TypedOp, UnaryOp};
use devvm_compiler::Span;
use std::collections::HashMap;

/// What a name stands for.
#[derive(Clone, Debug)]
pub enum Val {
    /// A variable holding a value; `arity` > 0 when it is known to hold a core function
    /// of that many parameters.
    Var { core: String, arity: usize },
    /// A primitive operation (`%add`, `%raise`, ...).
    Prim(&'static str, usize),
    /// A native function of the runtime (`fun:NAME`).
    Native { name: String, arity: usize },
}

/// The lowering state; persists across REPL inputs.
#[derive(Default)]
pub struct Lowerer {
    scopes: HashMap<String, Vec<Val>>,
    log: Vec<String>,
    counter: usize,
    /// How many more times each top-level name is defined later in the current unit.
    later_defs: HashMap<String, usize>,
    /// Core names already used for module variables.
    used_module_names: HashMap<String, usize>,
    pub file_name: String,
    pub source: Option<std::sync::Arc<devvm_compiler::SourceFile>>,
    pub warnings: Vec<(Span, String)>,
    /// How many user functions enclose the code being lowered (0: a unit's top level).
    fn_depth: usize,
    /// The function depth each core local was bound at: a local of the function being
    /// lowered is read by `GET_LOCAL` (and the fused `LOCAL_*` forms), an enclosing
    /// function's through an upvalue.
    local_depth: HashMap<String, usize>,
}

pub fn mk(kind: K, span: Span) -> core::Expr {
    core::Expr::new(kind, span)
}

pub fn var(name: &str, span: Span) -> core::Expr {
    mk(K::Var(Ident::new(name, span)), span)
}

pub fn stmt(kind: StmtKind, span: Span) -> Stmt {
    Stmt { kind, span }
}

pub fn block(stmts: Vec<Stmt>, value: core::Expr, span: Span) -> core::Expr {
    if stmts.is_empty() {
        return value;
    }
    mk(K::Block { stmts, value: Some(Box::new(value)) }, span)
}

pub fn call(f: core::Expr, args: Vec<core::Expr>, tail: bool, span: Span) -> core::Expr {
    mk(K::Call { callee: Box::new(f), args, tail }, span)
}

pub fn typed(op: TypedOp, args: Vec<core::Expr>, span: Span) -> core::Expr {
    mk(K::Typed { op, args }, span)
}

pub fn native(name: &str, args: Vec<core::Expr>, span: Span) -> core::Expr {
    call(var(&format!("fun:{name}"), span), args, false, span)
}

pub fn str_lit(s: &str, span: Span) -> core::Expr {
    mk(K::Str(s.to_string()), span)
}

/// A one-statement function body that returns `e`.
pub fn fn_body(e: core::Expr) -> core::Block {
    let span = e.span;
    core::Block { stmts: vec![stmt(StmtKind::Return(Some(e)), span)], span }
}

pub fn lambda(params: Vec<String>, body: core::Expr, span: Span) -> core::Expr {
    let def = FnDef {
        name: Ident::new("", span),
        params: params.into_iter().map(|p| Ident::new(p, span)).collect(),
        body: fn_body(body),
        span,
    };
    mk(K::Function(Box::new(def)), span)
}

/// `throw e` as an expression.
pub fn throw(e: core::Expr, span: Span) -> core::Expr {
    mk(K::Block { stmts: vec![stmt(StmtKind::Throw(e), span)], value: None }, span)
}

impl Lowerer {
    pub fn new(file_name: &str) -> Lowerer {
        Lowerer { file_name: file_name.to_string(), ..Lowerer::default() }
    }

    pub fn fresh(&mut self, what: &str) -> String {
        self.counter += 1;
        format!("%{what}{}", self.counter)
    }

    fn bind(&mut self, name: &str, v: Val) {
        self.scopes.entry(name.to_string()).or_default().push(v);
        self.log.push(name.to_string());
    }

    fn mark(&self) -> usize {
        self.log.len()
    }

    pub(crate) fn mark_pub(&self) -> usize {
        self.mark()
    }

    pub(crate) fn restore_pub(&mut self, mark: usize) {
        self.restore(mark)
    }

    fn restore(&mut self, mark: usize) {
        while self.log.len() > mark {
            let n = self.log.pop().expect("log longer than mark");
            if let Some(v) = self.scopes.get_mut(&n) {
                v.pop();
            }
        }
    }

    pub fn lookup(&self, name: &str) -> Option<&Val> {
        self.scopes.get(name).and_then(|v| v.last())
    }

    /// Binds a user variable to a fresh core local name.
    pub(crate) fn bind_local(&mut self, name: &str, arity: usize) -> String {
        let core = if name.starts_with('%') { name.to_string() } else { format!("{name}%{}", self.fresh("")) };
        self.bind(name, Val::Var { core: core.clone(), arity });
        self.local_depth.insert(core.clone(), self.fn_depth);
        core
    }

    /// Whether core variable `core` is a local of the function being lowered (bound by
    /// `bind_local` or a parameter temporary, never assigned but by `loopify`'s self tail
    /// calls, and unique: core names are fresh).
    pub(crate) fn is_own_local(&self, core: &str) -> bool {
        self.local_depth.get(core) == Some(&self.fn_depth)
    }

    /// A fresh parameter temporary of the function being lowered.
    fn fresh_param(&mut self) -> String {
        let tmp = self.fresh("arg");
        self.local_depth.insert(tmp.clone(), self.fn_depth);
        tmp
    }

    /// Binds a user variable to an existing core local that is never assigned (a match
    /// temporary), so reading the variable reads it.
    pub(crate) fn bind_alias(&mut self, name: &str, core: &str) {
        self.bind(name, Val::Var { core: core.to_string(), arity: 0 });
    }

    /// The core name of a top-level binding: the plain name for the last definition of
    /// the unit (the one other languages see), a unique one for earlier definitions.
    fn top_name(&mut self, name: &str) -> String {
        let later = self.later_defs.get_mut(name).map(|n| {
            *n -= 1;
            *n
        });
        let count = self.used_module_names.entry(name.to_string()).or_insert(0);
        *count += 1;
        if later.unwrap_or(0) == 0 && *count == 1 {
            name.to_string()
        } else {
            format!("{name}%{}", self.fresh("top"))
        }
    }

    // ----- items ---------------------------------------------------------------------

    /// Lowers a unit (a file, the prelude, or a REPL input) into module statements.
    pub fn lower_items(&mut self, ck: &Checker, items: &[Item]) -> Vec<Stmt> {
        self.later_defs.clear();
        for item in items {
            if let ItemKind::Let { bindings, .. } = &item.kind {
                for b in bindings {
                    for n in crate::infer::pattern_vars(&b.pat) {
                        *self.later_defs.entry(n).or_insert(0) += 1;
                    }
                }
            }
            if let ItemKind::External { name, .. } = &item.kind {
                *self.later_defs.entry(name.clone()).or_insert(0) += 1;
            }
        }
        let mut out = Vec::new();
        for item in items {
            self.item(ck, item, &mut out);
        }
        out
    }

    fn item(&mut self, ck: &Checker, item: &Item, out: &mut Vec<Stmt>) {
        let span = item.span;
        match &item.kind {
            ItemKind::Type(_) | ItemKind::Exception { .. } => {}
            ItemKind::Expr(e) => {
                let v = self.expr(ck, e, false);
                out.push(stmt(StmtKind::Expr(v), span));
            }
            ItemKind::External { name, ty, module, export } => {
                let arity = crate::types::arity(&ck.convert_quiet(ty));
                if module.is_empty() {
                    if let Some(p) = export.strip_prefix('%') {
                        let prim: &'static str = crate::prims::canonical(p);
                        self.bind(name, Val::Prim(prim, arity));
                    } else {
                        self.bind(name, Val::Native { name: export.clone(), arity });
                    }
                    return;
                }
                let alias = self.fresh("import");
                out.push(stmt(
                    StmtKind::Import { path: core::ImportPath::File(module.clone()), alias: Ident::new(&alias, span) },
                    span,
                ));
                let core_name = self.top_name(name);
                let field = mk(K::Field { object: Box::new(var(&alias, span)), name: Ident::new(export, span) }, span);
                // The declared type is trusted statically and checked at the boundary: the
                // value coming back must have the declared result type.
                let ty = ck.convert_quiet(ty);
                let result = boundary_kind(&ty, arity);
                if arity == 0 {
                    let checked = native("check_value", vec![str_lit(result, span), field], span);
                    out.push(stmt(StmtKind::Let { name: Ident::new(&core_name, span), init: Some(checked) }, span));
                } else {
                    let raw = self.fresh("extern");
                    out.push(stmt(StmtKind::Let { name: Ident::new(&raw, span), init: Some(field) }, span));
                    let params: Vec<String> = (0..arity).map(|_| self.fresh("x")).collect();
                    // `APPLY`, not a call of that arity: the declared type cannot say
                    // whether the function takes all its arguments or returns a function
                    // (`int -> (int -> int)` is `int -> int -> int`).
                    let args = params.iter().map(|p| var(p, span)).collect();
                    let inner = mk(K::Apply { callee: Box::new(var(&raw, span)), args, tail: false }, span);
                    let body = native("check_value", vec![str_lit(result, span), inner], span);
                    let def = FnDef {
                        name: Ident::new(&core_name, span),
                        params: params.iter().map(|p| Ident::new(p, span)).collect(),
                        body: fn_body(body),
                        span,
                    };
                    out.push(stmt(StmtKind::Functions(vec![def]), span));
                }
                self.bind(name, Val::Var { core: core_name, arity });
            }
            ItemKind::Let { rec, bindings } => self.top_let(ck, *rec, bindings, span, out),
        }
    }

    fn top_let(&mut self, ck: &Checker, rec: bool, bindings: &[Binding], span: Span, out: &mut Vec<Stmt>) {
        if rec {
            let names: Vec<(String, usize)> = bindings
                .iter()
                .map(|b| {
                    let PatKind::Var(n) = &b.pat.kind else { unreachable!("checked: let rec binds variables") };
                    let core = self.top_name(n);
                    let arity = fun_arity(&b.expr);
                    self.bind(n, Val::Var { core: core.clone(), arity });
                    (core, arity)
                })
                .collect();
            let defs = bindings.iter().zip(&names).map(|(b, (core, _))| self.fn_def(ck, core, &b.expr)).collect();
            out.push(stmt(StmtKind::Functions(defs), span));
            return;
        }
        // Non-recursive: all right-hand sides see the outer names.
        let mut pending = Vec::new();
        for b in bindings {
            match &b.pat.kind {
                PatKind::Var(n) if fun_arity(&b.expr) > 0 => {
                    let core = self.top_name(n);
                    let def = self.fn_def(ck, &core, &b.expr);
                    out.push(stmt(StmtKind::Functions(vec![def]), b.span));
                    pending.push((n.clone(), Val::Var { core, arity: fun_arity(&b.expr) }));
                }
                PatKind::Var(n) => {
                    let init = self.expr(ck, &b.expr, false);
                    let core = self.top_name(n);
                    out.push(stmt(StmtKind::Let { name: Ident::new(&core, b.span), init: Some(init) }, b.span));
                    pending.push((n.clone(), Val::Var { core, arity: 0 }));
                }
                PatKind::Any => {
                    let v = self.expr(ck, &b.expr, false);
                    out.push(stmt(StmtKind::Expr(v), b.span));
                }
                _ => {
                    // A destructuring binding: match into hidden locals, then copy each
                    // variable out to its module variable.
                    let tmp = self.fresh("top");
                    let init = self.expr(ck, &b.expr, false);
                    out.push(stmt(StmtKind::Let { name: Ident::new(&tmp, b.span), init: Some(init) }, b.span));
                    let vars = crate::infer::pattern_vars(&b.pat);
                    let names = vars.clone();
                    let mut action = |l: &mut Lowerer| {
                        let fields = names
                            .iter()
                            .map(|n| match l.lookup(n) {
                                Some(Val::Var { core, .. }) => var(core, b.span),
                                _ => mk(K::Nil, b.span),
                            })
                            .collect();
                        mk(K::MakeRecord { tag: 0, fields }, b.span)
                    };
                    let m = crate::matchc::compile_bind(self, ck, &b.pat, var(&tmp, b.span), &mut action, b.span);
                    let tuple_name = self.fresh("top");
                    out.push(stmt(StmtKind::Let { name: Ident::new(&tuple_name, b.span), init: Some(m) }, b.span));
                    for (i, v) in vars.iter().enumerate() {
                        let core = self.top_name(v);
                        let get = mk(K::GetSlot { object: Box::new(var(&tuple_name, b.span)), slot: i as u16 }, b.span);
                        out.push(stmt(StmtKind::Let { name: Ident::new(&core, b.span), init: Some(get) }, b.span));
                        pending.push((v.clone(), Val::Var { core, arity: 0 }));
                    }
                }
            }
        }
        for (n, v) in pending {
            self.bind(&n, v);
        }
        let _ = span;
    }

    /// A core function for `fun p1 ... pn -> body` (through annotations).
    pub(crate) fn fn_def(&mut self, ck: &Checker, name: &str, e: &Expr) -> FnDef {
        let (params, body) = fun_parts(e);
        let span = e.span;
        let mark = self.mark();
        self.fn_depth += 1;
        let mut core_params = Vec::new();
        let mut destructure = Vec::new();
        for p in params {
            match &p.kind {
                PatKind::Var(n) => core_params.push(self.bind_local(n, 0)),
                _ => {
                    let tmp = self.fresh_param();
                    core_params.push(tmp.clone());
                    destructure.push((p, tmp));
                }
            }
        }
        let body_core = match body {
            FunBody::Expr(b) => self.with_patterns(ck, &destructure, b, true),
            FunBody::Cases(cases) => {
                // `function` cases as the last parameter.
                let tmp = self.fresh_param();
                core_params.push(tmp.clone());
                let inner = crate::matchc::compile_match(self, ck, var(&tmp, span), cases, true, span, false);
                self.wrap_patterns(ck, &destructure, inner, span)
            }
        };
        self.fn_depth -= 1;
        self.restore(mark);
        let mut def = FnDef {
            name: Ident::new(name, span),
            params: core_params.into_iter().map(|p| Ident::new(p, span)).collect(),
            body: fn_body(body_core),
            span,
        };
        crate::loopify::loopify(&mut def);
        def
    }

    /// Lowers `body` with the parameter patterns destructured first.
    fn with_patterns(&mut self, ck: &Checker, pats: &[(&Pattern, String)], body: &Expr, tail: bool) -> core::Expr {
        if pats.is_empty() {
            return self.expr(ck, body, tail);
        }
        let (p, tmp) = &pats[0];
        let rest = &pats[1..];
        let span = body.span;
        let mut action = |l: &mut Lowerer| l.with_patterns(ck, rest, body, tail);
        crate::matchc::compile_bind(self, ck, p, var(tmp, span), &mut action, span)
    }

    fn wrap_patterns(
        &mut self,
        ck: &Checker,
        pats: &[(&Pattern, String)],
        inner: core::Expr,
        span: Span,
    ) -> core::Expr {
        if pats.is_empty() {
            return inner;
        }
        let mut inner = Some(inner);
        let (p, tmp) = &pats[0];
        let rest = pats[1..].to_vec();
        let mut action = |l: &mut Lowerer| {
            let i = inner.take().expect("the action runs once per parameter pattern");
            l.wrap_patterns(ck, &rest, i, span)
        };
        crate::matchc::compile_bind(self, ck, p, var(tmp, span), &mut action, span)
    }

    // ----- expressions -----------------------------------------------------------------

    pub fn expr(&mut self, ck: &Checker, e: &Expr, tail: bool) -> core::Expr {
        let span = e.span;
        match &e.kind {
            ExprKind::Const(c) => const_expr(c, span),
            ExprKind::Var(name) => self.var_value(ck, e, name),
            ExprKind::Ctor(name, arg) => self.ctor(ck, e, name, arg.as_deref()),
            ExprKind::Apply(f, args) => self.apply(ck, e, f, args, tail),
            ExprKind::Fun(..) => self.fun_value(ck, e),
            ExprKind::Function(cases) => {
                let tmp = self.fresh("arg");
                let body = crate::matchc::compile_match(self, ck, var(&tmp, span), cases, true, span, false);
                lambda(vec![tmp], body, span)
            }
            ExprKind::Let { rec, bindings, body } => self.let_in(ck, *rec, bindings, body, tail),
            ExprKind::If(c, a, b) => {
                let c = self.expr(ck, c, false);
                let a = self.expr(ck, a, tail);
                let b = match b {
                    Some(b) => self.expr(ck, b, tail),
                    None => mk(K::Nil, span),
                };
                mk(K::If { cond: Box::new(c), then: Box::new(a), otherwise: Some(Box::new(b)) }, span)
            }
            ExprKind::Match(s, cases) => {
                let s = self.expr(ck, s, false);
                crate::matchc::compile_match(self, ck, s, cases, tail, span, false)
            }
            ExprKind::Try(body, cases) => self.try_with(ck, body, cases, span),
            ExprKind::Tuple(xs) => {
                let fields = xs.iter().map(|x| self.expr(ck, x, false)).collect();
                mk(K::MakeRecord { tag: 0, fields }, span)
            }
            ExprKind::List(xs) => {
                let items: Vec<core::Expr> = xs.iter().map(|x| self.expr(ck, x, false)).collect();
                if items.len() > 8 {
                    return native("list_of_array", vec![mk(K::List(items), span)], span);
                }
                let mut acc = mk(K::Int(0), span);
                for it in items.into_iter().rev() {
                    acc = mk(K::MakeRecord { tag: 0, fields: vec![it, acc] }, span);
                }
                acc
            }
            ExprKind::Array(xs) => mk(K::List(xs.iter().map(|x| self.expr(ck, x, false)).collect()), span),
            ExprKind::Record(fields, base) => self.record(ck, e, fields, base.as_deref()),
            ExprKind::Field(obj, _, _) => {
                let (_, slot) = ck.annotations.fields[&key(e)];
                let o = self.expr(ck, obj, false);
                mk(K::GetSlot { object: Box::new(o), slot: slot as u16 }, span)
            }
            ExprKind::SetField(obj, _, _, v) => {
                let (_, slot) = ck.annotations.fields[&key(e)];
                let o = self.expr(ck, obj, false);
                let v = self.expr(ck, v, false);
                let target = AssignTarget::Slot { object: Box::new(o), slot: slot as u16 };
                unit_block(vec![stmt(StmtKind::Assign { target, value: v }, span)], span)
            }
            ExprKind::Index(a, i) => {
                let a = self.expr(ck, a, false);
                let i = self.expr(ck, i, false);
                self.array_get(a, i, span)
            }
            ExprKind::SetIndex(a, i, v) => {
                let a = self.expr(ck, a, false);
                let i = self.expr(ck, i, false);
                let v = self.expr(ck, v, false);
                self.array_set(a, i, v, span)
            }
            ExprKind::StrIndex(s, i) => {
                let s = self.expr(ck, s, false);
                let i = self.expr(ck, i, false);
                native("string_get", vec![s, i], span)
            }
            ExprKind::Seq(items) => {
                let (last, init) = items.split_last().expect("a sequence has two or more items");
                let stmts = init.iter().map(|x| stmt(StmtKind::Expr(self.expr(ck, x, false)), x.span)).collect();
                let v = self.expr(ck, last, tail);
                block(stmts, v, span)
            }
            ExprKind::While(c, body) => {
                let c = self.expr(ck, c, false);
                let b = self.expr(ck, body, false);
                let body = core::Block { stmts: vec![stmt(StmtKind::Expr(b), span)], span };
                unit_block(vec![stmt(StmtKind::While { cond: c, body }, span)], span)
            }
            ExprKind::For { var: v, var_span, start, end, up, body } => {
                let s = self.expr(ck, start, false);
                let en = self.expr(ck, end, false);
                let mark = self.mark();
                let core = self.bind_local(v, 0);
                let b = self.expr(ck, body, false);
                self.restore(mark);
                let body = core::Block { stmts: vec![stmt(StmtKind::Expr(b), span)], span };
                let kind = StmtKind::ForRange {
                    var: Ident::new(core, *var_span),
                    start: s,
                    end: en,
                    inclusive: true,
                    step: if *up { 1 } else { -1 },
                    body,
                };
                unit_block(vec![stmt(kind, span)], span)
            }
            ExprKind::Annot(x, _) => self.expr(ck, x, tail),
            ExprKind::Assert(x) => {
                let (line, col) = self.line_col(ck, span);
                let exn = native(
                    "exn",
                    vec![
                        str_lit("Assert_failure", span),
                        mk(
                            K::MakeRecord {
                                tag: 0,
                                fields: vec![mk(
                                    K::MakeRecord {
                                        tag: 0,
                                        fields: vec![
                                            str_lit(&self.file_name, span),
                                            mk(K::Int(line), span),
                                            mk(K::Int(col), span),
                                        ],
                                    },
                                    span,
                                )],
                            },
                            span,
                        ),
                    ],
                    span,
                );
                if matches!(x.kind, ExprKind::Const(Const::Bool(false))) {
                    return throw(exn, span);
                }
                let c = self.expr(ck, x, false);
                let not = mk(K::Unary { op: UnaryOp::Not, operand: Box::new(c) }, span);
                mk(
                    K::If {
                        cond: Box::new(not),
                        then: Box::new(throw(exn, span)),
                        otherwise: Some(Box::new(mk(K::Nil, span))),
                    },
                    span,
                )
            }
        }
    }

    pub(crate) fn line_col(&self, ck: &Checker, span: Span) -> (i64, i64) {
        let _ = ck;
        match &self.source {
            Some(f) => {
                let (l, c) = f.line_col(span.start);
                (l as i64, c as i64 - 1)
            }
            None => (0, 0),
        }
    }

    /// `a.(i)`: OCaml's bounds (no negative indices); the VM's index error for `i >= len`
    /// is `Invalid_argument "index out of bounds"` to DevFun.
    pub(crate) fn array_get_pub(&mut self, a: core::Expr, i: core::Expr, span: Span) -> core::Expr {
        self.array_get(a, i, span)
    }

    pub(crate) fn array_set_pub(&mut self, a: core::Expr, i: core::Expr, v: core::Expr, span: Span) -> core::Expr {
        self.array_set(a, i, v, span)
    }

    fn array_get(&mut self, a: core::Expr, i: core::Expr, span: Span) -> core::Expr {
        let it = self.fresh("i");
        let check = typed(TypedOp::IntLt, vec![var(&it, span), mk(K::Int(0), span)], span);
        let get = mk(K::Index { object: Box::new(a), index: Box::new(var(&it, span)) }, span);
        let v = mk(
            K::If { cond: Box::new(check), then: Box::new(bounds_error(span)), otherwise: Some(Box::new(get)) },
            span,
        );
        block(vec![stmt(StmtKind::Let { name: Ident::new(&it, span), init: Some(i) }, span)], v, span)
    }

    fn array_set(&mut self, a: core::Expr, i: core::Expr, v: core::Expr, span: Span) -> core::Expr {
        let it = self.fresh("i");
        let check = typed(TypedOp::IntLt, vec![var(&it, span), mk(K::Int(0), span)], span);
        let target = AssignTarget::Index { object: Box::new(a), index: Box::new(var(&it, span)) };
        let set = unit_block(vec![stmt(StmtKind::Assign { target, value: v }, span)], span);
        let body = mk(
            K::If { cond: Box::new(check), then: Box::new(bounds_error(span)), otherwise: Some(Box::new(set)) },
            span,
        );
        block(vec![stmt(StmtKind::Let { name: Ident::new(&it, span), init: Some(i) }, span)], body, span)
    }

    fn record(&mut self, ck: &Checker, e: &Expr, fields: &[(String, Span, Expr)], base: Option<&Expr>) -> core::Expr {
        let span = e.span;
        let tid = ck.annotations.records[&key(e)];
        let DefKind::Record(defs) = &ck.types[tid].kind else { unreachable!("a record type") };
        let mut stmts = Vec::new();
        let base_name = base.map(|b| {
            let n = self.fresh("base");
            let v = self.expr(ck, b, false);
            stmts.push(stmt(StmtKind::Let { name: Ident::new(&n, span), init: Some(v) }, span));
            n
        });
        // Fields are evaluated in the order written, into temporaries, then placed by slot.
        let mut given: HashMap<&str, core::Expr> = HashMap::new();
        for (name, fspan, x) in fields {
            let v = self.expr(ck, x, false);
            let t = self.fresh("f");
            stmts.push(stmt(StmtKind::Let { name: Ident::new(&t, *fspan), init: Some(v) }, *fspan));
            given.insert(name.as_str(), var(&t, *fspan));
        }
        let slots = defs
            .iter()
            .enumerate()
            .map(|(i, d)| match given.remove(d.name.as_str()) {
                Some(v) => v,
                None => {
                    let b = base_name.as_ref().expect("checked: every field is given or copied from the base");
                    mk(K::GetSlot { object: Box::new(var(b, span)), slot: i as u16 }, span)
                }
            })
            .collect();
        block(stmts, mk(K::MakeRecord { tag: 0, fields: slots }, span), span)
    }

    fn ctor(&mut self, ck: &Checker, e: &Expr, name: &str, arg: Option<&Expr>) -> core::Expr {
        let span = e.span;
        let id = ck.annotations.ctors[&key(e)];
        let def = &ck.ctors[id];
        let args: Vec<core::Expr> = match arg {
            None => vec![],
            Some(a) => match (&a.kind, def.args.len(), &def.record_fields) {
                (ExprKind::Record(given, None), _, Some(fields)) => fields
                    .iter()
                    .map(|f| {
                        let (_, _, x) = given.iter().find(|(n, _, _)| n == f).expect("checked: every field given");
                        self.expr(ck, x, false)
                    })
                    .collect(),
                (ExprKind::Tuple(items), n, _) if n > 1 => items.iter().map(|x| self.expr(ck, x, false)).collect(),
                _ => vec![self.expr(ck, a, false)],
            },
        };
        match def.repr {
            Repr::Const(i) => mk(K::Int(i), span),
            Repr::Block(tag) => mk(K::MakeRecord { tag, fields: args }, span),
            Repr::Exn => {
                let payload =
                    if args.is_empty() { mk(K::Nil, span) } else { mk(K::MakeRecord { tag: 0, fields: args }, span) };
                native("exn", vec![str_lit(name, span), payload], span)
            }
        }
    }

    fn let_in(&mut self, ck: &Checker, rec: bool, bindings: &[Binding], body: &Expr, tail: bool) -> core::Expr {
        let span = body.span;
        let mark = self.mark();
        let mut stmts = Vec::new();
        if rec {
            let names: Vec<String> = bindings
                .iter()
                .map(|b| {
                    let PatKind::Var(n) = &b.pat.kind else { unreachable!("checked: let rec binds variables") };
                    self.bind_local(n, fun_arity(&b.expr))
                })
                .collect();
            let defs = bindings.iter().zip(&names).map(|(b, core)| self.fn_def(ck, core, &b.expr)).collect();
            stmts.push(stmt(StmtKind::Functions(defs), span));
            let v = self.expr(ck, body, tail);
            self.restore(mark);
            return block(stmts, v, span);
        }
        // The right-hand sides are lowered before any name is bound.
        let mut values = Vec::new();
        for b in bindings {
            match &b.pat.kind {
                PatKind::Var(_) if fun_arity(&b.expr) > 0 => values.push(None),
                _ => values.push(Some(self.expr(ck, &b.expr, false))),
            }
        }
        let mut destructure = Vec::new();
        let mut fn_defs = Vec::new();
        for (b, v) in bindings.iter().zip(values) {
            match (&b.pat.kind, v) {
                (PatKind::Var(n), None) => {
                    // Lowered with the outer names still visible, then bound.
                    let tmp = self.fresh("fn");
                    let def = self.fn_def(ck, &tmp, &b.expr);
                    fn_defs.push((n.clone(), tmp.clone(), fun_arity(&b.expr)));
                    stmts.push(stmt(StmtKind::Functions(vec![def]), b.span));
                }
                (PatKind::Var(n), Some(v)) => {
                    let tmp = self.fresh("v");
                    stmts.push(stmt(StmtKind::Let { name: Ident::new(&tmp, b.span), init: Some(v) }, b.span));
                    fn_defs.push((n.clone(), tmp, 0));
                }
                (PatKind::Any, Some(v)) => stmts.push(stmt(StmtKind::Expr(v), b.span)),
                (_, Some(v)) => {
                    let tmp = self.fresh("v");
                    stmts.push(stmt(StmtKind::Let { name: Ident::new(&tmp, b.span), init: Some(v) }, b.span));
                    destructure.push((&b.pat, tmp));
                }
                (_, None) => unreachable!("only variables bind functions"),
            }
        }
        for (n, core, arity) in fn_defs {
            self.bind(&n, Val::Var { core, arity });
        }
        let v = self.with_patterns(ck, &destructure, body, tail);
        self.restore(mark);
        block(stmts, v, span)
    }

    fn try_with(&mut self, ck: &Checker, body: &Expr, cases: &[crate::ast::Case], span: Span) -> core::Expr {
        let result = self.fresh("try");
        let exn = self.fresh("exn");
        let b = self.expr(ck, body, false);
        let handler = crate::matchc::compile_match(self, ck, var(&exn, span), cases, false, span, true);
        let assign = |value: core::Expr| {
            stmt(StmtKind::Assign { target: AssignTarget::Var(Ident::new(&result, span)), value }, span)
        };
        let try_stmt = StmtKind::Try {
            body: core::Block { stmts: vec![assign(b)], span },
            catch: Some(core::Catch {
                name: Some(Ident::new(&exn, span)),
                body: core::Block { stmts: vec![assign(handler)], span },
            }),
            finally: None,
        };
        block(
            vec![stmt(StmtKind::Let { name: Ident::new(&result, span), init: None }, span), stmt(try_stmt, span)],
            var(&result, span),
            span,
        )
    }

    /// A variable used as a value (not in call position).
    fn var_value(&mut self, ck: &Checker, e: &Expr, name: &str) -> core::Expr {
        let span = e.span;
        match self.lookup(name).cloned() {
            // A function's value is its closure, of its arity: `APPLY` copes with any arity.
            Some(Val::Var { core, .. }) => var(&core, span),
            // A native's arity range may be wider than its DevFun type's (variadic
            // natives), so its value is a closure of exactly the type's arity.
            Some(Val::Native { name: n, .. }) if n == "compare" && int_operands(ck, e) => {
                let (a, b) = (self.fresh("x"), self.fresh("y"));
                lambda(vec![a.clone(), b.clone()], int_compare(var(&a, span), var(&b, span), span), span)
            }
            Some(Val::Native { name: n, arity }) => {
                let f = var(&format!("fun:{n}"), span);
                if arity <= 1 {
                    f
                } else {
                    self.curry(f, arity, span)
                }
            }
            Some(Val::Prim(p, arity)) => self.prim_value(ck, e, p, arity),
            None if crate::infer::is_printf(name) => self.curry(var("fun:printf", span), 1, span),
            None => var(name, span),
        }
    }

    /// The closure `fun x1 ... xn -> f x1 ... xn` of arity n around an n-ary callee.
    pub(crate) fn curry(&mut self, f: core::Expr, arity: usize, span: Span) -> core::Expr {
        let fname = self.fresh("f");
        let params: Vec<String> = (0..arity).map(|_| self.fresh("x")).collect();
        let body = call(var(&fname, span), params.iter().map(|p| var(p, span)).collect(), true, span);
        let f_let = stmt(StmtKind::Let { name: Ident::new(&fname, span), init: Some(f) }, span);
        block(vec![f_let], lambda(params, body, span), span)
    }

    /// An anonymous `fun x y -> e` (or `fun x -> fun y -> e`) used as a value: one
    /// closure of arity 2.
    fn fun_value(&mut self, ck: &Checker, e: &Expr) -> core::Expr {
        let def = self.fn_def(ck, "", e);
        mk(K::Function(Box::new(def)), e.span)
    }

    fn apply(&mut self, ck: &Checker, e: &Expr, f: &Expr, args: &[Expr], tail: bool) -> core::Expr {
        let span = e.span;
        if let ExprKind::Var(name) = &f.kind {
            match self.lookup(name).cloned() {
                Some(Val::Prim(p, arity)) => return self.prim_call(ck, f, p, arity, args, tail, span),
                None if crate::infer::is_printf(name) => return self.printf(ck, name, args, span),
                _ => {}
            }
        }
        let args: Vec<core::Expr> = args.iter().map(|a| self.expr(ck, a, false)).collect();
        self.apply_to_lowered(ck, f, args, tail, span)
    }

    /// `f a1 ... an` with the arguments lowered: a direct call of a known function, else
    /// `APPLY`. A callee that is itself an application of a variable (`g b` in `x |> g b`)
    /// takes the arguments after its own: `g b x`.
    pub(crate) fn apply_to_lowered(
        &mut self,
        ck: &Checker,
        f: &Expr,
        args: Vec<core::Expr>,
        tail: bool,
        span: Span,
    ) -> core::Expr {
        match &f.kind {
            ExprKind::Var(name) => match self.lookup(name).cloned() {
                Some(Val::Var { core, arity }) if arity > 0 => {
                    return self.known_call_lowered(var(&core, f.span), arity, args, tail, span);
                }
                Some(Val::Native { name: n, .. }) if n == "compare" && args.len() == 2 && int_operands(ck, f) => {
                    let mut stmts = Vec::new();
                    let mut operands = Vec::new();
                    for a in args {
                        let t = self.fresh("a");
                        stmts.push(stmt(StmtKind::Let { name: Ident::new(&t, span), init: Some(a) }, span));
                        operands.push(var(&t, span));
                    }
                    let y = operands.pop().expect("two operands");
                    let x = operands.pop().expect("two operands");
                    return block(stmts, int_compare(x, y, span), span);
                }
                Some(Val::Native { name: n, arity }) if arity > 0 => {
                    return self.known_call_lowered(var(&format!("fun:{n}"), f.span), arity, args, tail, span);
                }
                _ => {}
            },
            ExprKind::Apply(g, first) if self.plain_function(g) && first.len() + args.len() <= 255 => {
                let mut all: Vec<core::Expr> = first.iter().map(|a| self.expr(ck, a, false)).collect();
                all.extend(args);
                return self.apply_to_lowered(ck, g, all, tail, span);
            }
            _ => {}
        }
        let callee = self.expr(ck, f, false);
        self.apply_unknown(callee, args, tail, span)
    }

    /// Whether `f` is a variable whose applications need nothing special (not a
    /// primitive, not `Printf`).
    fn plain_function(&self, f: &Expr) -> bool {
        match &f.kind {
            ExprKind::Var(name) => match self.lookup(name) {
                Some(Val::Prim(..)) => false,
                Some(_) => true,
                None => !crate::infer::is_printf(name),
            },
            _ => false,
        }
    }

    /// Applies a function value of unknown arity to all the arguments at once (`APPLY`).
    pub(crate) fn apply_unknown(
        &mut self,
        callee: core::Expr,
        args: Vec<core::Expr>,
        tail: bool,
        span: Span,
    ) -> core::Expr {
        mk(K::Apply { callee: Box::new(callee), args, tail }, span)
    }

    /// A call of a function of known arity: direct when exact, else over- or partial
    /// application.
    pub(crate) fn known_call_lowered(
        &mut self,
        f: core::Expr,
        arity: usize,
        mut args: Vec<core::Expr>,
        tail: bool,
        span: Span,
    ) -> core::Expr {
        use std::cmp::Ordering::*;
        match args.len().cmp(&arity) {
            Equal => call(f, args, tail, span),
            Greater => {
                let rest = args.split_off(arity);
                let first = call(f, args, false, span);
                self.apply_unknown(first, rest, tail, span)
            }
            Less => {
                // Evaluate the given arguments now, then close over them.
                let mut stmts = Vec::new();
                let fname = self.fresh("f");
                stmts.push(stmt(StmtKind::Let { name: Ident::new(&fname, span), init: Some(f) }, span));
                let mut all = Vec::new();
                for a in args {
                    let t = self.fresh("a");
                    stmts.push(stmt(StmtKind::Let { name: Ident::new(&t, span), init: Some(a) }, span));
                    all.push(t);
                }
                let missing: Vec<String> = (all.len()..arity).map(|_| self.fresh("x")).collect();
                let body =
                    call(var(&fname, span), all.iter().chain(&missing).map(|p| var(p, span)).collect(), true, span);
                block(stmts, lambda(missing, body, span), span)
            }
        }
    }

    /// `Printf.printf "fmt" a b`: a native call with the format and the arguments.
    fn printf(&mut self, ck: &Checker, name: &str, args: &[Expr], span: Span) -> core::Expr {
        let Some(ExprKind::Const(Const::Str(fmt))) = args.first().map(|a| &a.kind) else {
            unreachable!("checked: printf has a literal format")
        };
        let pieces = crate::format::parse(fmt).unwrap_or_default();
        let n = crate::format::arg_kinds(&pieces).len();
        let which = match name {
            "Printf.sprintf" => "sprintf",
            "Printf.eprintf" => "eprintf",
            _ => "printf",
        };
        let f = var(&format!("fun:{which}"), span);
        let mut lowered = vec![str_lit(fmt, span)];
        lowered.extend(args[1..].iter().map(|a| self.expr(ck, a, false)));
        if n == 0 {
            return call(f, vec![lowered.remove(0)], false, span);
        }
        // The native is variadic: its "arity" is the format plus the conversions.
        self.known_call_lowered(f, n + 1, lowered, false, span)
    }
}

/// What the boundary check of an external's result tests (`any` for types it cannot
/// check cheaply).
fn boundary_kind(t: &Ty, arity: usize) -> &'static str {
    let mut t = repr(t);
    for _ in 0..arity {
        match t {
            Ty::Arrow(_, r) => t = repr(&r),
            _ => break,
        }
    }
    match t {
        Ty::Con(types::INT, _) => "int",
        Ty::Con(types::FLOAT, _) => "float",
        Ty::Con(types::STRING, _) => "string",
        Ty::Con(types::BOOL, _) => "bool",
        Ty::Con(types::UNIT, _) => "unit",
        Ty::Con(types::CHAR, _) => "char",
        _ => "any",
    }
}

/// The value of a constant.
pub fn const_expr(c: &Const, span: Span) -> core::Expr {
    mk(
        match c {
            Const::Unit => K::Nil,
            Const::Int(i) => K::Int(*i),
            Const::Float(f) => K::Float(*f),
            Const::Char(c) => K::Int(*c as i64),
            Const::Str(s) => K::Str(s.clone()),
            Const::Bool(b) => K::Bool(*b),
        },
        span,
    )
}

fn unit_block(stmts: Vec<Stmt>, span: Span) -> core::Expr {
    mk(K::Block { stmts, value: None }, span)
}

fn bounds_error(span: Span) -> core::Expr {
    let payload = mk(K::MakeRecord { tag: 0, fields: vec![str_lit("index out of bounds", span)] }, span);
    throw(native("exn", vec![str_lit("Invalid_argument", span), payload], span), span)
}

/// How many parameters a `fun`/`function` binding has (0 if it is not one), counting
/// those of directly nested functions (`fun x -> fun y -> e` has 2).
pub fn fun_arity(e: &Expr) -> usize {
    let (params, body) = fun_parts(e);
    params.len() + matches!(body, FunBody::Cases(_)) as usize
}

/// The most parameters nested functions are merged into (a call passes at most 255
/// arguments; past this, the inner function stays a separate closure).
const MAX_MERGED_PARAMS: usize = 64;

pub(crate) enum FunBody<'a> {
    Expr(&'a Expr),
    Cases(&'a [crate::ast::Case]),
}

/// The parameters and body of a function binding; `fun x -> function ...` takes the
/// cases as a last parameter, and `fun x -> fun y -> e` (also through a type annotation:
/// `let f x : int -> int = fun y -> ...`) is `fun x y -> e`, as in OCaml, where nothing
/// can run between the two applications.
pub(crate) fn fun_parts(e: &Expr) -> (Vec<&Pattern>, FunBody<'_>) {
    let mut params: Vec<&Pattern> = Vec::new();
    let mut e = e;
    loop {
        match &e.kind {
            ExprKind::Fun(ps, body) if params.is_empty() || params.len() + ps.len() <= MAX_MERGED_PARAMS => {
                params.extend(ps.iter());
                e = body;
            }
            ExprKind::Function(cases) if params.len() < MAX_MERGED_PARAMS => return (params, FunBody::Cases(cases)),
            ExprKind::Annot(x, _) if matches!(x.kind, ExprKind::Fun(..) | ExprKind::Function(_)) => e = x,
            _ => return (params, FunBody::Expr(e)),
        }
    }
}

/// Whether a polymorphic comparison occurrence (`compare`) compares ints or chars.
fn int_operands(ck: &Checker, f: &Expr) -> bool {
    matches!(operand_type(ck, f), Some(Ty::Con(types::INT | types::CHAR, _)))
}

/// `compare x y` on ints: -1, 0 or 1 from two typed compares (`x` and `y` are variables,
/// read twice).
fn int_compare(x: core::Expr, y: core::Expr, span: Span) -> core::Expr {
    let lt = |a: &core::Expr, b: &core::Expr| typed(TypedOp::IntLt, vec![a.clone(), b.clone()], span);
    let greater = mk(
        K::If {
            cond: Box::new(lt(&y, &x)),
            then: Box::new(mk(K::Int(1), span)),
            otherwise: Some(Box::new(mk(K::Int(0), span))),
        },
        span,
    );
    mk(
        K::If { cond: Box::new(lt(&x, &y)), then: Box::new(mk(K::Int(-1), span)), otherwise: Some(Box::new(greater)) },
        span,
    )
}

/// The resolved first-argument type of a polymorphic operator occurrence.
pub(crate) fn operand_type(ck: &Checker, f: &Expr) -> Option<Ty> {
    let t = ck.annotations.var_types.get(&key(f))?;
    match repr(t) {
        Ty::Arrow(a, _) => Some(repr(&a)),
        _ => None,
    }
}
