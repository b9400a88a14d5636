//! Expressions: a Pratt parser over the spec's precedence table.
//!
//! ```text
//!   lowest  or · and · not · == != < <= > >= (non-associative) · | · ^ · & · << >>
//!           · .. ..= (non-associative) · + - · * / // % · unary - ~ · ** (right) · postfix
//! ```
//!
//! [`Parser::binary`] handles the infix levels from `or` to `* / // %` in one loop keyed by
//! binding power; the prefix operators, `**` and the postfix operations have functions of
//! their own because each binds in its own way (`-2 ** 2` is `-(2 ** 2)`, as in Python,
//! and `2 ** -1` is allowed).

use crate::ast::{BinaryOp, Expr, ExprKind, Function, Name, Part, UnaryOp};
use crate::parser::{Mode, PResult, Parser, Stop};
use crate::token::{Tok, Token};
use devvm_compiler::Span;

// Binding powers, lowest first.
const OR: u8 = 1;
const AND: u8 = 2;
const NOT: u8 = 3;
const COMPARE: u8 = 4;
const BIT_OR: u8 = 5;
const BIT_XOR: u8 = 6;
const BIT_AND: u8 = 7;
const SHIFT: u8 = 8;
const RANGE: u8 = 9;
const ADD: u8 = 10;
const MUL: u8 = 11;

/// The infix operator a token stands for, with its binding power.
fn infix(tok: &Tok) -> Option<(BinaryOp, u8)> {
    Some(match tok {
        Tok::Or => (BinaryOp::Or, OR),
        Tok::And => (BinaryOp::And, AND),
        Tok::EqEq => (BinaryOp::Eq, COMPARE),
        Tok::NotEq => (BinaryOp::Ne, COMPARE),
        Tok::Lt => (BinaryOp::Lt, COMPARE),
        Tok::Le => (BinaryOp::Le, COMPARE),
        Tok::Gt => (BinaryOp::Gt, COMPARE),
        Tok::Ge => (BinaryOp::Ge, COMPARE),
        Tok::Pipe => (BinaryOp::BitOr, BIT_OR),
        Tok::Caret => (BinaryOp::BitXor, BIT_XOR),
        Tok::Amp => (BinaryOp::BitAnd, BIT_AND),
        Tok::Shl => (BinaryOp::Shl, SHIFT),
        Tok::Shr => (BinaryOp::Shr, SHIFT),
        Tok::DotDot => (BinaryOp::Range, RANGE),
        Tok::DotDotEq => (BinaryOp::RangeInclusive, RANGE),
        Tok::Plus => (BinaryOp::Add, ADD),
        Tok::Minus => (BinaryOp::Sub, ADD),
        Tok::Star => (BinaryOp::Mul, MUL),
        Tok::Slash => (BinaryOp::Div, MUL),
        Tok::SlashSlash => (BinaryOp::FloorDiv, MUL),
        Tok::Percent => (BinaryOp::Mod, MUL),
        _ => return None,
    })
}

fn boxed(e: Expr) -> Box<Expr> {
    Box::new(e)
}

