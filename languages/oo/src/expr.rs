//! Expressions: the book's precedence climb plus DevObj's operators.
//!
//! ```text
//! assignment → ( call "." )? IDENT "=" assignment | call "[" expr "]" "=" assignment | or
//! or → and ( "or" and )* ;  and → equality ( "and" equality )*
//! equality → comparison ( ( "!=" | "==" ) comparison )*
//! comparison → bitor ( ( ">" | ">=" | "<" | "<=" | "is" ) bitor )*
//! bitor → bitxor ( "|" bitxor )* ; bitxor → bitand ( "^" bitand )* ; bitand → shift ( "&" shift )*
//! shift → term ( ( "<<" | ">>" ) term )* ; term → factor ( ( "-" | "+" ) factor )*
//! factor → unary ( ( "/" | "*" | "%" ) unary )*
//! unary → ( "!" | "-" | "~" ) unary | call
//! call → primary ( "(" arguments? ")" | "." IDENT | "[" expression "]" )*
//! primary → literal | IDENT | "this" | "super" "." IDENT | "(" expression ")"
//!         | "[" ( expression ( "," expression )* )? "]" | "{" ( expression ":" expression ","? )* "}"
//! ```
//!
//! An assignment is a statement in the core AST; one used as a value becomes a block that
//! evaluates the target's object (and index) first, then the value, stores, and yields it.

use crate::lexer::Tok;
use crate::parser::{ClassKind, FnKind, Parser, MAX_CHAIN};
use devvm_compiler::core::{AssignTarget, BinaryOp, Expr, ExprKind, Ident, Stmt, StmtKind, UnaryOp};
use devvm_compiler::Span;

/// What `assignment` found: a plain expression, or an assignment (kept apart so that an
/// expression statement can be a core `Assign`).
pub(crate) enum Parsed {
    Expr(Expr),
    Assign(AssignTarget, Expr, Span),
}

/// The largest integral literal kept as an int (the VM's inline int range).
const INT_LITERAL_MAX: f64 = 140_737_488_355_327.0;

fn nil(span: Span) -> Expr {
    Expr::new(ExprKind::Nil, span)
}

fn var(name: &str, span: Span) -> Expr {
    Expr::new(ExprKind::Var(Ident::new(name, span)), span)
}

fn let_(name: &str, init: Expr, span: Span) -> Stmt {
    Stmt { kind: StmtKind::Let { name: Ident::new(name, span), init: Some(init) }, span }
}

impl<'a> Parser<'a> {
    pub(crate) fn expression(&mut self) -> Expr {
        let p = self.assignment();
        self.as_value(p)
    }

    /// An assignment used as a value.
    pub(crate) fn as_value(&mut self, p: Parsed) -> Expr {
        let (target, value, span) = match p {
            Parsed::Expr(e) => return e,
            Parsed::Assign(t, v, s) => (t, v, s),
        };
        let block =
            |stmts: Vec<Stmt>, value: Expr| Expr::new(ExprKind::Block { stmts, value: Some(Box::new(value)) }, span);
        match target {
            AssignTarget::Var(name) => {
                let read = Expr::new(ExprKind::Var(name.clone()), span);
                block(vec![Stmt { kind: StmtKind::Assign { target: AssignTarget::Var(name), value }, span }], read)
            }
            AssignTarget::Field { object, name } => {
                let (o, v) = (self.temp(), self.temp());
                let store = AssignTarget::Field { object: Box::new(var(&o, span)), name };
                block(
                    vec![
                        let_(&o, *object, span),
                        let_(&v, value, span),
                        Stmt { kind: StmtKind::Assign { target: store, value: var(&v, span) }, span },
                    ],
                    var(&v, span),
                )
            }
            AssignTarget::Index { object, index } => {
                let (o, i, v) = (self.temp(), self.temp(), self.temp());
                let store = AssignTarget::Index { object: Box::new(var(&o, span)), index: Box::new(var(&i, span)) };
                block(
                    vec![
                        let_(&o, *object, span),
                        let_(&i, *index, span),
                        let_(&v, value, span),
                        Stmt { kind: StmtKind::Assign { target: store, value: var(&v, span) }, span },
                    ],
                    var(&v, span),
                )
            }
            AssignTarget::Slot { .. } => nil(span),
        }
    }

