"""Benchmark: the text path's cleaner on pages no one here wrote (not a test).

Each page of the extraction benchmark is rendered to plain text the way a scraper saves it
(``html_text.extract_text(html, guess_layout=True)``), then cleaned and split as the build
does for a ``.txt`` source with no manifest entry (``clean`` with no repeated lines, then
``split``). The passages, one blank line apart, are scored against the human-marked article
body with the metric of ``bench/extraction.py``, beside two baselines:

- keep everything: the rendered text as it is;
- jusText over the lines: each line a paragraph, jusText's English stop-words, its
  good and near-good paragraphs kept.

Figures are cross-validated: the pages of each set are dealt into ``--folds`` folds by a hash
of their id; for each fold the cleaner's settings (``ingest.clean.Settings``, over
``SETTINGS_GRID``) are chosen on the other folds and scored on this one. The held-out
figures pool every fold's pages. ``--no-tune`` scores the default settings only.

    python bench/text_cleaning.py --bench-dir DIR [--set aeb] [-v]

Needs ``html-text`` and ``justext`` (benchmark dependencies only).
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.extraction import bench_dir_option, fold_of, page_scores, score  # noqa: E402
from ingest.clean import Settings, clean  # noqa: E402
from ingest.read import normalise_newlines  # noqa: E402
from ingest.split import split  # noqa: E402

SETS = ("aeb", "readability")
# each setting's candidate values; the first is the default
SETTINGS_GRID = {
    "outside_prose_share": (0.5, 0.3, 1.0),
    "second_part_words": (100.0, 50.0, 10_000.0),
    "short_line_cost": (6.0, 3.0),
    "rule_line_cost": (25.0, 10.0),
}


def render(html: bytes) -> str:
    import html_text

    return normalise_newlines(html_text.extract_text(html.decode("utf-8", "replace"), guess_layout=True))


def cleaned_text(text: str, settings: Settings | None = None) -> tuple[str, list]:
    cleaned = clean(text, settings=settings)
    passages = split(text, cleaned.kept)
    return "\n\n".join(p.text for p in passages), passages, cleaned.removed


def justext_text(text: str) -> str:
    import justext

    lines = [line.strip() for line in text.split("\n") if line.strip()]
    html = "<html><body>" + "".join(f"<p>{escape(line)}</p>" for line in lines) + "</body></html>"
    paragraphs = justext.justext(html.encode("utf-8"), justext.get_stoplist("English"))
    return "\n\n".join(p.text for p in paragraphs if p.class_type in ("good", "neargood") or not p.is_boilerplate)


def escape(line: str) -> str:
    return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def load(set_dir: Path) -> list[dict]:
    pages = []
    for line in (set_dir / "manifest.jsonl").open():
        row = json.loads(line)
        if not row.get("text"):
            continue
        pages.append({
            "id": row["id"],
            "text": render((set_dir / row["html"]).read_bytes()),
            "truth": (set_dir / row["text"]).read_text(encoding="utf-8"),
        })
    return pages


def all_settings():
    names = list(SETTINGS_GRID)
    for values in itertools.product(*(SETTINGS_GRID[n] for n in names)):
        yield Settings(**dict(zip(names, values)))


def objective(result: dict) -> float:
    """What tuning maximises: F1, with recall below 0.97 heavily penalised (recall comes first)."""
    return result["F1"] - 5 * max(0.0, 0.97 - result["R"])


def outputs_per_settings(pages: list[dict]) -> dict[Settings, list[str]]:
    return {settings: [cleaned_text(p["text"], settings)[0] for p in pages] for settings in all_settings()}


def best_settings(outputs: dict[Settings, list[str]], pages: list[dict], indices) -> Settings:
    return max(outputs, key=lambda s: objective(score([(outputs[s][i], pages[i]["truth"]) for i in indices])))


def cross_validated(pages: list[dict], outputs: dict[Settings, list[str]], folds: int) -> tuple[dict, list[Settings]]:
    """Held-out score: each fold's pages cleaned with the settings that did best on the other folds."""
    held_out, chosen = [], []
    for k in range(folds):
        train = [i for i, p in enumerate(pages) if fold_of(p["id"], folds) != k]
        test = [i for i, p in enumerate(pages) if fold_of(p["id"], folds) == k]
        best = best_settings(outputs, pages, train)
        chosen.append(best)
        held_out.extend((outputs[best][i], pages[i]["truth"]) for i in test)
    return score(held_out), chosen


