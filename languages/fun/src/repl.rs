//! REPL support: when an input is complete, and how values print (OCaml's toplevel
//! conventions: `- : int = 42`, `val f : int -> int = <fun>`).

/// An input is complete when it ends with `;;` (as in OCaml's toplevel), or when its
/// brackets are balanced and it does not end in the middle of a construct.
pub fn is_complete(text: &str) -> bool {
    let t = text.trim_end();
    if t.is_empty() || t.ends_with(";;") {
        return true;
    }
    let mut depth: i64 = 0;
    let mut in_string = false;
    let mut prev = ' ';
    let mut comment = 0;
    let chars: Vec<char> = t.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if in_string {
            if c == '"' && prev != '\\' {
                in_string = false;
            }
        } else if c == '(' && chars.get(i + 1) == Some(&'*') {
            comment += 1;
            i += 1;
        } else if c == '*' && chars.get(i + 1) == Some(&')') && comment > 0 {
            comment -= 1;
            i += 1;
        } else if comment == 0 {
            match c {
                '"' => in_string = true,
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                _ => {}
            }
        }
        prev = c;
        i += 1;
    }
    if in_string || comment > 0 || depth > 0 {
        return false;
    }
    let last_word = t.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    let open_words = ["in", "then", "else", "do", "with", "->", "=", "|", "of", "and", "let", "fun", "function", "begin", "match", "try", "if"];
    let ends_with_op = t.ends_with(['+', '-', '*', '/', '^', '@', ',', ';', '<', '>', '&']) || t.ends_with("::");
    !(open_words.contains(&last_word) || ends_with_op)
}
