//! Printf format strings: parsed once by the type checker (which turns the conversions
//! into the function's argument types) and by the runtime (which formats).

/// One conversion's argument type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    Int,
    Float,
    Str,
    Char,
    Bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Conv {
    pub minus: bool,
    pub zero: bool,
    pub plus: bool,
    pub space: bool,
    pub width: Option<usize>,
    pub precision: Option<usize>,
    /// The conversion letter: `d i s f c b g e x X o u F`.
    pub letter: char,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    Lit(String),
    Conv(Conv),
}

impl Conv {
    pub fn arg_kind(&self) -> ArgKind {
        match self.letter {
            'd' | 'i' | 'x' | 'X' | 'o' | 'u' => ArgKind::Int,
            'f' | 'F' | 'g' | 'G' | 'e' | 'E' => ArgKind::Float,
            's' => ArgKind::Str,
            'c' => ArgKind::Char,
            _ => ArgKind::Bool,
        }
    }
}

/// Parses a format; the error says what is wrong with it.
pub fn parse(fmt: &str) -> Result<Vec<Piece>, String> {
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if c != '%' {
            lit.push(c);
            continue;
        }
        if chars.get(i) == Some(&'%') {
            lit.push('%');
            i += 1;
            continue;
        }
        if chars.get(i) == Some(&'!') {
            i += 1;
            continue;
        }
        let mut conv =
            Conv { minus: false, zero: false, plus: false, space: false, width: None, precision: None, letter: ' ' };
        while let Some(&f) = chars.get(i) {
            match f {
                '-' => conv.minus = true,
                '0' => conv.zero = true,
                '+' => conv.plus = true,
                ' ' => conv.space = true,
                _ => break,
            }
            i += 1;
        }
        let mut digits = String::new();
        while let Some(d) = chars.get(i).filter(|d| d.is_ascii_digit()) {
            digits.push(*d);
            i += 1;
        }
        if !digits.is_empty() {
            conv.width = digits.parse().ok();
        }
        if chars.get(i) == Some(&'.') {
            i += 1;
            let mut digits = String::new();
            while let Some(d) = chars.get(i).filter(|d| d.is_ascii_digit()) {
                digits.push(*d);
                i += 1;
            }
            conv.precision = Some(digits.parse().unwrap_or(0));
        }
        match chars.get(i) {
            Some(&l) if "disfcbgeFxXouGE".contains(l) => {
                conv.letter = l;
                i += 1;
            }
            Some(&l) => return Err(format!("invalid conversion \"%{l}\" in this format string")),
            None => return Err("this format string ends in the middle of a conversion".into()),
        }
        if !lit.is_empty() {
            out.push(Piece::Lit(std::mem::take(&mut lit)));
        }
        out.push(Piece::Conv(conv));
    }
    if !lit.is_empty() {
        out.push(Piece::Lit(lit));
    }
    Ok(out)
}

/// The argument kinds of a parsed format, in order.
pub fn arg_kinds(pieces: &[Piece]) -> Vec<ArgKind> {
    pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Conv(c) => Some(c.arg_kind()),
            Piece::Lit(_) => None,
        })
        .collect()
}

/// Pads `body` to the conversion's width (`-` pads on the right; `0` with zeros after
/// any sign, for numbers).
pub fn pad(conv: &Conv, body: String, numeric: bool) -> String {
    let Some(width) = conv.width else { return body };
    let len = body.chars().count();
    if len >= width {
        return body;
    }
    let fill = width - len;
    if conv.minus {
        format!("{body}{}", " ".repeat(fill))
    } else if conv.zero && numeric {
        let (sign, digits) = match body.strip_prefix('-') {
            Some(rest) => ("-", rest.to_string()),
            None => match body.strip_prefix('+') {
                Some(rest) => ("+", rest.to_string()),
                None => ("", body.clone()),
            },
        };
        format!("{sign}{}{digits}", "0".repeat(fill))
    } else {
        format!("{}{body}", " ".repeat(fill))
    }
}

/// `%g` as C prints it (precision 6 by default, trailing zeros removed).
pub fn format_g(x: f64, precision: usize) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let p = if precision == 0 { 1 } else { precision };
    if x == 0.0 {
        return if x.is_sign_negative() { "-0".into() } else { "0".into() };
    }
    let exp = x.abs().log10().floor() as i32;
    // Round first: the exponent of the rounded value decides the style.
    let sci = format!("{:.*e}", p - 1, x);
    let (mantissa, e) = sci.split_once('e').unwrap_or((&sci, "0"));
    let e: i32 = e.parse().unwrap_or(exp);
    if e < -4 || e >= p as i32 {
        let m = trim_zeros(mantissa);
        let sign = if e < 0 { '-' } else { '+' };
        format!("{m}e{sign}{:02}", e.abs())
    } else {
        let decimals = (p as i32 - 1 - e).max(0) as usize;
        trim_zeros(&format!("{:.*}", decimals, x)).to_string()
    }
}

fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

/// OCaml's `string_of_float`: `%.12g`, with a `.` added when the result looks like an int.
pub fn string_of_float(x: f64) -> String {
    valid_float_lexem(format_g(x, 12))
}

/// OCaml's toplevel float printing: `%.12g`, else `%.15g` when that reads back as the
/// same float, else `%.18g`.
pub fn toplevel_float(x: f64) -> String {
    for p in [12, 15] {
        let s = format_g(x, p);
        if s.parse::<f64>().ok() == Some(x) {
            return valid_float_lexem(s);
        }
    }
    valid_float_lexem(format_g(x, 18))
}

fn valid_float_lexem(s: String) -> String {
    if s.chars().all(|c| c.is_ascii_digit() || c == '-') {
        format!("{s}.")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_as_ocaml_prints_them() {
        assert_eq!(string_of_float(3.0), "3.");
        assert_eq!(string_of_float(0.1), "0.1");
        assert_eq!(string_of_float(1e20), "1e+20");
        assert_eq!(string_of_float(-2.5), "-2.5");
        assert_eq!(string_of_float(1.0 / 3.0), "0.333333333333");
        assert_eq!(string_of_float(f64::INFINITY), "inf");
        assert_eq!(toplevel_float(1.0 / 3.0), "0.333333333333333315");
        assert_eq!(toplevel_float(0.1), "0.1");
        assert_eq!(format_g(100000.0, 6), "100000");
        assert_eq!(format_g(1000000.0, 6), "1e+06");
        assert_eq!(format_g(0.0001, 6), "0.0001");
    }

    #[test]
    fn formats_parse() {
        let p = parse("x=%5d|%-5s|%05.1f%%").unwrap();
        assert_eq!(arg_kinds(&p), vec![ArgKind::Int, ArgKind::Str, ArgKind::Float]);
        assert!(parse("%y").is_err());
        assert!(parse("%").is_err());
    }
}
