"""Text: the one sentence-end pattern and abbreviation list that splitting, attribution and claims share.

A full stop ends a sentence unless it closes an abbreviation ("Mr.", "U.N.", "Jan.", "Calif.")
or a single letter or digit ("J. Smith", "No. 5").
"""

from __future__ import annotations

import re

# A sentence end: ".", "!" or "?", closing marks, then white space (group 1) before a capital or digit,
# optionally behind an opening mark; '' is a closing or opening double quote typed as two single ones.
SENTENCE_END = re.compile(r"[.!?](?:[”\"’)\]]|''|'(?=\s))*(\s+)(?=(?:[“\"‘'(\[]|'')?[A-Z0-9])")

US_STATE_ABBREVIATIONS = {"ala", "ariz", "ark", "calif", "colo", "conn", "fla", "kan", "kans", "okla", "tenn", "tex",
                          "wis", "wyo", "minn", "mich", "neb", "nev"}

# Words that end with a full stop that does not end a sentence (lower case, inner full stops kept)
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "no", "gen", "jr", "sr", "vs", "prof", "gov", "sen", "rep",
                 "u.s", "u.n", "e.g", "i.e", "etc", "lt", "col", "maj", "capt", "sgt", "rev", "mt", "ft",
                 # months and the usual state abbreviations, which precede a number or a name, not a new sentence
                 "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec",
                 "mass", "ky", "ga", "va", "pa", "ill", "ore", "wash", "miss", "mo", "ind",
                 "n.y", "n.j", "n.h", "n.c", "s.c", "d.c"} | US_STATE_ABBREVIATIONS

WORD_BEFORE = re.compile(r"([\w.]+)$")
WORD_WINDOW = 64  # a longer word is no abbreviation, and neither is its last WORD_WINDOW characters


def is_abbreviation(text: str, period: int, start: int = 0) -> bool:
    """Whether the full stop at ``period`` closes an abbreviation or a single letter or digit.

    The word is the run of letters, digits and full stops before ``period``, not before ``start``.
    """
    word = WORD_BEFORE.search(text[max(start, period - WORD_WINDOW):period])
    return bool(word) and (word.group(1).lower() in ABBREVIATIONS or len(word.group(1)) == 1)
