"""Clean: find the boilerplate lines of a document and keep them, with the reason, as removed spans.

Two ways a line is boilerplate:
- by rule (``LINE_RULES``): page-render date stamps, breadcrumbs, follow/share lines, tag lists,
  copyright lines, site credits; only lines of at most ``MAX_BOILERPLATE_CHARS`` characters;
- by repetition: the same short line in at least ``REPEATED_MIN_DOCUMENTS`` documents and in at
  least ``REPEATED_MIN_SHARE`` of one publisher's documents (counted by the build).
Everything else is kept for the splitter. Blank lines are whitespace and belong to neither.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .model import Removed

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
MAX_BOILERPLATE_CHARS = 200
REPEATED_MIN_DOCUMENTS = 3
REPEATED_MIN_SHARE = 0.5

LINE_RULES: list[tuple[re.Pattern, str]] = [
    (re.compile(rf"^(?:{WEEKDAYS}),?\s+(?:{MONTHS})\s+\d{{1,2}},?\s+\d{{4}}$"), "page-render date stamp"),
    (re.compile(rf"^(?:{WEEKDAYS}),?\s+\d{{1,2}}\s+(?:{MONTHS}),?\s+\d{{4}}$"), "page-render date stamp"),
    (re.compile(r"^Home(?:[A-Z]|\s*[›»>/|])"), "breadcrumb"),
    (re.compile(r"\(follow (?:us|them) on\b", re.I), "follow/share line"),
    (re.compile(r"^(?:follow us\b|share (?:this|on)\b|share:|click to share\b|like us on\b)", re.I), "follow/share line"),
    (re.compile(r"\s[–—-]\s*(?:YouTube|Facebook|Twitter|Instagram|Telegram)$"), "follow/share line"),
    (re.compile(r"^Tags?:[\s,]*$"), "empty tag list"),
    (re.compile(r"^Tags?:\s"), "tag list"),
    (re.compile(r"^(?:Copyright\b|©|\(c\)\s*\d{4})", re.I), "copyright line"),
    (re.compile(r"\b(?:powered by|all rights reserved)\b", re.I), "site credit"),
]


@dataclass
class Cleaned:
    kept: list[tuple[int, int]]  # non-blank lines kept, as (start, end) offsets, whitespace trimmed
    removed: list[Removed]


def line_spans(text: str) -> list[tuple[int, int]]:
    """The non-blank lines of ``text`` as (start, end), leading and trailing whitespace trimmed."""
    spans = []
    position = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = position + (len(line) - len(line.lstrip()))
            spans.append((start, start + len(stripped)))
        position += len(line) + 1
    return spans


def line_key(line: str) -> str:
    """The form under which lines count as 'the same' across documents."""
    return " ".join(line.casefold().split())


def boilerplate_candidates(text: str) -> set[str]:
    """Keys of the lines that may be repeated boilerplate: short ones."""
    return {
        line_key(text[start:end])
        for start, end in line_spans(text)
        if end - start <= MAX_BOILERPLATE_CHARS
    }


def repeated_threshold(publisher_documents: int) -> int:
    """How many of a publisher's documents a line must appear in to count as boilerplate."""
    return max(REPEATED_MIN_DOCUMENTS, math.ceil(REPEATED_MIN_SHARE * publisher_documents))


def rule_reason(line: str) -> str | None:
    if len(line) > MAX_BOILERPLATE_CHARS:
        return None
    for pattern, reason in LINE_RULES:
        if pattern.search(line):
            return reason
    return None


def clean(text: str, repeated: dict[str, int] | None = None) -> Cleaned:
    """Split ``text`` into kept lines and removed spans.

    ``repeated`` maps the keys of lines found repeated across the publisher's documents to the
    number of documents they appear in.
    """
    repeated = repeated or {}
    kept, removed = [], []
    for start, end in line_spans(text):
        line = text[start:end]
        reason = rule_reason(line)
        if reason is None and end - start <= MAX_BOILERPLATE_CHARS:
            count = repeated.get(line_key(line))
            if count:
                reason = f"repeated in {count} of the publisher's documents"
        if reason:
            removed.append(Removed(start=start, end=end, text=line, reason=reason))
        else:
            kept.append((start, end))
    return Cleaned(kept=kept, removed=removed)
