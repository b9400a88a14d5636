//! Type-checker unit tests: inferred schemes as OCaml prints them, and the errors.

use crate::check::TopInfo;
use crate::Session;
use devvm_compiler::SourceFile;

/// The `val name : type` lines (and `- : type` for expressions) of a program.
fn types_of(src: &str) -> Vec<String> {
    let mut s = Session::new().expect("the prelude compiles");
    let file = SourceFile::new("t.dvf", src);
    let (_, _, infos) = match s.compile(&file) {
        Ok(r) => r,
        Err(d) => panic!("{}", devvm_compiler::diag::render_all(&d, false)),
    };
    infos
        .iter()
        .filter_map(|i| match i {
            TopInfo::Val(n, sc) => Some(format!("{n} : {}", s.checker.show_top(sc))),
            TopInfo::Expr(sc) => Some(format!("- : {}", s.checker.show_top(sc))),
            _ => None,
        })
        .collect()
}

/// The messages of a program that must not type-check.
fn errors_of(src: &str) -> Vec<String> {
    let mut s = Session::new().expect("the prelude compiles");
    let file = SourceFile::new("t.dvf", src);
    match s.compile(&file) {
        Ok(_) => panic!("type-checks but should not: {src}"),
        Err(d) => {
            d.iter().filter(|d| d.severity == devvm_compiler::Severity::Error).map(|d| d.message.clone()).collect()
        }
    }
}

#[test]
fn let_polymorphism() {
    assert_eq!(types_of("let id x = x"), ["id : 'a -> 'a"]);
    assert_eq!(types_of("let id x = x\nlet p = (id 1, id \"a\")"), ["id : 'a -> 'a", "p : int * string"]);
    assert_eq!(types_of("let compose f g x = f (g x)"), ["compose : ('a -> 'b) -> ('c -> 'a) -> 'c -> 'b"]);
    assert_eq!(types_of("let f = fun x -> fun y -> (y, x)"), ["f : 'a -> 'b -> 'b * 'a"]);
    assert_eq!(types_of("let g = let id x = x in (id 1, id true)"), ["g : int * bool"]);
}

#[test]
fn lambda_bound_variables_are_monomorphic() {
    let e = errors_of("let f g = (g 1, g \"x\")");
    assert!(e[0].contains("This expression has type string but an expression was expected of type int"), "{e:?}");
}

#[test]
fn value_restriction() {
    assert_eq!(types_of("let r = ref []"), ["r : '_weak1 list ref"]);
    // The relaxed restriction: an expansive expression whose variable is covariant.
    assert_eq!(types_of("let l = List.rev []"), ["l : 'a list"]);
    assert_eq!(types_of("let f = List.map (fun x -> x)"), ["f : '_weak1 list -> '_weak1 list"]);
    assert_eq!(types_of("let f x = List.map (fun x -> x) x"), ["f : 'a list -> 'a list"]);
    let e = errors_of("let r = ref []\nlet () = r := [1]; r := [\"a\"]");
    assert!(e[0].contains("string list but an expression was expected of type int list"), "{e:?}");
}

#[test]
fn variants_records_and_exceptions() {
    assert_eq!(
        types_of("type 'a tree = Leaf | Node of 'a tree * 'a * 'a tree\nlet rec size = function Leaf -> 0 | Node (l, _, r) -> size l + 1 + size r"),
        ["size : 'a tree -> int"]
    );
    assert_eq!(types_of("type p = { x : float; mutable y : float }\nlet f r = r.x +. r.y"), ["f : p -> float"]);
    assert_eq!(types_of("exception E of int\nlet f () = raise (E 1)"), ["f : unit -> 'a"]);
    assert_eq!(types_of("let f x = match x with Some (a, b) -> a + b | None -> 0"), ["f : (int * int) option -> int"]);
    assert_eq!(
        types_of("type ('a, 'b) either = L of 'a | R of 'b\nlet sw = function L a -> R a | R b -> L b"),
        ["sw : ('a, 'b) either -> ('b, 'a) either"]
    );
}

#[test]
fn operators_and_printf() {
    assert_eq!(types_of("let f = ( + )"), ["f : int -> int -> int"]);
    assert_eq!(types_of("let f = Printf.sprintf \"%d %s %.2f %c\""), ["f : int -> string -> float -> char -> string"]);
    assert_eq!(types_of("let c = compare"), ["c : 'a -> 'a -> int"]);
    assert_eq!(types_of("1 + 2"), ["- : int"]);
    let e = errors_of("let () = Printf.printf \"%d\" 1.5");
    assert!(e[0].contains("float but an expression was expected of type int"), "{e:?}");
}

