"""Issue 15: the build on Dask against the local process pool, shard-parallel builds against one
merged build, and a search fanned over shards against the merged file.

    python bench/cluster.py --sources bench/out/corpus-10k --workers 2 --shards 4 --out bench/out/cluster

``--sources`` is a sources folder (bench/corpus.py writes one: ``python bench/corpus.py --articles
10000 --out bench/out/corpus-10k``). Measures, on this machine:

1. ``archive build --full`` over the local process pool of ``--workers`` processes, then the same
   build on a Dask LocalCluster of ``--workers`` worker processes (cluster start-up timed apart);
   every row of every table compared, with its rowid.
2. The archive cut into ``--shards`` shards (``--shard-by N``), written in parallel over
   ``--workers`` processes (rows, FTS index, facet tables, indexes per shard), against
   ``archive merge`` of those shards (the same rows, one writer, FTS built once).
3. Searches (count + publisher facet over an FTS match, at ~10%, ~1% and ~0.1% selectivity)
   fanned over the shards in ``--workers`` threads and added up, against the merged file:
   p50/p95 over ``--repeat`` runs of each query, and the counts compared.
4. The search page as users get it: ``archive serve --shards`` (every shard in one Datasette,
   plugins/shards.py fanning each search out) against ``archive serve`` of the merged file, two
   servers with the project's settings, over HTTP, one request at a time, alternating. Searches at
   ~0.1%, ~1% and ~10% of passages, a filter without search, a sorted third page; JSON and HTML;
   each repeated (the same URL: the matches are cached, as for a page of results being browsed)
   and new (a new expression every request, ``TERM OR <absent word>``, so every shard runs its
   FTS queries). p50/p95 per case and over every request, and the JSON answers compared
   (count, facets, rows). ``--serve-only`` runs this step alone on ``--out``'s files.

For the 32-core model (bench/scaling_model.py), ``--pool-workers 1,2`` also builds over a pool of
each of those sizes (a pool of 1 is the in-process serial build), every build recording its time
and its main process's CPU time per phase (``pool``, ``dask``), and ``--shard-counts 1,2,4,8``
writes the shards at each of those counts (``shard_runs``: each shard's passages, wall and CPU
seconds), plus ``--shards`` at one process. Every measured side includes everything it does:
the shards' side its process start, the merge its copy of every shard's rows.

Prints a table and writes ``results.json`` under ``--out``.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import hashlib
import json
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest import build, cluster, shards  # noqa: E402
from ingest.cli import datasette_command, shards_command, write_inspect_file  # noqa: E402

TABLES = ["documents", "passages", "statements", "removed", "captures", "figures", "mentions", "problems",
          "affiliations", "publishers", "speakers", "actors", "reuse_clusters", "passage_facets", "facet_counts"]
QUERIES = ["tribunal", "rapporteur", "ombudsman", "regime", "justice victims"]


def quiet(_line):
    pass


def digest(db_path: Path, tables=TABLES) -> dict[str, str]:
    """sha256 of every row (with its rowid) of each table, in rowid order."""
    conn = sqlite3.connect(db_path)
    out = {}
    for table in tables:
        h = hashlib.sha256()
        for row in conn.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid"):
            h.update(repr(row).encode("utf-8"))
        out[table] = h.hexdigest()
    conn.close()
    return out


CONNECTIONS: dict[Path, sqlite3.Connection] = {}


def search(db_path: Path, query: str) -> tuple[int, dict]:
    """What a search page asks: the count of matches and the publisher facet over them, on a
    connection kept open (as Datasette keeps them)."""
    conn = CONNECTIONS.get(db_path)
    if conn is None:
        conn = CONNECTIONS[db_path] = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, check_same_thread=False)
    match = "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?"
    count = conn.execute(f"SELECT count(*) FROM ({match})", (query,)).fetchone()[0]
    facet = dict(conn.execute(f"SELECT publisher_id, count(*) FROM passage_facets WHERE rowid IN ({match}) "
                              "GROUP BY publisher_id", (query,)).fetchall())
    return count, facet


def fanned(files: list[Path], query: str, pool) -> tuple[int, dict]:
    """The search on every shard at once (each shard's connection used by one thread at a time),
    counts and facet counts added."""
    count, facet = 0, {}
    for c, f in pool.map(lambda path: search(path, query), files):
        count += c
        for key, value in f.items():
            facet[key] = facet.get(key, 0) + value
    return count, facet


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


TERMS = ("ombudsman", "rapporteur", "tribunal")  # bench/corpus.py plants them at 0.1%, 1%, 10%
PAGE_CASES = [(f"_search={t}", t) for t in TERMS] + [("kind=paragraph", None), ("_search=tribunal&_sort=publisher_id&_page=3", "tribunal")]


@contextlib.contextmanager
def server(command: list[str], port: int):
    """A Datasette started from ``command`` on ``port``, once every facet index has loaded."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(1500):
            try:
                with urllib.request.urlopen(base + "/-/fast-facets.json", timeout=10) as response:
                    if b"loading" not in response.read():
                        break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            raise RuntimeError(f"datasette did not start: {' '.join(command)}")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[float, bytes]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        body = response.read()
    return time.perf_counter() - started, body


def serve_bench(manifest: Path, merged: Path, repeat: int, out: Path) -> dict:
    """Step 4: the search page over the shards against the merged file, both served."""
    folder = out / "served-merged"
    folder.mkdir(parents=True, exist_ok=True)
    served = folder / "archive.db"  # metadata.yml configures the database named archive
    served.unlink(missing_ok=True)
    try:
        os.link(merged, served)
    except OSError:
        shutil.copyfile(merged, served)
    merged_port, shards_port = free_port(), free_port()
    merged_command = datasette_command(served, write_inspect_file(served), "127.0.0.1", merged_port)
    shards_cmd, name = shards_command(manifest, "127.0.0.1", shards_port)
    results: dict = {"cases": {}, "load_before": os.getloadavg()}
    pooled: dict[str, list[float]] = {"merged": [], "fanned": []}
    equal = True
    counter = 0
    with server(merged_command, merged_port) as one, server(shards_cmd, shards_port) as many:
        paths = {"merged": one + "/archive/-/search", "fanned": many + f"/-/shards/{name}/search"}
        for mode in ("repeated", "new"):
            for query, term in PAGE_CASES:
                if mode == "new" and term is None:
                    continue
                for fmt in (".json", ""):
                    times: dict[str, list[float]] = {"merged": [], "fanned": []}
                    for i in range(repeat + 2):
                        args = query
                        if mode == "new":
                            counter += 1
                            raw = urllib.parse.quote(f"{term} OR absentword{counter}")
                            args = query.replace(f"_search={term}", f"_search={raw}&_searchmode=raw")
                        answers = {}
                        for side in (("merged", "fanned") if i % 2 else ("fanned", "merged")):
                            seconds, body = fetch(f"{paths[side]}{fmt}?{args}")
                            if i >= 2:  # two warm-ups
                                times[side].append(seconds)
                            answers[side] = body
                        if fmt == ".json":
                            a, b = (json.loads(answers[k]) for k in ("merged", "fanned"))
                            equal = equal and all(a[k] == b[k] for k in ("count", "facets", "rows")) and not b["at_least"]
                    case = f"{mode} {query}{fmt or ' (html)'}"
                    results["cases"][case] = {side: {"p50_ms": 1000 * statistics.median(v), "p95_ms": 1000 * percentile(v, 0.95)}
                                              for side, v in times.items()}
                    results["cases"][case]["ratio_p95"] = results["cases"][case]["fanned"]["p95_ms"] / results["cases"][case]["merged"]["p95_ms"]
                    for side in times:
                        pooled[side] += times[side]
                    c = results["cases"][case]
                    print(f"  {case:62} merged p50 {c['merged']['p50_ms']:6.1f} p95 {c['merged']['p95_ms']:6.1f} ms | "
                          f"fanned p50 {c['fanned']['p50_ms']:6.1f} p95 {c['fanned']['p95_ms']:6.1f} ms | p95 {c['ratio_p95']:.2f}x", flush=True)
    for side, values in pooled.items():
        results[f"{side}_p50_ms"] = 1000 * statistics.median(values)
        results[f"{side}_p95_ms"] = 1000 * percentile(values, 0.95)
    results["fanned_over_merged_p95"] = results["fanned_p95_ms"] / results["merged_p95_ms"]
    results["answers_equal"] = equal
    results["requests_per_side"] = len(pooled["merged"])
    results["load_after"] = os.getloadavg()
    print(f"search page p95 over every request ({results['requests_per_side']} per side): merged {results['merged_p95_ms']:.1f} ms, "
          f"over {len(shards.shard_paths(manifest))} shards {results['fanned_p95_ms']:.1f} ms "
          f"({results['fanned_over_merged_p95']:.2f}x); answers equal: {equal}; "
          f"load {results['load_before'][0]:.1f} -> {results['load_after'][0]:.1f}", flush=True)
    return results


def counts_list(text: str) -> list[int]:
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected numbers separated by commas (1,2)") from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: expected numbers of 1 or more")
    return values