    /// assignment → ( call "." )? IDENT "=" assignment | logic_or
    pub(crate) fn assignment(&mut self) -> Parsed {
        if !self.enter() {
            self.leave();
            let span = self.span();
            self.advance();
            return Parsed::Expr(nil(span));
        }
        let lhs = self.or();
        let result = if self.check(Tok::Equal) {
            let eq = self.advance();
            let value = self.assignment();
            let value = self.as_value(value);
            let span = lhs.span.to(value.span);
            match lhs.kind {
                ExprKind::Var(name) => Parsed::Assign(AssignTarget::Var(name), value, span),
                ExprKind::Field { object, name } => Parsed::Assign(AssignTarget::Field { object, name }, value, span),
                ExprKind::Index { object, index } => Parsed::Assign(AssignTarget::Index { object, index }, value, span),
                _ => {
                    self.resolve_error(eq.span, "Invalid assignment target.");
                    Parsed::Expr(value)
                }
            }
        } else {
            Parsed::Expr(lhs)
        };
        self.leave();
        result
    }

    /// A left-associative chain of binary operators over `next`.
    fn chain(&mut self, next: fn(&mut Self) -> Expr, op_of: fn(Tok) -> Option<BinOp>) -> Expr {
        let mut lhs = next(self);
        let mut links = 0;
        while let Some(op) = op_of(self.peek()) {
            let op_tok = self.advance();
            links += 1;
            if links > MAX_CHAIN {
                self.error_at(op_tok.span, &format!("Expression too long (more than {MAX_CHAIN} operators in a row)."));
                return lhs;
            }
            let rhs = next(self);
            let span = lhs.span.to(rhs.span);
            let kind = match op {
                BinOp::Core(op) => ExprKind::Binary { op, lhs: Box::new(lhs), rhs: Box::new(rhs) },
                BinOp::And => ExprKind::And(Box::new(lhs), Box::new(rhs)),
                BinOp::Or => ExprKind::Or(Box::new(lhs), Box::new(rhs)),
                BinOp::Is => {
                    ExprKind::Call { callee: Box::new(var("oo:is", op_tok.span)), args: vec![lhs, rhs], tail: false }
                }
            };
            lhs = Expr::new(kind, span);
        }
        lhs
    }

    fn or(&mut self) -> Expr {
        self.chain(Self::and, |t| (t == Tok::Or).then_some(BinOp::Or))
    }

    fn and(&mut self) -> Expr {
        self.chain(Self::equality, |t| (t == Tok::And).then_some(BinOp::And))
    }

    fn equality(&mut self) -> Expr {
        self.chain(Self::comparison, |t| match t {
            Tok::EqualEqual => Some(BinOp::Core(BinaryOp::Eq)),
            Tok::BangEqual => Some(BinOp::Core(BinaryOp::Ne)),
            _ => None,
        })
    }

    fn comparison(&mut self) -> Expr {
        self.chain(Self::bit_or, |t| match t {
            Tok::Less => Some(BinOp::Core(BinaryOp::Lt)),
            Tok::LessEqual => Some(BinOp::Core(BinaryOp::Le)),
            Tok::Greater => Some(BinOp::Core(BinaryOp::Gt)),
            Tok::GreaterEqual => Some(BinOp::Core(BinaryOp::Ge)),
            Tok::Is => Some(BinOp::Is),
            _ => None,
        })
    }

    fn bit_or(&mut self) -> Expr {
        self.chain(Self::bit_xor, |t| (t == Tok::Pipe).then_some(BinOp::Core(BinaryOp::BitOr)))
    }

    fn bit_xor(&mut self) -> Expr {
        self.chain(Self::bit_and, |t| (t == Tok::Caret).then_some(BinOp::Core(BinaryOp::BitXor)))
    }

