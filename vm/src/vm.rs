//! The `Vm`: the value stack and call frames, the heap, the policy, and the registries of
//! built-ins, methods and modules. Two `Vm`s in one process share nothing.

use crate::bytecode::{CompiledModule, Constant};
use crate::error::{Exception, RuntimeError, TraceFrame, VmResult};
use crate::error_kind::ErrorKind;
use crate::gc_glue::trace_value;
use crate::object::{
    type_table, Arity, BigInt, Closure, ErrorObj, InlineCache, List, Map, Module, ModuleState, Native, NativeArgs,
    NativeFn, Proto, Str, Upvalue,
};
use crate::policy::Policy;
use crate::types::TypeTag;
use crate::value::Value;
use devvm_gc::{CollectionKind, Gc, GcObject, Heap, HeapConfig, Tracer};
use std::cell::Cell;
use std::collections::HashMap;
use std::io::Write;
use std::rc::Rc;

/// One activation: the closure running, where it is, and where its stack window starts
/// (slot 0 is the callee, then the arguments and locals).
///
/// Where it is, is an instruction pointer into the closure's code rather than an offset,
/// so that returning to a frame is one load (frame → next instruction) and not a chain
/// (frame → closure → proto → code → offset). It stays valid while the frame lives: a
/// code buffer is allocated once and never changes, and the frame's closure keeps its
/// proto (pretenured, never moved) alive. The collector may move the closure; it updates
/// `closure` and leaves `ip` alone.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Frame {
    pub closure: Gc<Closure>,
    /// The next instruction to run when the frame resumes (for the running frame, as of
    /// the last sync).
    pub ip: *const u8,
    /// The frame's first slot (the callee), as a pointer into the value stack, which
    /// never moves; [`Vm::base_of`] gives its index.
    pub bp: *mut Value,
}

impl Frame {
    /// A frame at the start of `closure`'s code.
    #[inline(always)]
    pub fn enter(closure: Gc<Closure>, bp: *mut Value) -> Frame {
        Frame { closure, ip: closure.proto.code.code.as_ptr(), bp }
    }

    /// The offset of `ip` in the code (for line tables, handler tables and traces).
    pub fn pc(&self) -> usize {
        // SAFETY: `ip` points into (or one past the end of) this closure's code buffer.
        unsafe { self.ip.offset_from(self.closure.proto.code.code.as_ptr()) as usize }
    }

    /// Moves the frame to offset `pc` of its code.
    pub fn set_pc(&mut self, pc: usize) {
        let code = &self.closure.proto.code.code;
        assert!(pc <= code.len(), "pc {pc} outside code of length {}", code.len());
        // SAFETY: checked just above: `pc` is inside the buffer or one past its end.
        self.ip = unsafe { code.as_ptr().add(pc) };
    }
}

/// Loads modules named by `import "file"` (installed by the binary, which knows the
/// frontends; the VM does not).
pub trait ModuleLoader {
    /// Compiles and runs the module at `path` (relative to the importing file
    /// `importer`) and returns its module value. Called once per module: the VM caches
    /// the result under the key returned by [`ModuleLoader::resolve`].
    fn load(&self, vm: &mut Vm, resolved: &str) -> VmResult<Value>;
    /// The canonical key of an import (an absolute path), or an ImportError.
    fn resolve(&self, path: &str, importer: &str) -> VmResult<String>;
}

/// Builds a standard-library module when it is first imported.
pub type StdModuleInit = fn(&mut Vm) -> VmResult<Value>;

/// Counters for `--stats`.
#[derive(Clone, Debug, Default)]
pub struct VmStats {
    /// Instructions executed (counted only when fuel or tracing is on, or `count_instructions`).
    pub instructions: u64,
    pub calls: u64,
    pub ic_hits: u64,
    pub ic_misses: u64,
    /// Hits found in a site's polymorphic entries (counted in `ic_hits` too).
    pub ic_poly_hits: u64,
    /// Misses at sites whose entries were all taken (an entry was replaced).
    pub ic_megamorphic: u64,
}

/// How deeply native functions may nest calls back into guest code (`map` inside a
/// callback of `map` ...). Each level uses host stack, so it is bounded; past it the call
/// raises `StackOverflow`.
pub(crate) const NATIVE_REENTRY_LIMIT: u32 = 200;

/// How many value-stack slots a VM reserves: room for `max_depth` frames of 64 slots,
/// at least 2^20 and at most 2^27 slots (8 MiB to 1 GiB of address space).
fn value_stack_slots(max_depth: usize) -> usize {
    max_depth.saturating_mul(64).clamp(1 << 20, 1 << 27)
}

