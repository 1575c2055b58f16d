"""Clean: find the boilerplate lines of a document and keep them, with the reason, as removed spans.

A scraped page is its article with the site's chrome around it: menus, share and count lines,
bylines and datelines, "related" lists, comment prompts, cookie and subscription notices,
footers, image credits. The cleaner knows no site; it reads each line's shape.

1. **Rules** (``LINE_RULES``): a short line (at most ``MAX_BOILERPLATE_CHARS`` characters; a
   cookie notice may be longer) that states what it is: "Share this", "By Jane Doe",
   "Updated 3 hours ago", "Related articles", "Leave a comment", "We use cookies…",
   "© 2020 …", "Photo: Getty Images". A heading that opens a list of links ("Related",
   "Most read") takes the short lines under it.
2. **Repetition**: the same short line in at least ``REPEATED_MIN_DOCUMENTS`` documents and in
   at least ``REPEATED_MIN_SHARE`` of one publisher's documents (counted by the build).
3. **The article's body** (plain text only): prose lines (sentences of several words) score
   their words, other lines cost a little and rule lines a lot; the body is the run of lines
   with the highest score, joined by any other run scoring half as much (an article cut in two
   by a chart). Outside it, the chrome goes: menu-shaped lines and lines without a sentence end
   of the page's head and tail (the headline above the byline stays), and prose with a chrome
   line between it and the body when there is less of it than in the body. A run of
   ``menu_run_min_lines`` menu-shaped lines is a menu wherever it is, unless prose lies on
   both sides (a list in the article).

Text a reader extracted from a page (``hints`` given) gets steps 1 and 2 only. Recall comes
first: a line is removed only for a stated reason. Blank lines are whitespace and belong to
neither kept nor removed. ``docs/ingest.md`` gives the figures and how they were chosen.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from dataclasses import dataclass

from .model import Removed

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
MONTH_ABBREVIATIONS = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
MAX_BOILERPLATE_CHARS = 200
MAX_NOTICE_CHARS = 800  # a cookie or consent notice may run to a few sentences
REPEATED_MIN_DOCUMENTS = 3
REPEATED_MIN_SHARE = 0.5


@dataclass(frozen=True)
class Settings:
    """The cleaner's measured choices (``bench/text_cleaning.py`` tunes them by cross-validation)."""

    menu_run_min_lines: int = 3  # this many short lines in a row are a menu
    short_line_words: int = 4  # a menu item has at most this many words
    prose_min_words: int = 8  # a line with at least this many words and a sentence end is prose
    short_line_cost: float = 6.0  # what a non-prose line costs the body's score
    rule_line_cost: float = 25.0  # what a chrome line costs the body's score
    title_lines: int = 2  # short lines directly above the body kept as its title
    tail_lines: int = 1  # short lines directly below the body kept (a sign-off, a source)
    outside_removes_headings: bool = True  # outside the body, lines of any length without a sentence end go
    outside_removes_prose: bool = True  # outside the body, prose beyond a chrome line goes
    second_part_share: float = 0.5  # a run scoring this share of the body's score joins it
    second_part_words: float = 100.0  # as does a run scoring this much
    outside_prose_share: float = 1.0  # prose outside the body goes only if it is less than this share of the body's


DEFAULT = Settings()

