//! The core AST: where the languages meet.
//!
//! Every frontend lowers its surface syntax into these types; everything behind them
//! (scope resolution, closures, bytecode, debug info) is shared. The core is deliberately
//! a little larger than any one language needs:
//!
//! * dynamic operators ([`BinaryOp`], [`UnaryOp`]) with DevScript's semantics (the VM
//!   checks tags at run time), and typed ones ([`TypedOp`]) for frontends that know the
//!   types (DevFun's `+` is `IntAdd`, no tag check);
//! * expression-valued control flow ([`ExprKind::If`], [`ExprKind::Block`]) for
//!   expression languages, while statement languages use them in statement position;
//! * tagged fixed-size records ([`ExprKind::MakeRecord`], [`ExprKind::GetSlot`],
//!   [`ExprKind::TagTest`]) so pattern matching lowers to tag tests and slot loads;
//! * classes and methods ([`ClassDef`]) for the OO language;
//! * tail calls: the resolver marks calls in tail position; a frontend may demand it
//!   ([`ExprKind::Call::tail`]) where its language guarantees it.
//!
//! Names are plain strings. A frontend that needs hidden temporaries uses names that
//! cannot be written in its surface syntax (starting with `%`).

use crate::span::Span;

/// A whole source file, lowered.
#[derive(Clone, Debug, Default)]
pub struct Module {
    pub body: Vec<Stmt>,
}

/// A name with where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

impl Ident {
    pub fn new(name: impl Into<String>, span: Span) -> Ident {
        Ident { name: name.into(), span }
    }
}

#[derive(Clone, Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    /// `let name = init`: a new variable in the current block (a module variable at the top
    /// level of a module). Without an initializer the variable holds `nil`.
    Let {
        name: Ident,
        init: Option<Expr>,
    },
    /// One or more function definitions bound together before any of their bodies can run,
    /// so they may call each other (`fn f`, DevFun's `let rec f ... and g ...`).
    Functions(Vec<FnDef>),
    /// An expression evaluated for its effect.
    Expr(Expr),
    /// Assignment to an existing variable, list/map element, field or record slot.
    Assign {
        target: AssignTarget,
        value: Expr,
    },
    While {
        cond: Expr,
        body: Block,
    },
    /// `for var in iter`: lists, strings, maps (keys) and ranges. Each iteration gets a
    /// fresh `var`, so closures capture that iteration's value.
    ForIn {
        var: Ident,
        iter: Expr,
        body: Block,
    },
    /// A counting loop `for var = start; var <= end (or <); var += step` over ints, with
    /// `end` evaluated once (DevScript's `for i in a..b`, DevFun's `for i = a to b`).
    /// `step` is a non-zero constant; a negative step counts down (`downto`).
    ForRange {
        var: Ident,
        start: Expr,
        end: Expr,
        inclusive: bool,
        step: i64,
        body: Block,
    },
    Break,
    Continue,
    Return(Option<Expr>),
    Throw(Expr),
    /// `try body catch name { .. } finally { .. }`; at least one of catch and finally.
    /// `finally` runs on every exit: normal, exceptional, and return/break/continue.
    Try {
        body: Block,
        catch: Option<Catch>,
        finally: Option<Block>,
    },
    Class(ClassDef),
    /// Binds `alias` to the module found at `path` (loaded and run on first import).
    Import {
        path: ImportPath,
        alias: Ident,
    },
}

