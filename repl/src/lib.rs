//! devvm-repl — the interactive read-eval-print loop (`devvm repl`).
//!
//! ```text
//!   terminal (rustyline: history, completion)  or  piped stdin (plain lines)
//!        │ LineSource::read_line("dvs> " / "... ")      ◄── Words (completion snapshot)
//!        ▼                                                        ▲
//!   drive: gather lines while Frontend::is_complete is false      │ refreshed after
//!        ▼                                                        │ every input
//!   Session::eval ── ":cmd" ──► commands.rs (:help :load :dis :gc :lang :type :jit :quit)
//!        │
//!        └─ source ──► compile_source (existing_vars = the session module's variables,
//!                      return_last_expression) ──► Vm::load into the ONE session module
//!                      ──► Vm::run_main ──► Outcome { status, stdout "=> 42", stderr }
//! ```
//!
//! * `session.rs` is the core and needs no terminal: tests drive it directly.
//! * `commands.rs` holds the `:commands`, `complete.rs` tab completion and the rustyline
//!   helper, `terminal.rs` the line sources, the history file and the loop.
//!
//! Invariants:
//! * One persistent module (`<repl>`, registered with the VM so the collector keeps it),
//!   and every input is compiled with `existing_vars` equal to exactly that module's
//!   variable names in slot order, so slots never disagree between inputs.
//! * Nothing the user types ends the session except `:quit` and end of input: compile
//!   errors, runtime errors and bad commands become an [`Outcome`] and the loop goes on.
//!   After an uncaught error the VM has already unwound its frames and stack to where the
//!   input started; the session also closes any handle scope a failing native left open.
//! * A `nil` result prints nothing (as Python prints nothing for `None`): statements such
//!   as `print(x)` would otherwise echo `=> nil` after every call.
//!
//! The crate uses no `unsafe`.

mod commands;
mod complete;
mod session;
mod terminal;

pub use complete::{complete, Words};
pub use session::{Outcome, Session, Status};
pub use terminal::{drive, history_path, LineSource, PlainLines, ReadResult};

use devvm_compiler::Registry;
use devvm_vm::Vm;
use std::sync::Arc;

/// Exit code when the requested language is not installed (the CLI's usage error).
pub const EXIT_USAGE: i32 = 64;
/// Exit code when reading the input failed.
pub const EXIT_IO: i32 = 74;

/// Runs the REPL on the process's terminal (or on piped stdin) until `:quit` or end of
/// input. Returns the process exit code: 0 on `:quit` / Ctrl-D.
pub fn run(vm: Vm, registry: Arc<Registry>, lang: Option<&str>) -> i32 {
    let mut session = match Session::new(vm, registry, lang) {
        Ok(s) => s,
        Err(message) => {
            eprintln!("devvm: {message}");
            return EXIT_USAGE;
        }
    };
    terminal::run_on_stdio(&mut session)
}
