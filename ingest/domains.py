"""Publisher by a page's domain: ``publishers.yml`` maps ids to one or more domains.

Pure: knows no files and no database. ``www.x.org`` and ``news.x.org`` match ``x.org``;
the longest matching domain wins, so ``news.x.org`` can belong to another publisher.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

HOST_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")

UNKNOWN_PREFIX = "unknown:"


def host_of(url: str | None) -> str | None:
    """The lower-case host of ``url`` without ``www.`` or port, or None."""
    if not url:
        return None
    text = url.strip()
    if "//" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    return host if HOST_RE.match(host) else None


def _domains(entry) -> list[str]:
    value = entry.get("domain") if isinstance(entry, dict) else None
    if not value:
        return []
    if isinstance(value, str):
        value = [value]
    return [d for d in (host_of(v) for v in value) if d]


def publisher_for_url(url: str | None, publishers: dict) -> str:
    """The id of the publisher whose domain the URL is on, else ``unknown:<domain>``.

    >>> publisher_for_url("https://news.example.org/a", {"ex": {"domain": "example.org"}})
    'ex'
    >>> publisher_for_url("https://other.net/a", {"ex": {"domain": "example.org"}})
    'unknown:other.net'
    """
    host = host_of(url)
    if host is None:
        return UNKNOWN_PREFIX + "no-url"
    best: tuple[int, str] | None = None
    for publisher_id, entry in (publishers or {}).items():
        for domain in _domains(entry):
            if host == domain or host.endswith("." + domain):
                if best is None or len(domain) > best[0]:
                    best = (len(domain), publisher_id)
    if best is not None:
        return best[1]
    return UNKNOWN_PREFIX + host
