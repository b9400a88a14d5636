//! devvm-stdlib — the standard library: built-in functions, the methods of lists,
//! strings and maps, and the standard modules (`math string list io random time`).
//!
//! ```text
//!   install(vm) ─┬─ builtins.rs        print str repr int float type len assert same
//!                │                     error range clock input   (Vm::register_builtin)
//!                ├─ list_methods.rs    ┐
//!                ├─ string_methods.rs  ├ methods by receiver type (Vm::register_method;
//!                ├─ map_methods.rs     ┘ the receiver is argument 0 and counts in Arity)
//!                └─ std modules        math, string, list, io, random, time
//!                                      (Vm::register_std_module: built on first import)
//! ```
//!
//! Every native is `fn(&mut Vm, NativeArgs) -> VmResult<Value>` and reads its arguments
//! through [`args`]'s helpers, which turn a wrong type into a TypeError naming the
//! function and the position (`expected an int for argument 1 of slice, got string`).
//!
//! Invariants:
//! * **Rooting.** Allocation never collects, so a native may hold bare values while it
//!   only allocates. `Vm::call_value` runs guest code, which can collect and *move*
//!   objects: anything made here and still needed after such a call is rooted first
//!   (`Vm::root` returns a `Handle`), inside a handle scope that is closed on every path
//!   ([`args::scoped`]), and read again through the handle after the call; arguments
//!   are read again from their (rooted) stack slots with `Call::get`. No `Gc` or object
//!   `Value` held in a Rust local survives a call. Natives that call back (`map`,
//!   `filter`, `reduce`, `sort_by`) iterate over a private, rooted copy of the list, so
//!   a callback that mutates the list cannot disturb them.
//! * **Stores.** Values go into heap objects only through `Vm::list_push`, `Vm::list_set`
//!   and `Vm::map_insert` (write barrier and heap accounting).
//! * **No panics on user input.** Positions count characters, never bytes; sizes that
//!   come from the program (`repeat`, stepped ranges, `join`) are checked with
//!   `Vm::check_alloc_size` before anything is built; sorting compares with a total order.
//! * **Policy.** It is enforced in the native that performs the effect: `io` checks
//!   `Policy::may_read`/`may_write` before touching the file system, `time` refuses
//!   under `Policy::deterministic`, and `clock()` is then a virtual clock (`Vm::virtual_clock`).
//!   `random` is seeded from `Policy::seed` through `Vm::rng_state`.
//!
//! Unsafe: none.

#[macro_use]
mod args;
mod builtins;
mod convert;
mod io;
mod list_methods;
mod list_mod;
mod map_methods;
mod math;
mod oo;
mod random;
mod sorting;
mod string_methods;
mod string_mod;
mod time;

#[cfg(test)]
mod testutil;

use devvm_vm::{StdModuleInit, Vm};

pub use builtins::VIRTUAL_TICK_SECONDS;

/// The standard modules by import name.
const STD_MODULES: [(&str, StdModuleInit); 6] = [
    ("math", math::init),
    ("string", string_mod::init),
    ("list", list_mod::init),
    ("io", io::init),
    ("random", random::init),
    ("time", time::init),
];

/// Registers every built-in function, every method of lists, strings and maps, and every
/// standard module with the VM. Call it once, before compiling code for this VM (the
/// compiler resolves built-ins by name through `Vm::builtin_names`).
pub fn install(vm: &mut Vm) {
    builtins::install(vm);
    list_methods::install(vm);
    string_methods::install(vm);
    map_methods::install(vm);
    oo::install(vm);
    for (name, init) in STD_MODULES {
        vm.register_std_module(name, init);
    }
}

/// The init function of a standard module (tests and embedders).
pub fn std_module_init(name: &str) -> Option<StdModuleInit> {
    STD_MODULES.iter().find(|(n, _)| *n == name).map(|&(_, init)| init)
}

#[cfg(test)]
mod tests {
    use super::*;
    use devvm_vm::{Policy, TypeTag};

    #[test]
    fn install_registers_everything() {
        let mut vm = Vm::new(Policy::default());
        install(&mut vm);
        for name in [
            "print", "str", "repr", "int", "float", "type", "len", "assert", "same", "error", "range", "clock", "input",
        ] {
            assert!(vm.builtin_by_name(name).is_some(), "builtin {name}");
        }
        assert_eq!(vm.method_names(TypeTag::List).len(), 17);
        assert_eq!(vm.method_names(TypeTag::String).len(), 17);
        assert_eq!(vm.method_names(TypeTag::Map).len(), 9);
        assert_eq!(vm.std_module_names(), ["io", "list", "math", "random", "string", "time"]);
    }
}
