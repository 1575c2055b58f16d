"""Read a saved HTML page into a ``Source``: main text with its structure, and metadata.

Pure: bytes in, ``Source`` out; knows no files and no database.

- The main text comes from trafilatura (headings, paragraphs, lists, block quotes, tables),
  run on a copy of the page from which BeautifulSoup has already cut what must never become
  text (share bars, cookie banners, related-article boxes, comments, navigation) and in
  which it has put placeholders for what trafilatura drops but attribution needs:
  embedded tweets and other embedded posts (Instagram, TikTok, Bluesky, Mastodon, Threads,
  Reddit, Facebook: each platform's embed blockquote), figure captions and pull quotes. When trafilatura finds almost nothing,
  the page's own ``<article>`` (or the richest block of paragraphs) is used instead.
- ``Source.text`` is blocks separated by one blank line; an embedded tweet is its text
  line(s) followed by ``— Name (@handle) Month D, YYYY`` as in the plain-text seeds;
  ``Source.hints`` gives ``(start, end, kind)`` for headings, list items, quotes, captions
  and tweets.
- Metadata is what the page states, read by trafilatura (title, canonical URL, site name,
  author) and htmldate (the original publication day); ``published_basis`` says so. The capture
  time is never used as the date.
"""

from __future__ import annotations

import codecs
import copy
import hashlib
import re
from datetime import date, datetime

from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

from .model import Source

@dataclass(frozen=True)
class Settings:
    """The HTML path's measured choices (``bench/extraction.py --folds`` picks them by
    cross-validation; the defaults are what won on pages they were not chosen on)."""

    cut_by_class: bool = False  # cut share bars, cookie banners, related boxes by class before trafilatura
    captions: bool = True  # figure captions kept as caption blocks
    favor: str | None = None  # trafilatura's favor_precision ("precision") or favor_recall ("recall")
    fallback: bool = True  # the page's <article> when trafilatura finds almost nothing


DEFAULT = Settings()


# --- encoding ---------------------------------------------------------------------------

META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode page bytes: BOM, then a declared charset that decodes, then UTF-8, then a guess."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    declared = META_CHARSET_RE.search(data[:4096])
    candidates = []
    if declared:
        candidates.append(declared.group(1).decode("ascii", "ignore").lower())
    candidates.append("utf-8")
    for name in candidates:
        try:
            codecs.lookup(name)
            text = data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
        return text, codecs.lookup(name).name
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            return str(best), best.encoding
    except ImportError:  # pragma: no cover - charset_normalizer comes with requests
        pass
    return data.decode("cp1252", errors="replace"), "cp1252"


# --- what never becomes text ------------------------------------------------------------

BOILERPLATE_RE = re.compile(
    r"(?:^|[\s_-])("
    r"share|sharing|sharebar|share-?buttons?|social-?share|social-?links|addthis|sharethis|"
    r"cookie|cookies|cookie-?banner|consent|gdpr|"
    r"related|related-?(?:posts?|articles?|stories|content|links)|recommended|more-?stories|"
    r"comments?|comment-?list|disqus|"
    r"newsletter|newsletter-?signup|subscribe|breadcrumbs?|outbrain|taboola"
    r")(?:$|[\s_-])",
    re.I,
)
ALWAYS_CUT_TAGS = ("script", "style", "noscript", "nav", "button", "iframe", "svg", "template")
EMBEDDED_POST_SELECTOR = ", ".join((
    "blockquote.instagram-media", "blockquote.tiktok-embed", "blockquote.bluesky-embed",
    "blockquote.mastodon-embed", "blockquote.text-post-media", "blockquote.reddit-embed-bq",
    "blockquote.reddit-card", "div.fb-post blockquote", "blockquote.fb-xfbml-parse-ignore",
))
PULLQUOTE_RE = re.compile(r"pull-?quote|pullquote|blockquote--pull|quote--pull", re.I)
KEEP_TAGS = ("html", "body", "main", "article")
# screen-reader labels inside captions ("Image caption", "Media caption")
HIDDEN_LABEL_RE = re.compile(r"off-?screen|sr-only|visually-?hidden|screen-?reader", re.I)
# captions that advertise rather than describe
PROMO_RE = re.compile(r"\b(subscribe|subscription|sign up|newsletter)\b", re.I)

