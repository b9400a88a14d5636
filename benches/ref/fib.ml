(* fib: naive recursion, fib(32). The same source runs under ocamlrun and ocamlopt
   (ref/fib.ml is a copy). *)
let rec fib n = if n < 2 then n else fib (n - 1) + fib (n - 2)

let () =
  let r = fib 32 in
  if r <> 2178309 then failwith ("fib wrong " ^ string_of_int r);
  Printf.printf "fib %d ok\n" r
