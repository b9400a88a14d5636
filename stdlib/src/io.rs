//! The `io` module: `read_file write_file append_file`.
//!
//! Policy is enforced here, before any system call: a path is read only when
//! `Policy::may_read` allows it and written only when `Policy::may_write` does (both check
//! the lexically normalized absolute path against the `--allow-read`/`--allow-write`
//! directories); otherwise PermissionDenied. Errors the OS reports for a permitted
//! operation are IoErrors. Files are UTF-8 text: a file that is not is an IoError.

use crate::args::Call;
use devvm_vm::object::{Arity, NativeArgs, NativeFn};
use devvm_vm::{ErrorKind, Exception, Value, Vm, VmResult};
use std::io::Write;
use std::path::Path;

pub(crate) fn init(vm: &mut Vm) -> VmResult<Value> {
    let functions: [(&str, Arity, NativeFn); 3] = [
        ("read_file", Arity::exactly(1), read_file),
        ("write_file", Arity::exactly(2), write_file),
        ("append_file", Arity::exactly(2), append_file),
    ];
    let exports: Vec<(&str, Value)> =
        functions.into_iter().map(|(name, arity, f)| (name, vm.native(&format!("io.{name}"), arity, f))).collect();
    Ok(vm.new_module("io", &exports))
}

fn io_error(what: &str, path: &str, e: std::io::Error) -> Exception {
    Exception::new(ErrorKind::IoError, format!("{what} '{path}': {e}"))
}

fn denied(action: &str, path: &str, flag: &str) -> Exception {
    Exception::new(ErrorKind::PermissionDenied, format!("{action} '{path}' is not allowed by the policy (see {flag})"))
}

/// `read_file(path)`: the whole file as a string.
fn read_file(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    let call = Call::function(args, "io.read_file");
    let path = str_arg!(vm, call, 0);
    let p = path.as_str();
    if !vm.policy.may_read(Path::new(p)) {
        return Err(denied("reading", p, "--allow-read"));
    }
    let size = std::fs::metadata(p).map_err(|e| io_error("cannot read", p, e))?.len();
    vm.check_alloc_size(usize::try_from(size).unwrap_or(usize::MAX))?;
    let bytes = std::fs::read(p).map_err(|e| io_error("cannot read", p, e))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Exception::new(ErrorKind::IoError, format!("'{p}' is not valid UTF-8 text")))?;
    Ok(vm.string_value(text))
}

/// Writes `text` to the file (replacing it, or appending).
fn write_text(vm: &mut Vm, args: NativeArgs, name: &'static str, append: bool) -> VmResult<Value> {
    let call = Call::function(args, name);
    let path = str_arg!(vm, call, 0);
    let text = str_arg!(vm, call, 1);
    let p = path.as_str();
    if !vm.policy.may_write(Path::new(p)) {
        return Err(denied("writing", p, "--allow-write"));
    }
    let result = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .append(append)
        .truncate(!append)
        .open(p)
        .and_then(|mut f| f.write_all(text.as_str().as_bytes()));
    result.map_err(|e| io_error("cannot write", p, e))?;
    Ok(Value::NIL)
}

/// `write_file(path, text)`: creates or replaces the file.
fn write_file(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    write_text(vm, args, "io.write_file", false)
}

/// `append_file(path, text)`: appends, creating the file if needed.
fn append_file(vm: &mut Vm, args: NativeArgs) -> VmResult<Value> {
    write_text(vm, args, "io.append_file", true)
}

#[cfg(test)]
mod tests {
    use crate::testutil::{kind, show, TestVm};
    use devvm_vm::{ErrorKind, Policy};
    use std::path::PathBuf;

    /// A fresh directory for one test.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("devvm-stdlib-io-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir is writable");
        dir
    }

    #[test]
    fn io_is_denied_by_default() {
        let dir = scratch("denied");
        let mut t = TestVm::new();
        let path = t.s(&dir.join("x.txt").display().to_string());
        let text = t.s("hello");
        assert_eq!(kind(t.module_call("io", "write_file", &[path, text])), Some(ErrorKind::PermissionDenied));
        assert_eq!(kind(t.module_call("io", "read_file", &[path])), Some(ErrorKind::PermissionDenied));
        assert!(!dir.join("x.txt").exists(), "nothing was written");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn allowed_paths_round_trip_and_os_errors_are_io_errors() {
        let dir = scratch("allowed");
        let policy = Policy { allow_read: vec![dir.clone()], allow_write: vec![dir.clone()], ..Policy::default() };
        let mut t = TestVm::with_policy(policy);
        let path = t.s(&dir.join("x.txt").display().to_string());
        let (a, b) = (t.s("héllo\n"), t.s("more"));
        t.module_call("io", "write_file", &[path, a]).unwrap();
        t.module_call("io", "append_file", &[path, b]).unwrap();
        assert_eq!(show(t.module_call("io", "read_file", &[path])), "\"héllo\\nmore\"");
        t.module_call("io", "write_file", &[path, b]).unwrap();
        assert_eq!(show(t.module_call("io", "read_file", &[path])), "\"more\"");
        let missing = t.s(&dir.join("missing.txt").display().to_string());
        assert_eq!(kind(t.module_call("io", "read_file", &[missing])), Some(ErrorKind::IoError));
        let escape = t.s(&dir.join("../outside.txt").display().to_string());
        assert_eq!(kind(t.module_call("io", "write_file", &[escape, a])), Some(ErrorKind::PermissionDenied));
        std::fs::write(dir.join("bin"), [0xff, 0xfe]).unwrap();
        let bin = t.s(&dir.join("bin").display().to_string());
        assert_eq!(kind(t.module_call("io", "read_file", &[bin])), Some(ErrorKind::IoError));
        assert_eq!(
            kind(t.module_call("io", "write_file", &[path, devvm_vm::Value::small_int(1)])),
            Some(ErrorKind::TypeError)
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
