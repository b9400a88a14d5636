(* nbody: the Benchmarks Game n-body simulation (5 Jovian bodies), 300,000 steps. Bodies
   are records with mutable float fields (slot access, typed float arithmetic).
   ref/nbody.ml is a copy. *)
type body = { mutable x : float; mutable y : float; mutable z : float;
              mutable vx : float; mutable vy : float; mutable vz : float; mass : float }

let pi = 3.141592653589793
let solar_mass = 4.0 *. pi *. pi
let days_per_year = 365.24

let body x y z vx vy vz mass =
  { x; y; z; vx = vx *. days_per_year; vy = vy *. days_per_year; vz = vz *. days_per_year;
    mass = mass *. solar_mass }

let bodies = [|
  body 0.0 0.0 0.0 0.0 0.0 0.0 1.0;
  body 4.84143144246472090e+00 (-1.16032004402742839e+00) (-1.03622044471123109e-01)
    1.66007664274403694e-03 7.69901118419740425e-03 (-6.90460016972063023e-05) 9.54791938424326609e-04;
  body 8.34336671824457987e+00 4.12479856412430479e+00 (-4.03523417114321381e-01)
    (-2.76742510726862411e-03) 4.99852801234917238e-03 2.30417297573763929e-05 2.85885980666130812e-04;
  body 1.28943695621391310e+01 (-1.51111514016986312e+01) (-2.23307578892655734e-01)
    2.96460137564761618e-03 2.37847173959480950e-03 (-2.96589568540237556e-05) 4.36624404335156298e-05;
  body 1.53796971148509165e+01 (-2.59193146099879641e+01) 1.79258772950371181e-01
    2.68067772490389322e-03 1.62824170038242295e-03 (-9.51592254519715870e-05) 5.15138902046611451e-05 |]

let offset_momentum bodies =
  let px = ref 0.0 and py = ref 0.0 and pz = ref 0.0 in
  Array.iter (fun b ->
    px := !px +. b.vx *. b.mass; py := !py +. b.vy *. b.mass; pz := !pz +. b.vz *. b.mass) bodies;
  let sun = bodies.(0) in
  sun.vx <- -. !px /. solar_mass;
  sun.vy <- -. !py /. solar_mass;
  sun.vz <- -. !pz /. solar_mass

let advance bodies n dt =
  for i = 0 to n - 1 do
    let bi = bodies.(i) in
    for j = i + 1 to n - 1 do
      let bj = bodies.(j) in
      let dx = bi.x -. bj.x in
      let dy = bi.y -. bj.y in
      let dz = bi.z -. bj.z in
      let dsq = dx *. dx +. dy *. dy +. dz *. dz in
      let mag = dt /. (dsq *. sqrt dsq) in
      let bm = bj.mass *. mag in
      bi.vx <- bi.vx -. dx *. bm;
      bi.vy <- bi.vy -. dy *. bm;
      bi.vz <- bi.vz -. dz *. bm;
      let bm = bi.mass *. mag in
      bj.vx <- bj.vx +. dx *. bm;
      bj.vy <- bj.vy +. dy *. bm;
      bj.vz <- bj.vz +. dz *. bm
    done;
    bi.x <- bi.x +. dt *. bi.vx;
    bi.y <- bi.y +. dt *. bi.vy;
    bi.z <- bi.z +. dt *. bi.vz
  done

let energy bodies n =
  let e = ref 0.0 in
  for i = 0 to n - 1 do
    let bi = bodies.(i) in
    e := !e +. 0.5 *. bi.mass *. (bi.vx *. bi.vx +. bi.vy *. bi.vy +. bi.vz *. bi.vz);
    for j = i + 1 to n - 1 do
      let bj = bodies.(j) in
      let dx = bi.x -. bj.x and dy = bi.y -. bj.y and dz = bi.z -. bj.z in
      e := !e -. bi.mass *. bj.mass /. sqrt (dx *. dx +. dy *. dy +. dz *. dz)
    done
  done;
  !e

(* energy * 1e9 truncated toward zero, so every language prints the same digits *)
let trunc9 e = truncate (e *. 1000000000.0)

let () =
  let n = Array.length bodies in
  offset_momentum bodies;
  let e0 = trunc9 (energy bodies n) in
  for _ = 1 to 300000 do advance bodies n 0.01 done;
  let e1 = trunc9 (energy bodies n) in
  if e0 <> -169075163 || e1 <> -169087839 then failwith (Printf.sprintf "nbody wrong %d %d" e0 e1);
  Printf.printf "nbody %d %d ok\n" e0 e1
