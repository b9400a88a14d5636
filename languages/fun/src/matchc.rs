//! Pattern matching compiled to decision trees.
//!
//! ```text
//!   cases ─► rows: (occurrence, pattern) columns + bindings + guard + action
//!         ─► compile(rows):
//!              no rows            → the failure (Match_failure / re-raise), and the
//!                                   example of an unmatched value for the warning
//!              first row has no   → bind its variables, the action (a guard falls
//!              columns left         back to the remaining rows)
//!              else               → split on the first row's first column: tuples and
//!                                   records expand into component occurrences;
//!                                   constructors and constants become a chain of tests,
//!                                   one branch per head, each compiled on the rows that
//!                                   can still match, plus a default when the heads do
//!                                   not cover the type
//! ```
//!
//! Each value is examined at most once on any path through the tree: there is no
//! backtracking (a row that a test rules out is gone from that branch). Rows that can
//! match in several branches (wildcards) are compiled in each, so an action may be
//! emitted more than once. An action never emitted is an unused case.

use crate::ast::{Case, Const, Expr, PatKind, Pattern};
use crate::check::{key, Checker, DefKind, Repr};
use crate::lower::{block, mk, native, stmt, str_lit, throw, typed, var, Lowerer};
use devvm_compiler::core::{self, BinaryOp, ExprKind as K, Ident, StmtKind, TypedOp};
use devvm_compiler::Span;
use std::collections::HashMap;

#[derive(Clone)]
struct Row<'a> {
    cols: Vec<(String, &'a Pattern)>,
    binds: Vec<(String, String)>,
    guard: Option<&'a Expr>,
    action: usize,
}

/// What a branch knows about an occurrence, for the unmatched-value example.
#[derive(Clone, Debug)]
enum Known {
    Ctor(String, Vec<String>),
    Tuple(Vec<String>),
    Record(Vec<(String, String)>),
    NotIn(Vec<Const>),
}

/// What to do when no row matches.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Failure {
    /// `match`/`function`/`let`: raise Match_failure, warn.
    MatchFailure,
    /// `try ... with`: re-raise the exception, no warning.
    Reraise,
}

struct Compiler<'c, 'f> {
    ck: &'c Checker,
    root: String,
    failure: Failure,
    span: Span,
    reached: Vec<bool>,
    example: Option<String>,
    action: &'f mut dyn FnMut(&mut Lowerer, usize) -> core::Expr,
}

/// `match scrut with cases` (also `function` and `try ... with`, `reraise`).
pub fn compile_match(
    l: &mut Lowerer,
    ck: &Checker,
    scrut: core::Expr,
    cases: &[Case],
    tail: bool,
    span: Span,
    reraise: bool,
) -> core::Expr {
    let bodies: Vec<&Expr> = cases.iter().map(|c| &c.body).collect();
    let mut action = |l: &mut Lowerer, i: usize| l.expr(ck, bodies[i], tail);
    let rows = cases.iter().enumerate().map(|(i, c)| (&c.pat, c.guard.as_ref(), i)).collect::<Vec<_>>();
    let failure = if reraise { Failure::Reraise } else { Failure::MatchFailure };
    let (tree, reached, example) = run(l, ck, scrut, rows, failure, span, &mut action);
    if failure == Failure::MatchFailure {
        if let Some(ex) = example {
            l.warnings.push((
                span,
                format!(
                    "this pattern-matching is not exhaustive; here is an example of a case that is not matched: {ex}"
                ),
            ));
        }
    }
    for (i, r) in reached.iter().enumerate() {
        if !r {
            l.warnings.push((cases[i].pat.span, "this match case is unused".into()));
        }
    }
    tree
}

/// Binds one pattern (a `let` or a parameter), then the action; a value the pattern does
/// not match raises Match_failure (with a warning at compile time).
pub fn compile_bind(
    l: &mut Lowerer,
    ck: &Checker,
    pat: &Pattern,
    scrut: core::Expr,
    action: &mut dyn FnMut(&mut Lowerer) -> core::Expr,
    span: Span,
) -> core::Expr {
    let mut act = |l: &mut Lowerer, _: usize| action(l);
    let (tree, _, example) = run(l, ck, scrut, vec![(pat, None, 0)], Failure::MatchFailure, span, &mut act);
    if let Some(ex) = example {
        l.warnings.push((
            pat.span,
            format!("this pattern-matching is not exhaustive; here is an example of a case that is not matched: {ex}"),
        ));
    }
    tree
}