/// The value stack: one reservation made when the VM starts and never reallocated, so the
/// interpreter (and, later, JIT code) may hold raw pointers into it across calls. The
/// memory is zeroed (all-zero bits are the float `0.0`, a valid value) and the system
/// provides its pages lazily, so the unused part costs address space only.
fn reserve_value_stack(slots: usize) -> Vec<Value> {
    let layout = std::alloc::Layout::array::<Value>(slots).expect("the value stack fits the address space");
    // SAFETY: the layout has a non-zero size; zeroed memory holds `slots` valid values;
    // the vector is given the pointer, length and capacity of exactly this allocation
    // from the global allocator, with `Value`'s layout.
    unsafe {
        let p = std::alloc::alloc_zeroed(layout) as *mut Value;
        if p.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        Vec::from_raw_parts(p, slots, slots)
    }
}

#[cold]
fn value_stack_exhausted() -> Exception {
    Exception::new(ErrorKind::StackOverflow, "value stack exhausted")
}

/// The frame vector's first capacity.
const INITIAL_FRAMES: usize = 64;

pub struct Vm {
    pub heap: Heap,
    pub(crate) stack: Vec<Value>,
    pub(crate) sp: usize,
    pub(crate) frames: Vec<Frame>,
    /// How many frames the interpreter may have before a call must take the slow path:
    /// the smaller of `frames.capacity()` (the in-place entry writes the next frame
    /// without growing the vector) and the policy's depth cap. Kept up to date by
    /// `push_frame`, the only place the vector grows.
    pub(crate) frame_limit: usize,
    /// Open upvalues, sorted by stack slot.
    pub(crate) open_upvalues: Vec<Gc<Upvalue>>,
    /// The handle scope: values native code keeps alive (and finds again, after they
    /// moved) across calls into guest code.
    handles: Vec<Value>,
    pub policy: Policy,
    builtins: Vec<Value>,
    builtin_names: Vec<String>,
    methods: Vec<HashMap<String, Value>>,
    modules: HashMap<String, Value>,
    std_modules: HashMap<String, StdModuleInit>,
    loader: Option<Rc<dyn ModuleLoader>>,
    out: Box<dyn Write>,
    /// Instructions left when fuel is limited.
    pub(crate) fuel: u64,
    pub stats: VmStats,
    /// Print every instruction with the operand stack (`--trace`).
    pub trace: bool,
    /// Count instructions even without fuel (`--stats`).
    pub count_instructions: bool,
    pub(crate) native_depth: u32,
    /// The native currently running (its `data` is what `native_data()` returns).
    /// Natives are pretenured, so holding it bare is safe across collections.
    pub(crate) current_native: Option<Gc<Native>>,
    /// State of the `random` module's generator.
    pub rng_state: u64,
    /// The virtual clock's ticks under `--deterministic`.
    pub virtual_clock: Cell<u64>,
    /// The name of the file whose top level is running (for import resolution).
    pub(crate) current_file: Vec<String>,
    /// The trace of the last thrown non-error value (error values carry their own).
    pub(crate) thrown_trace: Vec<TraceFrame>,
    /// When the VM was made (monotonic clocks measure from here).
    pub started: std::time::Instant,
    /// Interned strings by hash: a weak table (entries die with their strings), so equal
    /// constant strings are one object and map lookups by constant keys compare pointers.
    interned: HashMap<u64, Vec<Gc<Str>>>,
    /// Hidden classes of instances and the symbol table of member names.
    pub shapes: crate::object::shape::Shapes,
    /// The stub functions of `APPLY` (partial and over-application), made on first use.
    pub(crate) apply_stubs: crate::apply::ApplyStubs,
}

/// A value rooted in the VM's handle scope (see [`Vm::root`]): an index, not a pointer,
/// so it stays right when the object moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Handle(u32);

/// An object a native keeps across calls into guest code ([`Vm::root_object`]): rooted
/// in the handle scope, with the pointer cached until a collection runs (the heap's
/// epoch changes), so reading it costs one compare in the common case. Use it only
/// inside the scope it was made in.
pub struct Rooted<T> {
    handle: Handle,
    cached: Gc<T>,
    epoch: u64,
}

