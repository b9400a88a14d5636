//! The user-visible type of a value (`type(x)`), also the key of the built-in method
//! tables.

use crate::object::{kind, BigInt};
use crate::value::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum TypeTag {
    Nil,
    Bool,
    Int,
    Float,
    String,
    List,
    Map,
    Function,
    Range,
    Error,
    Module,
    Record,
    Class,
    Instance,
}

impl TypeTag {
    pub const COUNT: usize = 14;

    /// Every type, in tag order.
    pub const ALL: [TypeTag; TypeTag::COUNT] = [
        TypeTag::Nil,
        TypeTag::Bool,
        TypeTag::Int,
        TypeTag::Float,
        TypeTag::String,
        TypeTag::List,
        TypeTag::Map,
        TypeTag::Function,
        TypeTag::Range,
        TypeTag::Error,
        TypeTag::Module,
        TypeTag::Record,
        TypeTag::Class,
        TypeTag::Instance,
    ];

    pub fn of(v: Value) -> TypeTag {
        if v.is_small_int() {
            return TypeTag::Int;
        }
        if v.is_float() {
            return TypeTag::Float;
        }
        if v.is_bool() {
            return TypeTag::Bool;
        }
        match v.object_kind() {
            None => TypeTag::Nil,
            Some(k) => match k {
                kind::STR => TypeTag::String,
                kind::LIST => TypeTag::List,
                kind::MAP => TypeTag::Map,
                kind::CLOSURE | kind::NATIVE | kind::PROTO => TypeTag::Function,
                kind::BIGINT => TypeTag::Int,
                kind::ERROR => TypeTag::Error,
                kind::RANGE => TypeTag::Range,
                kind::MODULE => TypeTag::Module,
                kind::RECORD => TypeTag::Record,
                kind::CLASS => TypeTag::Class,
                kind::INSTANCE => TypeTag::Instance,
                kind::BOUND_METHOD => TypeTag::Function,
                _ => TypeTag::Nil,
            },
        }
    }

    /// The name `type(x)` returns.
    pub fn name(self) -> &'static str {
        match self {
            TypeTag::Nil => "nil",
            TypeTag::Bool => "bool",
            TypeTag::Int => "int",
            TypeTag::Float => "float",
            TypeTag::String => "string",
            TypeTag::List => "list",
            TypeTag::Map => "map",
            TypeTag::Function => "function",
            TypeTag::Range => "range",
            TypeTag::Error => "error",
            TypeTag::Module => "module",
            TypeTag::Record => "record",
            TypeTag::Class => "class",
            TypeTag::Instance => "instance",
        }
    }
}

/// The int value of a small or boxed int.
#[inline]
pub fn as_int(v: Value) -> Option<i64> {
    if v.is_small_int() {
        Some(v.as_small_int_unchecked())
    } else {
        v.downcast::<BigInt>().map(|b| b.value)
    }
}

/// The value of any number as a float.
#[inline]
pub fn as_number(v: Value) -> Option<f64> {
    if v.is_float() {
        Some(v.as_float_unchecked())
    } else {
        as_int(v).map(|i| i as f64)
    }
}
