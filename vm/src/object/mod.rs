//! Heap object types. Each has a kind byte (its index in [`type_table`]) and a `Trace`
//! implementation listing every value it holds.
//!
//! Mutable objects keep their contents in `UnsafeCell`s and expose only short, copying
//! operations (`get`, `set`, `push` …) that never hand out references into the cell, so a
//! native function that calls back into the interpreter while iterating cannot observe a
//! dangling slice. Every operation that stores a value into an object takes the heap and
//! calls its write barrier.

mod class;
mod function;
mod instance;
mod list;
mod map;
mod misc;
mod module;
pub mod shape;
mod string;

pub use class::{is_subclass_of, BoundMethod, Class, MethodKind};
pub use function::{
    quick_field_ic, Arity, Closure, InlineCache, Native, NativeArgs, NativeFn, Proto, Upvalue, NOT_QUICK,
};
pub use instance::{Instance, INLINE_SLOTS};
pub use list::List;
pub use map::{HashKeyError, Map};
pub use misc::{BigInt, ErrorObj, Range, Record, RECORD_INLINE};
pub use module::{Module, ModuleState};
pub use string::{hash_bytes, Str};

use devvm_gc::TypeInfo;

/// Kind bytes, one per object type, in type-table order.
pub mod kind {
    pub const STR: u8 = 0;
    pub const LIST: u8 = 1;
    pub const MAP: u8 = 2;
    pub const PROTO: u8 = 3;
    pub const CLOSURE: u8 = 4;
    pub const UPVALUE: u8 = 5;
    pub const NATIVE: u8 = 6;
    pub const BIGINT: u8 = 7;
    pub const ERROR: u8 = 8;
    pub const RANGE: u8 = 9;
    pub const MODULE: u8 = 10;
    pub const RECORD: u8 = 11;
    pub const CLASS: u8 = 12;
    pub const INSTANCE: u8 = 13;
    pub const BOUND_METHOD: u8 = 14;
}

/// The table the heap uses to trace and free objects by kind.
pub fn type_table() -> Vec<TypeInfo> {
    vec![
        TypeInfo::of::<Str>("string"),
        TypeInfo::of::<List>("list"),
        TypeInfo::of::<Map>("map"),
        TypeInfo::of::<Proto>("proto"),
        TypeInfo::of::<Closure>("closure"),
        TypeInfo::of::<Upvalue>("upvalue"),
        TypeInfo::of::<Native>("native"),
        TypeInfo::of::<BigInt>("bigint"),
        TypeInfo::of::<ErrorObj>("error"),
        TypeInfo::of::<Range>("range"),
        TypeInfo::of::<Module>("module"),
        TypeInfo::of::<Record>("record"),
        TypeInfo::of::<Class>("class"),
        TypeInfo::of::<Instance>("instance"),
        TypeInfo::of::<BoundMethod>("bound method"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use devvm_gc::GcObject;

    #[test]
    fn kinds_match_the_table_order() {
        let t = type_table();
        assert_eq!(t[Str::KIND as usize].name, "string");
        assert_eq!(t[List::KIND as usize].name, "list");
        assert_eq!(t[Map::KIND as usize].name, "map");
        assert_eq!(t[Record::KIND as usize].name, "record");
        assert_eq!(t[Module::KIND as usize].name, "module");
        assert_eq!(t[Instance::KIND as usize].name, "instance");
        assert_eq!(t.len(), 15);
    }
}