    fn bit_and(&mut self) -> Expr {
        self.chain(Self::shift, |t| (t == Tok::Amp).then_some(BinOp::Core(BinaryOp::BitAnd)))
    }

    fn shift(&mut self) -> Expr {
        self.chain(Self::term, |t| match t {
            Tok::Shl => Some(BinOp::Core(BinaryOp::Shl)),
            Tok::Shr => Some(BinOp::Core(BinaryOp::Shr)),
            _ => None,
        })
    }

    fn term(&mut self) -> Expr {
        self.chain(Self::factor, |t| match t {
            Tok::Plus => Some(BinOp::Core(BinaryOp::Add)),
            Tok::Minus => Some(BinOp::Core(BinaryOp::Sub)),
            _ => None,
        })
    }

    fn factor(&mut self) -> Expr {
        self.chain(Self::unary, |t| match t {
            Tok::Star => Some(BinOp::Core(BinaryOp::Mul)),
            Tok::Slash => Some(BinOp::Core(BinaryOp::Div)),
            Tok::Percent => Some(BinOp::Core(BinaryOp::Rem)),
            _ => None,
        })
    }

    /// unary → ( "!" | "-" | "~" ) unary | call
    fn unary(&mut self) -> Expr {
        let op = match self.peek() {
            Tok::Bang => UnaryOp::Not,
            Tok::Minus => UnaryOp::Neg,
            Tok::Tilde => UnaryOp::BitNot,
            _ => return self.call(),
        };
        let t = self.advance();
        if !self.enter() {
            self.leave();
            return nil(t.span);
        }
        let operand = self.unary();
        self.leave();
        let span = t.span.to(operand.span);
        if op == UnaryOp::Neg && matches!(operand.kind, ExprKind::Int(0)) {
            // Lox numbers are doubles: `-0` is negative zero (the folder would make it 0).
            return Expr::new(ExprKind::Float(-0.0), span);
        }
        Expr::new(ExprKind::Unary { op, operand: Box::new(operand) }, span)
    }

    /// call → primary ( "(" arguments? ")" | "." IDENT | "[" expression "]" )*
    fn call(&mut self) -> Expr {
        let mut e = self.primary();
        let mut links = 0;
        loop {
            if !matches!(self.peek(), Tok::LParen | Tok::Dot | Tok::LBracket) {
                return e;
            }
            links += 1;
            if links > MAX_CHAIN {
                self.error_at_current(&format!("Expression too long (more than {MAX_CHAIN} calls in a row)."));
                return e;
            }
            match self.advance().tok {
                Tok::LParen => {
                    let args = self.arguments();
                    let span = e.span.to(self.prev_span());
                    e = Expr::new(ExprKind::Call { callee: Box::new(e), args, tail: false }, span);
                }
                Tok::Dot => {
                    let Some(name) = self.ident("Expect property name after '.'.") else { return e };
                    if self.matches(Tok::LParen) {
                        let args = self.arguments();
                        let span = e.span.to(self.prev_span());
                        e = Expr::new(ExprKind::Invoke { receiver: Box::new(e), method: name, args }, span);
                    } else {
                        let span = e.span.to(name.span);
                        e = Expr::new(ExprKind::Field { object: Box::new(e), name }, span);
                    }
                }
                _ => {
                    let index = self.expression();
                    self.consume(Tok::RBracket, "Expect ']' after index.");
                    let span = e.span.to(self.prev_span());
                    e = Expr::new(ExprKind::Index { object: Box::new(e), index: Box::new(index) }, span);
                }
            }
        }
    }

    /// arguments → expression ( "," expression )* ; after "(" up to and including ")".
    fn arguments(&mut self) -> Vec<Expr> {
        let mut args = Vec::new();
        if !self.check(Tok::RParen) {
            loop {
                if args.len() == 255 {
                    let span = self.span();
                    self.resolve_error(span, "Can't have more than 255 arguments.");
                }
                args.push(self.expression());
                if !self.matches(Tok::Comma) {
                    break;
                }
            }
        }
        self.consume(Tok::RParen, "Expect ')' after arguments.");
        args
    }

