//! Inference for expressions, patterns and `let` bindings (the checker's recursive half).

use crate::ast::{Binding, Case, Const, Expr, ExprKind, PatKind, Pattern};
use crate::check::{err, key, name_err, Checker, DefKind, TResult};
use crate::format;
use crate::types::*;
use devvm_compiler::Span;

impl Checker {
    /// The type of an expression.
    pub fn infer(&mut self, e: &Expr) -> TResult<Ty> {
        match &e.kind {
            ExprKind::Const(c) => Ok(const_type(c)),
            ExprKind::Var(name) => {
                let Some(s) = self.lookup(name).cloned() else {
                    return name_err(e.span, format!("Unbound value {name}"));
                };
                let t = self.instantiate(&s);
                self.annotations.var_types.insert(key(e), t.clone());
                Ok(t)
            }
            ExprKind::Ctor(name, arg) => self.ctor_expr(e, name, arg.as_deref()),
            ExprKind::Apply(f, args) => self.apply(f, args),
            ExprKind::Fun(params, body) => {
                let mark = self.mark();
                let mut tys = Vec::new();
                for p in params {
                    let t = self.fresh();
                    self.pattern_bind(p, &t)?;
                    tys.push(t);
                }
                let r = self.infer(body);
                self.restore(mark);
                let mut t = r?;
                for a in tys.into_iter().rev() {
                    t = arrow(a, t);
                }
                Ok(t)
            }
            ExprKind::Function(cases) => {
                let a = self.fresh();
                let r = self.fresh();
                self.cases(cases, &a, &r)?;
                Ok(arrow(a, r))
            }
            ExprKind::Let { rec, bindings, body } => {
                let mark = self.mark();
                let r = self.let_bindings(*rec, bindings).and_then(|_| self.infer(body));
                self.restore(mark);
                r
            }
            ExprKind::If(c, a, b) => {
                self.check(c, &con(BOOL))?;
                match b {
                    None => {
                        self.check(a, &con(UNIT))?;
                        Ok(con(UNIT))
                    }
                    Some(b) => {
                        let t = self.infer(a)?;
                        self.check(b, &t)?;
                        Ok(t)
                    }
                }
            }
            ExprKind::Match(s, cases) => {
                let t = self.infer(s)?;
                let r = self.fresh();
                self.cases(cases, &t, &r)?;
                Ok(r)
            }
            ExprKind::Try(body, cases) => {
                let t = self.infer(body)?;
                self.cases(cases, &con(EXN), &t)?;
                Ok(t)
            }
            ExprKind::Tuple(xs) => Ok(Ty::Tuple(xs.iter().map(|x| self.infer(x)).collect::<TResult<_>>()?)),
            ExprKind::List(xs) | ExprKind::Array(xs) => {
                let elem = self.fresh();
                for x in xs {
                    self.check(x, &elem)?;
                }
                let id = if matches!(e.kind, ExprKind::List(_)) { LIST } else { ARRAY };
                Ok(Ty::Con(id, vec![elem]))
            }
            ExprKind::Record(fields, base) => self.record_expr(e, fields, base.as_deref()),
            ExprKind::Field(obj, name, span) => {
                let (rt, ft, _) = self.field(e, name, *span)?;
                self.check(obj, &rt)?;
                Ok(ft)
            }
            ExprKind::SetField(obj, name, span, v) => {
                let (rt, ft, mutable) = self.field(e, name, *span)?;
                if !mutable {
                    return err(*span, format!("The record field {name} is not mutable"));
                }
                self.check(obj, &rt)?;
                self.check(v, &ft)?;
                Ok(con(UNIT))
            }
            ExprKind::Index(a, i) => {
                let elem = self.fresh();
                self.check(a, &Ty::Con(ARRAY, vec![elem.clone()]))?;
                self.check(i, &con(INT))?;
                Ok(elem)
            }
            ExprKind::SetIndex(a, i, v) => {
                let elem = self.fresh();
                self.check(a, &Ty::Con(ARRAY, vec![elem.clone()]))?;
                self.check(i, &con(INT))?;
                self.check(v, &elem)?;
                Ok(con(UNIT))
            }
            ExprKind::StrIndex(s, i) => {
                self.check(s, &con(STRING))?;
                self.check(i, &con(INT))?;
                Ok(con(CHAR))
            }
            ExprKind::Seq(items) => {
                let (last, init) = items.split_last().expect("a sequence has at least two items");
                for x in init {
                    let t = self.infer(x)?;
                    self.statement(x.span, &t);
                }
                self.infer(last)
            }
            ExprKind::While(c, body) => {
                self.check(c, &con(BOOL))?;
                let t = self.infer(body)?;
                self.statement(body.span, &t);
                Ok(con(UNIT))
            }
            ExprKind::For { var, start, end, body, .. } => {
                self.check(start, &con(INT))?;
                self.check(end, &con(INT))?;
                let mark = self.mark();
                self.bind(var, Scheme::mono(con(INT)));
                let t = self.infer(body);
                self.restore(mark);
                let t = t?;
                self.statement(body.span, &t);
                Ok(con(UNIT))
            }
            ExprKind::Annot(x, t) => {
                let t = self.convert(t, None)?;
                self.check(x, &t)?;
                Ok(t)
            }
            ExprKind::Assert(x) => {
                if matches!(x.kind, ExprKind::Const(Const::Bool(false))) {
                    return Ok(self.fresh());
                }
                self.check(x, &con(BOOL))?;
                Ok(con(UNIT))
            }
        }
    }