type Input<'a> = (&'a Pattern, Option<&'a Expr>, usize);

fn run<'a>(
    l: &mut Lowerer,
    ck: &Checker,
    scrut: core::Expr,
    rows: Vec<Input<'a>>,
    failure: Failure,
    span: Span,
    action: &mut dyn FnMut(&mut Lowerer, usize) -> core::Expr,
) -> (core::Expr, Vec<bool>, Option<String>) {
    let root = l.fresh("m");
    let n = rows.iter().map(|r| r.2 + 1).max().unwrap_or(0);
    // `match a, b with (p, q) -> ... | _ -> ...`: when every row takes the tuple apart,
    // the components go straight into their occurrences and the tuple is never built.
    let width = match &scrut.kind {
        K::MakeRecord { tag: 0, fields } => fields.len(),
        _ => 0,
    };
    let takes_apart = |p: &Pattern| match &p.kind {
        PatKind::Tuple(ps) => ps.len() == width,
        PatKind::Any => true,
        _ => false,
    };
    if width > 1 && rows.iter().all(|r| takes_apart(r.0)) {
        let K::MakeRecord { fields, .. } = scrut.kind else { unreachable!("checked: a tuple") };
        // A component that is a local of this function is used in place (see below).
        let mut lets = Vec::new();
        let temps: Vec<String> = fields
            .into_iter()
            .map(|f| match &f.kind {
                K::Var(id) if l.is_own_local(&id.name) => id.name.clone(),
                _ => {
                    let t = l.fresh("m");
                    lets.push(stmt(StmtKind::Let { name: Ident::new(&t, span), init: Some(f) }, span));
                    t
                }
            })
            .collect();
        let rows: Vec<Row> = rows
            .into_iter()
            .map(|(p, g, a)| {
                let cols = match &p.kind {
                    PatKind::Tuple(ps) => temps.iter().cloned().zip(ps.iter()).collect(),
                    _ => vec![],
                };
                Row { cols, binds: vec![], guard: g, action: a }
            })
            .collect();
        let mut c = Compiler { ck, root: root.clone(), failure, span, reached: vec![false; n], example: None, action };
        let known = HashMap::from([(root, Known::Tuple(temps))]);
        let tree = c.compile(l, rows, &known);
        return (block(lets, tree, span), c.reached, c.example);
    }
    // A scrutinee that is already a local of this function is tested and taken apart
    // where it is, rather than copied into a temporary first: it is never assigned while
    // the match runs (a loopified self tail call assigns parameters only once a case has
    // run), and core names are unique, so no pattern variable can shadow it.
    let own_local = match &scrut.kind {
        K::Var(id) if l.is_own_local(&id.name) => Some(id.name.clone()),
        _ => None,
    };
    let root = own_local.clone().unwrap_or(root);
    let rows: Vec<Row> = rows
        .into_iter()
        .map(|(p, g, a)| Row { cols: vec![(root.clone(), p)], binds: vec![], guard: g, action: a })
        .collect();
    let mut c = Compiler { ck, root: root.clone(), failure, span, reached: vec![false; n], example: None, action };
    let tree = c.compile(l, rows, &HashMap::new());
    let out = match own_local {
        Some(_) => tree,
        None => block(vec![stmt(StmtKind::Let { name: Ident::new(&root, span), init: Some(scrut) }, span)], tree, span),
    };
    (out, c.reached, c.example)
}

