(* listsort: List.sort of 10^6 pseudo-random ints (a linear congruential generator),
   then a checksum of the sorted list. ref/listsort.ml is a copy. *)
let () =
  let n = 1_000_000 in
  let seed = ref 42 in
  let next () = seed := (!seed * 1103515245 + 12345) land 0x3fffffff; !seed in
  let l = List.init n (fun _ -> next ()) in
  let sorted = List.sort compare l in
  let rec ordered = function a :: (b :: _ as t) -> a <= b && ordered t | _ -> true in
  if not (ordered sorted) || List.length sorted <> n then failwith "listsort wrong";
  let sum = List.fold_left (fun acc x -> (acc * 31 + x) land 0x3fffffff) 0 sorted in
  Printf.printf "listsort %d ok\n" sum
