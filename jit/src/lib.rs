//! devvm-jit — the tiered JIT (plan; no code yet).
//!
//! ```text
//!   bytecode + type feedback ──► tier 1: baseline (one bytecode at a time, inline fast
//!                                paths, values stay in VM stack slots, side exits)
//!                            ──► tier 2: SSA + speculation guards, inlining, LICM,
//!                                linear-scan registers, deopt metadata at every guard
//!   both tiers ──► LIR (shared) ──► x86_64 | aarch64 emitters (dynasmrt), W^X code pages
//! ```
//!
//! The interpreter (tier 0, in `devvm-vm`) already counts calls and loop back-edges per
//! function prototype and reserves inline-cache and type-feedback slots in the bytecode.
//! The VM exposes a tier-up hook (a trait object the binary installs); this crate will
//! implement it. Until then `--jit baseline|full` are accepted and run the interpreter.
//!
//! Planned invariants: every speculation is a named guard with a counted side exit;
//! "cannot compile" is `Err(Unsupported)`, never a panic; compiled frames keep their live
//! values in the VM stack at safepoints so the collector's roots stay exact.