# --- placeholders -----------------------------------------------------------------------

PLACEHOLDER = "Attrarchplaceholder{:04d}x"
PLACEHOLDER_RE = re.compile(r"Attrarchplaceholder(\d{4})x")

# --- tweets -----------------------------------------------------------------------------

TWEET_ATTRIBUTION_RE = re.compile(r"^[\s—–-]*(?P<name>.*?)\s*\(@(?P<handle>\w{1,30})\)\s*(?P<date>.*)$", re.S)
STATUS_URL_RE = re.compile(r"(?:twitter|x)\.com/(\w{1,30})/status", re.I)

WS_RE = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")


def _clean_line(text: str) -> str:
    return WS_RE.sub(" ", text).strip()


def _clean_block(text: str) -> str:
    lines = [_clean_line(line) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _classes(tag: Tag) -> str:
    cls = tag.get("class") or []
    if isinstance(cls, str):
        cls = [cls]
    return " ".join(cls) + " " + (tag.get("id") or "") + " " + (tag.get("role") or "")


def _format_day(value: str) -> str | None:
    """'July 17, 2020' / '17 July 2020' / ISO -> 'July 17, 2020' (the seeds' form)."""
    parsed = _parse_day(value)
    if parsed is None:
        return None
    d = date.fromisoformat(parsed)
    return f"{d.strftime('%B')} {d.day}, {d.year}"


def _parse_day(value: str | None) -> str | None:
    """Any common spelling of a day -> 'YYYY-MM-DD', or None."""
    if not value:
        return None
    value = value.strip()
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def parse_tweet(block: Tag) -> dict:
    """A ``blockquote.twitter-tweet`` -> {'lines', 'name', 'handle', 'date', 'said_on'}."""
    paragraphs = block.find_all("p")
    lines: list[str] = []
    for p in paragraphs:
        for br in p.find_all("br"):
            br.replace_with("\n")
        lines.extend(line for line in _clean_block(p.get_text()).split("\n") if line)
    attribution_parts = []
    for child in block.children:
        if isinstance(child, Tag) and child.name == "p":
            continue
        attribution_parts.append(child.get_text(" ") if isinstance(child, Tag) else str(child))
    attribution = _clean_line(" ".join(attribution_parts))
    if not paragraphs:  # a bare blockquote: text up to the attribution dash
        whole = _clean_line(block.get_text(" "))
        head, sep, tail = whole.rpartition("—")
        lines, attribution = ([head.strip()] if head.strip() else []), (sep + tail)
    name = handle = shown_date = said_on = None
    m = TWEET_ATTRIBUTION_RE.match(attribution)
    if m:
        name, handle = _clean_line(m["name"]) or None, m["handle"]
        raw_date = _clean_line(m["date"])
        said_on = _parse_day(raw_date)
        shown_date = _format_day(raw_date) if said_on else (raw_date or None)
    if handle is None:
        link = block.find("a", href=STATUS_URL_RE)
        if link is not None:
            handle = STATUS_URL_RE.search(link["href"]).group(1)
            said_on = _parse_day(link.get_text())
            shown_date = _format_day(link.get_text()) if said_on else None
    return {"lines": lines, "name": name, "handle": handle, "date": shown_date, "said_on": said_on}


def render_tweet(tweet: dict) -> str:
    lines = list(tweet["lines"])
    if tweet["handle"]:
        parts = ["—"]
        if tweet["name"]:
            parts.append(tweet["name"])
        parts.append(f"(@{tweet['handle']})")
        if tweet["date"]:
            parts.append(tweet["date"])
        lines.append(" ".join(parts))
    return "\n".join(lines)


# --- preparing the page for the extractor -----------------------------------------------


def _is_boilerplate(tag: Tag, body_len: int) -> bool:
    if tag.name in KEEP_TAGS:
        return False
    if not BOILERPLATE_RE.search(_classes(tag)):
        return False
    # never cut a container that holds the article (a class list like "post has-comments")
    if tag.find(("article", "main")) is not None:
        return False
    own = len(tag.get_text(" ", strip=True))
    return own < 0.2 * max(body_len, 1)


def prepare(soup: BeautifulSoup, settings: Settings = DEFAULT) -> list[tuple[str, str]]:
    """Cut boilerplate from ``soup`` in place and put placeholders where special blocks were.

    Returns the special blocks by placeholder number: ``[(kind, text, anchor), ...]``, where
    ``anchor`` is the end of the text just before the block (to put back a tweet the
    extractor dropped with its placeholder).
    """
    specials: list[tuple[str, str]] = []

    def placeholder(tag: Tag, kind: str, text: str) -> None:
        if tag.parent is None:  # inside a block already replaced (a figure in a figure)
            return
        if not text.strip():
            tag.decompose()
            return
        # hoist over wrappers holding nothing else (a div.social-embed the extractor would drop)
        own = _clean_line(tag.get_text(" "))
        while (
            isinstance(tag.parent, Tag)
            and tag.parent.parent is not None
            and tag.parent.name not in KEEP_TAGS
            and tag.parent.name not in ("p", "li", "td", "blockquote")
            and _clean_line(tag.parent.get_text(" ")) == own
        ):
            tag = tag.parent
        previous = tag.find_previous(("p", "h1", "h2", "h3", "h4", "h5", "h6", "li"))
        anchor = _clean_line(previous.get_text(" "))[-80:] if previous is not None else ""
        p = soup.new_tag("p")
        p.string = PLACEHOLDER.format(len(specials))
        specials.append((kind, text, anchor))
        tag.replace_with(p)

    # tweets first: a cookie-banner rule must not eat them, and they are not boilerplate
    for block in soup.select("blockquote.twitter-tweet, blockquote.twitter-video"):
        tweet = parse_tweet(copy.copy(block))
        placeholder(block, "tweet", render_tweet(tweet))
    # posts embedded from other platforms, by the blockquote each platform's embed code ships
    for block in soup.select(EMBEDDED_POST_SELECTOR):
        if block.decomposed or block.parent is None:
            continue
        text = _clean_block(_block_text(copy.copy(block)))
        placeholder(block, "quote", text)
    for tag in soup.find_all(ALWAYS_CUT_TAGS):
        if not tag.decomposed:
            tag.decompose()
    body = soup.body or soup
    body_len = len(body.get_text(" ", strip=True))
    for tag in body.find_all(True):
        if tag.decomposed or tag.name in ("p", "a", "span", "em", "strong", "b", "i", "li"):
            continue
        if PULLQUOTE_RE.search(_classes(tag)) and tag.name in ("aside", "blockquote", "div", "figure", "p"):
            continue
        if settings.cut_by_class and _is_boilerplate(tag, body_len):
            tag.decompose()
    for tag in body.find_all(True):
        if tag.decomposed:
            continue
        if PULLQUOTE_RE.search(_classes(tag)) and tag.name in ("aside", "blockquote", "div", "figure", "p"):
            placeholder(tag, "quote", _clean_block(_block_text(tag)))
    for fig in body.find_all("figure"):
        if fig.decomposed:
            continue
        caption = fig.find("figcaption", recursive=False) or fig.find("figcaption")
        if caption is not None:
            for hidden in caption.find_all(class_=HIDDEN_LABEL_RE):
                hidden.decompose()
        text = _clean_block(_block_text(caption)) if caption is not None else ""
        quotation = fig.find(("blockquote", "q"))
        if quotation is not None and (caption is None or quotation not in caption.descendants):
            # a quotation with its source in the caption (the HTML standard's attributed quote)
            said = _clean_block(_block_text(quotation))
            placeholder(fig, "quote", f"{said}\n— {text}" if said and text else said or text)
            continue
        if PROMO_RE.search(text):
            fig.decompose()
            continue
        if text and settings.captions:
            placeholder(fig, "caption", text)
        # figures without caption are left for the extractor to drop
    return specials


def _block_text(tag: Tag) -> str:
    for br in tag.find_all("br"):
        br.replace_with("\n")
    for block in tag.find_all(("p", "div", "li")):
        block.insert_after("\n")
    return tag.get_text()


# --- rendering the extractor's tree -----------------------------------------------------

INLINE_TAGS = {"hi", "ref", "del", "lb", "span", "b", "i", "em", "strong", "a"}
BLOCK_TAGS = {"p", "head", "list", "quote", "table", "div", "code", "graphic", "section", "article", "main", "body"}


def _element_text(el, skip=("list",)) -> str:
    """Text of an extractor element, ``<lb/>`` as line breaks, skipping nested lists."""
    parts: list[str] = []

    def walk(node):
        if node.text:
            parts.append(node.text)
        for child in node:
            if child.tag in skip:
                pass
            elif child.tag == "lb":
                parts.append("\n")
            elif child.tag in BLOCK_TAGS or child.tag in ("item", "row", "cell"):
                parts.append("\n")
                walk(child)
                parts.append("\n")
            else:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return _clean_block("".join(parts))


def _blocks_from_tree(body) -> list[tuple[str, str | None]]:
    """Extractor body -> [(text, kind or None)]."""
    blocks: list[tuple[str, str | None]] = []

    def add(text: str, kind: str | None):
        if text:
            blocks.append((text, kind))

    def visit(el):
        tag = el.tag
        if tag == "head":
            add(_element_text(el), "heading")
        elif tag == "list":
            for item in el:
                if item.tag == "item":
                    add(_element_text(item), "list_item")
                    for sub in item:
                        if sub.tag == "list":
                            visit(sub)
                elif item.tag == "head":
                    add(_element_text(item), "heading")
        elif tag == "quote":
            if any(child.tag in ("p", "list", "head") for child in el):
                # a quote of several paragraphs: one quote block per paragraph
                if el.text and el.text.strip():
                    add(_clean_block(el.text), "quote")
                for child in el:
                    if child.tag == "list":
                        visit(child)
                    else:
                        add(_element_text(child), "quote")
            else:
                add(_element_text(el), "quote")
        elif tag == "table":
            rows = []
            for row in el.iter("row"):
                cells = [_element_text(cell, skip=()).replace("\n", " ") for cell in row if cell.tag == "cell"]
                cells = [c for c in cells if c]
                if cells:
                    rows.append(" | ".join(cells))
            add("\n".join(rows), None)
        elif tag in ("graphic",):
            return
        elif tag in INLINE_TAGS or not any(child.tag in BLOCK_TAGS for child in el):
            add(_element_text(el), None)
        else:
            # a container mixing inline runs and blocks: flush the runs between blocks
            run: list[str] = [el.text or ""]
            for child in el:
                if child.tag in BLOCK_TAGS:
                    add(_clean_block("".join(run)), None)
                    run = []
                    visit(child)
                elif child.tag == "lb":
                    run.append("\n")
                else:
                    run.append(_element_text(child))
                run.append(child.tail or "")
            add(_clean_block("".join(run)), None)

    visit(body)
    return blocks


def _expand_placeholders(blocks, specials) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    used: set[int] = set()
    for text, kind in blocks:
        pos = 0
        for m in PLACEHOLDER_RE.finditer(text):
            before = text[pos : m.start()].strip()
            if before:
                out.append((before, kind))
            index = int(m.group(1))
            if index < len(specials) and index not in used:
                used.add(index)
                out.append((specials[index][1], specials[index][0]))
            pos = m.end()
        rest = text[pos:].strip()
        if rest:
            out.append((rest, kind))
    # tweets whose placeholder the extractor dropped go back after the text they followed
    for index, (kind, text, anchor) in enumerate(specials):
        if index in used or kind != "tweet" or len(anchor) < 20:
            continue
        for at, (block, _) in enumerate(out):
            if anchor in _clean_line(block.replace("\n", " ")):
                at += 1
                while at < len(out) and out[at][1] == "tweet":
                    at += 1
                out.insert(at, (text, kind))
                used.add(index)
                break
    return out


def assemble(blocks) -> tuple[str, list[tuple[int, int, str]]]:
    """Blocks -> (text with one blank line between blocks, hints)."""
    parts: list[str] = []
    hints: list[tuple[int, int, str]] = []
    offset = 0
    for text, kind in blocks:
        if parts:
            offset += 2
        if kind is not None:
            hints.append((offset, offset + len(text), kind))
        parts.append(text)
        offset += len(text)
    return "\n\n".join(parts), hints


# --- main text --------------------------------------------------------------------------


def _extract_body(html: str, url: str | None, settings: Settings = DEFAULT):
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        include_tables=True,
        include_images=False,
        with_metadata=False,
        deduplicate=False,
        as_dict=False,
        favor_precision=settings.favor == "precision",
        favor_recall=settings.favor == "recall",
    )
    if doc is None:
        return None
    return doc.body