impl Parser<'_> {
    /// expression := binary(or)
    pub(crate) fn expression(&mut self) -> PResult<Expr> {
        self.binary(OR)
    }

    /// binary(p) := unary (OP binary(power(OP) + 1))*   where power(OP) >= p
    ///
    /// Comparisons and ranges do not associate: `a < b < c` and `a..b..c` are errors.
    fn binary(&mut self, min_power: u8) -> PResult<Expr> {
        self.enter()?;
        let mut lhs = self.unary()?;
        let mut links = 0;
        let mut last_power = None;
        while let Some((op, power)) = infix(self.peek()) {
            if power < min_power {
                break;
            }
            let op_token = self.advance();
            if last_power == Some(power) && (power == COMPARE || power == RANGE) {
                return Err(self.chained_error(op, op_token.span));
            }
            let rhs = self.binary(power + 1)?;
            links += 1;
            self.check_chain(links, op_token.span)?;
            let span = lhs.span.to(rhs.span);
            lhs = Expr { kind: ExprKind::Binary { op, lhs: boxed(lhs), rhs: boxed(rhs) }, span };
            last_power = Some(power);
        }
        self.leave();
        Ok(lhs)
    }

    /// `a < b < c` or `a..b..c`: kept out of `binary`, whose frame is on the stack once
    /// per nesting level.
    #[cold]
    #[inline(never)]
    fn chained_error(&mut self, op: BinaryOp, span: Span) -> Stop {
        let message = if op == BinaryOp::Range || op == BinaryOp::RangeInclusive {
            format!("ranges do not chain: '{}' cannot follow another range", op.symbol())
        } else {
            format!(
                "comparisons do not chain: '{}' cannot follow another comparison; write 'a < b and b < c' or add parentheses",
                op.symbol()
            )
        };
        self.error_at(span, message)
    }

    /// unary := ('-' | '~') unary | 'not' binary(not + 1) | power
    ///
    /// `-9223372036854775808` is read as the smallest int: the literal alone does not fit,
    /// but right after a minus (and not followed by `**` or a postfix operation, which
    /// would bind to the literal first) it is `i64::MIN`.
    fn unary(&mut self) -> PResult<Expr> {
        let op = match self.peek() {
            Tok::Minus => UnaryOp::Neg,
            Tok::Tilde => UnaryOp::BitNot,
            Tok::Not => UnaryOp::Not,
            _ => return self.power(),
        };
        let op_token = self.advance();
        if op == UnaryOp::Neg
            && *self.peek() == Tok::IntMinMagnitude
            && !matches!(self.peek_second(), Tok::StarStar | Tok::LParen | Tok::LBracket | Tok::Dot)
        {
            let literal = self.advance();
            return Ok(Expr { kind: ExprKind::Int(i64::MIN), span: op_token.span.to(literal.span) });
        }
        self.enter()?;
        let operand = if op == UnaryOp::Not { self.binary(NOT + 1)? } else { self.unary()? };
        self.leave();
        let span = op_token.span.to(operand.span);
        Ok(Expr { kind: ExprKind::Unary { op, operand: boxed(operand) }, span })
    }

    /// power := postfix ('**' unary)?
    fn power(&mut self) -> PResult<Expr> {
        let base = self.postfix()?;
        if self.eat(&Tok::StarStar).is_none() {
            return Ok(base);
        }
        self.enter()?;
        let exponent = self.unary()?;
        self.leave();
        let span = base.span.to(exponent.span);
        Ok(Expr { kind: ExprKind::Binary { op: BinaryOp::Pow, lhs: boxed(base), rhs: boxed(exponent) }, span })
    }

    /// postfix := primary ('(' arguments ')' | '[' expression ']' | '.' NAME)*
    ///
    /// Each operation has its own function so that this loop's frame stays small: it is
    /// on the stack once per nesting level.
    fn postfix(&mut self) -> PResult<Expr> {
        let mut e = self.primary()?;
        let mut links = 0;
        loop {
            e = match self.peek() {
                Tok::LParen => self.call(e)?,
                Tok::LBracket => self.index(e)?,
                Tok::Dot => self.field(e)?,
                _ => return Ok(e),
            };
            links += 1;
            self.check_chain(links, e.span)?;
        }
    }

    /// call := postfix '(' (expression (',' expression)* ','?)? ')'
    fn call(&mut self, callee: Expr) -> PResult<Expr> {
        let open = self.advance();
        let (args, close) = self.comma_list(&open, &Tok::RParen, "')'", |p| p.expression())?;
        let span = callee.span.to(close.span);
        Ok(Expr { kind: ExprKind::Call { callee: boxed(callee), args }, span })
    }

    /// index := postfix '[' expression ']'
    fn index(&mut self, object: Expr) -> PResult<Expr> {
        let open = self.advance();
        self.push_mode(Mode::Free);
        self.enter()?;
        if self.at(&Tok::RBracket) {
            return Err(self.expected("an index"));
        }
        let index = self.expression()?;
        let close = self.close(&open, &Tok::RBracket, "']'")?;
        self.leave();
        self.pop_mode();
        let span = object.span.to(close.span);
        Ok(Expr { kind: ExprKind::Index { object: boxed(object), index: boxed(index) }, span })
    }

    /// field := postfix '.' NAME
    fn field(&mut self, object: Expr) -> PResult<Expr> {
        self.advance();
        let name = self.field_name(&object)?;
        let span = object.span.to(name.span);
        Ok(Expr { kind: ExprKind::Field { object: boxed(object), name }, span })
    }

    /// The name after `.`.
    fn field_name(&mut self, object: &Expr) -> PResult<Name> {
        if let Tok::Ident(text) = self.peek().clone() {
            let token = self.advance();
            return Ok(Name { text, span: token.span });
        }
        let mut notes = Vec::new();
        if let ExprKind::Int(n) = object.kind {
            notes.push(format!("a float needs digits after the point: write {n}.0"));
        }
        Err(self.expected_with("a field or method name", notes))
    }

    /// The closing bracket of a bracketed construct, or an error naming the opening one.
    pub(crate) fn close(&mut self, open: &Token, closer: &Tok, shown: &str) -> PResult<Token> {
        match self.eat(closer) {
            Some(token) => Ok(token),
            None => Err(self.unclosed(open, shown)),
        }
    }

    /// list := (item (',' item)* ','?)? CLOSER   — after the opening bracket.
    ///
    /// Newlines inside are ignored and a trailing comma is allowed. Returns the items and
    /// the closing token.
    pub(crate) fn comma_list<T>(
        &mut self,
        open: &Token,
        closer: &Tok,
        shown: &str,
        mut item: impl FnMut(&mut Self) -> PResult<T>,
    ) -> PResult<(Vec<T>, Token)> {
        self.push_mode(Mode::Free);
        self.enter()?;
        let mut items = Vec::new();
        while !self.at(closer) {
            items.push(item(self)?);
            if self.eat(&Tok::Comma).is_none() && !self.at(closer) {
                return Err(self.unclosed(open, &format!("',' or {shown}")));
            }
        }
        let close = self.advance();
        self.leave();
        self.pop_mode();
        Ok((items, close))
    }

    /// primary := INT | FLOAT | STRING | interpolation | 'true' | 'false' | 'nil' | NAME
    ///          | '(' expression ')' | '[' list ']' | '{' map '}' | 'fn' function
    fn primary(&mut self) -> PResult<Expr> {
        let token = self.peek_token().clone();
        let literal = |kind| Ok(Expr { kind, span: token.span });
        match &token.kind {
            Tok::Int(v) => {
                self.advance();
                literal(ExprKind::Int(*v))
            }
            Tok::Float(f) => {
                self.advance();
                literal(ExprKind::Float(*f))
            }
            Tok::Str(s) => {
                self.advance();
                literal(ExprKind::Str(s.clone()))
            }
            Tok::True | Tok::False => {
                self.advance();
                literal(ExprKind::Bool(token.kind == Tok::True))
            }
            Tok::Nil => {
                self.advance();
                literal(ExprKind::Nil)
            }
            Tok::Ident(name) => {
                self.advance();
                literal(ExprKind::Var(name.clone()))
            }
            Tok::StrHead(_) => self.interpolated(),
            Tok::LParen => self.parenthesized(),
            Tok::LBracket => self.list(),
            Tok::LBrace => self.map(),
            Tok::Fn => self.function_value(),
            _ => Err(self.not_an_expression()),
        }
    }

    /// list := '[' (expression (',' expression)* ','?)? ']'
    fn list(&mut self) -> PResult<Expr> {
        let open = self.advance();
        let (items, close) = self.comma_list(&open, &Tok::RBracket, "']'", |p| p.expression())?;
        Ok(Expr { kind: ExprKind::List(items), span: open.span.to(close.span) })
    }

    /// map := '{' (map_entry (',' map_entry)* ','?)? '}'
    fn map(&mut self) -> PResult<Expr> {
        let open = self.advance();
        let (entries, close) = self.comma_list(&open, &Tok::RBrace, "'}'", |p| p.map_entry())?;
        Ok(Expr { kind: ExprKind::Map(entries), span: open.span.to(close.span) })
    }

    /// function_value := 'fn' function
    fn function_value(&mut self) -> PResult<Expr> {
        let fn_token = self.advance();
        if let Tok::Ident(name) = self.peek().clone() {
            return Err(self.error_here(
                format!("a function value has no name, but found '{name}' after 'fn'"),
                vec!["write 'fn(x) { ... }' here, or declare 'fn name(x) { ... }' as a statement".to_string()],
            ));
        }
        let function = self.function_rest(&fn_token, None)?;
        let span = function.span;
        Ok(Expr { kind: ExprKind::Function(Box::new(function)), span })
    }

    /// The error for a token that cannot start an expression (kept out of `primary`, whose
    /// frame is on the stack once per nesting level).
    #[cold]
    #[inline(never)]
    fn not_an_expression(&mut self) -> Stop {
        let token = self.peek_token().clone();
        let notes = match token.kind {
            Tok::IntMinMagnitude => {
                return self.error_here(
                    format!("the integer literal '{}' does not fit in a 64-bit int", self.text(token.span)),
                    vec!["the smallest int may be written '-9223372036854775808'".to_string()],
                )
            }
            Tok::If | Tok::While | Tok::For | Tok::Try | Tok::Let | Tok::Return | Tok::Import | Tok::Throw => {
                vec![format!("'{}' starts a statement; it cannot be used as a value", self.text(token.span))]
            }
            Tok::Assign => vec!["to compare, use '=='".to_string()],
            _ => Vec::new(),
        };
        self.expected_with("an expression", notes)
    }

    /// '(' expression ')'
    fn parenthesized(&mut self) -> PResult<Expr> {
        let open = self.advance();
        self.push_mode(Mode::Free);
        self.enter()?;
        if self.at(&Tok::RParen) {
            return Err(self.expected("an expression inside '( )'"));
        }
        let mut inner = self.expression()?;
        let close = self.close(&open, &Tok::RParen, "')'")?;
        self.leave();
        self.pop_mode();
        // The span includes the parentheses, so errors underline what was written.
        inner.span = open.span.to(close.span);
        Ok(inner)
    }

    /// map_entry := expression ':' expression
    fn map_entry(&mut self) -> PResult<(Expr, Expr)> {
        let key = self.expression()?;
        if self.eat(&Tok::Colon).is_none() {
            let notes =
                if self.at(&Tok::Assign) { vec!["map entries are written key: value".to_string()] } else { vec![] };
            return Err(self.expected_with("':' between the map key and its value", notes));
        }
        let value = self.expression()?;
        Ok((key, value))
    }

    /// interpolation := STR_HEAD expression (STR_MID expression)* STR_TAIL
    fn interpolated(&mut self) -> PResult<Expr> {
        let head = self.advance();
        let mut parts = Vec::new();
        let mut piece = head.clone();
        loop {
            if let Tok::StrHead(text) | Tok::StrMid(text) | Tok::StrTail(text) = &piece.kind {
                if !text.is_empty() {
                    parts.push(Part::Text(text.clone(), piece.span));
                }
            }
            if let Tok::StrTail(_) = piece.kind {
                break;
            }
            // The `${` is the last two bytes of the piece before the expression.
            let open_span = Span { start: piece.span.end.saturating_sub(2), end: piece.span.end };
            let open = Token { kind: Tok::StrHead(String::new()), span: open_span, line_start: false };
            self.push_mode(Mode::Free);
            self.enter()?;
            if matches!(self.peek(), Tok::StrMid(_) | Tok::StrTail(_)) {
                let span = self.peek_token().span;
                return Err(self.error_at(span, "an interpolation '${ }' needs an expression inside"));
            }
            let e = self.expression()?;
            if !matches!(self.peek(), Tok::StrMid(_) | Tok::StrTail(_)) {
                return Err(self.unclosed(&open, "'}' to end the interpolation"));
            }
            piece = self.advance();
            self.leave();
            self.pop_mode();
            parts.push(Part::Expr(e));
        }
        Ok(Expr { kind: ExprKind::Interpolated(parts), span: head.span.to(piece.span) })
    }

    /// function := '(' (NAME (',' NAME)* ','?)? ')' block   — after `fn` (and its name).
    pub(crate) fn function_rest(&mut self, fn_token: &Token, name: Option<Name>) -> PResult<Function> {
        if !self.at(&Tok::LParen) {
            return Err(self.expected("'(' to start the parameter list"));
        }
        let open = self.advance();
        let (params, _) = self.comma_list(&open, &Tok::RParen, "')'", |p| p.parameter())?;
        for (i, param) in params.iter().enumerate() {
            if params[..i].iter().any(|q| q.text == param.text) {
                let _ = self.error_at(param.span, format!("duplicate parameter '{}'", param.text));
            }
        }
        let body = self.block("the function body")?;
        Ok(Function { name, params, span: fn_token.span.to(body.span), body })
    }

    fn parameter(&mut self) -> PResult<Name> {
        match self.peek().clone() {
            Tok::Ident(text) => {
                let token = self.advance();
                Ok(Name { text, span: token.span })
            }
            _ => Err(self.expected("a parameter name")),
        }
    }
}
