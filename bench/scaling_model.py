"""What a 32-core machine (or cluster) would give: a model fitted to bench/cluster.py's measurements.

    python bench/cluster.py --sources bench/out/corpus-10k --workers 2 --shards 4 \\
        --pool-workers 1,2 --shard-counts 1,2,4,8 --skip-search --out bench/out/cluster-10k
    python bench/scaling_model.py bench/out/cluster-10k/results.json [--cores 32]

This is a model, not a measurement: each phase of the build is fitted to T(n) = serial + parallel/n
from two points (a pool of 1 and of 2 processes) measured on one machine of 2 cores, and then
read at n = ``--cores``. Two points fit any such curve exactly, so the fit has no check of its own;
on a loaded machine it also absorbs the other work's noise (a negative part is reported and set
to 0). Bounds the fit cannot see are added from what was measured:

- the single writer: the build's map to rows cannot finish before its main process has written
  every row, so that phase takes at least the main process's CPU time in it (measured);
- the phases the code runs in one process (registries, reuse clusters, full-text indexes) are
  serial by construction: the model keeps their measured time at every n;
- shards: each shard's CPU time is fitted to a + b x passages over every shard written (at
  several shard counts); k shards on n cores take ceil(k / n) rounds of a shard of P / k
  passages. ``archive merge`` is one writer: its measured time holds at every n.

Several results files may be given (later ones add to or replace earlier keys).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

MAP_PHASES = ("count repeated lines", "read, split, attribute, analyse")
WRITER_PHASE = "read, split, attribute, analyse"


def fit_two(t1: float, t2: float) -> tuple[float, float]:
    """serial, parallel of T(n) = serial + parallel / n through T(1) = t1 and T(2) = t2."""
    return 2 * t2 - t1, 2 * (t1 - t2)


def clamp(serial: float, parallel: float, t2: float) -> tuple[float, float, str]:
    """The fit made usable: no negative part (the curve then goes through T(2))."""
    if parallel < 0:
        return t2, 0.0, "no speed-up measured from 1 to 2: modelled as serial"
    if serial < 0:
        return 0.0, 2 * t2, "more than 2x from 1 to 2 (noise): modelled as all parallel"
    return serial, parallel, ""


def least_squares(points: list[tuple[float, float]]) -> tuple[float, float]:
    """a, b of y = a + b x."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    b = sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else 0.0
    return my - b * mx, b


def load(paths: list[Path]) -> dict:
    results: dict = {}
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            sys.exit(f"{path}: not a bench/cluster.py results file ({error})")
        for key, value in data.items():
            if isinstance(value, dict) and isinstance(results.get(key), dict):
                results[key] = {**results[key], **value}
            else:
                results[key] = value
    return results