def changed(settings: Settings) -> dict:
    return {f.name: getattr(settings, f.name) for f in dataclasses.fields(settings) if getattr(settings, f.name) != getattr(Settings(), f.name)} or "the defaults"


@click.command()
@bench_dir_option
@click.option("--set", "sets", multiple=True, type=click.Choice(SETS), help="Only these sets.")
@click.option("--folds", default=5, show_default=True, help="Folds for cross-validation.")
@click.option("--no-tune", is_flag=True, help="Score the default settings only.")
@click.option("-v", "--verbose", is_flag=True, help="Print each page's score and what was removed or kept wrongly.")
@click.option("--page", help="Only the page with this id (prefix); implies -v.")
def main(bench_dir: Path, sets, folds: int, no_tune: bool, verbose: bool, page: str | None):
    """Print P/R/F1 per set: keep everything, jusText over the lines, and the archive's cleaner."""
    print(f"{'set':>12} {'run':>26} {'pages':>6} {'P':>6} {'R':>6} {'F1':>6} {'medF1':>6}")
    names = list(sets or SETS)
    loaded = {name: load(bench_dir / name) for name in names}
    if page:
        loaded = {name: [p for p in pages if p["id"].startswith(page)] for name, pages in loaded.items()}
        verbose, no_tune = True, True
    outputs = {} if no_tune else {name: outputs_per_settings(pages) for name, pages in loaded.items()}
    for name, pages in loaded.items():
        runs = [
            ("keep everything", score([(p["text"], p["truth"]) for p in pages])),
            ("jusText over lines", score([(justext_text(p["text"]), p["truth"]) for p in pages])),
            ("archive (defaults)", score([(cleaned_text(p["text"])[0], p["truth"]) for p in pages])),
        ]
        notes = []
        if not no_tune:
            held_out, chosen = cross_validated(pages, outputs[name], folds)
            runs.append((f"archive ({folds}-fold held out)", held_out))
            notes += [f"fold {k} chose {changed(settings)}" for k, settings in enumerate(chosen)]
            for other in (n for n in names if n != name):
                settings = best_settings(outputs[other], loaded[other], range(len(loaded[other])))
                runs.append((f"archive (tuned on {other})", score([(outputs[name][settings][i], p["truth"]) for i, p in enumerate(pages)])))
                notes.append(f"tuned on {other}: {changed(settings)}")
        for label, result in runs:
            print(f"{name:>12} {label:>26} {len(pages):>6} {result['P']:.3f} {result['R']:.3f} {result['F1']:.3f} {result['medF1']:.3f}", flush=True)
        for note in notes:
            print(f"{'':>12} {note}")
        if verbose:
            for p in pages:
                report(p)


def report(page: dict) -> None:
    """A page's score, the removed lines that are article text and the kept lines that are not."""
    text, passages, removed = cleaned_text(page["text"])
    precision, recall, f1 = page_scores(text, page["truth"])
    print(f"\n== {page['id'][:12]} P {precision or 0:.2f} R {recall or 0:.2f} F1 {f1:.2f}")
    truth = " ".join(page["truth"].split())
    for r in removed:
        if len(r.text.split()) >= 4 and " ".join(r.text.split()) in truth:
            print(f"  LOST  [{r.reason}] {r.text[:120]!r}")
    for passage in passages:
        if " ".join(passage.text.split()) not in truth:
            print(f"  KEPT  {passage.kind:>9} {passage.text[:120]!r}")


if __name__ == "__main__":
    main()