    /// Infers `e` and unifies its type with `expected`, blaming `e`.
    pub fn check(&mut self, e: &Expr, expected: &Ty) -> TResult<()> {
        let t = self.infer(e)?;
        self.expect(e.span, &t, expected)
    }

    /// OCaml's warning 10: a statement whose value is not unit.
    fn statement(&mut self, span: Span, t: &Ty) {
        match repr(t) {
            Ty::Con(UNIT, _) | Ty::Var(_) => {}
            Ty::Arrow(..) => self
                .warnings
                .push((span, "this function application is partial, maybe some arguments are missing".into())),
            _ => self.warnings.push((span, "this expression should have type unit".into())),
        }
    }

    fn apply(&mut self, f: &Expr, args: &[Expr]) -> TResult<Ty> {
        let mut args = args;
        let mut ft = match &f.kind {
            ExprKind::Var(name) if is_printf(name) && self.lookup(name).is_none() => {
                let Some((first, rest)) = args.split_first() else {
                    return err(f.span, format!("{name} needs a literal format string"));
                };
                let ExprKind::Const(Const::Str(fmt)) = &first.kind else {
                    return err(first.span, "the format of Printf functions must be a string literal");
                };
                let pieces = format::parse(fmt).map_err(|m| crate::check::TypeError {
                    span: first.span,
                    message: m,
                    kind: devvm_vm::ErrorKind::StaticTypeError,
                    label: None,
                })?;
                args = rest;
                let result = if name.ends_with("sprintf") { con(STRING) } else { con(UNIT) };
                let mut t = result;
                for k in format::arg_kinds(&pieces).into_iter().rev() {
                    let a = match k {
                        format::ArgKind::Int => con(INT),
                        format::ArgKind::Float => con(FLOAT),
                        format::ArgKind::Str => con(STRING),
                        format::ArgKind::Char => con(CHAR),
                        format::ArgKind::Bool => con(BOOL),
                    };
                    t = arrow(a, t);
                }
                if args.is_empty() {
                    return Ok(t);
                }
                t
            }
            _ => self.infer(f)?,
        };
        for (i, a) in args.iter().enumerate() {
            match repr(&ft) {
                Ty::Arrow(param, result) => {
                    self.check(a, &param)?;
                    ft = *result;
                }
                Ty::Var(_) => {
                    let param = self.infer(a)?;
                    let result = self.fresh();
                    let whole = arrow(param, result.clone());
                    self.expect(f.span, &ft, &whole)?;
                    ft = result;
                }
                other => {
                    let shown = self.show(&other);
                    if i == 0 {
                        return err(
                            f.span,
                            format!("This expression has type {shown}; this is not a function, it cannot be applied"),
                        );
                    }
                    let whole = self.infer(f).map(|t| self.show(&t)).unwrap_or(shown);
                    return err(f.span, format!("This function has type {whole}; it is applied to too many arguments"));
                }
            }
        }
        Ok(ft)
    }

