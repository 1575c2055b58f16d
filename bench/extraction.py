"""Benchmark: HTML ingest against the extraction benchmark's ground truth (not a test).

Runs ``ingest.html.read_html`` ("ingest": ``Source.text``; "as built": the passages the build
keeps of it after ``clean`` with the reader's hints and ``split``) and, as the baseline, trafilatura alone with default
settings (``trafilatura.extract``; htmldate ``find_date`` defaults for dates) over each set
of the benchmark and prints text F1 (with per-page medians), title accuracy, date accuracy,
pages per second and crashes. What is compared to the ground-truth text is
``Source.text`` as the ingest stores it (tweet attribution lines and captions included).

    python bench/extraction.py --bench-dir DIR [--set aeb] [--folds 5]

With ``--folds K`` the text sets are also scored cross-validated: the pages are dealt into K
folds by a hash of their id, and each fold's pages are read with the ``ingest.html.Settings``
(over ``HTML_GRID``) that scored the best text F1 on the other folds; the row
"ingest (K-fold)" pools those held-out pages.

Metric (the benchmark's README): word tokens ``\\w+``, bags of overlapping 4-token
shingles; precision averaged over pages with output, recall over pages with ground truth,
F1 of the two averages; date exact day; title exact after folding case and whitespace.
"""

from __future__ import annotations

import hashlib
import json
import re
import statistics
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.html import Settings, assemble, decode_html, extract_blocks, read_html  # noqa: E402

TOKEN_RE = re.compile(r"\w+")
SETS = ("aeb", "readability", "htmldate")

# The one option both benchmark scripts (this and text_cleaning.py) take.
bench_dir_option = click.option(
    "--bench-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    required=True,
    help="The extraction benchmark's folder (aeb/, readability/, htmldate/ with manifest.jsonl).",
)
# each setting's candidate values; the first is the default
# (captions stay on: the archive needs them as caption passages, whatever they cost here)
HTML_GRID = {
    "cut_by_class": (False, True),
    "favor": (None, "precision", "recall"),
}


def shingles(text: str | None, n: int = 4) -> Counter:
    tokens = TOKEN_RE.findall(text or "")
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_scores(predicted: str | None, truth: str | None):
    """(precision or None, recall or None, f1) for one page."""
    p_sh, t_sh = shingles(predicted), shingles(truth)
    tp = sum((p_sh & t_sh).values())
    precision = tp / sum(p_sh.values()) if p_sh else None
    recall = tp / sum(t_sh.values()) if t_sh else None
    if precision and recall:
        f1 = 2 * precision * recall / (precision + recall)
    else:
        f1 = 0.0
    return precision, recall, f1