_DAY = rf"(?:(?:{MONTHS}|{MONTH_ABBREVIATIONS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS}|{MONTH_ABBREVIATIONS})\.?,?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}})"
_TIME = r"(?:\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)"
_SHARE_WORD = (
    r"(?:share|shares|shared|sharing|tweet|tweets|email|e-mail|mail|print|pin|pin it|save|saved|copy|copy link|link|"
    r"facebook|twitter|x|whatsapp|linkedin|reddit|pinterest|telegram|flipboard|pocket|messenger|sms|tumblr|"
    r"vk|weibo|wechat|line|viber|mix|digg|comments?|likes?|views?|reactions?|more|options|"
    r"\d[\d.,]*\s*[km]?|[+#×✕|·•/])"
)
_FOOTER_WORD = (
    r"(?:privacy(?: policy| notice| settings)?|cookie (?:policy|settings|preferences)|terms(?: of (?:use|service))?|"
    r"terms (?:and|&) conditions|contact(?: us)?|about(?: us)?|advertis(?:e|ing)(?: with us)?|site ?map|accessibility|"
    r"careers|jobs|faqs?|help|imprint|impressum|rss|feeds?|archives?|corrections|masthead|newsletters?|"
    r"do not sell my (?:personal )?info(?:rmation)?|your privacy choices|ad choices|editorial (?:policy|standards)|"
    r"code of (?:ethics|conduct)|community guidelines|subscribe|log ?in|sign ?in|sign ?up|register|"
    r"search|menu|home|back to top|skip to (?:main )?content)"
)
_LINKS_HEADING = (
    r"(?:related(?: (?:articles?|stories|posts?|content|coverage|news|topics|links|reading|videos?))?|"
    r"(?:read|see|watch) (?:more|next|also)|more (?:from|on|in|about|stories|news|articles|like this|to explore)\b.{0,40}|"
    r"see also|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|recommended(?: for you| stories| reading)?|"
    r"most (?:read|popular|viewed|shared|commented|recent)|trending(?: now| stories| topics)?|top stories|"
    r"latest(?: news| stories| articles| posts| headlines)?|popular(?: posts| stories| now)?|editor'?s? picks|"
    r"further reading|recent posts|don'?t miss|elsewhere on .{1,30}|around the web|sponsored(?: content| stories)?|"
    r"promoted(?: stories)?|in (?:other|related) news|also (?:read|see|on .{1,30})|keep reading|what to read next|"
    r"next (?:article|story|post)|previous (?:article|story|post)|(?:newer|older) posts?|categories|tags|topics|archives)"
)

