//! Insertion-ordered hash maps keyed by values.
//!
//! Layout: `entries` keeps insertion order (a removed entry becomes a tombstone whose key
//! is `UNDEFINED`); `index` is an open-addressing table (linear probing, power-of-two size)
//! of positions in `entries`. Tombstones are compacted away when they reach half the
//! entries. Keys follow the language rules: ints and floats with equal value are the same
//! key, strings compare by content, lists and maps cannot be keys (they are mutable and
//! compare deeply), everything else by identity.

use super::{BigInt, List, Str};
use crate::value::Value;
use devvm_gc::{GcObject, Trace, Tracer};
use std::cell::UnsafeCell;

const EMPTY: u32 = u32::MAX;

#[derive(Clone, Copy)]
struct Entry {
    hash: u64,
    key: Value,
    value: Value,
}

struct Table {
    entries: Vec<Entry>,
    index: Vec<u32>,
    live: usize,
}

/// Why a value cannot be a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HashKeyError {
    Nil,
    Unhashable(&'static str),
}

pub struct Map {
    table: UnsafeCell<Table>,
}

/// The hash of a value used as a key. Equal keys (per [`key_eq`]) hash equally.
pub fn key_hash(v: Value) -> Result<u64, HashKeyError> {
    if v.is_small_int() {
        return Ok(int_hash(v.as_small_int_unchecked()));
    }
    if let Some(f) = v.as_float() {
        if f.fract() == 0.0 && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f) {
            return Ok(int_hash(f as i64));
        }
        return Ok(int_hash(f.to_bits() as i64 ^ 0x5bd1e995));
    }
    if v.is_nil() {
        return Err(HashKeyError::Nil);
    }
    if let Some(s) = v.downcast::<Str>() {
        return Ok(s.hash());
    }
    if let Some(b) = v.downcast::<BigInt>() {
        return Ok(int_hash(b.value));
    }
    if v.downcast::<List>().is_some() {
        return Err(HashKeyError::Unhashable("list"));
    }
    if v.downcast::<Map>().is_some() {
        return Err(HashKeyError::Unhashable("map"));
    }
    // Everything else is hashed by identity, which must survive the object moving: the
    // header's identity hash, never the address.
    Ok(int_hash(v.identity_hash().unwrap_or(v.bits() as u32) as i64))
}

#[inline]
fn int_hash(i: i64) -> u64 {
    let h = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^ (h >> 29)
}