def model_build(results: dict, cores: int, out) -> dict:
    pool = results.get("pool") or {}
    if "2" not in pool:
        out("build: needs a pool build at 2 processes (bench/cluster.py --workers 2); not modelled")
        return {}
    two = pool["2"]
    if "1" not in pool:
        serial_cpu = sum(two["phases_main_cpu"].values())
        out("build: no pool build at 1 process (bench/cluster.py --pool-workers 1,2), so no two-point fit; "
            f"bound from CPU time: main process {serial_cpu:.1f}s (serial) + workers {two['workers_cpu_s']:.1f}s / {cores} "
            f"= at least {serial_cpu + two['workers_cpu_s'] / cores:.1f}s at {cores} (measured at 2: {two['seconds']:.1f}s)")
        return {"cpu_floor_s": serial_cpu + two["workers_cpu_s"] / cores}
    one = pool["1"]
    out(f"build of {two['passages']:,} passages; measured: pool of 1 {one['seconds']:.1f}s (load {one['load']:.1f}), "
        f"pool of 2 {two['seconds']:.1f}s (load {two['load']:.1f})")
    out(f"{'phase':36} {'T(1)':>7} {'T(2)':>7} {'serial':>8} {'parallel':>9} {'writer':>7} {'T(' + str(cores) + ')':>8}  basis")
    total, model = 0.0, {}
    dask = results.get("dask")
    for phase in two["phases"]:
        t1, t2 = one["phases"].get(phase, 0.0), two["phases"][phase]
        raw = fit_two(t1, t2)
        if phase in MAP_PHASES:
            serial, parallel, note = clamp(*raw, t2)
            writer = two["phases_main_cpu"].get(phase, 0.0) if phase == WRITER_PHASE else 0.0
            predicted = max(serial + parallel / cores, writer)
            basis = note or "fit"
            if writer and writer >= serial + parallel / cores:
                basis += "; bound by the single writer (main process CPU at 2)"
                if writer > serial:
                    basis += f" from n = {parallel / (writer - serial):.1f}"
        else:
            serial, parallel, writer = t2, 0.0, 0.0
            predicted = t2
            basis = "one process by construction: T(2) kept"
        model[phase] = {"t1": t1, "t2": t2, "fit_serial": raw[0], "fit_parallel": raw[1], "serial": serial,
                        "parallel": parallel, "writer_bound": writer, "predicted": predicted, "basis": basis}
        total += predicted
        out(f"{phase:36} {t1:7.1f} {t2:7.1f} {raw[0]:8.1f} {raw[1]:9.1f} {writer:7.1f} {predicted:8.1f}  {basis}")
    measured_total = sum(two["phases"].values())
    out(f"{'build (sum of phases)':36} {sum(one['phases'].values()):7.1f} {measured_total:7.1f} {'':8} {'':9} {'':7} "
        f"{total:8.1f}  = {measured_total / total:.1f}x the pool of 2")
    summary = {"phases": model, "pool_predicted_s": total}
    # the same build on idle cores with no cost of its own for going parallel: the main process's
    # CPU (the writer, the reduce and the phases it runs alone) is serial, the workers' CPU divides
    serial_cpu = sum(two["phases_main_cpu"].values())
    floor = serial_cpu + two["workers_cpu_s"] / cores
    out(f"{'bound from CPU time':36} main process {serial_cpu:.1f}s (serial) + workers {two['workers_cpu_s']:.1f}s / {cores} "
        f"= at least {floor:.1f}s at {cores} (at 2: {serial_cpu + two['workers_cpu_s'] / 2:.1f}s, measured {two['seconds']:.1f}s)")
    summary["cpu_floor_s"] = floor
    if dask:
        # the Dask workers' extra CPU per item (measured at 2) scales the parallel part of the maps
        ratio = dask["workers_cpu_s"] / two["workers_cpu_s"] if two.get("workers_cpu_s") else 1.0
        predicted = 0.0
        for phase, m in model.items():
            if phase in MAP_PHASES:
                predicted += max(m["serial"] + ratio * m["parallel"] / cores, m["writer_bound"])
            else:
                predicted += m["predicted"]
        out(f"Dask: measured {dask['seconds']:.1f}s at 2 workers ({results.get('dask_over_pool', 0):.2f}x the pool); "
            f"its workers used {ratio:.2f}x the pool's worker CPU; modelled at {cores}: {predicted:.1f}s "
            f"({predicted / total:.2f}x the pool's model)")
        summary["dask_predicted_s"] = predicted
        summary["dask_worker_cpu_ratio"] = ratio
    return summary


