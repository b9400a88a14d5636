//! Declarations and statements.
//!
//! ```text
//! program     → declaration* EOF
//! declaration → classDecl | funDecl | varDecl | importDecl | statement
//! classDecl   → "class" IDENT ( "<" IDENT )? "{" member* "}"
//! member      → "static"? IDENT ( "(" parameters? ")" )? block   (no list: a getter)
//! funDecl     → "fun" IDENT "(" parameters? ")" block
//! varDecl     → "var" IDENT ( "=" expression )? ";"
//! importDecl  → "import" STRING "as" IDENT ";"
//! statement   → exprStmt | forStmt | ifStmt | printStmt | returnStmt | whileStmt
//!             | throwStmt | tryStmt | block
//! tryStmt     → "try" block ( "catch" "(" IDENT ")" block )? ( "finally" block )?
//! ```
//!
//! Lowering: `print e;` calls the hidden built-in `oo:print`; `for` becomes a block
//! around a `while`; a top-level `fun` is a module variable assigned when the declaration
//! runs (as in Lox, not hoisted); `if` and blocks are core block expressions in
//! statement position.

use crate::expr::Parsed;
use crate::lexer::Tok;
use crate::parser::{ClassKind, FnKind, Parser};
use devvm_compiler::core::{
    Block, Catch, ClassDef, Expr, ExprKind, FnDef, Ident, ImportPath, MethodDef, MethodKind, Module, Stmt, StmtKind,
};
use devvm_compiler::Span;

fn block_expr(stmts: Vec<Stmt>, span: Span) -> Expr {
    Expr::new(ExprKind::Block { stmts, value: None }, span)
}

fn expr_stmt(e: Expr) -> Stmt {
    let span = e.span;
    Stmt { kind: StmtKind::Expr(e), span }
}

impl<'a> Parser<'a> {
    /// program → declaration* EOF
    pub fn program(&mut self) -> Module {
        let mut body = Vec::new();
        while !self.check(Tok::Eof) {
            if let Some(s) = self.declaration() {
                body.push(s);
            }
        }
        Module { body }
    }

    fn declaration(&mut self) -> Option<Stmt> {
        let start = self.position();
        let s = match self.peek() {
            Tok::Class => self.class_decl(),
            Tok::Fun => self.fun_decl(),
            Tok::Var => self.var_decl(),
            Tok::Import => self.import_decl(),
            _ => self.statement(),
        };
        if self.in_panic() {
            self.synchronize();
        }
        // Every declaration consumes at least one token, so no error can make the
        // declaration loops spin (found by the fuzzer).
        if self.position() == start && !self.check(Tok::Eof) {
            self.advance();
        }
        s
    }

    /// classDecl → "class" IDENT ( "<" IDENT )? "{" member* "}"
    fn class_decl(&mut self) -> Option<Stmt> {
        let start = self.advance().span;
        let name = self.ident("Expect class name.")?;
        self.declare(&name);
        self.define(&name.name);
        let mut superclass = None;
        if self.matches(Tok::Less) {
            let sup = self.ident("Expect superclass name.")?;
            if sup.name == name.name {
                self.resolve_error(sup.span, "A class can't inherit from itself.");
            }
            superclass = Some(self.variable(sup));
        }
        self.classes.push(if superclass.is_some() { ClassKind::Subclass } else { ClassKind::Class });
        let mut methods = Vec::new();
        if self.consume(Tok::LBrace, "Expect '{' before class body.").is_some() {
            while !self.check(Tok::RBrace) && !self.check(Tok::Eof) && !self.in_panic() {
                if let Some(m) = self.member() {
                    methods.push(m);
                }
            }
            self.consume(Tok::RBrace, "Expect '}' after class body.");
        }
        self.classes.pop();
        let span = start.to(self.prev_span());
        Some(Stmt { kind: StmtKind::Class(ClassDef { name, superclass, methods, span }), span })
    }

