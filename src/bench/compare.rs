//! Reference VMs for `--compare`: which are on PATH and which file each one runs.

use std::path::{Path, PathBuf};

/// A reference VM and the reference-file suffixes it runs, most specific first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RefKind {
    /// The command name looked up on PATH.
    pub command: &'static str,
    /// File name suffixes under `benches/ref/`: `NAME.SUFFIX`.
    pub suffixes: &'static [&'static str],
    /// A compiler that turns the reference file into what the command runs (OCaml's
    /// bytecode and native compilers), outside the timed runs.
    pub build: Option<Build>,
}

/// How a compiled reference is built and run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Build {
    /// `ocamlc -o NAME.byte FILE`, run as `ocamlrun NAME.byte`.
    OcamlBytecode,
    /// `ocamlopt -o NAME.native FILE`, run directly.
    OcamlNative,
}

/// Every reference VM `devvm bench --compare` knows, in column order.
/// LuaJIT speaks Lua 5.1, which lacks `//` and integer bit operators, so it only runs
/// `NAME.luajit.lua` files written for it.
pub const KNOWN: &[RefKind] = &[
    RefKind { command: "lua5.4", suffixes: &["lua"], build: None },
    RefKind { command: "luajit", suffixes: &["luajit.lua"], build: None },
    RefKind { command: "python3", suffixes: &["py"], build: None },
    RefKind { command: "node", suffixes: &["js"], build: None },
    RefKind { command: "ruby", suffixes: &["rb"], build: None },
    // The DevFun benchmarks' own source (ref/NAME.ml is a copy of NAME.dvf), compiled by
    // OCaml: bytecode under ocamlrun, and native code.
    RefKind { command: "ocamlrun", suffixes: &["ml"], build: Some(Build::OcamlBytecode) },
    RefKind { command: "ocamlopt", suffixes: &["ml"], build: Some(Build::OcamlNative) },
];

/// A reference VM found on this machine.
#[derive(Debug, Clone, PartialEq)]
pub struct RefVm {
    pub kind: RefKind,
    pub path: PathBuf,
}

impl RefVm {
    pub fn name(&self) -> &'static str {
        self.kind.command
    }

    /// The command line that runs `file` under this VM, building it first into `out`
    /// when the VM runs compiled code. The error says why the build failed.
    pub fn command_for(&self, file: &Path, out: &Path) -> Result<(PathBuf, Vec<std::ffi::OsString>), String> {
        let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("bench");
        let build = |compiler: &str, target: PathBuf, extra: &[&str]| -> Result<PathBuf, String> {
            std::fs::create_dir_all(out).map_err(|e| e.to_string())?;
            // The compilers write .cmi/.cmo/.o files next to the output, not into benches/.
            let copy = out.join(format!("{stem}.ml"));
            std::fs::copy(file, &copy).map_err(|e| e.to_string())?;
            let status = std::process::Command::new(compiler)
                .args(extra)
                .arg("-o")
                .arg(&target)
                .arg(&copy)
                .current_dir(out)
                .status()
                .map_err(|e| format!("cannot run {compiler}: {e}"))?;
            if status.success() {
                Ok(target)
            } else {
                Err(format!("{compiler} failed on {}", file.display()))
            }
        };
        match self.kind.build {
            None => Ok((self.path.clone(), vec![file.as_os_str().to_os_string()])),
            Some(Build::OcamlBytecode) => {
                let byte = build("ocamlc", out.join(format!("{stem}.byte")), &[])?;
                Ok((self.path.clone(), vec![byte.into_os_string()]))
            }
            Some(Build::OcamlNative) => {
                let native = build("ocamlopt", out.join(format!("{stem}.native")), &[])?;
                Ok((native, vec![]))
            }
        }
    }

    /// The reference version of benchmark `name` for this VM, if the suite has one.
    pub fn ref_file(&self, ref_dir: &Path, name: &str) -> Option<PathBuf> {
        self.kind.suffixes.iter().map(|s| ref_dir.join(format!("{name}.{s}"))).find(|p| p.is_file())
    }
}

/// The known VMs (restricted to `only` when it is not empty) split into those found on
/// PATH and the names of those missing.
pub fn discover(only: &[String]) -> (Vec<RefVm>, Vec<&'static str>) {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for kind in KNOWN.iter().filter(|k| only.is_empty() || only.iter().any(|o| o == k.command)) {
        match find_on_path(kind.command) {
            Some(path) => found.push(RefVm { kind: *kind, path }),
            None => missing.push(kind.command),
        }
    }
    (found, missing)
}

/// Names in `only` that are not known reference VMs.
pub fn unknown_names(only: &[String]) -> Vec<String> {
    only.iter().filter(|o| !KNOWN.iter().any(|k| k.command == o.as_str())).cloned().collect()
}

/// The first executable file called `command` in a PATH directory.
pub fn find_on_path(command: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    let exts: Vec<String> = if cfg!(windows) {
        vec![".exe".into(), ".cmd".into(), ".bat".into(), String::new()]
    } else {
        vec![String::new()]
    };
    for dir in std::env::split_paths(&path) {
        for ext in &exts {
            let candidate = dir.join(format!("{command}{ext}"));
            if is_executable(&candidate) {
                return Some(candidate);
            }
        }
    }
    None
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0).unwrap_or(false)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ref_file_prefers_specific_suffix() {
        let dir = std::env::temp_dir().join(format!("devvm-bench-ref-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("fib.lua"), "").unwrap();
        std::fs::write(dir.join("fib.luajit.lua"), "").unwrap();
        let lua = RefVm { kind: KNOWN[0], path: "lua5.4".into() };
        let jit = RefVm { kind: KNOWN[1], path: "luajit".into() };
        let py = RefVm { kind: KNOWN[2], path: "python3".into() };
        assert_eq!(lua.ref_file(&dir, "fib"), Some(dir.join("fib.lua")));
        assert_eq!(jit.ref_file(&dir, "fib"), Some(dir.join("fib.luajit.lua")));
        assert_eq!(py.ref_file(&dir, "fib"), None);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn discovery_splits_found_and_missing() {
        let (found, missing) = discover(&["python3".into(), "no-such-vm".into()]);
        assert_eq!(found.len() + missing.len(), 1);
        assert_eq!(unknown_names(&["python3".into(), "no-such-vm".into()]), ["no-such-vm"]);
        assert!(find_on_path("surely-not-a-command-devvm").is_none());
    }
}
