"""Split: turn a document's kept lines into passages of a kind.

Rules, in order, over the kept lines (see docs/ingest.md for the reasons):
- a span the reader hinted (an HTML heading, list item, block quote, caption, tweet) is one passage;
- a tweet is its text line and its "— Name (@handle) Month D, YYYY" line, also when that line
  follows on the same line; a short line ending in ":" directly above belongs to the tweet;
- a line opening with an image credit, "(NCRI) and (PMOI / MEK Iran): …", is a caption, and a
  short title line directly above it (blank lines between at most) belongs to it;
- "1. …", "• …", "- …" lines are list items; short lines without a closing full stop are headings;
- everything else is a paragraph, and a paragraph longer than ``LONG_PARAGRAPH_CHARS`` is cut at
  sentence ends: at the first sentence end past ``PIECE_TARGET_CHARS`` characters.
"""

from __future__ import annotations

import datetime
import re

from .clean import CAPTION_PREFIX, MONTHS
from .model import Passage
from .text import SENTENCE_END, is_abbreviation

LONG_PARAGRAPH_CHARS = 1500
PIECE_TARGET_CHARS = 1000
HEADING_MAX_WORDS = 20
HEADING_MAX_CHARS = 160
QUESTION_HEADING_MAX_WORDS = 12
TWEET_LEAD_MAX_WORDS = 6

DASH = r"(?:—|–|(?<=\s)-(?=\s))"
TWEET_SIGNATURE = re.compile(
    rf"{DASH}\s*(?P<author>[^—–\n]+?)\s*\(@(?P<handle>[A-Za-z0-9_]{{1,15}})\)\s*"
    rf"(?P<date>(?:{MONTHS})\s+\d{{1,2}},\s+\d{{4}})\s*$"
)
LIST_ITEM = re.compile(r"^(?:\d{1,3}[.)]|[•▪◦*·-])\s+\S")
CLOSING = "”\"’)]"


def split(text: str, kept: list[tuple[int, int]], hints: list[tuple[int, int, str]] = ()) -> list[Passage]:
    """Passages of ``text`` from its kept line spans; every kept character lies in one passage."""
    passages: list[Passage] = []
    for start, end, hinted_kind in units(text, kept, hints):
        line = text[start:end]
        previous = passages[-1] if passages else None
        adjacent = previous is not None and next_line(text, previous.end, start)
        if hinted_kind:
            passages.append(make(text, hinted_kind, start, end))
        elif line[0] in "—–" and "(@" in line and TWEET_SIGNATURE.match(line):
            if adjacent and previous.kind in ("paragraph", "heading", "list_item") and not previous.tweet_handle:
                passages.pop()
                start = previous.start
            passages.append(make(text, "tweet", start, end))
            absorb_tweet_lead(text, passages)
        elif "(@" in line and TWEET_SIGNATURE.search(line):  # cheap test first: the regex scans every position
            passages.append(make(text, "tweet", start, end))
            absorb_tweet_lead(text, passages)
        elif CAPTION_PREFIX.match(line):
            if is_image_title(previous, passages) and not text[previous.end:start].strip():
                passages.pop()
                start = previous.start
            passages.append(make(text, "caption", start, end))
        elif LIST_ITEM.match(line):
            passages.append(make(text, "list_item", start, end))
        elif is_heading(line):
            passages.append(make(text, "heading", start, end))
        else:
            passages.extend(paragraphs(text, start, end))
    return passages


def units(text, kept, hints):
    """Kept lines as (start, end, hinted kind); the lines inside one hint become one unit.

    A line the cleaner removed between two kept lines of a hint splits the hint in two units, so
    that no passage holds removed text.
    """
    hints = sorted(hints)
    h = 0
    index = 0
    while index < len(kept):
        start, end = kept[index]
        while h < len(hints) and hints[h][1] <= start:
            h += 1
        if h < len(hints) and hints[h][0] <= start < hints[h][1]:
            hint_end = hints[h][1]
            last = index
            while (
                last + 1 < len(kept)
                and kept[last + 1][0] < hint_end
                and not text[kept[last][1]:kept[last + 1][0]].strip()
            ):
                last += 1
            yield start, kept[last][1], hints[h][2]
            index = last + 1
            if index >= len(kept) or kept[index][0] >= hint_end:
                h += 1
        else:
            yield start, end, None
            index += 1


