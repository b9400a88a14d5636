//! The error kinds shared by every layer and language, each with its stable code.
//!
//! The codes are documented in `docs/errors.md` and are never reused: a retired kind keeps
//! its number. Compile-time kinds are `E1xxx`, runtime kinds `E2xxx`, resource limits
//! `E3xxx`, loading `E4xxx`.

macro_rules! error_kinds {
    ($($name:ident = $code:literal, $doc:literal;)*) => {
        /// What went wrong, independent of the language that reports it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ErrorKind {
            $(#[doc = $doc] $name,)*
        }

        impl ErrorKind {
            /// Every kind, in code order (used by the docs test).
            pub const ALL: &'static [ErrorKind] = &[$(ErrorKind::$name,)*];

            /// The stable code, such as `"E2001"`.
            pub fn code(self) -> &'static str {
                match self { $(ErrorKind::$name => $code,)* }
            }

            /// The name users see, such as `"TypeError"`.
            pub fn name(self) -> &'static str {
                match self {
                    $(ErrorKind::$name => error_kinds!(@name $name),)*
                }
            }

            /// One sentence describing the kind (for `docs/errors.md`).
            pub fn description(self) -> &'static str {
                match self { $(ErrorKind::$name => $doc,)* }
            }

            /// Whether a running program can raise this kind (everything but the
            /// compile-time `E1xxx` kinds). Languages that expose errors as classes make
            /// one class per runtime kind.
            pub fn is_runtime(self) -> bool {
                !self.code().starts_with("E1")
            }
            /// The runtime kinds, in code order.
            pub fn runtime() -> impl Iterator<Item = ErrorKind> {
                ErrorKind::ALL.iter().copied().filter(|k| k.is_runtime())
            }
            /// The runtime kind with this user-visible name (`"TypeError"` is the runtime
            /// kind, not the static one that shares its name).
            pub fn from_name(name: &str) -> Option<ErrorKind> {
                ErrorKind::ALL.iter().rev().copied().find(|k| k.name() == name)
            }
        }
    };
    (@name StaticTypeError) => { "TypeError" };
    (@name CompileNameError) => { "NameError" };
    (@name $name:ident) => { stringify!($name) };
}

error_kinds! {
    SyntaxError = "E1001", "The source text does not follow the language's grammar, or a literal is malformed.";
    CompileNameError = "E1002", "A name is used or assigned that no enclosing scope declares (found at compile time).";
    StaticTypeError = "E1003", "A statically typed program is ill-typed (DevFun).";
    TypeError = "E2001", "An operation was applied to a value of the wrong type.";
    NameError = "E2002", "A variable was read before it was given a value, or a field or module export does not exist.";
    ArityError = "E2003", "A function was called with the wrong number of arguments.";
    IndexError = "E2004", "A list or string index is out of range, or a list is empty where an element is needed.";
    KeyError = "E2005", "A map has no entry for the key.";
    ZeroDivisionError = "E2006", "Integer division or modulo by zero.";
    OverflowError = "E2007", "An integer result does not fit in 64 bits.";
    ValueError = "E2008", "An argument has the right type but an unusable value.";
    AssertionError = "E2009", "An assertion failed.";
    ImportError = "E2010", "A module could not be found, compiled or loaded, or imports form a cycle.";
    PermissionDenied = "E2011", "The policy does not allow the operation (file or environment access, the clock under --deterministic).";
    IoError = "E2012", "The operating system reported an error for a permitted I/O operation.";
    UserError = "E2013", "An error value made by the program itself with error(kind, message) and no built-in kind.";
    StackOverflow = "E3001", "The call depth exceeded the policy's maximum.";
    OutOfMemory = "E3002", "The heap exceeded the policy's cap even after a full collection.";
    FuelExhausted = "E3003", "The program executed more instructions than its fuel allowed.";
    VerifyError = "E4001", "A compiled bytecode file is corrupt or ill-formed.";
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// `docs/errors.md`, generated from the kinds (a test keeps the file in sync).
pub fn errors_markdown() -> String {
    let mut out = String::from(
        "# Error kinds and codes\n\nGenerated from `vm/src/error_kind.rs`; `DEVVM_BLESS=1 cargo test --test docs` \
         regenerates it. Codes are stable and never reused: `E1xxx` compile time, `E2xxx` run time, \
         `E3xxx` resource limits, `E4xxx` loading.\n\n\
         A runtime error reaches the program as an error value with fields `kind`, `code`, `message` \
         and `trace`; uncaught, it is printed as `Kind[CODE]: message` followed by one `at function \
         (file:line)` line per frame, and the process exits with code 70. Compile errors exit with 65.\n\n\
         | code | kind | meaning |\n|---|---|---|\n",
    );
    for k in ErrorKind::ALL {
        out.push_str(&format!("| {} | `{}` | {} |\n", k.code(), k.name(), k.description()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique() {
        let mut codes: Vec<_> = ErrorKind::ALL.iter().map(|k| k.code()).collect();
        codes.sort();
        let n = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), n);
    }

    #[test]
    fn names_round_trip() {
        assert_eq!(ErrorKind::from_name("TypeError"), Some(ErrorKind::TypeError));
        assert_eq!(ErrorKind::StaticTypeError.name(), "TypeError");
        assert_eq!(ErrorKind::from_name("KeyError"), Some(ErrorKind::KeyError));
        assert_eq!(ErrorKind::OverflowError.code(), "E2007");
    }
}
