(* foldmap: higher-order list code, List.map and List.fold_left with anonymous functions
   of one and two parameters over 50,000 ints, 80 rounds. ref/foldmap.ml is a copy. *)
let () =
  let l = List.init 50_000 (fun i -> i) in
  let total = ref 0 in
  for r = 1 to 80 do
    let m = List.map (fun x -> x * 2 + r) l in
    let s = List.fold_left (fun acc x -> (acc + x) land 0xffffff) 0 m in
    let s2 = List.fold_left (fun acc x -> acc + x mod 7) 0 (List.filter (fun x -> x land 1 = 0) l) in
    total := (!total * 31 + s + s2) land 0x3fffffff
  done;
  if !total <> 143486336 then failwith "foldmap wrong";
  Printf.printf "foldmap %d ok\n" !total
