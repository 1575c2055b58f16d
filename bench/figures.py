"""Cost of ingest.figures.find_figures per passage; prints figures, asserts nothing.

    PYTHONPATH=. python bench/figures.py --repeat 200
    PYTHONPATH=. python bench/figures.py --persian --against HEAD~5
    PYTHONPATH=. python bench/figures.py --text-dir DIR   # every *.txt under DIR, split at lines

The passages: the seed articles split at blank lines (English), plus the Persian paragraphs of
tests/test_figures.py with ``--persian``, plus the non-empty lines of the ``*.txt`` files under
``--text-dir``. Each passage is run ``--repeat`` times. ``--against REV`` times the
ingest/figures.py of a git revision on the same passages in the same run, so the two numbers
share the machine's load. ``--persian`` also prints how many Persian fixture figures are read with
the right value.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.figures import find_figures  # noqa: E402


def passages(persian: bool, text_dir: str | None = None) -> list[str]:
    out = []
    for path in sorted((ROOT / "sources" / "articles").glob("*.txt")):
        out += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    if persian:
        from tests.test_figures import PERSIAN, PERSIAN_NON_COUNTS

        out += [text for text, _ in PERSIAN] + PERSIAN_NON_COUNTS
    if text_dir:
        for path in sorted(Path(text_dir).rglob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            out += [line for line in text.split("\n") if line.strip()]
    return out


def load_revision(rev: str):
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:ingest/figures.py"],
                            check=True, capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp()) / "figures_at_revision.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("figures_at_revision", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module.find_figures


def timed(fn, texts, repeat) -> float:
    t0 = time.perf_counter()
    for _ in range(repeat):
        for t in texts:
            fn(t)
    return (time.perf_counter() - t0) / (repeat * len(texts))


def persian_score() -> tuple[int, int]:
    from tests.test_figures import PERSIAN

    right = total = 0
    for text, expected in PERSIAN:
        found = {(f.text, f.low, f.high) for f in find_figures(text)}
        for surface, low, high, *_ in expected:
            total += 1
            right += (surface, low, high) in found
    return right, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--persian", action="store_true", help="add the Persian test paragraphs")
    parser.add_argument("--text-dir", help="add the lines of every *.txt file under this folder")
    parser.add_argument("--against", metavar="REV", help="also time ingest/figures.py at this git revision")
    args = parser.parse_args()
    if args.text_dir and not Path(args.text_dir).is_dir():
        parser.error(f"--text-dir {args.text_dir}: not a folder")
    texts = passages(args.persian, args.text_dir)
    chars = sum(map(len, texts)) / len(texts)
    found = sum(len(find_figures(t)) for t in texts)
    print(f"passages {len(texts)} (mean {chars:.0f} chars) x{args.repeat}, figures {found}")
    runs = [("now", find_figures)]
    if args.against:
        runs.append((args.against, load_revision(args.against)))
    for _ in range(2):  # twice, interleaved, so both share the machine's load
        for name, fn in runs:
            cost = timed(fn, texts, args.repeat)
            print(f"  {name:>10}: {cost * 1e6:6.1f} µs per passage; 1M passages ≈ {cost * 1e6:.0f} s")
    if args.persian:
        right, total = persian_score()
        print(f"Persian fixture figures read with the right value: {right}/{total}")


if __name__ == "__main__":
    main()
