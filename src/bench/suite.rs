//! Finding the suite: the `benches/` directory, its programs and its manifest.
//!
//! A benchmark is a program file `benches/NAME.EXT` where EXT is a platform language
//! (`dvs`, later `dvf` and `dvo`). `benches/suite.toml` may add an expected output line
//! and a description per NAME. Reference versions live in `benches/ref/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Platform language extensions, in the order their rows are shown.
pub const LANGS: &[&str] = &["dvs", "dvf", "dvo"];

/// The manifest file name inside the benches directory.
pub const MANIFEST: &str = "suite.toml";

/// One benchmark program of the platform.
#[derive(Debug, Clone, PartialEq)]
pub struct Bench {
    pub name: String,
    /// The language, as its file extension (`dvs`).
    pub lang: String,
    pub file: PathBuf,
    /// The exact last stdout line expected, from the manifest.
    pub expect: Option<String>,
    pub about: Option<String>,
}

/// Facts about one benchmark from `suite.toml`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entry {
    pub expect: Option<String>,
    pub about: Option<String>,
}

/// Locate the benches directory: `explicit` if given; else, walking up from the current
/// directory and then from the executable's directory (so `target/release/devvm` finds the
/// workspace's suite), the first directory that is a suite (programs and `suite.toml`) or
/// has a `benches/` subdirectory holding programs.
pub fn find_dir(explicit: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(dir) = explicit {
        return if dir.is_dir() {
            Ok(dir.to_path_buf())
        } else {
            Err(format!("benchmark directory {} does not exist", dir.display()))
        };
    }
    let mut starts = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        starts.push(cwd);
    }
    if let Some(dir) = std::env::current_exe().ok().and_then(|e| e.parent().map(Path::to_path_buf)) {
        starts.push(dir);
    }
    for start in &starts {
        for dir in start.ancestors() {
            // Inside the suite itself (it has the manifest), or at a directory holding it.
            if dir.join(MANIFEST).is_file() && has_programs(dir) {
                return Ok(dir.to_path_buf());
            }
            let candidate = dir.join("benches");
            if has_programs(&candidate) {
                return Ok(candidate);
            }
        }
    }
    Err("no benches/ directory with benchmark programs found above the current directory \
         or the devvm executable; pass --dir DIR"
        .to_string())
}

fn has_programs(dir: &Path) -> bool {
    std::fs::read_dir(dir).map(|rd| rd.flatten().any(|e| lang_of(&e.path()).is_some())).unwrap_or(false)
}

/// The language extension of a benchmark program path, if it is one.
fn lang_of(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?;
    LANGS.iter().copied().find(|l| *l == ext)
}

/// Every benchmark program in `dir`, sorted by name and then language order.
pub fn discover(dir: &Path) -> Result<Vec<Bench>, String> {
    let manifest = match std::fs::read_to_string(dir.join(MANIFEST)) {
        Ok(text) => parse_manifest(&text).map_err(|e| format!("{}: {e}", dir.join(MANIFEST).display()))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
        Err(e) => return Err(format!("{}: {e}", dir.join(MANIFEST).display())),
    };
    let rd = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut benches = Vec::new();
    for entry in rd.flatten() {
        let path = entry.path();
        if !path.is_file() {
            continue;
        }
        let (Some(lang), Some(name)) = (lang_of(&path), path.file_stem().and_then(|s| s.to_str())) else {
            continue;
        };
        let facts = manifest.get(name).cloned().unwrap_or_default();
        benches.push(Bench {
            name: name.to_string(),
            lang: lang.to_string(),
            file: path.clone(),
            expect: facts.expect,
            about: facts.about,
        });
    }
    benches.sort_by_key(|b| (b.name.clone(), LANGS.iter().position(|l| *l == b.lang)));
    Ok(benches)
}

/// Keep the benchmarks named in `names` (`NAME` for every language, `NAME.EXT` for one);
/// all of them when `names` is empty. An unknown name is an error listing the known ones.
pub fn select(all: &[Bench], names: &[String]) -> Result<Vec<Bench>, String> {
    if names.is_empty() {
        return Ok(all.to_vec());
    }
    let matches = |b: &Bench, n: &str| n == b.name || n == format!("{}.{}", b.name, b.lang);
    for n in names {
        if !all.iter().any(|b| matches(b, n)) {
            let mut known: Vec<&str> = all.iter().map(|b| b.name.as_str()).collect();
            known.dedup();
            return Err(format!("unknown benchmark '{n}' (known: {})", known.join(", ")));
        }
    }
    Ok(all.iter().filter(|b| names.iter().any(|n| matches(b, n))).cloned().collect())
}

