"""The records that flow through the ingest: bytes -> Source -> spans -> Passages -> rows.

The text stages (read, clean, split, attribute) are pure functions over these records;
only ``store`` knows the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("heading", "paragraph", "quote", "tweet", "caption", "list_item")


@dataclass
class Source:
    """One document as read from a file, before anything is removed.

    ``text`` is the decoded text (for HTML: the extracted text). Metadata read from the
    file itself (HTML meta tags, WARC headers) goes in the optional fields; the manifest
    overrides it. ``hints`` are spans the reader already knows the kind of, as
    ``(start, end, kind)`` offsets into ``text`` (an HTML extractor knows its headings,
    list items, block quotes and figure captions; plain text has none).
    """

    source_path: str  # relative to the repository, e.g. sources/articles/000_x.txt
    format: str  # txt, html, warc, wacz
    text: str
    sha256: str  # of the bytes read
    encoding: str | None = None
    key: str | None = None  # what tells apart documents of one file (a WARC record's URL)
    title: str | None = None
    url: str | None = None
    site_name: str | None = None
    author: str | None = None
    published: str | None = None
    published_basis: str | None = None
    retrieved: str | None = None
    hints: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass
class Removed:
    """A span the cleaner dropped, kept with the reason."""

    start: int
    end: int
    text: str
    reason: str


@dataclass
class Statement:
    """One stretch of a passage with one voice: the outlet's own words, or one speaker's.

    ``start``/``end`` are offsets into the passage's text. A passage's statements are in order,
    contiguous and cover it exactly: the first starts at 0, each next one starts where the one
    before ends, the last ends at ``len(passage.text)``.

    The outlet's own words have ``attribution`` None (and no speaker). A voice has an
    ``attribution`` (quote, reported, tweet, caption, byline) and either a ``speaker_id`` (a named
    person, organisation or body) or none: an unnamed voice ("a spokesman", "officials"),
    described by ``role``. ``role`` also keeps a named speaker's role as written
    ("Trump attorney" for "Trump attorney Alan Garten said").
    """

    start: int
    end: int
    speaker_id: str | None = None
    attribution: str | None = None
    cue: str | None = None
    said_on: str | None = None
    role: str | None = None


@dataclass
class Passage:
    """One passage of a document: ``text == document_text[start:end]`` up to whitespace."""

    kind: str
    start: int
    end: int
    text: str
    # A tweet's attribution line, parsed by the splitter: "— Name (@handle) Month D, YYYY"
    tweet_author: str | None = None
    tweet_handle: str | None = None
    said_on: str | None = None  # ISO date the voice said it (a tweet's own date)
    # Filled by attribution
    statements: list[Statement] = field(default_factory=list)
    speaker_id: str | None = None  # the voice quoted in the passage (one of its statements' speakers)
    attribution: str | None = None  # tweet, quote, reported, caption, byline (a signed piece's first person)
    attribution_cue: str | None = None
