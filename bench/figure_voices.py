"""Figures whose voice the text names: how often the archive gives each number to the right voice.

    python bench/figure_voices.py                      # the project's own cases
    python bench/figure_voices.py cases.yml ...        # cases of your own, same shape

Each case is a short text, the figure's words, the voice that gives the number (a speaker's name,
or "outlet") and, optionally, the voice the outlet paraphrases. Each text is run through the
build's own pipeline (``build.document_rows``: clean, split, attribute, statements, figures) with
the registries in ``sources/``. A voice matches when the figure's speaker name and the expected
name share their last word (case-folded; an unnamed voice by its description as written), or the
expected name is part of it ("prison guard" in "A prison guard who asked not to be named"),
"outlet" when the outlet gives the number; an unnamed voice the outlet paraphrases is read from the
statement that holds the number, as ``counts_claimed`` shows it.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.build import document_rows  # noqa: E402
from ingest.model import Source  # noqa: E402
from ingest.registry import load_registries  # noqa: E402

DEFAULT = ROOT / "tests" / "fixtures" / "figure_voices.yml"


def last_word(name: str | None) -> str | None:
    return name.replace("’", "'").split()[-1].casefold() if name else None


def figure_voice(case: dict, registries) -> tuple[str, str | None]:
    """The voice the archive gives the case's figure, by name ("outlet" for none), and whom it paraphrases."""
    source = Source(source_path="case.txt", format="txt", text=case["text"] + "\n",
                    sha256=hashlib.sha256(case["text"].encode()).hexdigest())
    rows = document_rows(source, None, registries, {}, registries.speakers, registries.lexicon)
    names = {**{k: v.get("name") for k, v in registries.speakers.speakers.items()},
             **{k: v["name"] for k, v in rows["speakers"].items()}}
    figures = [f for f in rows["figures"] if case["figure"] in f["text"]]
    if not figures:
        return "(no figure)", None
    figure = figures[0]
    statement = next((s for s in rows["statements"] if s["id"] == figure["statement_id"]), {})
    if figure["speaker_id"]:
        voice = names.get(figure["speaker_id"], figure["speaker_id"])
    elif figure["voice"]:  # an unnamed voice, by its description as written
        voice = statement.get("speaker_role") or "(unnamed)"
    else:
        voice = "outlet"
    if voice == "outlet" and not figure["paraphrasing_id"] and statement.get("attribution") and statement.get("speaker_role"):
        return voice, statement["speaker_role"]  # the outlet paraphrasing an unnamed voice (counts_claimed says so)
    return voice, names.get(figure["paraphrasing_id"], figure["paraphrasing_id"])


def score(cases: list[dict], registries) -> tuple[int, list[str]]:
    right, misses = 0, []
    for case in cases:
        voice, paraphrasing = figure_voice(case, registries)
        ok = (voice == "outlet") if case["voice"] == "outlet" else (
            last_word(voice) == last_word(case["voice"]) or case["voice"].casefold() in voice.casefold())
        if case.get("paraphrasing"):
            ok = ok and last_word(paraphrasing) == last_word(case["paraphrasing"])
        right += ok
        if not ok:
            wanted = f" paraphrasing {case['paraphrasing']!r}" if case.get("paraphrasing") else ""
            misses.append(f"  {case['figure']!r}: expected {case['voice']!r}{wanted}, got {voice!r} (paraphrasing {paraphrasing!r}):"
                          f" {case['text']}")
    return right, misses


def main(paths: list[str]) -> None:
    registries = load_registries(ROOT / "sources")
    cases = [case for path in (paths or [DEFAULT]) for case in yaml.safe_load(Path(path).read_text(encoding="utf-8"))]
    right, misses = score(cases, registries)
    print(f"figures with a named voice: right voice for {right}/{len(cases)} = {right / len(cases):.2f} (target 0.90)")
    print("\n".join(misses))


if __name__ == "__main__":
    main(sys.argv[1:])