/// Parse the manifest subset: `[name]` headers, `key = "string"` lines, `#` comments.
pub fn parse_manifest(text: &str) -> Result<BTreeMap<String, Entry>, String> {
    let mut out: BTreeMap<String, Entry> = BTreeMap::new();
    let mut current: Option<String> = None;
    for (i, raw) in text.lines().enumerate() {
        let lineno = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            let name = rest
                .strip_suffix(']')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .ok_or_else(|| format!("line {lineno}: malformed table header"))?;
            out.entry(name.to_string()).or_default();
            current = Some(name.to_string());
            continue;
        }
        let (key, value) = line.split_once('=').ok_or_else(|| format!("line {lineno}: expected key = \"value\""))?;
        let key = key.trim();
        let value = parse_string(value.trim()).ok_or_else(|| format!("line {lineno}: expected a quoted string"))?;
        let name = current.as_ref().ok_or_else(|| format!("line {lineno}: key outside a [benchmark] table"))?;
        let entry = out.get_mut(name).expect("entry created with its header");
        match key {
            "expect" => entry.expect = Some(value),
            "about" => entry.about = Some(value),
            _ => return Err(format!("line {lineno}: unknown key '{key}' (expected expect or about)")),
        }
    }
    Ok(out)
}

/// A basic TOML string: `"..."` with `\" \\ \n \t` escapes, then an optional `# comment`.
fn parse_string(s: &str) -> Option<String> {
    let mut chars = s.strip_prefix('"')?.chars();
    let mut out = String::new();
    loop {
        match chars.next()? {
            '"' => break,
            '\\' => out.push(match chars.next()? {
                '"' => '"',
                '\\' => '\\',
                'n' => '\n',
                't' => '\t',
                _ => return None,
            }),
            c => out.push(c),
        }
    }
    let rest = chars.as_str().trim();
    (rest.is_empty() || rest.starts_with('#')).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_subset() {
        let m = parse_manifest(
            "# c\n[fib]\nexpect = \"fib 2178309 ok\"  # trailing\nabout = \"say \\\"hi\\\"\"\n\n[loop]\n",
        )
        .unwrap();
        assert_eq!(m["fib"].expect.as_deref(), Some("fib 2178309 ok"));
        assert_eq!(m["fib"].about.as_deref(), Some("say \"hi\""));
        assert_eq!(m["loop"], Entry::default());
        assert!(parse_manifest("expect = \"x\"").is_err());
        assert!(parse_manifest("[a]\nexpect = x").is_err());
        assert!(parse_manifest("[a]\nbogus = \"x\"").is_err());
        assert!(parse_manifest("[a\n").is_err());
    }

    #[test]
    fn discover_and_select() {
        let dir = std::env::temp_dir().join(format!("devvm-bench-suite-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("ref")).unwrap();
        for f in ["b.dvs", "a.dvo", "a.dvs", "notes.txt", "ref/a.lua"] {
            std::fs::write(dir.join(f), "").unwrap();
        }
        std::fs::write(dir.join(MANIFEST), "[a]\nexpect = \"a ok\"\n").unwrap();
        let all = discover(&dir).unwrap();
        let ids: Vec<String> = all.iter().map(|b| format!("{}.{}", b.name, b.lang)).collect();
        assert_eq!(ids, ["a.dvs", "a.dvo", "b.dvs"]);
        assert_eq!(all[0].expect.as_deref(), Some("a ok"));
        assert_eq!(all[2].expect, None);
        assert_eq!(select(&all, &[]).unwrap().len(), 3);
        assert_eq!(select(&all, &["a".into()]).unwrap().len(), 2);
        assert_eq!(select(&all, &["a.dvo".into()]).unwrap()[0].lang, "dvo");
        let err = select(&all, &["zzz".into()]).unwrap_err();
        assert!(err.contains("known: a, b"), "{err}");
        assert_eq!(find_dir(Some(&dir)).unwrap(), dir);
        assert!(find_dir(Some(&dir.join("nope"))).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