impl<T: GcObject> Rooted<T> {
    /// The object, where it is now.
    #[inline]
    pub fn get(&mut self, vm: &Vm) -> Gc<T> {
        if vm.heap.epoch() != self.epoch {
            self.cached = vm
                .handle(self.handle)
                .downcast::<T>()
                .expect("a Rooted handle holds its object until its scope closes");
            self.epoch = vm.heap.epoch();
        }
        self.cached
    }

    /// The object as a value.
    pub fn value(&mut self, vm: &Vm) -> Value {
        Value::object(self.get(vm))
    }
}

/// The heap configuration: the policy's cap plus the `DEVVM_GC_*` environment knobs
/// (`STRESS=1`, `VERIFY=1`, `NURSERY=bytes`, `OLD_THRESHOLD=bytes`, `STRESS_FULL_EVERY=n`).
fn heap_config_from_env(max_heap: Option<usize>) -> HeapConfig {
    let flag = |name: &str| std::env::var(name).is_ok_and(|v| v == "1");
    let number = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<usize>().ok());
    let defaults = HeapConfig::default();
    HeapConfig {
        max_heap,
        stress: flag("DEVVM_GC_STRESS"),
        verify: flag("DEVVM_GC_VERIFY"),
        nursery_size: number("DEVVM_GC_NURSERY").unwrap_or(defaults.nursery_size),
        initial_threshold: number("DEVVM_GC_OLD_THRESHOLD").unwrap_or(defaults.initial_threshold),
        stress_full_every: number("DEVVM_GC_STRESS_FULL_EVERY").map_or(defaults.stress_full_every, |n| n as u32),
        ..defaults
    }
}

impl Vm {
    pub fn new(policy: Policy) -> Vm {
        let config = heap_config_from_env(policy.max_heap);
        let fuel = policy.fuel.unwrap_or(u64::MAX);
        let rng_state = policy.seed;
        Vm {
            heap: Heap::new(type_table(), config),
            stack: reserve_value_stack(value_stack_slots(policy.max_depth)),
            sp: 0,
            frames: Vec::with_capacity(INITIAL_FRAMES),
            frame_limit: INITIAL_FRAMES.min(policy.max_depth),
            open_upvalues: Vec::new(),
            handles: Vec::new(),
            policy,
            builtins: Vec::new(),
            builtin_names: Vec::new(),
            methods: vec![HashMap::new(); TypeTag::COUNT],
            modules: HashMap::new(),
            std_modules: HashMap::new(),
            loader: None,
            out: Box::new(std::io::BufWriter::with_capacity(1 << 16, std::io::stdout())),
            fuel,
            stats: VmStats::default(),
            trace: false,
            count_instructions: false,
            native_depth: 0,
            current_native: None,
            rng_state,
            virtual_clock: Cell::new(0),
            current_file: Vec::new(),
            thrown_trace: Vec::new(),
            started: std::time::Instant::now(),
            interned: HashMap::new(),
            shapes: crate::object::shape::Shapes::new(),
            apply_stubs: crate::apply::ApplyStubs::default(),
        }
    }

    /// Replaces the fuel budget (the REPL refills it for each input).
    pub fn set_fuel(&mut self, fuel: Option<u64>) {
        self.policy.fuel = fuel;
        self.fuel = fuel.unwrap_or(u64::MAX);
    }

    // ----- output ---------------------------------------------------------------------

    /// Replaces where `print` writes (the embedding API and tests capture output).
    pub fn set_output(&mut self, out: Box<dyn Write>) {
        self.out = out;
    }

    pub fn write_out(&mut self, text: &str) -> VmResult<()> {
        self.out.write_all(text.as_bytes()).map_err(|e| Exception::new(ErrorKind::IoError, e.to_string()))
    }

    pub fn flush(&mut self) {
        let _ = self.out.flush();
    }

    // ----- allocation (never collects; collection happens at safepoints) ----------------

    pub fn alloc<T: GcObject>(&mut self, obj: T) -> Gc<T> {
        self.heap.alloc(obj)
    }

    pub fn str_value(&mut self, s: &str) -> Value {
        Value::object(self.heap.alloc(Str::new(s)))
    }

    /// The interned string with this content (made if new). Used for constants and
    /// field names; strings built at run time are not interned.
    pub fn intern(&mut self, s: &str) -> Value {
        let hash = crate::object::hash_bytes(s.as_bytes());
        if let Some(bucket) = self.interned.get(&hash) {
            if let Some(found) = bucket.iter().find(|g| g.as_str() == s) {
                return Value::object(*found);
            }
        }
        let g = self.heap.alloc(Str::new(s));
        self.interned.entry(hash).or_default().push(g);
        Value::object(g)
    }

