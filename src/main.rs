//! The `devvm` command line: argument parsing and dispatch, nothing else. The commands
//! themselves live in `cli/`.

mod bench;
mod cli;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(name = "devvm", version, about = "A language toolchain platform: DevScript, DevFun and DevObj on one VM")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compile and run a program (the extension picks the language).
    Run {
        file: String,
        /// Arguments passed to the program as `args`.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
        #[command(flatten)]
        opts: RunOptions,
        /// Print a stage instead of running: tokens, ast, core or bc.
        #[arg(long, value_enum)]
        dump: Option<Dump>,
    },
    /// Parse, resolve and check files; print every diagnostic.
    Check {
        #[arg(required = true)]
        files: Vec<String>,
        #[arg(long)]
        lang: Option<String>,
    },
    /// Print the bytecode of every function of a program.
    Disasm {
        file: String,
        #[arg(long)]
        lang: Option<String>,
    },
    /// The interactive loop.
    Repl {
        #[command(flatten)]
        opts: RunOptions,
    },
    /// Run the benchmark suite.
    Bench(bench::BenchArgs),
    /// List the installed languages.
    Languages,
}

/// Flags shared by `run` and `repl` (see spec/platform.md).
#[derive(Args, Clone, Debug)]
pub struct RunOptions {
    /// Language to use instead of the one the extension picks.
    #[arg(long)]
    lang: Option<String>,
    /// JIT tiers to use (the JIT is not built yet: every value runs the interpreter).
    #[arg(long, value_enum, default_value = "full")]
    jit: Jit,
    /// Calls before a function is compiled (accepted for the JIT to come).
    #[arg(long)]
    jit_threshold: Option<u32>,
    /// Instruction budget; running out raises FuelExhausted.
    #[arg(long)]
    fuel: Option<u64>,
    /// Heap cap such as 64M or 1G; exceeding it raises OutOfMemory.
    #[arg(long, value_parser = cli::parse_size)]
    max_heap: Option<usize>,
    /// Maximum call depth; exceeding it raises StackOverflow.
    #[arg(long, default_value_t = devvm_vm::DEFAULT_MAX_DEPTH)]
    max_depth: usize,
    /// Virtual clock, seeded random, no environment.
    #[arg(long)]
    deterministic: bool,
    /// Allow reading files under PATH (repeatable).
    #[arg(long, value_name = "PATH")]
    allow_read: Vec<std::path::PathBuf>,
    /// Allow writing files under PATH (repeatable).
    #[arg(long, value_name = "PATH")]
    allow_write: Vec<std::path::PathBuf>,
    /// Allow reading environment variables.
    #[arg(long)]
    allow_env: bool,
    /// Print collector statistics on exit.
    #[arg(long)]
    gc_stats: bool,
    /// Print one line per garbage collection (kind, pause, bytes) on stderr.
    #[arg(long)]
    gc_trace: bool,
    /// Print execution statistics on exit.
    #[arg(long)]
    stats: bool,
    /// Print every executed instruction with the operand stack.
    #[arg(long)]
    trace: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Jit {
    Off,
    Baseline,
    Full,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Dump {
    Tokens,
    Ast,
    Core,
    Bc,
}

fn main() {
    disable_transparent_huge_pages();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { cli::EXIT_USAGE } else { 0 };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    // Guest calls never recurse on the host stack, but compiling a deeply nested (yet
    // accepted) program and native re-entry do; give them room. The thread is marked so
    // that frontends needing a deep stack (DevFun's asks for 256 MiB) run on it rather than
    // on a thread of their own (`devvm_compiler::stack`). Only what is touched is backed.
    let worker = std::thread::Builder::new().stack_size(WORKER_STACK).spawn(move || {
        devvm_compiler::stack::mark_current_thread(WORKER_STACK);
        run_command(cli)
    });
    let code = match worker.map(|h| h.join()) {
        Ok(Ok(code)) => code,
        _ => {
            eprintln!("devvm: internal error (this is a bug; please report it with the program that caused it)");
            cli::EXIT_SOFTWARE
        }
    };
    std::process::exit(code);
}

/// The stack of the thread that does all the work (see `main`).
const WORKER_STACK: usize = 512 << 20;

fn run_command(cli: Cli) -> i32 {
    match cli.command {
        Command::Run { file, args, opts, dump } => cli::run::run(&file, &args, &opts, dump),
        Command::Check { files, lang } => cli::check::check(&files, lang.as_deref()),
        Command::Disasm { file, lang } => cli::disasm::disasm(&file, lang.as_deref()),
        Command::Repl { opts } => cli::repl(&opts),
        Command::Bench(args) => bench::run(&args),
        Command::Languages => cli::languages(),
    }
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Asks Linux not to back this process's memory with transparent huge pages. On machines
/// where THP is `always`, mimalloc's arenas are otherwise faulted in 2 MiB at a time:
/// `hello.dvs` took 14.5 MB of RSS instead of 4.9 MB, binarytrees 26.7 MB instead of
/// 15 MB (docs/performance.md). Called first thing, before the heap grows; a failure
/// (an old kernel) changes nothing else.
fn disable_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
