//! Immutable strings with a cached hash and character count.

use devvm_gc::{GcObject, Trace, Tracer};

/// A string. `len` in the languages counts Unicode scalar values, so the count is cached;
/// ASCII strings (the common case) index by byte.
pub struct Str {
    hash: u64,
    char_len: u32,
    text: Box<str>,
}

impl Str {
    pub fn new(text: impl Into<Box<str>>) -> Str {
        let text: Box<str> = text.into();
        let char_len = if text.is_ascii() { text.len() } else { text.chars().count() } as u32;
        Str { hash: hash_bytes(text.as_bytes()), char_len, text }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    #[inline]
    pub fn hash(&self) -> u64 {
        self.hash
    }

    /// Length in Unicode scalar values.
    #[inline]
    pub fn char_len(&self) -> usize {
        self.char_len as usize
    }

    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.char_len as usize == self.text.len()
    }

    /// The `i`-th character (0-based, already bounds-checked by the caller's policy).
    pub fn char_at(&self, i: usize) -> Option<&str> {
        if self.is_ascii() {
            self.text.get(i..i + 1)
        } else {
            let (start, c) = self.text.char_indices().nth(i)?;
            self.text.get(start..start + c.len_utf8())
        }
    }

    /// Byte offset of character index `i` (`i == char_len` gives the end).
    pub fn byte_offset(&self, i: usize) -> usize {
        if self.is_ascii() {
            i.min(self.text.len())
        } else {
            self.text.char_indices().nth(i).map_or(self.text.len(), |(b, _)| b)
        }
    }
}

/// The string hash (also used for map keys): a fast multiplicative hash over 8-byte words.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h: u64 = 0xCBF2_9CE4_8422_2325 ^ (bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ w).wrapping_mul(K).rotate_left(29);
    }
    let mut tail = 0u64;
    for (i, &b) in chunks.remainder().iter().enumerate() {
        tail |= (b as u64) << (8 * i);
    }
    h = (h ^ tail).wrapping_mul(K);
    h ^ (h >> 32)
}

impl Trace for Str {
    fn trace(&mut self, _: &mut Tracer) {}
}

impl GcObject for Str {
    const KIND: u8 = super::kind::STR;
    fn extra_bytes(&self) -> usize {
        self.text.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_length_and_indexing() {
        let s = Str::new("héllo😀");
        assert_eq!(s.char_len(), 6);
        assert_eq!(s.char_at(1), Some("é"));
        assert_eq!(s.char_at(5), Some("😀"));
        assert_eq!(s.char_at(6), None);
        assert!(Str::new("abc").is_ascii());
    }

    #[test]
    fn equal_strings_hash_equal() {
        assert_eq!(hash_bytes(b"hello world!"), Str::new("hello world!").hash());
        assert_ne!(hash_bytes(b"a"), hash_bytes(b"b"));
    }
}