def fold(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def ours(html: bytes, row: dict) -> dict:
    source = read_html(html, row["html"], url=row.get("url"))
    return {"text": source.text, "title": source.title, "date": source.published}


def built(html: bytes, row: dict) -> dict:
    """What the build keeps of the page: its passages after ``clean`` (given the reader's hints)
    and ``split``."""
    from ingest.clean import clean
    from ingest.split import split

    source = read_html(html, row["html"], url=row.get("url"))
    cleaned = clean(source.text, hints=source.hints)
    text = "\n\n".join(p.text for p in split(source.text, cleaned.kept, source.hints))
    return {"text": text, "title": source.title, "date": source.published}


def baseline(html: bytes, row: dict) -> dict:
    import trafilatura
    from htmldate import find_date

    text = trafilatura.extract(html, url=row.get("url"))
    meta = trafilatura.extract_metadata(html, default_url=row.get("url"))
    return {
        "text": text,
        "title": meta.title if meta else None,
        "date": find_date(html, url=row.get("url")),
    }


def run(set_dir: Path, extractor, verbose: bool = False) -> dict:
    rows = [json.loads(line) for line in (set_dir / "manifest.jsonl").open()]
    precisions, recalls, f1s = [], [], []
    titles = dates = date_total = title_total = crashes = 0
    misses = []
    started = time.perf_counter()
    for row in rows:
        html = (set_dir / row["html"]).read_bytes()
        try:
            out = extractor(html, row)
        except Exception:
            crashes += 1
            if verbose:
                traceback.print_exc()
            out = {"text": None, "title": None, "date": None}
        if row.get("text"):
            truth = (set_dir / row["text"]).read_text(encoding="utf-8")
            precision, recall, f1 = page_scores(out["text"], truth)
            if precision is not None:
                precisions.append(precision)
            if recall is not None:
                recalls.append(recall)
            f1s.append(f1)
            if verbose and f1 < 0.8:
                misses.append(f"  text f1 {f1:.2f} p {precision} r {recall}  {row['id']}")
        if row.get("title"):
            title_total += 1
            titles += fold(out["title"]) == fold(row["title"])
            if verbose and fold(out["title"]) != fold(row["title"]):
                misses.append(f"  title {out['title']!r} != {row['title']!r}")
        if row.get("date") or row.get("no_date"):
            date_total += 1
            ok = (out["date"] is None) if row.get("no_date") else (out["date"] == row["date"])
            dates += ok
            if verbose and not ok:
                misses.append(f"  date {out['date']} != {row.get('date')}  {row['id']}")
    elapsed = time.perf_counter() - started
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    return {
        "pages": len(rows),
        "text_pages": len(f1s),
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "median_precision": statistics.median(precisions) if precisions else None,
        "median_recall": statistics.median(recalls) if recalls else None,
        "median_f1": statistics.median(f1s) if f1s else None,
        "title_accuracy": titles / title_total if title_total else None,
        "title_pages": title_total,
        "date_accuracy": dates / date_total if date_total else None,
        "date_pages": date_total,
        "pages_per_second": len(rows) / elapsed if elapsed else 0.0,
        "crashes": crashes,
        "misses": misses,
    }


def grid():
    import itertools

    names = list(HTML_GRID)
    for values in itertools.product(*(HTML_GRID[n] for n in names)):
        yield Settings(**dict(zip(names, values)))


def text_only(html: bytes, row: dict, settings: Settings) -> str:
    from bs4 import BeautifulSoup

    decoded, _ = decode_html(html)
    return assemble(extract_blocks(decoded, row.get("url"), BeautifulSoup(decoded, "lxml"), settings))[0]


def fold_of(page_id: str, folds: int) -> int:
    """The cross-validation fold of a page: from its id, so every run and script agrees."""
    return int(hashlib.sha256(page_id.encode()).hexdigest(), 16) % folds


def score(outputs: list[tuple[str, str]]) -> dict:
    """P/R/F1 (averages, then F1 of the averages) and median F1 over (predicted, truth) pairs."""
    precisions, recalls, f1s = [], [], []
    for predicted, truth in outputs:
        p, r, f = page_scores(predicted, truth)
        if p is not None:
            precisions.append(p)
        if r is not None:
            recalls.append(r)
        f1s.append(f)
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    return {"P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0, "medF1": statistics.median(f1s) if f1s else 0.0}


def cross_validated(set_dir: Path, folds: int):
    """(P, R, F1) over held-out folds, and the settings each fold chose."""
    rows = [json.loads(line) for line in (set_dir / "manifest.jsonl").open()]
    rows = [row for row in rows if row.get("text")]
    candidates = list(grid())
    truths = [(set_dir / row["text"]).read_text(encoding="utf-8") for row in rows]
    outputs = {}
    for settings in candidates:
        texts = []
        for row in rows:
            try:
                texts.append(text_only((set_dir / row["html"]).read_bytes(), row, settings))
            except Exception:
                texts.append("")
        outputs[settings] = texts
    fold = [fold_of(row["id"], folds) for row in rows]
    held_out, chosen = [], []
    for k in range(folds):
        train = [i for i in range(len(rows)) if fold[i] != k]
        best = max(candidates, key=lambda s: score([(outputs[s][i], truths[i]) for i in train])["F1"])
        chosen.append(best)
        held_out.extend((outputs[best][i], truths[i]) for i in range(len(rows)) if fold[i] == k)
    held = score(held_out)
    return (held["P"], held["R"], held["F1"]), chosen


def fmt(value) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


@click.command()
@bench_dir_option
@click.option("--set", "sets", multiple=True, type=click.Choice(SETS), help="Only these sets.")
@click.option("--no-baseline", is_flag=True, help="Skip trafilatura alone.")
@click.option("-v", "--verbose", is_flag=True, help="Print the pages each run gets wrong.")
@click.option("--folds", default=0, show_default=True, help="Also score the text sets cross-validated over this many folds.")
def main(bench_dir: Path, sets, no_baseline: bool, verbose: bool, folds: int):
    """Print text F1, title and date accuracy, speed and crashes per set."""
    runners = [("ingest", ours), ("as built", built)] + ([] if no_baseline else [("trafilatura", baseline)])
    header = ("set", "run", "pages", "P", "R", "F1", "medP", "medR", "medF1", "title", "date", "pages/s", "crashes")
    print(" ".join(f"{h:>11}" for h in header))
    for name in sets or SETS:
        for label, extractor in runners:
            result = run(bench_dir / name, extractor, verbose)
            has_text = result["text_pages"] > 0
            cells = (
                name,
                label,
                result["pages"],
                result["precision"] if has_text else None,
                result["recall"] if has_text else None,
                result["f1"] if has_text else None,
                result["median_precision"],
                result["median_recall"],
                result["median_f1"],
                result["title_accuracy"],
                result["date_accuracy"],
                result["pages_per_second"],
                result["crashes"],
            )
            print(" ".join(f"{fmt(c):>11}" for c in cells), flush=True)
            for line in result["misses"]:
                print(line)
        if folds and name != "htmldate":
            (p, r, f1), chosen = cross_validated(bench_dir / name, folds)
            print(" ".join(f"{fmt(c):>11}" for c in (name, f"ingest({folds}-fold)", "", p, r, f1)), flush=True)
            default = Settings()
            for k, settings in enumerate(chosen):
                diff = {key: value for key, value in vars(settings).items() if value != getattr(default, key)}
                print(f"  fold {k} chose {diff or 'the defaults'}")


if __name__ == "__main__":
    main()
