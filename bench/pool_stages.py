"""CPU per article of each stage of the pool's work (read, language, clean, split, figures, sketch),
one process, no database: what `archive build` spends per document before the writer.

    python bench/pool_stages.py --sources CORPUS [--articles 2000]

CORPUS is a folder of bench/corpus.py (articles/ and the registries). Each stage is timed with
``time.process_time`` around its function (robust to the machine's load); "other" is the rest of
``build.files_rows`` (rows, ids, statements, attribution).
"""

from __future__ import annotations

import argparse
import collections
import functools
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest import build, claims, language, reuse  # noqa: E402
from ingest.registry import load_registries  # noqa: E402


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=2000, help="the first N files")
    args = parser.parse_args(argv)
    registries = load_registries(args.sources, args.sources / "articles")
    files = build.source_files(args.sources, registries)[:args.articles]
    repeated, _, _ = build.count_repeated_lines(files, args.sources / "articles", registries, 1)
    build.set_worker({"articles": args.sources / "articles", "registries": registries, "repeated": repeated})
    language.detect_language("The model is loaded before the clock starts.")
    spent: collections.Counter = collections.Counter()

    def timed(module, name, label):
        function = getattr(module, name)

        @functools.wraps(function)
        def wrapper(*a, **k):
            started = time.process_time()
            try:
                return function(*a, **k)
            finally:
                spent[label] += time.process_time() - started
        setattr(module, name, wrapper)

    for module, name, label in [(build, "read_sources", "read"), (build, "document_language", "language"),
                                (build, "clean", "clean"), (build, "split", "split"),
                                (claims, "find_figures", "figures"), (reuse, "sketch", "sketch"),
                                (reuse, "passage_shingles", "shingles")]:
        timed(module, name, label)
    tasks = [files[i:i + build.FILES_PER_TASK] for i in range(0, len(files), build.FILES_PER_TASK)]
    started = time.process_time()
    for task in tasks:
        build.files_rows(*task)
    total = time.process_time() - started
    n = len(files)
    for label, seconds in spent.most_common():
        print(f"{label:10s} {1000 * seconds / n:.3f} ms/article")
    print(f"{'other':10s} {1000 * (total - sum(spent.values())) / n:.3f} ms/article")
    print(f"{'total':10s} {1000 * total / n:.3f} ms/article ({n} articles)")


if __name__ == "__main__":
    main()
