//! The surface AST: DevScript as written, before lowering to the core AST.
//!
//! It stays close to the source (an `if` keeps its `else if` chain flat, a string keeps
//! its interpolation parts) so that `--dump ast` reads like the program. Every node
//! carries the span of all the source it came from.

use devvm_compiler::Span;

/// A whole file.
#[derive(Clone, Debug, Default)]
pub struct Script {
    pub stmts: Vec<Stmt>,
}

/// A name where it is declared (a variable, parameter, field or alias).
#[derive(Clone, Debug, PartialEq)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    /// From `{` through `}`.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    /// `let name` or `let name = init`.
    Let {
        name: Name,
        init: Option<Expr>,
    },
    /// `target = value`; the parser only builds it for a variable, an index or a field.
    Assign {
        target: Expr,
        value: Expr,
    },
    /// `fn name(params) { body }` (the function's `name` is always set).
    Fn(Function),
    /// `if c1 { } else if c2 { } else { }`: the conditions and their blocks in order.
    If {
        branches: Vec<(Expr, Block)>,
        otherwise: Option<Block>,
    },
    While {
        cond: Expr,
        body: Block,
    },
    For {
        var: Name,
        iter: Expr,
        body: Block,
    },
    Break,
    Continue,
    Return(Option<Expr>),
    Throw(Expr),
    Try {
        body: Block,
        catch: Option<CatchClause>,
        finally: Option<Block>,
    },
    Import {
        source: ImportSource,
        alias: Name,
    },
    Expr(Expr),
}

#[derive(Clone, Debug)]
pub struct CatchClause {
    /// `catch e { }` binds `e`; `catch { }` binds nothing.
    pub name: Option<Name>,
    pub body: Block,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ImportSource {
    /// `import "lib/geo.dvo" as geo`
    File(String),
    /// `import math`
    Std(String),
}

/// A function, declared (`fn f() {}`) or written as a value (`fn() {}`).
#[derive(Clone, Debug)]
pub struct Function {
    pub name: Option<Name>,
    pub params: Vec<Name>,
    pub body: Block,
    /// From `fn` through the body's `}`.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    /// `"a ${x} b"`: text and expression parts in order.
    Interpolated(Vec<Part>),
    Var(String),
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Binary {
        op: BinaryOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    Call {
        callee: Box<Expr>,
        args: Vec<Expr>,
    },
    Index {
        object: Box<Expr>,
        index: Box<Expr>,
    },
    Field {
        object: Box<Expr>,
        name: Name,
    },
    List(Vec<Expr>),
    Map(Vec<(Expr, Expr)>),
    Function(Box<Function>),
}

#[derive(Clone, Debug)]
pub enum Part {
    Text(String, Span),
    Expr(Expr),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Not,
    BitNot,
}

/// The binary operators, including the short-circuit ones and ranges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    BitOr,
    BitXor,
    BitAnd,
    Shl,
    Shr,
    Range,
    RangeInclusive,
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
}

impl BinaryOp {
    pub fn symbol(self) -> &'static str {
        use BinaryOp::*;
        match self {
            Or => "or",
            And => "and",
            Eq => "==",
            Ne => "!=",
            Lt => "<",
            Le => "<=",
            Gt => ">",
            Ge => ">=",
            BitOr => "|",
            BitXor => "^",
            BitAnd => "&",
            Shl => "<<",
            Shr => ">>",
            Range => "..",
            RangeInclusive => "..=",
            Add => "+",
            Sub => "-",
            Mul => "*",
            Div => "/",
            FloorDiv => "//",
            Mod => "%",
            Pow => "**",
        }
    }
}

impl UnaryOp {
    pub fn symbol(self) -> &'static str {
        match self {
            UnaryOp::Neg => "-",
            UnaryOp::Not => "not",
            UnaryOp::BitNot => "~",
        }
    }
}