LINE_RULES: list[tuple[re.Pattern, str]] = [
    (re.compile(rf"^(?:{WEEKDAYS}),?\s+(?:{MONTHS})\s+\d{{1,2}},?\s+\d{{4}}$"), "page-render date stamp"),
    (re.compile(rf"^(?:{WEEKDAYS}),?\s+\d{{1,2}}\s+(?:{MONTHS}),?\s+\d{{4}}$"), "page-render date stamp"),
    (re.compile(r"^Home(?:[A-Z]|\s*[›»>/|])"), "breadcrumb"),
    (re.compile(r"^[^.!?]{1,40}(?:\s*[›»>]\s*[^.!?]{1,40}){2,}$"), "breadcrumb"),
    (re.compile(r"\(follow (?:us|them) on\b", re.I), "follow/share line"),
    (re.compile(r"^(?:follow us\b|follow .{1,40} on (?:twitter|facebook|instagram|social)|share (?:this|on|via|the|to|all|article|story)\b|share:|click to (?:share|email|print)\b|like us on\b|sharing options)", re.I), "follow/share line"),
    (re.compile(r"\s[–—-]\s*(?:YouTube|Facebook|Twitter|Instagram|Telegram)$"), "follow/share line"),
    (re.compile(rf"^{_SHARE_WORD}(?:[\s,:|·•/()]+{_SHARE_WORD})*[\s:|]*$", re.I), "share or count line"),
    (re.compile(r"^Tags?:[\s,]*$"), "empty tag list"),
    (re.compile(r"^(?:Tags?|Tagged(?: with| in)?|Topics?|Categories|Category|Filed (?:under|in)|Posted in|Keywords?|Subjects?)\s*:", re.I), "tag list"),
    (re.compile(r"^(?:Copyright\b|©|\(c\)\s*\d{4})", re.I), "copyright line"),
    (re.compile(r"\b(?:powered by|all rights reserved|theme by|designed by|built with)\b", re.I), "site credit"),
    (re.compile(rf"^(?:{_FOOTER_WORD})(?:\s*[|·•/,-]?\s*(?:{_FOOTER_WORD}))*\s*$", re.I), "footer or navigation link"),
    # bylines and datelines
    (re.compile(r"^(?:by|written by|posted by|published by|words by|reported by|story by|text by|author:?)\s+(?:[A-Z@][\w.’'@-]*|[a-z]{2,3}(?=\s[A-Z]))(?:\s+(?:[A-Z@][\w.’'@-]*|and|&|in|de|van|von|la|le|[a-z]{2,3}(?=\s[A-Z])|[|,·•:-]))*(?:[\s,|·•-]+.*\d{4}.*)?$", re.I), "byline"),
    (re.compile(rf"^(?:(?:published|posted|updated|last updated|last modified|modified|created|date|first published|originally published)(?: on| at)?\s*:?\s*)?(?:(?:{WEEKDAYS}|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.?,?\s+)?{_DAY}(?:\s*(?:,|at|[-|·•–])?\s*{_TIME})?(?:\s*[A-Z]{{2,4}})?(?:\s*[|·•–-]\s*(?:(?:updated|modified)\s*:?\s*)?(?:{_DAY})?(?:\s*(?:,|at)?\s*{_TIME})?(?:\s*[A-Z]{{2,4}})?)?$", re.I), "dateline"),
    (re.compile(rf"^(?:published|posted|updated|last updated|modified)(?: on| at)?\s*:?\s*.{{0,40}}(?:{_DAY}|{_TIME}|\bago\b)", re.I), "dateline"),
    (re.compile(r"^(?:about\s+)?\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago$", re.I), "dateline"),
    (re.compile(r"^(?:\d+\s*(?:-|to)\s*)?\d+\s*(?:min(?:ute)?s?|m)\.?\s*(?:read|reading time|listen|watch)$|^(?:reading time|read time|estimated reading time)\s*:?\s*\d+", re.I), "reading time"),
    # lists of other articles, comments
    (re.compile(rf"^{_LINKS_HEADING}\s*[:»›>.…]*$", re.I), "related-articles heading"),
    (re.compile(r"^(?:read (?:more|also|next)|see also|related|recommended|more|watch|listen)\s*[:|»›>-]\s*\S", re.I), "read-more link"),
    (re.compile(r"^(?:leave a (?:comment|reply)|post a comment|add (?:a |your )?comment|write a comment|\d+\s+(?:comments?|responses?|replies)|comments?\s*(?:\(\d+\))?|show comments|view (?:all )?comments|load (?:more )?comments|join the (?:conversation|discussion)|be the first to comment.*|have your say|comments? (?:are|is) closed.*|cancel reply|reply|report|sort by|newest|oldest|best|top comments?)\s*[:.!]?$", re.I), "comment prompt"),
    (re.compile(r"^(?:your email address will not be published|required fields are marked|you must be (?:logged in|signed in) to|comments (?:are moderated|may be moderated)|notify me of (?:follow-up comments|new posts)|save my name, email|by commenting|this site uses akismet|log in to (?:comment|reply)|sign in to (?:comment|reply))", re.I), "comment prompt"),
    (re.compile(r"^(?:name|email|e-mail|website|comment|message)\s*\*?\s*(?:\(required\))?$", re.I), "comment form"),
    # notices
    (re.compile(r"\b(?:we|this (?:site|website)|our (?:site|website|partners)) (?:and our partners )?(?:use|uses)\b.{0,40}\bcookies\b|\b(?:use of|accept(?: all)?|consent to(?: the use of)?|agree to(?: the use of)?|allow(?: all)?|about|manage|reject(?: all)?) (?:our )?cookies\b|\bcookies? (?:policy|settings|preferences|notice|consent)\b|\bby (?:continuing|using|browsing) (?:to (?:use|browse) )?(?:this|our|the) (?:site|website)", re.I), "cookie notice"),
    (re.compile(r"^(?:i accept|accept(?: all)?(?: cookies)?|allow(?: all)?(?: cookies)?|reject(?: all)?|decline|i agree|agree|got it|ok(?:ay)?|dismiss|close|manage (?:preferences|settings|options)|cookie settings|more (?:info|information|options)|learn more|continue)\s*[.!]?$", re.I), "consent button"),
    (re.compile(r"^(?:subscribe|sign up|signup|get (?:our|the) .{0,30}newsletter|join (?:our|the) .{0,30}(?:newsletter|list|mailing)|enter your e-?mail|already (?:a subscriber|have an account|registered)|become a (?:member|subscriber|supporter|patron)|support (?:our|independent) journalism|donate|create (?:a free |an |your )?account|(?:log|sign) (?:in|out)|register|subscriber(?:s)? only|unlock|start your free trial|get unlimited access|this (?:article|content|story) is (?:for|available to) subscribers)\b", re.I), "subscription notice"),
    (re.compile(r"\bnewsletters?\b|\bsubscribe (?:now|today|to (?:our|the))\b|\bsign up (?:now|today|for (?:our|the|free))\b|\binbox\b", re.I), "subscription notice"),
    (re.compile(r"^(?:advertisement|advertising|sponsored|ad|ads|promoted|story continues below(?: advertisement)?|article continues (?:below|after (?:this )?advertisement)|continue reading(?: below| the main story)?|scroll to continue.*|skip (?:to|ad|advertisement).*|jump to.*|back to top|toggle navigation|open menu|close menu|main menu|menu|search|search for:?|go|submit|loading\.*|please wait\.*|javascript (?:is )?(?:required|disabled).*|enable javascript.*|(?:your|this) browser does not support.*)\s*$", re.I), "page control"),
    # images
    (re.compile(r"^(?:(?:photo|photograph|image|picture|pic|illustration|graphic|video|credit|source|courtesy|file photo|media|image caption|image copyright|caption)s?(?:\s+(?:by|credit|courtesy|source|copyright))?\s*[:/|-]|(?:photo|photograph|image|picture|illustration|video)s?\s+(?:by|courtesy(?: of)?|credit)\s)", re.I), "image credit"),
    (re.compile(r"(?:\bgetty\s*images?|\bshutterstock|\bistock(?:photo)?|\bap photo|\breuters/|\bafp(?:\s*via\s*getty)?|\bepa(?:-efe)?/|\balamy|\bwikimedia commons|\bunsplash|\bpexels|\bcreative commons)\b[^.!?]{0,60}[)\]]?\s*$", re.I), "image credit"),
    (re.compile(r"^\s*(?:\[|\()(?:photo|image|picture|video|credit|source|illustration)s?\b.{0,150}(?:\]|\))\s*$", re.I), "image credit"),
    (re.compile(r"\b(?:image|photo|picture|video|media)\s+(?:caption|copyright|credit|source)\b", re.I), "image credit"),
]
RELATED_HEADING = "related-articles heading"