    fn ctor_expr(&mut self, e: &Expr, name: &str, arg: Option<&Expr>) -> TResult<Ty> {
        let Some(&id) = self.ctor_names.get(name) else {
            return name_err(e.span, format!("Unbound constructor {name}"));
        };
        self.annotations.ctors.insert(key(e), id);
        let def = self.ctors[id].clone();
        let params: Vec<Ty> = (0..self.types[def.type_id].params).map(|_| self.fresh()).collect();
        let args: Vec<Ty> = def.args.iter().map(|a| subst(a, &params)).collect();
        let result = Ty::Con(def.type_id, params);
        if let Some(fields) = &def.record_fields {
            let Some(ExprKind::Record(given, None)) = arg.map(|a| &a.kind) else {
                return err(e.span, format!("The constructor {name} expects an inline record argument {{ ... }}"));
            };
            for (fname, fspan, fe) in given {
                let Some(i) = fields.iter().position(|f| f == fname) else {
                    return name_err(*fspan, format!("The field {fname} is not part of the record argument of {name}"));
                };
                self.check(fe, &args[i])?;
            }
            if let Some(missing) = fields.iter().find(|f| !given.iter().any(|(g, _, _)| g == *f)) {
                return err(e.span, format!("Some record fields are undefined: {missing}"));
            }
            return Ok(result);
        }
        let given = arg_count(arg, args.len());
        if given != args.len() {
            return err(
                e.span,
                format!(
                    "The constructor {name} expects {} argument(s), but is applied here to {given} argument(s)",
                    args.len()
                ),
            );
        }
        match (arg, args.len()) {
            (None, _) => {}
            (Some(a), 1) => self.check(a, &args[0])?,
            (Some(a), _) => {
                let ExprKind::Tuple(items) = &a.kind else { unreachable!("arg_count saw a tuple") };
                for (x, t) in items.iter().zip(&args) {
                    self.check(x, t)?;
                }
            }
        }
        Ok(result)
    }

    /// A record field by name: the record type (instantiated), the field's type, whether
    /// it is mutable. Records the resolution for the lowering.
    fn field(&mut self, e: &Expr, name: &str, span: Span) -> TResult<(Ty, Ty, bool)> {
        let Some(&(tid, slot)) = self.field_names.get(name) else {
            return name_err(span, format!("Unbound record field {name}"));
        };
        self.annotations.fields.insert(key(e), (tid, slot));
        let params: Vec<Ty> = (0..self.types[tid].params).map(|_| self.fresh()).collect();
        let DefKind::Record(fields) = &self.types[tid].kind else { unreachable!("field of a record type") };
        let f = &fields[slot];
        Ok((Ty::Con(tid, params.clone()), subst(&f.ty, &params), f.mutable))
    }

    fn record_expr(&mut self, e: &Expr, fields: &[(String, Span, Expr)], base: Option<&Expr>) -> TResult<Ty> {
        let (first, fspan, _) = &fields[0];
        let Some(&(tid, _)) = self.field_names.get(first) else {
            return name_err(*fspan, format!("Unbound record field {first}"));
        };
        self.annotations.records.insert(key(e), tid);
        let params: Vec<Ty> = (0..self.types[tid].params).map(|_| self.fresh()).collect();
        let DefKind::Record(defs) = self.types[tid].kind.clone() else { unreachable!("field of a record type") };
        let rt = Ty::Con(tid, params.clone());
        for (i, (name, span, _)) in fields.iter().enumerate() {
            if !defs.iter().any(|d| &d.name == name) {
                let tname = self.types[tid].name.clone();
                return err(*span, format!("The record field {name} belongs to another type than {tname}"));
            }
            if fields[..i].iter().any(|(n, _, _)| n == name) {
                return err(*span, format!("The record field label {name} is defined several times"));
            }
        }
        for (name, _, x) in fields {
            let d = defs.iter().find(|d| &d.name == name).expect("checked above");
            let t = subst(&d.ty, &params);
            self.check(x, &t)?;
        }
        match base {
            Some(b) => self.check(b, &rt)?,
            None => {
                let missing: Vec<&str> = defs
                    .iter()
                    .filter(|d| !fields.iter().any(|(n, _, _)| n == &d.name))
                    .map(|d| d.name.as_str())
                    .collect();
                if !missing.is_empty() {
                    return err(e.span, format!("Some record fields are undefined: {}", missing.join(" ")));
                }
            }
        }
        Ok(rt)
    }