def model_shards(results: dict, cores: int, out) -> dict:
    runs = results.get("shard_runs") or []
    if not runs:
        out("shards: no shard runs (bench/cluster.py --shard-counts); not modelled")
        return {}
    points = [(s["passages"], s["cpu_seconds"]) for run in runs for s in run["per_shard"]]
    a, b = least_squares(points)
    passages = sum(s["passages"] for s in runs[-1]["per_shard"])
    out(f"shards of {passages:,} passages; measured (wall, load at start):")
    for run in runs:
        out(f"  {run['shards']:3d} shards over {run['workers']} processes: {run['seconds']:.1f}s (load {run['load']:.1f}); "
            f"CPU per shard {[s['cpu_seconds'] for s in run['per_shard']]}")
    out(f"  fitted from {len(points)} shards: CPU per shard = {a:.2f}s + {b * 1e6:.1f}s per million passages")
    # a run's fixed cost: the CPU of the process that plans the shards, starts their processes and
    # writes the manifest (runs where the shards were written in that process are left out);
    # without it (older results), the run's wall time less its busiest process's CPU, which a
    # loaded machine inflates
    parents = [run["parent_cpu_s"] for run in runs if "parent_cpu_s" in run and min(run["workers"], run["shards"]) > 1]
    if parents:
        parent = min(parents)
        basis = "CPU of the process that plans them, starts the workers and writes the manifest, least over runs"
    else:
        fixed = []
        for run in runs:
            lanes = [0.0] * run["workers"]
            for s in run["per_shard"]:
                lanes[lanes.index(min(lanes))] += s["cpu_seconds"]
            fixed.append(max(0.0, run["seconds"] - max(lanes)))
        parent = min(fixed)
        basis = "wall time less the busiest process's CPU, least over runs: inflated by a loaded machine"
    merged = results.get("merged_cpu_s") or results.get("merged_build_s")
    out(f"  fixed cost of a run ({basis}): {parent:.2f}s")
    if results.get("merged_build_s"):
        out(f"  archive merge: {results['merged_build_s']:.1f}s wall (load {results.get('merged_load', 0):.1f}), "
            f"{results.get('merged_cpu_s', 0):.1f}s CPU; the model uses its CPU time (one process: what an idle core gives)")
    check = [run for run in runs if run["workers"] == 2 and run["shards"] == results.get("shards")]
    if check:
        k = check[-1]["shards"]
        t = parent + math.ceil(k / 2) * (a + b * passages / k)
        out(f"  check at 2 cores, {k} shards: the model gives {t:.1f}s, measured {check[-1]['seconds']:.1f}s "
            f"(load {check[-1]['load']:.1f}: the model assumes 2 idle cores)")
    a_used = max(a, 0.0)  # a negative fixed cost per shard is noise
    smallest = min(x for x, _ in points)
    best = None
    for k in sorted({1, 2, 4, 8, cores}):
        t = parent + math.ceil(k / cores) * (a_used + b * passages / k)
        outside = passages / k < smallest
        out(f"  {k:3d} shards on {cores} cores: {t:6.2f}s" + (f"  (merge {merged:.1f}s: {merged / t:.1f}x)" if merged else "")
            + ("  [extrapolated: smaller shards than any measured]" if outside else ""))
        if not outside and (best is None or t < best[1]):
            best = (k, t)
    if merged:
        out(f"  archive merge (one writer, FTS once): {merged:.1f}s of CPU, the same at any number of cores: from {best[0]} shards on {cores} cores ({best[1]:.1f}s) the merge is "
            f"{merged / best[1]:.1f}x the shards' time, and the bound of any build that ends in one file")
    return {"per_shard_fixed_s": a, "per_shard_s_per_passage": b, "parent_fixed_s": parent,
            "best_shards": best[0], "best_shards_s": best[1], "merged_s": merged}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("results", type=Path, nargs="+", help="results.json written by bench/cluster.py")
    parser.add_argument("--cores", type=int, default=32)
    parser.add_argument("--json", type=Path, help="also write the model's figures here")
    args = parser.parse_args(argv)
    results = load(args.results)
    print(f"A model, not a measurement: fitted to {len(args.results)} results file(s) measured on one machine "
          f"({results.get('workers', 2)} workers there), read at {args.cores} cores.")
    model = {"cores": args.cores, "build": model_build(results, args.cores, print)}
    print()
    model["shards"] = model_shards(results, args.cores, print)
    if args.json:
        args.json.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