def _fallback_blocks(soup: BeautifulSoup) -> list[tuple[str, str | None]]:
    """The page's own article element, or the element holding most paragraph text."""
    root = soup.find("article") or soup.find("main") or soup.find(attrs={"itemprop": "articleBody"})
    if root is None:
        scores: dict[int, tuple[int, Tag]] = {}
        for p in soup.find_all("p"):
            parent = p.parent
            if isinstance(parent, Tag):
                n = len(p.get_text(" ", strip=True))
                old = scores.get(id(parent), (0, parent))
                scores[id(parent)] = (old[0] + n, parent)
        if not scores:
            return []
        root = max(scores.values(), key=lambda pair: pair[0])[1]
    blocks: list[tuple[str, str | None]] = []
    for el in root.find_all(("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote")):
        if el.find_parent(("li", "blockquote")) not in (None,) and el.name != "blockquote":
            if el.find_parent("blockquote") is not None:
                continue
        text = _clean_block(el.get_text(" "))
        kind = {"li": "list_item", "blockquote": "quote"}.get(el.name)
        if el.name.startswith("h"):
            kind = "heading"
        if text:
            blocks.append((text, kind))
    return blocks


def extract_blocks(html: str, url: str | None = None, soup: BeautifulSoup | None = None, settings: Settings = DEFAULT) -> list[tuple[str, str | None]]:
    """Main text of ``html`` as blocks ``(text, kind)``, special blocks expanded.

    ``soup`` (the parsed page, changed in place) saves parsing ``html`` again."""
    if soup is None:
        soup = BeautifulSoup(html, "lxml")
    specials = prepare(soup, settings)
    prepared = str(soup)
    body = _extract_body(prepared, url, settings)
    blocks = _blocks_from_tree(body) if body is not None else []
    if settings.fallback and sum(len(t) for t, _ in blocks) < 200:
        fallback = _fallback_blocks(soup)
        if sum(len(t) for t, _ in fallback) > 2 * sum(len(t) for t, _ in blocks):
            blocks = fallback
    return _expand_placeholders(blocks, specials)