/// Key equality (see the module docs).
pub fn key_eq(a: Value, b: Value) -> bool {
    if a == b {
        return !a.is_float() || !a.as_float_unchecked().is_nan();
    }
    if let (Some(x), Some(y)) = (a.downcast::<Str>(), b.downcast::<Str>()) {
        return x.hash() == y.hash() && x.as_str() == y.as_str();
    }
    match (number(a), number(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// A numeric key as a comparable pair: ints exactly, floats by value.
#[derive(PartialEq)]
enum Num {
    I(i64),
    F(f64),
}

fn number(v: Value) -> Option<Num> {
    if v.is_small_int() {
        Some(Num::I(v.as_small_int_unchecked()))
    } else if let Some(b) = v.downcast::<BigInt>() {
        Some(Num::I(b.value))
    } else if let Some(f) = v.as_float() {
        if f.fract() == 0.0 && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f) {
            Some(Num::I(f as i64))
        } else {
            Some(Num::F(f))
        }
    } else {
        None
    }
}

impl Default for Map {
    fn default() -> Self {
        Map::new()
    }
}

impl Map {
    pub fn new() -> Map {
        Map { table: UnsafeCell::new(Table { entries: Vec::new(), index: Vec::new(), live: 0 }) }
    }

    // SAFETY: single-threaded, and no method returns a reference into the table, so
    // borrows never overlap.
    #[allow(clippy::mut_from_ref)] // Sound here: see the SAFETY note above.
    #[inline]
    fn t(&self) -> &mut Table {
        unsafe { &mut *self.table.get() }
    }

    pub fn len(&self) -> usize {
        self.t().live
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn find(&self, hash: u64, key: Value) -> Option<usize> {
        let t = self.t();
        if t.index.is_empty() {
            return None;
        }
        let mask = t.index.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let e = t.index[i];
            if e == EMPTY {
                return None;
            }
            let entry = &t.entries[e as usize];
            if entry.hash == hash && !entry.key.is_undefined() && key_eq(entry.key, key) {
                return Some(e as usize);
            }
            i = (i + 1) & mask;
        }
    }

    /// The raw entry position of a key (for inline caches).
    pub fn position(&self, key: Value) -> Option<usize> {
        let h = key_hash(key).ok()?;
        self.find(h, key)
    }

    /// The value at a cached entry position if that entry's key is `key` itself (the
    /// same interned string): an inline-cache hit.
    #[inline]
    pub fn value_at_if(&self, pos: usize, key: Value) -> Option<Value> {
        match self.t().entries.get(pos) {
            Some(e) if e.key == key => Some(e.value),
            _ => None,
        }
    }

    /// Stores at a cached entry position if that entry's key is `key` itself; the caller
    /// has called the write barrier.
    #[inline]
    pub fn set_at_if(&self, pos: usize, key: Value, value: Value) -> bool {
        match self.t().entries.get_mut(pos) {
            Some(e) if e.key == key => {
                e.value = value;
                true
            }
            _ => false,
        }
    }

    pub fn get(&self, key: Value) -> Result<Option<Value>, HashKeyError> {
        let h = key_hash(key)?;
        Ok(self.find(h, key).map(|i| self.t().entries[i].value))
    }

    /// A lookup by string content without allocating a key (fields, module exports).
    pub fn get_str(&self, key: &str) -> Option<Value> {
        let hash = super::hash_bytes(key.as_bytes());
        let t = self.t();
        if t.index.is_empty() {
            return None;
        }
        let mask = t.index.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let e = t.index[i];
            if e == EMPTY {
                return None;
            }
            let entry = &t.entries[e as usize];
            if entry.hash == hash {
                if let Some(s) = entry.key.downcast::<Str>() {
                    if s.as_str() == key {
                        return Some(entry.value);
                    }
                }
            }
            i = (i + 1) & mask;
        }
    }

    pub fn contains(&self, key: Value) -> Result<bool, HashKeyError> {
        Ok(self.get(key)?.is_some())
    }

    /// Inserts or replaces; the caller has called the write barrier. Returns the bytes the
    /// table grew by.
    pub fn insert(&self, key: Value, value: Value) -> Result<usize, HashKeyError> {
        let hash = key_hash(key)?;
        if let Some(i) = self.find(hash, key) {
            self.t().entries[i].value = value;
            return Ok(0);
        }
        let t = self.t();
        let before = Self::bytes(t);
        if (t.entries.len() + 1) * 4 > t.index.len() * 3 {
            Self::rebuild(t, (t.live + 1).next_power_of_two().max(8) * 2);
        }
        let pos = t.entries.len() as u32;
        t.entries.push(Entry { hash, key, value });
        t.live += 1;
        Self::place(t, hash, pos);
        Ok(Self::bytes(t).saturating_sub(before))
    }

    fn bytes(t: &Table) -> usize {
        t.entries.capacity() * std::mem::size_of::<Entry>() + t.index.capacity() * 4
    }

    fn place(t: &mut Table, hash: u64, pos: u32) {
        let mask = t.index.len() - 1;
        let mut i = hash as usize & mask;
        while t.index[i] != EMPTY {
            i = (i + 1) & mask;
        }
        t.index[i] = pos;
    }

    fn rebuild(t: &mut Table, index_len: usize) {
        t.entries.retain(|e| !e.key.is_undefined());
        t.index.clear();
        t.index.resize(index_len.max(8), EMPTY);
        for pos in 0..t.entries.len() {
            let h = t.entries[pos].hash;
            Self::place(t, h, pos as u32);
        }
    }

    /// Removes a key, returning its value.
    pub fn remove(&self, key: Value) -> Result<Option<Value>, HashKeyError> {
        let hash = key_hash(key)?;
        let Some(i) = self.find(hash, key) else {
            return Ok(None);
        };
        let t = self.t();
        let old = t.entries[i].value;
        t.entries[i].key = Value::UNDEFINED;
        t.entries[i].value = Value::NIL;
        t.live -= 1;
        if t.entries.len() >= 16 && t.live * 2 < t.entries.len() {
            let len = t.index.len();
            Self::rebuild(t, len);
        }
        Ok(Some(old))
    }

    pub fn clear(&self) {
        let t = self.t();
        t.entries.clear();
        t.index.clear();
        t.live = 0;
    }

    /// The entries in insertion order, copied (safe to hold while running guest code).
    pub fn snapshot(&self) -> Vec<(Value, Value)> {
        self.t().entries.iter().filter(|e| !e.key.is_undefined()).map(|e| (e.key, e.value)).collect()
    }

    /// The `n`-th live entry at or after raw position `pos`, for iteration that tolerates
    /// mutation: returns the entry and the next raw position.
    pub fn entry_from(&self, pos: usize) -> Option<(Value, Value, usize)> {
        let t = self.t();
        let mut p = pos;
        while p < t.entries.len() {
            let e = t.entries[p];
            if !e.key.is_undefined() {
                return Some((e.key, e.value, p + 1));
            }
            p += 1;
        }
        None
    }
}

impl Trace for Map {
    fn trace(&mut self, t: &mut Tracer) {
        for e in self.table.get_mut().entries.iter_mut() {
            crate::gc_glue::trace_value(t, &mut e.key);
            crate::gc_glue::trace_value(t, &mut e.value);
        }
    }
}

impl GcObject for Map {
    const KIND: u8 = super::kind::MAP;
    fn extra_bytes(&self) -> usize {
        Self::bytes(self.t())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn i(n: i64) -> Value {
        Value::small_int(n)
    }

    #[test]
    fn insert_get_remove_keep_order() {
        let m = Map::new();
        for k in 0..100 {
            m.insert(i(k), i(k * 10)).unwrap();
        }
        assert_eq!(m.len(), 100);
        assert_eq!(m.get(i(42)).unwrap(), Some(i(420)));
        for k in (0..100).step_by(2) {
            assert_eq!(m.remove(i(k)).unwrap(), Some(i(k * 10)));
        }
        assert_eq!(m.len(), 50);
        let keys: Vec<i64> = m.snapshot().iter().map(|(k, _)| k.as_small_int_unchecked()).collect();
        assert_eq!(keys, (1..100).step_by(2).collect::<Vec<_>>());
        m.insert(i(0), i(1)).unwrap();
        assert_eq!(m.snapshot().last().unwrap().0, i(0));
    }

    #[test]
    fn int_and_float_keys_coincide() {
        let m = Map::new();
        m.insert(i(1), i(5)).unwrap();
        assert_eq!(m.get(Value::float(1.0)).unwrap(), Some(i(5)));
        m.insert(Value::float(1.0), i(6)).unwrap();
        assert_eq!(m.len(), 1);
        assert_eq!(m.get(Value::float(1.5)).unwrap(), None);
        assert_eq!(m.insert(Value::NIL, i(1)), Err(HashKeyError::Nil));
    }
}