impl<'c, 'f> Compiler<'c, 'f> {
    fn compile<'a>(&mut self, l: &mut Lowerer, rows: Vec<Row<'a>>, known: &HashMap<String, Known>) -> core::Expr {
        let rows = normalize(rows);
        let span = self.span;
        let Some(first) = rows.first() else {
            if self.example.is_none() {
                self.example = Some(render(&self.root, known));
            }
            return self.fail(l);
        };
        if first.cols.is_empty() {
            return self.leaf(l, rows, known);
        }
        let (occ, pat) = first.cols[0].clone();
        match &pat.kind {
            PatKind::Tuple(ps) => {
                let (temps, lets) = slot_temps(l, &occ, ps.len(), span);
                let rows = rows
                    .into_iter()
                    .map(|mut r| {
                        if let Some(pos) = r.cols.iter().position(|(o, _)| *o == occ) {
                            let (_, p) = r.cols.remove(pos);
                            if let PatKind::Tuple(qs) = &p.kind {
                                for (t, q) in temps.iter().zip(qs).rev() {
                                    r.cols.insert(pos, (t.clone(), q));
                                }
                            }
                        }
                        r
                    })
                    .collect();
                let mut known = known.clone();
                known.insert(occ, Known::Tuple(temps));
                let tree = self.compile(l, rows, &known);
                block(lets, tree, span)
            }
            PatKind::Record(..) => {
                let tid = self.ck.annotations.records[&key(pat)];
                let DefKind::Record(defs) = &self.ck.types[tid].kind else { unreachable!("a record type") };
                let names: Vec<String> = defs.iter().map(|d| d.name.clone()).collect();
                let (temps, lets) = slot_temps(l, &occ, names.len(), span);
                let rows = rows
                    .into_iter()
                    .map(|mut r| {
                        if let Some(pos) = r.cols.iter().position(|(o, _)| *o == occ) {
                            let (_, p) = r.cols.remove(pos);
                            if let PatKind::Record(fields, _) = &p.kind {
                                for (fname, _, q) in fields.iter().rev() {
                                    let slot = names.iter().position(|n| n == fname).unwrap_or(0);
                                    r.cols.insert(pos, (temps[slot].clone(), q));
                                }
                            }
                        }
                        r
                    })
                    .collect();
                let mut known = known.clone();
                known.insert(occ, Known::Record(names.into_iter().zip(temps).collect()));
                let tree = self.compile(l, rows, &known);
                block(lets, tree, span)
            }
            PatKind::Ctor(..) => self.split_ctors(l, rows, &occ, known),
            PatKind::Const(_) => self.split_consts(l, rows, &occ, known),
            _ => unreachable!("normalize leaves only refutable or structured patterns first"),
        }
    }

    /// The first row matches: bind its variables and run its action (or its guard).
    fn leaf<'a>(&mut self, l: &mut Lowerer, rows: Vec<Row<'a>>, known: &HashMap<String, Known>) -> core::Expr {
        let span = self.span;
        let first = rows[0].clone();
        let mark = l.mark_pub();
        // A pattern variable names its occurrence's temporary directly (temporaries are
        // never assigned, so no copy is needed).
        for (user, occ) in &first.binds {
            l.bind_alias(user, occ);
        }
        let result = match first.guard {
            None => {
                self.reached[first.action] = true;
                (self.action)(l, first.action)
            }
            Some(g) => {
                let cond = l.expr(self.ck, g, false);
                self.reached[first.action] = true;
                let then = (self.action)(l, first.action);
                l.restore_pub(mark);
                let otherwise = self.compile(l, rows[1..].to_vec(), known);
                let e = mk(
                    K::If { cond: Box::new(cond), then: Box::new(then), otherwise: Some(Box::new(otherwise)) },
                    span,
                );
                return e;
            }
        };
        l.restore_pub(mark);
        result
    }

    fn fail(&mut self, l: &mut Lowerer) -> core::Expr {
        let span = self.span;
        match self.failure {
            Failure::Reraise => throw(var(&self.root, span), span),
            Failure::MatchFailure => {
                let (line, col) = l.line_col(self.ck, span);
                let loc = mk(
                    K::MakeRecord {
                        tag: 0,
                        fields: vec![str_lit(&l.file_name, span), mk(K::Int(line), span), mk(K::Int(col), span)],
                    },
                    span,
                );
                let payload = mk(K::MakeRecord { tag: 0, fields: vec![loc] }, span);
                throw(native("exn", vec![str_lit("Match_failure", span), payload], span), span)
            }
        }
    }

    fn split_ctors<'a>(
        &mut self,
        l: &mut Lowerer,
        rows: Vec<Row<'a>>,
        occ: &str,
        known: &HashMap<String, Known>,
    ) -> core::Expr {
        let span = self.span;
        let ck = self.ck;
        let ctor_of = |p: &Pattern| ck.annotations.ctors[&key(p)];
        let first_ctor =
            rows[0].cols.iter().find(|(o, _)| o == occ).map(|(_, p)| ctor_of(p)).expect("first row tests occ");
        let type_id = ck.ctors[first_ctor].type_id;
        let is_exn = ck.ctors[first_ctor].repr == Repr::Exn;
        // Heads in declaration order (exceptions: in order of appearance).
        let mut heads: Vec<usize> = Vec::new();
        for r in &rows {
            if let Some((_, p)) = r.cols.iter().find(|(o, _)| o == occ) {
                let c = ctor_of(p);
                if !heads.contains(&c) {
                    heads.push(c);
                }
            }
        }
        let all: Vec<usize> = match &ck.types[type_id].kind {
            DefKind::Variant(cs) if !is_exn => cs.clone(),
            _ => vec![],
        };
        if !is_exn {
            heads.sort_by_key(|c| all.iter().position(|a| a == c));
        }
        let has_blocks = all.iter().any(|c| matches!(ck.ctors[*c].repr, Repr::Block(_)));
        if has_blocks {
            // Constructors with arguments first: their test (`TAG_TEST`) is one cheap
            // instruction, and a complete match on a list or an option then tests only
            // `::` or `Some`, never comparing a block with an int.
            heads.sort_by_key(|c| matches!(ck.ctors[*c].repr, Repr::Const(_)));
        }
        let complete = !is_exn && all.iter().all(|c| heads.contains(c));
        // Branches: test for each head except the last one when the heads are complete.
        let mut branches: Vec<(Option<core::Expr>, core::Expr)> = Vec::new();
        for (hi, &h) in heads.iter().enumerate() {
            let def = &ck.ctors[h];
            let nargs = def.args.len();
            let temps: Vec<String> = (0..nargs).map(|_| l.fresh("m")).collect();
            let mut lets = Vec::new();
            for (i, t) in temps.iter().enumerate() {
                let get = match def.repr {
                    Repr::Exn => native("exn_arg", vec![var(occ, span), mk(K::Int(i as i64), span)], span),
                    _ => mk(K::GetSlot { object: Box::new(var(occ, span)), slot: i as u16 }, span),
                };
                lets.push(stmt(StmtKind::Let { name: Ident::new(t, span), init: Some(get) }, span));
            }
            let sub_rows: Vec<Row> = rows
                .iter()
                .filter_map(|r| {
                    let mut r = r.clone();
                    let Some(pos) = r.cols.iter().position(|(o, _)| o == occ) else { return Some(r) };
                    let (_, p) = r.cols.remove(pos);
                    if ctor_of(p) != h {
                        return None;
                    }
                    let PatKind::Ctor(_, arg) = &p.kind else { unreachable!("a constructor pattern") };
                    if let Some(arg) = arg {
                        let args: Vec<&Pattern> = match (&arg.kind, nargs, &def.record_fields) {
                            (PatKind::Any, _, _) => vec![],
                            (PatKind::Record(fields, _), _, Some(names)) => {
                                for (fname, _, q) in fields.iter().rev() {
                                    let slot = names.iter().position(|n| n == fname).unwrap_or(0);
                                    r.cols.insert(pos, (temps[slot].clone(), q));
                                }
                                vec![]
                            }
                            (PatKind::Tuple(qs), n, _) if n > 1 => qs.iter().collect(),
                            _ => vec![&**arg],
                        };
                        for (t, q) in temps.iter().zip(args).rev() {
                            r.cols.insert(pos, (t.clone(), q));
                        }
                    }
                    Some(r)
                })
                .collect();
            let mut k = known.clone();
            k.insert(occ.to_string(), Known::Ctor(def.name.clone(), temps.clone()));
            let tree = self.compile(l, sub_rows, &k);
            let body = block(lets, tree, span);
            let last_untested = complete && hi + 1 == heads.len();
            let test = if last_untested {
                None
            } else {
                Some(match def.repr {
                    Repr::Const(i) if has_blocks => mk(
                        K::Binary {
                            op: BinaryOp::Eq,
                            lhs: Box::new(var(occ, span)),
                            rhs: Box::new(mk(K::Int(i), span)),
                        },
                        span,
                    ),
                    Repr::Const(i) => typed(TypedOp::IntEq, vec![var(occ, span), mk(K::Int(i), span)], span),
                    Repr::Block(tag) => mk(K::TagTest { object: Box::new(var(occ, span)), tag }, span),
                    Repr::Exn => native("exn_is", vec![var(occ, span), str_lit(&def.name, span)], span),
                })
            };
            branches.push((test, body));
        }
        let default = if complete {
            None
        } else {
            let rest: Vec<Row> = rows.iter().filter(|r| !r.cols.iter().any(|(o, _)| o == occ)).cloned().collect();
            let mut k = known.clone();
            let missing = all.iter().find(|c| !heads.contains(c)).map(|c| {
                let d = &ck.ctors[*c];
                (d.name.clone(), d.args.len())
            });
            match missing {
                Some((name, n)) => {
                    let temps: Vec<String> = (0..n).map(|_| l.fresh("m")).collect();
                    k.insert(occ.to_string(), Known::Ctor(name, temps));
                }
                None => {
                    k.insert(occ.to_string(), Known::NotIn(vec![]));
                }
            }
            Some(self.compile(l, rest, &k))
        };
        chain(branches, default, span)
    }

    fn split_consts<'a>(
        &mut self,
        l: &mut Lowerer,
        rows: Vec<Row<'a>>,
        occ: &str,
        known: &HashMap<String, Known>,
    ) -> core::Expr {
        let span = self.span;
        let const_of = |p: &Pattern| match &p.kind {
            PatKind::Const(c) => c.clone(),
            _ => unreachable!("a constant pattern"),
        };
        let mut heads: Vec<Const> = Vec::new();
        for r in &rows {
            if let Some((_, p)) = r.cols.iter().find(|(o, _)| o == occ) {
                let c = const_of(p);
                if !heads.contains(&c) {
                    heads.push(c);
                }
            }
        }
        let is_bool = matches!(heads[0], Const::Bool(_));
        let complete = is_bool && heads.contains(&Const::Bool(true)) && heads.contains(&Const::Bool(false));
        let mut branches = Vec::new();
        for (hi, h) in heads.iter().enumerate() {
            let sub_rows: Vec<Row> = rows
                .iter()
                .filter_map(|r| {
                    let mut r = r.clone();
                    let Some(pos) = r.cols.iter().position(|(o, _)| o == occ) else { return Some(r) };
                    let (_, p) = r.cols.remove(pos);
                    (const_of(p) == *h).then_some(r)
                })
                .collect();
            let mut k = known.clone();
            k.insert(occ.to_string(), Known::Ctor(const_text(h), vec![]));
            let body = self.compile(l, sub_rows, &k);
            let o = var(occ, span);
            let test = if complete && hi + 1 == heads.len() {
                None
            } else {
                Some(match h {
                    Const::Int(i) => typed(TypedOp::IntEq, vec![o, mk(K::Int(*i), span)], span),
                    Const::Char(c) => typed(TypedOp::IntEq, vec![o, mk(K::Int(*c as i64), span)], span),
                    Const::Float(f) => typed(TypedOp::FloatEq, vec![o, mk(K::Float(*f), span)], span),
                    Const::Bool(true) => o,
                    Const::Bool(false) => {
                        mk(K::Unary { op: devvm_compiler::core::UnaryOp::Not, operand: Box::new(o) }, span)
                    }
                    Const::Str(s) => {
                        mk(K::Binary { op: BinaryOp::Eq, lhs: Box::new(o), rhs: Box::new(str_lit(s, span)) }, span)
                    }
                    Const::Unit => mk(K::Bool(true), span),
                })
            };
            branches.push((test, body));
        }
        let default = if complete {
            None
        } else {
            let rest: Vec<Row> = rows.iter().filter(|r| !r.cols.iter().any(|(o, _)| o == occ)).cloned().collect();
            let mut k = known.clone();
            k.insert(occ.to_string(), Known::NotIn(heads.clone()));
            Some(self.compile(l, rest, &k))
        };
        chain(branches, default, span)
    }
}