    fn primary(&mut self) -> Expr {
        let t = self.advance();
        let span = t.span;
        match t.tok {
            Tok::False => Expr::new(ExprKind::Bool(false), span),
            Tok::True => Expr::new(ExprKind::Bool(true), span),
            Tok::Nil => nil(span),
            Tok::Number => {
                let f: f64 = self.text(span).parse().unwrap_or(0.0);
                if f.fract() == 0.0 && f <= INT_LITERAL_MAX {
                    Expr::new(ExprKind::Int(f as i64), span)
                } else {
                    Expr::new(ExprKind::Float(f), span)
                }
            }
            Tok::String => {
                let text = self.text(span);
                Expr::new(ExprKind::Str(text[1..text.len() - 1].to_string()), span)
            }
            Tok::Identifier => {
                let name = Ident::new(self.text(span).to_string(), span);
                self.variable(name)
            }
            Tok::This => {
                if self.classes.is_empty() {
                    self.resolve_error(span, "Can't use 'this' outside of a class.");
                } else if self.functions.last() == Some(&FnKind::Static) {
                    self.resolve_error(span, "Can't use 'this' in a static method.");
                }
                Expr::new(ExprKind::This, span)
            }
            Tok::Super => {
                match self.classes.last() {
                    None => self.resolve_error(span, "Can't use 'super' outside of a class."),
                    Some(ClassKind::Class) => {
                        self.resolve_error(span, "Can't use 'super' in a class with no superclass.")
                    }
                    Some(ClassKind::Subclass) => {}
                }
                self.consume(Tok::Dot, "Expect '.' after 'super'.");
                let Some(method) = self.ident("Expect superclass method name.") else { return nil(span) };
                let span = span.to(method.span);
                Expr::new(ExprKind::SuperMethod { method }, span)
            }
            Tok::LParen => {
                let e = self.expression();
                self.consume(Tok::RParen, "Expect ')' after expression.");
                match e.kind {
                    // A parenthesized name or property is a value, not an assignment
                    // target: `(a) = 1` is an error, as in the book.
                    ExprKind::Var(_) | ExprKind::Field { .. } | ExprKind::Index { .. } => {
                        let span = span.to(self.prev_span());
                        Expr::new(ExprKind::Block { stmts: Vec::new(), value: Some(Box::new(e)) }, span)
                    }
                    _ => e,
                }
            }
            Tok::LBracket => {
                let mut items = Vec::new();
                while !self.check(Tok::RBracket) && !self.check(Tok::Eof) {
                    items.push(self.expression());
                    if !self.matches(Tok::Comma) {
                        break;
                    }
                    if self.in_panic() {
                        break;
                    }
                }
                self.consume(Tok::RBracket, "Expect ']' after list elements.");
                Expr::new(ExprKind::List(items), span.to(self.prev_span()))
            }
            Tok::LBrace => {
                let mut pairs = Vec::new();
                while !self.check(Tok::RBrace) && !self.check(Tok::Eof) {
                    let k = self.expression();
                    self.consume(Tok::Colon, "Expect ':' after map key.");
                    let v = self.expression();
                    pairs.push((k, v));
                    if !self.matches(Tok::Comma) || self.in_panic() {
                        break;
                    }
                }
                self.consume(Tok::RBrace, "Expect '}' after map entries.");
                Expr::new(ExprKind::Map(pairs), span.to(self.prev_span()))
            }
            _ => {
                // As in clox, the token that cannot start an expression is consumed and
                // reported; synchronization goes on from the next one.
                self.error_at(span, "Expect expression.");
                nil(span)
            }
        }
    }
}

/// A binary operator as parsed.
#[derive(Clone, Copy)]
enum BinOp {
    Core(BinaryOp),
    And,
    Or,
    Is,
}
