(* binarytrees: the Benchmarks Game binary-trees allocation benchmark, depth 14.
   ref/binarytrees.ml is a copy. *)
type tree = Leaf | Node of tree * tree

let rec make d = if d = 0 then Node (Leaf, Leaf) else Node (make (d - 1), make (d - 1))

let rec check t = match t with
  | Node (Leaf, _) -> 1
  | Node (l, r) -> 1 + check l + check r
  | Leaf -> 0

let () =
  let n = 14 in
  let min_depth = 4 in
  let max_depth = if min_depth + 2 > n then min_depth + 2 else n in
  let total = ref (check (make (max_depth + 1))) in
  let long_lived = make max_depth in
  let d = ref min_depth in
  while !d <= max_depth do
    let iterations = 1 lsl (max_depth - !d + min_depth) in
    let c = ref 0 in
    for _ = 1 to iterations do c := !c + check (make !d) done;
    if !c <> iterations * ((1 lsl (!d + 1)) - 1) then failwith "binarytrees wrong";
    total := !total + !c;
    d := !d + 2
  done;
  total := !total + check long_lived;
  if !total <> 3222190 then failwith ("binarytrees wrong " ^ string_of_int !total);
  Printf.printf "binarytrees %d ok\n" !total