    /// Match cases: each pattern has type `scrutinee`, each body type `result`.
    pub(crate) fn cases(&mut self, cases: &[Case], scrutinee: &Ty, result: &Ty) -> TResult<()> {
        for c in cases {
            let mark = self.mark();
            let r = (|| {
                self.pattern_bind(&c.pat, scrutinee)?;
                if let Some(g) = &c.guard {
                    self.check(g, &con(BOOL))?;
                }
                self.check(&c.body, result)
            })();
            self.restore(mark);
            r?;
        }
        Ok(())
    }

    /// `let [rec] p1 = e1 and ...`: binds the names in the current scope and returns them
    /// with their schemes.
    pub(crate) fn let_bindings(&mut self, rec: bool, bindings: &[Binding]) -> TResult<Vec<(String, Scheme)>> {
        for b in bindings {
            if let PatKind::Var(n) = &b.pat.kind {
                if n.contains('.') && !self.allow_qualified {
                    return err(b.pat.span, "a qualified name cannot be defined here");
                }
            }
        }
        let mut out = Vec::new();
        if rec {
            self.level += 1;
            let mut tys = Vec::new();
            for b in bindings {
                let PatKind::Var(name) = &b.pat.kind else {
                    self.level -= 1;
                    return err(b.pat.span, "Only variables are allowed as left-hand side of `let rec'");
                };
                if !matches!(strip_annot(&b.expr).kind, ExprKind::Fun(..) | ExprKind::Function(_)) {
                    self.level -= 1;
                    return err(b.expr.span, "This kind of expression is not allowed as right-hand side of `let rec'");
                }
                let t = self.fresh();
                self.bind(name, Scheme::mono(t.clone()));
                tys.push((name.clone(), t));
            }
            let r: TResult<()> = bindings.iter().zip(&tys).try_for_each(|(b, (_, t))| self.check(&b.expr, t));
            self.level -= 1;
            r?;
            for (name, t) in tys {
                let s = generalize(&t, self.level);
                self.bind(&name, s.clone());
                out.push((name, s));
            }
            return Ok(out);
        }
        let mut pending = Vec::new();
        for b in bindings {
            self.level += 1;
            let r = (|| {
                let t = self.infer(&b.expr)?;
                let mark = self.mark();
                let vars = self.pattern_collect(&b.pat, &t);
                self.restore(mark);
                vars
            })();
            self.level -= 1;
            let vars = r?;
            let nonexp = nonexpansive(&b.expr);
            for (name, t) in vars {
                pending.push((name, self.generalize_for(&t, nonexp)));
            }
        }
        for (name, s) in pending {
            self.bind(&name, s.clone());
            out.push((name, s));
        }
        Ok(out)
    }

    /// Checks a pattern against `t` and binds its variables (monomorphic) in scope.
    pub(crate) fn pattern_bind(&mut self, p: &Pattern, t: &Ty) -> TResult<()> {
        let vars = self.pattern_collect(p, t)?;
        for (n, t) in vars {
            self.bind(&n, Scheme::mono(t));
        }
        Ok(())
    }

    /// Checks a pattern against `t`, returning its variables with their types.
    fn pattern_collect(&mut self, p: &Pattern, t: &Ty) -> TResult<Vec<(String, Ty)>> {
        let mut vars = Vec::new();
        self.pattern(p, t, &mut vars)?;
        Ok(vars)
    }

