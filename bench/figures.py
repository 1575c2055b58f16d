"""Cost of ingest.figures.find_figures per passage; prints figures, asserts nothing.

    PYTHONPATH=. python bench/figures.py --repeat 200

The passages: the seed articles split at blank lines (English), plus the Persian fixture
paragraphs of tests/test_figures.py when ``--persian`` is given. Each passage is run ``--repeat``
times; the script prints passages, figures found and microseconds per passage.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from ingest.figures import find_figures

ROOT = Path(__file__).resolve().parent.parent


def passages(persian: bool) -> list[str]:
    out = []
    for path in sorted((ROOT / "sources" / "articles").glob("*.txt")):
        out += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    if persian:
        from tests.test_figures import PERSIAN

        out += [text for text, _ in PERSIAN]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--persian", action="store_true", help="add the Persian test paragraphs")
    args = parser.parse_args()
    texts = passages(args.persian)
    found = sum(len(find_figures(t)) for t in texts)
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for t in texts:
            find_figures(t)
    elapsed = time.perf_counter() - t0
    n = len(texts) * args.repeat
    chars = sum(map(len, texts)) * args.repeat
    print(f"passages {len(texts)} (x{args.repeat} = {n}), figures {found}")
    print(f"{elapsed / n * 1e6:.1f} µs per passage, {chars / elapsed / 1e6:.2f} M chars/s;"
          f" 1M passages ≈ {elapsed / n * 1e6:.0f} s")


if __name__ == "__main__":
    main()