# --- metadata ---------------------------------------------------------------------------
#
# What the page states about itself comes from trafilatura's metadata extraction (title, canonical
# URL, site name, author: og/JSON-LD/meta tags) and the publication day from htmldate, asked for
# the original date rather than the last update. Both measured better than the hand-written
# readers they replaced (bench/extraction.py: titles on readability 0.809 against 0.787;
# days 0.927 against 0.920 on htmldate and 0.947 against 0.895 on readability).

DATE_BASIS = "html: htmldate (original publication date in the page)"
# where a day htmldate found is stated, to name it as the basis (first that states it wins)
BASIS_META = (
    ("property", "article:published_time", "html: meta article:published_time"),
    ("property", "og:published_time", "html: meta og:published_time"),
    ("itemprop", "datePublished", "html: itemprop datePublished"),
    ("name", "pubdate", "html: meta pubdate"),
    ("name", "publishdate", "html: meta publishdate"),
    ("name", "dc.date.issued", "html: meta DC.date.issued"),
    ("name", "date", "html: meta date"),
)
JSONLD_PUBLISHED_RE = re.compile(r'"datePublished"\s*:\s*"(\d{4}-\d{2}-\d{2})')
URL_DAY_RE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|[-_.]|$)")


def date_basis(soup: BeautifulSoup, html: str, url: str | None, day: str) -> str:
    """Which statement of the page gives ``day``: a meta tag, JSON-LD, the URL, else htmldate's
    own reading of the page."""
    for attr, value, basis in BASIS_META:
        for tag in soup.find_all(attrs={attr: re.compile(rf"^{re.escape(value)}$", re.I)}):
            stated = (tag.get("content") or tag.get("datetime") or "").strip()
            if stated[:10] == day:
                return basis
        if value == "article:published_time" and day in JSONLD_PUBLISHED_RE.findall(html):
            return "html: JSON-LD datePublished"
    if day in JSONLD_PUBLISHED_RE.findall(html):
        return "html: JSON-LD datePublished"
    m = URL_DAY_RE.search(url or "")
    if m and f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}" == day:
        return "url path"
    return DATE_BASIS


