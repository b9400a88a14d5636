(* loop: a tail-recursive integer loop, 50M iterations (constant stack: the recursive
   call is a tail call). ref/loop.ml is a copy. *)
let rec loop i n s = if i < n then loop (i + 1) n (s + i) else s

let () =
  let n = 50_000_000 in
  let s = loop 0 n 0 in
  if s <> n * (n - 1) / 2 then failwith ("loop wrong " ^ string_of_int s);
  Printf.printf "loop %d ok\n" s
