"""Which name a text uses for an actor: "PMOI", "MEK", "MKO", "Monafeqin" for one organisation.

``load_lexicon(path)`` reads ``sources/names.yml``; ``find_mentions(text, lexicon)`` is pure and
returns ``Mention`` records with offsets into the text. Rules (docs/names.md):

* longest name first: where names overlap, the longest wins ("Islamic Republic of Iran" over
  "Islamic Republic"; "mullahs' regime" over "the mullahs"), ties to the leftmost;
* whole words only: "MEK" is not found in "MEKs", "#WeSupportMEK" or the handle "@MEK_Iran";
  a hashtag is a use of the name, so "#MEK" and "#PMOI" are mentions (the surface is the name
  without "#");
* case: names marked ``case: exact`` (acronyms, proper nouns that are also common words) match
  as written; the others ignore case ("The regime", "the Regime");
* curly and straight apostrophes match each other ("People’s", "People's"); any run of
  whitespace (including no-break spaces and line breaks) matches a space between words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

APOSTROPHES = "'’‘ʼ`"
_APOS_CLASS = "[" + re.escape(APOSTROPHES) + "]"
BEFORE = r"(?<![\w@#])#?"  # not inside a word or a handle; a hashtag sign is allowed
AFTER = r"(?![\w])"


@dataclass
class Actor:
    id: str
    name: str
    description: str
    basis: str
    names: list[dict] = field(default_factory=list)

    def row(self) -> dict:
        """The ``actors`` row."""
        return {"id": self.id, "name": self.name, "description": self.description}


@dataclass
class Mention:
    actor_id: str
    surface: str  # as written in the text (without a leading "#")
    start: int
    end: int
    name: str | None = None  # the lexicon's name it matched ("MEK", "the regime")


@dataclass
class Lexicon:
    actors: dict[str, Actor]
    # key -> (actor_id, name); keys are normalised surfaces (lower-cased unless case: exact)
    exact: dict[str, tuple[str, str]]
    folded: dict[str, tuple[str, str]]
    exact_re: re.Pattern | None
    folded_re: re.Pattern | None


def _normalise(s: str) -> str:
    s = re.sub(_APOS_CLASS, "'", s)
    return " ".join(s.split())


def _pattern(name: str) -> str:
    words = _normalise(name).split(" ")
    return r"\s+".join(re.escape(w).replace("'", _APOS_CLASS) for w in words)


def _alternation(names: list[str]) -> re.Pattern | None:
    if not names:
        return None
    alts = "|".join(_pattern(n) for n in sorted(names, key=len, reverse=True))
    return alts


def build_lexicon(data: dict) -> Lexicon:
    """A lexicon from the parsed YAML (a mapping actor id -> actor); raises on a bad entry."""
    actors, exact, folded = {}, {}, {}
    for actor_id, a in data.items():
        for key in ("name", "description", "basis", "names"):
            if key not in a:
                raise ValueError(f"names.yml: actor {actor_id!r} has no {key!r}")
        actors[actor_id] = Actor(actor_id, a["name"], " ".join(a["description"].split()),
                                 " ".join(a["basis"].split()), a["names"])
        for n in a["names"]:
            if "name" not in n or "signals" not in n:
                raise ValueError(f"names.yml: a name of {actor_id!r} lacks 'name' or 'signals': {n}")
            case = n.get("case", "any")
            if case not in ("any", "exact"):
                raise ValueError(f"names.yml: {n['name']!r}: case must be 'any' or 'exact'")
            table, key = (exact, _normalise(n["name"])) if case == "exact" else (
                folded, _normalise(n["name"]).lower())
            if key in table and table[key][0] != actor_id:
                raise ValueError(f"names.yml: {n['name']!r} is listed for two actors")
            table[key] = (actor_id, n["name"])
    exact_alt = _alternation([v[1] for v in exact.values()])
    folded_alt = _alternation([v[1] for v in folded.values()])
    return Lexicon(
        actors=actors,
        exact=exact,
        folded=folded,
        exact_re=re.compile(rf"{BEFORE}(?=({exact_alt}){AFTER})") if exact_alt else None,
        folded_re=re.compile(rf"{BEFORE}(?=({folded_alt}){AFTER})", re.IGNORECASE) if folded_alt else None,
    )


def load_lexicon(path: str | Path = "sources/names.yml") -> Lexicon:
    with open(path, encoding="utf-8") as f:
        return build_lexicon(yaml.safe_load(f))


def find_mentions(text: str, lexicon: Lexicon) -> list[Mention]:
    """Mentions of the lexicon's actors in ``text``, in order, none overlapping.

    >>> lex = build_lexicon({"pmoi": {"name": "PMOI", "description": "", "basis": "",
    ...     "names": [{"name": "MEK", "case": "exact", "signals": ""}]}})
    >>> [(m.actor_id, m.surface, m.start) for m in find_mentions("#MEK, not MEKs", lex)]
    [('pmoi', 'MEK', 1)]
    """
    candidates = []  # (start, end, actor_id, name)
    for regex, table, fold in ((lexicon.exact_re, lexicon.exact, False), (lexicon.folded_re, lexicon.folded, True)):
        if regex is None:
            continue
        for m in regex.finditer(text):
            start, end = m.start(1), m.end(1)
            key = _normalise(m.group(1))
            actor_id, name = table[key.lower() if fold else key]
            candidates.append((start, end, actor_id, name))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for start, end, actor_id, name in candidates:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        chosen.append(Mention(actor_id, text[start:end], start, end, name))
    chosen.sort(key=lambda m: m.start)
    return chosen