NOTICE_REASONS = ("cookie notice",)

def _rule(prefix: str) -> re.Pattern:
    """The one rule of ``LINE_RULES`` whose pattern starts with ``prefix``."""
    (pattern,) = [pattern for pattern, _ in LINE_RULES if pattern.pattern.startswith(prefix)]
    return pattern


# Speed: what a line must contain for a rule that may match anywhere in it to match (a test far
# cheaper than the pattern, which only runs when it passes). For a rule matching without regard to
# case: one of the words in the line folded (``folded``); otherwise one of the strings, as is.
RULE_NEEDLES: dict[re.Pattern, tuple[str, ...]] = {
    _rule(r"^[^.!?]{1,40}(?:\s*[›»>]"): ("›", "»", ">"),
    _rule(r"\s[–—-]\s*(?:YouTube"): ("YouTube", "Facebook", "Twitter", "Instagram", "Telegram"),
    _rule(r"\b(?:powered by|"): ("powered by", "all rights reserved", "theme by", "designed by", "built with"),
    _rule(r"\b(?:we|this (?:site"): ("cookie", "by continuing", "by using", "by browsing"),
    _rule(r"\bnewsletters?\b"): ("newsletter", "subscribe ", "sign up ", "inbox"),
    _rule(r"(?:\bgetty"): ("getty", "shutterstock", "istock", "ap photo", "reuters/", "afp", "epa", "alamy",
                           "wikimedia commons", "unsplash", "pexels", "creative commons"),
    _rule(r"\b(?:image|photo|picture|video|media)\s+"): ("caption", "copyright", "credit", "source"),
}
# The letters beyond ASCII that re's case-insensitive match takes for an ASCII letter (İ ı for i,
# the Kelvin sign for k, long s for s): str.lower() leaves İ two characters and ı ſ unchanged
CASE_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u212a": "k", "\u017f": "s"})


def fold_case(line: str) -> str:
    """``line`` lowered so that a case-insensitive match of lower-case ASCII words in it is a match of
    the words in this text (each character that matches an ASCII letter becomes that letter)."""
    if not line.isascii() and ("\u0130" in line or "\u0131" in line or "\u212a" in line or "\u017f" in line):
        line = line.translate(CASE_FOLDS)
    return line.lower()


# (pattern, reason, is a notice, starts at the line's start, needles, needles in the folded line)
_RULES = [
    (pattern, reason, reason in NOTICE_REASONS, pattern.pattern.startswith("^"), RULE_NEEDLES.get(pattern),
     bool(pattern.flags & re.IGNORECASE))
    for pattern, reason in LINE_RULES
]

