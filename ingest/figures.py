"""Numeric claims about people in a passage: "30,000 political prisoners", "tens of thousands".

``find_figures(text)`` is a pure function: text in, ``Figure`` records out, with offsets into
the text. It reads digits ("30,000", "1500", "1.5 million"), number words ("seven", "twenty-five",
"three hundred") and vague quantities ("thousands", "tens of thousands", "several hundred") into
``low``/``high`` (the table ``VAGUE`` below; stated in docs/figures.md). A number is a count of
people only when it is tied to people:

* followed by a counted noun, optionally after up to three modifiers
  ("87 Death Commission members", "seven top human rights experts", "thousands of MEK members");
* or followed by a passive verb of what is done to people ("12,000 are being detained");
* or standing after a frame that makes it a count of people ("the death toll of 1500",
  "the massacre of over 30,000").

Everything else is left out: years ("1988", "the 1980s"), dates, ages and durations
("32 years", "60 days", "three months", "a 7-year campaign", "12 years of a 15-year sentence"),
money, percentages, page counts ("94-page report"), list numbering ("1. Before ..."), numbers glued
to words or inside hashtags, handles and URLs ("#FreeIran2020", "in1988"), counts of organisations
("21 international Non-Governmental Organizations": organisations are not people) and "N of the X"
("one of the key officials", "two of these officials": a part of a group, not a count).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- numbers -------------------------------------------------------------------------------

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}

# Vague quantities: phrase -> (low, high). The documented table (docs/figures.md).
VAGUE = {
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "several hundred": (300, 999),
    "a few hundred": (200, 500),
    "thousands": (2_000, 9_999),
    "several thousand": (3_000, 9_999),
    "a few thousand": (2_000, 5_000),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 9_999_999),
}
EXACT_WORDS = {"a dozen": 12, "a hundred": 100, "a thousand": 1_000, "a million": 1_000_000}

# Words that make a number approximate when they come right before it.
QUALIFIERS = (
    "more than", "over", "about", "around", "nearly", "almost", "some", "up to", "at least",
    "roughly", "approximately", "close to", "as many as", "in excess of", "upwards of",
    "fewer than", "less than", "under", "an estimated", "estimated", "at most", "well over",
)

# Counted nouns: heads of a noun phrase that names people (plural and singular).
PEOPLE_NOUNS = (
    "people", "persons", "person", "individuals", "individual", "prisoners", "prisoner",
    "detainees", "detainee", "inmates", "dissidents", "dissident", "protesters", "protester",
    "protestors", "demonstrators", "members", "member", "supporters", "sympathizers",
    "sympathisers", "activists", "activist", "officials", "official", "experts", "rapporteurs",
    "victims", "victim", "women", "woman", "men", "man", "girls", "boys", "children", "child",
    "teenagers", "juveniles", "minors", "youths", "students", "workers", "teachers",
    "journalists", "lawyers", "mayors", "ministers", "judges", "clerics", "commanders", "agents",
    "guards", "executions", "hangings", "killings", "deaths", "dead", "martyrs", "families",
    "relatives", "survivors", "witnesses", "Iranians", "citizens", "civilians", "refugees",
    "residents", "parliamentarians", "lawmakers", "MPs", "senators", "dignitaries", "signatories",
    "politicians", "leaders", "delegates", "participants", "defenders", "opponents", "fighters",
    "perpetrators", "prosecutors", "doctors", "nurses", "mothers", "fathers", "sons",
    "daughters", "siblings", "soldiers", "troops", "casualties", "fatalities",
)
# Passive verbs of what is done to people: "12,000 are being detained".
PEOPLE_VERBS = (
    "executed", "killed", "hanged", "arrested", "detained", "imprisoned", "jailed",
    "disappeared", "massacred", "murdered", "tortured", "sentenced", "injured", "wounded",
    "shot", "slain", "held",
)
AUXILIARIES = r"(?:are|were|was|is|have\s+been|has\s+been|had\s+been|are\s+being|were\s+being|being|been)"
# Frames before a number that make it a count of people.
FRAMES = (
    r"death\s+toll\s+(?:of|at|to|is|was|reached|rose\s+to|stands\s+at|stood\s+at)",
    r"(?:massacre|execution|executions|killing|killings|murder|slaughter|deaths|hanging)\s+of",
    r"number\s+of\s+(?:victims|dead|deaths|executions|prisoners)\s+(?:at|to|is|was)",
)

# Words that may stand between a number and its counted noun ("87 Death Commission members"):
# any word except these (which end a noun phrase or start a new clause).
STOPWORDS = {
    "of", "the", "a", "an", "and", "or", "in", "on", "at", "to", "for", "from", "by", "with",
    "who", "whom", "which", "that", "this", "these", "those", "is", "are", "was", "were", "be",
    "been", "being", "have", "has", "had", "will", "would", "can", "could", "may", "might",
    "they", "them", "their", "he", "she", "it", "its", "his", "her", "we", "our", "you", "as",
    "than", "but", "not", "no", "after", "before", "during", "since", "until", "per", "across",
    "over", "under", "about", "into", "out", "up", "if", "so", "such", "then", "there",
}
# Units that make a number a duration, an age, money, a measure: never counts of people.
NON_PEOPLE_UNITS = {
    "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
    "minute", "minutes", "second", "seconds", "decade", "decades", "century", "centuries",
    "percent", "per", "dollars", "euros", "pounds", "rials", "tomans", "usd", "eur", "pages",
    "page", "times", "km", "kilometers", "miles", "organizations", "organisations",
    "ngos", "groups", "countries", "states", "cities", "provinces", "questions", "cases",
}

_word = lambda words: "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))  # noqa: E731

_NUM_WORD = (
    rf"(?:(?:{_word(TENS)})(?:[-\s](?:{_word(UNITS)}))?|{_word(UNITS)}|{_word(EXACT_WORDS)})"
)
NUMBER_WORDS_RE = rf"{_NUM_WORD}(?:\s+(?:and\s+)?(?:hundred|thousand|million)(?:\s+(?:and\s+)?{_NUM_WORD})?)*"
DIGITS_RE = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
NUMBER_RE = (
    rf"(?:(?:{DIGITS_RE})(?:\s+(?:thousand|million))?|(?:{NUMBER_WORDS_RE}))"
)
VAGUE_RE = _word(VAGUE)
QUAL_RE = _word(QUALIFIERS)

# A quantity: optional qualifier, then a range, a vague quantity, or one number.
QUANTITY = re.compile(
    rf"""
    (?<![\w#@/$€£.,\-])                     # not glued to a word, hashtag, handle, URL, money
    (?:(?P<qual>{QUAL_RE})\s+)?
    (?:
        (?P<vague>{VAGUE_RE})
      | (?:between|from)\s+(?P<lo>{NUMBER_RE})\s+(?:and|to)\s+(?P<hi>{NUMBER_RE})
      | (?P<lo2>{DIGITS_RE})\s?[-–]\s?(?P<hi2>{DIGITS_RE})
      | (?P<num>{NUMBER_RE})
    )
    (?![\w\-–%])                            # not "1980s", "94-page", "15-year", "30%"
    """,
    re.IGNORECASE | re.VERBOSE,
)
_WORD = r"[A-Za-z][\w’'\-]*"
NOUN_AFTER = re.compile(
    rf"(?P<of>\s+of)?(?P<mods>(?:\s+{_WORD}){{0,3}}?)\s+(?P<noun>{_word(PEOPLE_NOUNS)})\b",
    re.IGNORECASE,
)
VERB_AFTER = re.compile(rf"\s+{AUXILIARIES}\s+(?P<verb>{_word(PEOPLE_VERBS)})\b", re.IGNORECASE)
FRAME_BEFORE = re.compile(rf"\b(?P<frame>{'|'.join(FRAMES)})\s+$", re.IGNORECASE)
YEAR_RE = re.compile(r"(1[89]\d\d|20\d\d)")
LIST_NUMBER = re.compile(r"(?:^|\n)\s*$")


@dataclass
class Figure:
    """One numeric claim about people, with offsets into the passage text."""

    text: str
    start: int
    end: int
    low: int
    high: int
    approximate: bool
    counts: str | None


def parse_number(s: str) -> int:
    """'30,000' -> 30000, '1.5 million' -> 1500000, 'twenty-five' -> 25, 'three hundred' -> 300."""
    s = " ".join(s.lower().replace("-", " ").split())
    if s in EXACT_WORDS:
        return EXACT_WORDS[s]
    m = re.fullmatch(r"([\d.,]+)(?:\s+(thousand|million))?", s)
    if m:
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= SCALES[m.group(2)]
        return int(round(value))
    total, current = 0, 0
    for word in s.split():
        if word == "and":
            continue
        if word == "a":
            current = 1
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in ("dozen",):
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in ("thousand", "million"):
            total += (current or 1) * SCALES[word]
            current = 0
        else:
            raise ValueError(f"not a number: {s!r}")
    return total + current


def _is_bare_year(s: str) -> bool:
    return bool(YEAR_RE.fullmatch(s.strip()))


def find_figures(text: str) -> list[Figure]:
    """Every numeric claim about people in ``text``, in order of appearance.

    >>> [(f.low, f.high, f.approximate, f.counts) for f in find_figures("over 30,000 political prisoners")]
    [(30000, 30000, True, 'political prisoners')]
    """
    figures: list[Figure] = []
    last_end = 0
    for m in QUANTITY.finditer(text):
        if m.start() < last_end:
            continue  # inside the previous figure ("30,000 thousands experts")
        qual, vague = m.group("qual"), m.group("vague")
        start = m.start()
        if vague:
            low, high = VAGUE[" ".join(vague.lower().split())]
            approximate = True
        else:
            lo_s = m.group("lo") or m.group("lo2")
            hi_s = m.group("hi") or m.group("hi2")
            one = m.group("num")
            if one is not None:
                if _is_bare_year(one):
                    continue  # a year, never a count ("1988", "2019 protests")
                if _is_list_number(text, m):
                    continue
                low = high = parse_number(one)
            else:
                if _is_bare_year(lo_s) or _is_bare_year(hi_s):
                    continue  # "1980-1988", "from 2017 to 2021": years
                low, high = sorted((parse_number(lo_s), parse_number(hi_s)))
            approximate = qual is not None
        end = m.end()
        counts = None
        after = text[end:]
        noun = NOUN_AFTER.match(after)
        if noun and noun.group("of") and not vague:
            noun = None  # "one of the key officials", "two of these officials": not a count
        if noun and _mods_ok(noun.group("mods")):
            counts = " ".join((noun.group("mods") + " " + noun.group("noun")).split())
            end += noun.end()
        else:
            verb = VERB_AFTER.match(after)
            frame = FRAME_BEFORE.search(text[: m.start()])
            if verb and not _followed_by_unit(after):
                counts = verb.group("verb").lower()
                end += verb.end()
            elif frame and not _followed_by_unit(after):
                counts = _frame_noun(frame.group("frame"))
                start = frame.start()  # the surface keeps its frame: "death toll of 1500"
            else:
                continue
        if start < last_end:
            continue
        last_end = end
        figures.append(
            Figure(
                text=text[start:end],
                start=start,
                end=end,
                low=low,
                high=high,
                approximate=approximate,
                counts=counts,
            )
        )
    return figures


def _frame_noun(frame: str) -> str:
    words = frame.lower().split()
    if words[0] == "death":
        return "death toll"
    if words[0] == "number":
        return words[2]
    return words[0]  # massacre, executions, killing ...


def _mods_ok(mods: str) -> bool:
    words = mods.split()
    return not any(w.lower().strip("’'") in STOPWORDS | NON_PEOPLE_UNITS for w in words)


def _followed_by_unit(after: str) -> bool:
    m = re.match(r"\s+([A-Za-z]+)", after)
    return bool(m and m.group(1).lower() in NON_PEOPLE_UNITS)


def _is_list_number(text: str, m: re.Match) -> bool:
    """'1. Before your government ...' at the start of a line: list numbering."""
    return bool(LIST_NUMBER.search(text[: m.start()])) and text[m.end() : m.end() + 1] in (".", ")")
