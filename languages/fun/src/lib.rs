//! DevFun (`.dvf`): the statically typed functional language (an OCaml subset).
pub mod ast;
pub mod lexer;
pub mod syntax;
pub mod token;

#[allow(clippy::all, unused_parens, dead_code)]
mod grammar {
    include!(concat!(env!("OUT_DIR"), "/grammar.rs"));
}
pub mod parse;
