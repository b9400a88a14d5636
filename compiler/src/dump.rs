//! `--dump core`: the core AST as an indented s-expression.
//!
//! The printer goes through [`Sexp`], a tiny tree of atoms and lists with a width-aware
//! layout: a node that fits on the rest of the line is printed flat, otherwise its leading
//! atoms stay on the first line and every other child gets a line of its own, indented by
//! two spaces. Frontends reuse [`Sexp`] for their own `--dump ast`, so every dump in the
//! project reads the same way.
//!
//! ```text
//! (fn fib (n)
//!   (if (< n 2) (block (return n)))
//!   (return (+ (call fib (- n 1)) (call fib (- n 2)))))
//! ```

use crate::core::*;

/// The line width the pretty layout aims for.
pub const WIDTH: usize = 88;

/// An s-expression: the common shape of every tree dump.
#[derive(Clone, Debug, PartialEq)]
pub enum Sexp {
    Atom(String),
    List(Vec<Sexp>),
}

impl Sexp {
    pub fn atom(text: impl Into<String>) -> Sexp {
        Sexp::Atom(text.into())
    }

    /// A list whose first element is the atom `head`.
    pub fn node(head: &str, children: impl IntoIterator<Item = Sexp>) -> Sexp {
        let mut items = vec![Sexp::atom(head)];
        items.extend(children);
        Sexp::List(items)
    }

    /// The whole tree on one line (what tests compare against).
    pub fn flat(&self) -> String {
        let mut out = String::new();
        self.write_flat(&mut out);
        out
    }

    fn write_flat(&self, out: &mut String) {
        match self {
            Sexp::Atom(a) => out.push_str(a),
            Sexp::List(items) => {
                out.push('(');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    item.write_flat(out);
                }
                out.push(')');
            }
        }
    }

    /// The flat length, stopping early once it exceeds `limit` (so the layout stays linear
    /// in practice instead of measuring every subtree in full at every level).
    fn flat_len_within(&self, limit: usize) -> Option<usize> {
        match self {
            Sexp::Atom(a) => (a.len() <= limit).then_some(a.len()),
            Sexp::List(items) => {
                let mut len = 2 + items.len().saturating_sub(1);
                if len > limit {
                    return None;
                }
                for item in items {
                    len += item.flat_len_within(limit - len)?;
                }
                Some(len)
            }
        }
    }

    /// The tree laid out for `width` columns, ending with a newline.
    pub fn pretty(&self, width: usize) -> String {
        let mut out = String::new();
        self.write_pretty(0, width, &mut out);
        out.push('\n');
        out
    }

    fn write_pretty(&self, indent: usize, width: usize, out: &mut String) {
        let room = width.saturating_sub(indent);
        let items = match self {
            Sexp::List(items) if !items.is_empty() && self.flat_len_within(room).is_none() => items,
            _ => return self.write_flat(out),
        };
        out.push('(');
        // The head and the atoms right after it share the first line while they fit, and so
        // does one list of atoms after them (a parameter list, a short condition).
        let mut leading = 1;
        let mut used = 1 + items[0].flat().len();
        while let Some(Sexp::Atom(a)) = items.get(leading) {
            if used + 1 + a.len() > room {
                break;
            }
            used += 1 + a.len();
            leading += 1;
        }
        if let Some(list @ Sexp::List(inner)) = items.get(leading) {
            let all_atoms = inner.iter().all(|i| matches!(i, Sexp::Atom(_)));
            if all_atoms && leading + 1 < items.len() && used + 1 + list.flat().len() <= room {
                leading += 1;
            }
        }
        for (i, item) in items[..leading].iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            item.write_pretty(indent + 1, width, out);
        }
        for item in &items[leading..] {
            out.push('\n');
            out.extend(std::iter::repeat_n(' ', indent + 2));
            item.write_pretty(indent + 2, width, out);
        }
        out.push(')');
    }
}

/// Renders a core module for humans (and golden tests): one s-expression per top-level
/// statement.
pub fn core_module(module: &Module) -> String {
    module.body.iter().map(|s| stmt(s).pretty(WIDTH)).collect()
}

fn name(ident: &Ident) -> Sexp {
    Sexp::atom(ident.name.clone())
}

fn names(idents: &[Ident]) -> Sexp {
    Sexp::List(idents.iter().map(name).collect())
}

fn stmts(list: &[Stmt]) -> impl Iterator<Item = Sexp> + '_ {
    list.iter().map(stmt)
}

fn block(b: &Block) -> Sexp {
    Sexp::node("block", stmts(&b.stmts))
}

