//! The `Policy`: everything about a run that may vary, in one value.

use std::path::{Path, PathBuf};

#[derive(Clone, Debug)]
pub struct Policy {
    /// Instruction budget; `None` is unlimited.
    pub fuel: Option<u64>,
    /// Heap cap in bytes; `None` is unlimited.
    pub max_heap: Option<usize>,
    /// Maximum call depth (guest frames).
    pub max_depth: usize,
    /// Virtual clock, seeded random, no environment.
    pub deterministic: bool,
    /// Seed of the `random` module's generator.
    pub seed: u64,
    pub allow_read: Vec<PathBuf>,
    pub allow_write: Vec<PathBuf>,
    pub allow_env: bool,
}

pub const DEFAULT_MAX_DEPTH: usize = 100_000;

impl Default for Policy {
    /// The embedding default: deterministic and denying all I/O.
    fn default() -> Self {
        Policy {
            fuel: None,
            max_heap: None,
            max_depth: DEFAULT_MAX_DEPTH,
            deterministic: true,
            seed: 0x5eed,
            allow_read: Vec::new(),
            allow_write: Vec::new(),
            allow_env: false,
        }
    }
}

impl Policy {
    /// Whether reading `path` is allowed (it lies under an allowed directory or is one).
    pub fn may_read(&self, path: &Path) -> bool {
        allowed(&self.allow_read, path)
    }

    pub fn may_write(&self, path: &Path) -> bool {
        allowed(&self.allow_write, path)
    }
}

fn allowed(roots: &[PathBuf], path: &Path) -> bool {
    let Some(abs) = absolute(path) else {
        return false;
    };
    roots.iter().filter_map(|r| absolute(r)).any(|r| abs.starts_with(&r))
}

/// An absolute, lexically normalized path (no `..` escapes through the prefix check).
fn absolute(path: &Path) -> Option<PathBuf> {
    let joined = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().ok()?.join(path) };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_checked_after_normalization() {
        let p = Policy { allow_read: vec![PathBuf::from("/data")], ..Policy::default() };
        assert!(p.may_read(Path::new("/data/x.txt")));
        assert!(!p.may_read(Path::new("/data/../etc/passwd")));
        assert!(!p.may_read(Path::new("/etc/passwd")));
        assert!(!Policy::default().may_write(Path::new("/tmp/x")));
    }
}