#[derive(Clone, Debug)]
pub struct Catch {
    /// The variable the caught value is bound to; `None` discards it.
    pub name: Option<Ident>,
    pub body: Block,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ImportPath {
    /// A file path relative to the importing file; its extension picks the language.
    File(String),
    /// A standard-library module such as `math`.
    Std(String),
}

#[derive(Clone, Debug)]
pub enum AssignTarget {
    Var(Ident),
    Index { object: Box<Expr>, index: Box<Expr> },
    Field { object: Box<Expr>, name: Ident },
    Slot { object: Box<Expr>, slot: u16 },
}

/// A sequence of statements with its own scope.
#[derive(Clone, Debug, Default)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct FnDef {
    pub name: Ident,
    pub params: Vec<Ident>,
    pub body: Block,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct ClassDef {
    pub name: Ident,
    pub superclass: Option<Expr>,
    pub methods: Vec<MethodDef>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct MethodDef {
    pub kind: MethodKind,
    /// The method's body sees `this` as its first, implicit parameter (except static ones).
    pub def: FnDef,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodKind {
    Method,
    Initializer,
    Static,
    Getter,
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

impl Expr {
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Var(Ident),
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Binary {
        op: BinaryOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// An operation whose operand types the frontend proved; no tag checks at run time.
    Typed {
        op: TypedOp,
        args: Vec<Expr>,
    },
    /// Short-circuit; the value is the deciding operand.
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    /// `tail` is set by a frontend whose language guarantees tail calls; the resolver also
    /// marks calls it finds in tail position.
    Call {
        callee: Box<Expr>,
        args: Vec<Expr>,
        tail: bool,
    },
    /// A call of a function whose arity the frontend does not know (`APPLY`): with
    /// fewer arguments than the callee's arity it makes a partial application, with
    /// more it calls the callee and applies the result to the rest (OCaml's semantics,
    /// for curried languages). `tail` as for [`ExprKind::Call`].
    Apply {
        callee: Box<Expr>,
        args: Vec<Expr>,
        tail: bool,
    },
    /// `receiver.method(args)` without materializing a bound method.
    Invoke {
        receiver: Box<Expr>,
        method: Ident,
        args: Vec<Expr>,
    },
    Index {
        object: Box<Expr>,
        index: Box<Expr>,
    },
    Field {
        object: Box<Expr>,
        name: Ident,
    },
    List(Vec<Expr>),
    Map(Vec<(Expr, Expr)>),
    Range {
        start: Box<Expr>,
        end: Box<Expr>,
        inclusive: bool,
    },
    /// String interpolation: the parts' `str` forms concatenated.
    Interpolate(Vec<Expr>),
    Function(Box<FnDef>),
    /// Expression-valued `if`; a missing `else` yields `nil`.
    If {
        cond: Box<Expr>,
        then: Box<Expr>,
        otherwise: Option<Box<Expr>>,
    },
    /// A scope whose value is `value` (or `nil`).
    Block {
        stmts: Vec<Stmt>,
        value: Option<Box<Expr>>,
    },
    /// A fixed-size tagged record (tuple, variant, record type).
    MakeRecord {
        tag: u32,
        fields: Vec<Expr>,
    },
    GetSlot {
        object: Box<Expr>,
        slot: u16,
    },
    /// `true` when `object` is a record with this tag.
    TagTest {
        object: Box<Expr>,
        tag: u32,
    },
    /// `this` inside a method.
    This,
    /// `super.method`, resolved statically from the enclosing class.
    SuperMethod {
        method: Ident,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Not,
    BitNot,
}

/// Dynamic binary operators with DevScript's semantics (see spec/devscript.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    /// Remainder with the sign of the dividend (JavaScript's, DevObj's `%`).
    Rem,
    Pow,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
}

/// Operations on operands of known type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypedOp {
    IntAdd,
    IntSub,
    IntMul,
    /// Truncating division (OCaml's `/`); division by zero raises.
    IntDiv,
    /// Remainder with the sign of the dividend (OCaml's `mod`).
    IntRem,
    IntNeg,
    IntLt,
    IntLe,
    IntEq,
    FloatAdd,
    FloatSub,
    FloatMul,
    FloatDiv,
    FloatNeg,
    FloatLt,
    FloatLe,
    FloatEq,
}

impl BinaryOp {
    pub fn symbol(self) -> &'static str {
        use BinaryOp::*;
        match self {
            Add => "+",
            Sub => "-",
            Mul => "*",
            Div => "/",
            FloorDiv => "//",
            Mod | Rem => "%",
            Pow => "**",
            Eq => "==",
            Ne => "!=",
            Lt => "<",
            Le => "<=",
            Gt => ">",
            Ge => ">=",
            BitAnd => "&",
            BitOr => "|",
            BitXor => "^",
            Shl => "<<",
            Shr => ">>",
        }
    }
}
