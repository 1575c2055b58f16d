"""An archive whose texts, titles and names start with spreadsheet formulas and hold control
characters: the sources of tests/test_exports.py and tests/test_browser_exports.py.

Every export a page offers must write these cells so that a spreadsheet shows them as text: no
cell may start with = + - @ unguarded, and no control character (other than tab and line
breaks) may arrive raw.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from tests.conftest_browser import write_sources

FORMULA_FILE = "zz_formulas.txt"
FORMULA_WORD = "quillwort"  # a word no other source holds: a search for it finds these passages only
FORMULA_TITLE = '=HYPERLINK("http://example.invalid/title","quillwort title")'
FORMULA_PUBLISHER = "formula-test-site"
FORMULA_PUBLISHER_NAME = '@SUM(1+1)*cmd|" /C calc"!A0'
FORMULA_TEXT = f"""{FORMULA_TITLE}

=HYPERLINK("http://example.invalid/","{FORMULA_WORD} formula") said that 30,000 political prisoners were executed in 1988.

@SUM(1+1) opens a {FORMULA_WORD} paragraph about thousands of prisoners.

+cmd|' /C calc'!A0 is a {FORMULA_WORD} paragraph a spreadsheet would run too.

-2+3 is a {FORMULA_WORD} paragraph that starts with a minus.

A {FORMULA_WORD} paragraph with control characters: start\x01of heading\x1b[31m and a form\x0cfeed.
"""
FORMULA_FULL_TITLE = FORMULA_TITLE + " with a control\x02character"
FORMULA_MANIFEST = f"""
- file: {FORMULA_FILE}
  title: {json.dumps(FORMULA_FULL_TITLE)}
  url: null
  publisher: {FORMULA_PUBLISHER}
  published: "2021"
  published_basis: "estimate: a fixture for the export tests."
  retrieved: null
"""
FORMULA_PUBLISHERS = f"""
{FORMULA_PUBLISHER}:
  name: {json.dumps(FORMULA_PUBLISHER_NAME)}
  domain: null
  affiliation: null
  basis: A fixture for the export tests.
"""

FORMULA_START = re.compile(r"^[=+\-@\t\r]")
# control characters other than tab, line feed and carriage return (a CSV cell may hold line breaks)
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NUMBER = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")  # a spreadsheet reads it as a number, never runs it


def write_formula_sources(folder: Path) -> Path:
    """The browser tests' sources (the seeds, the hostile and the Persian article) plus the formula article."""
    sources = write_sources(folder)
    (sources / "articles" / FORMULA_FILE).write_text(FORMULA_TEXT, encoding="utf-8")
    with open(sources / "manifest.yml", "a", encoding="utf-8") as manifest:
        manifest.write(FORMULA_MANIFEST)
    with open(sources / "publishers.yml", "a", encoding="utf-8") as publishers:
        publishers.write(FORMULA_PUBLISHERS)
    return sources


def unsafe_cells(text: str) -> list[str]:
    """The cells of a CSV file a spreadsheet would run as a formula, and any raw control character."""
    problems = [f"raw control character {c!r}" for c in sorted(set(RAW_CONTROL.findall(text)))]
    for row in csv.reader(io.StringIO(text)):
        problems += [cell for cell in row if FORMULA_START.match(cell) and not NUMBER.match(cell)]
    return problems


def guarded_formulas(text: str) -> list[str]:
    """The cells that hold a formula shown as text (a leading ')."""
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row if re.match(r"^'[=+\-@]", cell)]