fn fn_def(def: &FnDef) -> Sexp {
    let shown = if def.name.name.is_empty() { Sexp::atom("<anonymous>") } else { name(&def.name) };
    let mut items = vec![Sexp::atom("fn"), shown, names(&def.params)];
    items.extend(stmts(&def.body.stmts));
    Sexp::List(items)
}

/// One statement as an s-expression.
pub fn stmt(s: &Stmt) -> Sexp {
    match &s.kind {
        StmtKind::Let { name: n, init } => Sexp::node("let", std::iter::once(name(n)).chain(init.iter().map(expr))),
        StmtKind::Functions(defs) if defs.len() == 1 => fn_def(&defs[0]),
        StmtKind::Functions(defs) => Sexp::node("functions", defs.iter().map(fn_def)),
        StmtKind::Expr(e) => expr(e),
        StmtKind::Assign { target, value } => Sexp::node("set", [assign_target(target), expr(value)]),
        StmtKind::While { cond, body } => Sexp::node("while", std::iter::once(expr(cond)).chain(stmts(&body.stmts))),
        StmtKind::ForIn { var, iter, body } => {
            Sexp::node("for", [name(var), expr(iter)].into_iter().chain(stmts(&body.stmts)))
        }
        StmtKind::ForRange { var, start, end, inclusive, step, body } => {
            let dots = if *inclusive { "..=" } else { ".." };
            let head =
                [name(var), expr(start), Sexp::atom(dots), expr(end), Sexp::atom("step"), Sexp::atom(step.to_string())];
            Sexp::node("for-range", head.into_iter().chain(stmts(&body.stmts)))
        }
        StmtKind::Break => Sexp::atom("break"),
        StmtKind::Continue => Sexp::atom("continue"),
        StmtKind::Return(value) => Sexp::node("return", value.iter().map(expr)),
        StmtKind::Throw(value) => Sexp::node("throw", [expr(value)]),
        StmtKind::Try { body, catch, finally } => {
            let mut items = vec![Sexp::atom("try"), block(body)];
            if let Some(c) = catch {
                let var = c.name.as_ref().map_or(Sexp::atom("_"), name);
                items.push(Sexp::node("catch", std::iter::once(var).chain(stmts(&c.body.stmts))));
            }
            if let Some(f) = finally {
                items.push(Sexp::node("finally", stmts(&f.stmts)));
            }
            Sexp::List(items)
        }
        StmtKind::Class(class) => {
            let mut items = vec![Sexp::atom("class"), name(&class.name)];
            if let Some(sup) = &class.superclass {
                items.push(Sexp::node("extends", [expr(sup)]));
            }
            for m in &class.methods {
                let kind = match m.kind {
                    MethodKind::Method => "method",
                    MethodKind::Initializer => "init",
                    MethodKind::Static => "static",
                    MethodKind::Getter => "getter",
                };
                items.push(Sexp::node(kind, [fn_def(&m.def)]));
            }
            Sexp::List(items)
        }
        StmtKind::Import { path, alias } => {
            let what = match path {
                ImportPath::File(p) => Sexp::atom(format!("{p:?}")),
                ImportPath::Std(m) => Sexp::node("std", [Sexp::atom(m.clone())]),
            };
            Sexp::node("import", [what, Sexp::atom("as"), name(alias)])
        }
    }
}

fn assign_target(t: &AssignTarget) -> Sexp {
    match t {
        AssignTarget::Var(v) => name(v),
        AssignTarget::Index { object, index } => Sexp::node("index", [expr(object), expr(index)]),
        AssignTarget::Field { object, name: n } => Sexp::node("field", [expr(object), name(n)]),
        AssignTarget::Slot { object, slot } => Sexp::node("slot", [expr(object), Sexp::atom(slot.to_string())]),
    }
}

/// A float as Rust's shortest round-trip form, always with a `.` or exponent so it cannot
/// be mistaken for an int.
pub fn float_text(f: f64) -> String {
    let text = format!("{f:?}");
    if text.contains(['.', 'e', 'n', 'i']) {
        text
    } else {
        format!("{text}.0")
    }
}