class TimedProgress(build.Progress):
    """The build's phases, each with its wall time (``times``) and its main process's CPU time
    (``cpu``: the writer, the reduce and, for the pool, the unpickling of results)."""

    def __init__(self):
        super().__init__(quiet, bar=False)
        self.cpu: dict[str, float] = {}

    @contextlib.contextmanager
    def phase(self, label, total=None, unit="files"):
        cpu = time.process_time()
        with super().phase(label, total, unit) as advance:
            yield advance
        self.cpu[label] = time.process_time() - cpu


def cluster_cpu(client) -> float:
    """CPU seconds of the Dask workers' processes so far."""
    def used():
        import psutil
        times = psutil.Process().cpu_times()
        return times.user + times.system
    return sum(client.run(used).values())


def timed_build(sources: Path, db_path: Path, workers: int, cluster_processes=None) -> dict:
    """A full build with its time, phases (wall and main-process CPU) and the workers' CPU."""
    progress = TimedProgress()
    load = os.getloadavg()[0]
    before, workers_before = os.times(), (cluster_cpu(cluster_processes) if cluster_processes is not None else 0.0)
    started = time.monotonic()
    report = build.build(sources, db_path, log=quiet, workers=workers, full=True, progress=progress)
    seconds = time.monotonic() - started
    after = os.times()
    if cluster_processes is not None:
        workers_cpu = cluster_cpu(cluster_processes) - workers_before
    else:  # the pool's processes, reaped when each map ends
        workers_cpu = after.children_user + after.children_system - before.children_user - before.children_system
    return {"seconds": seconds, "workers": workers, "load": load,
            "documents": report.documents, "passages": report.passages, "statements": report.statements,
            "phases": {k: round(v, 3) for k, v in progress.times.items()},
            "phases_main_cpu": {k: round(v, 3) for k, v in progress.cpu.items()},
            "main_cpu_s": round(after.user + after.system - before.user - before.system, 3),
            "workers_cpu_s": round(workers_cpu, 3)}


