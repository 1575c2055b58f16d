"""Load test: N concurrent clients against a running `archive serve`, on loopback, for a bounded time.

Starts `archive serve` on 127.0.0.1 (a free port), waits until it answers, then runs ``--clients``
threads for ``--seconds``, each mixing: searches with facets, passage pages, document pages, canned
queries and CSV exports. Prints the count of 5xx answers and connection errors, p50/p99 per request
type, and the server's resident memory at the start and the end. Stops the server itself.

With --expensive the clients send only searches matching nearly every passage
(``a* OR b* OR … t*`` in advanced mode, to the search page and to the table page), while one more
client asks for a passage page every 0.5 s, during the load and for 10 s after it.

Example: python bench/load.py --db db/archive.db --seconds 60 --clients 8
         python bench/load.py --db db/archive.db --seconds 30 --clients 20 --expensive
(the file must be called archive.db: metadata.yml configures the 'archive' database)
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode, quote

import yaml

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # loopback only, never anything else
MAX_SECONDS = 600
MAX_CLIENTS = 32
REQUEST_TIMEOUT = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def rss_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            children = []
        for child in map(int, children):
            found.append(child)
            queue.append(child)
    return found


def server_pid(serve_pid: int) -> int:
    """The Datasette process `archive serve` started (the deepest python child)."""
    children = descendants(serve_pid)
    return children[-1] if children else serve_pid


def sample(db: Path, rng: random.Random) -> dict:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    (count,) = conn.execute("select max(rowid) from passages").fetchone()
    rows = [
        conn.execute("select id, document_id, text, publisher_id, affiliation_id, speaker_id from passages where rowid >= ? limit 1", (rng.randint(1, count),)).fetchone()
        for _ in range(300)
    ]
    words = sorted({w.lower() for row in rows for w in re.findall(r"[A-Za-z]{6,}", row[2])})
    speakers = [r[0] for r in conn.execute("select id from speakers limit 200")] or ["nobody"]
    affiliations = [r[0] for r in conn.execute("select id from affiliations")] or ["none"]
    publishers = [r[0] for r in conn.execute("select id from publishers")] or ["none"]
    conn.close()
    return {
        "passages": [r[0] for r in rows], "documents": sorted({r[1] for r in rows}), "words": words or ["iran"],
        "speakers": speakers, "affiliations": affiliations, "publishers": publishers,
    }


def canned_queries(metadata: Path) -> dict[str, list[str]]:
    queries = yaml.safe_load(metadata.read_text())["databases"]["archive"].get("queries", {})
    return {name: sorted(set(re.findall(r"(?<!:):([a-z_]+)", query["sql"]))) for name, query in queries.items()}


def canned_value(param: str, data: dict, rng: random.Random) -> str:
    if "speaker" in param:
        return rng.choice(data["speakers"])
    if "affiliation" in param:
        return rng.choice(data["affiliations"])
    if "publisher" in param:
        return rng.choice(data["publishers"])
    if "document" in param:
        return rng.choice(data["documents"])
    return rng.choice(data["words"])


def make_request(kind: str, data: dict, canned: dict, rng: random.Random) -> str:
    if kind == "expensive search page":
        return "/archive/-/search?" + urlencode({"_search": f"{EXPENSIVE} OR {rng.randrange(10**6)}", "_searchmode": "raw"})
    if kind == "expensive table search":
        return "/archive/passages?" + urlencode({"_search": f"{EXPENSIVE} OR {rng.randrange(10**6)}", "_searchmode": "raw"})
    if kind == "search+facets":  # the search page: count, seven facets, 20 rows highlighted
        return "/archive/-/search?" + urlencode([("_search", rng.choice(data["words"]))])
    if kind == "table search":  # Datasette's own table page with a search
        return "/archive/passages?" + urlencode([("_search", rng.choice(data["words"]))])
    if kind == "passage page":
        return "/archive/passages/" + quote(rng.choice(data["passages"]))
    if kind == "document page":
        return "/archive/documents/" + quote(rng.choice(data["documents"]))
    if kind == "canned query":
        name = rng.choice(sorted(canned))
        return f"/archive/{name}?" + urlencode({param: canned_value(param, data, rng) for param in canned[name]})
    if kind == "csv export":  # the one export path: every match, streamed, inside the limits
        return "/archive/-/search.csv?" + urlencode({"_search": rng.choice(data["words"])})
    raise ValueError(kind)


KINDS = ["search+facets", "table search", "passage page", "document page", "canned query", "csv export"]
# --expensive: clients sending only searches that match almost everything, in advanced mode
EXPENSIVE = " OR ".join(f"{letter}*" for letter in "abcdefghijklmnopqrst")
EXPENSIVE_KINDS = ["expensive search page", "expensive table search"]


def client(port: int, deadline: float, data: dict, canned: dict, seed: int, results: dict, lock: threading.Lock,
           kinds: list[str] = KINDS, pause: float = 0.0) -> None:
    rng = random.Random(seed)
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    local: dict[str, list] = defaultdict(list)
    while time.monotonic() < deadline:
        time.sleep(pause)
        kind = rng.choice(kinds)
        path = make_request(kind, data, canned, rng)
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as error:
            status = f"error: {type(error).__name__}"
            connection.close()
            connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        local[kind].append((time.perf_counter() - started, status, path))
    connection.close()
    with lock:
        for kind, items in local.items():
            results[kind].extend(items)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def wait_until_up(port: int, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"archive serve ended with {process.returncode} before answering")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/-/versions.json")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"archive serve did not answer within {timeout:.0f}s")


def wait_for_search_index(port: int, timeout: float) -> None:
    """The search page's index loads in the background after start (plugins/fast_facets.py)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        connection = http.client.HTTPConnection(HOST, port, timeout=10)
        connection.request("GET", "/-/fast-facets.json")
        if b"loading" not in connection.getresponse().read():
            return
        time.sleep(0.5)
    raise SystemExit(f"the search index did not load within {timeout:.0f}s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=ROOT / "db" / "archive.db")
    parser.add_argument("--sources", type=Path, default=ROOT / "sources")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--expensive", action="store_true",
                        help="the clients send only expensive searches; one more client asks for a passage page every 0.5 s, "
                             "during the load and for 10 s after it")
    args = parser.parse_args()
    seconds = min(args.seconds, MAX_SECONDS)
    clients = min(args.clients, MAX_CLIENTS)
    if not args.db.exists():
        raise SystemExit(f"{args.db}: no such database; run 'archive build' first")
    if args.db.name != "archive.db":  # the pages, queries and metadata.yml name the 'archive' database
        raise SystemExit(f"{args.db}: the file must be called archive.db (link it: ln {args.db} DIR/archive.db)")
    rng = random.Random(args.seed)
    data = sample(args.db, rng)
    canned = canned_queries(ROOT / "metadata.yml")
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    serve = subprocess.Popen(
        [sys.executable, "-m", "ingest", "serve", "--sources", str(args.sources), "--db", str(args.db), "--host", HOST, "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        wait_until_up(port, serve, timeout=300)
        wait_for_search_index(port, timeout=300)
        pid = server_pid(serve.pid)
        rss_start = rss_kb(pid)
        results: dict[str, list] = defaultdict(list)
        lock = threading.Lock()
        deadline = time.monotonic() + seconds
        kinds = EXPENSIVE_KINDS if args.expensive else KINDS
        threads = [
            threading.Thread(target=client, args=(port, deadline, data, canned, args.seed * 100 + i, results, lock, kinds), daemon=True)
            for i in range(clients)
        ]
        if args.expensive:  # the cheap page, probed during the load
            threads.append(threading.Thread(target=client, args=(port, deadline, data, canned, 1, results, lock, ["passage page"], 0.5), daemon=True))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(seconds + REQUEST_TIMEOUT + 10)
        if args.expensive:  # and right after it
            after: dict[str, list] = defaultdict(list)
            client(port, time.monotonic() + 10, data, canned, 2, after, lock, ["passage page"], 0.5)
            results["passage page, after"] = after["passage page"]
        rss_end = rss_kb(pid)
    finally:
        os.killpg(serve.pid, signal.SIGTERM)
        try:
            serve.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(serve.pid, signal.SIGKILL)
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    (passages,) = conn.execute("select count(*) from passages").fetchone()
    conn.close()
    total = sum(len(items) for items in results.values())
    fives = [item for items in results.values() for item in items if isinstance(item[1], int) and item[1] >= 500]
    errors = [item for items in results.values() for item in items if not isinstance(item[1], int)]
    other = defaultdict(int)
    for items in results.values():
        for _, status, _ in items:
            if isinstance(status, int) and status != 200:
                other[status] += 1
    print(f"database: {args.db} ({passages} passages); {clients} clients for {seconds:.0f}s on {HOST}:{port}")
    print(f"requests: {total} ({total / seconds:.1f}/s); 5xx: {len(fives)}; connection errors: {len(errors)}; other non-200: {dict(other) or 0}")
    print(f"{'request type':22} {'count':>6} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind in KINDS + EXPENSIVE_KINDS + ["passage page, after"]:
        times = [seconds_ for seconds_, _, _ in results.get(kind, [])]
        if times:
            print(f"{kind:22} {len(times):6} {1000 * statistics.median(times):8.1f} {1000 * percentile(times, 0.99):8.1f} {1000 * max(times):8.1f}")
    print(f"server RSS: start {rss_start / 1024:.1f} MB, end {rss_end / 1024:.1f} MB" if rss_start and rss_end else "server RSS: unknown")
    for seconds_, status, path in (fives + errors)[:5]:
        print(f"  {status} {path}")


if __name__ == "__main__":
    main()
