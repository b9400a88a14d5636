//! Precedence and associativity, checked on the surface tree.

use super::{errors, expr};

#[test]
fn arithmetic_levels() {
    assert_eq!(expr("1 + 2 * 3"), "(+ 1 (* 2 3))");
    assert_eq!(expr("1 * 2 + 3"), "(+ (* 1 2) 3)");
    assert_eq!(expr("a - b - c"), "(- (- a b) c)");
    assert_eq!(expr("a / b // c % d"), "(% (// (/ a b) c) d)");
    assert_eq!(expr("(1 + 2) * 3"), "(* (+ 1 2) 3)");
}

#[test]
fn power_is_right_associative_and_binds_tighter_than_unary_minus() {
    assert_eq!(expr("2 ** 3 ** 2"), "(** 2 (** 3 2))");
    assert_eq!(expr("-2 ** 2"), "(- (** 2 2))");
    assert_eq!(expr("2 ** -1"), "(** 2 (- 1))");
    assert_eq!(expr("-x.y ** 2"), "(- (** (. x y) 2))");
    assert_eq!(expr("a * b ** c"), "(* a (** b c))");
    assert_eq!(expr("~a ** b"), "(~ (** a b))");
}

#[test]
fn unary_operators() {
    assert_eq!(expr("- - x"), "(- (- x))");
    assert_eq!(expr("-a * b"), "(* (- a) b)");
    assert_eq!(expr("~a & b"), "(& (~ a) b)");
    assert_eq!(expr("not a == b"), "(not (== a b))");
    assert_eq!(expr("not a and b"), "(and (not a) b)");
    assert_eq!(expr("a and not b or c"), "(or (and a (not b)) c)");
    assert_eq!(expr("not not a"), "(not (not a))");
}

#[test]
fn logic_levels() {
    assert_eq!(expr("a or b and c"), "(or a (and b c))");
    assert_eq!(expr("a and b or c and d"), "(or (and a b) (and c d))");
    assert_eq!(expr("a or b or c"), "(or (or a b) c)");
    assert_eq!(expr("a < b and b < c"), "(and (< a b) (< b c))");
}

#[test]
fn bitwise_levels() {
    assert_eq!(expr("a | b ^ c & d"), "(| a (^ b (& c d)))");
    assert_eq!(expr("a & b << 2"), "(& a (<< b 2))");
    assert_eq!(expr("a << 1 + 2"), "(<< a (+ 1 2))");
    assert_eq!(expr("a == b | c"), "(== a (| b c))");
    assert_eq!(expr("a >> b >> c"), "(>> (>> a b) c)");
}

#[test]
fn ranges_sit_between_shifts_and_sums() {
    assert_eq!(expr("0..n + 1"), "(.. 0 (+ n 1))");
    assert_eq!(expr("a..=b"), "(..= a b)");
    assert_eq!(expr("1 << 2..3"), "(<< 1 (.. 2 3))");
}

#[test]
fn comparisons_do_not_chain() {
    assert_eq!(
        errors("a < b < c"),
        vec![
        "1:7 comparisons do not chain: '<' cannot follow another comparison; write 'a < b and b < c' or add parentheses"
    ]
    );
    assert_eq!(errors("a == b != c").len(), 1);
    assert_eq!(expr("(a < b) < c"), "(< (< a b) c)");
    assert_eq!(expr("a < (b < c)"), "(< a (< b c))");
    assert_eq!(errors("a..b..c"), vec!["1:5 ranges do not chain: '..' cannot follow another range"]);
}

#[test]
fn postfix_binds_tightest() {
    assert_eq!(expr("f(x)(y)"), "(call (call f x) y)");
    assert_eq!(expr("a.b.c(1)[2]"), "(index (call (. (. a b) c) 1) 2)");
    assert_eq!(expr("-f(x)"), "(- (call f x))");
    assert_eq!(expr("a + b[0] * c.d"), "(+ a (* (index b 0) (. c d)))");
    assert_eq!(expr("[1, 2][0]"), "(index (list 1 2) 0)");
    assert_eq!(expr("fn(x) { return x }(3)"), "(call (fn (x) (return x)) 3)");
}

#[test]
fn smallest_int_literal() {
    assert_eq!(expr("-9223372036854775808"), "-9223372036854775808");
    assert_eq!(expr("x - -9223372036854775808"), "(- x -9223372036854775808)");
    assert_eq!(expr("- -9223372036854775808"), "(- -9223372036854775808)");
    assert_eq!(expr("-9223372036854775807"), "(- 9223372036854775807)");
    assert_eq!(
        errors("9223372036854775808"),
        vec!["1:1 the integer literal '9223372036854775808' does not fit in a 64-bit int"]
    );
    // `**` binds to the literal before the minus does.
    assert_eq!(
        errors("-9223372036854775808 ** 2"),
        vec!["1:2 the integer literal '9223372036854775808' does not fit in a 64-bit int"]
    );
    assert_eq!(errors("-(9223372036854775808)").len(), 1);
}