    /// member → "static"? IDENT ( "(" parameters? ")" )? block
    fn member(&mut self) -> Option<MethodDef> {
        let is_static = self.matches(Tok::Static);
        let name = self.ident("Expect method name.")?;
        let getter = !is_static && self.check(Tok::LBrace);
        let (kind, fn_kind) = if is_static {
            (MethodKind::Static, FnKind::Static)
        } else if name.name == "init" && !getter {
            (MethodKind::Initializer, FnKind::Initializer)
        } else if getter {
            (MethodKind::Getter, FnKind::Method)
        } else {
            (MethodKind::Method, FnKind::Method)
        };
        let def = self.function(name, fn_kind, !getter)?;
        Some(MethodDef { kind, def })
    }

    /// funDecl → "fun" IDENT "(" parameters? ")" block
    fn fun_decl(&mut self) -> Option<Stmt> {
        let start = self.advance().span;
        let name = self.ident("Expect function name.")?;
        self.declare(&name);
        self.define(&name.name);
        let def = self.function(name.clone(), FnKind::Function, true)?;
        let span = start.to(self.prev_span());
        if self.at_top_level() {
            let init = Expr::new(ExprKind::Function(Box::new(def)), span);
            return Some(Stmt { kind: StmtKind::Let { name, init: Some(init) }, span });
        }
        Some(Stmt { kind: StmtKind::Functions(vec![def]), span })
    }

    /// The parameters (when `with_params`) and body of a function or method.
    fn function(&mut self, name: Ident, kind: FnKind, with_params: bool) -> Option<FnDef> {
        let start = name.span;
        if !self.enter() {
            self.leave();
            return None;
        }
        self.functions.push(kind);
        self.begin_scope();
        let mut params = Vec::new();
        let ok = (|| {
            if with_params {
                self.consume(Tok::LParen, "Expect '(' after function name.")?;
                if !self.check(Tok::RParen) {
                    loop {
                        if params.len() == 255 {
                            let span = self.span();
                            self.resolve_error(span, "Can't have more than 255 parameters.");
                        }
                        let p = self.ident("Expect parameter name.")?;
                        self.declare(&p);
                        self.define(&p.name);
                        params.push(p);
                        if !self.matches(Tok::Comma) {
                            break;
                        }
                    }
                }
                self.consume(Tok::RParen, "Expect ')' after parameters.")?;
            }
            self.consume(Tok::LBrace, "Expect '{' before function body.")?;
            Some(())
        })();
        let stmts = if ok.is_some() { self.block_body() } else { Vec::new() };
        self.end_scope();
        self.functions.pop();
        self.leave();
        let span = start.to(self.prev_span());
        Some(FnDef { name, params, body: Block { stmts, span }, span })
    }

    /// varDecl → "var" IDENT ( "=" expression )? ";"
    fn var_decl(&mut self) -> Option<Stmt> {
        let start = self.advance().span;
        let name = self.ident("Expect variable name.")?;
        self.declare(&name);
        let init = if self.matches(Tok::Equal) { Some(self.expression()) } else { None };
        self.define(&name.name);
        self.consume(Tok::Semicolon, "Expect ';' after variable declaration.");
        Some(Stmt { kind: StmtKind::Let { name, init }, span: start.to(self.prev_span()) })
    }

    /// importDecl → "import" STRING "as" IDENT ";"
    fn import_decl(&mut self) -> Option<Stmt> {
        let start = self.advance().span;
        let path = self.consume(Tok::String, "Expect a module path string after 'import'.")?;
        let text = self.text(path.span);
        let path = text[1..text.len() - 1].to_string();
        self.consume(Tok::As, "Expect 'as' after the module path.")?;
        let alias = self.ident("Expect a module name after 'as'.")?;
        self.declare(&alias);
        self.define(&alias.name);
        self.consume(Tok::Semicolon, "Expect ';' after import.");
        Some(Stmt { kind: StmtKind::Import { path: ImportPath::File(path), alias }, span: start.to(self.prev_span()) })
    }

