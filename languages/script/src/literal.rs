//! Literal values: number texts to numbers and string escapes to characters.
//!
//! The lexer's regular expressions decide where a literal ends; these functions decide
//! whether the text is well formed and what it means, and say in words what is wrong when
//! it is not.

/// The value of an integer literal.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum IntLit {
    Value(i64),
    /// Exactly 2^63: only valid as the operand of unary minus.
    MinMagnitude,
}

/// Underscores group digits: each one must sit between two digits (`1_000`), or right
/// after a base prefix (`0x_ff`, as in Python).
fn check_underscores(digits: &str, after_prefix: bool) -> Result<(), String> {
    let bytes = digits.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b != b'_' {
            continue;
        }
        let before_ok = if i == 0 { after_prefix } else { bytes[i - 1] != b'_' };
        let after_ok = i + 1 < bytes.len() && bytes[i + 1] != b'_';
        if !before_ok || !after_ok {
            return Err("a '_' in a number must sit between two digits".to_string());
        }
    }
    Ok(())
}

/// Parses `42`, `1_000_000`, `0xff`, `0b1010`. Values above `i64::MAX` are errors, except
/// 2^63 itself (see [`IntLit::MinMagnitude`]).
pub fn parse_int(text: &str) -> Result<IntLit, String> {
    let (radix, digits, base_name) = match text.get(..2) {
        Some("0x" | "0X") => (16, &text[2..], "hexadecimal"),
        Some("0b" | "0B") => (2, &text[2..], "binary"),
        _ => (10, text, "decimal"),
    };
    if radix != 10 && digits.trim_matches('_').is_empty() {
        return Err(format!("'{text}' has no digits after its {base_name} prefix"));
    }
    if let Some(bad) = digits.chars().find(|c| *c != '_' && !c.is_digit(radix)) {
        return Err(format!("'{bad}' is not a {base_name} digit in '{text}'"));
    }
    check_underscores(digits, radix != 10)?;
    let mut value: u128 = 0;
    for c in digits.chars().filter(|c| *c != '_') {
        // Checked only against a bound far below u128::MAX, so this cannot overflow.
        value = value * radix as u128 + c.to_digit(radix).unwrap_or(0) as u128;
        if value > 1u128 << 63 {
            return Err(format!("the integer literal '{text}' does not fit in a 64-bit int"));
        }
    }
    if value == 1u128 << 63 {
        Ok(IntLit::MinMagnitude)
    } else {
        Ok(IntLit::Value(value as i64))
    }
}

/// Parses `1.5`, `2e10`, `6.02e-23`, `1_000.5`. Too-large floats become infinity, as in
/// Python and Lua.
pub fn parse_float(text: &str) -> Result<f64, String> {
    let mantissa_end = text.find(['e', 'E']).unwrap_or(text.len());
    let (mantissa, exponent) = text.split_at(mantissa_end);
    for part in mantissa.split('.') {
        check_underscores(part, false)?;
    }
    if let Some(exp) = exponent.get(1..) {
        check_underscores(exp.trim_start_matches(['+', '-']), false)?;
    }
    let clean: String = text.chars().filter(|c| *c != '_').collect();
    clean.parse::<f64>().map_err(|_| format!("'{text}' is not a valid number"))
}

/// Decodes the escape that follows a backslash. `rest` starts right after the `\`.
/// Returns the character and how many bytes of `rest` it used; on error, the message and
/// how many bytes of `rest` belong to the bad escape (for the underline).
pub fn decode_escape(rest: &str) -> Result<(char, usize), (String, usize)> {
    let Some(c) = rest.chars().next() else {
        return Err(("a '\\' at the end of the file starts no escape".to_string(), 0));
    };
    let simple = match c {
        'n' => Some('\n'),
        't' => Some('\t'),
        'r' => Some('\r'),
        '0' => Some('\0'),
        '\\' => Some('\\'),
        '"' => Some('"'),
        '$' => Some('$'),
        _ => None,
    };
    if let Some(ch) = simple {
        return Ok((ch, 1));
    }
    if c != 'u' {
        let shown = if c == '\n' { "\\ followed by a newline".to_string() } else { format!("\\{c}") };
        return Err((
            format!("unknown escape '{shown}' (the escapes are \\n \\t \\r \\0 \\\\ \\\" \\$ \\u{{...}})"),
            c.len_utf8(),
        ));
    }
    let Some(body) = rest[1..].strip_prefix('{') else {
        return Err(("a '\\u' escape needs braces, like \\u{1F600}".to_string(), 1));
    };
    let digits = body.bytes().take_while(|b| b.is_ascii_hexdigit()).count();
    let hex = &body[..digits];
    if !body[digits..].starts_with('}') {
        return Err(("a '\\u{' escape must be hexadecimal digits and a closing '}'".to_string(), 2 + digits));
    }
    let used = 2 + digits + 1;
    if hex.is_empty() || hex.len() > 6 {
        return Err((format!("'\\u{{{hex}}}' needs 1 to 6 hexadecimal digits"), used));
    }
    let code = u32::from_str_radix(hex, 16).unwrap_or(u32::MAX);
    match char::from_u32(code) {
        Some(ch) => Ok((ch, used)),
        None => Err((format!("'\\u{{{hex}}}' is not a Unicode scalar value"), used)),
    }
}