#[test]
fn errors_name_both_types() {
    let e = errors_of("let x = 1 + 2.0");
    assert_eq!(e, ["This expression has type float but an expression was expected of type int"]);
    let e = errors_of("let f x = x x");
    assert!(e[0].contains("occurs inside"), "{e:?}");
    let e = errors_of("let x = [1; true]");
    assert!(e[0].contains("type bool but an expression was expected of type int"), "{e:?}");
    let e = errors_of("let x = 3 4");
    assert!(e[0].contains("not a function"), "{e:?}");
    let e = errors_of("type t = A of int\nlet x = A");
    assert!(e[0].contains("expects 1 argument(s), but is applied here to 0"), "{e:?}");
    let e = errors_of("let x = y");
    assert_eq!(e, ["Unbound value y"]);
}

#[test]
fn recursive_types_and_deep_programs_give_errors_not_crashes() {
    let e = errors_of("type t = t");
    assert!(e[0].contains("cyclic"), "{e:?}");
    let e = errors_of("let rec f x = f");
    assert!(e[0].contains("occurs inside"), "{e:?}");
    // Exponentially growing types stay printable for small depths.
    assert_eq!(types_of("let p x = (x, x)\nlet q = p (p 1)"), ["p : 'a -> 'a * 'a", "q : (int * int) * (int * int)"]);
    let deep = format!("let x = {}1{}", "[".repeat(10_000), "]".repeat(10_000));
    let e = errors_of(&deep);
    assert!(e[0].contains("nested more than"), "{e:?}");
}

#[test]
fn annotations_constrain() {
    assert_eq!(types_of("let f (x : 'a) (y : 'a) = [x; y]"), ["f : 'a -> 'a -> 'a list"]);
    let e = errors_of("let f (x : int) = x ^ \"\"");
    assert!(e[0].contains("type int but an expression was expected of type string"), "{e:?}");
}

/// Drives the REPL state as `devvm repl --lang fun` does: compile an input, run it in the
/// session module, describe the result.
#[test]
fn repl_prints_like_the_ocaml_toplevel() {
    use devvm_compiler::{CompileOptions, ReplLanguage};
    use devvm_vm::object::{Module, ModuleState};
    use devvm_vm::{Policy, Value, Vm};
    let mut vm = Vm::new(Policy::default());
    crate::runtime::install(&mut vm);
    vm.set_output(Box::new(std::io::sink()));
    let module = vm.alloc(Module::new("<repl>"));
    module.state.set(ModuleState::Ready);
    vm.register_module("<repl>", Value::object(module));
    let mut repl = crate::repl::Repl::new();
    let mut eval = |vm: &mut Vm, input: &str| -> String {
        let file = SourceFile::new("<repl>", input);
        let parsed = repl.compile_input(&file).map_err(|d| d[0].message.clone());
        let parsed = match parsed {
            Ok(p) => p,
            Err(m) => return format!("error: {m}"),
        };
        let options = CompileOptions {
            builtins: vm.builtin_names().to_vec(),
            existing_vars: module.var_names(),
            return_last_expression: true,
            ..CompileOptions::default()
        };
        let compiled = devvm_compiler::compile(&parsed.module, &file, &options).expect("lowered code compiles");
        let main = vm.load(&compiled, module).expect("loads");
        let value = vm.run_main(main, "<repl>").expect("runs");
        let lookup = |name: &str| module.slot_of(name).and_then(|s| module.get(s as usize));
        repl.describe(value, &lookup)
    };
    assert_eq!(eval(&mut vm, "42;;"), "- : int = 42\n");
    assert_eq!(eval(&mut vm, "let f x = x + 1;;"), "val f : int -> int = <fun>\n");
    assert_eq!(eval(&mut vm, "f 41;;"), "- : int = 42\n");
    assert_eq!(eval(&mut vm, "let l = [1.5; 2.]"), "val l : float list = [1.5; 2.]\n");
    assert_eq!(
        eval(&mut vm, "(Some (-1), \"a\\n\", 'c')"),
        "- : int option * string * char = (Some (-1), \"a\\n\", 'c')\n"
    );
    assert_eq!(eval(&mut vm, "type t = A | B of int;;"), "type t = A | B of int\n");
    assert_eq!(eval(&mut vm, "[A; B 2]"), "- : t list = [A; B 2]\n");
    assert_eq!(eval(&mut vm, "let r = ref []"), "val r : '_weak1 list ref = {contents = []}\n");
    assert!(eval(&mut vm, "let x = 1 +. 2").starts_with("error: This expression has type int"));
    assert_eq!(eval(&mut vm, "let x = 5"), "val x : int = 5\n");
    assert_eq!(repl.type_of(&SourceFile::new("<t>", "List.map")).unwrap(), "- : ('a -> 'b) -> 'a list -> 'b list\n");
}