    fn statement(&mut self) -> Option<Stmt> {
        if !self.enter() {
            self.leave();
            self.advance();
            return None;
        }
        let s = match self.peek() {
            Tok::Print => self.print_stmt(),
            Tok::If => self.if_stmt(),
            Tok::While => self.while_stmt(),
            Tok::For => self.for_stmt(),
            Tok::Return => self.return_stmt(),
            Tok::Throw => self.throw_stmt(),
            Tok::Try => self.try_stmt(),
            Tok::LBrace => {
                let start = self.advance().span;
                let b = self.block();
                Some(expr_stmt(block_expr(b.stmts, start.to(self.prev_span()))))
            }
            _ => self.expr_stmt(),
        };
        self.leave();
        s
    }

    /// A block after its `{`, in a new scope.
    fn block(&mut self) -> Block {
        let start = self.prev_span();
        self.begin_scope();
        let stmts = self.block_body();
        self.end_scope();
        Block { stmts, span: start.to(self.prev_span()) }
    }

    /// declaration* "}" in the current scope.
    fn block_body(&mut self) -> Vec<Stmt> {
        let mut stmts = Vec::new();
        while !self.check(Tok::RBrace) && !self.check(Tok::Eof) {
            if let Some(s) = self.declaration() {
                stmts.push(s);
            }
        }
        self.consume(Tok::RBrace, "Expect '}' after block.");
        stmts
    }

    /// A statement as a block (the branches and bodies of `if`, `while`, `for`).
    fn body(&mut self) -> Block {
        let start = self.span();
        let stmts: Vec<Stmt> = self.statement().into_iter().collect();
        Block { stmts, span: start.to(self.prev_span()) }
    }

    fn print_stmt(&mut self) -> Option<Stmt> {
        let start = self.advance().span;
        let value = self.expression();
        self.consume(Tok::Semicolon, "Expect ';' after value.");
        let span = start.to(self.prev_span());
        let callee = Expr::new(ExprKind::Var(Ident::new("oo:print", start)), start);
        let call = Expr::new(ExprKind::Call { callee: Box::new(callee), args: vec![value], tail: false }, span);
        Some(Stmt { kind: StmtKind::Expr(call), span })
    }

    fn expr_stmt(&mut self) -> Option<Stmt> {
        let p = self.assignment();
        self.consume(Tok::Semicolon, "Expect ';' after expression.");
        Some(match p {
            Parsed::Assign(target, value, span) => Stmt { kind: StmtKind::Assign { target, value }, span },
            Parsed::Expr(e) => expr_stmt(e),
        })
    }

    fn if_stmt(&mut self) -> Option<Stmt> {
        let start = self.advance().span;
        self.consume(Tok::LParen, "Expect '(' after 'if'.")?;
        let cond = self.expression();
        self.consume(Tok::RParen, "Expect ')' after if condition.")?;
        let then = self.body();
        let otherwise = if self.matches(Tok::Else) { Some(self.body()) } else { None };
        let span = start.to(self.prev_span());
        let as_expr = |b: Block| Box::new(block_expr(b.stmts, b.span));
        let e = ExprKind::If { cond: Box::new(cond), then: as_expr(then), otherwise: otherwise.map(as_expr) };
        Some(expr_stmt(Expr::new(e, span)))
    }

    fn while_stmt(&mut self) -> Option<Stmt> {
        let start = self.advance().span;
        self.consume(Tok::LParen, "Expect '(' after 'while'.")?;
        let cond = self.expression();
        self.consume(Tok::RParen, "Expect ')' after condition.")?;
        let body = self.body();
        Some(Stmt { kind: StmtKind::While { cond, body }, span: start.to(self.prev_span()) })
    }

