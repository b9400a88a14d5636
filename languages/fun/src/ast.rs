//! The surface tree of a DevFun file, as the parser builds it.
//!
//! Operators are applications of variables named by the operator (`a + b` is
//! `Apply(Var "+", [a; b])`), so the type checker treats them as ordinary functions; the
//! lowering recognizes the primitive ones and emits typed instructions.

use devvm_compiler::Span;

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    Unit,
    Int(i64),
    Float(f64),
    Char(u8),
    Str(String),
    Bool(bool),
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    Const(Const),
    /// A variable, possibly qualified (`List.map`).
    Var(String),
    /// A constructor with its argument, if any (a tuple argument stays a tuple; the type
    /// checker spreads it over the constructor's arity).
    Ctor(String, Option<Box<Expr>>),
    Apply(Box<Expr>, Vec<Expr>),
    Fun(Vec<Pattern>, Box<Expr>),
    Function(Vec<Case>),
    Let {
        rec: bool,
        bindings: Vec<Binding>,
        body: Box<Expr>,
    },
    If(Box<Expr>, Box<Expr>, Option<Box<Expr>>),
    Match(Box<Expr>, Vec<Case>),
    Try(Box<Expr>, Vec<Case>),
    Tuple(Vec<Expr>),
    /// `[a; b; c]` (kept flat so long literal lists make no deep trees).
    List(Vec<Expr>),
    Array(Vec<Expr>),
    Record(Vec<(String, Span, Expr)>, Option<Box<Expr>>),
    Field(Box<Expr>, String, Span),
    SetField(Box<Expr>, String, Span, Box<Expr>),
    /// `a.(i)`
    Index(Box<Expr>, Box<Expr>),
    /// `a.(i) <- v`
    SetIndex(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `s.[i]`
    StrIndex(Box<Expr>, Box<Expr>),
    /// `e1; e2; ...; en` (flattened).
    Seq(Vec<Expr>),
    While(Box<Expr>, Box<Expr>),
    For {
        var: String,
        var_span: Span,
        start: Box<Expr>,
        end: Box<Expr>,
        up: bool,
        body: Box<Expr>,
    },
    Annot(Box<Expr>, TypeExpr),
    Assert(Box<Expr>),
}

#[derive(Clone, Debug)]
pub struct Case {
    pub pat: Pattern,
    pub guard: Option<Expr>,
    pub body: Expr,
}

/// `pat = expr` (a function binding `f x y = e` is `f = fun x y -> e`).
#[derive(Clone, Debug)]
pub struct Binding {
    pub pat: Pattern,
    pub expr: Expr,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Pattern {
    pub kind: PatKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum PatKind {
    Any,
    Var(String),
    Const(Const),
    Tuple(Vec<Pattern>),
    Ctor(String, Option<Box<Pattern>>),
    /// `{ a = p; b }`; `open` when it ends with `; _`.
    Record(Vec<(String, Span, Pattern)>, bool),
    Alias(Box<Pattern>, String),
    Or(Box<Pattern>, Box<Pattern>),
    Annot(Box<Pattern>, TypeExpr),
}

#[derive(Clone, Debug)]
pub enum TypeExpr {
    Var(String, Span),
    /// A named type applied to arguments (`int`, `'a list`, `(int, string) Hashtbl.t`).
    Con(String, Vec<TypeExpr>, Span),
    Tuple(Vec<TypeExpr>),
    Arrow(Box<TypeExpr>, Box<TypeExpr>),
}

#[derive(Clone, Debug)]
pub struct CtorDecl {
    pub name: String,
    pub span: Span,
    pub args: CtorArgs,
}

#[derive(Clone, Debug)]
pub enum CtorArgs {
    /// `A of t1 * t2` (empty for a constant constructor).
    Tuple(Vec<TypeExpr>),
    /// `A of { x : float }`
    Record(Vec<FieldDecl>),
}

#[derive(Clone, Debug)]
pub struct FieldDecl {
    pub name: String,
    pub span: Span,
    pub mutable: bool,
    pub ty: TypeExpr,
}

#[derive(Clone, Debug)]
pub enum TypeDeclKind {
    Variant(Vec<CtorDecl>),
    Record(Vec<FieldDecl>),
    Abbrev(TypeExpr),
}

#[derive(Clone, Debug)]
pub struct TypeDecl {
    pub params: Vec<String>,
    pub name: String,
    pub span: Span,
    pub kind: TypeDeclKind,
}

#[derive(Clone, Debug)]
pub enum ItemKind {
    Let { rec: bool, bindings: Vec<Binding> },
    Expr(Expr),
    Type(Vec<TypeDecl>),
    Exception { name: String, args: Vec<TypeExpr> },
    External { name: String, ty: TypeExpr, module: String, export: String },
}

#[derive(Clone, Debug)]
pub struct Item {
    pub kind: ItemKind,
    pub span: Span,
}

impl Expr {
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }
}

impl Pattern {
    pub fn new(kind: PatKind, span: Span) -> Pattern {
        Pattern { kind, span }
    }
}