    pub fn string_value(&mut self, s: String) -> Value {
        Value::object(self.heap.alloc(Str::new(s)))
    }

    pub fn list_value(&mut self, items: Vec<Value>) -> Value {
        Value::object(self.heap.alloc(List::new(items)))
    }

    pub fn map_value(&mut self) -> Value {
        Value::object(self.heap.alloc(Map::new()))
    }

    /// An int value, boxed when it does not fit inline.
    #[inline]
    pub fn int(&mut self, i: i64) -> Value {
        if Value::fits_small(i) {
            Value::small_int(i)
        } else {
            Value::object(self.heap.alloc(BigInt { value: i }))
        }
    }

    /// Checks that an allocation of `bytes` about to be made by native code (a string
    /// repeat, a huge list) is within the heap cap, so the host never aborts on a failed
    /// allocation.
    pub fn check_alloc_size(&self, bytes: usize) -> VmResult<()> {
        let cap = self.policy.max_heap.unwrap_or(1 << 32);
        if bytes > cap || self.heap.bytes_in_use().saturating_add(bytes) > cap.saturating_mul(2) {
            return Err(Exception::new(ErrorKind::OutOfMemory, format!("cannot allocate {bytes} bytes")));
        }
        Ok(())
    }

    /// Stores a value into a list element, with the write barrier.
    pub fn list_set(&mut self, list: Gc<List>, i: usize, v: Value) -> bool {
        if let Some(h) = v.as_header() {
            self.heap.write_barrier(list.header_ptr(), h);
        }
        list.set(i, v)
    }

    /// Appends to a list, with the write barrier and heap accounting.
    pub fn list_push(&mut self, list: Gc<List>, v: Value) {
        if let Some(h) = v.as_header() {
            self.heap.write_barrier(list.header_ptr(), h);
        }
        let grown = list.push(v);
        self.heap.account_for(list.header_ptr(), grown);
    }

    /// Inserts into a map, with the write barrier and heap accounting.
    pub fn map_insert(&mut self, map: Gc<Map>, key: Value, v: Value) -> VmResult<()> {
        for x in [key, v] {
            if let Some(h) = x.as_header() {
                self.heap.write_barrier(map.header_ptr(), h);
            }
        }
        match map.insert(key, v) {
            Ok(grown) => {
                self.heap.account_for(map.header_ptr(), grown);
                Ok(())
            }
            Err(e) => Err(crate::ops_slow::key_error(e)),
        }
    }

    /// Stores a module variable, with the write barrier.
    pub fn module_set(&mut self, module: Gc<Module>, slot: usize, v: Value) {
        if let Some(h) = v.as_header() {
            self.heap.write_barrier(module.header_ptr(), h);
        }
        module.set(slot, v)
    }

    // ----- the handle scope -------------------------------------------------------------

    /// Opens a handle scope; values rooted with [`Vm::root`] stay alive until
    /// [`Vm::close_scope`] with the returned mark.
    pub fn open_scope(&self) -> usize {
        self.handles.len()
    }

    /// Roots a value until the enclosing scope closes. The value is reached again with
    /// [`Vm::handle`]: objects move when the collector runs, so after anything that may
    /// collect (a call into guest code) the value held before is stale, and only the
    /// handle knows where the object is now. (This is why `root` returns a handle and
    /// not the value.)
    pub fn root(&mut self, v: Value) -> Handle {
        self.handles.push(v);
        Handle(self.handles.len() as u32 - 1)
    }

    /// Roots an object for a native that calls guest code (see [`Rooted`]).
    pub fn root_object<T: GcObject>(&mut self, obj: Gc<T>) -> Rooted<T> {
        let handle = self.root(Value::object(obj));
        Rooted { handle, cached: obj, epoch: self.heap.epoch() }
    }

    /// The current value of a handle.
    #[inline]
    pub fn handle(&self, h: Handle) -> Value {
        self.handles.get(h.0 as usize).copied().unwrap_or(Value::NIL)
    }

    /// Replaces the value a handle holds.
    pub fn set_handle(&mut self, h: Handle, v: Value) {
        if let Some(slot) = self.handles.get_mut(h.0 as usize) {
            *slot = v;
        }
    }

    /// The value in handle `i` (as the collector left it; read a rooted value back after
    /// anything that may collect, since a moving collector updates handles, not copies).
    pub fn rooted(&self, i: usize) -> Value {
        self.handles.get(i).copied().unwrap_or(Value::NIL)
    }