    /// forStmt → "for" "(" ( varDecl | exprStmt | ";" ) expression? ";" expression? ")" statement
    fn for_stmt(&mut self) -> Option<Stmt> {
        let start = self.advance().span;
        self.consume(Tok::LParen, "Expect '(' after 'for'.")?;
        self.begin_scope();
        let result = (|| {
            let init = match self.peek() {
                Tok::Semicolon => {
                    self.advance();
                    None
                }
                Tok::Var => self.var_decl(),
                _ => self.expr_stmt(),
            };
            let cond = if self.check(Tok::Semicolon) {
                Expr::new(ExprKind::Bool(true), self.span())
            } else {
                self.expression()
            };
            self.consume(Tok::Semicolon, "Expect ';' after loop condition.")?;
            let step = if self.check(Tok::RParen) { None } else { Some(self.assignment()) };
            self.consume(Tok::RParen, "Expect ')' after for clauses.")?;
            let mut body = self.body();
            if let Some(step) = step {
                let s = match step {
                    Parsed::Assign(target, value, span) => Stmt { kind: StmtKind::Assign { target, value }, span },
                    Parsed::Expr(e) => expr_stmt(e),
                };
                // The body keeps its own scope so the step cannot see its locals.
                let inner = block_expr(std::mem::take(&mut body.stmts), body.span);
                body.stmts = vec![expr_stmt(inner), s];
            }
            let span = start.to(self.prev_span());
            let mut stmts: Vec<Stmt> = init.into_iter().collect();
            stmts.push(Stmt { kind: StmtKind::While { cond, body }, span });
            Some(expr_stmt(block_expr(stmts, span)))
        })();
        self.end_scope();
        result
    }

    fn return_stmt(&mut self) -> Option<Stmt> {
        let keyword = self.advance().span;
        if self.functions.is_empty() {
            self.resolve_error(keyword, "Can't return from top-level code.");
        }
        let value = if self.check(Tok::Semicolon) {
            None
        } else {
            if self.functions.last() == Some(&FnKind::Initializer) {
                self.resolve_error(keyword, "Can't return a value from an initializer.");
            }
            Some(self.expression())
        };
        self.consume(Tok::Semicolon, "Expect ';' after return value.");
        Some(Stmt { kind: StmtKind::Return(value), span: keyword.to(self.prev_span()) })
    }

    fn throw_stmt(&mut self) -> Option<Stmt> {
        let start = self.advance().span;
        let value = self.expression();
        self.consume(Tok::Semicolon, "Expect ';' after thrown value.");
        Some(Stmt { kind: StmtKind::Throw(value), span: start.to(self.prev_span()) })
    }

    /// tryStmt → "try" block ( "catch" "(" IDENT ")" block )? ( "finally" block )?
    fn try_stmt(&mut self) -> Option<Stmt> {
        let start = self.advance().span;
        self.consume(Tok::LBrace, "Expect '{' after 'try'.")?;
        let body = self.block();
        let mut catch = None;
        if self.matches(Tok::Catch) {
            self.consume(Tok::LParen, "Expect '(' after 'catch'.")?;
            let name = self.ident("Expect the caught value's name.")?;
            self.consume(Tok::RParen, "Expect ')' after the caught value's name.")?;
            self.consume(Tok::LBrace, "Expect '{' before catch body.")?;
            self.begin_scope();
            self.declare(&name);
            self.define(&name.name);
            let b = self.block();
            self.end_scope();
            catch = Some(Catch { name: Some(name), body: b });
        }
        let finally = if self.matches(Tok::Finally) {
            self.consume(Tok::LBrace, "Expect '{' before finally body.")?;
            Some(self.block())
        } else {
            None
        };
        if catch.is_none() && finally.is_none() {
            self.error_at_current("Expect 'catch' or 'finally' after try block.");
            return None;
        }
        Some(Stmt { kind: StmtKind::Try { body, catch, finally }, span: start.to(self.prev_span()) })
    }
}
