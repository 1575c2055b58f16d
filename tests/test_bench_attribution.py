"""The scorer of bench/attribution.py: which words of an annotated source are its named head."""
from __future__ import annotations

import importlib.util
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
    ("she", ("pronoun", None)),
])
def test_source_head(source, expected):
    assert bench.source_head(source) == expected
