"""Cost of ingest.reuse.find_clusters on a synthetic corpus; prints figures, asserts nothing.

    PYTHONPATH=. python bench/reuse.py --passages 100000
    PYTHONPATH=. python bench/reuse.py --archive ARCHIVE.db --scratch DIR

With ``--archive``: the passages of a built archive (read-only), sketched into a ``ReuseIndex``
with a scratch folder as ``archive build`` does, then clustered alone as the build's writer
clusters them (each band's rows made as for the stored LSH index, digested instead of stored).
Prints the CPU and wall seconds of the clustering, the process's RSS when it starts and its
peak during it (sampled every 0.05 s), and a digest of the clusters, verified pairs and band
rows (equal digests: the same output).

The corpus: documents of 20 passages; each passage 1-4 sentences of 8-24 words drawn from a
Zipf-distributed vocabulary of 20,000 words, plus a stock phrase ("the 1988 massacre of political
prisoners in Iran", ...) in one passage out of three. A share of passages (``--copies``) are copies
of an earlier passage placed in another document: exact, a word changed, or a sentence added.
Recall is the share of those copies found in the same cluster as their original.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import resource
import shutil
import sqlite3
import threading
import time

from ingest import reuse

STOCK = [
    "the 1988 massacre of political prisoners in Iran",
    "crimes against humanity",
    "follow us on Twitter and Facebook",
    "the international community must act now",
]


def corpus(n: int, copies: float, seed: int = 7):
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(20_000)]
    weights = [1 / (i + 1) for i in range(len(vocab))]
    cum = []
    total = 0.0
    for w in weights:
        total += w
        cum.append(total)

    def sentence():
        words = rng.choices(vocab, cum_weights=cum, k=rng.randint(8, 24))
        if rng.random() < 0.33:
            words.insert(rng.randrange(len(words)), rng.choice(STOCK))
        return " ".join(words).capitalize() + "."

    texts, expected = [], []
    for i in range(n):
        if i > 100 and rng.random() < copies:
            j = rng.randrange(i - 100)  # an earlier passage, in another document
            text = texts[j]
            kind = rng.choice(["exact", "word", "sentence"])
            if kind == "word":
                words = text.split()
                k = rng.randrange(len(words))
                words[k] = "changed"
                text = " ".join(words)
            elif kind == "sentence":
                text = text + " " + sentence()
            expected.append((j, i))
        else:
            text = " ".join(sentence() for _ in range(rng.randint(1, 4)))
        texts.append(text)
    inputs = [
        reuse.ReuseInput(i, i // 20, f"pub{(i // 20) % 50}", f"aff{(i // 20) % 5}", None, t)
        for i, t in enumerate(texts)
    ]
    return inputs, expected


def rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class RssSampler(threading.Thread):
    """The process's peak RSS (MB) from /proc, sampled every ``every`` seconds until stopped."""

    def __init__(self, every: float = 0.05):
        super().__init__(daemon=True)
        self.every, self.peak, self.running = every, rss_mb(), True

    def run(self):
        while self.running:
            self.peak = max(self.peak, rss_mb())
            time.sleep(self.every)

    def stop(self) -> float:
        self.running = False
        self.join()
        self.peak = max(self.peak, rss_mb())
        return self.peak