    fn pattern(&mut self, p: &Pattern, t: &Ty, vars: &mut Vec<(String, Ty)>) -> TResult<()> {
        match &p.kind {
            PatKind::Any => Ok(()),
            PatKind::Var(n) => bind_var(vars, n, t, p.span),
            PatKind::Const(c) => self.expect_pat(p.span, &const_type(c), t),
            PatKind::Tuple(ps) => {
                let tys: Vec<Ty> = ps.iter().map(|_| self.fresh()).collect();
                self.expect_pat(p.span, &Ty::Tuple(tys.clone()), t)?;
                for (q, qt) in ps.iter().zip(&tys) {
                    self.pattern(q, qt, vars)?;
                }
                Ok(())
            }
            PatKind::Ctor(name, arg) => {
                let Some(&id) = self.ctor_names.get(name) else {
                    return name_err(p.span, format!("Unbound constructor {name}"));
                };
                self.annotations.ctors.insert(key(p), id);
                let def = self.ctors[id].clone();
                let params: Vec<Ty> = (0..self.types[def.type_id].params).map(|_| self.fresh()).collect();
                let args: Vec<Ty> = def.args.iter().map(|a| subst(a, &params)).collect();
                self.expect_pat(p.span, &Ty::Con(def.type_id, params), t)?;
                if let Some(fields) = &def.record_fields {
                    let Some(PatKind::Record(given, _)) = arg.as_ref().map(|a| &a.kind) else {
                        if let Some(PatKind::Any) = arg.as_ref().map(|a| &a.kind) {
                            return Ok(());
                        }
                        return err(
                            p.span,
                            format!("The constructor {name} expects an inline record pattern {{ ... }}"),
                        );
                    };
                    for (fname, fspan, q) in given {
                        let Some(i) = fields.iter().position(|f| f == fname) else {
                            return name_err(
                                *fspan,
                                format!("The field {fname} is not part of the record argument of {name}"),
                            );
                        };
                        self.pattern(q, &args[i], vars)?;
                    }
                    return Ok(());
                }
                match (arg.as_deref(), args.len()) {
                    (None, 0) => Ok(()),
                    (Some(Pattern { kind: PatKind::Any, .. }), n) if n > 0 => Ok(()),
                    (Some(q), 1) => self.pattern(q, &args[0], vars),
                    (Some(Pattern { kind: PatKind::Tuple(qs), .. }), n) if qs.len() == n => {
                        for (q, at) in qs.iter().zip(&args) {
                            self.pattern(q, at, vars)?;
                        }
                        Ok(())
                    }
                    (arg, n) => {
                        let given = match arg {
                            None => 0,
                            Some(Pattern { kind: PatKind::Tuple(qs), .. }) => qs.len(),
                            Some(_) => 1,
                        };
                        err(p.span, format!("The constructor {name} expects {n} argument(s), but is applied here to {given} argument(s)"))
                    }
                }
            }
            PatKind::Record(fields, _) => {
                let (first, fspan, _) = &fields[0];
                let Some(&(tid, _)) = self.field_names.get(first) else {
                    return name_err(*fspan, format!("Unbound record field {first}"));
                };
                self.annotations.records.insert(key(p), tid);
                let params: Vec<Ty> = (0..self.types[tid].params).map(|_| self.fresh()).collect();
                self.expect_pat(p.span, &Ty::Con(tid, params.clone()), t)?;
                let DefKind::Record(defs) = self.types[tid].kind.clone() else { unreachable!("a record type") };
                for (name, span, q) in fields {
                    let Some(d) = defs.iter().find(|d| &d.name == name) else {
                        return err(*span, format!("The record field {name} belongs to another type"));
                    };
                    let ft = subst(&d.ty, &params);
                    self.pattern(q, &ft, vars)?;
                }
                Ok(())
            }
            PatKind::Alias(q, n) => {
                self.pattern(q, t, vars)?;
                bind_var(vars, n, t, p.span)
            }
            PatKind::Or(a, b) => {
                let mut left = Vec::new();
                self.pattern(a, t, &mut left)?;
                let mut right = Vec::new();
                self.pattern(b, t, &mut right)?;
                for (n, lt) in &left {
                    let Some((_, rt)) = right.iter().find(|(m, _)| m == n) else {
                        return err(p.span, format!("Variable {n} must occur on both sides of this | pattern"));
                    };
                    self.expect_pat(b.span, rt, lt)?;
                }
                if let Some((n, _)) = right.iter().find(|(m, _)| !left.iter().any(|(k, _)| k == m)) {
                    return err(p.span, format!("Variable {n} must occur on both sides of this | pattern"));
                }
                for (n, lt) in left {
                    bind_var(vars, &n, &lt, p.span)?;
                }
                Ok(())
            }
            PatKind::Annot(q, te) => {
                let at = self.convert(te, None)?;
                self.expect_pat(p.span, &at, t)?;
                self.pattern(q, t, vars)
            }
        }
    }

