//! Statements and blocks.

use crate::ast::{Block, CatchClause, Expr, ExprKind, ImportSource, Name, Stmt, StmtKind};
use crate::parser::{Mode, PResult, Parser, Stop};
use crate::token::Tok;

impl Parser<'_> {
    /// statement := let | fn_declaration | if | while | for | return | 'break' | 'continue'
    ///            | throw | try | import | expression ('=' expression)?
    pub(crate) fn statement(&mut self) -> PResult<Stmt> {
        match self.peek().clone() {
            Tok::Let => self.let_statement(),
            Tok::Fn if matches!(self.peek_second(), Tok::Ident(_)) => self.fn_declaration(),
            Tok::If => self.if_statement(),
            Tok::While => self.while_statement(),
            Tok::For => self.for_statement(),
            Tok::Return => self.return_statement(),
            Tok::Break | Tok::Continue => self.jump_statement(),
            Tok::Throw => self.throw_statement(),
            Tok::Try => self.try_statement(),
            Tok::Import => self.import_statement(),
            Tok::Else | Tok::Catch | Tok::Finally | Tok::RBrace => Err(self.misplaced()),
            _ => self.expression_statement(),
        }
    }

    /// The error for `else`, `catch`, `finally` or `}` where a statement should start.
    #[cold]
    #[inline(never)]
    fn misplaced(&mut self) -> Stop {
        let span = self.peek_token().span;
        let word = self.text(span).to_string();
        let message = match word.as_str() {
            "}" => "found '}' but no block is open here".to_string(),
            "else" => "'else' without an 'if' before it".to_string(),
            _ => format!("'{word}' without a 'try' before it"),
        };
        self.error_here(message, Vec::new())
    }

    /// jump := 'break' | 'continue'
    fn jump_statement(&mut self) -> PResult<Stmt> {
        let token = self.advance();
        let kind = if token.kind == Tok::Break { StmtKind::Break } else { StmtKind::Continue };
        Ok(Stmt { kind, span: token.span })
    }

    /// throw := 'throw' expression
    fn throw_statement(&mut self) -> PResult<Stmt> {
        let throw = self.advance();
        let value = self.expression()?;
        Ok(Stmt { span: throw.span.to(value.span), kind: StmtKind::Throw(value) })
    }

    /// block := '{' statements '}'
    ///
    /// `context` names the block in messages ("the body of the 'while'"). A newline
    /// before the `{` is allowed: no statement can end there.
    pub(crate) fn block(&mut self, context: &str) -> PResult<Block> {
        self.skip_newlines();
        if !self.at(&Tok::LBrace) {
            return Err(self.no_block(context));
        }
        let open = self.advance();
        self.enter()?;
        self.push_mode(Mode::Lines);
        let stmts = self.statements(true);
        if self.unwinding() {
            return Err(Stop);
        }
        let close = self.close(&open, &Tok::RBrace, "'}'")?;
        self.pop_mode();
        self.mark_block_close();
        self.leave();
        Ok(Block { stmts, span: open.span.to(close.span) })
    }

    #[cold]
    #[inline(never)]
    fn no_block(&mut self, context: &str) -> Stop {
        let notes = if self.at(&Tok::Assign) { vec!["to compare, use '=='".to_string()] } else { Vec::new() };
        self.expected_with(&format!("'{{' to start {context}"), notes)
    }

    /// A name where one is required (`what` says which, for the message).
    fn name(&mut self, what: &str) -> PResult<Name> {
        match self.peek().clone() {
            Tok::Ident(text) => {
                let token = self.advance();
                Ok(Name { text, span: token.span })
            }
            kind => {
                let span = self.peek_token().span;
                let notes = if kind.is_keyword() {
                    vec![format!("'{}' is a keyword and cannot be a name", self.text(span))]
                } else {
                    Vec::new()
                };
                Err(self.expected_with(what, notes))
            }
        }
    }

    /// let := 'let' NAME ('=' expression)?
    fn let_statement(&mut self) -> PResult<Stmt> {
        let let_token = self.advance();
        let name = self.name("a variable name")?;
        let init = if self.eat(&Tok::Assign).is_some() { Some(self.expression()?) } else { None };
        let end = init.as_ref().map_or(name.span, |e| e.span);
        Ok(Stmt { span: let_token.span.to(end), kind: StmtKind::Let { name, init } })
    }

    /// fn_declaration := 'fn' NAME function
    fn fn_declaration(&mut self) -> PResult<Stmt> {
        let fn_token = self.advance();
        let name = self.name("a function name")?;
        let function = self.function_rest(&fn_token, Some(name))?;
        Ok(Stmt { span: function.span, kind: StmtKind::Fn(function) })
    }

    /// if := 'if' expression block ('else' 'if' expression block)* ('else' block)?
    ///
    /// The `else if` chain is read in a loop, not by recursion, and kept flat.
    fn if_statement(&mut self) -> PResult<Stmt> {
        let if_token = self.advance();
        let mut branches = Vec::new();
        let mut otherwise = None;
        let cond = self.expression()?;
        let body = self.block("the body of the 'if'")?;
        let mut end = body.span;
        branches.push((cond, body));
        while self.eat(&Tok::Else).is_some() {
            if self.eat(&Tok::If).is_none() {
                let body = self.block("the body of the 'else'")?;
                end = body.span;
                otherwise = Some(body);
                break;
            }
            let cond = self.expression()?;
            let body = self.block("the body of the 'else if'")?;
            end = body.span;
            branches.push((cond, body));
            self.check_chain(branches.len(), end)?;
        }
        Ok(Stmt { span: if_token.span.to(end), kind: StmtKind::If { branches, otherwise } })
    }

    /// while := 'while' expression block
    fn while_statement(&mut self) -> PResult<Stmt> {
        let while_token = self.advance();
        let cond = self.expression()?;
        let body = self.block("the body of the 'while'")?;
        Ok(Stmt { span: while_token.span.to(body.span), kind: StmtKind::While { cond, body } })
    }

    /// for := 'for' NAME 'in' expression block
    fn for_statement(&mut self) -> PResult<Stmt> {
        let for_token = self.advance();
        let var = self.name("a loop variable name")?;
        if self.eat(&Tok::In).is_none() {
            return Err(self.expected("'in'"));
        }
        let iter = self.expression()?;
        let body = self.block("the body of the 'for'")?;
        Ok(Stmt { span: for_token.span.to(body.span), kind: StmtKind::For { var, iter, body } })
    }

    /// return := 'return' expression?   — no expression before a newline, ';' or '}'.
    fn return_statement(&mut self) -> PResult<Stmt> {
        let return_token = self.advance();
        if matches!(self.peek(), Tok::Newline | Tok::Semi | Tok::RBrace | Tok::Eof) {
            return Ok(Stmt { span: return_token.span, kind: StmtKind::Return(None) });
        }
        let value = self.expression()?;
        Ok(Stmt { span: return_token.span.to(value.span), kind: StmtKind::Return(Some(value)) })
    }

    /// try := 'try' block ('catch' NAME? block)? ('finally' block)?   — not both absent.
    fn try_statement(&mut self) -> PResult<Stmt> {
        let try_token = self.advance();
        let body = self.block("the body of the 'try'")?;
        let mut end = body.span;
        let mut catch = None;
        if self.eat(&Tok::Catch).is_some() {
            let name = match self.peek() {
                Tok::Ident(_) => Some(self.name("a name for the caught value")?),
                _ => None,
            };
            let body = self.block("the body of the 'catch'")?;
            end = body.span;
            catch = Some(CatchClause { name, body });
        }
        let mut finally = None;
        if self.eat(&Tok::Finally).is_some() {
            let body = self.block("the body of the 'finally'")?;
            end = body.span;
            finally = Some(body);
        }
        if catch.is_none() && finally.is_none() {
            return Err(self.expected("'catch' or 'finally'"));
        }
        Ok(Stmt { span: try_token.span.to(end), kind: StmtKind::Try { body, catch, finally } })
    }

    /// import := 'import' (STRING | NAME) ('as' NAME)?
    ///
    /// A file import without `as` is named after the file (`import "lib/geo.dvo"` binds
    /// `geo`), when that is a valid name.
    fn import_statement(&mut self) -> PResult<Stmt> {
        let import_token = self.advance();
        let target = self.peek_token().clone();
        let source = match &target.kind {
            Tok::Str(path) => ImportSource::File(path.clone()),
            Tok::Ident(module) => ImportSource::Std(module.clone()),
            Tok::StrHead(_) => {
                return Err(self.error_here("an import path must be a plain string, without '${ }'".to_string(), vec![]))
            }
            _ => return Err(self.expected("a module name or a file path in quotes")),
        };
        self.advance();
        let alias = if self.eat(&Tok::As).is_some() {
            self.name("a name for the imported module")?
        } else {
            let text = match &source {
                ImportSource::Std(module) => module.clone(),
                ImportSource::File(path) => {
                    let stem = std::path::Path::new(path).file_stem().and_then(|s| s.to_str()).unwrap_or("");
                    if !is_identifier(stem) {
                        return Err(self.error_at(
                            target.span,
                            format!("cannot name the module after the file '{path}': add 'as name'"),
                        ));
                    }
                    stem.to_string()
                }
            };
            Name { text, span: target.span }
        };
        let span = import_token.span.to(self.prev_span());
        Ok(Stmt { span, kind: StmtKind::Import { source, alias } })
    }

    /// expression_statement := expression ('=' expression)?
    ///
    /// Only a variable, an element `xs[i]` or a field `m.k` can be assigned.
    fn expression_statement(&mut self) -> PResult<Stmt> {
        let target = self.expression()?;
        if self.eat(&Tok::Assign).is_none() {
            return Ok(Stmt { span: target.span, kind: StmtKind::Expr(target) });
        }
        let value = self.expression()?;
        if let Some(what) = not_assignable(&target) {
            let message = format!(
                "cannot assign to {what}: only a variable, an element 'xs[i]' or a field 'm.k' can be assigned"
            );
            return Err(self.error_at(target.span, message));
        }
        Ok(Stmt { span: target.span.to(value.span), kind: StmtKind::Assign { target, value } })
    }
}

/// Why an expression cannot be assigned to, or `None` when it can.
fn not_assignable(e: &Expr) -> Option<&'static str> {
    Some(match &e.kind {
        ExprKind::Var(_) | ExprKind::Index { .. } | ExprKind::Field { .. } => return None,
        ExprKind::Call { .. } => "a function call",
        ExprKind::Binary { .. } | ExprKind::Unary { .. } => "the result of an operator",
        ExprKind::Function(_) => "a function",
        ExprKind::List(_) | ExprKind::Map(_) => "a list or map literal",
        _ => "a literal",
    })
}

fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    first_ok && chars.all(|c| c.is_ascii_alphanumeric() || c == '_') && Tok::keyword(text).is_none()
}
