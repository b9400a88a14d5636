//! Classes as values, and bound methods.
//!
//! A class holds its name, its superclass, its method tables (keyed by [`Symbol`]) and
//! its root shape, whose id also serves as the class's identity in inline caches.
//! Inheritance copies the superclass's methods down when the subclass is made (as clox
//! does), so a method lookup is one table probe and a class never changes after its
//! methods are defined — which is what lets a cache keyed on a shape keep a method.

use super::shape::{ShapeId, Symbol};
use super::Str;
use crate::gc_glue::trace_value;
use crate::value::Value;
use devvm_gc::{Gc, GcObject, Trace, Tracer};
use std::cell::{Cell, UnsafeCell};
use std::collections::HashMap;

/// What kind of member a class table entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum MethodKind {
    /// Called with the receiver in slot 0.
    Method = 0,
    /// `init`: called when the class is called; returns the receiver.
    Initializer = 1,
    /// Called on the class, with no receiver.
    Static = 2,
    /// Called with the receiver on property access, without a parameter list.
    Getter = 3,
}

impl MethodKind {
    pub fn from_byte(b: u8) -> Option<MethodKind> {
        [MethodKind::Method, MethodKind::Initializer, MethodKind::Static, MethodKind::Getter].get(b as usize).copied()
    }
}

/// A class.
pub struct Class {
    pub name: Gc<Str>,
    /// The superclass, or nil.
    pub superclass: Cell<Value>,
    /// The root shape of its instances; unique per class, so also its identity.
    pub root_shape: ShapeId,
    /// Instance methods and the initializer (under its name).
    methods: UnsafeCell<HashMap<Symbol, Value>>,
    getters: UnsafeCell<HashMap<Symbol, Value>>,
    statics: UnsafeCell<HashMap<Symbol, Value>>,
    /// The initializer (nil when the class and its ancestors have none).
    pub init: Cell<Value>,
    /// The most overflow fields (past the inline slots) an instance of this class has had:
    /// a new overflow list reserves that many, so building one does not reallocate.
    pub field_hint: Cell<u32>,
    /// For the built-in error classes: the VM error kind whose errors are instances of
    /// this class (its index in `ErrorKind::ALL`, plus one; 0 for user classes).
    pub error_kind: Cell<u8>,
}

impl Class {
    pub fn new(name: Gc<Str>, root_shape: ShapeId) -> Class {
        Class {
            name,
            superclass: Cell::new(Value::NIL),
            root_shape,
            methods: UnsafeCell::new(HashMap::new()),
            getters: UnsafeCell::new(HashMap::new()),
            statics: UnsafeCell::new(HashMap::new()),
            init: Cell::new(Value::NIL),
            field_hint: Cell::new(0),
            error_kind: Cell::new(0),
        }
    }

    // SAFETY (for the three table accessors): the VM is single-threaded and the tables
    // are only reached through these copying methods, which never return a reference
    // into a table, so borrows never overlap.
    #[allow(clippy::mut_from_ref)]
    fn table(&self, kind: MethodKind) -> &mut HashMap<Symbol, Value> {
        let cell = match kind {
            MethodKind::Method | MethodKind::Initializer => &self.methods,
            MethodKind::Getter => &self.getters,
            MethodKind::Static => &self.statics,
        };
        unsafe { &mut *cell.get() }
    }

    /// An instance method (or the initializer) by name.
    #[inline]
    pub fn method(&self, s: Symbol) -> Option<Value> {
        self.table(MethodKind::Method).get(&s).copied()
    }

    pub fn getter(&self, s: Symbol) -> Option<Value> {
        self.table(MethodKind::Getter).get(&s).copied()
    }

    pub fn static_method(&self, s: Symbol) -> Option<Value> {
        self.table(MethodKind::Static).get(&s).copied()
    }

    /// Defines a member; the caller has called the write barrier for `v`.
    pub fn define(&self, kind: MethodKind, s: Symbol, v: Value) {
        // A method and a getter of one name: the later definition wins.
        match kind {
            MethodKind::Method | MethodKind::Initializer => {
                self.table(MethodKind::Getter).remove(&s);
            }
            MethodKind::Getter => {
                self.table(MethodKind::Method).remove(&s);
            }
            MethodKind::Static => {}
        }
        self.table(kind).insert(s, v);
        if kind == MethodKind::Initializer {
            self.init.set(v);
        }
    }

    /// Copies every member of `sup` into this class (inheritance; the subclass's own
    /// definitions come after and override). The caller has called the write barrier.
    pub fn inherit_from(&self, sup: &Class) {
        for kind in [MethodKind::Method, MethodKind::Getter, MethodKind::Static] {
            let entries: Vec<(Symbol, Value)> = sup.table(kind).iter().map(|(k, v)| (*k, *v)).collect();
            self.table(kind).extend(entries);
        }
        self.init.set(sup.init.get());
        self.error_kind.set(sup.error_kind.get());
    }

    /// Every member value (for the write barrier after `inherit_from`).
    pub fn member_values(&self) -> Vec<Value> {
        let mut out = Vec::new();
        for kind in [MethodKind::Method, MethodKind::Getter, MethodKind::Static] {
            out.extend(self.table(kind).values().copied());
        }
        out
    }
}

/// Whether `class` is `other` or inherits from it (the chain is finite: a class's
/// superclass exists before it).
pub fn is_subclass_of(class: Gc<Class>, other: Gc<Class>) -> bool {
    let mut k = Some(class);
    while let Some(c) = k {
        if c.header_ptr() == other.header_ptr() {
            return true;
        }
        k = c.superclass.get().downcast::<Class>();
    }
    false
}

impl Trace for Class {
    fn trace(&mut self, t: &mut Tracer) {
        t.visit(&mut self.name);
        trace_value(t, self.superclass.get_mut());
        trace_value(t, self.init.get_mut());
        // The tables are keyed by symbols (ids), so moved values need no rehashing.
        for table in [&mut self.methods, &mut self.getters, &mut self.statics] {
            for v in table.get_mut().values_mut() {
                trace_value(t, v);
            }
        }
    }
}

impl GcObject for Class {
    const KIND: u8 = super::kind::CLASS;
    fn extra_bytes(&self) -> usize {
        let n: usize = [MethodKind::Method, MethodKind::Getter, MethodKind::Static]
            .iter()
            .map(|k| self.table(*k).capacity())
            .sum();
        n * 16
    }
}

/// A method bound to its receiver: made only when a method is read as a value
/// (`var f = obj.method;`); `obj.method(args)` is an `INVOKE` and allocates nothing.
pub struct BoundMethod {
    pub receiver: Value,
    pub method: Value,
}

impl Trace for BoundMethod {
    fn trace(&mut self, t: &mut Tracer) {
        trace_value(t, &mut self.receiver);
        trace_value(t, &mut self.method);
    }
}

impl GcObject for BoundMethod {
    const KIND: u8 = super::kind::BOUND_METHOD;
}