/// Fresh occurrences for the first `n` slots of the record at `occ`, and the `let`s that
/// load them.
fn slot_temps(l: &mut Lowerer, occ: &str, n: usize, span: Span) -> (Vec<String>, Vec<devvm_compiler::core::Stmt>) {
    let temps: Vec<String> = (0..n).map(|_| l.fresh("m")).collect();
    let lets = temps
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let get = mk(K::GetSlot { object: Box::new(var(occ, span)), slot: i as u16 }, span);
            stmt(StmtKind::Let { name: Ident::new(t, span), init: Some(get) }, span)
        })
        .collect();
    (temps, lets)
}

/// `if t1 then b1 else if t2 then b2 ... else default`; a branch without a test is the
/// final else.
fn chain(branches: Vec<(Option<core::Expr>, core::Expr)>, default: Option<core::Expr>, span: Span) -> core::Expr {
    let mut acc = default;
    for (test, body) in branches.into_iter().rev() {
        acc = Some(match (test, acc) {
            (None, _) | (_, None) => body,
            (Some(t), Some(rest)) => {
                mk(K::If { cond: Box::new(t), then: Box::new(body), otherwise: Some(Box::new(rest)) }, span)
            }
        });
    }
    acc.unwrap_or_else(|| mk(K::Nil, span))
}