# Speed: the rules anchored at the line's start (each of whose alternatives starts with ``^``) and
# without needles as one pattern, whose match names the first of them that matches
# (``r<index in _RULES>``); only the other rules before it are then tried one by one
ANCHORED_RULES = re.compile("|".join(
    f"(?P<r{index}>(?{'i' if rule[5] else ''}:{rule[0].pattern}))"
    for index, rule in enumerate(_RULES) if rule[3] and rule[4] is None
))
OTHER_RULES = [index for index, rule in enumerate(_RULES) if not (rule[3] and rule[4] is None)]

STRUCTURAL_KINDS = ("caption", "tweet", "quote")  # what a reader found in a page's structure
LONG_PROSE_WORDS = 16
TITLE_CASE_SHARE = 0.8
LINK_TITLE_MAX_WORDS = 18
FRAGMENT_MIN_WORDS = 3
# a line that stops mid-sentence: on a comma or a word no sentence ends with
CONTINUES = re.compile(
    r"(?:,|\b(?:the|a|an|of|to|in|on|for|with|by|at|from|into|about|and|or|but|as|than|that|which|who|"
    r"whose|is|are|was|were|be|been|has|have|had|his|her|their|its|our|your|this|these|those|said|says|"
    r"de|la|le|les|des|du|und|der|die|das|el|los|las|del|il|di|e|y|et|en|van|het|een|o|do|da|dos|das))$"
)
CONTINUES_TAIL = 16  # CONTINUES matches at most 5 characters, at the line's end: search only its tail
CONTINUATION = re.compile(r"[a-z,.;:!?)\]’”]")  # a line that goes on with the sentence above
# what stands between a headline and its article: these do not part the headline from the body
TITLE_NEIGHBOURS = {"byline", "dateline", "reading time", "share or count line", "follow/share line", "image credit", "page-render date stamp"}
LIST_MARKER = re.compile(r"^(?:\d{1,3}[.)]|[•▪◦*·+–-])\s+\S")
NUMBER_CELL = re.compile(r"\d")
NUMBERS = re.compile(r"\d+")
CODE_OR_CELL = re.compile(r"[│┃|=<>{}\[\]();$\\`]")
# (Written with the stop first, each alternative checking it by a lookbehind, so that the engine
# scans for the stops alone: the same matches as "[.!?…。！？][closing]*$|[.!?][closing]*\s+[opening]?[A-Z0-9]
# |[。！？]|[:;：]$", 3x faster.)
SENTENCE_END = re.compile(
    r"[.!?…。！？:;：](?:(?<=[.!?…。！？])[”\"’')\]」』）]*$|(?<=[.!?])[”\"’')\]]*\s+[“\"‘(\[]?[A-Z0-9]|(?<=[。！？])|(?<=[:;：])$)"
)
# scripts written without spaces between words: two characters count as a word
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
TWEET_SIGNATURE_HINT = re.compile(r"\(@\w{1,15}\)")
# a caption opening with image credits, "(NCRI) and (PMOI / MEK Iran): …" (the splitter's too)
CREDIT = r"\((?:[^()\n]{2,40})\)"
CAPTION_PREFIX = re.compile(rf"^{CREDIT}(?:\s+and\s+{CREDIT})*\s*:\s")
LETTER = re.compile(r"[^\W\d_]")


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
    """Why ``line`` is chrome by its own words, or None.

    A line of running text (``LONG_PROSE_WORDS`` words or more, with a sentence end) is chrome
    only by a rule on how it starts, or when it is a notice: an article may say "designed by"
    or "inbox" in passing."""
    if len(line) > MAX_NOTICE_CHARS:
        return None
    if TWEET_SIGNATURE_HINT.search(line) or CAPTION_PREFIX.match(line):
        return None  # a tweet's signature or the splitter's caption: the splitter's business
    short = len(line) <= MAX_BOILERPLATE_CHARS  # a longer line is only tested for a notice
    long_prose = short and word_count(line) >= LONG_PROSE_WORDS and SENTENCE_END.search(line)
    found = ANCHORED_RULES.match(line) if short else None
    first = int(found.lastgroup[1:]) if found is not None else len(_RULES)
    reason = first_rule(line, short, long_prose, OTHER_RULES, first)
    if reason is not None or found is None:
        return reason
    reason = _RULES[first][1]
    if reason == "share or count line" and len(NUMBERS.findall(line)) > 2:  # a row of figures, not a share count
        return first_rule(line, short, long_prose, range(first + 1, len(_RULES)), len(_RULES))
    return reason