def save(results: dict, out: Path) -> None:
    """results.json of a run that stops early."""
    results["load_after"] = os.getloadavg()
    (out / "results.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=Path, help="a sources folder (not needed with --serve-only)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "cluster")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--skip-builds", action="store_true", help="reuse the pool build in --out")
    parser.add_argument("--skip-dask", action="store_true", help="no Dask build")
    parser.add_argument("--skip-search", action="store_true", help="stop after the shards and the merge (no searches)")
    parser.add_argument("--skip-shards", action="store_true", help="stop after the builds (no shards, merge or searches)")
    parser.add_argument("--pool-workers", type=counts_list, default=[], metavar="1,2",
                        help="also build over pools of these sizes (for bench/scaling_model.py)")
    parser.add_argument("--shard-counts", type=counts_list, default=[], metavar="1,2,4,8",
                        help="also write the shards at these counts (for bench/scaling_model.py)")
    parser.add_argument("--serve-only", action="store_true",
                        help="only step 4, on --out's sharded.shards.json and merged.db from an earlier run")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.serve_only:
        results = serve_bench(args.out / "sharded.shards.json", args.out / "merged.db", args.repeat, args.out)
        (args.out / "serve-results.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        return
    if args.sources is None:
        parser.error("--sources is required (unless --serve-only)")
    results: dict = {"workers": args.workers, "shards": args.shards, "load_before": os.getloadavg()}
    pool_db, dask_db = args.out / "pool.db", args.out / "dask.db"

    if not args.skip_builds:
        counts = sorted(set(args.pool_workers) | {args.workers})
        results["pool"] = {}
        for n in counts:  # the reference (--workers) last, nearest the Dask build
            if n == args.workers:
                continue
            other = args.out / f"pool-{n}.db"
            results["pool"][str(n)] = timed_build(args.sources, other, workers=n)
            other.unlink()
            print(f"pool build ({n} processes): {results['pool'][str(n)]['seconds']:.1f}s; "
                  f"phases {results['pool'][str(n)]['phases']}", flush=True)
        reference = results["pool"][str(args.workers)] = timed_build(args.sources, pool_db, workers=args.workers)
        results["pool_build_s"] = reference["seconds"]
        results["documents"], results["passages"], results["statements"] = (reference[k] for k in ("documents", "passages", "statements"))
        print(f"pool build ({args.workers} processes): {results['pool_build_s']:.1f}s, "
              f"{results['documents']} documents, {results['passages']} passages; phases {reference['phases']}", flush=True)

        if not args.skip_dask:
            started = time.monotonic()
            with cluster.client_for(f"local:{args.workers}") as client:  # as `archive build --cluster local:N` starts it
                client.wait_for_workers(args.workers)
                results["dask_startup_s"] = time.monotonic() - started
                with cluster.using(client) as mapper:
                    results["dask"] = timed_build(args.sources, dask_db, workers=args.workers, cluster_processes=client)
                results["dask"]["tasks"] = mapper.tasks
            results["dask_build_s"] = results["dask"]["seconds"]
            results["dask_over_pool"] = results["dask_build_s"] / results["pool_build_s"]
            print(f"dask build ({args.workers} workers): {results['dask_build_s']:.1f}s "
                  f"(+{results['dask_startup_s']:.1f}s cluster start), {results['dask_over_pool']:.2f}x the pool; "
                  f"phases {results['dask']['phases']}", flush=True)
            same = digest(pool_db) == digest(dask_db)
            results["dask_rows_equal"] = same
            dask_db.unlink()  # compared; at 5M passages the disk holds only so many copies
            print(f"every row and id equal (dask vs pool): {same}", flush=True)

    if args.skip_shards:
        return save(results, args.out)

    # 2. shards written in parallel against one merged build
    sharded = args.out / "sharded.db"
    results["shard_runs"] = []
    runs = [(k, args.workers) for k in sorted(set(args.shard_counts) - {args.shards})]
    runs += [(args.shards, 1)] if args.workers > 1 else []
    runs += [(args.shards, args.workers)]  # last: the shards that are merged and served
    sharded.unlink(missing_ok=True)
    try:  # the shards only read it: a second name for the pool build, not a second copy
        os.link(pool_db, sharded)
    except OSError:
        shutil.copyfile(pool_db, sharded)
    for count, workers in runs:
        shutil.rmtree(shards.shards_folder_for(sharded), ignore_errors=True)  # one set on the disk at a time
        load = os.getloadavg()[0]
        started, cpu = time.monotonic(), time.process_time()
        manifest = shards.write_shards(sharded, str(count), workers=workers, log=quiet)
        seconds = time.monotonic() - started
        results["shard_runs"].append({
            "shards": count, "workers": workers, "seconds": seconds, "load": load,
            # this process's CPU: the plan, the processes' start, the manifest (and the shards themselves
            # when they are written here, at 1 process)
            "parent_cpu_s": time.process_time() - cpu,
            "per_shard": [{k: s[k] for k in ("passages", "seconds", "cpu_seconds")} for s in manifest["shards"]]})
        print(f"{count} shards over {workers} processes: {seconds:.1f}s (load {load:.1f}); per shard "
              f"{[s['seconds'] for s in manifest['shards']]} s", flush=True)
    results["shards_build_s"] = results["shard_runs"][-1]["seconds"]
    merged = args.out / "merged.db"
    load = os.getloadavg()[0]
    started, cpu = time.monotonic(), time.process_time()
    shards.merge_shards(shards.manifest_path_for(sharded), merged)
    results["merged_build_s"] = time.monotonic() - started
    results["merged_cpu_s"] = time.process_time() - cpu
    results["merged_load"] = load
    results["merged_over_shards"] = results["merged_build_s"] / results["shards_build_s"]
    # the same comparison in CPU time, as it would be on idle cores: the merge's CPU against the
    # busiest process's CPU (the shards dealt out in order, as the pool does), plus the shards'
    # parent (plan, manifest)
    last = results["shard_runs"][-1]
    lanes = [0.0] * args.workers
    for shard in last["per_shard"]:
        lanes[lanes.index(min(lanes))] += shard["cpu_seconds"]
    results["shards_cpu_makespan_s"] = max(lanes)
    results["merged_over_shards_cpu"] = results["merged_cpu_s"] / max(lanes)
    print(f"{args.shards} shards in parallel ({args.workers} processes): {results['shards_build_s']:.1f}s; "
          f"one merged file: {results['merged_build_s']:.1f}s ({results['merged_over_shards']:.2f}x; load {load:.1f}); "
          f"in CPU time: merge {results['merged_cpu_s']:.1f}s, busiest shard process {max(lanes):.1f}s "
          f"({results['merged_over_shards_cpu']:.2f}x)", flush=True)
    served = TABLES
    results["merged_rows_equal"] = digest(merged, served) == digest(pool_db, served)
    print(f"every row and id equal (merged shards vs pool build): {results['merged_rows_equal']}", flush=True)
    if args.skip_search:
        return save(results, args.out)

    # 3. searches fanned over the shards against the merged file
    manifest = json.loads(shards.manifest_path_for(sharded).read_text(encoding="utf-8"))
    files = [sharded.parent / s["path"] for s in manifest["shards"]]
    times: dict[str, list[float]] = {"merged": [], "fanned": []}
    equal = True
    with concurrent.futures.ThreadPoolExecutor(args.workers) as pool:
        for query in QUERIES:
            search(merged, query), fanned(files, query, pool)  # warm the page cache
            for _ in range(args.repeat):
                started = time.perf_counter()
                one = search(merged, query)
                times["merged"].append(time.perf_counter() - started)
                started = time.perf_counter()
                many = fanned(files, query, pool)
                times["fanned"].append(time.perf_counter() - started)
                equal = equal and one == many
            results.setdefault("matches", {})[query] = one[0]
    for name, values in times.items():
        results[f"{name}_p50_ms"] = 1000 * statistics.median(values)
        results[f"{name}_p95_ms"] = 1000 * percentile(values, 0.95)
    results["fanned_over_merged_p95"] = results["fanned_p95_ms"] / results["merged_p95_ms"]
    results["search_counts_equal"] = equal
    print(f"search p95: merged {results['merged_p95_ms']:.1f} ms, fanned over {args.shards} shards "
          f"{results['fanned_p95_ms']:.1f} ms ({results['fanned_over_merged_p95']:.2f}x); counts and facets equal: {equal}")
    print(f"matches per query: {results['matches']}")
    results["load_after"] = os.getloadavg()
    print("the search page, served:", flush=True)
    results["served"] = serve_bench(shards.manifest_path_for(sharded), merged, args.repeat, args.out)
    (args.out / "results.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
