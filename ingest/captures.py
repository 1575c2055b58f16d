"""One document per page, however often it was captured.

Pure: takes the ``Source`` records the readers return and groups those that are the same
document — the same URL (normalised), or the same extracted text (sha256 of
``Source.text``) — keeping every capture. The store writes the capture rows to::

    captures(document_id, source_path, url, retrieved, sha256)

``document_id`` is the id the store gives the representative; ``sha256`` is of the bytes
the capture was read from (``Source.sha256``). Documents keep their first-seen order.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit, urlunsplit

from .model import Source

CAPTURES_COLUMNS = ("document_id", "source_path", "url", "retrieved", "sha256")


def normalise_url(url: str | None) -> str | None:
    """Scheme and host folded, ``www.``, fragment and trailing slash dropped."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    path = parts.path.rstrip("/") or ""
    return urlunsplit(("", host, path, parts.query, ""))


def text_sha256(source: Source) -> str:
    return hashlib.sha256(source.text.strip().encode("utf-8")).hexdigest()


def capture_row(source: Source) -> dict:
    """A capture row; ``document_id`` is left for the store to fill."""
    return {
        "document_id": None,
        "source_path": source.source_path,
        "url": source.url,
        "retrieved": source.retrieved,
        "sha256": source.sha256,
    }


def _representative(group: list[Source]) -> Source:
    """The latest capture that has text (captures without ``retrieved`` count as oldest)."""
    with_text = [s for s in group if s.text.strip()] or group
    return max(enumerate(with_text), key=lambda p: (p[1].retrieved or "", p[0]))[1]


def group_captures(sources) -> list[tuple[Source, list[dict]]]:
    """Group ``sources`` into documents: ``[(representative, [capture row, ...]), ...]``.

    Two sources are one document when their normalised URLs are equal or their extracted
    texts have the same sha256 (transitively: A~B by URL and B~C by text joins all three).
    """
    sources = list(sources)
    parent = list(range(len(sources)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    seen: dict[tuple[str, str], int] = {}
    for i, source in enumerate(sources):
        keys = []
        url = normalise_url(source.url)
        if url:
            keys.append(("url", url))
        if source.text.strip():
            keys.append(("text", text_sha256(source)))
        for key in keys:
            if key in seen:
                union(seen[key], i)
            else:
                seen[key] = i

    groups: dict[int, list[Source]] = {}
    for i, source in enumerate(sources):
        groups.setdefault(find(i), []).append(source)
    return [
        (_representative(group), [capture_row(s) for s in group])
        for _, group in sorted(groups.items())
    ]