/// One expression as an s-expression.
pub fn expr(e: &Expr) -> Sexp {
    let many = |items: &[Expr]| items.iter().map(expr).collect::<Vec<_>>();
    match &e.kind {
        ExprKind::Nil => Sexp::atom("nil"),
        ExprKind::Bool(b) => Sexp::atom(b.to_string()),
        ExprKind::Int(i) => Sexp::atom(i.to_string()),
        ExprKind::Float(f) => Sexp::atom(float_text(*f)),
        ExprKind::Str(s) => Sexp::atom(format!("{s:?}")),
        ExprKind::Var(v) => name(v),
        ExprKind::Unary { op, operand } => {
            let head = match op {
                UnaryOp::Neg => "neg",
                UnaryOp::Not => "not",
                UnaryOp::BitNot => "bitnot",
            };
            Sexp::node(head, [expr(operand)])
        }
        ExprKind::Binary { op, lhs, rhs } => Sexp::node(op.symbol(), [expr(lhs), expr(rhs)]),
        ExprKind::Typed { op, args } => Sexp::node(&format!("{op:?}"), many(args)),
        ExprKind::And(a, b) => Sexp::node("and", [expr(a), expr(b)]),
        ExprKind::Or(a, b) => Sexp::node("or", [expr(a), expr(b)]),
        ExprKind::Call { callee, args, tail } => {
            Sexp::node(if *tail { "tail-call" } else { "call" }, std::iter::once(expr(callee)).chain(many(args)))
        }
        ExprKind::Apply { callee, args, tail } => {
            Sexp::node(if *tail { "tail-apply" } else { "apply" }, std::iter::once(expr(callee)).chain(many(args)))
        }
        ExprKind::Invoke { receiver, method, args } => {
            Sexp::node("invoke", [expr(receiver), name(method)].into_iter().chain(many(args)))
        }
        ExprKind::Index { object, index } => Sexp::node("index", [expr(object), expr(index)]),
        ExprKind::Field { object, name: n } => Sexp::node("field", [expr(object), name(n)]),
        ExprKind::List(items) => Sexp::node("list", many(items)),
        ExprKind::Map(entries) => Sexp::node("map", entries.iter().map(|(k, v)| Sexp::List(vec![expr(k), expr(v)]))),
        ExprKind::Range { start, end, inclusive } => {
            Sexp::node(if *inclusive { "..=" } else { ".." }, [expr(start), expr(end)])
        }
        ExprKind::Interpolate(parts) => Sexp::node("interp", many(parts)),
        ExprKind::Function(def) => fn_def(def),
        ExprKind::If { cond, then, otherwise } => {
            Sexp::node("if", [expr(cond), expr(then)].into_iter().chain(otherwise.iter().map(|o| expr(o))))
        }
        ExprKind::Block { stmts: body, value } => {
            Sexp::node("block", stmts(body).chain(value.iter().map(|v| Sexp::node("value", [expr(v)]))))
        }
        ExprKind::MakeRecord { tag, fields } => {
            Sexp::node("record", std::iter::once(Sexp::atom(tag.to_string())).chain(many(fields)))
        }
        ExprKind::GetSlot { object, slot } => Sexp::node("slot", [expr(object), Sexp::atom(slot.to_string())]),
        ExprKind::TagTest { object, tag } => Sexp::node("tag?", [expr(object), Sexp::atom(tag.to_string())]),
        ExprKind::This => Sexp::atom("this"),
        ExprKind::SuperMethod { method } => Sexp::node("super", [name(method)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn e(kind: ExprKind) -> Expr {
        Expr::new(kind, Span::default())
    }

    fn var(n: &str) -> Expr {
        e(ExprKind::Var(Ident::new(n, Span::default())))
    }

    #[test]
    fn short_nodes_stay_on_one_line() {
        let sum =
            e(ExprKind::Binary { op: BinaryOp::Add, lhs: Box::new(var("a")), rhs: Box::new(e(ExprKind::Int(1))) });
        let module = Module { body: vec![Stmt { kind: StmtKind::Expr(sum), span: Span::default() }] };
        assert_eq!(core_module(&module), "(+ a 1)\n");
    }

    #[test]
    fn long_nodes_break_after_leading_atoms() {
        let args: Vec<Expr> = (0..30).map(|i| var(&format!("argument{i}"))).collect();
        let call = e(ExprKind::Call { callee: Box::new(var("f")), args, tail: false });
        let text = expr(&call).pretty(40);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "(call f argument0 argument1 argument2");
        assert_eq!(lines[1], "  argument3");
        assert_eq!(lines.last().unwrap(), &"  argument29)");
        assert!(lines.iter().all(|l| l.len() <= 40));
    }

    #[test]
    fn floats_always_look_like_floats() {
        assert_eq!(float_text(3.0), "3.0");
        assert_eq!(float_text(0.1), "0.1");
        assert_eq!(float_text(1e300), "1e300");
        assert_eq!(float_text(f64::INFINITY), "inf");
    }
}