/// Simplifies each row's columns: wildcards go, variables and aliases become bindings,
/// annotations go, or-patterns split the row in two (in order).
fn normalize(rows: Vec<Row<'_>>) -> Vec<Row<'_>> {
    let mut out = Vec::new();
    let mut work: Vec<Row> = rows.into_iter().rev().collect();
    'rows: while let Some(mut r) = work.pop() {
        let mut i = 0;
        while i < r.cols.len() {
            let (occ, p) = r.cols[i].clone();
            match &p.kind {
                PatKind::Any | PatKind::Const(Const::Unit) => {
                    r.cols.remove(i);
                }
                PatKind::Var(n) => {
                    r.binds.push((n.clone(), occ));
                    r.cols.remove(i);
                }
                PatKind::Alias(q, n) => {
                    r.binds.push((n.clone(), occ.clone()));
                    r.cols[i] = (occ, q);
                }
                PatKind::Annot(q, _) => r.cols[i] = (occ, q),
                PatKind::Or(a, b) => {
                    let mut second = r.clone();
                    second.cols[i] = (occ.clone(), b);
                    r.cols[i] = (occ, a);
                    work.push(second);
                    work.push(r);
                    continue 'rows;
                }
                _ => i += 1,
            }
        }
        out.push(r);
    }
    out
}