def make(text: str, kind: str, start: int, end: int) -> Passage:
    passage = Passage(kind=kind, start=start, end=end, text=text[start:end])
    if kind == "tweet":
        match = TWEET_SIGNATURE.search(passage.text)
        if match:
            passage.tweet_author = match["author"].strip()
            passage.tweet_handle = match["handle"]
            passage.said_on = tweet_date(" ".join(match["date"].split()))
    return passage


MONTH_NUMBERS = {name: number for number, name in enumerate(MONTHS.split("|"), start=1)}


def tweet_date(date: str) -> str | None:
    """A signature's "March 5, 2020" (TWEET_SIGNATURE's date, spaces normalised) as "2020-03-05",
    as ``strptime(date, "%B %d, %Y")`` reads it (40x faster); None for an impossible date
    ("February 31, 2020", day 0)."""
    try:
        if not date.isascii():  # digits of other scripts: strptime's own rules for them
            return datetime.datetime.strptime(date, "%B %d, %Y").date().isoformat()
        month, day, year = date.split(" ")
        return datetime.date(int(year), MONTH_NUMBERS[month], int(day.rstrip(","))).isoformat()
    except ValueError:  # an impossible date is no date: left unknown
        return None


def next_line(text: str, end: int, start: int) -> bool:
    """Whether the line at ``start`` directly follows the one ending at ``end``: nothing between
    but whitespace without a blank line. A line the cleaner removed in between keeps them apart,
    so that no passage holds removed text."""
    between = text[end:start]
    return not between.strip() and "\n\n" not in between


def absorb_tweet_lead(text: str, passages: list[Passage]) -> None:
    """A short "MASSACRE:" line directly above a tweet is the tweet's first line."""
    if len(passages) < 2:
        return
    lead, tweet = passages[-2], passages[-1]
    if (
        lead.kind == "heading"
        and lead.text.endswith(":")
        and len(lead.text.split()) <= TWEET_LEAD_MAX_WORDS
        and next_line(text, lead.end, tweet.start)
    ):
        passages[-2:] = [make(text, "tweet", lead.start, tweet.end)]


def is_image_title(previous: Passage | None, passages: list[Passage]) -> bool:
    """A one-line heading above a caption, unless it is the document's first line (its headline)."""
    return (
        previous is not None
        and len(passages) > 1
        and previous.kind == "heading"
        and "\n" not in previous.text
        and not previous.text.endswith(":")
    )


# Closing marks a sentence's stop may sit inside: the typewriter '' of some papers and « » too
# (".''" and ".»" end a sentence, not a headline).
HEADING_CLOSING = CLOSING + "'»›"


def is_heading(line: str) -> bool:
    """A short line that does not end as a sentence does: no stop, even inside a closing quotation
    mark ("”", "''", "»"); Persian stops (؟ ، ؛) count as stops. A short question is a heading."""
    words = len(line.split())
    if words > HEADING_MAX_WORDS or len(line) > HEADING_MAX_CHARS:
        return False
    if line.endswith(("?", "؟")):
        return words <= QUESTION_HEADING_MAX_WORDS
    return not line.rstrip(HEADING_CLOSING).endswith((".", "!", "?", ";", ",", "؟", "،", "؛"))


def paragraphs(text: str, start: int, end: int) -> list[Passage]:
    """One paragraph passage, or several cut at sentence ends when it is very long."""
    if end - start <= LONG_PARAGRAPH_CHARS:
        return [make(text, "paragraph", start, end)]
    pieces = []
    piece_start = start
    for match in SENTENCE_END.finditer(text, start, end):
        cut = match.start(1)
        if cut - piece_start < PIECE_TARGET_CHARS or is_abbreviation(text, match.start()):
            continue
        pieces.append(make(text, "paragraph", piece_start, cut))
        piece_start = match.end(1)
    pieces.append(make(text, "paragraph", piece_start, end))
    return pieces