def first_rule(line: str, short: bool, long_prose, indices, stop: int) -> str | None:
    """The reason of the first rule of ``_RULES`` at ``indices`` (ascending), before ``stop``, that
    applies to ``line`` and matches it."""
    lowered = fold_case(line)
    for index in indices:
        if index >= stop:
            break
        pattern, reason, notice, anchored, needles, folded = _RULES[index]
        if not notice and (not short or long_prose and not anchored):
            continue
        if needles is not None:
            if not folded:
                if not any(needle in line for needle in needles):
                    continue
            elif not any(needle in lowered for needle in needles):
                continue
        if pattern.search(line):
            if reason == "share or count line" and len(NUMBERS.findall(line)) > 2:
                continue  # a row of figures, not a share count
            return reason
    return None


@functools.lru_cache(maxsize=4096)  # the cleaner asks for a line's words up to four times
def word_count(line: str) -> int:
    """Words of ``line``; in scripts written without spaces, two characters make a word."""
    return len(line.split()) + len(UNSPACED.findall(line)) // 2


def is_prose(line: str, settings: Settings = DEFAULT) -> bool:
    """A line of running text: enough words and a sentence end, or a tweet's signature; not a
    run of capitalised words (a list of names, places or links)."""
    if TWEET_SIGNATURE_HINT.search(line):
        return True
    if word_count(line) < settings.prose_min_words or not SENTENCE_END.search(line):
        return False
    firsts = "".join(next(zip(*line.split())))  # each word's first character
    initials = sum(map(str.isalpha, firsts))  # the words that open with a letter
    if initials < settings.prose_min_words:
        return True
    capitalised = sum(map(str.isupper, filter(str.isalpha, firsts)))
    return not capitalised > TITLE_CASE_SHARE * initials


def is_menu_item(line: str, settings: Settings = DEFAULT) -> bool:
    """A menu item's shape: a few words, no sentence punctuation, not a list item, a table row (a
    line with a figure in it and more than one word, or a cell border) nor a line of code."""
    words = word_count(line)
    if not LETTER.search(line):  # "0", "×", "|": a count or an icon; a row of figures is a table's
        return words <= 2 and not CODE_OR_CELL.search(line)
    if words > settings.short_line_words or LIST_MARKER.match(line):
        return False
    if words > 1 and NUMBER_CELL.search(line) or CODE_OR_CELL.search(line):
        return False
    return not re.search(r"[.!?;,:][”\"’')\]]*$", line)


def clean(
    text: str,
    repeated: dict[str, int] | None = None,
    settings: Settings = DEFAULT,
    hints: list[tuple[int, int, str]] | None = None,
) -> Cleaned:
    """Split ``text`` into kept lines and removed spans.

    ``repeated`` maps the keys of lines found repeated across the publisher's documents to the
    number of documents they appear in.

    ``hints`` (the reader's ``Source.hints``; None for plain text) says the text is a reader's
    extraction of a page's main text (HTML, WARC): the extractor has already cut the page
    around the article, so only the line rules and repetition apply, and a caption, tweet or
    quote the reader found in the page's structure is never removed by a rule.
    """
    settings = settings or DEFAULT
    repeated = repeated or {}
    spans = line_spans(text)
    lines = [text[start:end] for start, end in spans]
    structural = sorted((start, end) for start, end, kind in (hints or ()) if kind in STRUCTURAL_KINDS)
    reasons: list[str | None] = []
    for start, end in spans:
        line = text[start:end]
        reason = None
        if end - start <= MAX_BOILERPLATE_CHARS:  # the publisher's own repetition is the surer sign
            count = repeated.get(line_key(line))
            if count:
                reason = f"repeated in {count} of the publisher's documents"
        if reason is None and not inside(structural, start, end):
            reason = rule_reason(line)
        reasons.append(reason)
    if hints is not None:
        return kept_and_removed(text, spans, reasons)
    prose = [reasons[i] is None and is_prose(line, settings) for i, line in enumerate(lines)]
    menu = [reasons[i] is None and is_menu_item(line, settings) for i, line in enumerate(lines)]
    for group in broken_sentences(text, spans, reasons):  # a paragraph a scraper broke at its links
        if is_prose(" ".join(lines[i] for i in group), settings):
            for i in group:
                prose[i], menu[i] = True, False
    body = find_body(lines, reasons, prose, menu, settings)
    if body is not None:
        mark_link_lists(lines, reasons, prose, body)
    mark_menu_runs(reasons, prose, menu, settings)
    if body is not None:
        mark_outside_body(lines, reasons, prose, menu, body, settings)
    return kept_and_removed(text, spans, reasons)