    fn expect_pat(&mut self, span: Span, actual: &Ty, expected: &Ty) -> TResult<()> {
        match unify(actual, expected) {
            Ok(()) => Ok(()),
            Err(_) => {
                let (a, b) = self.show2(actual, expected);
                err(span, format!("This pattern matches values of type {a} but a pattern was expected which matches values of type {b}"))
            }
        }
    }
}

fn bind_var(vars: &mut Vec<(String, Ty)>, n: &str, t: &Ty, span: Span) -> TResult<()> {
    if vars.iter().any(|(m, _)| m == n) {
        return err(span, format!("Variable {n} is bound several times in this matching"));
    }
    vars.push((n.to_string(), t.clone()));
    Ok(())
}

pub fn is_printf(name: &str) -> bool {
    matches!(name, "Printf.printf" | "Printf.sprintf" | "Printf.eprintf")
}

fn strip_annot(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Annot(x, _) => strip_annot(x),
        _ => e,
    }
}

/// How many arguments a constructor is given: a tuple counts as its elements when the
/// constructor takes several.
fn arg_count(arg: Option<&Expr>, wanted: usize) -> usize {
    match arg {
        None => 0,
        Some(Expr { kind: ExprKind::Tuple(items), .. }) if wanted != 1 => items.len(),
        Some(_) => 1,
    }
}

pub fn const_type(c: &Const) -> Ty {
    con(match c {
        Const::Unit => UNIT,
        Const::Int(_) => INT,
        Const::Float(_) => FLOAT,
        Const::Char(_) => CHAR,
        Const::Str(_) => STRING,
        Const::Bool(_) => BOOL,
    })
}

/// Whether an expression is a syntactic value (its type may be generalized).
pub fn nonexpansive(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Const(_) | ExprKind::Var(_) | ExprKind::Fun(..) | ExprKind::Function(_) => true,
        ExprKind::Ctor(_, a) => a.as_deref().is_none_or(nonexpansive),
        ExprKind::Tuple(xs) | ExprKind::List(xs) => xs.iter().all(nonexpansive),
        ExprKind::Array(xs) => xs.is_empty(),
        ExprKind::Annot(x, _) => nonexpansive(x),
        ExprKind::Let { bindings, body, .. } => bindings.iter().all(|b| nonexpansive(&b.expr)) && nonexpansive(body),
        ExprKind::If(c, a, b) => nonexpansive(c) && nonexpansive(a) && b.as_deref().is_none_or(nonexpansive),
        _ => false,
    }
}

/// The variables a pattern binds.
pub fn pattern_vars(p: &Pattern) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(p: &Pattern, out: &mut Vec<String>) {
        match &p.kind {
            PatKind::Var(n) => out.push(n.clone()),
            PatKind::Tuple(ps) => ps.iter().for_each(|q| walk(q, out)),
            PatKind::Ctor(_, Some(q)) | PatKind::Annot(q, _) => walk(q, out),
            PatKind::Alias(q, n) => {
                walk(q, out);
                out.push(n.clone());
            }
            PatKind::Or(a, _) => walk(a, out),
            PatKind::Record(fs, _) => fs.iter().for_each(|(_, _, q)| walk(q, out)),
            _ => {}
        }
    }
    walk(p, &mut out);
    out
}
