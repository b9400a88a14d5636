//! Hidden classes: the shape transition tree.
//!
//! ```text
//!   class Point's root shape #7 {}  ──"x"──►  #8 {x:0}  ──"y"──►  #9 {x:0, y:1}
//!                                   └─"y"──►  #10 {y:0}            (another order, another shape)
//! ```
//!
//! Every instance holds the id of its shape; a shape is the ordered list of its field
//! names (as symbols), so a field is a slot index. Adding a field follows (or makes) the
//! transition labelled with the name, so instances built the same way share a shape and
//! an inline cache keyed on the shape id answers "which slot?" with one compare.
//!
//! Shapes are plain Rust data owned by the `Vm` (not heap objects): their ids are small
//! integers that inline caches and, later, JIT code compare as immediates, they never move,
//! and the collector never sees them. Field names are interned to `u32` symbols here, so
//! no heap pointer is held either. Each class has its own root shape, so a shape also
//! determines the class of the instances that have it (method caches rely on this).

use std::collections::HashMap;

/// A shape id (index into [`Shapes`]).
pub type ShapeId = u32;
/// An interned field or method name.
pub type Symbol = u32;

struct ShapeNode {
    /// The symbol of each slot, in slot order.
    fields: Vec<Symbol>,
    /// Shapes reached by adding one more field.
    transitions: Vec<(Symbol, ShapeId)>,
}

/// The shape tree and the symbol table.
pub struct Shapes {
    nodes: Vec<ShapeNode>,
    symbols: HashMap<Box<str>, Symbol>,
    names: Vec<Box<str>>,
}

/// The shape id no instance ever has: node 0 is reserved, so an empty inline-cache entry
/// (aux 0) never matches an instance's shape and the interpreter's fast paths need not
/// test the entry's key.
pub const NO_SHAPE: ShapeId = 0;

/// Shape ids stay below this bit, which inline-cache entries use as a flag (see
/// `class_ops.rs`).
pub const SHAPE_ID_LIMIT: usize = 1 << 31;

impl Default for Shapes {
    fn default() -> Shapes {
        Shapes::new()
    }
}

impl Shapes {
    pub fn new() -> Shapes {
        let reserved = ShapeNode { fields: Vec::new(), transitions: Vec::new() };
        Shapes { nodes: vec![reserved], symbols: HashMap::new(), names: Vec::new() }
    }

    /// Appends a node and returns its id.
    fn push(&mut self, node: ShapeNode) -> ShapeId {
        assert!(
            self.nodes.len() < SHAPE_ID_LIMIT,
            "shape ids fit in 31 bits (each shape costs memory, so 2^31 cannot be reached)"
        );
        self.nodes.push(node);
        (self.nodes.len() - 1) as ShapeId
    }

    /// A fresh root shape (no fields) — one per class.
    pub fn new_root(&mut self) -> ShapeId {
        self.push(ShapeNode { fields: Vec::new(), transitions: Vec::new() })
    }

    /// The symbol for a name, interned if new.
    pub fn symbol(&mut self, name: &str) -> Symbol {
        if let Some(&s) = self.symbols.get(name) {
            return s;
        }
        let s = self.names.len() as Symbol;
        self.names.push(name.into());
        self.symbols.insert(name.into(), s);
        s
    }

    /// The symbol of a name if it was ever interned (a name never interned is no field).
    pub fn existing_symbol(&self, name: &str) -> Option<Symbol> {
        self.symbols.get(name).copied()
    }

    pub fn name(&self, s: Symbol) -> &str {
        &self.names[s as usize]
    }

    /// The slot of a field in a shape.
    pub fn slot_of(&self, shape: ShapeId, s: Symbol) -> Option<usize> {
        self.nodes[shape as usize].fields.iter().position(|&f| f == s)
    }

    pub fn field_count(&self, shape: ShapeId) -> usize {
        self.nodes[shape as usize].fields.len()
    }

    /// The field symbols of a shape, in slot order.
    pub fn fields(&self, shape: ShapeId) -> &[Symbol] {
        &self.nodes[shape as usize].fields
    }

    /// The shape after adding field `s` to `shape` (the new field's slot is the old
    /// field count). The caller has checked that `s` is not already a field.
    pub fn add_field(&mut self, shape: ShapeId, s: Symbol) -> ShapeId {
        let node = &self.nodes[shape as usize];
        if let Some(&(_, next)) = node.transitions.iter().find(|(t, _)| *t == s) {
            return next;
        }
        let mut fields = node.fields.clone();
        fields.push(s);
        let next = self.push(ShapeNode { fields, transitions: Vec::new() });
        self.nodes[shape as usize].transitions.push((s, next));
        next
    }

    /// How many shapes exist (tests and `--stats`).
    pub fn len(&self) -> usize {
        self.nodes.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_field_order_shares_a_shape() {
        let mut s = Shapes::new();
        let root = s.new_root();
        let (x, y) = (s.symbol("x"), s.symbol("y"));
        let a = s.add_field(root, x);
        let a = s.add_field(a, y);
        let b = s.add_field(root, x);
        let b = s.add_field(b, y);
        assert_eq!(a, b);
        assert_eq!(s.slot_of(a, y), Some(1));
        let c = s.add_field(root, y);
        let c = s.add_field(c, x);
        assert_ne!(a, c, "another order is another shape");
        assert_eq!(s.slot_of(c, y), Some(0));
    }

    #[test]
    fn classes_have_distinct_roots() {
        let mut s = Shapes::new();
        let (r1, r2) = (s.new_root(), s.new_root());
        assert!(r1 != NO_SHAPE && r2 != NO_SHAPE, "shape 0 is reserved");
        let x = s.symbol("x");
        assert_ne!(s.add_field(r1, x), s.add_field(r2, x));
        assert_eq!(s.symbol("x"), x);
        assert_eq!(s.existing_symbol("nope"), None);
    }
}