fn const_text(c: &Const) -> String {
    match c {
        Const::Unit => "()".into(),
        Const::Int(i) => i.to_string(),
        Const::Float(f) => crate::format::string_of_float(*f),
        Const::Char(c) => format!("'{}'", *c as char),
        Const::Str(s) => format!("{s:?}"),
        Const::Bool(b) => b.to_string(),
    }
}

/// An example value from what a failing branch knows (OCaml's style: `Some _`,
/// `(_, [])`, `_::_`).
fn render(occ: &str, known: &HashMap<String, Known>) -> String {
    render_prec(occ, known, false)
}

fn render_prec(occ: &str, known: &HashMap<String, Known>, arg: bool) -> String {
    match known.get(occ) {
        None => "_".into(),
        Some(Known::Tuple(parts)) => {
            format!("({})", parts.iter().map(|p| render_prec(p, known, false)).collect::<Vec<_>>().join(", "))
        }
        Some(Known::Record(fields)) => {
            let shown: Vec<String> =
                fields.iter().map(|(n, o)| format!("{n}={}", render_prec(o, known, false))).collect();
            format!("{{{}}}", shown.join("; "))
        }
        Some(Known::NotIn(consts)) => match consts.first() {
            Some(Const::Int(_)) | None if consts.iter().all(|c| matches!(c, Const::Int(_))) => {
                let mut i = 0;
                while consts.contains(&Const::Int(i)) {
                    i += 1;
                }
                if consts.is_empty() {
                    "_".into()
                } else {
                    i.to_string()
                }
            }
            Some(Const::Char(_)) => {
                let mut c = b'a';
                while consts.contains(&Const::Char(c)) && c < b'z' {
                    c += 1;
                }
                format!("'{}'", c as char)
            }
            Some(Const::Str(_)) => {
                if consts.contains(&Const::Str(String::new())) {
                    "\"*\"".into()
                } else {
                    "\"\"".into()
                }
            }
            Some(Const::Bool(b)) => (!b).to_string(),
            _ => "_".into(),
        },
        Some(Known::Ctor(name, args)) => {
            if args.is_empty() {
                return name.clone();
            }
            if name == "::" && args.len() == 2 {
                let s = format!("{}::{}", render_prec(&args[0], known, true), render_prec(&args[1], known, false));
                return if arg { format!("({s})") } else { s };
            }
            let inner = if args.len() == 1 {
                render_prec(&args[0], known, true)
            } else {
                format!("({})", args.iter().map(|a| render_prec(a, known, false)).collect::<Vec<_>>().join(", "))
            };
            let s = format!("{name} {inner}");
            if arg {
                format!("({s})")
            } else {
                s
            }
        }
    }
}
