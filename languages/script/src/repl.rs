//! The REPL's question: is this input finished, or should the next line continue it?

use crate::lexer;
use crate::parser;
use devvm_compiler::SourceFile;

/// `false` while the text is unfinished: a string or interpolation is open, a bracket,
/// brace or parenthesis is open, or it ends where more must follow (after a binary
/// operator, a comma, `=`, `if cond` ...). The test is the parser itself: the input is
/// unfinished when parsing fails *at the end of the text* (and nowhere else), so every
/// construct that may continue on the next line is covered without a separate list.
pub fn is_complete(text: &str) -> bool {
    let file = SourceFile::new("<repl>", text);
    let lexed = lexer::lex(&file);
    if lexed.unterminated {
        return false;
    }
    let parsed = parser::parse(&file, lexed.tokens);
    let unfinished = lexed.errors.is_empty() && parsed.eof_errors > 0 && parsed.eof_errors == parsed.errors.len();
    !unfinished
}