def kept_and_removed(text: str, spans, reasons) -> Cleaned:
    kept, removed = [], []
    for (start, end), reason in zip(spans, reasons):
        if reason:
            removed.append(Removed(start=start, end=end, text=text[start:end], reason=reason))
        else:
            kept.append((start, end))
    return Cleaned(kept=kept, removed=removed)


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether the line at ``start:end`` lies inside one of the sorted ``spans``."""
    index = bisect.bisect_right(spans, (start, math.inf)) - 1
    return index >= 0 and spans[index][0] <= start and end <= spans[index][1]


def broken_sentences(text: str, spans, reasons) -> list[list[int]]:
    """Runs of lines that read as one sentence broken at line ends: a line ending in a comma or a
    word no sentence ends with (with at least ``FRAGMENT_MIN_WORDS`` words), or a next line opening in
    lowercase or with punctuation, and no blank line between. A scraper that puts each link on
    its own line breaks a paragraph so."""
    groups, group = [], [0] if spans else []
    for i in range(1, len(spans)):
        previous = text[spans[i - 1][0]:spans[i - 1][1]]
        line = text[spans[i][0]:spans[i][1]]
        joined = (
            reasons[i - 1] is None
            and reasons[i] is None
            and "\n\n" not in text[spans[i - 1][1]:spans[i][0]]
            and (
                CONTINUES.search(previous, max(0, len(previous) - CONTINUES_TAIL))
                and len(previous.split()) >= FRAGMENT_MIN_WORDS
                or CONTINUATION.match(line)
            )
        )
        if joined:
            group.append(i)
        else:
            if len(group) > 1:
                groups.append(group)
            group = [i]
    if len(group) > 1:
        groups.append(group)
    return groups


def find_body(lines, reasons, prose, menu, settings: Settings) -> tuple[int, int] | None:
    """The article's body as (first line, end line): the run of lines with the highest score, with
    any other run scoring at least ``second_part_share`` of it or ``second_part_words``, and what
    lies between.

    Prose scores its words; a line removed by a rule costs ``rule_line_cost``, a menu-shaped
    line ``short_line_cost``, any other line (a heading, a list item, a table row) a tenth of it.
    """
    if not any(prose):
        return None
    weights = []
    for i, line in enumerate(lines):
        if prose[i]:
            weights.append(word_count(line))
        elif reasons[i] is not None:
            weights.append(-settings.rule_line_cost)
        elif menu[i]:
            weights.append(-settings.short_line_cost)
        else:
            weights.append(-settings.short_line_cost / 10)
    score, first, end = best_run(weights, 0, len(weights))
    while True:  # a second part of the article, beyond a chart or a gallery, joins the body
        parts = [best_run(weights, 0, first), best_run(weights, end, len(weights))]
        part = max(parts)
        if part[0] < min(settings.second_part_share * score, settings.second_part_words):
            return first, end
        first, end = min(first, part[1]), max(end, part[2])


def best_run(weights: list[float], low: int, high: int) -> tuple[float, int, int]:
    """(score, start, end) of the run of ``weights[low:high]`` with the highest sum."""
    best, best_start, best_end = -math.inf, low, low
    running, start = 0.0, low
    for i in range(low, high):
        if running <= 0:
            running, start = weights[i], i
        else:
            running += weights[i]
        if running > best:
            best, best_start, best_end = running, start, i + 1
    return best, best_start, best_end


def mark_link_lists(lines, reasons, prose, body) -> None:
    """Outside the body, the lines under a "Related" / "Most read" heading are the list it opens,
    up to the next prose line or line longer than a headline (``LINK_TITLE_MAX_WORDS``)."""
    first, end = body
    index = 0
    while index < len(lines):
        if reasons[index] == RELATED_HEADING and not first <= index < end:
            following = index + 1
            while (
                following < len(lines)
                and not prose[following]
                and word_count(lines[following]) <= LINK_TITLE_MAX_WORDS
                and not first <= following < end
                and not TWEET_SIGNATURE_HINT.search(lines[following])
            ):
                if reasons[following] is None:
                    reasons[following] = "related-articles list"
                following += 1
            index = following
        else:
            index += 1


def mark_menu_runs(reasons, prose, menu, settings: Settings) -> None:
    """Runs of menu-shaped lines are menus, unless prose lies on both sides (a list in the article).

    Lines already removed by a rule continue a run.
    """
    index = 0
    n = len(reasons)
    while index < n:
        if not (menu[index] and reasons[index] is None):
            index += 1
            continue
        end = index
        while end < n and (reasons[end] is not None or menu[end]):
            end += 1
        members = [i for i in range(index, end) if reasons[i] is None]
        if len(members) >= settings.menu_run_min_lines:
            before = any(prose[i] for i in range(max(0, index - 2), index))
            after = any(prose[i] for i in range(end, min(n, end + 2)))
            if not (before and after):
                for i in members:
                    reasons[i] = "navigation or menu run"
        index = max(end, index + 1)


def has_chrome(indices, reasons, menu, settings: Settings) -> bool:
    """Whether these lines show a page's chrome: a line a rule removed, or a menu's worth of
    menu-shaped lines. A clean text's title and subtitle are not chrome."""
    indices = list(indices)
    return any(reasons[i] is not None for i in indices) or sum(menu[i] for i in indices) >= settings.menu_run_min_lines