    pub fn close_scope(&mut self, mark: usize) {
        self.handles.truncate(mark);
    }

    // ----- collection -------------------------------------------------------------------

    /// A safepoint: collects if the heap asks for it (a minor or a full collection, as
    /// the heap's policy picks), and raises `OutOfMemory` when the heap is over its cap
    /// even after a full collection. May collect: objects move, so callers re-read every
    /// pointer from its root afterwards.
    pub(crate) fn safepoint_collect(&mut self) -> VmResult<()> {
        if self.heap.should_collect() {
            let kind = self.heap.pick_collection();
            self.collect_with(kind);
            if self.heap.over_limit() {
                if kind == CollectionKind::Minor {
                    self.collect_with(CollectionKind::Major);
                }
                if self.heap.over_limit() {
                    return Err(Exception::new(
                        ErrorKind::OutOfMemory,
                        format!("heap limit of {} bytes exceeded", self.policy.max_heap.unwrap_or(0)),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The heap statistics as `--gc-stats` and the REPL's `:gc` print them.
    pub fn gc_report(&self) -> String {
        self.heap.stats().report(self.heap.bytes_in_use(), self.heap.object_count())
    }

    /// A full collection (the REPL's `:gc collect`, tests). Objects move.
    pub fn collect_garbage(&mut self) {
        self.collect_with(CollectionKind::Major);
    }

    /// A minor collection (tests). Objects move.
    pub fn collect_minor(&mut self) {
        self.collect_with(CollectionKind::Minor);
    }

    /// Runs one collection with every root. This is the list of roots: anything else that
    /// holds a heap pointer across a safepoint is a bug (it would not be updated when
    /// the object moves, nor keep it alive).
    fn collect_with(&mut self, kind: CollectionKind) {
        let Vm {
            heap,
            stack,
            sp,
            frames,
            open_upvalues,
            handles,
            builtins,
            methods,
            modules,
            interned,
            apply_stubs,
            ..
        } = self;
        let live_stack = &mut stack[..*sp];
        heap.collect(
            kind,
            &mut |t: &mut Tracer| {
                for v in live_stack.iter_mut() {
                    trace_value(t, v);
                }
                for f in frames.iter_mut() {
                    t.visit(&mut f.closure);
                }
                for u in open_upvalues.iter_mut() {
                    t.visit(u);
                }
                for v in handles.iter_mut().chain(builtins.iter_mut()) {
                    trace_value(t, v);
                }
                for table in methods.iter_mut() {
                    for v in table.values_mut() {
                        trace_value(t, v);
                    }
                }
                for v in modules.values_mut() {
                    trace_value(t, v);
                }
                apply_stubs.trace(t);
            },
            // The intern table is weak: entries die with their strings and follow them
            // when they move (it is keyed by content hash, so nothing else changes).
            &mut |where_now| {
                interned.retain(|_, bucket| {
                    bucket.retain_mut(|g| match where_now(g.header_ptr()) {
                        Some(h) => {
                            // SAFETY: the collector returns the same string object.
                            *g = unsafe { Gc::from_header(h) };
                            true
                        }
                        None => false,
                    });
                    !bucket.is_empty()
                });
            },
        );
    }

    // ----- registries -------------------------------------------------------------------

    pub fn native(&mut self, name: &str, arity: Arity, function: NativeFn) -> Value {
        Value::object(self.heap.alloc(Native {
            name: name.to_string(),
            arity,
            function,
            data: Value::NIL,
            is_method: false,
        }))
    }

    pub fn native_with_data(&mut self, name: &str, arity: Arity, function: NativeFn, data: Value) -> Value {
        Value::object(self.heap.alloc(Native { name: name.to_string(), arity, function, data, is_method: false }))
    }

    /// Registers a global built-in function (`print`, `len` …).
    pub fn register_builtin(&mut self, name: &str, arity: Arity, function: NativeFn) {
        let v = self.native(name, arity, function);
        if let Some(i) = self.builtin_names.iter().position(|n| n == name) {
            self.builtins[i] = v;
        } else {
            self.builtins.push(v);
            self.builtin_names.push(name.to_string());
        }
    }

    /// Registers a global value visible to every module like a built-in (`args`).
    pub fn register_global(&mut self, name: &str, value: Value) {
        if let Some(i) = self.builtin_names.iter().position(|n| n == name) {
            self.builtins[i] = value;
        } else {
            self.builtins.push(value);
            self.builtin_names.push(name.to_string());
        }
    }

    /// The names of the built-ins, by index (the compiler resolves `GET_BUILTIN` with it).
    pub fn builtin_names(&self) -> &[String] {
        &self.builtin_names
    }

    /// A built-in function by name (tests, embedders).
    pub fn builtin_by_name(&self, name: &str) -> Option<Value> {
        self.builtin_names.iter().position(|n| n == name).map(|i| self.builtins[i])
    }

    /// A method of a built-in type by name (tests, embedders).
    pub fn method_by_name(&self, ty: TypeTag, name: &str) -> Option<Value> {
        self.method(ty, name)
    }

    pub(crate) fn builtin(&self, i: usize) -> Value {
        self.builtins.get(i).copied().unwrap_or(Value::NIL)
    }

    /// Registers a method of a built-in type (`list.push`); the receiver is argument 0,
    /// so `arity` counts it.
    pub fn register_method(&mut self, ty: TypeTag, name: &str, arity: Arity, function: NativeFn) {
        let v = Value::object(self.heap.alloc(Native {
            name: name.to_string(),
            arity,
            function,
            data: Value::NIL,
            is_method: true,
        }));
        self.methods[ty as usize].insert(name.to_string(), v);
    }

    pub(crate) fn method(&self, ty: TypeTag, name: &str) -> Option<Value> {
        self.methods[ty as usize].get(name).copied()
    }

    /// The method names of a type (REPL completion, error hints).
    pub fn method_names(&self, ty: TypeTag) -> Vec<String> {
        let mut v: Vec<String> = self.methods[ty as usize].keys().cloned().collect();
        v.sort();
        v
    }

    pub fn register_std_module(&mut self, name: &str, init: StdModuleInit) {
        self.std_modules.insert(name.to_string(), init);
    }

    pub fn std_module_names(&self) -> Vec<String> {
        let mut v: Vec<String> = self.std_modules.keys().cloned().collect();
        v.sort();
        v
    }

    pub fn set_loader(&mut self, loader: Rc<dyn ModuleLoader>) {
        self.loader = Some(loader);
    }

    /// The data value of the native function currently running.
    pub fn native_data(&self) -> Value {
        self.current_native.map_or(Value::NIL, |n| n.data)
    }

    /// Argument `i` of a native call.
    #[inline]
    pub fn arg(&self, args: NativeArgs, i: usize) -> Value {
        if i < args.len {
            self.stack[args.base + i]
        } else {
            Value::NIL
        }
    }

    /// Makes a module object with the given variables (stdlib modules).
    pub fn new_module(&mut self, name: &str, exports: &[(&str, Value)]) -> Value {
        let m = self.heap.alloc(Module::new(name));
        for (k, v) in exports {
            let slot = m.declare(k) as usize;
            self.module_set(m, slot, *v);
        }
        m.state.set(ModuleState::Ready);
        Value::object(m)
    }

    // ----- imports ----------------------------------------------------------------------

    /// Imports a module (loading and running it on first use). May re-enter the
    /// interpreter.
    pub(crate) fn import_reentrant(&mut self, path: &str, std: bool) -> VmResult<Value> {
        if std {
            let key = format!("std:{path}");
            if let Some(&m) = self.modules.get(&key) {
                return Ok(m);
            }
            let Some(&init) = self.std_modules.get(path) else {
                return Err(Exception::new(
                    ErrorKind::ImportError,
                    format!("there is no standard module named '{path}'"),
                ));
            };
            let m = init(self)?;
            self.modules.insert(key, m);
            return Ok(m);
        }
        let Some(loader) = self.loader.clone() else {
            return Err(Exception::new(ErrorKind::ImportError, "this VM has no module loader installed"));
        };
        let importer = self.current_file.last().cloned().unwrap_or_default();
        let key = loader.resolve(path, &importer)?;
        if let Some(&m) = self.modules.get(&key) {
            if let Some(module) = m.downcast::<Module>() {
                if module.state.get() == ModuleState::Loading {
                    return Err(Exception::new(ErrorKind::ImportError, format!("circular import of '{path}'")));
                }
            }
            return Ok(m);
        }
        loader.load(self, &key)
    }

    /// Records a module under its canonical key before its top level runs (so a cycle
    /// is detected) — called by loaders.
    pub fn register_module(&mut self, key: &str, module: Value) {
        self.modules.insert(key.to_string(), module);
    }

    pub fn module_by_key(&self, key: &str) -> Option<Value> {
        self.modules.get(key).copied()
    }

    // ----- loading ----------------------------------------------------------------------

    /// Turns compiled code into heap prototypes attached to `module` (declaring the
    /// module's variables), and returns the closure of its top-level code.
    pub fn load(&mut self, compiled: &CompiledModule, module: Gc<Module>) -> VmResult<Gc<Closure>> {
        for (i, name) in compiled.var_names.iter().enumerate() {
            let slot = module.declare(name);
            if slot as usize != i {
                return Err(Exception::new(
                    ErrorKind::VerifyError,
                    format!("module variable '{name}' has slot {slot}, code expects {i}"),
                ));
            }
        }
        let mut protos: Vec<Option<Gc<Proto>>> = vec![None; compiled.functions.len()];
        let main = self.make_proto(compiled, compiled.main as usize, module, &mut protos, 0)?;
        Ok(self.heap.alloc(Closure { proto: main, upvalues: Box::new([]) }))
    }

    fn make_proto(
        &mut self,
        compiled: &CompiledModule,
        index: usize,
        module: Gc<Module>,
        protos: &mut Vec<Option<Gc<Proto>>>,
        depth: usize,
    ) -> VmResult<Gc<Proto>> {
        if let Some(Some(p)) = protos.get(index) {
            return Ok(*p);
        }
        let Some(code) = compiled.functions.get(index) else {
            return Err(Exception::new(ErrorKind::VerifyError, format!("function #{index} does not exist")));
        };
        if depth > 10_000 {
            return Err(Exception::new(ErrorKind::VerifyError, "functions nest too deeply"));
        }
        let mut constants = Vec::with_capacity(code.constants.len());
        for c in &code.constants {
            let v = match c {
                Constant::Int(i) => self.int(*i),
                Constant::Float(f) => Value::float(*f),
                Constant::Str(s) => self.intern(s),
                Constant::Function(j) => {
                    let p = self.make_proto(compiled, *j as usize, module, protos, depth + 1)?;
                    Value::object(p)
                }
            };
            constants.push(v);
        }
        let ics = (0..code.num_ics).map(|_| Cell::new(InlineCache::EMPTY)).collect();
        let proto = self.heap.alloc(Proto {
            code: code.clone(),
            constants: constants.into_boxed_slice(),
            module,
            calls: Cell::new(0),
            backedges: Cell::new(0),
            ics,
            quick_field_ic: crate::object::quick_field_ic(code),
        });
        protos[index] = Some(proto);
        Ok(proto)
    }

    /// Runs a module's top-level closure to completion. May collect.
    pub fn run_main(&mut self, main: Gc<Closure>, file: &str) -> Result<Value, RuntimeError> {
        self.current_file.push(file.to_string());
        let result = self.call_value(Value::object(main), &[]);
        self.current_file.pop();
        result.map_err(|e| self.runtime_error(e))
    }

    /// Runs a module's top level from inside the VM (an import). May re-enter.
    pub fn run_module_reentrant(&mut self, main: Gc<Closure>, file: &str) -> VmResult<Value> {
        self.current_file.push(file.to_string());
        let result = self.call_value(Value::object(main), &[]);
        self.current_file.pop();
        result
    }

    // ----- calls from native code and embedders -------------------------------------------

    /// Calls a function value with arguments. Re-enters the interpreter; may collect and
    /// throw. `args` are copied onto the VM stack first, so they are rooted. A collection
    /// moves objects: every `Gc` or object `Value` the caller holds in a Rust local is
    /// stale afterwards and must be read again from a handle ([`Vm::root`]) or from the
    /// caller's argument slots.
    pub fn call_value(&mut self, f: Value, args: &[Value]) -> VmResult<Value> {
        if self.native_depth >= NATIVE_REENTRY_LIMIT {
            return Err(Exception::new(ErrorKind::StackOverflow, "too many nested calls through native functions"));
        }
        let base = self.sp;
        self.ensure_stack(base + args.len() + 1)?;
        self.stack[base] = f;
        self.stack[base + 1..base + 1 + args.len()].copy_from_slice(args);
        self.sp = base + 1 + args.len();
        self.native_depth += 1;
        let result = self.call_at(base, args.len());
        self.native_depth -= 1;
        result
    }

    /// The index in the value stack of a frame's first slot.
    pub(crate) fn base_of(&self, f: &Frame) -> usize {
        (f.bp as usize - self.stack.as_ptr() as usize) / std::mem::size_of::<Value>()
    }

    /// Checks that `needed` stack slots exist (the fast check is inlined into calls). The
    /// value stack never grows (see [`reserve_value_stack`]): past its end is `StackOverflow`.
    #[inline(always)]
    pub(crate) fn ensure_stack(&mut self, needed: usize) -> VmResult<()> {
        if needed > self.stack.len() {
            return Err(value_stack_exhausted());
        }
        Ok(())
    }

    // ----- errors -----------------------------------------------------------------------

    /// Makes an error value for a VM error kind.
    pub fn error_value(&mut self, kind: ErrorKind, message: &str) -> Value {
        let kind_s = self.heap.alloc(Str::new(kind.name()));
        let code = self.heap.alloc(Str::new(kind.code()));
        let message = self.heap.alloc(Str::new(message));
        Value::object(self.heap.alloc(ErrorObj {
            kind: kind_s,
            code,
            message,
            builtin: Some(kind),
            trace: Cell::new(Value::NIL),
            payload: Cell::new(Value::NIL),
        }))
    }

    /// Makes an error value with a user kind (`error("MyError", "...")`); a built-in kind
    /// name gets that kind's code.
    pub fn user_error_value(&mut self, kind: &str, message: &str) -> Value {
        match ErrorKind::from_name(kind) {
            Some(k) => self.error_value(k, message),
            None => {
                let kind_s = self.heap.alloc(Str::new(kind));
                let code = self.heap.alloc(Str::new(ErrorKind::UserError.code()));
                let message = self.heap.alloc(Str::new(message));
                Value::object(self.heap.alloc(ErrorObj {
                    kind: kind_s,
                    code,
                    message,
                    builtin: None,
                    trace: Cell::new(Value::NIL),
                    payload: Cell::new(Value::NIL),
                }))
            }
        }
    }

    /// An error value (as [`Vm::user_error_value`]) carrying `payload`: the arguments of a
    /// typed language's exception constructor.
    pub fn error_with_payload(&mut self, kind: &str, message: &str, payload: Value) -> Value {
        let v = self.user_error_value(kind, message);
        if let Some(err) = v.downcast::<ErrorObj>() {
            if let Some(h) = payload.as_header() {
                self.heap.write_barrier(err.header_ptr(), h);
            }
            err.payload.set(payload);
        }
        v
    }

    /// The current call stack as trace frames, innermost first. `top_pc` is the pc of the
    /// innermost frame (its saved pc may be stale).
    pub(crate) fn trace_frames(&self, top_pc: Option<usize>) -> Vec<TraceFrame> {
        let mut out = Vec::new();
        for (i, f) in self.frames.iter().enumerate().rev() {
            let pc = if i == self.frames.len() - 1 { top_pc.unwrap_or(f.pc()) } else { f.pc() };
            let proto = f.closure.proto;
            // The stubs of partial and over-application are the runtime's, not the program's.
            if proto.module.name == crate::apply::STUB_MODULE {
                continue;
            }
            out.push(TraceFrame {
                function: proto.code.name.clone(),
                file: proto.module.name.clone(),
                line: proto.code.line_at(pc.saturating_sub(1)),
            });
        }
        out
    }

    /// Converts an exception that left the VM into the embedder's error.
    pub fn runtime_error(&mut self, e: Exception) -> RuntimeError {
        match e {
            Exception::Error(kind, message) => RuntimeError {
                kind: Some(kind),
                kind_name: kind.name().to_string(),
                code: kind.code().to_string(),
                message,
                trace: Vec::new(),
            },
            Exception::Thrown(v) => {
                if let Some(r) = self.error_instance_runtime_error(v) {
                    return r;
                }
                if let Some(err) = v.downcast::<ErrorObj>() {
                    let trace = crate::throw::trace_from_value(err.trace.get());
                    RuntimeError {
                        kind: err.builtin,
                        kind_name: err.kind.as_str().to_string(),
                        code: err.code.as_str().to_string(),
                        message: err.message.as_str().to_string(),
                        trace,
                    }
                } else {
                    let trace = crate::throw::thrown_trace(self, v);
                    RuntimeError {
                        kind: None,
                        kind_name: "UncaughtValue".to_string(),
                        code: ErrorKind::UserError.code().to_string(),
                        message: format!("uncaught thrown value {}", crate::format::repr(v)),
                        trace,
                    }
                }
            }
        }
    }

    /// The current call depth (guest frames).
    pub fn depth(&self) -> usize {
        self.frames.len()
    }
}