def find_published(soup: BeautifulSoup, html: str, url: str | None, retrieved: str | None = None) -> tuple[str | None, str | None]:
    """(day, basis) for the publication date as the page states it, or (None, None).

    The capture time (``retrieved``) is never taken as the date; it only caps it."""
    from htmldate import find_date

    max_date = (retrieved or date.today().isoformat())[:10]
    try:
        day = find_date(html, url=url, original_date=True, extensive_search=True, max_date=max_date)
    except Exception:  # htmldate is best effort; a bad page must not stop the ingest
        day = None
    return (day, date_basis(soup, html, url, day)) if day else solar_hijri_published(soup)


def solar_hijri_published(soup: BeautifulSoup) -> tuple[str | None, str | None]:
    """The date a page's date metadata states in the Solar Hijri calendar, as Iranian sites write
    it ("1402-05-27T10:30:00", "۲۷ مرداد ۱۳۶۷"), which htmldate does not read: converted by
    ``persian.metadata_date`` to the most precise plain ISO value holding it, or (None, None)."""
    from .persian import metadata_date

    for attr, value, basis in BASIS_META:
        for tag in soup.find_all(attrs={attr: re.compile(rf"^{re.escape(value)}$", re.I)}):
            found = metadata_date((tag.get("content") or tag.get("datetime") or "").strip())
            if found and "/" not in found.enclosing:
                return found.enclosing, f"{basis} ({found.basis})"
    return None, None