def mark_outside_body(lines, reasons, prose, menu, body, settings: Settings) -> None:
    """Remove the chrome of the page's head, before the body, and of its tail, after it.

    The title lines above the body stay (``title_lines``, over its byline and dateline), as do
    the lines just below it (``tail_lines``); a head or tail without chrome (``has_chrome``)
    stays whole. Otherwise its lines without a sentence end go (list items excepted), and so does
    its prose when a chrome line stands between it and the body (a footer's blurb, comments) and
    there is less of it than ``outside_prose_share`` of the body's.
    """
    first, end = body
    n = len(lines)
    keep_from = first
    titles = 0
    for i in range(first - 1, -1, -1):  # up over the byline and dateline to the headline
        if reasons[i] in TITLE_NEIGHBOURS:
            continue
        if reasons[i] is not None or prose[i] or menu[i] or titles == settings.title_lines:
            break
        titles += 1
        keep_from = i
    keep_to = end
    while keep_to < n and keep_to - end < settings.tail_lines and reasons[keep_to] is None and not prose[keep_to]:
        keep_to += 1
    chrome = [reasons[i] is not None or menu[i] for i in range(n)]
    body_words = sum(word_count(lines[i]) for i in range(first, end) if prose[i])

    def little_prose(indices) -> bool:  # else the page is no article with chrome around it: keep
        return sum(word_count(lines[i]) for i in indices if prose[i]) < settings.outside_prose_share * body_words

    head = range(keep_from)
    if has_chrome(head, reasons, menu, settings):
        boundary = max(i for i in head if chrome[i])
        prose_goes = little_prose(head)
        for i in head:
            if reasons[i] is None and is_outside_chrome(lines[i], prose[i], menu[i], i < boundary, prose_goes, settings):
                reasons[i] = "page head, before the article's body"
    tail = range(keep_to, n)
    if has_chrome(tail, reasons, menu, settings):
        boundary = min(i for i in tail if chrome[i])
        prose_goes = little_prose(tail)
        for i in tail:
            if reasons[i] is None and is_outside_chrome(lines[i], prose[i], menu[i], i > boundary, prose_goes, settings):
                reasons[i] = "page tail, after the article's body"


def is_outside_chrome(line: str, prose: bool, menu: bool, beyond_chrome: bool, little_prose: bool, settings: Settings) -> bool:
    """Whether a line outside the body goes: a menu item; a line without a sentence end, unless
    much prose lies outside the body too (then it may be a heading of the article's); prose with
    chrome between it and the body, when there is little of it. A list item stays."""
    if menu:
        return True
    if LIST_MARKER.match(line) or not little_prose:
        return False
    if prose:
        return settings.outside_removes_prose and beyond_chrome
    return settings.outside_removes_headings
