//! Test helpers: a VM with the library installed and its output captured, and calls of
//! built-ins, methods and module functions by name.

use devvm_vm::object::{ErrorObj, Module, NativeArgs};
use devvm_vm::{format, ErrorKind, Exception, Policy, TypeTag, Value, Vm, VmResult};
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

/// A `Write` into a shared buffer, so the test can read what `print` wrote.
struct Captured(Rc<RefCell<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub(crate) struct TestVm {
    pub vm: Vm,
    out: Rc<RefCell<Vec<u8>>>,
}

impl TestVm {
    pub(crate) fn new() -> TestVm {
        TestVm::with_policy(Policy::default())
    }

    pub(crate) fn with_policy(policy: Policy) -> TestVm {
        let mut vm = Vm::new(policy);
        crate::install(&mut vm);
        let out = Rc::new(RefCell::new(Vec::new()));
        vm.set_output(Box::new(Captured(out.clone())));
        TestVm { vm, out }
    }

    /// Everything printed so far (and clears it).
    pub(crate) fn output(&mut self) -> String {
        self.vm.flush();
        let bytes = std::mem::take(&mut *self.out.borrow_mut());
        String::from_utf8(bytes).expect("output is UTF-8")
    }

    pub(crate) fn s(&mut self, text: &str) -> Value {
        self.vm.str_value(text)
    }

    pub(crate) fn int(&mut self, i: i64) -> Value {
        self.vm.int(i)
    }

    pub(crate) fn list(&mut self, items: &[Value]) -> Value {
        self.vm.list_value(items.to_vec())
    }

    pub(crate) fn ints(&mut self, items: &[i64]) -> Value {
        let values: Vec<Value> = items.iter().map(|&i| self.vm.int(i)).collect();
        self.vm.list_value(values)
    }

    /// Calls a built-in function.
    pub(crate) fn call(&mut self, name: &str, args: &[Value]) -> VmResult<Value> {
        let f = self.vm.builtin_by_name(name).unwrap_or_else(|| panic!("no builtin {name}"));
        self.vm.call_value(f, args)
    }

    /// Calls a method of the receiver's type.
    pub(crate) fn method(&mut self, recv: Value, name: &str, args: &[Value]) -> VmResult<Value> {
        let f = self.vm.method_by_name(TypeTag::of(recv), name).unwrap_or_else(|| panic!("no method {name}"));
        let mut all = vec![recv];
        all.extend_from_slice(args);
        self.vm.call_value(f, &all)
    }

    /// Calls `module.name(args)` of a standard module (built by its init function and
    /// kept alive as a global).
    pub(crate) fn module_call(&mut self, module: &str, name: &str, args: &[Value]) -> VmResult<Value> {
        let f = self.module_export(module, name);
        self.vm.call_value(f, args)
    }

    pub(crate) fn module_export(&mut self, module: &str, name: &str) -> Value {
        let key = format!("__test_module_{module}");
        let m = match self.vm.builtin_by_name(&key) {
            Some(m) => m,
            None => {
                let init = crate::std_module_init(module).unwrap_or_else(|| panic!("no module {module}"));
                let m = init(&mut self.vm).expect("module init succeeds");
                self.vm.register_global(&key, m);
                m
            }
        };
        m.downcast::<Module>().and_then(|m| m.export(name)).unwrap_or_else(|| panic!("no {module}.{name}"))
    }

    /// A native test callback (for `map`, `sort_by` ...).
    pub(crate) fn native(&mut self, f: fn(&mut Vm, NativeArgs) -> VmResult<Value>) -> Value {
        self.vm.native("callback", devvm_vm::object::Arity::VARIADIC, f)
    }
}

/// `repr` of a result, or `Kind: message` of an error, for compact assertions.
pub(crate) fn show(r: VmResult<Value>) -> String {
    match r {
        Ok(v) => format::repr(v),
        Err(Exception::Error(kind, message)) => format!("{kind}: {message}"),
        Err(Exception::Thrown(v)) => match v.downcast::<ErrorObj>() {
            Some(e) => format!("{}: {}", e.kind.as_str(), e.message.as_str()),
            None => format!("thrown {}", format::repr(v)),
        },
    }
}

/// The error kind of a failed call.
pub(crate) fn kind(r: VmResult<Value>) -> Option<ErrorKind> {
    match r {
        Ok(_) => None,
        Err(Exception::Error(kind, _)) => Some(kind),
        Err(Exception::Thrown(v)) => v.downcast::<ErrorObj>().and_then(|e| e.builtin),
    }
}