def archive(db: str, scratch: str) -> None:
    """Cluster the passages of a built archive as the build's writer does; print the figures."""
    import numpy as np

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    shutil.rmtree(scratch, ignore_errors=True)
    index = reuse.ReuseIndex(scratch=scratch)
    started, cpu = time.perf_counter(), time.process_time()
    rows = conn.execute("SELECT id, document_id, publisher_id, affiliation_id, published, text FROM passages ORDER BY rowid")
    while True:
        batch = [reuse.ReuseInput(*row) for row in rows.fetchmany(2048)]
        if not batch:
            break
        index.add(batch, reuse.sketch([p.text for p in batch]))
    conn.close()
    print(f"sketch: {time.perf_counter() - started:.1f} s wall, {time.process_time() - cpu:.1f} s CPU", flush=True)
    index.finish_adding()
    rowids = np.arange(1, len(index.passage_ids) + 1, dtype=np.int64)
    bits = reuse.prefix_bits(index.segments)
    digest = hashlib.sha256()
    segment_rowids: list = []

    def on_band(band, sorted_keys, order):  # as ingest.build.store_reuse_index, digested
        if not segment_rowids:
            segment_rowids.append(rowids[np.concatenate(index.seg_passage)].astype(np.uint32))
        for prefix, (keys, passages) in sorted(reuse.band_rows(sorted_keys, segment_rowids[0][order], bits).items()):
            digest.update(f"{band} {prefix}".encode())
            digest.update(keys.astype("<u4").tobytes())
            digest.update(passages.astype("<u4").tobytes())

    import ctypes
    import gc

    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)  # as the build does before clustering
    before = rss_mb()
    sampler = RssSampler()
    sampler.start()
    started, cpu = time.perf_counter(), time.process_time()
    stats: dict = {}
    clusters = index.clusters(stats, on_band=on_band)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = sampler.stop()
    digest.update(rowids[index.edges].astype("<i8").tobytes())
    digest.update(repr([(c.row(), c.passage_ids, c.documents, c.publishers, c.affiliations) for c in clusters]).encode())
    for key, value in stats.items():
        print(f"  {key:<18}{value:>12,.1f}" if isinstance(value, float) else f"  {key:<18}{value:>12,}")
    print(f"clusters            {len(clusters):>12,}")
    print(f"clustering: {wall:.1f} s wall, {cpu:.1f} s CPU; RSS {before:.0f} MB before, peak {peak:.0f} MB "
          f"(+{peak - before:.0f}); load {os.getloadavg()[0]:.1f}")
    print(f"digest {digest.hexdigest()}")
    shutil.rmtree(scratch, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--passages", type=int, default=100_000)
    ap.add_argument("--copies", type=float, default=0.05)
    ap.add_argument("--archive", help="cluster the passages of this built archive (read-only) instead")
    ap.add_argument("--scratch", default="reuse-scratch", help="with --archive: the scratch folder (deleted)")
    args = ap.parse_args()
    if args.archive:
        archive(args.archive, args.scratch)
        return
    inputs, expected = corpus(args.passages, args.copies)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tokens = sum(len(reuse.tokens(i.text)) for i in inputs)
    t0 = time.perf_counter()
    stats = {}
    clusters = reuse.find_clusters(iter(inputs), stats)
    elapsed = time.perf_counter() - t0
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cluster_of = {p: c.id for c in clusters for p in c.passage_ids}
    found = sum(1 for a, b in expected if a in cluster_of and cluster_of.get(a) == cluster_of.get(b))
    in_pairs = {p for pair in expected for p in pair}
    spurious = sum(1 for p in cluster_of if p not in in_pairs)
    print(f"passages            {len(inputs):>12,}")
    print(f"tokens              {tokens:>12,}")
    print(f"injected copies     {len(expected):>12,}")
    print(f"clusters            {len(clusters):>12,}")
    print(f"passages clustered  {sum(c.size for c in clusters):>12,}")
    print(f"recall of copies    {found / max(1, len(expected)):>12.3f}")
    print(f"clustered, not a copy{spurious:>11,}")
    print(f"largest cluster     {max((c.size for c in clusters), default=0):>12,}")
    print(f"time (s)            {elapsed:>12.1f}")
    print(f"passages per second {len(inputs) / elapsed:>12,.0f}")
    for key, value in stats.items():
        print(f"  {key:<18}{value:>12,.1f}" if isinstance(value, float) else f"  {key:<18}{value:>12,}")
    shown = 0
    for c in clusters:
        if shown < 3 and any(p not in in_pairs for p in c.passage_ids):
            shown += 1
            print("  clustered, not an injected copy:")
            for p in c.passage_ids:
                print(f"    {p}: {inputs[p].text[:160]}")
    print(f"peak RSS before (MB){rss0 / 1024:>12.0f}   (corpus in memory)")
    print(f"peak RSS after (MB) {rss1 / 1024:>12.0f}")
    print(f"growth (MB)         {(rss1 - rss0) / 1024:>12.0f}")


if __name__ == "__main__":
    main()