def read_metadata(soup: BeautifulSoup, html: str, url: str | None, retrieved: str | None) -> dict:
    import trafilatura

    try:
        meta = trafilatura.extract_metadata(html, default_url=url, date_config={"extensive_search": False})
    except Exception:  # a page trafilatura cannot read still has its text read below
        meta = None
    page_url = url or (meta.url if meta and meta.url and meta.url.startswith("http") else None)
    published, basis = find_published(soup, html, page_url, retrieved)

    def field(name: str) -> str | None:
        value = getattr(meta, name, None) if meta else None
        return _clean_line(value) or None if isinstance(value, str) else None

    return {
        "title": field("title"),
        "url": page_url,
        "site_name": field("sitename"),
        "author": field("author"),
        "published": published,
        "published_basis": basis,
    }


# --- the reader -------------------------------------------------------------------------


def read_html(
    data: bytes,
    source_path: str,
    *,
    url: str | None = None,
    retrieved: str | None = None,
    format: str = "html",
    key: str | None = None,
    settings: Settings = DEFAULT,
) -> Source:
    """Read one HTML page (bytes) into a ``Source``.

    ``url`` (a WARC record's target URI, or a manifest entry's) wins over the page's
    canonical link; ``retrieved`` is the capture time and is never taken as the
    publication date (it only caps it).
    """
    html, encoding = decode_html(data)
    soup = BeautifulSoup(html, "lxml")
    metadata = read_metadata(soup, html, url, retrieved)  # before prepare() cuts the page
    blocks = extract_blocks(html, metadata["url"], soup, settings)
    text, hints = assemble(blocks)
    return Source(
        source_path=source_path,
        format=format,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        key=key,
        retrieved=retrieved,
        hints=hints,
        **metadata,
    )


def read_html_file(path, source_path: str) -> Source:
    """The build's reader for ``.html`` / ``.htm``: one saved page, one document."""
    from .guard import check_html_bytes
    from .read import read_bytes

    data = read_bytes(path, source_path)
    check_html_bytes(data, source_path)
    return read_html(data, source_path)
