"""The scorer of bench/attribution.py: which words of an annotated source are its named head."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

SPEC = importlib.util.spec_from_file_location("bench_attribution", Path(__file__).parent.parent / "bench" / "attribution.py")
bench = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(bench)


@pytest.mark.parametrize("source,expected", [
    ("Kenneth Lewis", ("named", "Kenneth Lewis")),
    ("Dana Whitfield of the Valley Herald", ("named", "Dana Whitfield")),
    ("a spokesman for the mayor", ("description", None)),
    ("A spokesman for Whitfield", ("description", None)),
    # a title between the preposition and the name leaves the name the preposition's object
    ("A spokesman for Mayor Dana Whitfield of Fresno", ("description", None)),
    ("A representative for Mr. Lewis", ("description", None)),
    # a list's head is its first member, whatever title the others carry
    ("Mr. Lewis and Senator Dana Whitfield", ("named", "Lewis")),
    ("Kenneth Lewis, the board's chairman", ("named", "Kenneth Lewis")),
    # a restrictive relative clause names no head
    ("Sen. Dana Whitfield who represents Fresno", ("named", "Dana Whitfield")),
    ("a board member who supports Lewis", ("description", None)),
    ("she", ("pronoun", None)),
])
def test_source_head(source, expected):
    assert bench.source_head(source) == expected


def test_a_sentence_opening_common_noun_names_no_one():
    text = "Witnesses said the wells were dry. Two witnesses spoke to the board. George Will wrote about it."
    common = frozenset(re.findall(r"\b[a-z][a-z’'-]+\b", text))
    assert bench.source_head("Witnesses", common) == ("description", None)
    assert bench.source_head("Witnesses") == ("named", "Witnesses")  # without the document's words


def test_evaluate_reads_common_nouns_from_the_document(tmp_path):
    """A source word the document also writes in lower case, and never capitalised inside a sentence, is no name."""
    root = tmp_path / "data" / "dev"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    text = "Witnesses said the wells were dry. The witnesses spoke.\nWill said the pumps stopped. George Will wrote it.\n"
    (root / "text" / "a.txt").write_text(text, encoding="utf-8")
    def span(label, phrase, n):
        start = text.index(phrase)
        return f"T{n}\t{label} {start} {start + len(phrase)}\t{phrase}"
    ann = "\n".join([
        span("Source", "Witnesses", 1), span("Cue", "said", 2), span("Content", "the wells were dry", 3),
        "E1\tCue:T2 Source:T1 Content:T3",
        span("Source", "Will", 4), span("Cue", "said the", 5), span("Content", "the pumps stopped", 6),
        "E2\tCue:T5 Source:T4 Content:T6",
    ])
    (root / "attributions" / "a_x.ann").write_text(ann + "\n", encoding="utf-8")
    counts = bench.evaluate(tmp_path / "data", "dev")["counts"]
    assert counts["indirect-speech_gold"] == 1  # Will's, not the witnesses'
