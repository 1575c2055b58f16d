"""Attribute: who is speaking in each passage, apart from the channel that publishes it.

Pure: passages and the speaker registry in, passages filled in place out; knows no database.

Two layers. ``passage.statements`` (see "Statements" below and docs/attribution.md): every stretch of
a passage with its voice, the outlet's own words included, covering the passage exactly. And the
passage's own ``speaker_id``/``attribution``/``attribution_cue``: the voice quoted in the passage,
found by the passage rules that follow.

Per passage, in this order (the first rule that finds a speaker decides):

1. ``tweet``: a tweet passage is its author's, found by handle (a handle not in the registry
   becomes a new speaker named as the tweet signs it).
2. ``quote``: a quotation of three words or more (“…”, "…", ‘’…’’) whose speaker the frame names:
   the subject of the last speech verb before the quotation in its sentence ("Khomeini wrote: “…”",
   "the experts said they were “…”"), or the voice named right after it ("“…,” said Diana
   Eltahawy", "“…,” as described by UN experts"). Quotations nobody is named for (scare quotes,
   titles) attribute nothing.
3. ``quote`` with cue ``colon``: a passage that opens with a named voice and a colon, no verb
   ("Mrs. Maryam Rajavi …: We see …"), unless what follows reads as a Title Case headline.
4. ``reported``: a speech verb whose subject is a named voice, without quotation marks
   ("Geoffrey Robertson … describes the 1988 massacre … as …"), "according to X", "as described by X".
5. A caption (``kind == "caption"``) goes through 2-4 on its text after the image credit and is
   marked ``caption``; a caption that names no voice (a headline, a picture title) is the outlet's.

A subject is a registry alias ("Amnesty International"), a short reference to a voice already
named in the document ("the experts", "the report", "the statement"), a pronoun (he, she, it,
they: the voice named earlier in the passage, else the speaker of the previous passage, when its
type fits), or a capitalised name not in the registry, which becomes a new speaker (affiliation
unknown, "not in registry"). A name is a subject only when nothing but an appositive (", the
head of …,") and a few words stand between it and the verb, and when it is not the object of a
preposition ("hosted by the NCRI") or one of a coordinated list ("A, B and C called for …"):
such passages carry several voices and stay unattributed. Anything the rules do not find is the
outlet's own voice: ``speaker_id`` and ``attribution`` stay null. Null is preferred to a guess.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .model import Passage, Statement
from .text import ABBREVIATIONS, SENTENCE_END, US_STATE_ABBREVIATIONS, is_abbreviation

SPEAKER_FIELDS = {"name", "type", "aliases", "refs", "handles", "affiliation", "role", "basis", "member_of"}
SPEAKER_TYPES = ("person", "body", "group", "document")
SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
NOT_IN_REGISTRY = "not in registry"

# Speech verbs as they appear in text; the cue is the word as written, lower-cased.
SPEECH_VERBS = (
    "said says say saying stated states state wrote writes write added adds told tells "
    "described describes describe emphasized emphasizes emphasised emphasises emphasize "
    "stressed stresses stress expressed expresses express reiterated reiterates reiterate "
    "underlined underlines underline urged urges urge demanded demands demand asked asks "
    "warned warns warn confirmed confirms revealed reveals mentioned mentions explained explains "
    "highlighted highlights condemned condemns criticized criticises criticized criticised criticizes "
    "noted notes announced announces claimed claims declared declares insisted insists argued argues "
    "advised advises recommended recommends appealed appeals accused accuses denied denies "
    "acknowledged acknowledges recognized recognised recognizes discovered concluded concludes "
    "reported reports testified testifies dismissed dismisses slammed slams "
    "saying adding writing stating noting warning stressing insisting arguing claiming describing"
).split()
# Participles that hang off the sentence's subject after a comma: "…, saying the matter was closed".
PARTICIPLES = {"saying", "adding", "writing", "stating", "noting", "warning", "stressing", "insisting",
               "arguing", "claiming", "describing", "calling"}
# Verbs that only speak with a particle: "called for", "called on"; "raised concern".
PARTICLE_VERBS = {
    "called": r"\s+(?:for|on|upon|in)\b", "calls": r"\s+(?:for|on|upon)\b", "call": r"\s+(?:for|on|upon)\b",
    "raised": r"\s+(?:\w+\s+){0,2}?concerns?\b", "raises": r"\s+(?:\w+\s+){0,2}?concerns?\b",
    "calling": r"\s+(?:for|on|upon|it|them|him|her)\b", "put": r"\s+it\b",
}
DESCRIBE_VERBS = {"described", "describes", "describe", "describing", "recognized", "recognised", "recognizes",
                  "dismissed", "dismisses", "slammed", "slams"}
VERB_ALTERNATION = "|".join(sorted(set(SPEECH_VERBS) | set(PARTICLE_VERBS), key=len, reverse=True))
VERB_RE = re.compile(rf"\b({VERB_ALTERNATION})\b")
ACCORDING_TO = re.compile(r"\b[Aa]ccording to\s+")
AS_DESCRIBED_BY = re.compile(r"\bas\s+(described|stated|noted|put|said|reported)\s+by\s+")

# Words that, between a subject and its verb, show the name is not the verb's subject.
GAP_STOPWORDS = {"that", "which", "who", "whom", "whose", "when", "while", "because", "and", "but", "or",
                 "if", "after", "before", "since", "where", "whether", "although", "though", "than"}
GAP_MAX_WORDS = 6
# A name right after one of these is an object, not a subject.
PREPOSITIONS = {"by", "of", "to", "at", "for", "from", "with", "on", "against", "in", "into", "about",
                "over", "than", "such", "like", "including", "and", "or", "nor", "toward", "towards",
                "under", "between", "among", "via", "hosted", "behind", "upon", "whom"}
DETERMINERS = {"the", "a", "an"}
# "An excerpt from the statement says", "A report released by Reuters said": the head is the voice's words.
TRANSPARENT = re.compile(
    r"(?:\b(?:excerpt|extract|passage|text|copy)\s+(?:from|of)"
    r"|\b(?:data|figures|statistics|estimates?|numbers|records|memo|document|letter|cable|report)\s+from"  # "Data from …"
    r"|\b(?:reports?|statements?|letters?|communications?|stud(?:y|ies)|resolutions?|figures|data|statistics|estimates?|"
    r"numbers|counts?|tall(?:y|ies)|records|analys[ie]s|surveys?|census|lists?|briefs?|reconstructions?|datasets?|"
    r"monographs?|ethnograph(?:y|ies)|theses|thesis|dissertations?|papers?|books?)\s+(?:\w+\s+)?by)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Descriptions that refer back to the most recent voice of a type, registry or not.
GENERIC_REFS = re.compile(
    r"\b[Tt]he\s+(?:(?P<body>organi[sz]ation|group|rights group|agency|ministry|watchdog|institution|body)"
    r"|(?P<person>spokes(?:man|woman|person)|minister|official|rapporteur|researcher|historian|director))\b"
)
SPECIFIC_REFS = {"ministry"}
PRONOUNS = {"he": "person", "she": "person", "it": "thing", "they": "plural"}
PRONOUN_FITS = {"person": {"person"}, "thing": {"body", "document"}, "plural": {"group", "body"}}
# Which types a pronoun prefers, best first: "they" is a group before it is an organisation.
PRONOUN_PREFERENCE = {"person": [{"person"}], "thing": [{"body", "document"}], "plural": [{"group"}, {"body"}]}
PRONOUN_RE = re.compile(r"\b([Hh]e|[Ss]he|[Ii]t|[Tt]hey)\b")
REF_DETERMINERS = (
    r"(?:[Tt]he|[Tt]his|[Tt]hese|[Tt]hose|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|\d+|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix"
    r"|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en)"
)
NOUN_BEFORE = re.compile(r"\b(?:a|an|the|this|that|its|their|his|her)\s+$", re.IGNORECASE)

# The Latin letters by case, accented ones included: "Ángel Gurría", "Marcel Lazăr Lehel", "Andrzej Łukasz"
LATIN_LETTERS = [chr(code) for code in range(0xC0, 0x250) if chr(code).isalpha()]
UPPER = "A-Z" + "".join(c for c in LATIN_LETTERS if c.isupper())
LOWER = "a-z" + "".join(c for c in LATIN_LETTERS if c.islower())
# A capitalised name: one to four capitalised words, optionally after a title.
# not after a word and a hyphen: "pro-Sanders demonstrators", "anti-Trump protesters" name no one
NAME_WORD = rf"(?<![^\W\d_]-)[{UPPER}][{LOWER}{UPPER}’'.-]*[{LOWER}][{LOWER}{UPPER}’'.-]*"
NAME_RE = re.compile(rf"(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)?{NAME_WORD}(?:\s+(?:(?:de|van|von|al|bin|da|du|le)\s+)?{NAME_WORD}){{0,3}}")
STATEMENT_NAME_WORD = rf"(?:(?<![\w.])(?:[A-Z]\.){{2,4}}(?=[\s,;:)]|$)|{NAME_WORD}|(?<![\w’'-])[A-Z][A-Z0-9&]{{1,9}}(?![\w’'-])|(?<![\w’'-])[A-Z]\.(?=\s+[A-Z]))"
STATEMENT_NAME_RE = re.compile(
    rf"(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)?{STATEMENT_NAME_WORD}(?:\s+(?:(?:de|van|von|al|bin|da|du|le)\s+)?{STATEMENT_NAME_WORD}){{0,6}}"
)
NOT_NAMES = {
    "The", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I", "You", "A", "An", "In",
    "On", "At", "For", "And", "But", "Or", "If", "As", "After", "Before", "When", "While", "Although",
    "Its", "His", "Her", "Their", "Our", "My", "Your", "Some", "Many", "Most", "Several", "Other", "Others",
    "Officials", "Authorities", "Critics", "Experts", "Analysts", "Observers", "Witnesses", "Residents",
    "Sources", "Activists", "Protesters", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "Last", "Next", "Meanwhile", "However", "Also", "Still", "Then", "Now",
    "Finally", "Even", "Instead", "Despite", "Following", "Addressing", "Speaking", "Asked",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Families", "Relatives", "Prisoners", "Survivors", "Rights", "Reporting",
    "Editing", "Posted", "Satellite",
    "Said", "Says", "Stated", "Added", "Adds", "Wrote", "Writes",  # "Said Stone, “…”": the verb before its voice
}
# Words capitalised only because they open the sentence ("State radio said", "Local police said"): not a name
COMMON_MODIFIERS = {
    "state", "local", "national", "official", "government", "opposition", "regional", "provincial", "federal",
    "public", "independent", "military", "security", "semi-official", "pro-government", "foreign", "city",
    "county", "district", "municipal", "tribal", "religious", "student", "private", "rival", "hardline",
    "reformist", "conservative", "liberal", "exiled", "underground", "online", "social", "news", "police",
}
ORGANISATION_WORDS = {
    "watch", "international", "council", "ministry", "agency", "organization", "organisation", "office",
    "committee", "court", "department", "news", "association", "foundation", "institute", "group",
    "network", "press", "times", "post", "union", "commission", "government", "judiciary", "party",
    "front", "movement", "center", "centre", "society", "federation", "league", "tribunal", "parliament",
    "house", "senate", "congress", "administration", "campaign", "police", "embassy", "bureau", "service",
    "university", "college", "school", "company", "corporation", "inc", "bank", "fund", "board", "journal",
    "magazine", "television", "radio", "tv", "network", "channel", "daily", "herald", "tribune", "review",
    "republic", "kingdom", "emirate", "sultanate", "principality",
    "rights", "coalition", "alliance", "mission", "observatory", "initiative", "project", "trust", "forum",
    "assembly", "authority", "authorities", "directorate", "army", "forces", "corps", "ngo", "collective", "monitor",
    "politico", "reuters", "ap", "afp", "cnn", "bbc", "nbc", "cbs", "abc", "fox", "msnbc", "irna", "isna", "fars",
}
# "Reporters Without Borders", "Physicians for Human Rights": people joined for a cause, a body
CAUSE_NAME = re.compile(r"(?:[A-Z][a-z]+s|Justice|Truth|Peace|Freedom|Solidarity|Action)\s+(?:[Ww]ithout|for|[Aa]gainst)\s+"
                        r"(?:the\s+)?[A-Z]")


def body_by_name(name: str) -> bool:
    """Whether a name says it is a body: an organisation word in it, or people joined for a cause."""
    return bool(ORGANISATION_WORDS & set(fold(name).split())) or CAUSE_NAME.match(name) is not None


# "''… 'Fox and Friends,'''": a closing double after a closing single ends on the last two marks
DOUBLE_SINGLE_QUOTES = re.compile(r"‘’.*?(?:’’’(?!’)|’’(?!’)|$)|''.*?(?:'''(?!')|''(?!')|$)", re.MULTILINE)
# British single quotation marks: ‘The files were burned,’ Rehman said. An opening mark after a space or an opening
# bracket before a letter; inside, ’ only as an apostrophe (a letter after it); the closing mark after a stop or
# a comma, or before one (‘terrorists’, ‘Nobody was told.’), never a plural possessive ("the prisoners’ families").
# Typewriter marks only where the closing one follows a stop or comma ('The files were burned,' he said).
SINGLE_QUOTES = re.compile(
    r"(?:(?<=[\s(\[—–])|^)‘(?=[^\W\d_])(?:[^‘’\n]|’(?=[^\W\d_]))+?(?:(?<=[.,!?])’|’(?=[.,;:!?)]))"
    # (after a comma a split quotation goes on in lower case: "'The lists,' said X, 'now contain …'")
    r"|(?:(?:(?<=[\s(\[—–])|^)'(?=[A-Z])|(?<=,\s)'(?=[a-z]{2}))(?:[^'\n]|'(?=[^\W\d_]))+?(?<=[.,!?])'(?=\s|$)", re.MULTILINE)
QUOTE_MARK = re.compile(r"[“”\"«»„]")
OPENING_MARKS = "“«„"
CLOSING_MARKS = "”»"
QUOTE_MIN_WORDS = 3
QUOTE_KIND_SHARE = 0.6  # a paragraph becomes kind "quote" when this share of its letters is quoted
CAPTION_CREDIT = re.compile(r"^(?:.*\n\s*)?\((?:[^()\n]{2,40})\)(?:\s+and\s+\((?:[^()\n]{2,40})\))*\s*:\s*", re.DOTALL)
COLON_LEAD_MAX_WORDS = 25
LEAD_IN_MAX_WORDS = 12  # words after the verb in a lead-in line that ends with a colon
BLOCK_QUOTE_SHARE = 0.8
HEADLINE_CAPITALISED_SHARE = 0.6


# ---------------------------------------------------------------------------------------------
# The registry


@dataclass
class SpeakerRegistry:
    """The speakers of sources/speakers.yml, with the lookups attribution needs."""

    speakers: dict[str, dict]
    by_handle: dict[str, str] = field(default_factory=dict)  # lower-cased handle -> id
    by_alias: dict[str, str] = field(default_factory=dict)  # folded alias -> id
    refs: dict[str, list[str]] = field(default_factory=dict)  # folded ref noun phrase -> ids
    alias_re: re.Pattern | None = None
    ref_re: re.Pattern | None = None
    member_of: dict[str, str] = field(default_factory=dict)  # speaker id -> the organisation it belongs to

    def organisation_of(self, speaker_id: str) -> str | None:
        """The organisation a speaker belongs to (``member_of``), or None: Callamard -> Amnesty International."""
        return self.member_of.get(speaker_id)

    def type_of(self, speaker_id: str) -> str:
        return (self.speakers.get(speaker_id) or {}).get("type") or "person"

    def rows(self) -> list[dict]:
        """Rows for a ``speakers`` table (see docs/attribution.md for the columns)."""
        return [
            {
                "id": key,
                "name": entry["name"],
                "handle": ", ".join(entry.get("handles") or []) or None,
                "affiliation_id": entry.get("affiliation"),
                "description": entry.get("role"),
                "type": entry.get("type"),
                "aliases": list(entry.get("aliases") or []),
                "basis": " ".join((entry.get("basis") or "").split()) or None,
                "member_of": entry.get("member_of"),
            }
            for key, entry in self.speakers.items()
        ]


def fold(text: str) -> str:
    """A key for comparing names: NFC, curly apostrophes straight, spaces single, lower case."""
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace("‘", "'")
    return " ".join(text.split()).lower()


def phrase_pattern(phrase: str) -> str:
    """A regex for a phrase as written: first letter either case, any apostrophe, any spaces."""
    parts = []
    for index, char in enumerate(phrase):
        if char in "'’":
            parts.append("['’]")
        elif char.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        elif index == 0 and char.isalpha():
            parts.append(f"[{char.upper()}{char.lower()}]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _fail(label: str, key: str, field_name: str | None, problem: str):
    what = f" field {field_name!r}" if field_name else ""
    raise ValueError(f"{label}: entry {key!r}{what}: {problem}")


def load_speakers(path: str | Path, affiliations: str | Path | dict | None = None) -> SpeakerRegistry:
    """Load and validate sources/speakers.yml.

    ``affiliations`` is the affiliation registry (a mapping, or the path of affiliations.yml;
    by default the affiliations.yml beside ``path``). Every fault is a ValueError with one line
    naming the file, the entry and the field.

    >>> registry = load_speakers("sources/speakers.yml")  # doctest: +SKIP
    """
    path = Path(path)
    label = str(path)
    if affiliations is None:
        affiliations = path.with_name("affiliations.yml")
    if not isinstance(affiliations, dict):
        affiliations_path = Path(affiliations)
        affiliations = yaml.safe_load(affiliations_path.read_text(encoding="utf-8")) if affiliations_path.exists() else {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ValueError(f"{label}: YAML error: {' '.join(str(error).split())}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ValueError(f"{label}: expected a mapping from speaker id to entry, got {type(data).__name__}")
    registry = SpeakerRegistry(speakers={})
    alias_owner: dict[str, str] = {}
    ref_phrases: list[tuple[str, str]] = []
    for key, entry in data.items():
        key = str(key)
        if not SLUG.match(key):
            _fail(label, key, None, "id must be a lowercase slug (letters, digits, . _ -)")
        if not isinstance(entry, dict):
            _fail(label, key, None, "expected a mapping of fields")
        for name in entry:
            if name not in SPEAKER_FIELDS:
                _fail(label, key, name, f"unknown field (allowed: {', '.join(sorted(SPEAKER_FIELDS))})")
        if not isinstance(entry.get("name"), str) or not entry["name"].strip():
            _fail(label, key, "name", "required, a non-empty string")
        kind = entry.get("type") or "person"
        if kind not in SPEAKER_TYPES:
            _fail(label, key, "type", f"unknown type {kind!r} (allowed: {', '.join(SPEAKER_TYPES)})")
        affiliation = entry.get("affiliation")
        if affiliation is not None and affiliation not in affiliations:
            _fail(label, key, "affiliation", f"unknown affiliation id {affiliation!r} (not in affiliations.yml)")
        for list_field in ("aliases", "refs", "handles"):
            value = entry.get(list_field)
            if value is None:
                continue
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                _fail(label, key, list_field, "expected a list of non-empty strings")
        for alias in entry.get("aliases") or []:
            folded = fold(alias)
            if folded in alias_owner and alias_owner[folded] != key:
                _fail(label, key, "aliases", f"alias {alias!r} already belongs to {alias_owner[folded]!r}")
            alias_owner[folded] = key
        for handle in entry.get("handles") or []:
            handle_key = handle.lstrip("@").lower()
            if handle_key in registry.by_handle:
                _fail(label, key, "handles", f"handle {handle!r} already belongs to {registry.by_handle[handle_key]!r}")
            registry.by_handle[handle_key] = key
        for ref in entry.get("refs") or []:
            ref_phrases.append((ref, key))
            registry.refs.setdefault(fold(ref), []).append(key)
        registry.speakers[key] = {**entry, "type": kind}
    for key, entry in registry.speakers.items():
        member_of = entry.get("member_of")
        if member_of is None:
            continue
        if not isinstance(member_of, str) or member_of not in registry.speakers:
            _fail(label, key, "member_of", f"unknown speaker id {member_of!r} (not an entry of this file)")
        if member_of == key:
            _fail(label, key, "member_of", "a speaker cannot be a member of itself")
        registry.member_of[key] = member_of
    registry.by_alias = alias_owner
    registry.alias_re = _alias_pattern([a for entry in data.values() for a in entry.get("aliases") or []])
    registry.ref_re = _ref_pattern([r for r, _ in ref_phrases])
    return registry


def _alias_pattern(aliases: list[str]) -> re.Pattern | None:
    if not aliases:
        return None
    ordered = sorted(set(aliases), key=len, reverse=True)
    # a possessive is a mention too ("Amnesty International's researchers"): without it the shorter alias inside
    # ("Amnesty") matched instead; whether a possessive may speak is subject_eligible's to say
    return re.compile(r"(?<![\w@])(?:" + "|".join(phrase_pattern(a) for a in ordered) + r")(?!(?![’']s\b)[\w’'-]*\w)")


def _ref_pattern(refs: list[str]) -> re.Pattern | None:
    """Short references need a determiner unless they carry one ("the experts", "this report")."""
    if not refs:
        return None
    bare = sorted({r for r in refs if not re.match(r"(?i)(the|this|these|its|their)\s", r)}, key=len, reverse=True)
    full = sorted({r for r in refs if re.match(r"(?i)(the|this|these|its|their)\s", r)}, key=len, reverse=True)
    options = []
    if bare:
        options.append(
            rf"{REF_DETERMINERS}\s+(?:(?:\w+[\s-]+){{0,3}}?)(?P<ref>" + "|".join(phrase_pattern(r) for r in bare) + r")"
        )
    if full:
        options.append(r"(?P<fullref>" + "|".join(phrase_pattern(r) for r in full) + r")")
    return re.compile(r"\b(?:" + "|".join(options) + r")\b")


# ---------------------------------------------------------------------------------------------
# Mentions: where a passage names a voice


@dataclass
class Mention:
    start: int
    end: int
    speaker_id: str | None  # None: an unresolved pronoun or reference
    how: str  # alias, ref, pronoun, name
    text: str
    pronoun: str | None = None
    subject: bool = False  # opens its clause: the likeliest antecedent of a later pronoun


@dataclass
class DocumentState:
    """What attribution remembers while it walks one document."""

    registry: SpeakerRegistry
    named: list[str] = field(default_factory=list)  # speaker ids in the order named, most recent last
    previous_speaker: str | None = None
    new_speakers: dict[str, dict] = field(default_factory=dict)
    new_aliases: dict[str, str] = field(default_factory=dict)  # folded name -> new speaker id
    voices: list[str] = field(default_factory=list)  # speakers of the statements found so far, most recent last
    earlier_names: dict[str, set[str]] = field(default_factory=dict)  # folded surname -> full names met in earlier passages
    # "he" or "she", where the text says which: "Ms. Whitfield", "Whitfield said she …"
    pronoun_of: dict[str, str] = field(default_factory=dict)
    previous_passage: Passage | None = None  # the passage before the one being read (``introduced``)
    asking: bool = False  # the passage before is an interviewer's question ("Q: …", "Interviewer: …")

    def checkpoint(self) -> tuple[set[str], set[str]]:
        """The new speakers and aliases met so far, for ``forget_since``."""
        return set(self.new_speakers), set(self.new_aliases)

    def forget_since(self, checkpoint: tuple[set[str], set[str]]) -> None:
        """Forget the new speakers and aliases met since ``checkpoint``: a reading tried and given up."""
        for key in set(self.new_aliases) - checkpoint[1]:
            del self.new_aliases[key]
        for key in set(self.new_speakers) - checkpoint[0]:
            del self.new_speakers[key]

    def introduced(self, kind: str = "person") -> str | None:
        """The one person (or body) the passage before introduced as a subject ("Carmen Soto was 22 when …"), by
        name: whom a "she", "the 63-year-old" or "the group" that opens the next paragraph stands for. Read only
        when a reference needs it."""
        passage = self.previous_passage
        if passage is None or passage.kind != "paragraph" or is_headline(passage.text):
            return None
        names = {e.name for e in entities_before(passage.text, len(passage.text))
                 if e.kind == kind and e.subject and len(e.name.split()) <= (4 if kind == "person" else 8)}
        return names.pop() if len(names) == 1 else None

    def description_of(self, speaker_id: str) -> str:
        """The words that say what a voice is: its name and, for a registry voice, its role."""
        entry = self.new_speakers.get(speaker_id) or self.registry.speakers.get(speaker_id) or {}
        return " ".join(x for x in (entry.get("name"), entry.get("role")) if x)

    def type_of(self, speaker_id: str) -> str:
        if speaker_id in self.new_speakers:
            return self.new_speakers[speaker_id]["type"]
        return self.registry.type_of(speaker_id)

    def resolve_ref(self, phrase: str) -> str | None:
        candidates = set(self.registry.refs.get(fold(phrase), []))
        for speaker_id in reversed(self.named):
            if speaker_id in candidates:
                return speaker_id
        return None

    def new_speaker(self, name: str, context: str = "", kind: str | None = None) -> str:
        name = " ".join(name.split())
        if len(name.split()) == 1 and context:
            # "Rehman said" after "Javaid Rehman, the rapporteur": the full name from the passage
            for match in NAME_RE.finditer(context):
                full = clean_name(match.group(0))[0]
                words = full.split()
                if len(words) >= 2 and words[-1] == name and words[0] not in NOT_NAMES and plausible_name(full):
                    name = full
                    break
        if len(name.split()) == 1 and fold(name) not in self.registry.by_alias and fold(name) not in self.new_aliases \
                and len(self.earlier_names.get(fold(name), ())) == 1:
            # "Boreing said" paragraphs after "Kenneth Boreing runs the club": the one full name with that surname
            name = next(iter(self.earlier_names[fold(name)]))
        folded = fold(name)
        if folded in self.registry.by_alias:
            return self.registry.by_alias[folded]
        if folded in self.new_aliases:
            return self.new_aliases[folded]
        plain = re.sub(r"^(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+", "", name)
        speaker_id = slug(plain)
        base, number = speaker_id, 2
        while speaker_id in self.registry.speakers or (speaker_id in self.new_speakers and fold(self.new_speakers[speaker_id]["name"]) != fold(plain)):
            speaker_id = f"{base}-{number}"
            number += 1
        if kind is None and context and re.search(re.escape(plain) + BODY_APPOSITIVE, context):
            kind = "body"  # "Hengaw, a Kurdish rights organisation,": the appositive says what the name is
        self.new_speakers[speaker_id] = {
            "id": speaker_id, "name": plain, "affiliation": None, "description": NOT_IN_REGISTRY,
            "type": kind or ("body" if len(plain.split()) < 2 and plain.isupper() or body_by_name(plain) else "person"),
        }
        self.new_aliases[folded] = speaker_id
        self.new_aliases[fold(plain)] = speaker_id
        surname = next((w for w in reversed(plain.split()) if fold(w).strip(".,") not in NAME_SUFFIXES), plain.split()[-1])
        if self.new_speakers[speaker_id]["type"] == "person":
            self.new_aliases.setdefault(fold(surname), speaker_id)
        return speaker_id


BODY_APPOSITIVE = (r"(?:\s*\([^()]{1,30}\))?,\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){0,3}(?:organi[sz]ation|group|ngo|monitor|"
                   r"agency|network|charity|watchdog|body|coalition|alliance|outlet|newspaper|website|broadcaster|"
                   r"institute|centre|center|association|movement|party|union|company|firm|militia|campaign)s?"
                   # the head of the appositive, not a modifier ("a former state party chairman" is a person)
                   r"(?=\s*[,.;:)]|\s+(?:based|that|which|in|of|for|with|founded|run|led|monitoring)\b)")
NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}  # "Joseph R. Biden Jr." is Biden


def note_full_names(state: DocumentState, text: str) -> None:
    """Remember the persons' full names a passage gives, by surname, so that a later lone surname finds its one
    full name."""
    for match in NAME_RE.finditer(text):
        full = clean_name(match.group(0))[0]
        words = full.split()
        if len(words) >= 2 and words[0] not in NOT_NAMES and fold(words[0]) not in FUNCTION_WORDS and plausible_name(full) \
                and not re.search(r"(?:ed|ing|ly)$", words[0]) \
                and not ORGANISATION_WORDS & set(fold(full).split()):
            state.earlier_names.setdefault(fold(words[-1]), set()).add(full)


# Latin letters that NFKD does not take apart into an ASCII letter and an accent
UNDECOMPOSED = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d", "ı": "i",
                              "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "ß": "ss", "Þ": "Th", "þ": "th"})


def slug(name: str) -> str:
    """An id from a name: "Andrzej Łukasz" → "andrzej-lukasz", "Recep Tayyip Erdoğan" → "recep-tayyip-erdogan"."""
    text = unicodedata.normalize("NFKD", name.translate(UNDECOMPOSED)).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "unnamed"


SUB_BODY_NAME = re.compile(r"(?:\s+[A-Z][\w’'-]*){1,4}")


def find_mentions(text: str, state: DocumentState) -> list[Mention]:
    """Registry aliases, references to voices named before, new names already met, pronouns."""
    registry = state.registry
    mentions: list[Mention] = []
    taken = [False] * (len(text) + 1)

    def add(start, end, speaker_id, how, pronoun=None):
        if any(taken[start:end]) or re.search(r"[^\W\d_]-$", text[max(0, start - 2):start]):
            return  # "pro-Sanders demonstrators", "anti-Trump protesters": a modifier, no mention of the voice
        for i in range(start, end):
            taken[i] = True
        mentions.append(Mention(start, end, speaker_id, how, text[start:end], pronoun))

    dateline = DATELINE.match(text)  # "OSLO, Jan 8 (Reuters) - …": the wire names itself, it is no one the story names
    if registry.alias_re is not None:
        for match in registry.alias_re.finditer(text, dateline.end() if dateline else 0):
            speaker_id = registry.by_alias.get(fold(match.group(0)))
            longer = SUB_BODY_NAME.match(text, match.end())
            if speaker_id and longer and registry.type_of(speaker_id) != "person" \
                    and ORGANISATION_WORDS & {fold(w) for w in longer.group(0).split()}:
                continue  # "the United Nations Assistance Mission in Afghanistan": a body of its own, named in full
            if speaker_id:
                end = match.end()
                abbreviation = re.match(r"\s*\([A-Z][^()\n]{0,30}\)", text[end:])
                if abbreviation:
                    end += abbreviation.end()
                add(match.start(), end, speaker_id, "alias")
    if state.new_aliases:
        names = sorted(state.new_aliases, key=len, reverse=True)
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(phrase_pattern(n) for n in names) + r")(?!\w)", re.IGNORECASE)
        for match in pattern.finditer(text):
            if match.group(0)[0].isupper():
                add(match.start(), match.end(), state.new_aliases[fold(match.group(0))], "name")
    # References resolve against voices named before them, so walk in order.
    refs = list(registry.ref_re.finditer(text)) if registry.ref_re is not None else []
    ordered = sorted(mentions, key=lambda m: m.start)
    for match in refs:
        phrase = match.group("ref") if match.groupdict().get("ref") else match.group("fullref")
        if phrase is None or any(taken[match.start():match.end()]):
            continue
        named_before = state.named + [m.speaker_id for m in ordered if m.end <= match.start() and m.speaker_id]
        candidates = set(registry.refs.get(fold(phrase), []))
        speaker_id = next((s for s in reversed(named_before) if s in candidates), None)
        if speaker_id:
            add(match.start(), match.end(), speaker_id, "ref")
    for match in GENERIC_REFS.finditer(text):
        if any(taken[match.start():match.end()]):
            continue
        wanted = {"body", "group"} if match.group("body") else {"person"}
        noun = (match.group("body") or match.group("person")).lower()
        named_before = state.named + [m.speaker_id for m in sorted(mentions, key=lambda m: m.start) if m.end <= match.start() and m.speaker_id]
        # "the ministry": only a voice whose name or registry role says so ("Unlike Amnesty, the ministry said" is
        # not Amnesty); "the organisation", "the group", "the spokesman" stand for the last voice of their type
        speaker_id = next((s for s in reversed(named_before) if state.type_of(s) in wanted
                           and (noun not in SPECIFIC_REFS or noun in fold(state.description_of(s)))), None)
        if speaker_id:
            add(match.start(), match.end(), speaker_id, "ref")
    for match in PRONOUN_RE.finditer(text):
        add(match.start(), match.end(), None, "pronoun", PRONOUNS[match.group(1).lower()])
    mentions.sort(key=lambda m: m.start)
    return mentions


# ---------------------------------------------------------------------------------------------
# Sentences and quotations


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Quotations as (start, end), marks included; an unclosed one runs to the end of the text.

    Double marks are paired by what stands around them, not by their shape, so a curly opening
    mark closed by a straight one (“…," Rehman said, "…”) gives two quotations, not one that
    swallows "Rehman said". ‘’…’’ and ''…'' (typewriter doubles) are read first, single marks
    (SINGLE_QUOTES) last.
    """
    spans = [(m.start(), m.end()) for m in DOUBLE_SINGLE_QUOTES.finditer(text) if m.end() - m.start() >= 2]
    open_at = None
    nested = False
    for match in QUOTE_MARK.finditer(text):
        position = match.start()
        if inside(position, spans) or any(s == position or e - 1 == position for s, e in spans):
            continue
        mark = match.group(0)
        before = text[position - 1] if position else " "
        after = text[position + 1] if position + 1 < len(text) else " "
        if mark in OPENING_MARKS and not (open_at is not None and not before.isspace()
                                           and (after.isspace() or after in ".,;:!?)")):
            role = "open"
        elif mark in CLOSING_MARKS and open_at is None and (before.isspace() or not position or before in "\u202a\u202c(")\
                and not after.isspace():
            role = "open"  # ”Isis declares …!!!”: a closing mark typed to open
        elif mark in CLOSING_MARKS:
            role = "close"
        elif (before.isspace() or before in "([{—–-/:") and not after.isspace():
            role = "open"
        elif not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-"):
            role = "close"
        else:
            role = "close" if open_at is not None else "open"
        if role == "open":
            if open_at is None:  # an opening mark inside a quotation is nested: part of it
                open_at = position
            elif mark == "“" and text[open_at] == "\"":
                nested = True  # "… “Equal Justice Under Law” anymore …": the curly pair is inside the straight one
        elif nested and mark == "”":
            nested = False
        elif open_at is not None:
            spans.append((open_at, position + 1))
            open_at = None
            nested = False
    if open_at is not None:
        spans.append((open_at, len(text.rstrip()) if text.rstrip() else len(text)))
    # single marks last: a ‘…’ inside a double-marked quotation is part of it
    spans += [(m.start(), m.end()) for m in SINGLE_QUOTES.finditer(text)
              if not any(s <= m.start() and m.end() <= e or m.start() <= s < m.end() for s, e in spans)]
    return sorted(spans)


def inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < position < end for start, end in spans)


def sentence_spans(text: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        cut = match.end()
        if inside(match.start(), quotes) and inside(cut, quotes):
            continue
        if is_abbreviation(text, match.start(), start):
            continue
        word = re.search(r"([\w.]+)$", text[start:match.start()])
        if word and re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", word.group(1)) and not re.search(
                r"\b(?:the|The|in|of|to|from)\s+$", text[start:start + word.start(1)]):
            continue  # "said J.M. Berger": initials before a name, not "in the U.S."
        spans.append((start, cut))
        start = cut
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def words_in(text: str) -> int:
    return len(re.findall(r"\w+", text))


# ---------------------------------------------------------------------------------------------
# Subjects


def previous_word(text: str, position: int) -> str:
    """The word before ``position``, skipping an article ("by the NCRI" -> "by")."""
    words = re.findall(r"[\w’'-]+|[,;:()]", text[:position])
    while words and words[-1].lower() in DETERMINERS:
        words.pop()
    return words[-1].lower() if words else ""


def subject_eligible(text: str, mention: Mention, sentence_start: int) -> bool:
    """Whether a mention can be a clause's subject: not an object, a possessive or a list member."""
    after = text[mention.end:mention.end + 2]
    if after[:2] in ("’s", "'s") or after[:1] in ("’", "'"):
        return False
    before = text[sentence_start:mention.start]
    if TRANSPARENT.search(before):
        return True
    word = previous_word(text[sentence_start:], mention.start - sentence_start)
    if word == "and" and re.search(r",\s*and\s+(?:the\s+)?$", before):
        return True  # ", and Amnesty said": clauses, not a list
    if len(word) > 4 and word.endswith("ing") and word not in NOT_CLAUSE_VERBS - {"during", "according"} \
            and "-" not in word and not re.search(r"\b(?:[Aa]n?|[Tt]he)\s+[\w’'-]+\s+$", before):
        return False  # "One pastor supporting Mr. Cruz, …": the object of a participle ("a struggling HP" is its adjective)
    if word == "with":  # "…, with Mr. Sanders saying he would …": the absolute clause's subject speaks
        participle = re.match(r"\s+(?:[a-z]+ly\s+)?([a-z]+ing)\b", text[mention.end:])
        return bool(participle) and participle.group(1) in ABSOLUTE_PARTICIPLES
    return word not in PREPOSITIONS


def gap_ok(gap: str) -> bool:
    """Only an appositive and a few words between a subject and its verb."""
    if any(c in gap for c in "“”\"«»"):
        return False
    rest = gap
    if gap.lstrip().startswith(","):
        rest = gap[gap.rfind(",") + 1:]
    elif "," in gap or ";" in gap:
        return False
    words = re.findall(r"[\w’'-]+", rest)
    if len(words) > GAP_MAX_WORDS:
        return False
    return not any(w.lower() in GAP_STOPWORDS for w in words)


def pronoun_fits(state: DocumentState, speaker_id: str, word: str) -> bool:
    """Whether "he" or "she" can stand for a speaker: not when the text gave that speaker the other one."""
    known = state.pronoun_of.get(speaker_id)
    return not known or word.lower() not in ("he", "she") or known == word.lower()


def resolve(mention: Mention, state: DocumentState, earlier: list[Mention]) -> str | None:
    """The speaker a mention stands for; pronouns look back in the passage, then one passage."""
    if mention.how != "pronoun":
        return mention.speaker_id
    fits = PRONOUN_FITS[mention.pronoun]
    named = [m for m in earlier if m.how != "pronoun" and m.speaker_id]
    for types in PRONOUN_PREFERENCE[mention.pronoun]:
        for subject_only in (True, False):
            for other in reversed(named):
                if state.type_of(other.speaker_id) in types and (other.subject or not subject_only) \
                        and pronoun_fits(state, other.speaker_id, mention.text):
                    return other.speaker_id
    previous = state.previous_speaker
    if previous and state.type_of(previous) in fits and pronoun_fits(state, previous, mention.text):
        return previous
    return None


HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+((?:[A-Z][\w’'-]+\s+){0,2}[A-Z][\w’'-]+)")
SAID_PRONOUN = re.compile(r"^(?:that\s+)?(he|she)\b")


def learn_pronouns(state: DocumentState, text: str, statements) -> None:
    """Which of "he" and "she" the text gives its persons: an honorific before a name ("Ms. Whitfield"), or the
    subject of a voice's own reported words ("Whitfield said she was proud")."""
    for match in HONORIFIC.finditer(text):
        speaker_id = state.new_aliases.get(fold(match.group(2))) or state.registry.by_alias.get(fold(match.group(2)))
        if speaker_id and state.type_of(speaker_id) == "person":
            state.pronoun_of.setdefault(speaker_id, "he" if match.group(1) == "Mr" else "she")
    for statement in statements:
        said = SAID_PRONOUN.match(text[statement.start:statement.end]) if statement.attribution == "reported" else None
        if said and statement.speaker_id and state.type_of(statement.speaker_id) == "person":
            state.pronoun_of.setdefault(statement.speaker_id, said.group(1))


def pronoun_position_ok(text: str, mention: Mention, sentence_start: int) -> bool:
    """A pronoun is a subject at the sentence start, after an opening phrase and comma, or after 'and'."""
    before = text[sentence_start:mention.start]
    stripped = before.strip()
    return stripped == "" or stripped.endswith(",") or stripped.endswith(" and") or stripped.lower() == "and" \
        or SHORT_OPENING.fullmatch(stripped) is not None  # "On Wednesday he told the court"


# A time or place opening a sentence with no comma before its subject: "On Wednesday", "Later", "In court"
SHORT_OPENING = re.compile(r"(?:On|In|At|Last|Later|Earlier|Then|Now|Today|Yesterday|Afterwards|Since)"
                           r"(?:\s+(?:the\s+)?[A-Za-z0-9][\w-]*){0,3}")


def may_be_subject(text: str, mention: Mention, sentence_start: int) -> bool:
    """Whether a mention stands where a speech verb's subject can stand."""
    if mention.how == "pronoun":
        return pronoun_position_ok(text, mention, sentence_start)
    return subject_eligible(text, mention, sentence_start)


def subject_of(text: str, verb_start: int, sentence: tuple[int, int], mentions: list[Mention],
               state: DocumentState) -> tuple[str | None, Mention | None]:
    """The voice that is the subject of the speech verb at ``verb_start``."""
    s_start, _ = sentence
    left = [m for m in mentions if s_start <= m.start and m.end <= verb_start]
    earlier = [m for m in mentions if m.end <= verb_start]
    for mention in reversed(left):
        if not gap_ok(text[mention.end:verb_start]) or not may_be_subject(text, mention, s_start):
            continue
        speaker = resolve(mention, state, [m for m in earlier if m.end <= mention.start])
        if speaker:
            return speaker, mention
        return None, None
    # "X condemned the trip … and said:": the sentence's subject governs a coordinated verb.
    verb_word = re.match(r"\w+", text[verb_start:]).group(0)
    coordinated = re.search(r"\band\s+(?:then\s+|also\s+)?$", text[s_start:verb_start]) or (
        verb_word in PARTICIPLES and re.search(r",\s*$", text[s_start:verb_start])
    )
    if coordinated:
        opening = [m for m in left if words_in(text[s_start:m.start]) <= 8]
        opening_names = [] if opening else [
            n for n in NAME_RE.finditer(text, s_start, verb_start)
            if words_in(text[s_start:n.start()]) <= 3 and n.group(0).split()[0] not in NOT_NAMES
            and not any(m.start < n.end() and n.start() < m.end for m in mentions)
        ]
        if opening_names:
            name = opening_names[0]
            fake = Mention(name.start(), name.end(), None, "name", name.group(0))
            plain = clean_name(name.group(0))[0]
            if subject_eligible(text, fake, s_start) and len(plain.split()) >= 2 and plausible_name(plain):
                return state.new_speaker(plain, text), fake
        for mention in opening:
            if not may_be_subject(text, mention, s_start):
                continue
            speaker = resolve(mention, state, [m for m in earlier if m.end <= mention.start])
            return (speaker, mention) if speaker else (None, None)
        return None, None
    # A capitalised name not in the registry, right before the verb.
    for match in reversed(list(NAME_RE.finditer(text, s_start, verb_start))):
        if not gap_ok(text[match.end():verb_start]):
            continue
        name = match.group(0)
        if name.split()[0] in NOT_NAMES or any(m.start < match.end() and match.start() < m.end for m in mentions):
            continue
        fake = Mention(match.start(), match.end(), None, "name", name)
        if not subject_eligible(text, fake, s_start):
            continue
        if match.start() == s_start and len(name.split()) == 1:
            continue  # one capitalised word opening a sentence is too weak
        plain = clean_name(name)[0]
        if not plain or not plausible_name(plain) or re.search(r"['’]s?$", name):
            continue
        if re.match(r"\s+[a-z]", text[match.end():verb_start]) and not re.match(rf"\s+{ADVERBIAL}\b", text[match.end():verb_start]):
            continue  # "Swedish prosecutors said": the name modifies the voice, it is not the voice
        return state.new_speaker(plain, text), fake
    return None, None


def voice_after(text: str, position: int, end: int, mentions: list[Mention], state: DocumentState) -> str | None:
    """The voice named at ``position``: a mention starting there, or a new capitalised name."""
    for mention in mentions:
        if position <= mention.start <= position + 4 and mention.how != "pronoun":
            return mention.speaker_id
    gap = re.match(r"\s*(?:the\s+)?", text[position:end])
    match = NAME_RE.match(text, position + (gap.end() if gap else 0), end)
    if match and match.group(0).split()[0] not in NOT_NAMES:
        plain = clean_name(match.group(0))[0]
        if plain and plausible_name(plain) and not re.search(r"['’]s?$", match.group(0)):
            return state.new_speaker(plain, text)
    return None


def cue_for(text: str, verb_match: re.Match, sentence_end: int) -> str:
    verb = verb_match.group(1).lower()
    if verb == "put":
        return "put it"
    if verb in ("raised", "raises"):  # "raised concern", or "raised its count to …"
        return f"{verb} concern" if re.match(PARTICLE_VERBS[verb], text[verb_match.end():sentence_end]) else verb
    if verb in ("called", "calls", "call"):
        particle = re.match(r"\s+(for|on|upon)\b", text[verb_match.end():])
        return f"{verb} {particle.group(1)}" if particle else verb
    if verb in DESCRIBE_VERBS and re.search(r"\bas\b", text[verb_match.end():sentence_end]):
        return f"{verb} … as"
    return verb


def speech_verbs(text: str, start: int, end: int, quotes: list[tuple[int, int]]):
    for match in VERB_RE.finditer(text, start, end):
        if inside(match.start(), quotes):
            continue
        particle = PARTICLE_VERBS.get(match.group(1))
        if particle and not re.match(particle, text[match.end():]):
            continue
        if NOUN_BEFORE.search(text[max(0, match.start() - 12):match.start()]):
            continue  # "in a call for justice", "the claims": a noun, not a verb
        yield match


# ---------------------------------------------------------------------------------------------
# Statements: the stretch of a passage each voice speaks
#
# A second, finer pass than the passage rules above: every quotation and every reported clause
# of a passage gets its own voice, and what is left is the outlet's. It shares mentions, names
# and the registry with the passage rules, but finds subjects on its own terms
# (``voice_before``): the noun phrase that ends right before the verb, read as a whole, so that
# "Trump attorney Alan Garten" is Garten (role "Trump attorney"), "Swedish prosecutors" is an
# unnamed voice (role "Swedish prosecutors") and "the Trump campaign" is a body.

# Acts of expression: what a voice condemns, mourns or welcomes is the outlet's wording of what it said (a figure there
# is the outlet's, paraphrasing the voice); inside another voice's reported words they are that voice's content
ACT_VERBS = set(
    "condemned condemns denounced denounces criticised criticized criticises criticizes deplored deplores decried "
    "decries mourned mourns voiced voices expressed expresses demanded demands welcomed welcomes hailed hails "
    "protested renewed renews renewing reiterated reiterates recognising recognizing requesting "
    # a court's acts: what it sentenced or convicted for is the outlet's wording of its judgment
    "sentenced convicted indicted acquitted "
    # a charge, a complaint or a campaign brought on others' behalf: "charged Nouri with …", "filed a complaint on behalf
    # of 14 former detainees", "launched a campaign for 26 protesters" (``LEGAL_ACT``)
    "charged charges filed files lodged lodges launched launches brought brings submitted submits".split())
STATEMENT_VERBS = sorted(
    (set(SPEECH_VERBS) | set(
        "tweeted tweets tweet posted replied replies responded responds answered answers recalled recalls "
        "predicted predicts promised promises vowed vows suggested suggests admitted admits conceded concedes "
        "contended contends maintained maintains countered counters estimated estimates asserted asserts "
        "agreed agrees alleged alleges explained complained complains boasted boasts pledged pledges "
        "cautioned cautions joked jokes quipped quips acknowledging telling asking explaining suggesting "
        "predicting promising vowing announcing declaring recalling tweeting replying responding "
        "written found finds counted documented recorded put puts continued continues remarked remarks observed observes shouted "
        "yelled barked recounted recounts concluded noted pointed wrote tweeted insisted retorted interjected "
        "added explained declared wondered argued lamented mused snapped scoffed opined opines proclaimed "
        "proclaims proclaim echoed echoes shot fired hit hits fires shoots interjecting "
        "insist argue contend maintain warn predict report suggest acknowledge deny admit allege estimate note "
        "explain respond reply agree complain concede recall promise vow tweet post announce declare "
        "assured assures reminded reminds add tell ask claim confirm accuse testify questioned made "
        # the participles of the verbs above, for "…, confirming that …" after the subject's own clause
        "admitting confirming denying pledging asserting conceding contending maintaining complaining reporting "
        "testifying answering emphasizing emphasising stressing alleging cautioning estimating agreeing concluding "
        "countering joking urging reiterating assuring boasting recounting revealing "
        "accusing lamenting speculated speculates charged charges hinted hints signaled signalled signals indicated "
        "indicates disclosed discloses informed informs counts documents records registered identified "
        "listed lists compiled tallied verified show shows showed believes believe believed expressing condemning "
        "demanding detailing documenting outlining published gave gives cited cites tracked logged catalogued cataloged calculated calculates "
        "reckons reckoned placed places putting placing fears feared fear suspects suspected projected projects forecast forecasts "
        "indicate raised raises revised revises lowered lowers updated updates increased increases agree "
        "list record document held arrives arrived arrive".split()
    ) | set(PARTICLE_VERBS) | ACT_VERBS) - {"state", "describing"},
    key=len, reverse=True,
)
STATEMENT_VERB_RE = re.compile(r"\b(" + "|".join(STATEMENT_VERBS) + r")\b")
# Verbs that count only with what follows them.
# "put the number at", "puts the death toll of the purge at", "put the figure between …": a count's frame,
# what is counted ("of those executed", "of victims of the purge") allowed between the noun and "at"
FIGURE_PUT = re.compile(
    r"\s+(?:it|(?:the|its|their|his|her|our)\s+(?:\w+\s+){0,2}?(?:number|numbers|toll|figure|figures|total|count|tally|losses|"
    r"casualties|dead)"
    r"(?:\s+(?:of|from|in|for|among|during|after|outside|inside|across|beyond)(?:\s+[\w’'-]+){1,10}?"
    r"|\s+(?:killed|executed|dead|hanged|arrested|detained|missing|imprisoned))?"
    r"|(?:that|this|the)\s+\w+)\s+(?:at|as|between|near|closer\s+to|close\s+to"
    r"|in\s+the\s+(?:tens\s+of\s+)?(?:thousands|hundreds|millions))\b")
# "called for …", "called on …"; and naming: "Sanders called him divisive", "Manafort called Mr. Yanukovych an
# outstanding leader", "Carson called the incident a reason …" (not "called an emergency session", "called
# LeVell onto the stage")
CALLED = re.compile(
    r"\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|again|also)\s+)?(?:for|on|upon)\b"
    # "called out his rival for …", "called to ban …" (not "called to the stand")
    r"|\s+out\s+(?!of\b)|\s+to\s+(?!(?:the|a|an|his|her|their|its|order|account|mind|action|arms)\b)[a-z]+\b"
    r"|\s+(?:him|her|them|it|himself|herself|themselves|itself|me|us|you|(?:the|his|her|their|its)\s+[a-z][\w-]*"
    r"|(?:(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Gen)\.\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})"
    r"(?:,[^,;:“”\"]{1,120},)?"  # "called Mr. Yanukovych, a former coal trucking director, an outstanding leader"
    r"\s+(?:a|an|the|“|\"|‘|''|pro-|anti-|[a-z]+(?:ous|ive|ful|less|ant|ent|ic|al|ble|ed|ist|ish|ty|ly)\b)"
    # "called her fallen son her hero", "calls North Carolina her home state": a name for what is named
    r"|\s+(?:(?:the|his|her|their|its)\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*|[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})"
    r"\s+(?:his|her|their|its|my|our)\s+[a-z]"
    r"|\s+(?:him|her|them|it|the|his|their|its|a|an|[A-Z][\w-]*['’]s?)\s+(?:[\w’'-]+\s+){0,8}?(?=[“\"‘]|'')")  # "called the H1-B program “…”", "called the assault that killed five officers “…”"
DOCUMENTED_COUNT = re.compile(
    r"(?:\s*,\s*[a-z][^,;:“”\"]{0,30},)?"  # "has counted, name by name, 412 men"
    r"\s+(?:(?:a|the)\s+(?:list|register|database|tally|count)\s+of\s+|(?:(?:an?|the)\s+)?(?:[a-z]+\s+)?(?:estimates?|figures?)\s+of\s+)?(?:the\s+(?:deaths?|killings?|executions?|"
    r"disappearances?|arrests?|cases?|names|graves|bodies|identities)\s+of\s+)?(?:at\s+least\s+|more\s+than\s+|over\s+|"
    r"some\s+|around\s+|about\s+|nearly\s+|almost\s+|up\s+to\s+|as\s+many\s+as\s+)?\d"
)
FINDING_THAT = re.compile(r"(?:\s+(?:in|on|last|this|earlier)\s+[\w-]+(?:\s+[\w-]+)?)?(?:,?\s+that\b|\s*(?:[.;!?]|$))")
BACK = re.compile(r"\s+back\b")  # "shot back", "fired back", "hit back"
INFORMED_THAT = re.compile(r"\s+(?:the\s+|his\s+|her\s+|their\s+)?[\w.’'-]+(?:\s+[A-Z][\w.’'-]*){0,3}\s+that\b")  # "informed the board that"
THAT_AFTER = re.compile(r"(?:\s+(?:on|in|last|this|earlier)\s+[\w-]+(?:\s+[\w-]+)?)?,?\s+that\b|\s*(?:[.;!?]|$)")
# "filed a criminal complaint", "launched a global campaign", "brought a case" (not "launched a military campaign",
# "filed a report": a document's participle speaks for it, ``ISSUED_NOUN``)
LEGAL_ACT = re.compile(r"(?:\s+(?:on\s+\w+day|today|yesterday|last\s+\w+))?\s+(?:a|an|the|its|their|his|her|two|three|several)\s+"
                       r"(?!(?:military|air|ground|bombing|counter-?insurgency|counter-?terrorism|offensive)\b)(?:[\w-]+\s+){0,3}?"
                       r"(?:complaint|lawsuit|suit|claim|case|petition|campaign|appeal|submission|application|communication|"
                       r"legal\s+action)s?\b")
STATEMENT_PARTICLES = {"put": FIGURE_PUT, "puts": FIGURE_PUT, "putting": FIGURE_PUT, "placing": FIGURE_PUT, "called": CALLED, "calls": CALLED, "call": CALLED,
                       "shot": BACK, "fired": BACK, "hit": BACK, "hits": BACK, "fires": BACK, "shoots": BACK,
                       # "documented 312 deaths", "recorded the names of 2,300 victims", "has identified at least 5,000
                       # graves", "compiled a list of 790 names": an NGO's own count (not "recorded a song")
                       # "gave a toll of 23 dead", "gives the number of victims as 4,000" (not "gave a speech")
                       **{verb: re.compile(r"\s+(?:a|an|the|its|their|his|her)\s+(?:[\w-]+\s+){0,2}?(?:toll|figure|number|count|"
                                           r"tally|estimate)\s+(?:of|as|at)\b") for verb in ("gave", "gives")},
                       # "published a list of 5,000 names" (not "published a book")
                       "published": re.compile(r"\s+(?:(?:a|the)\s+(?:list|register|database|tally|count)\s+of\s+(?:the\s+)?"
                                               r"(?:names\s+of\s+)?|the\s+names\s+of\s+)"
                                               r"(?:at\s+least\s+|more\s+than\s+|over\s+|some\s+|about\s+)?\d"),
                       **{verb: DOCUMENTED_COUNT for verb in ("counted", "counts", "documented", "documents", "recorded",
                                                               "records", "registered", "identified", "listed", "lists", "compiled",
                                                               "list", "record", "document",
                                                               "tallied", "verified", "cited", "cites", "tracked", "logged",
                                                               "catalogued", "cataloged")},
                       # "Pew found that …", "a study found in 2014 that …" (not "police found the body")
                       # "…, the Redress Network found." closing the sentence
                       # ("the court found it proven that …", "found it established that …")
                       "found": re.compile(r"(?:\s+(?:in|on|last|this|earlier)\s+[\w-]+(?:\s+[\w-]+)?)?"
                                           r"(?:\s+it\s+(?:proven|proved|established|likely|credible|clear)"
                                           r"|\s+(?:reasonable\s+grounds\s+to\s+believe|(?:no\s+|credible\s+)?evidence))?"
                                           r"(?:,?\s+that\b|\s*(?:[.;!?]|$)"
                                           # "the annual prison census found 363 journalists behind bars": a count found
                                           r"|\s+(?:at\s+least\s+|more\s+than\s+|over\s+|some\s+|about\s+|nearly\s+)?\d)"),
                       # "The demographer arrives at 3.9 million excess deaths": a count reached
                       **{verb: re.compile(r"\s+at\s+(?=(?:a\s+(?:figure|total|toll)\s+of\s+)?(?:about\s+|around\s+|some\s+|roughly\s+)?\d)")
                          for verb in ("arrives", "arrived", "arrive")},
                       # "The Court of Appeal held that …" (not "held a vigil", "held 40 prisoners")
                       "held": re.compile(r"(?:\s+(?:unanimously|today|yesterday|on\s+\w+day))?,?\s+that\b"
                                          r"(?!\s+(?:summer|night|day|year|week|month|time|morning|evening|spring|autumn|winter)\b)"),
                       # "discovered that …" (not "discovered an unfinished tunnel")
                       "discovered": FINDING_THAT, "finds": FINDING_THAT,
                       "written": re.compile(r"(?!\s+(?:off|up|down|out|into)\b)"),  # "had written", not "has written off"
                       "pointed": re.compile(r"\s+out\b"), "observed": re.compile(r"[\s,:]+(?:that\b|“|\")|\s*(?:[.;!?]|$)"),
                       # "charged that …", "charged Hamid Nouri with …" (not "charged into the crowd")
                       **{verb: re.compile(THAT_AFTER.pattern + r"|\s+(?:[\w.’'-]+\s+){0,3}?[\w.’'-]+(?:,[^,;:.]{1,80},)?\s+with\s+(?!\w+ing\b)")
                          for verb in ("charged", "charges")},
                       **{verb: LEGAL_ACT for verb in ("filed", "files", "lodged", "lodges", "launched", "launches", "brought",
                                                       "brings", "submitted", "submits")},
                       # "indicated on Monday that …" (not "indicated a turn")
                       **{verb: THAT_AFTER for verb in ("hinted", "hints", "signaled", "signalled",
                                                        "signals", "calculated", "calculates",
                                                        "reckons", "reckoned")},
                       # "disclosed that …" or "disclosed 312 deaths": a voice's own count
                       **{verb: re.compile(THAT_AFTER.pattern + "|" + DOCUMENTED_COUNT.pattern) for verb in ("disclosed", "discloses")},
                       # "X's latest figures show 312 deaths", "data … show that …" (not "the video shows Trump")
                       **{verb: re.compile(r"\s+that\b|" + DOCUMENTED_COUNT.pattern) for verb in ("show", "shows", "showed")},
                       "placed": FIGURE_PUT, "places": FIGURE_PUT,
                       "informed": INFORMED_THAT, "informs": INFORMED_THAT,
                       # "HRW believes that …", "believes the toll may be …": a voice's stated position (not "believed
                       # to be"); "fears that", "suspects that", "projected that" as well
                       # "believes at least 400 bodies lie there": a count opening the clause
                       **{verb: re.compile(r"\s+that\b|\s+(?:the\s+)?(?:real\s+|true\s+|death\s+)?(?:toll|number|figure|total)\b"
                                           r"|\s+(?:at\s+least\s+|more\s+than\s+|as\s+many\s+as\s+|over\s+|some\s+|about\s+|"
                                           r"around\s+|nearly\s+|almost\s+|up\s+to\s+)?(?:\d|(?:dozens|hundreds|thousands|tens)\b)")
                          for verb in ("believes", "believe", "believed", "fears", "feared", "fear", "suspects", "suspected",
                                       "projected", "projects", "forecast", "forecasts")},
                       # "the data indicate 312 executions"
                       **{verb: re.compile(THAT_AFTER.pattern + "|" + DOCUMENTED_COUNT.pattern)
                          for verb in ("indicate", "indicates", "indicated")},
                       # "raised its count to 312", "revised the figure to 312" ("raised concern" stays a particle verb)
                       **{verb: re.compile((PARTICLE_VERBS[verb] + "|" if verb in PARTICLE_VERBS else "")
                                           + r"\s+(?:its|their|the|his|her)\s+(?:[\w-]+\s+){0,2}?(?:count|toll|figure|"
                                           r"estimate|tally|number|total)\s+(?:to|from|up|down)\b")
                          for verb in ("raised", "raises", "revised", "revises", "lowered", "lowers", "updated", "updates",
                                       "increased", "increases")},
                       # "questioned whether …", "made clear that …", "made the case that …"
                       "questioned": re.compile(r"\s+(?:whether|if|why|how)\b"),
                       "made": re.compile(r"\s+(?:it\s+)?clear\s+that\b|\s+the\s+case\s+that\b"),
                       # "he continued: “…”", not "the regime continued to suppress …"
                       "continued": re.compile(r"\s*(?:[:,.]|$|[“\"])"), "continues": re.compile(r"\s*(?:[:,.]|$|[“\"])")}
PAST_PARTICIPLE_AFTER_BE = re.compile(r"\b(?:was|were|is|are|be|been|being|am|get|got|gets)\s+(?:\w+ly\s+|not\s+|also\s+)?$", re.IGNORECASE)
SUBORDINATORS = {"as", "while", "when", "after", "before", "because", "since", "though", "although", "where",
                 "whereas", "until", "once", "if", "unless", "who", "which", "according"}
# The verbs that come before their subject: "…,” said Diana Eltahawy"
INVERTED_VERBS = {"said", "says", "added", "adds", "wrote", "writes", "asked", "continued", "explained", "noted",
                  "stated", "recalled", "told", "tweeted", "declared", "warned", "insisted", "replied", "answered",
                  "predicted", "argued", "conceded", "acknowledged", "observed", "remarked", "joked", "quipped",
                  "countered", "responded", "cautioned", "concluded", "announced", "claimed", "reported", "opined",
                  # the present of the same, as features and analysis write them ("…, argues X, a fellow at …")
                  "argues", "notes", "explains", "recalls", "insists", "warns", "observes", "concludes", "contends",
                  "estimates", "believes", "maintains", "suggests",
                  # the plural of the present: "…, diplomats estimate, …", "…, rights groups say."
                  "say", "estimate", "believe", "argue", "claim", "allege", "insist", "contend"}
# Verbs that report the words before them ("…, officials said."): no object of their own
REPORTING_AFTER = INVERTED_VERBS | {
    "says", "say", "argued", "argues", "claimed", "claims", "reported", "reports", "estimated", "estimates",
    "predicted", "acknowledged", "conceded", "cautioned", "tweeted", "posted", "writes", "explained", "added",
    "confirmed", "announced", "insists", "insisted", "warned", "warns", "noted", "notes", "stressed", "emphasized",
    "suggested", "suggests", "believes", "believed", "maintained", "maintains", "contended", "recalled", "recalls",
    "asserted", "alleged", "observed", "concluded", "testified", "admitted", "told", "tells", "wrote", "added",
    "continued", "replied", "responded", "countered", "agreed", "complained", "joked", "quipped", "remarked",
    "stated", "states", "predicts", "reckoned", "guessed", "speculated", "promised", "vowed", "pledged",
    "reiterated", "reiterates", "acknowledges", "emphasizes", "stresses", "explains", "adds", "speculates", "revealed",
    "found", "finds", "documented", "calculated",  # "…, the Redress Network found."
    "recall", "recounted", "recount", "remember", "remembered",  # "…, survivors recall."
}
# Verbs whose -s form is also a plural noun: after a determiner or a possessive they are nouns ("her remarks")
# Verbs whose object is what is granted: "admitted to none of …" grants nothing
ADMITTING_VERBS = {"admitted", "admits", "admit", "acknowledged", "acknowledges", "acknowledge", "confirmed", "confirms",
                   "confirm", "conceded", "concedes", "concede", "disclosed", "discloses", "revealed", "reveals"}
# Base forms that are nouns as well: "a Redress Network report", "the Gallup estimate"
BASE_NOUNS = {"report", "estimate", "claim", "note", "post", "tweet", "call", "count", "record", "comment", "reply",
              "answer", "list", "show", "warning", "promise", "vow", "pledge", "testimony", "statement"}
NOUNISH_VERBS = {"remarks", "claims", "notes", "reports", "states", "comments", "demands", "calls", "estimates",
                 "counts", "records", "posts", "tweets", "answers", "replies", "appeals", "warns", "concludes",
                 "promises", "vows", "accuses", "denies", "admits", "suggests", "urges", "stresses", "describes",
                 "counters", "jokes", "quips", "pledges", "boasts", "complains", "alleges", "asserts", "contends",
                 "maintains", "predicts", "recalls", "responds", "answers", "explains", "writes", "adds", "asks"}
NOUN_PHRASE_BEFORE = re.compile(r"\b(?:[Aa]|[Aa]n|[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur|[Mm]y|"
                                r"[Yy]our|[Ss]uch|[Ww]hose|\w+['’]s?)\s+(?:[a-z][\w-]*\s+){0,2}$")
OBJECT_VERBS = {"told", "tells", "tell", "telling", "asked", "asks", "ask", "asking", "urged", "urges", "urge",
                "warned", "warns", "warn", "assured", "reminded", "advised", "advises"}
# A request's content is what is asked, its addressee included: "asked the court to intervene" (the object and its
# infinitive), "urged a strong stand" (a noun phrase that ends the clause)
REQUEST_VERBS = {"asked", "asks", "ask", "asking", "urged", "urges", "urge", "urging"}
REQUEST_OBJECT = re.compile(
    r"\s+(?!(?:whether|if|why|how|what|about|for|that|on|to|in|at|during|by)\b)"
    r"(?:(?:the|a|an|his|her|their|its|all|other|fellow)\s+)?(?:[\w.’'-]+\s+){0,5}?"
    r"(?:to\s+[a-z]|[\w.’'-]+\s*(?=[,.;]\s*(?:saying|adding|noting|arguing|$)|[.;]?$))")
# A verb whose infinitive says what its subject said: "took to Twitter to say", "went on to argue",
# "used his speech to call for", "tweeted on Friday to say" (not "declined to say", "wants to say")
MATRIX_TO = re.compile(
    r"\b(?:went\s+on|goes\s+on|continued|continues|continuing|took\s+to\s+[\w.-]+|takes\s+to\s+[\w.-]+|"
    r"turned\s+to\s+[\w.-]+|tweeted|wrote|posted|returned|appeared\s+on\s+[\w.’'-]+(?:\s+[\w.’'-]+)?|"
    r"(?:was|were|is|are)\s+quick|hastened|rushed|stepped\s+(?:forward|in|up)|spoke\s+(?:out|up)|"
    # "was prompted to say …", "felt compelled to add …": a passive of causing, its subject speaks
    r"(?:was|were|is|are|felt|feels|seemed)\s+(?:prompted|moved|compelled|forced|pushed|pressed|inspired|motivated)|"
    r"used\s+(?:his|her|their|its|the)\s+(?:[\w-]+\s+){0,2}?(?:speech|remarks|address|appearance|platform|interview|"
    r"statement|post|tweet|column|time|moment|opportunity)|"
    # "stood at a town hall here to say …", "rose in the chamber to argue …"
    r"(?:stood|rose|stepped\s+up|came\s+forward)(?:\s+(?:up|at|in|on|before|outside|during)\b(?:\s+[\w.’'-]+){1,5}?)?)"
    r"(?:\s+(?:on|in|at)\s+(?:(?:a|an|the|his|her|their|its)\s+)?[\w.’'-]+)?\s+to\s+$")
# Words that may stand between a subject and its verb: auxiliaries, adverbs, short time phrases.
ADVERBIAL = (
    r"(?:has|have|had|also|then|later|previously|once|again|repeatedly|recently|earlier|further|first|long|since|"
    r"frequently|often|never|always|publicly|privately|reportedly|allegedly|only|just|already|still|would|will|"
    r"nevertheless|nonetheless|sometimes|soon|quickly|later|twice|herself|in\s+fact|so\s+far|thus\s+far|to\s+date|alone|"
    r"for\s+(?:years|decades|months|a\s+decade|a\s+generation|some\s+time)|"
    r"could|may|might|must|should|did|does|do|not|n['’]t|even|both|all|too|however|though|meanwhile|instead|now|"
    r"today|yesterday|tonight|is|are|was|were|been|being|am|itself|himself|herself|themselves|"
    r"(?!(?:ally|allies|rally|family|belly|jelly|bully|reply|supply|apply|assembly|anomaly|monopoly|elderly|friendly|"
    r"lovely|lonely|ugly|holy|daily|weekly|monthly|yearly|early)\b)[a-z]+ly)"
)
TIME_PHRASE = (
    # "a month later", "two days earlier", "moments later": between a subject and its verb
    r"(?:(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few|a\s+couple\s+of|\d+)\s+)?"
    r"(?:moments?|minutes?|hours?|days?|weeks?|months?|years?)\s+(?:later|earlier|ago)|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:night|morning|evening|afternoon))?|"
    r"(?:on|in|at|during|last|this|earlier|late|early|in\s+a|in\s+an|at\s+a|on\s+a)\s+"
    r"(?:(?:the|his|her|their|its|a|an)\s+)?(?:(?!least\b|most\b)[a-z]+|\d+|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+(?:night|morning|evening|afternoon|interview|"
    r"statement|speech|rally|letter|tweet|post|video|email|call|briefing|conference|week|month|year))?)"
)
# "in a Medium post", "in a CNN interview", "on his Facebook page": where it was said, between subject and verb
MEDIUM_PHRASE = (r"(?:(?:in|on)\s+(?:a|an|the|his|her|their|its)\s+(?:[A-Z][\w.-]*\s+){1,2}"
                 r"(?:post|interview|statement|op-ed|column|letter|tweet|video|speech|essay|article|page|appearance|broadcast)"
                 r"|on\s+(?:Twitter|Facebook|Instagram|television|TV|radio|air))")
SUBJECT_GAP = re.compile(
    rf"(?:\s*\([^()\n]{{0,120}}\)|\s*,(?:(?!['’]\s)(?:(?!'')[^,;:“”\"«»\n]){{1,220}},){{1,4}}|\s+[-—–]{{1,2}}\s(?:(?!\s[-—–]{{1,2}}\s)[^—–\n]){{1,150}}\s[-—–]{{1,2}}"
    rf"|\s+{ADVERBIAL}\b|\s+{TIME_PHRASE}\b|\s+{MEDIUM_PHRASE}\b"
    # "Amnesty International's latest report on Iran says …": what a document is about
    rf"|(?:(?<=report)|(?<=study)|(?<=survey)|(?<=statement)|(?<=letter)|(?<=analysis)|(?<=review)|(?<=paper)|(?<=census))"
    rf"\s+(?:for\s+(?:19|20)\d\d|(?:on|about|into|of)\s+(?:the\s+)?(?:[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){{0,3}}"
    # "Amnesty International's annual report on the death penalty recorded …"
    rf"|(?!(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|behalf)\b)[a-z][\w-]*(?:\s+[a-z][\w-]*){{0,2}}))"
    # "A Redress Network report released Tuesday found …": a document's release, then its date
    rf"|\s+(?:released|published|issued|unveiled)(?=\s+{TIME_PHRASE}\b))*(?:(?<=\)),)?\s*$"
)
# Time and place adjuncts after a verb: "on Friday", "in a statement", "this week at an event in Wyoming"
ADJUNCTS = re.compile(
    rf"(?:\s*,?\s+{TIME_PHRASE}\b|\s+(?:this|last|next)\s+(?:week|month|year|weekend)\b"
    rf"|\s+(?:in|at|during|on)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){{0,2}}?(?:statement|interview|speech|"
    rf"event|rally|debate|letter|post|tweet|video|briefing|conference|hearing|meeting|appearance|visit|trip|tour|stop|"
    rf"call|broadcast|podcast|show|program|programme|blog|op-ed|column)\b"
    rf"(?:\s+(?:in|at|on|with|to)\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s*){{1,3}})?"
    # "(said in a statement) released by his office", "(…) provided to POLITICO" (a branch of its own: TIME_PHRASE
    # may have taken "in a statement")
    rf"|\s+(?:released|issued|posted|published|sent|provided|distributed|emailed)\s+(?:by|to|through|via)\s+"
    rf"(?:(?:the|his|her|their|its)\s+)?[\w’'-]+(?:\s+[A-Z][\w.’'-]*){{0,3}}"
    # "said on Twitter", "wrote on Facebook", "told reporters" (a medium or an audience, no content)
    rf"|\s+on\s+(?:Twitter|Facebook|Instagram|Telegram|X|YouTube|television|TV|radio|state\s+television)\b"
    rf"|\s+to\s+(?:reporters|journalists|the\s+press)\b)*"
)
# What may follow an inverted frame's voice ("…,” said X on Monday.): nothing but time and manner
INVERTED_TAIL = re.compile(rf"^(?:\s+{TIME_PHRASE}|\s+{ADVERBIAL}|\s+(?:in|on|at|during)\s+(?:a|an|the|his|her|their)\s+[\w-]+(?:\s+[\w-]+)?"
                           # "… in the week after the shooting"
                           rf"|\s+(?:after|before|since|following)\s+(?:the|a|an|his|her|their|its)\s+[\w-]+"
                           rf"|\s+(?:of|from|at|in|on|with)\s+(?:the\s+)?[A-Z][\w.’'&-]*(?:\s+(?:of\s+)?[A-Z][\w.’'&-]*){{0,4}})*\s*(?:[,.;!?—]|$)")
# Titles written abbreviated: never the last word of a name
TITLE_ABBREVIATIONS = {"gov", "sen", "rep", "gen", "lt", "col", "maj", "capt", "sgt", "rev", "adm", "cmdr", "supt", "pres",
                       "prof", "dr", "mr", "mrs", "ms"}
TITLE_WORDS = {
    "president", "sen", "senator", "gov", "governor", "rep", "representative", "secretary", "speaker", "judge",
    "justice", "mayor", "gen", "general", "lt", "col", "maj", "capt", "sgt", "rev", "chairman", "chairwoman",
    "director", "minister", "prime", "vice", "ambassador", "attorney", "dr", "prof", "professor", "chief",
    "commissioner", "leader", "pope", "king", "queen", "prince", "ayatollah", "imam", "sheikh", "supreme",
    "former", "retired", "state", "deputy", "acting", "assistant", "house", "senate", "majority", "minority",
    "mr", "mrs", "ms", "miss", "sir", "lord", "lady", "candidate", "nominee", "presidential", "democratic",
    "republican", "u.s", "us", "federal", "first", "special", "rapporteur", "foreign", "defense", "defence",
    "interior", "spokesman", "spokeswoman", "spokesperson", "homeland", "congressman", "congresswoman",
    "councilman", "councilwoman", "pastor", "father", "bishop", "archbishop", "rabbi", "patriarch", "cardinal", "editor", "reporter", "correspondent",
    "columnist", "anchor", "host", "author", "pollster", "analyst", "strategist", "adviser", "advisor", "aide",
    "chair", "chairperson", "founder", "ceo", "executive", "officer", "superintendent", "sheriff", "coach",
}
VOICE_PERSON_NOUNS = (
    "spokesman spokeswoman spokesperson spokespeople spokesmen official officials source sources aide aides adviser "
    "advisers advisor advisors prosecutor prosecutors lawyer lawyers attorney attorneys analyst analysts expert experts "
    "critic critics witness witnesses investigator investigators researcher researchers economist economists "
    "strategist strategists operative operatives supporter supporters opponent opponents voter voters resident "
    "residents protester protesters protestor protestors activist activists leader leaders member members staffer "
    "staffers lawmaker lawmakers legislator legislators senator senators diplomat diplomats observer observers "
    "organizer organizers organisers judge judges doctor doctors officer officers people person man woman men women "
    "friend friends relatives family families survivor survivors director minister president chairman secretary "
    "representative representatives delegates delegate candidate candidates historian historians scholar scholars "
    "rapporteur experts insiders insider allies ally donors donor executives executive manager managers student "
    "students worker workers employee employees authors author pollster pollsters scientists scientist agent agents "
    "governor governors mayor democrats republicans conservatives liberals prisoners victims refugees migrants "
    "detainees inmates parents mothers fathers citizens villagers veterans journalists survivors proponents "
    "advocates backers defenders skeptics sceptics campaigners organisers user users commenter commenters blogger "
    "bloggers viewer viewers reader readers listener listeners fan fans follower followers advocate hopeful hopefuls "
    "rival rivals contender contenders challenger challengers colleague colleagues "
    # singulars of the plurals above, and the people a report on a trial, a prison or a state quotes
    "prisoner victim refugee migrant detainee inmate citizen villager veteran journalist chief chiefs commander "
    "commanders guard guards cleric clerics imam priest rabbi bishop widow widows neighbor neighbour neighbors "
    "neighbours professor professors lecturer teacher teachers commentator commentators columnist columnists editor "
    "editors correspondent correspondents writer writers founder chairwoman envoy envoys ambassador ambassadors "
    "negotiator negotiators deputy deputies congressman congresswoman councilman councilwoman councillor mp mps head heads "
    "monitor monitors nurse nurses medic medics paramedic paramedics midwife "
    "undertaker gravedigger gravediggers caretaker eyewitness eyewitnesses elder elders mother father brother sister grandmother "
    "grandfather volunteer volunteers campaigner campaigners mourner mourners farmer farmers miner miners soldier soldiers "
    "organiser organizer organizers locals bystander bystanders passenger passengers "
    # the parties and witnesses a court or a treaty body hears
    "complainant complainants applicant applicants claimant claimants plaintiff plaintiffs defendant defendants petitioner "
    "petitioners appellant appellants respondent respondents accused counsel"
).split()
VOICE_BODY_NOUNS = (
    "campaign administration government ministry court police party committee agency department office embassy mission "
    "resistance opposition "
    "council commission newspaper paper network team board company firm group foundation organization organisation "
    "union army military website outlet channel television radio agency authorities judiciary regime parliament "
    "tribunal panel study report poll survey statement letter analysis review index data figures estimate "
    "estimates census registry station broadcaster magazine daily tabloid press service bureau institute centre "
    "center watchdog charity association coalition alliance movement groups organizations organisations agencies "
    "ministries newspapers courts reports studies polls surveys unions charities ngos encyclopedia book article page "
    "entry memoir memoirs document dossier cable resolution decree fatwa verdict ruling indictment complaint lawsuit "
    "filing communique communiqué media prosecution defence defense bulletin bulletins text directorate "
    "inspectorate governorate prefecture municipality secretariat senate legislature assembly parliaments authority "
    "dataset database ethnography monograph brief reconstruction thesis dissertation"
).split()
VOICE_NOUNS = set(VOICE_PERSON_NOUNS) | set(VOICE_BODY_NOUNS)
# What a voice writes or issues: "X's report" is X's words ("X's campaign" is a body of its own)
DOCUMENT_NOUNS = set("study report poll survey statement letter analysis review index data figures estimate estimates census "
                     "registry memoir memoirs document dossier cable resolution decree fatwa verdict ruling indictment "
                     "complaint lawsuit book article bulletin bulletins communique communiqué text dataset database "
                     "ethnography monograph brief reconstruction thesis dissertation".split())
DOCUMENT_NOUN_RE = re.compile(r"\b(?:" + "|".join(sorted(DOCUMENT_NOUNS, key=len, reverse=True)) + r")\b")
OWNER_OF_DOCUMENT = re.compile(r"((?:[A-Z][\w.’'-]*\s+(?:(?:of|for|on|to)\s+(?:the\s+)?)?){0,4}[A-Z][\w.-]*?)(?:['’]s|(?<=s)['’])\s+"
                               r"(?:[\w-]+\s+){0,2}$")
VOICE_NOUN_ALTERNATION = "|".join(sorted(VOICE_NOUNS, key=len, reverse=True))
NP_STOPS = {"if", "would", "be", "that", "which", "who", "was", "is", "are", "were", "has", "have", "had", "will",
            "to", "of", "for", "and", "but", "when", "while", "because", "as", "with", "from", "by", "in", "on", "at",
            "said", "says", "what", "whether", "than", "not", "it", "he", "she", "they", "we", "could", "should",
            "can", "may", "might", "must", "do", "does", "did", "been", "being", "into", "about", "after", "before"}
VOICE_OF = re.compile(
    r"(?<![\w’'-])(?:(?i:a|an|the|some|many|several|two|three|other|one|senior|top|former)\s+){0,2}(?i:"
    + "|".join(sorted(VOICE_PERSON_NOUNS, key=len, reverse=True))
    + r")\s+(?:of|for|at|from|with|in|inside|within|close\s+to|familiar\s+with)\s+(?:[\w.’'&-]+\s+){0,7}[\w.’'&-]+"
)
BODY_OF = re.compile(
    r"(?<![\w’'-])(?i:the|a|an)\s+(?:[a-z]+\s+)?(?:ministry|commission|department|court|office|council|committee|"
    r"bureau|institute|agency|board|tribunal|panel|directorate|inspectorate|prosecutor|prosecutor-general)\s+of\s+"
    r"(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*"
)
# "Police in Kabul", "the prosecutor's office in Tehran", "the court in Shiraz": a body named by its noun and the
# place it sits in (a place is capitalised; "the court in its ruling" is no place)
BODY_IN = re.compile(
    r"(?<![\w’'-])(?:(?:(?i:the|a|an|local|provincial|regional|city|state|federal|district|military|security|"
    r"riot|traffic|border|[\w-]+['’]s)\s+){0,3})(?i:police|office|court|ministry|authorities|officials|prosecutors|"
    r"prison|governorate|governor's\s+office|embassy|consulate|morgue|hospital|coroner|municipality|council|"
    r"(?:rights\s+)?groups|organi[sz]ations|ngos)\s+"
    r"(?:in|at)\s+(?:the\s+)?(?:(?:city|province|town|village|district|county)\s+of\s+)?(?:[A-Z][\w.’'-]*(?:\s+|$)){1,3}$"
)
NP_LEAD = re.compile(
    r"(?:(?<=[\s,;:(“\"])|^)((?:(?:a|an|the|one|two|three|four|five|several|some|many|most|other|another|both|"
    r"two|senior|top|[\w.-]+['’]s?|[A-Z][\w.’'-]*|[a-z][\w-]*|(?<=['’]s\s)(?:19|20)\d\d|(?<=[Tt]he\s)(?:19|20)\d\d)\s+){0,5}?)((?i:" + "|".join(sorted(VOICE_NOUNS, key=len, reverse=True)) + r"))$"
)
# A noun of a person by what the person does, past the list above: "the cemetery's caretaker", "a former
# gravedigger", "the coroner", "one interrogator", "a trainee"; only after a determiner or possessive, and never
# one of the things English also names so ("the number", "the latter", "the order", "the sector")
AGENT_NOUN = re.compile(r"[a-z]{2,}(?:er|or|ist|ian|ee)s?")
NOT_AGENTS = set("""
number numbers latter former order orders other others matter matters paper papers letter letters center centre
quarter quarters summer winter water power powers border borders chapter chapters corner error errors mirror floor
door sector sectors factor factors motor labor labour color colour harbor harbour register computer computers
answer answers question character manner banner river cover poster posters charter theater theatre cancer
murder murders thriller disaster disasters weather counter meter letterhead fever hunger anger
danger whether together however never ever neither either further rather earlier later lower upper outer inner
bigger larger smaller greater higher fewer better worse major minor senior junior super sooner longer after
under over per offer offers transfer transfers trigger triggers filter layer layers tier tiers barrier barriers
liter litre kilometer kilometre meter metre dinner dollar dollars calendar pillar pillars vapor
indicator indicators behavior behaviour honor honour favor favour rumor rumours rumors terror horror
tractor tractors
list lists twist median
fee fees committee committees guarantee degree degrees tree trees decree decrees coffee jubilee
""".split()) - set(VOICE_PERSON_NOUNS)
AGENT_LEAD = re.compile(
    r"(?:(?<=[\s,;:(“\"])|^)((?:(?:a|an|the|one|two|three|several|some|many|other|another|senior|top|former|"
    r"[\w.-]+['’]s|[A-Z][\w.’'-]*|[a-z][\w-]*)\s+){1,4}?)(" + AGENT_NOUN.pattern + r")$"
)
# A plural noun of people opening a sentence: "Hardliners", "Reformists", "Loyalists" (surnames in -ers, "Sanders",
# "Peters", are not matched)
AGENT_PLURAL = re.compile(r"[A-Z][a-z]+(?:ists|ites|ians|liners)|Conservatives|Liberals|Moderates|Radicals|Militants|"
                          r"Insurgents|Dissidents|Rebels|Royalists|Exiles|Opponents|Supporters|Critics|Clerics")
# A restrictive relative clause closing a subject: "(a lawyer) who represents Smith", "(the firm) that
# represented Smith"; "that" only before an auxiliary or a past tense ("that Smith said" is a complement);
# a few words with no conjunction, clause word or dash: "which holds a caucus -- Sanders said" is two clauses
RESTRICTIVE_RELATIVE = re.compile(
    r"(?:\s*,\s*|\s+)(?:(?:who|which)\s+[a-z][\w’'-]*|that\s+(?:is|was|are|were|has|have|had|will|would|[a-z]+ed))"
    r"(?:\s+(?!(?:that|and|but|or|nor|so|which|who|whom|when|while|where|if|as|because|then)\b)[^\s,;:“”\"«»—–()-]+){1,7}"
)
FUNCTION_WORDS = {
    "since", "what", "what's", "what’s", "when", "where", "why", "how", "who", "there", "here", "this", "that",
    "these", "those", "while", "after", "before", "during", "until", "although", "though", "because", "if",
    "once", "as", "but", "and", "or", "so", "yet", "also", "still", "even", "just", "only", "now", "then",
    "today", "yesterday", "tomorrow", "last", "next", "earlier", "later", "in", "on", "at", "for", "with", "by",
    "from", "of", "to", "the", "a", "an", "it", "its", "we", "our", "i", "you", "he", "she", "they", "his", "her",
    "their", "my", "some", "many", "most", "all", "let's", "let’s", "asked", "speaking", "according", "meanwhile",
    "however", "instead", "indeed", "thus", "yes", "no", "not", "why", "like", "unlike", "despite", "among",
    "both", "neither", "either", "every", "each", "any", "none", "more", "less", "over", "under", "about", "few", "fewer", "plenty", "numerous", "countless",
    "no", "mr", "mrs", "ms", "dr", "dear", "thank", "thanks", "please", "oh", "well", "sure", "okay",
    "reporting", "editing", "additional", "read", "watch", "see", "click", "photo", "video", "image",
    "moreover", "furthermore", "nevertheless", "nonetheless", "additionally", "therefore", "hence", "besides",
    "likewise", "similarly", "otherwise", "still", "again", "perhaps", "maybe", "already", "asked", "told",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds",
    "thousand", "thousands", "dozens", "millions", "half", "nearly", "almost", "about", "roughly", "least",
    "amid", "amidst", "among", "through", "throughout", "toward", "towards", "within", "without", "upon", "via",
    "following", "regarding", "including", "across", "against", "beyond", "inside", "outside", "near",
    "which", "such", "whose", "whom", "whatever", "whoever", "unless", "whether", "whereas",
    "is", "are", "was", "were", "be", "been", "do", "does", "did", "has", "have", "had", "can", "will", "would",
    "should", "could", "may", "might", "must", "another", "others", "nobody", "everyone", "everybody", "somebody",
    "someone", "anyone", "multiple", "appear", "having", "facing", "being", "getting", "making", "taking",
}
TIME_NAME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "week", "month",
    "year", "day", "night", "morning", "evening", "spring", "summer", "autumn", "fall", "winter", "christmas",
    "easter", "ramadan", "today", "yesterday", "tomorrow",
}
# Time words that are also surnames or given names ("Theresa May", "Kristen Day", "Johnny Winter"), and the
# words that make them a time phrase instead ("Early June", "Election Day")
MONTH_SURNAMES = {"may", "june", "april", "august", "march", "day", "winter", "summer", "spring"}
HOLIDAY_WORDS = {"election", "memorial", "labor", "labour", "independence", "veterans", "veteran", "christmas",
                 "thanksgiving", "earth", "mother", "father", "valentine", "inauguration", "inaugural", "victory",
                 "armistice", "remembrance", "boxing", "opening", "judgment", "judgement", "primary", "caucus", "debate",
                 "voting", "polling", "game", "national", "international", "world", "new", "every", "one", "same", "any",
                 "first", "second", "third", "final", "last", "next", "mid", "nuclear", "arab", "presidents", "columbus",
                 "patriots", "flag", "groundhog", "leap", "d", "v", "ve", "vj", "super", "good", "all", "saints"}
TIME_MODIFIERS = {"early", "late", "mid", "last", "next", "this", "since", "until", "till", "by", "in", "on", "from",
                  "through", "during", "before", "after", "since", "every", "each", "past"}
# Nationalities, faiths, parties and awards used as adjectives: never a voice on their own.
DEMONYMS = set("""
Afghan Albanian Algerian American Angolan Argentine Argentinian Armenian Australian Austrian Azerbaijani Bahraini Bangladeshi Belarusian
Belgian Bolivian Bosnian Brazilian British Bulgarian Burmese Cambodian Cameroonian Canadian Chadian Chilean Chinese Colombian
Congolese Croatian Cuban Cypriot Czech Danish Dutch Ecuadorian Egyptian Emirati English Eritrean Estonian Ethiopian
European Filipino Finnish French Georgian German Ghanaian Greek Guatemalan Haitian Honduran Hungarian Icelandic Indian
Indonesian Iranian Iraqi Irish Israeli Italian Ivorian Jamaican Japanese Jordanian Kazakh Kenyan Korean Kosovar
Kurdish Kuwaiti Kyrgyz Lao Latvian Lebanese Liberian Libyan Lithuanian Macedonian Malagasy Malaysian Malian Maltese
Mauritanian Mexican Moldovan Mongolian Montenegrin Moroccan Mozambican Namibian Nepalese Nicaraguan Nigerian Nigerien Norwegian Omani
Pakistani Palestinian Panamanian Paraguayan Persian Peruvian Polish Portuguese Qatari Romanian Russian Rwandan Saudi Scottish
Senegalese Serbian Singaporean Slovak Slovenian Somali Spanish Sudanese Swedish Swiss Syrian Taiwanese Tajik Tanzanian
Thai Tibetan Tunisian Turkish Turkmen Ugandan Ukrainian Uruguayan Uzbek Venezuelan Vietnamese Welsh Yemeni Zambian
Zimbabwean Arab Arabic Asian African Latin Latino Hispanic Caucasian Baltic Balkan Nordic Scandinavian Soviet
Western Eastern Northern Southern Sunni Shiite Shia Muslim Islamic Christian Catholic Protestant Jewish Hindu
Buddhist Sikh Republican Democratic Democrat Conservative Liberal Labour Green Libertarian Socialist Communist Federal National
International Independent Emmy Oscar Grammy Nobel Pulitzer
""".split())
ADJECTIVE_NAMES = {
    "independent", "federal", "national", "democratic", "republican", "conservative", "liberal", "western",
    "eastern", "northern", "southern", "foreign", "international", "local", "former", "islamic", "jewish",
    "muslim", "christian", "arab", "kurdish", "gop", "democrat", "american", "european", "african", "asian",
    "thai", "swiss", "greek", "dutch", "french", "irish", "welsh", "scottish", "danish", "polish", "czech",
    "emmy", "oscar", "grammy", "nobel", "pulitzer", "award", "state", "city", "county", "north", "south",
    "east", "west", "new", "old", "official", "senior", "top", "chief", "leading", "breaking", "exclusive",
    "update", "opinion", "analysis", "editorial", "live", "watch",
    "unofficial", "preliminary", "initial", "conflicting", "credible", "reliable", "various", "separate", "previous",
    "recent", "latest", "rough", "higher", "lower", "partial", "confidential", "anonymous", "unconfirmed",
}


@dataclass
class Voice:
    """A voice found in a passage: who (``speaker_id``, or none and a ``role``) and how."""

    speaker_id: str | None
    role: str | None
    start: int  # where the subject phrase is in the text
    end: int


# Adverbs that open sentences ("Similarly", "Finally", "Nearly"); not surnames in -ly ("Kelly", "Skelly", "Daly")
ADVERB = re.compile(r"(?:ally|ously|ively|ently|antly|ably|ibly|fully|lessly|ately|ingly|edly|arly|tly|rly|ctly|ely|"
                    r"arily|(?:has|eas|read|stead|heav|bus|angr|hungr|wear|merr|luck|happ|nois|hast|sleep|clums)ily)$")
NAME_PARTICLES = {"de", "van", "von", "al", "al-", "bin", "el", "la", "le", "da", "du", "der", "den", "ter", "ibn"}


def plausible_name(name: str) -> bool:
    """Whether capitalised words can name a person, organisation or body.

    Not a demonym or adjective alone ("Swedish", "Republican"), not a time phrase ("Since May",
    "Monday"), not a sentence's function word ("What's", "Let's"), not a possessive ("Clinton's").
    """
    tokens = name.split()
    if not tokens or re.search(r"['’]s?$", name) or name.endswith("-"):
        return False
    if any(re.search(r"['’](?:m|re|ve|ll|d)$", t, re.IGNORECASE) for t in tokens):
        return False  # "I'm", "I've": a contraction, not a name
    if any(t.endswith(".") and (len(t.strip(".")) > 3 and fold(t.strip(".")) not in ABBREVIATIONS
                                or fold(u) in FUNCTION_WORDS) for t, u in zip(tokens, tokens[1:])):
        return False  # "Reagan. God", "Calif. The Islamic State": two sentences run together
    if len(tokens) == 1 and tokens[0].endswith("s") and (tokens[0][:-1] in DEMONYMS or tokens[0] in ("Latinos", "Latinas")):
        return False  # "Russians", "Americans": a people, not a voice
    if not (tokens[0][:1].isupper() or tokens[0][:1].isdigit() or tokens[0].lower() in NAME_PARTICLES):
        return False  # "thinks the Obama administration", "facing": words, not a name
    lowered = [fold(t).strip(".,") for t in tokens]
    if lowered[0] in FUNCTION_WORDS or any(t in TIME_NAME_WORDS for t in lowered[:-1]) or lowered[-1] in TIME_NAME_WORDS and not (
            len(tokens) >= 2 and lowered[-1] in MONTH_SURNAMES | {"today"} and lowered[-2] not in TIME_MODIFIERS
            and lowered[-2] not in TIME_NAME_WORDS and lowered[-2] not in HOLIDAY_WORDS and lowered[-2] not in FUNCTION_WORDS
            and not (lowered[-1] in ("day", "winter", "summer", "spring", "march") and tokens[-2][:1].isdigit())):
        return False  # "Since May", "Monday", "Early June"; but "Theresa May", "Yin Myint May", "USA Today"
    if len(tokens) == 1 and (tokens[0] in DEMONYMS or lowered[0] in ADJECTIVE_NAMES or len(tokens[0]) < 2):
        return False
    if len(tokens) >= 2 and lowered[-1] in TITLE_ABBREVIATIONS:
        return False  # "Pennsylvania Gov." of "former Pennsylvania Gov. and party chairman Ed Rendell": a title
    if all(t in ADJECTIVE_NAMES or t in TITLE_WORDS for t in lowered) and (len(tokens) > 1 or lowered[0] in ADJECTIVE_NAMES) \
            and not (len(tokens) > 1 and lowered[-1] in ORGANISATION_WORDS | {"state", "reserve", "guard"}):
        return False
    if len(tokens) == 1 and (lowered[0] in VOICE_NOUNS or tokens[0] in NOT_NAMES or ADVERB.search(lowered[0])):
        return False
    if len(tokens) == 1 and re.fullmatch(r"[A-Z]\.[A-Z]\.?", tokens[0]) and tokens[0].rstrip(".") not in ("U.N", "U.S", "E.U"):
        return False  # "N.H.", "D.C.": a state or district after a place name
    if len(tokens) == 1 and re.fullmatch(r"[A-Z]{7,}", tokens[0]) and lowered[0] not in ORGANISATION_WORDS:
        return False  # "WASHINGTON —": a dateline or a shouted word, not an acronym
    if len(tokens) == 1 and re.fullmatch(r"[A-Z]{2,}s", tokens[0]):
        return False  # "NGOs", "MPs": a plural, not a name
    if re.match(r"^[RDI]-[A-Z]", tokens[0]):
        return False  # "R-Ky.": a party and state, not a voice
    if re.search(r"-(?:winning|based|born|backed|funded|leaning|style)$", lowered[-1]):
        return False  # "Oscar-winning", "Texas-based": an adjective, not a voice
    if len(tokens) == 1 and lowered[0] in US_STATE_ABBREVIATIONS:
        return False  # "Tex" of "(R-Tex.)": a state tag
    return True


# What a title is "of" before the holder's name: "Chief of Staff Katie Walsh", "Secretary of Homeland Security Jeh Johnson"
TITLE_COMPLEMENTS = {"staff", "state", "defense", "defence", "treasury", "commerce", "labor", "labour", "energy", "health",
                     "education", "interior", "agriculture", "transportation", "justice", "homeland", "security",
                     "veterans", "affairs", "human", "services", "housing", "urban", "development", "police",
                     "operations", "communications", "policy", "research", "strategy", "intelligence", "foreign"}
TITLES_AND_COMPLEMENTS = TITLE_WORDS | TITLE_COMPLEMENTS


def clean_name(name: str) -> tuple[str, str]:
    """(name, leading title) — "Texas Sen. Ted Cruz" -> ("Ted Cruz", "Texas Sen."), function words dropped."""
    tokens = name.split()
    lead = 1 if len(tokens) > 2 and tokens[0].lower() in DETERMINERS else 0
    if len(tokens) > lead + 1 and HYPHEN_ADJECTIVE.search(tokens[lead]):  # "(The) London-based Amnesty": a role
        rest, title = clean_name(" ".join(tokens[lead + 1:]))
        return rest, " ".join(x for x in (tokens[lead], title) if x)
    possessor = [i for i, t in enumerate(tokens[:-1]) if re.search(r"['’]s?$", t)]
    if possessor:  # "RealClearPolitics’ David Byler": the possessor is the role
        cut = possessor[-1] + 1
        rest, title = clean_name(" ".join(tokens[cut:]))
        return rest, " ".join(x for x in (" ".join(tokens[:cut]), title) if x)
    lowered = [fold(t).strip(".,") for t in tokens]
    titles = [i for i, t in enumerate(lowered[:-1]) if (t in TITLE_WORDS or "-" in t and t.split("-")[-1] in TITLE_WORDS)
              and not (i and t in TITLE_COMPLEMENTS and lowered[i - 1] in TITLE_COMPLEMENTS | {"of", "on", "for"})
              and not (t == "justice" and lowered[i + 1] == "for")]  # "Justice for Iran": a body, no title
    if titles and not any(t in ORGANISATION_WORDS for t in lowered[titles[-1] + 1:]):
        cut = titles[-1] + 1
        after = cut + 1
        while lowered[cut] in ("of", "on", "for") and after < len(lowered) - 1 \
                and (lowered[after] in TITLE_COMPLEMENTS or lowered[after] in ("the", "and")):
            after += 1
        if after > cut + 1 and len(tokens) - after >= 2:
            # "Chief of Staff Katie Walsh", "Secretary of Homeland Security Jeh Johnson": the title, then the name
            return " ".join(tokens[after:]), " ".join(tokens[:after])
        if lowered[cut] in ("of", "on", "for") and (cut + 1 >= len(lowered) or lowered[cut + 1] not in TITLE_WORDS):
            if lowered[lead] in ORGANISATION_WORDS and lowered[lead + 1] in ("of", "for", "on"):
                # "Office of the United Nations High Commissioner for Refugees": the office, a body, of the title
                return " ".join(tokens[lead:]), ""
            return "", " ".join(tokens)  # "Special Rapporteur on Iran": the title's complement, no name
        rest, title = clean_name(" ".join(tokens[cut:]))
        lead_title = " ".join(tokens[:cut])
        if tokens[0].lower().strip(".") in FUNCTION_WORDS and lowered[0] not in ("mr", "mrs", "ms", "dr"):
            lead_title = " ".join(tokens[1:cut])
        return rest, " ".join(x for x in (lead_title, title) if x)
    outlet = max((i for i, t in enumerate(lowered[1:-2], 1) if t in ORGANISATION_WORDS), default=None)
    if outlet is not None and not ORGANISATION_WORDS & set(lowered[outlet + 1:]) \
            and not TITLES_AND_COMPLEMENTS & set(lowered) and all(t[:1].isupper() for t in tokens[outlet + 1:]):
        return " ".join(tokens[outlet + 1:]), " ".join(tokens[:outlet + 1])  # "Fox News Sean Hannity": the outlet is the role
    lead = []
    organisation = any(t in ORGANISATION_WORDS for t in lowered)
    while tokens and (fold(tokens[0]).strip(".") in FUNCTION_WORDS
                      or fold(tokens[0]).strip(".") in TITLE_WORDS and not organisation
                      and not (len(tokens) > 2 and fold(tokens[1]) == "for")) and len(tokens) > 1:  # "Justice for Iran"
        lead.append(tokens.pop(0))
    if tokens and fold(tokens[0]).strip(".") in FUNCTION_WORDS:
        tokens = []
    title = " ".join(t for t in lead if fold(t).strip(".") not in FUNCTION_WORDS or fold(t).strip(".") in ("mr", "mrs", "ms", "dr"))
    if tokens and len(tokens[-1]) > 3 and tokens[-1].endswith(".") and tokens[-1].lower() not in ("inc.", "corp."):
        tokens[-1] = tokens[-1].rstrip(".")
    return " ".join(tokens), title


def document_owner(name: str, noun: str) -> str | None:
    """ "Redress Network report" -> "Redress Network": a document noun after a name names the document's
    owner, the voice; None when the noun is no document or no name is left."""
    if noun not in DOCUMENT_NOUNS:
        return None
    owner = name[:len(name) - len(noun)].strip()
    owner = re.split(r"['’]s?(?:\s|$)", owner)[0].strip()  # "Hengaw's monthly report": Hengaw, not "Hengaw's monthly"
    return owner if owner and plausible_name(owner) else None


# "Oslo-based", "Saudi-led", "Persian-language": an adjective, never the first word of a name
HYPHEN_ADJECTIVE = re.compile(r"-(?:based|led|backed|funded|run|owned|linked|affiliated|aligned|born|style|language|"
                              r"speaking|controlled|sponsored|[a-z]+ed)$")  # "Norway-registered"


# What a body is, written between its name and its noun: "the Hengaw rights group"
DESCRIPTOR_WORDS = {"rights", "human", "advocacy", "monitoring", "legal", "aid", "opposition", "activist",
                    "humanitarian", "relief", "civil", "liberties", "freedom"}


def body_name(words_text: str, noun: str) -> str | None:
    """ "the Trump campaign" -> "Trump campaign", "Iran's foreign ministry" as written; None when no
    capitalised word names the body ("the foreign ministry" is an unnamed voice)."""
    words = re.findall(r"[\w.’'-]+", words_text)
    while words and (fold(words[0]).strip(".") in FUNCTION_WORDS or not words[0][:1].isupper()
                     or HYPHEN_ADJECTIVE.search(words[0])):
        words.pop(0)  # a body's name starts at its first capitalised word ("the Oslo-based group": an adjective)
    if not any(w[:1].isupper() for w in words):
        return None
    if any(w.lower() in DETERMINERS or re.fullmatch(r"[a-z]+ed", w) or SUBJECT_VERB.fullmatch(w) for w in words[1:]):
        return None  # "Mitch McConnell issued a statement": a clause, not the name of a body
    if any(w in ("and", "or", "his", "her", "their", "its", "our", "my") for w in words[1:]):
        return None  # "Ann Selzer and her team": a person and others, not the name of a body
    if noun in DOCUMENT_NOUNS and re.search(r"['’]s$", words[-1]):
        return None  # "the Redress Network's report": a document, its owner's (OWNER_OF_DOCUMENT), not a body's name
    described = next((i for i, w in enumerate(words) if not w[:1].isupper()), len(words))
    if 0 < described < len(words) and noun in GENERIC_BODY_NOUNS | {"centre", "center", "network", "campaign"} \
            and all(fold(w) in DESCRIPTOR_WORDS for w in words[described:]):
        return " ".join(words[:described])  # "the Viasna human rights centre", "the Hengaw rights group": the name
    return " ".join(words + [noun])


def acts_list(text: str, s_start: int, end: int, word: str) -> bool:
    """ "The ministry obfuscated the facts, admitted it withheld the files": the verb at ``end`` follows a comma
    after the sentence's own first verb (in -ed, right after a subject of at most five words), in one clause."""
    before = text[s_start:end]
    first = re.match(r"\s*(?:[\w.’'-]+\s+){1,5}?(?:\w+ly\s+)?[a-z]{3,}ed\s[^,;:“”\"()]{1,80},\s*$", before)
    return bool(re.fullmatch(r"[a-z]+ed", word) and first and words_in(before) <= 25)


# "At Foro Penal, we estimate …", "Here at the Center, we have counted …": a first person plural that names its body
WE_AT = re.compile(r"\s*(?:(?:[Hh]ere\s+)?[Aa]t|[Ff]or\s+us\s+at)\s+(?:the\s+)?((?:[A-Z][\w’'&.-]*\s+){0,5}[A-Z][\w’'&.-]*),\s+we"
                   r"(?:\s+(?:\w+ly|have|had|now|still|also|now))*\s+")


def voice_before(text: str, end: int, s_start: int, mentions: list[Mention], state: DocumentState,
                 depth: int = 0) -> Voice | None:
    """The voice whose noun phrase ends at ``end`` (a speech verb follows), skipping adverbs and appositives.

    A verb coordinated with an earlier one ("X took the stage and said …", "X …, saying …") has
    the sentence's subject for its own.
    """
    word = re.match(r"\w+", text[end:])
    if not depth and word and word.group(0).endswith("ing") and re.search(r"(?:,|\s[—–]|\s-{1,2})\s*$", text[s_start:end]):
        # "Protest groups say …, and the ACLU has sued the city, saying …": the last clause's subject
        joints = [j for j in re.finditer(r"(?:[,;]\s*|\s)(?:and|but|while|whereas)\s+", text[s_start:end])
                  if not inside_any_quote(text, s_start + j.start())]
        if joints:
            clause = s_start + joints[-1].end()
            subject = sentence_subject(text, clause, end, mentions, state)
            if subject is not None and subject.speaker_id and words_in(text[clause:subject.start]) <= 1:
                return subject
        subject = sentence_subject(text, s_start, end, mentions, state)
        if subject is not None:  # "Trump went after Bush, calling him …": the sentence's subject speaks
            return subject
    at_we = WE_AT.fullmatch(text, s_start, end)
    if at_we:  # "At Foro Penal, we estimate …": the body the writer speaks for
        name = clean_name(at_we.group(1))[0]
        if name and plausible_name(name):
            return Voice(state.new_speaker(name, text, kind="body"), None, at_we.start(1), at_we.end(1))
    voice = noun_phrase_voice(text, end, s_start, mentions, state, depth)
    if (voice is None or voice.speaker_id is None) and not depth:
        voice = list_voice(text, s_start, end, mentions, state) or voice
    if voice is not None and word and word.group(0).endswith("ing") and re.search(
            r",[^,]*\b[a-z]{3,}(?:ed|ied)\s+(?!by\b)[a-z]+[^,]*,\s*$", text[voice.end:end]):
        voice = None  # "… the United States, Clinton’s aide rallied supporters, saying": a clause, not an appositive
    issued = ISSUED_NOUN.search(text, s_start, end) if word and word.group(0).endswith("ing") else None
    if issued and not depth and (voice is None or voice.speaker_id is None):
        # ("passed a motion recognising …": no voice before the participle but the motion's issuer; "ran an article on
        # Sunday arguing": an unnamed document, or the issuing phrase read as one, speaks for its issuer)
        issuer = sentence_subject(text, s_start, min(voice.start if voice else end, issued.start()), mentions, state)
        if issuer is None:
            issuer = voice_before(text, issued.start(), s_start, mentions, state, 1)
            issuer = issuer if issuer is not None and (issuer.speaker_id or issuer.role) else None
        if issuer is not None:
            return issuer  # "X issued a statement saying …": the statement's issuer speaks
    if voice is not None or depth:
        return voice
    before = text[s_start:end]
    coordinated = re.search(r"\b(?:and|but)\s+(?:(?:then|also|later|has|have|had|once|often|since|repeatedly|even|still|"
                            r"(?!only\b)[a-z]+ly|(?:on|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                            r"Sunday|week|month|year))\s+){0,2}$|,\s*then\s+$", before) or (
        word and word.group(0).endswith("ing") and re.search(r"\b(?:by|while|after|before|when|in|upon|on)\s+$", before)) or (
        # "The ministry obfuscated the facts, admitted it withheld the files, and …": a list of the subject's acts
        acts_list(text, s_start, end, word.group(0) if word else "")) or (
        word and word.group(0) in PARTICIPLES | {"adding", "telling", "declaring", "arguing", "calling", "noting",
                                                  "explaining", "recalling", "insisting", "warning", "urging"}
        and re.search(r"(?:,|\s[—–]|\s-{1,2})\s*$", before))
    if coordinated:
        subject = sentence_subject(text, s_start, end, mentions, state)
        relative = re.search(r",\s*(?:who|which)\b", text[subject.end:end]) if subject is not None else None
        if relative and text[subject.end:subject.end + relative.start()].strip(" )"):
            subject = None  # "X was asked by Y, who backs X, but has dismissed …": the verb is the relative clause's
        joints = [j for j in re.finditer(r"(?:^|[,;]\s*|\s)(?:(?:and|but)\s+)?(?:when|while|as|after|because|since|once|though|although)\s+",
                                         before) if not inside_any_quote(text, s_start + j.start())]
        if subject is None and joints and re.search(r"\band\s+$", before):
            # "Some booed, and when Rubio thanked Miami and said …": the subject of the clause the verb joins
            clause = s_start + joints[-1].end()
            subject = sentence_subject(text, clause, end, mentions, state)
            subject = subject if subject is not None and subject.speaker_id and subject.start == clause else None
        return subject
    several = COORDINATED_NAMES.search(text, s_start, end)
    if several and several.end() == end and not inside_any_quote(text, several.start()):
        # "Forbes and Wealth-X say …" where no member is a voice known before (list_voice): several named
        # voices say it together; a statement has one voice, so it is an unnamed one described by the names
        phrase = " ".join(several.group(1).split())
        return Voice(None, phrase, several.start(1), several.start(1) + len(several.group(1)))
    return None


ED_ADJECTIVES = {"retired", "elected", "united", "armed", "so-called", "embattled", "indicted", "detained", "jailed",
                 "exiled", "renowned", "respected", "unnamed", "unidentified"}
LIST_NOT_NOUN = re.compile(r"is|are|was|were|be|been|do|does|did|will|would|can|could|may|might|should|must|"
                           r"who|which|that|whose|when|while|after|before|as|if|because|to|during|since|until|"
                           r"saw|said|told|made|took|got|gave|went|came|just|now|then|already")


def verb_like(word: str) -> bool:
    """A lowercase word that ends a subject rather than belonging to it: "kicked", "are", "during"."""
    return bool(LIST_NOT_NOUN.fullmatch(word) or (re.fullmatch(r"[a-z][\w-]*ed", word) and word not in ED_ADJECTIVES))


LIST_VERBS = re.compile(r"(?:said|says?|told|tells?|argued?|argues|insist(?:s|ed)?|warn(?:s|ed)?|urged?|urges|"
                        r"claim(?:s|ed)?|announced?|announces|acknowledged?|acknowledges|suggest(?:s|ed)?|"
                        r"contend(?:s|ed)?|asserted|maintain(?:s|ed)?|noted?|notes|added|explained|predicted|"
                        r"agreed?|agrees|denied|deny|denies|vow(?:s|ed)?|promised?|promises|stated|wrote|writes?|"
                        r"reported|confirmed?|confirms|asked|complained|testified|tweeted)\b")
LIST_TAIL = re.compile(r"(?:\s+(?:have|has|had|also|both|all|each|jointly|together|then))*\s*$")


def role_words(prefix: str) -> bool:
    """Whether the words before a name describe it ("Republican presidential hopefuls", "Senate
    aides") rather than end a clause ("Trump attacked", "Rubio thanks")."""
    lowered = [fold(w) for w in re.findall(r"[A-Za-z][\w’'-]*", prefix) if w[:1].islower()]
    if not lowered:
        return True
    last = lowered[-1]
    singular = last[:-1] if last.endswith("s") else last
    return not any(verb_like(w) for w in lowered) \
        and (not last.endswith("s") or last in VOICE_NOUNS or singular in VOICE_NOUNS or singular in TITLE_WORDS
             or last.endswith(("ss", "us")))


def list_voice(text: str, s_start: int, end: int, mentions: list[Mention], state: DocumentState) -> Voice | None:
    """The named voice leading a coordinated subject: "Clinton and the State Department have said …",
    "Republican hopefuls Jeb Bush and Chris Christie say …", "Bush and his rivals … have said …".

    A statement has one voice: the first member, when it is named and opens the clause, speaks
    (each member said it); the whole subject is kept as its role, so the others are not lost.
    """
    if not LIST_VERBS.match(text, end):
        return None  # "Duchovny and Anderson signed on for …", "Alba and Foner published the book …": not speech
    opening = OPENING_PHRASE.match(text, s_start, end)
    start = opening.end() if opening and words_in(opening.group(0)) <= 14 else s_start
    start += len(re.match(r"\s*(?:(?:And|But|Yet|So|Both|Even)\s+)?", text[start:end]).group(0))
    subject = text[start:end]
    subject = subject[:len(subject) - len(LIST_TAIL.search(subject).group(0))]
    if not subject or re.search(r"[“”\"«»;:]|''", subject) or words_in(subject) > 16:
        return None
    masked = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), subject)
    full = subject
    if masked.endswith(","):
        # "Lindsey Graham and David Perdue, who are both on the committee, said": the list before its appositive
        after_and = re.search(r"\s+and\s+", masked)
        cut = masked.find(", ", after_and.end()) if after_and else -1
        if cut > 0:
            subject, masked = subject[:cut], masked[:cut]
    joint = re.search(r",\s+|\s+and\s+", masked)
    if not joint or not re.search(r"\sand\s", masked[joint.start():] + " ") or re.search(r"(?:,|\band|\bor)\s*$", masked) \
            or any(verb_like(w) for w in re.findall(r"\b[a-z][\w’'-]*", masked)):
        return None  # "Alabama, on Saturday, some of his supporters kicked and …", "China are all easing": a clause
    if any(words_in(member) > 8 for member in re.split(r",\s+|\s+and\s+", masked[joint.end():])):
        return None  # "Bolton and Gorka saw the death of … during an …": a clause, not a member of a list
    first_end = start + joint.start()
    known, heard = state.checkpoint(), list(mentions)
    lead = noun_phrase_voice(text, first_end, start, mentions, state, 1)
    prefix = text[start:lead.start] if lead is not None else ""
    if lead is not None and not lead.speaker_id and lead.role and lead.end == first_end and lead.start == start:
        # "Ninety-five former UN officials and jurists have said …": an unnamed lead, an unnamed voice of them all
        return Voice(None, " ".join(subject.split()), lead.start, start + len(full))
    if lead is None or not lead.speaker_id or lead.end != first_end \
            or (lead.speaker_id not in known[0] and lead.speaker_id in state.new_speakers
                and len(state.new_speakers[lead.speaker_id]["name"].split()) < 2) \
            or (re.search(r"\w", prefix) and (role_before(text, start, lead.start) is None
                                              or not role_words(prefix))):
        # a single word met here first ("Together, …", "Europe, Japan and China …") is not taken for a
        # voice; nor a name after a clause ("Trump attacked Clinton and Sanders said")
        state.forget_since(known)
        mentions[:] = heard
        return None
    return Voice(lead.speaker_id, " ".join(subject.split()), lead.start, start + len(full))


# An adverbial phrase that opens a sentence before its subject: "In the days before the speech, "
OPENING_PHRASE = re.compile(r"\s*(?:In|On|At|During|After|Before|When|While|Since|As|If|Because|Although|Though|Once|Until|Unless|"
                            r"Last|This|Earlier|Later|Shortly|Even|"
                            r"Asked|Speaking|Days|Hours|Weeks|Minutes)\b[^,;:“”\"]{0,80},\s*")
VAGUE_SOURCE = re.compile(r"\s*(?:[Bb]y|[Ii]n)\s+((?:some|most|many|several|other|all|one|official|unofficial|independent)\s+"
                          r"(?:accounts?|estimates?|counts?|reports?|tallies|reckonings?))\s*,\s*")
KNOWLEDGE_FRAME = re.compile(
    r"\s+(?:(?:(?:has|have|had)\s+(?:also\s+|now\s+|so\s+far\s+)?)?received\s+(?:(?:credible|reliable|new|further)\s+)?"
    r"(?:reports?|accounts?|testimon(?:y|ies)|information|evidence)\s+(?:of|on|about|that)"
    r"|(?:has|have|had|is|are|was|were)\s+(?:also\s+|now\s+|so\s+far\s+)?(?:(?:information|details|evidence)\s+(?:on|about|of)|aware\s+of)"
    r"|(?:knows?|knew)\s+of|obtained\s+the\s+names\s+of)\s+")
# A participle and its agent closing a subject: "(witnesses) interviewed by the commission", "(officials)
# quoted by the agency", "(survivors) spoken to by Amnesty" (verbs of asking and hiring only: "the bureau
# cited in his tweet", "tapped by CBS to run" are no subjects of speech)
REDUCED_RELATIVE = re.compile(r"\s+(?:(?:interviewed|quoted|cited|contacted|reached|polled|surveyed|questioned|consulted|asked|"
                              r"commissioned|hired|employed|appointed|spoken\s+to)\s+"
                              # "relatives interviewed for this report", "survivors interviewed in Erbil"
                              r"(by|(?:(?<=interviewed\s)|(?<=questioned\s)|(?<=surveyed\s))"
                              r"(?:for(?=\s+(?:this|the|our|a)\s+(?:report|story|article|investigation|study|book|film|series)\b)"
                              r"|in(?=\s+[A-Z])))"
                              # "researchers working from family testimony", "lawyers representing the families"
                              r"|(working|representing|acting|speaking|writing|campaigning|based)\s+(?:from|for|on|in|at|with)?)"
                              r"\s+(?:the\s+)?[^,;:“”\"()]{1,60}?\s*$")
# A name opening its clause, then an appositive with no closing comma up to the verb: "Sam Lau, the
# communications director for the party said" (no verb, relative word or conjunction inside it)
UNCLOSED_APPOSITIVE = re.compile(
    r"(?:^|(?<=[,;”\"]\s)|(?<=\n))\s*((?:(?:Sen|Rep|Gov|Mr|Mrs|Ms|Dr)\.\s+)?(?:[A-Z][\w.’'-]*\s+){1,3}[A-Z][\w’'-]*)"
    r"(?:\s+\([^()]{1,20}\))?,\s+((?:a|an|the)\s+(?!(?:[\w’'-]+\s+)*?(?:is|was|are|were|has|had|have|will|would|who|which|that|and|"
    r"but|or|said|says|told)\b)[^,;:“”\"()]{1,120}?)\s*$"
)
# A sentence's subject, then a participle of quoting in an appositive, then the quotation
CITING_APPOSITIVE = re.compile(r"\s*([^,;:“”\"]{2,80}?),\s+(?:[a-z]+ly\s+)?(citing|quoting|invoking|echoing|repeating)\s+")
# A subordinate clause opening the sentence, up to its comma: its subject is not the sentence's
SUBORDINATE_OPENING = re.compile(r"\s*(?:When|While|If|Because|Although|Though|Once|Until|Unless|After|Before|As)\s"
                                 r"[^,;:“”\"]{0,200},\s*")
_NAME_UNIT = r"(?:(?:the|The)\s+)?(?:(?:Sen|Rep|Gov|Mr|Mrs|Ms|Dr)\.\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*" \
             r"(?:\s+of(?:\s+the)?\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2})?(?:\s+\([^()]{1,12}\))?"
COORDINATED_NAMES = re.compile(
    rf"(?:^|(?<=^\s)|(?<=[,;]\s)|(?<=\b(?:But|And|Yet)\s))({_NAME_UNIT}(?:,\s+{_NAME_UNIT})*,?\s+and\s+{_NAME_UNIT})"
    r"\s+(?:(?:have|has|had|also|both|all|then|each|jointly)\s+)*$")


def inside_any_quote(text: str, position: int) -> bool:
    return inside(position, quote_spans(text))


PLURAL_SUBJECT = re.compile(r"\s*(?:[\w’'-]+\s+){0,4}?(" + "|".join(sorted((n for n in VOICE_NOUNS if n.endswith("s")), key=len, reverse=True))
                            + r")(?=\s+(?:also\s+|still\s+|now\s+|generally\s+|often\s+)?(?-i:[a-z]+)\b(?<!ed)(?<!ing))", re.IGNORECASE)


def sentence_subject(text: str, s_start: int, limit: int, mentions, state) -> Voice | None:
    """The voice that opens a sentence as its subject (the first verb's subject), if any."""
    opening = OPENING_PHRASE.match(text, s_start, limit)
    clause = SUBORDINATE_OPENING.match(text, s_start, limit)
    if opening and words_in(opening.group(0)) <= 14:  # "In the days before the speech, the league denounced …"
        s_start = opening.end()
    elif clause and words_in(clause.group(0)) <= 30:
        s_start = clause.end()  # "When told Perez was in the Cabinet and …, Bush thought …": the main clause's subject
    # the first verb ("officials", "members" are the subject's own nouns, not verbs in -s)
    first = next((m for m in CLAUSE_VERB.finditer(text, s_start, limit) if m.group(1) not in VOICE_NOUNS), None)
    if first and words_in(text[s_start:first.start()]) <= 8:
        voice = noun_phrase_voice(text, first.start(), s_start, mentions, state, 1)
        if voice is not None and voice.speaker_id and (words_in(text[s_start:voice.start]) <= 1 or (
                words_in(text[s_start:voice.start]) <= 6 and voice.role and all(
                    w in TITLE_WORDS or w in VOICE_NOUNS or w in ("the", "a", "an", "former", "longtime", "veteran", "senior")
                    or re.fullmatch(r"\d[\w-]*|[a-z]+(?:al|ive|ic|an)|[a-z]+-[\w-]+", w)
                    for w in re.findall(r"\b[\w][\w-]*", text[s_start:voice.start]) if not w[0].isupper())) or (
                re.match(r"\s*(?:At|In|On|During|After|Before|Speaking|Earlier|Later)\b[^;:“”\"]*,\s*$", text[s_start:voice.start])
                and words_in(text[s_start:voice.start]) <= 14)):
            return voice  # "Trump then appears in a clip …, saying …", "The Post columnist Ruth Marcus has been …"
    for verb in SUBJECT_VERB.finditer(text, s_start, limit):
        if words_in(text[s_start:verb.start()]) > 18:
            break
        voice = noun_phrase_voice(text, verb.start(), s_start, mentions, state, 1)
        if voice is not None:
            lead = text[s_start:voice.start]
            return voice if words_in(lead) <= 3 or re.search(r",\s*$", lead) else None
    # "Some historians dispute the figure, putting …": a plural voice noun before a verb in the present
    plural = PLURAL_SUBJECT.match(text, s_start, limit)
    if plural:
        voice = noun_phrase_voice(text, plural.end(1), s_start, mentions, state, 1)
        if voice is not None and (voice.speaker_id or voice.role):
            return voice
    # "Carly Fiorina threw her support behind Cruz, saying …": a name opening the sentence before a lowercase word
    opening = STATEMENT_NAME_RE.match(text, s_start + len(text[s_start:limit]) - len(text[s_start:limit].lstrip()), limit)
    # "Sen. Mark Kirk, R-Ill., who faces a tough race, rescinded …, saying": appositives after the name
    apposed = re.match(r"(?:\s*,[^,;:“”\"]{1,120}?){1,3}?,(?=\s+[a-z]+ed\b)", text[opening.end():limit]) if opening else None
    if apposed \
            and (len(opening.group(0).split()) >= 2 or fold(opening.group(0)) in state.new_aliases
                 or fold(opening.group(0)) in state.registry.by_alias):
        voice = noun_phrase_voice(text, opening.end(), s_start, mentions, state, 1)
        if voice is not None and voice.speaker_id:
            return voice
    if opening and re.match(r"\s+[a-z]+(?:ed|s)\b|\s+(?:threw|went|took|gave|made|spoke|came|won|lost|told|said|wrote|"
                            r"has|had|is|was|did|didn[’']t|does|doesn[’']t|wasn[’']t|isn[’']t|would|will|could|"
                            r"wouldn[’']t|won[’']t|also|then)\b", text[opening.end():limit]) \
            and (len(opening.group(0).split()) >= 2 or fold(opening.group(0)) in state.new_aliases
                 or fold(opening.group(0)) in state.registry.by_alias):
        voice = noun_phrase_voice(text, opening.end(), s_start, mentions, state, 1)
        if voice is not None and voice.speaker_id:
            return voice
    return None


SHORT_TITLE = re.compile(r"(?<=\s)(?:“[^“”\n]{1,40}”|\"[^\"\n]{1,40}\"|''[^'\n]{1,40}'')(?=[\s,])")


def mask_titles(segment: str) -> str:
    """``segment`` with each short quoted title in an appositive ("host of MSNBC’s “Morning Joe,”",
    "the hacker known as “Guccifer,”") masked, same length, so that the appositive reads as one:
    at most four words, and a comma inside the closing mark kept as the appositive's own comma."""
    def mask(match: re.Match) -> str:
        quoted = match.group(0)
        if words_in(quoted) > 4:
            return quoted
        return "x" * (len(quoted) - 1) + ("," if re.search(r",\W*$", quoted) else "x")
    return SHORT_TITLE.sub(mask, segment)


# A relative or participial aside right before the verb: ", citing “…,” said", " - who once called it “…” - said"
ASIDE = re.compile(r"(?:,|\s[-—–]{1,2})\s+(?:who|whose|which|citing|quoting|echoing|invoking|using|calling|after|"
                   r"adding|noting|referring)\b(?:(?!\s[-—–]{1,2}\s)[^\n;:]){1,200}?(?:,(?:''|[”\"’]{1,2})?|\s[-—–]{1,2})\s*$")
ASIDE_QUOTE = re.compile(r"“[^“”\n]{1,120}”|\"[^\"\n]{1,120}\"|''[^'\n]{1,120}''|‘’[^’\n]{1,120}’’")


def mask_aside_quotes(segment: str) -> str:
    """``segment`` with the quotations inside a relative or participial aside that ends it masked, same length
    ("Manafort, citing ''the magic of Trump,'' said"): the quotation is the aside's, the aside the subject's."""
    aside = ASIDE.search(segment)
    if aside is None or not ASIDE_QUOTE.search(segment, aside.start()):
        return segment

    def mask(match: re.Match) -> str:
        quoted = match.group(0)
        return "x" * (len(quoted) - 1) + ("," if re.search(r",\W*$", quoted) else "x")
    return segment[:aside.start()] + ASIDE_QUOTE.sub(mask, segment[aside.start():])


def extended_to(text: str, antecedent: Voice, end: int) -> Voice:
    """The voice a relative clause describes, its phrase running to ``end``: a named voice keeps its role, an
    unnamed one is described by the whole phrase ("A lawyer who represents Omar Haddad")."""
    role = antecedent.role if antecedent.speaker_id else " ".join(text[antecedent.start:end].split())
    return Voice(antecedent.speaker_id, role, antecedent.start, end)


AGED = re.compile(r"(?:^|(?<=\s))((?i:the)\s+(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)-year-old)\s*$")


def noun_phrase_voice(text: str, end: int, s_start: int, mentions: list[Mention], state: DocumentState,
                      depth: int = 0) -> Voice | None:
    others_who = re.search(r"(?<=\S)\s+and\s+(?:many\s+|several\s+|some\s+|a\s+few\s+)?others(?=\s+(?:who|that)\s+[^,;:“”\"]{1,80}$)",
                           text[s_start:end]) if depth < 1 else None
    if others_who:  # "Hawkins and others who want to ban abortion said": the named voice leading them
        lead = noun_phrase_voice(text, s_start + others_who.start(), s_start, mentions, state, 1)
        if lead is not None and lead.speaker_id and lead.end == s_start + others_who.start():
            return Voice(lead.speaker_id, " ".join(text[lead.start:s_start + others_who.end()].split()), lead.start,
                         s_start + others_who.end())
    aged = AGED.search(text, s_start, end)
    if aged and not depth:  # "The 66-year-old told relatives …": the one person named before
        referent = earlier_referent(text, aged.start(1), "year-old", state)
        if referent:
            return Voice(referent, None, aged.start(1), aged.end(1))
    left = mask_aside_quotes(mask_titles(text[s_start:end]))
    gap = SUBJECT_GAP.search(left)
    head_end = s_start + (gap.start() if gap else len(left))
    gap_text = left[head_end - s_start:]
    if any(c in gap_text for c in "“”\"«»"):
        return None
    # An appositive between a name and the verb: "Clinton's communications director, Jennifer Palmieri, said",
    # "A former candidate — John McCain, who lost in 2008 — said"
    previous_group, previous_group_start = None, 0  # the appositive before the name, and its offset in gap_text
    for appositive in re.finditer(r"(?:,|\s[-—–]{1,2})\s*([^,—–]+?)\s*(?=,|\s[-—–]{1,2}(?:\s|$))", gap_text):
        inner_start = head_end + appositive.start(1)
        inner_end = head_end + appositive.end(1)
        bracket = re.search(r"\s*\([^()]*\)$", text[inner_start:inner_end])
        if bracket:  # "Sen. Joe Lieberman (I-Conn.)"
            inner_end -= len(bracket.group(0))
        of_place = re.search(r"\s+(?:of|from|at)\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s*){1,5}(?:\s*in\s+(?:[A-Z][\w.’'-]*\s*){1,3})?$",
                             text[inner_start:inner_end])
        if of_place and STATEMENT_NAME_RE.fullmatch(text, inner_start, inner_end - len(of_place.group(0))):
            inner_end -= len(of_place.group(0))  # "Michael Brown of Washington"
        inner_name = STATEMENT_NAME_RE.fullmatch(text, inner_start, inner_end)
        determiner = re.match(r"[Tt]he\s+", text[inner_start:inner_end]) if inner_name is None else None
        if determiner:  # "…, the Ethiopian Human Rights Commission, a state-affiliated body, said"
            inner_name = STATEMENT_NAME_RE.fullmatch(text, inner_start + determiner.end(), inner_end)
        inner_role = None
        trailing = None if inner_name else re.search(r"(?<!\S)((?:[A-Z][\w.’'-]*\s+){1,3}[A-Z][\w.’'-]*)$", text[inner_start:inner_end])
        prefix = text[inner_start:inner_start + trailing.start(1)] if trailing else ""
        last_word = re.search(r"([a-z][\w-]*)\s*$", prefix)
        if trailing and prefix[:1].islower() and words_in(prefix) <= 8 and role_words(prefix) and last_word \
                and last_word.group(1) not in PREPOSITIONS and last_word.group(1) not in FUNCTION_WORDS \
                and not re.search(r"\b(?:who|which|that|is|was|are|were|has|had|have|will|would|and|or|but)\b", prefix):
            # "his wife, longtime Clinton aide Huma Abedin, announced": the appositive's role, then its name
            inner_name = STATEMENT_NAME_RE.fullmatch(text, inner_start + trailing.start(1), inner_end)
            inner_role = " ".join(prefix.split())
        if inner_name:
            name, title = clean_name(inner_name.group(0))
            head_run = last_name_run(text, s_start, head_end)
            head_subject = head_run and subject_eligible(text, Mention(head_run[0], head_end, None, "name", head_run[1]), s_start)
            if head_subject and re.match(r"\s*(?:(?:In|On|At|From|During|After|Before|Inside|Outside|Across|Near|Throughout|Via)"
                                         r"\s[^,;:“”\"]*|(?:[A-Z][a-z]+ing|Asked|Pressed|Interviewed|Reached|Contacted)"
                                         r"(?:\s[^,;:“”\"]*)?)$", text[s_start:head_end]):
                head_subject = False  # "In Geneva, the board's chairman, Kenneth Lewis, said": the head is a place, not a subject
            in_place = re.search(r",[^,]*\b(?:in|at|from|near)\s+(?:[A-Z][\w’'-]*\s*){1,3}$", text[s_start:inner_start].rstrip(" ,")) \
                if len(name.split()) == 1 else None
            if name and plausible_name(name) and not (head_subject and head_is_name(text, head_end, s_start, mentions)) \
                    and not in_place:  # ("… a diplomatic compound in Benghazi, Libya, have filed": a place's country)
                if previous_group is not None:  # "…, the U.S. State Department spokesperson, Morgan Ortagus,"
                    role = re.sub(r"^(?:the|a|an)\s+", "", " ".join(previous_group.split()), flags=re.IGNORECASE)
                    phrase_start = head_end + previous_group_start
                else:
                    role = role_before(text, s_start, head_end) if head_end > s_start else None
                    phrase_start = clause_start(text, s_start, head_end) if head_end > s_start else inner_start
                    phrase_start += len(text[phrase_start:head_end]) - len(text[phrase_start:head_end].lstrip())
                    if re.search(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|did|does|do)\b",
                                 text[phrase_start:head_end]) or words_in(text[phrase_start:head_end]) > 10 \
                            or any(w not in ED_ADJECTIVES for w in re.findall(r"\b[a-z]{3,}ed\b", text[phrase_start:head_end])):
                        # ("Forces killed civilians, Kenneth Lewis, a rights lawyer, said": a verb, so content)
                        # "The wells are dry, Lewis, a farmer, said": what stands before the name is content
                        role, phrase_start = None, inner_start
                noted(mentions, text, Voice(state.new_speaker(name, text), None, inner_start, inner_end))
                # the voice's phrase starts with its description: "a spokeswoman, Anna Richardson White,"
                role = " ".join(x for x in (inner_role, title) if x) if inner_role else role or title
                return Voice(state.new_speaker(name, text), role or None, min(phrase_start, inner_start), inner_end)
            break
        previous_group, previous_group_start = appositive.group(1), appositive.start(1)
    if head_end <= s_start:
        return None
    # "A lawyer who represents Smith said", "Officials who met Ms. Li told …": the name closes a relative
    # clause and is its object; the voice is the noun phrase the clause describes, never the name
    relative = RESTRICTIVE_RELATIVE.search(text, s_start, head_end)
    if relative and relative.end() == head_end and not inside_any_quote(text, relative.start()):
        antecedent = noun_phrase_voice(text, relative.start(), s_start, mentions, state, 2) if depth < 2 else None
        return extended_to(text, antecedent, head_end) if antecedent is not None else None
    # "Witnesses interviewed by the commission said", "Officials quoted by the agency said": a reduced
    # relative clause; the voice is the noun it describes ("A report released by Reuters said" is Reuters':
    # TRANSPARENT)
    reduced = REDUCED_RELATIVE.search(text, s_start, head_end) if depth < 2 else None
    if reduced and reduced.end() == head_end and not inside_any_quote(text, reduced.start()) \
            and not TRANSPARENT.search(text[s_start:reduced.end(1) if reduced.group(1) else reduced.end(2)] + " ") \
            and not PAST_PARTICIPLE_AFTER_BE.search(text, s_start, reduced.start() + 1):  # "Rubio was asked by X": a passive
        antecedent = noun_phrase_voice(text, reduced.start(), s_start, mentions, state, 2)
        if antecedent is not None and (antecedent.speaker_id or antecedent.role):
            return extended_to(text, antecedent, head_end)
    # "Sam Lau, the communications director for the party said": an appositive whose closing comma is
    # missing; the name before it is the subject
    unclosed = UNCLOSED_APPOSITIVE.search(text, s_start, head_end) if depth < 2 else None
    if unclosed and unclosed.end() == head_end and not inside_any_quote(text, unclosed.start()):
        name, title = clean_name(unclosed.group(1))
        if name and plausible_name(name) and (len(name.split()) >= 2 or fold(name) in state.earlier_names) \
                and not ORGANISATION_WORDS & set(fold(name).split()):
            name_end = unclosed.start(1) + len(unclosed.group(1))
            role = ", ".join(x for x in (title, " ".join(unclosed.group(2).split())) if x)
            return noted(mentions, text, Voice(state.new_speaker(name, text), role, unclosed.start(1), name_end))
    # A mention that ends there (registry alias, a name met before, a reference, a pronoun)
    for mention in reversed(mentions):
        if mention.end == head_end and mention.start >= s_start:
            if mention.how == "pronoun":
                if not pronoun_position_ok(text, mention, s_start) and not re.search(
                        r"\b(?:though|although|while|as|because|so|when|yet|but|and|then|before|after)\s*$",
                        text[s_start:mention.start], re.IGNORECASE):
                    return None
                return pronoun_voice(text, mention, mentions, state, recent=True)
            if not subject_eligible(text, mention, s_start):
                break  # an object ("a spokesman for the judiciary"): the phrase around it may still be a voice
            run = last_name_run(text, s_start, head_end)
            if run and run[0] < mention.start:
                fuller = clean_name(run[1])[0]
                known = state.registry.by_alias.get(fold(fuller)) or state.new_aliases.get(fold(fuller))
                if len(fuller.split()) > len(mention.text.split()) and known != mention.speaker_id and plausible_name(fuller):
                    break  # "former President Bill Clinton" is not the Clinton named before
            role = role_before(text, s_start, mention.start)
            return Voice(mention.speaker_id, role, mention.start, mention.end)
        if mention.end < head_end and mention.how == "alias" and mention.start >= s_start \
                and re.fullmatch(r"\s+(?:on|for)\s+(?:[\w’'-]+\s+){0,7}[\w’'-]+\s*", text[mention.end:head_end]) \
                and subject_eligible(text, mention, s_start):
            # "The UN special rapporteur on Iran estimated", "the UN special rapporteur on freedom of assembly said":
            # the registry voice and the complement of its title
            return Voice(mention.speaker_id, " ".join(text[mention.start:head_end].split()), mention.start, head_end)
        if mention.end < head_end:
            break
    # "Its latest count, released on Monday, lists …": the document of the voice the pronoun stands for
    own = OWN_DOCUMENT.fullmatch(text, s_start + len(text[s_start:head_end]) - len(text[s_start:head_end].lstrip()), head_end)
    if own and own.group(1)[0].isupper():
        speaker = possessor(text, own.start(1), mentions, state)
        if speaker:
            return Voice(speaker, " ".join(own.group(0).split()), own.start(), head_end)
    # "Trump, who said": the relative pronoun stands for the name before it
    who = re.search(r",\s*(who|which)$", text[s_start:head_end])
    if who and depth < 2:
        antecedent = noun_phrase_voice(text, s_start + who.start(), s_start, mentions, state, 2)
        if antecedent is None:  # "The report was welcomed by Amnesty International, which said …": an object antecedent
            # ("… by Claire Dubois, a spokeswoman for the office, who said …": the name before its appositive)
            apposed = re.search(r",\s*(?:a|an|the|its|their)\s+[^,;:“”\"]{1,60}$", text[s_start:s_start + who.start()])
            ends = {s_start + who.start()} | ({s_start + apposed.start()} if apposed else set())
            named = next((m for m in mentions if m.end in ends and m.start >= s_start
                          and m.how in ("alias", "name") and m.speaker_id), None)
            run = last_name_run(text, s_start, s_start + who.start()) if named is None else None
            if named is None and run is None and apposed:
                run = last_name_run(text, s_start, s_start + apposed.start())
            name = clean_name(run[1])[0] if run and not re.search(r"['’]s?$", run[1]) else ""
            owned = re.search(r"(?<![\w’'-])(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+(?:[\w’'-]+\s+){1,4}?(?:" + "|".join(sorted(DOCUMENT_NOUNS))
                              + r")$", text[s_start:s_start + who.start()]) if who.group(1) == "which" else None
            owner = next((m for m in mentions if owned and s_start + owned.start() <= m.start and m.how == "alias"
                          and m.end < s_start + who.start()), None)
            if named is not None:
                antecedent = Voice(named.speaker_id, None, named.start, named.end)
            elif owner is not None:  # "… read the Amnesty report, which documents 1,206 cases": the document's owner
                antecedent = Voice(owner.speaker_id, " ".join(owned.group(0).split()), s_start + owned.start(),
                                   s_start + who.start())
            elif name and len(name.split()) >= 2 and plausible_name(name):
                antecedent = noted(mentions, text, Voice(state.new_speaker(name, text), None, run[0], s_start + who.start()))
        if who.group(1) == "which" and antecedent is not None and antecedent.speaker_id \
                and state.type_of(antecedent.speaker_id) == "person":
            return None  # "Walmart Stores v. Dukes, which denied …": "which" stands for no person
        return antecedent
    # "A spokesman for Democratic presidential candidate Hillary Clinton": the name is inside the voice's phrase
    of_phrase = VOICE_OF.search(text, max(s_start, head_end - 100), head_end)
    noun_word = re.search(r"\w+(?=\s+(?:of|for|at|from|with|in|inside|within|close|familiar)\b)", of_phrase.group(0)) \
        if of_phrase else None
    # (the clause may open after a comma: "The death toll, a health official in Nasiriyah told reporters, had …")
    of_lead = text[s_start:of_phrase.start()] if of_phrase else ""
    if of_phrase and re.search(r"\w\s+(?:in|at|from|inside|within)\s", of_phrase.group(0)):  # (a place, not whom the voice serves)
        of_lead = re.split(r"[,;—–]\s*", of_lead)[-1]
    absolute = re.match(r"\s*(?:[a-z]+ly\s+)?([a-z]+ing)\b", text[end:end + 40])
    if of_phrase and of_phrase.end() == head_end and words_in(of_lead) <= 4 \
            and (previous_word(text[s_start:], of_phrase.start() - s_start) not in PREPOSITIONS
                 or previous_word(text[s_start:], of_phrase.start() - s_start) == "with" and absolute
                 and absolute.group(1) in ABSOLUTE_PARTICIPLES) \
            and noun_word and (noun_word.group(0)[0].islower() or not text[s_start:of_phrase.start()].strip()) \
            and not (noun_word.group(0)[0].isupper() and noun_word.group(0).lower() in TITLE_WORDS):
        holder = re.search(r"\s+of\s+(?:the\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+((?:[A-Z][\w.’'-]*\s+){1,3}[A-Z][\w.’'-]*)$",
                           text[of_phrase.start():head_end])
        if holder and fold(noun_word.group(0)) in TITLE_WORDS and not fold(noun_word.group(0)).startswith("spokes"):
            # "former secretary of state Kenneth Lewis": a title and its holder, not an unnamed voice
            name = clean_name(holder.group(1))[0]
            if name and len(name.split()) >= 2 and plausible_name(name):
                name_start = of_phrase.start() + holder.start(1)
                role = " ".join(text[of_phrase.start():name_start].split())
                return noted(mentions, text, Voice(state.new_speaker(name, text), role, name_start, head_end))
        modified = re.search(r"(?<![\w’'-])(?:(?:[Aa]n?|[Tt]he|[Oo]ne|[Tt]wo|[Ss]ome|[Ss]everal)\s+)?(?:[A-Za-z][\w-]*\s+){1,2}$", of_lead)
        phrase_start = of_phrase.start() - len(modified.group(0)) if modified and not any(
            w in NP_STOPS or w in PREPOSITIONS for w in modified.group(0).lower().split()) else of_phrase.start()
        return spokesman_voice(text, of_phrase.start(), head_end, mentions, state) \
            or Voice(None, " ".join(text[phrase_start:head_end].split()), phrase_start, head_end)
    # "the ministry of intelligence", "the commission of inquiry": a body named by its noun and what it is
    # of, in lower case (capitalised, it is a name: "Ministry of Intelligence")
    body_of = BODY_OF.search(text, max(s_start, head_end - 80), head_end)
    if body_of and body_of.end() == head_end and words_in(text[s_start:body_of.start()]) <= 4 \
            and previous_word(text[s_start:], body_of.start() - s_start) not in PREPOSITIONS:
        return Voice(None, " ".join(body_of.group(0).split()), body_of.start(), head_end)
    body_in = BODY_IN.search(text, max(s_start, head_end - 80), head_end)
    in_lead = re.split(r"[,;—–]\s*", text[s_start:body_in.start()])[-1] if body_in else ""
    if body_in and words_in(in_lead) <= 4 \
            and previous_word(text[s_start:], body_in.start() - s_start) not in PREPOSITIONS:
        # "The death toll, the health ministry in Gaza said …": its modifiers are the body's description too
        modified = re.search(r"(?<![\w’'-])(?:(?:[Aa]n?|[Tt]he)\s+)?(?:[A-Za-z][\w-]*\s+){1,2}$", in_lead)
        phrase_start = body_in.start() - len(modified.group(0)) if modified and not any(
            w in NP_STOPS or w in PREPOSITIONS for w in modified.group(0).lower().split()) else body_in.start()
        return Voice(None, " ".join(text[phrase_start:head_end].split()), phrase_start, head_end)
    # A capitalised name ending there
    run = last_name_run(text, s_start, head_end)
    placed = re.fullmatch(r"\s*(?:In|On|At|From|Across|Near|Throughout|Inside|Outside)\s+(?:the\s+)?[^,;:“”\"]{1,40}",
                          text[s_start:head_end]) if run and depth < 2 else None
    if placed:
        # "In Belarus, a former guard at the detention centre, speaking on condition of anonymity, told …": the place
        # opens the sentence; the first appositive is the subject
        first = re.match(r"\s*,\s*([^,;:“”\"]{3,120}?)\s*(?=,)", text[head_end:end])
        voice = noun_phrase_voice(text, head_end + first.end(1), head_end + first.start(1), mentions, state, depth + 1) \
            if first else None
        if first:
            return voice if voice is not None and (voice.speaker_id or voice.role) else None
    if run:
        start, raw = run
        if re.search(r"['’]s?$", raw):
            return None
        name, title = clean_name(raw)
        titled = re.search(r"((?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*),\s+(?:[a-z][\w-]*\s+){0,4}$", text[max(s_start, start - 80):start])
        titled_person = name and len(name.split()) >= 2 and plausible_name(name) \
            and not ORGANISATION_WORDS & set(fold(name).split())  # "…, President Barack Obama said": his own name
        if titled and fold(raw.split()[0]).strip(".") in TITLE_WORDS and not titled_person \
                and fold(raw.split()[0]).strip(".") not in ("mr", "mrs", "ms", "miss", "dr", "sir", "lady", "lord"):
            # "Anthony Anton, president and CEO of Washington Restaurant Association stated": the person
            owner_name = clean_name(titled.group(1))[0]
            owner_start = max(s_start, start - 80) + titled.start(1)
            if owner_name and plausible_name(owner_name) and len(owner_name.split()) >= 2 \
                    and not ORGANISATION_WORDS & set(fold(owner_name).split()):
                role = " ".join(text[owner_start + len(titled.group(1)) + 1:head_end].split())
                return noted(mentions, text, Voice(state.new_speaker(owner_name, text), role, owner_start,
                                                   owner_start + len(titled.group(1))))
        placed = re.search(r"((?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*)\s+(?:of|from)\s+(?:[A-Z][\w.’'-]*\s+){0,2}"
                           r"[A-Z][\w.’'-]*,\s*$", text[max(s_start, start - 80):start])
        if placed:  # "Stacy Baker of Columbia, South Carolina says": the person, not the place
            owner_name = clean_name(placed.group(1))[0]
            owner_start = max(s_start, start - 80) + placed.start(1)
            if owner_name and plausible_name(owner_name) and len(owner_name.split()) >= 2:
                role = " ".join(text[owner_start + len(placed.group(1)):head_end].split())
                return noted(mentions, text, Voice(state.new_speaker(owner_name, text), role, owner_start,
                                                   owner_start + len(placed.group(1))))
        if name and plausible_name(name):
            fake = Mention(start, head_end, None, "name", raw)
            clause_and = re.search(r"\b[a-z][\w’']*\s+and\s+$", text[max(s_start, start - 40):start])
            opening_word = start == s_start and len(name.split()) == 1 and fold(name) not in state.earlier_names and (
                fold(name) in FUNCTION_WORDS or re.search(r"[a-z]ing$", name) or ADVERB.search(fold(name))
                or AGENT_PLURAL.fullmatch(name))
            if opening_word and AGENT_PLURAL.fullmatch(name) and fold(name) not in state.new_aliases \
                    and fold(name) not in state.registry.by_alias:
                # "Hardliners said …", "Reformists said …": a plural of people, capitalised because it opens the sentence
                return Voice(None, name, start, head_end)
            if (subject_eligible(text, fake, s_start) or clause_and) and not opening_word:
                role = role_before(text, s_start, start)
                role = " ".join(x for x in (role, title) if x) or None
                return noted(mentions, text, Voice(state.new_speaker(name, text), role, start, head_end))
            # "Joel Pollak of Breitbart said": the name before "of" is the voice, the rest its role
            # "Darran Whiting of Liberty Baptist Church in Marion said": the person, the church and the place
            owner = re.search(r"((?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*)\s+(?:of|from|at|with)(?:\s+the)?\s+"
                              r"(?:(?:[A-Z][\w.’'-]*\s+){0,2}[A-Z][\w.’'-]*,\s*|(?:[A-Z][\w.’'-]*\s+){1,4}(?:in|at|of)\s+(?:the\s+)?)?$",
                              text[max(s_start, start - 80):start])
            if owner:
                owner_start = max(s_start, start - 80) + owner.start(1)
                owner_name = clean_name(owner.group(1))[0]
                owner_mention = Mention(owner_start, owner_start + len(owner.group(1)), None, "name", owner.group(1))
                if owner_name and plausible_name(owner_name) and len(owner_name.split()) >= 2 \
                        and subject_eligible(text, owner_mention, s_start) \
                        and not ORGANISATION_WORDS & set(fold(owner_name).split()):
                    role = " ".join(text[owner_mention.end:head_end].split())
                    return noted(mentions, text, Voice(state.new_speaker(owner_name, text), role, owner_start, owner_mention.end))
    # "Edwards and others said": the named voice leading the coordination, the whole phrase its role
    others = re.search(r"\S\s+and\s+(?:many\s+|several\s+|some\s+|a\s+few\s+)?others$", text[max(s_start, head_end - 40):head_end])
    if others and depth < 1:
        lead_end = head_end - len(others.group(0)) + 1
        lead = noun_phrase_voice(text, lead_end, s_start, mentions, state, 1)
        if lead is not None and lead.speaker_id and lead.end == lead_end:
            return Voice(lead.speaker_id, " ".join(text[lead.start:head_end].split()), lead.start, head_end)
    # A noun phrase whose head is a voice noun: "a spokesman", "Swedish prosecutors", "the Trump campaign"
    np = NP_LEAD.search(text, max(s_start, head_end - 80), head_end)
    if not (np and np.end() == head_end):
        np = AGENT_LEAD.search(text, max(s_start, head_end - 80), head_end)
        if np and (np.group(2) in NOT_AGENTS or np.group(2).rstrip("s") in NOT_AGENTS
                   or not re.search(r"(?i:\b(?:a|an|the|one|two|three|several|some|many|other|another)|['’]s)\s+(?:\S+\s+){0,2}$",
                                    np.group(1))):
            np = None
    if np and np.end() == head_end:
        np_start = np.start()
        owner = OWNER_OF_DOCUMENT.search(np.group(1)) if np.group(2) in DOCUMENT_NOUNS else None
        owner_name = clean_name(owner.group(1))[0] if owner and re.search(r"\s(?:of|for|on)\s", owner.group(1)) else ""
        if owner_name and plausible_name(owner_name) and re.fullmatch(r"(?:(?i:the)\s+)?", np.group(1)[:owner.start(1)]) \
                and previous_word(text[s_start:], np_start - s_start) not in PREPOSITIONS:
            # "The Ministry of Health's evening bulletin put …": the owner of the document, a name with "of" in it
            owner_start = np.start(1) + owner.start(1)
            return noted(mentions, text, Voice(state.new_speaker(owner_name, text), " ".join(text[np_start:head_end].split()),
                                               owner_start, owner_start + len(owner.group(1))))
        for stop in re.finditer(r"\S+", np.group(1)):
            word = stop.group(0).lower()
            if word in NP_STOPS or (word.endswith("ed") and word not in ("armed", "united", "retired", "elected")
                                    and "-" not in word):  # "the Oslo-based group", "a Saudi-led coalition": adjectives
                np_start = np.start() + stop.end()
        comma = max(text.rfind(",", np_start, head_end), text.rfind("—", np_start, head_end))
        if comma >= 0:  # "… the United States, Hillary Clinton’s right-hand woman": the phrase starts after the comma
            np_start = comma + 1
        np_start += len(text[np_start:head_end]) - len(text[np_start:head_end].lstrip())
        phrase = text[np_start:head_end]
        noun = np.group(2)
        if np_start > np.start() and not re.match(r"(?:a|an|the|one|two|some|several|many|other|another|his|her|their|its)\b", phrase, re.IGNORECASE) \
                and phrase.split()[0][:1].islower() and len(phrase.split()) == 1 and noun in VOICE_BODY_NOUNS:
            return None  # "issued a statement" cut to "statement": no voice
        previous = previous_word(text[s_start:], np_start - s_start)
        participle = re.match(r"\s*(?:[a-z]+ly\s+)?([a-z]+ing)\b", text[end:end + 40])
        # "…, with officials saying …": the absolute clause's subject, not the object of "with"
        object_of = previous in PREPOSITIONS and previous not in ("and",) and not (
            previous == "with" and participle and participle.group(1) in ABSOLUTE_PARTICIPLES) \
            and not TRANSPARENT.search(text, s_start, np_start)  # "figures released by the health ministry put …"
        modifiers = np.group(1)
        # "the UN General Assembly resolution": a registry voice's own document or office
        inner = [m for m in mentions if np_start <= m.start and m.end < head_end and m.how == "alias"
                 and not (noun in VOICE_PERSON_NOUNS and state.type_of(m.speaker_id) == "person"
                          and re.match(r"['’]s?\b", text[m.end:head_end]))]
        # "Clinton’s right-hand woman", "Trump’s lawyer": a person the registry voice has is not that voice
        if inner and not object_of and noun in VOICE_PERSON_NOUNS and re.search(
                r"\b(?:former|ex|retired|onetime|one-time)\b", text[np_start:inner[-1].start], re.IGNORECASE):
            # "Former UN officials said": who no longer serve a body do not speak for it; an unnamed voice
            return Voice(None, " ".join(phrase.split()), np_start, head_end)
        if inner and not object_of:
            sub_body = body_name(modifiers, noun) if noun in VOICE_BODY_NOUNS and noun not in DOCUMENT_NOUNS \
                and re.fullmatch(r"(?:['’]s)?\s+(?:[a-z][\w-]*\s+){1,3}", text[inner[-1].end:np.start(2)]) else None
            if sub_body and plausible_name(sub_body):
                # "The UN refugee agency estimated …": a body of its own the registry voice only qualifies
                return Voice(state.new_speaker(sub_body, "", kind="body"), None, np_start, head_end)
            return Voice(inner[-1].speaker_id, " ".join(phrase.split()), np_start, head_end)
        # (the owner's name may run back past the modifiers: "The Committee to Protect Journalists' annual prison census")
        owner = OWNER_OF_DOCUMENT.search(text, max(s_start, np.start(2) - 100), np.start(2)) \
            if noun in DOCUMENT_NOUNS else None
        if owner and previous_word(text[s_start:], owner.start(1) - s_start) in PREPOSITIONS:
            owner = None  # "the editor of the Redress Network's report": the owner is an object
        if owner and plausible_name(clean_name(owner.group(1))[0]) and len(clean_name(owner.group(1))[0].split()) >= 2:
            # "The Redress Network's report lists …": the owner of the document speaks, the document is its role
            owner_start = owner.start(1)
            return noted(mentions, text, Voice(state.new_speaker(clean_name(owner.group(1))[0], text),
                                               " ".join(text[min(np_start, owner_start):head_end].split()),
                                               owner_start, owner_start + len(owner.group(1))))
        if noun in VOICE_BODY_NOUNS and not noun.endswith("s"):
            name = body_name(modifiers, noun)
            capitals = [w for w in re.findall(r"[\w.’'-]+", text[np_start:head_end]) if w[:1].isupper()]
            if name and len(capitals) == 1 and not text[s_start:np_start].strip() \
                    and fold(capitals[0]) in COMMON_MODIFIERS:
                name = None  # "State radio said", "Local police said": capitalised because it opens the sentence
            if name and plausible_name(name) and not object_of:
                owner = document_owner(name, noun)
                if owner:  # "A Gallup poll found", "a Redress Network report released Tuesday found": the owner speaks
                    # ("can read the Redress Network report, which …": the phrase starts at its determiner)
                    verb_first = re.match(r"(?!(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s)[A-Za-z]+\s+(?=(?:the|a|an|its|their)\s)", phrase)
                    phrase_start = np_start + (verb_first.end() if verb_first else 0)
                    return Voice(state.new_speaker(owner, ""), " ".join(text[phrase_start:head_end].split()), phrase_start, head_end)
                return Voice(state.new_speaker(name, "", kind="body"), None, np_start, head_end)
        # a reference to a voice named before ("the organization", "the spokesman")
        for mention in mentions:
            if mention.how == "ref" and mention.start >= np_start and mention.end == head_end and mention.speaker_id \
                    and not object_of:
                return Voice(mention.speaker_id, None, mention.start, mention.end)
        # "the court", "the ministry" after the body was named as a voice in the document: that body
        same = re.fullmatch(r"(?i:the)\s+(?:same\s+)?(\w+)", " ".join(phrase.split()))
        if same and noun in VOICE_BODY_NOUNS and not noun.endswith("s") and not object_of:
            named = next((v for v in reversed(state.voices + state.named) if state.type_of(v) in ("body", "organisation")
                          and fold(noun) in fold(speaker_name(state, v)).split()), None)
            if named:
                return Voice(named, None, np_start, head_end)
        described = re.fullmatch(r"(?i:the)\s+(?:(?:former|late|same|jailed|exiled|retired|then|young|elderly|veteran|"
                                 r"[\w]+-[a-z]+)\s+)?(\w+)",
                                 " ".join(phrase.split()))  # "the former prisoner"
        if described and not noun.endswith("s") and not object_of:
            referent = earlier_referent(text, np_start, noun, state)  # "the cleric", named before as no voice
            if referent:  # (a document keeps its words as the voice's role: "The text")
                return Voice(referent, " ".join(phrase.split()) if noun in DOCUMENT_NOUNS else None, np_start, head_end)
        # "Trump and his attorneys", "Mr. Xi and other leaders": one statement, one voice, the named one
        # leading the coordination; the whole phrase is kept as its role
        joined = re.search(r"\S\s+and\s+$", text[max(s_start, np_start - 8):np_start])
        if joined and not object_of and depth < 2 and re.match(r"(?:his|her|their|its|other)\b", phrase):
            lead = noun_phrase_voice(text, np_start - len(joined.group(0)) + 1, s_start, mentions, state, depth + 1)
            if lead is not None and lead.speaker_id:
                role = re.sub(r"^(?:But|And|Yet|So|Still)\s+", "", " ".join(text[lead.start:head_end].split()))
                return Voice(lead.speaker_id, role, lead.start, head_end)
        if not object_of:
            return Voice(None, " ".join(phrase.split()), np_start, head_end)
    # "Organizers of both conventions", "A spokeswoman for Fiorina": the voice noun heads the phrase
    of_phrase = VOICE_OF.search(text, max(s_start, head_end - 100), head_end)
    if of_phrase and of_phrase.end() == head_end:
        start = of_phrase.start()
        # ("A 2019 study by researchers at the University of Oxford found": the study's authors, TRANSPARENT)
        # (after a comma it opens a clause of its own: "…, sources close to the family said")
        if (previous_word(text[s_start:], start - s_start) not in PREPOSITIONS
                or TRANSPARENT.search(text[s_start:start])) \
                and (words_in(text[s_start:start]) <= 4 or re.search(r"[,;—–]\s*$", text[s_start:start])
                     and not re.search(r"[A-Z][\w’'\u00ad-]*\s*,\s*$", text[s_start:start])):  # "Doug Andres, a spokesman for …"
            return spokesman_voice(text, start, head_end, mentions, state) \
                or Voice(None, " ".join(text[start:head_end].split()), start, head_end)
    return None


SPOKESMAN_FOR = re.compile(r"(?:(?:a|an|the)\s+)?(?:[a-z][\w-]*\s+){0,2}(?:spokes(?:man|woman|person|people|men|women))\s+"
                           r"(?:for|of|at|with)\s+(?:the\s+)?((?:[A-Z][\w.’'&-]*\s+){0,5}[A-Z][\w.’'&-]*)", re.IGNORECASE)


def spokesman_voice(text: str, start: int, end: int, mentions, state) -> Voice | None:
    """ "A spokesman for the Jupiter Police Department said": an organisation speaks through its spokesman;
    the organisation is the voice, the spokesman its role. A spokesman for a person stays unnamed."""
    match = SPOKESMAN_FOR.fullmatch(text, start, end)
    if match is None or not match.group(1)[0].isupper():
        return None
    name = match.group(1)
    for mention in mentions:
        if mention.start == match.start(1) and mention.end == match.end(1) and mention.speaker_id \
                and state.type_of(mention.speaker_id) != "person":
            return Voice(mention.speaker_id, " ".join(text[start:match.start(1)].split()), start, end)
    if not ORGANISATION_WORDS & set(fold(name).split()) or not plausible_name(name):
        return None
    role = re.sub(r"\s+(?:for|of|at|with)(?:\s+the)?$", "", " ".join(text[start:match.start(1)].split()))
    return Voice(state.new_speaker(name, "", kind="body"), role, start, end)


def speaker_name(state: DocumentState, speaker_id: str) -> str:
    if speaker_id in state.new_speakers:
        return state.new_speakers[speaker_id]["name"]
    return (state.registry.speakers.get(speaker_id) or {}).get("name") or ""


def recent_voice(state: DocumentState, pronoun: str, word: str = "") -> str | None:
    """The last voice of the passage (or the one before) that a pronoun can stand for: "…,” she said."""
    if not state.voices:
        return None
    speaker = state.voices[-1]
    return speaker if state.type_of(speaker) in PRONOUN_FITS[pronoun] and pronoun_fits(state, speaker, word) else None


# (a full stop after a word of three letters or more, or a digit: "Dr. Leila Moradi", "Mr. Li" go on)
SENTENCE_BOUND = re.compile(r"(?:(?<=[a-z]{3})(?<!Prof)\.|(?<=[0-9)])\.|[!?])[”\"’']?\s+(?=[“\"‘'(]?[A-Z])")
# (a full stop inside a name only after an initial or an abbreviation: "Dr. Leila Moradi", not "Dadban. The")
ENTITY_WORD = r"[A-Z](?:[\w’'-]|(?<![a-z]{3})(?<!Prof)\.)*"
ENTITY_RUN = re.compile(rf"(?<![\w’'-]){ENTITY_WORD}(?:\s+(?:(?:of|on|for|in|against|the)\s+)*{ENTITY_WORD})*")


@dataclass
class Entity:
    """A name the passage gives before a reference to it: "Ayatollah Morteza Farahani-Nejad, then a senior cleric
    in Qom," is a person; "The Khavaran Memory Project, a small London-based group," a body."""
    start: int
    name: str
    kind: str  # "person" or "body"
    context: str  # folded words around it: its title, its appositive, what stands before it in its clause
    subject: bool  # it opens its sentence


ROLE_BEFORE_NAME = (r"(?:(?i:the|a|an)\s+)?(?:(?:former|late|jailed|exiled|retired|then)\s+)?(?:(?:[\w’'-]+\s+){0,2}?(?:"
                    + "|".join(sorted(VOICE_PERSON_NOUNS, key=len, reverse=True)) + r")\s+)?")
BODY_DESCRIPTOR = re.compile(r"(?:[\w’'-]+\s+){0,3}(?i:centre|center|group|organi[sz]ation|monitor|agency|ngo|network|"
                             r"charity|watchdog|outlet|newspaper|daily|broadcaster|website)\s+$")


@functools.lru_cache(maxsize=256)
def entities_before(text: str, position: int) -> tuple[Entity, ...]:
    """The persons and bodies the passage names before ``position``, in order, whether or not they spoke (kept for
    the next reference to the same place: a pronoun and a description are often resolved twice)."""
    found = []
    dateline = DATELINE.match(text)  # "OSLO, Jan 8 (Reuters) - …": the wire's own name, no one in the story
    for run in ENTITY_RUN.finditer(text, dateline.end() if dateline else 0, position):
        raw = re.sub(r"^(?:The|A|An)\s+", "", re.sub(r"(?:\s+(?:of|on|for|in|against|the))+$", "", run.group(0)))
        raw = re.sub(r"^(?:[\w’'-]+" + HYPHEN_ADJECTIVE.pattern.rstrip("$") + r"\s+)+", "", raw)  # "Britain-based Syrian Observatory"
        raw = re.sub(r"['’]s?$", "", raw)
        raw = re.split(r"\s+(?:on|in|at|of|the)\s+(?=(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|"
                       r"February|March|April|May|June|July|August|September|October|November|December)\b)", raw)[0]
        name, title = clean_name(raw)
        words = name.split() if name else []
        if not words or not plausible_name(name) or fold(words[0]) in FUNCTION_WORDS \
                or fold(words[0]) in TITLE_WORDS and not (len(words) > 2 and fold(words[1]) == "for"):  # "Justice for Iran"
            continue
        after = re.match(r"(?:\s*\([^()]{1,30}\))?\s*,\s*([^,.;:“”\"]{1,90})[,.;]", text[run.end():position])
        described = BODY_DESCRIPTOR.search(text, max(0, run.start() - 40), run.start())  # "rights centre Viasna"
        body = body_by_name(name) or described is not None \
            or re.match(BODY_APPOSITIVE, text[run.end():position]) is not None
        if not body and (len(words) < 2 and not re.match(r"\s*,\s*who\b", text[run.end():position]) or " in " in name):
            continue  # ("Rabinal in Guatemala": a place in a place, no person; "Shahla, who asked …" is one)
        clause = re.split(r"[.;:!?,]", text[max(0, run.start() - 100):run.start()].rstrip(" ,"))[-1]
        context = fold(" ".join((title, clause, after.group(1) if after else "")))
        # (after an opening phrase too: "In a recording, Ahmad Rezaei-Far can be heard")
        # (or after a coordinator: "The gate is padlocked now, but Parvin Ahmadi comes anyway")
        opening = re.fullmatch(r"(?:.*[.!?][”\"’]?\s+|.*,\s+(?:but|yet)\s+)?(?:[A-Z][a-z]+\b[^,.;:!?“”\"]{0,60},\s*)?(?:(?:The|A|An)\s+)?"
                               # "…, former prisoner Shirin Mohajer paused": a role before the name
                               + ROLE_BEFORE_NAME,
                               text[max(0, run.start() - 200):described.start() if described else run.start()],
                               re.DOTALL) is not None
        found.append(Entity(run.start(), name, "body" if body else "person", context, opening))
    return tuple(found)


def sentence_before(text: str, position: int) -> tuple[int, int] | None:
    """The sentence before the one ``position`` stands in, as (start, end)."""
    bounds = [m.end() for m in SENTENCE_BOUND.finditer(text, 0, min(len(text), position + 2)) if m.end() <= position]
    if not bounds:
        return None
    return (bounds[-2] if len(bounds) > 1 else 0), bounds[-1]


def pronoun_referent(text: str, mention: Mention, state: DocumentState, subject_only: bool = False,
                   anywhere: bool = False, depth: int = 0) -> str | None:
    """What "he", "she", "it" or "they" stands for when no voice was named before it: "Parvin Sadeghi, whose
    brothers …, has searched for years. She believes …" (a person's full name opening the sentence before, or the
    one person that sentence names: "The memoir of Mehdi Rostami … He wrote …"); "Iran Human Rights, the Oslo-based
    group, published its report. It said …" (a body that opens an earlier sentence of the passage)."""
    previous = sentence_before(text, mention.start)
    introduced = state.introduced() if previous is None and mention.pronoun == "person" else None
    if introduced:
        # "Farah Nikbakht lost two brothers …" and, opening the next paragraph, "“…,” she said"
        speaker_id = state.new_speaker(introduced, text)
        return speaker_id if pronoun_fits(state, speaker_id, mention.text) else None
    lead = text[previous[1]:mention.start] if previous else ""
    if previous is None or not anywhere and not re.fullmatch(r"(?:(?:[^,“”\"]|,(?=\d))*,\s*|.*(?:[”\"’'],|,[”\"’'])\s*)?", lead, re.DOTALL) \
            and not SHORT_OPENING.fullmatch(lead.strip()):
        return None  # the pronoun opens its sentence, follows an opening phrase, or a quotation's closing comma
    entities = entities_before(text, previous[1])
    if mention.pronoun == "person":
        people = [e for e in entities if e.kind == "person" and e.start >= previous[0]]
        opening = [e for e in people if e.subject]
        chained = re.match(r"\s*(?:[A-Z][^,.;:!?“”\"]{0,40},\s*)?(?:(he|she|He|She)|(?:The|the)\s+(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)-year-old)\b",
                           text[previous[0]:previous[1]])
        if not people and chained and depth < 3 and (chained.group(1) is None or fold(chained.group(1)) == fold(mention.text)):
            # "… Now living in Sheffield, she still remembers the benches. “…,” she said": the same person as the
            # sentence before's own "she"; "The 72-year-old, who …, has spent … He believes": the person named before
            at = previous[0] + chained.start(1) if chained.group(1) else previous[0] + chained.end()
            earlier = Mention(at, at + (len(chained.group(1)) if chained.group(1) else 0), None, "pronoun",
                              mention.text, mention.pronoun)
            return pronoun_referent(text, earlier, state, False, True, depth + 1)
        possessive = re.match(r"\s*(Her|His)\s", text[previous[0]:previous[1]])
        if possessive and sentence_before(text, previous[0] + 1) is None \
                and fold(possessive.group(1)) == {"she": "her", "he": "his"}.get(fold(mention.text)):
            # "Parvin Ahmadi comes anyway." and, in the next paragraph, "Her brother Hossein vanished in 1988. “…,” she
            # said": whose brother the paragraph opens with is the person the paragraph before introduced
            introduced = state.introduced()
            speaker_id = state.new_speaker(introduced, text) if introduced else None
            if speaker_id and pronoun_fits(state, speaker_id, mention.text):
                return speaker_id
        if subject_only and not opening:
            return None
        if not opening and UNNAMED_OPENING.match(text, previous[0], previous[1]):
            return None  # "A spokesman for the union described conditions in El Fasher …": not the place
        if not opening and re.search(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er)\b", text[previous[0]:previous[1]]):
            return None  # a sentence no person opens, that goes on about a "he" or "she" already
        names = {e.name for e in (opening[-1:] or people)}
        if len(names) != 1:
            return None
        name = names.pop()
    else:
        bodies = [e for e in entities if e.kind == "body" and e.subject]
        if not bodies:
            return None
        name = bodies[-1].name
    speaker_id = state.new_speaker(name, text, kind="body" if mention.pronoun != "person" else None)
    wanted = {"person"} if mention.pronoun == "person" else {"body", "group", "organisation"}
    return speaker_id if state.type_of(speaker_id) in wanted and pronoun_fits(state, speaker_id, mention.text) else None


UNNAMED_OPENING = re.compile(
    r"\s*((?:A|An|The|One)\s+(?:[\w’'-]+\s+){0,3}?(?:" + "|".join(sorted(VOICE_PERSON_NOUNS, key=len, reverse=True))
    + r")(?:\s+(?:for|of|at|from|with|in)\s+(?:[\w’'&.-]+\s+){0,5}?[\w’'&.-]+)?)"
    # ("A former guard, who agreed to speak on condition that he not be named, described …")
    r"(?=(?:\s*,\s*who\s[^.;:!?“”\"]{1,160}?,)?\s+(?:has|had|is|was|[a-z]+ed|[a-z]+s)\b)")


def pronoun_voice(text: str, mention: Mention, mentions: list[Mention], state: DocumentState, recent: bool) -> Voice | None:
    """The voice a subject pronoun stands for. "he" or "she" prefers the person who opens the sentence before,
    named ("… Kashanian objected. Ahmad Rezaei-Far can be heard. “…,” he says") or not ("A spokesman for the
    union described the market. At least 40 people were killed, he added"), over the passage's last voice."""
    person = mention.pronoun == "person"
    speaker = pronoun_referent(text, mention, state, subject_only=True) if person else None
    if speaker is None and person:
        previous = sentence_before(text, mention.start)
        unnamed = UNNAMED_OPENING.match(text, previous[0], previous[1]) if previous else None
        if unnamed and pronoun_position_ok(text, mention, previous[1]) or unnamed and mention.start > previous[1] \
                and re.search(r"(?:,[”\"’']?|[”\"’'],)\s*$", text[previous[1]:mention.start]):
            return Voice(None, " ".join(unnamed.group(1).split()), mention.start, mention.end)
        before = state.previous_passage
        if previous is None and before is not None and before.kind == "paragraph" and not state.introduced() \
                and re.search(r"(?:,[”\"’']?|[”\"’'],)\s*$", text[:mention.start]):
            # "A former guard, who asked not to be named, described the hall." and, opening the next paragraph,
            # "“…,” he said": the unnamed person the paragraph before opened a sentence with
            openings = {" ".join(m.group(1).split()) for m in UNNAMED_OPENING.finditer(before.text)
                        if m.start() == 0 or re.search(r"[.!?][”\"’]?\s*$", before.text[:m.start()])}
            if len(openings) == 1:
                return Voice(None, openings.pop(), mention.start, mention.end)
    speaker = speaker or (recent_voice(state, mention.pronoun, mention.text) if recent else None) \
        or resolve(mention, state, [m for m in mentions if m.end <= mention.start]) or pronoun_referent(text, mention, state)
    if speaker is None and fold(mention.text) == "it":
        previous = sentence_before(text, mention.start)
        unnamed = UNNAMED_BODY_OPENING.match(text, previous[0], previous[1]) if previous else None
        if unnamed:  # "The commission of inquiry spent two years … In its final report, it estimated …": that body, unnamed
            return Voice(None, " ".join(unnamed.group(1).split()), mention.start, mention.end)
    return Voice(speaker, None, mention.start, mention.end) if speaker else None


UNNAMED_BODY_OPENING = re.compile(
    r"\s*((?:The|A|An)\s+(?:[a-z][\w’'-]*\s+){0,2}?(?:" + "|".join(sorted(set(VOICE_BODY_NOUNS) - DOCUMENT_NOUNS, key=len, reverse=True))
    + r")(?:\s+(?:of|for|on|in)\s+(?:[a-z][\w’'-]*\s+){0,2}?[a-z][\w’'-]*)?)(?=\s+(?:has|had|is|was|[a-z]+ed|[a-z]+s|spent|"
    r"began|sent|took|made|held|met|found|heard)\b)")
COLLECTIVE_NOUNS = {"family", "people", "person", "man", "woman", "friend", "member", "source", "insider", "ally", "donor",
                    "user", "reader", "viewer", "fan", "follower", "neighbor", "neighbour", "resident", "voter", "student",
                    "worker", "employee", "citizen", "villager"}
GENERIC_BODY_NOUNS = {"group", "organisation", "organization", "body", "watchdog", "ngo", "monitor", "charity", "coalition"}


BRITISH_SPELLINGS = {"centre": "center", "organisation": "organization", "defence": "defense", "programme": "program",
                     "labour": "labor", "counsellor": "counselor"}


def spelled(word: str) -> str:
    """One spelling for words that British and American English spell apart ("the centre" for "… Center")."""
    return BRITISH_SPELLINGS.get(word, word)


def earlier_referent(text: str, position: int, noun: str, state: DocumentState) -> str | None:
    """ "the cleric", "the rapporteur", "the commission": the last name before it in the passage that the noun
    describes, by the name itself ("the International Commission of Inquiry") or the words around it ("Lena
    Okafor-Brandt, the Special Rapporteur", "Morteza Farahani-Nejad, then a senior cleric in Qom")."""
    noun = fold(noun)
    if noun in DOCUMENT_NOUNS:
        # "The European Parliament adopted a resolution. The text condemned …": the document's voice is the
        # subject of the sentence before that names a document
        previous = sentence_before(text, position)
        if previous is None and not text[:position].strip() and state.previous_passage is not None \
                and state.previous_passage.kind == "paragraph":
            # "… (OHCHR) published its fact-finding report on Wednesday." closing the paragraph before, then
            # "The report found …"
            text = state.previous_passage.text.rstrip()
            previous = sentence_before(text + " X", len(text) + 1) or (0, len(text))
        sentence = text[previous[0]:previous[1]] if previous else ""
        if not DOCUMENT_NOUN_RE.search(sentence):
            return None
        subjects = [e for e in entities_before(text, previous[1]) if e.start >= previous[0] and e.subject]
        return state.new_speaker(subjects[0].name, text, kind="body" if subjects[0].kind == "body" else None) \
            if subjects else None
    kind = "body" if noun in VOICE_BODY_NOUNS or noun in GENERIC_BODY_NOUNS else "person"
    entities = entities_before(text, position)
    voices = [v for v in reversed(state.voices) if state.type_of(v) in ("body", "organisation", "group")]
    previous = sentence_before(text, position)
    opening = [e for e in entities if previous and e.start >= previous[0] and e.subject and e.kind == "body"]
    introduced_body = state.introduced("body") if noun in GENERIC_BODY_NOUNS and not opening and not voices \
        and not any(e.kind == "body" for e in entities) else None
    if introduced_body:
        # "The Khavaran Archive Project, a volunteer group, released images." and, in the next paragraph, "The group said …"
        return state.new_speaker(introduced_body, text, kind="body")
    if noun in GENERIC_BODY_NOUNS and (opening or voices):
        # "Dadban, a Kurdish rights organisation, published video. The group said …": the body that opens the
        # sentence before, else the last body voice ("The group called for …" after "The Center … said …")
        return state.new_speaker(opening[-1].name, text, kind="body") if opening else voices[0]
    for entity in reversed(entities):
        if entity.kind == kind and (spelled(noun) in {spelled(w) for w in fold(entity.name).split()}
                                    or noun in entity.context.split()
                                    or noun in GENERIC_BODY_NOUNS and entity.subject):
            return state.new_speaker(entity.name, text, kind="body" if kind == "body" else None)
    people = {e.name for e in entities if e.kind == "person"}
    if len(people) > 1:  # the one person who opens a sentence, the others named inside them
        people = {e.name for e in entities if e.kind == "person" and e.subject}
    if kind == "person" and len(people) == 1 and noun not in COLLECTIVE_NOUNS:
        # "Nasrin Hosseinzadeh, who represents …, said … The lawyer wrote …" (not "the family", "the source")
        return state.new_speaker(people.pop(), text)
    introduced = state.introduced() if kind == "person" and not people and noun not in COLLECTIVE_NOUNS else None
    if introduced:
        return state.new_speaker(introduced, text)  # "“…,” the 63-year-old said" opening the next paragraph
    return None


def noted(mentions: list[Mention], text: str, voice: Voice) -> Voice:
    """Keep a voice found by name as a mention, so a later pronoun in the passage can refer to it."""
    if voice.speaker_id and not any(m.start == voice.start for m in mentions):
        mentions.append(Mention(voice.start, voice.end, voice.speaker_id, "name", text[voice.start:voice.end], subject=True))
        mentions.sort(key=lambda m: m.start)
    return voice


def head_is_name(text: str, head_end: int, s_start: int, mentions: list[Mention]) -> bool:
    run = last_name_run(text, s_start, head_end)
    return bool(run and plausible_name(clean_name(run[1])[0] or "x's"))


# "Bureau of Labor Statistics", "Secretary of State": "of" inside a name, after an organisation or title word
NAME_OF = re.compile(r"(?<![\w’'-])(?:[A-Z][\w.’'-]*\s+){0,3}([A-Z][\w-]*)\s+(of|on|for|to|against|in)(?:\s+the|\s+a)?\s+"
                     r"(?:[A-Z][\w.’'-]*\s+(?:(?:or|and|&)\s+)?){0,3}[A-Z][\w.’'-]*"
                     # a second complement: "Court of Appeals for the Ninth Circuit", "Center for Human Rights in Iran"
                     r"(?:\s+(?:of|on|for|in)(?:\s+the)?\s+(?:(?:[A-Z][\w.’'-]*|\d+(?:st|nd|rd|th))\s+){0,2}[A-Z][\w.’'-]*)?$")


def names_a_body(of_name: re.Match) -> bool:
    """Whether a "X of/on/for/to Y" run is one body's name: its noun is an organisation's or a title's
    ("Council on Foreign Relations", "Committee to Protect Journalists"), or it is "X for Y" in capitals
    ("Physicians for Human Rights", "Club for Growth", "Americans for Prosperity")."""
    noun, preposition = fold(of_name.group(1)), of_name.group(2)
    if preposition in ("to", "against", "in"):  # "Committee to Protect Journalists", "Mission in Afghanistan"
        return noun in ORGANISATION_WORDS
    if noun in ORGANISATION_WORDS | TITLE_WORDS:
        return True
    # not a role's holder: "Lawyers for Mr. Smith", "Staff for the committee" are unnamed voices
    return preposition == "for" and noun not in FUNCTION_WORDS and noun not in VOICE_NOUNS \
        and noun not in {"staff", "staffers", "employees", "workers", "people"}


def body_name_of(region: str) -> re.Match | None:
    """The leftmost "X of/on/for Y" run ending ``region`` that names a body ("Jeffrey Lewis of the James Martin
    Center for Nonproliferation Studies": the center, not "Jeffrey Lewis of …")."""
    position = 0
    while True:
        of_name = NAME_OF.search(region, position)
        if of_name is None or names_a_body(of_name):
            return of_name
        position = of_name.start() + 1


def sentence_cut(run: str) -> int:
    """Where a name run crosses a sentence end ("Reagan. God"): the offset after it, or 0."""
    cut = 0
    tokens = list(re.finditer(r"\S+", run))
    for token, following in zip(tokens, tokens[1:]):
        word = token.group(0)
        if word.endswith(".") and (len(word.strip(".")) > 3 and fold(word.strip(".")) not in ABBREVIATIONS
                                   or fold(following.group(0)) in FUNCTION_WORDS):
            cut = following.start()  # "Reagan. God", "Calif. The Islamic State"
    return cut


def last_name_run(text: str, s_start: int, end: int) -> tuple[int, str] | None:
    """The capitalised name that ends exactly at ``end`` (title words included), as (start, text)."""
    best = None
    for match in STATEMENT_NAME_RE.finditer(text, max(s_start, end - 100), end):
        if match.end() == end:
            cut = sentence_cut(match.group(0))
            best = (match.start() + cut, match.group(0)[cut:])
    of_name = body_name_of(text[max(s_start, end - 120):end])
    if of_name:
        start = max(s_start, end - 120) + of_name.start()
        if best is None or start < best[0]:
            best = (start, text[start:end])
    return best


def clause_start(text: str, s_start: int, position: int) -> int:
    before = text[s_start:position]
    cut = max(before.rfind(","), before.rfind(";"), before.rfind(":"), before.rfind("”"), before.rfind("\""),
              before.rfind("''") + 1 if "''" in before else -1)
    return s_start + cut + 1 if cut >= 0 else s_start


def role_before(text: str, s_start: int, name_start: int) -> str | None:
    """The description written before a name: "Trump attorney" in "Trump attorney Alan Garten said"."""
    start = clause_start(text, s_start, name_start)
    role = " ".join(text[start:name_start].split())
    role = re.sub(r"^(?:(?:and|but|so|then|meanwhile|also|earlier|later|\w+ly|on|last|this|monday|tuesday|wednesday|"
                  r"thursday|friday|saturday|sunday|the|a|an|still|however|yet|indeed|instead|now|today|moreover)(?![\w’'-])\s*)+",
                  "", role, flags=re.IGNORECASE).strip()
    if not role or words_in(role) > 6 or not re.search(r"[a-z]", role):
        return None
    if any(w.lower() in PREPOSITIONS - {"of", "for", "on"} or w.lower() in GAP_STOPWORDS for w in role.split()):
        return None
    return role


# A name with "of", "on" or "for" inside it: "Justice for Iran", "the Council on Foreign Relations"
OF_NAME_RUN = re.compile(r"(?:(?:the|a|an)\s+)?((?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w-]*\s+(?:of|on|for)(?:\s+the)?\s+"
                         r"(?:[A-Z][\w.’'-]*)(?:\s+(?:(?:and|or|&)\s+)?[A-Z][\w.’'-]*){0,3}"  # "… for Justice and Peace"
                         # "Office of the United Nations High Commissioner for Refugees"
                         r"(?:\s+(?:of|on|for)(?:\s+the)?\s+[A-Z][\w.’'-]*(?:\s+(?:(?:and|or|&)\s+)?[A-Z][\w.’'-]*){0,3})?)")
DOCUMENT_BY = re.compile(
    r"(?:(?:the|a|an|new|latest|recent|\d{4})\s+){0,3}(?:[\w-]+\s+){0,3}?(?:poll|polls|survey|surveys|study|report|data|"
    r"analysis|figures|estimates?|records|average|count|tally|review|statement|letter|memo|book|article|research|"
    r"list|database|bulletin|register|dossier|documents?|files?)"
    r"(?:\s+(?:[\w-]+\s+){0,3}?(?:compiled|conducted|released|published|issued|commissioned|carried out)"
    r"(?:\s+(?:in|on|last|this)\s+[\w-]+(?:\s+\d{4})?)?)?"  # "a report published in 2018 by"
    r"\s+(?:by|from|of|for)\s+(?:the\s+)?"
    # "a tally compiled by the rights group Hengaw": what the body is, before its name
    r"(?:(?:[\w-]+\s+){0,2}(?:group|organi[sz]ation|monitor|ngo|watchdog|agency|network|charity|centre|center)\s+(?=(?-i:[A-Z]))"
    r"|(?:(?-i:[a-z])[\w-]*\s+){1,2}(?=(?-i:[A-Z])))?",
    re.IGNORECASE)
PHRASE_REGION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|Lt|Col|Rev|Prof|Sgt|Capt|[A-Z])\.|"
                           r"(?<=\w)\.(?:com|org|net|gov|edu|info)\b|[^,;:.“”\"()—])*")  # "Factcheck.org" is one name


# What a body owns that speaks for it: "Kantar Media's political ad tracker", "the Post's investigative unit"
POSSESSED_DOCUMENT = re.compile(
    r"\s+(?:[a-z][\w-]*\s+){0,3}?(?:tracker|poll|polling\s+average|average|analysis|report|survey|study|data|count|"
    r"tally|review|investigation|investigative\s+unit|unit|team|website|editorial\s+board|editorial|database|estimates?|"
    r"figures|records|research|newsroom|desk|memoirs?|letter|book|diary|account|testimony|statement|website|list|"
    r"register|reckoning|calculations?|letters|memos?|papers|diaries|notes|files|archives?|cables?)(?=\s*(?:[,.;:)]|$|\s+(?:reported|noted|found|shows?|showed|says?|said|lists?|listed|documents|records|"
    r"counts|estimated|wrote|published|released)\b))")


def voice_after_phrase(text: str, position: int, end: int, mentions: list[Mention], state: DocumentState) -> tuple[Voice | None, int]:
    """The voice named at ``position`` ("according to X", "said X"), and where its phrase ends."""
    gap = re.match(r"\s*", text[position:end])
    start = position + gap.end()
    if re.match(r"(?:that|whether|if|how|what|why)\b", text[start:end]):
        return None, start  # "wrote that Taylor “had a tin ear”": the content's subject, not the verb's
    if re.match(r"(?:in|on|at|during|via|through|over)\s+(?:a|an|the|his|her|its|their)\b", text[start:end]):
        return None, start  # "…, said in a statement": a medium, not a voice
    for mention in mentions:
        if start <= mention.start <= start + 4 and mention.how not in ("pronoun",):
            stop = mention.end
            if mention.how == "ref" and STATEMENT_NAME_RE.match(text, stop + len(text[stop:end]) - len(text[stop:end].lstrip()), end):
                break  # "the historian Ervand Abrahamian": the description is the name's title
            sub_body = SUB_BODY_AFTER.match(text, stop, end) if mention.how == "alias" else None
            if sub_body:  # "according to the UN refugee agency": a body of its own the registry voice only qualifies
                name = " ".join(text[mention.start:sub_body.end()].split())
                return Voice(state.new_speaker(name, "", kind="body"), None, mention.start, sub_body.end()), \
                    phrase_end(text, sub_body.end(), end)
            owned = COUNT_OWNED.match(text, stop, end)
            if owned:  # "by the group's count", "according to Amnesty's figures": the owner's document
                return Voice(mention.speaker_id, " ".join(text[start:owned.end()].split()), mention.start, stop), \
                    phrase_end(text, owned.end(), end)
            if re.match(r"['’]s?\b|\s+(?:[a-z][\w-]*\s+){1,4}[A-Z]", text[stop:end]):
                break  # "Clinton's top aide Jake Sullivan", "Cruz constituent Dan Golvach": the mention modifies
            return Voice(mention.speaker_id, None, mention.start, stop), phrase_end(text, stop, end)
    pronoun = re.match(r"(he|she|they|it)\b", text[start:end])
    if pronoun:
        for mention in mentions:
            if mention.start == start and mention.how == "pronoun":
                return pronoun_voice(text, mention, mentions, state, recent=False), phrase_end(text, mention.end, end)
        return None, start
    objective = re.match(r"(him|her|them)\b(?=\s*(?:[,.;:)!?]|$))", text[start:end])
    if objective:  # "According to her, he was one of …": the person the object pronoun stands for
        pronoun = {"him": "he", "her": "she", "them": "they"}[objective.group(1)]
        mention = Mention(start, start + len(objective.group(1)), None, "pronoun", pronoun, PRONOUNS[pronoun])
        speaker = pronoun_referent(text, mention, state, anywhere=True) or recent_voice(state, mention.pronoun, pronoun) \
            or resolve(mention, state, [m for m in mentions if m.end <= start])
        return (Voice(speaker, None, mention.start, mention.end) if speaker else None), phrase_end(text, mention.end, end)
    # "according to its latest bulletin", "in their annual report": the document of the voice the pronoun stands for
    owned = OWN_DOCUMENT.match(text, start, end) or GROUP_COUNT.match(text, start, end)
    speaker = possessor(text, owned.start(1), mentions, state) if owned else None
    if speaker:  # (a group no voice stands for stays the unnamed voice of its document, below)
        return Voice(speaker, " ".join(owned.group(0).split()), start, owned.end()), phrase_end(text, owned.end(), end)
    # "according to a poll by Gallup", "… compiled by Real Clear Politics": the body behind the document
    document = DOCUMENT_BY.match(text, start, end)
    if document:
        known = next((m for m in mentions if m.start == document.end() and m.how in ("alias", "name") and m.speaker_id), None)
        if known:  # "according to a list published by the exiled opposition National Council of Resistance of Iran"
            role = re.sub(r"\s+(?:by|from|of|for)(?:\s+the)?$", "", " ".join(text[start:known.start].split())) or None
            return Voice(known.speaker_id, role, known.start, known.end), phrase_end(text, known.end, end)
        of_named = OF_NAME_RUN.match(text, document.end(), end)
        if of_named and body_name_of(of_named.group(1)):  # "a 2017 report by Justice for Iran"
            name, title = clean_name(of_named.group(1))
            if name and plausible_name(name):
                role = re.sub(r"\s+(?:by|from|of|for)(?:\s+the)?$", "", " ".join(text[start:of_named.start(1)].split())) or None
                stop = of_named.end(1)
                return (noted(mentions, text, Voice(state.new_speaker(name, text), role, of_named.start(1), stop)),
                        phrase_end(text, stop, end))
        named = STATEMENT_NAME_RE.match(text, document.end(), end)
        if named and not re.search(r"['’]s?$", named.group(0)):
            name, title = clean_name(named.group(0))
            if name and plausible_name(name):
                role = re.sub(r"\s+(?:by|from|of|for)(?:\s+the)?$", "", " ".join(text[start:named.start()].split())) or None
                return (noted(mentions, text, Voice(state.new_speaker(name, text), role, named.start(), named.end())),
                        phrase_end(text, named.end(), end))
    # A name within a few words: "said Republican party boss Reince Priebus", "according to the AP"
    region = PHRASE_REGION.match(text[start:end]).group(0)[:90]
    # the phrase ends where a clause of its own starts: "said the platform is diminishing the party" names no voice
    region = re.split(r"\s(?:who|which|that|on|in|at|during|after|before|when|while|because|but|is|are|was|were|has|have|had|"
                      r"will|would|can|could|should|may|might|must|does|do|did|isn['’]t|wasn['’]t|won['’]t)\s", region)[0]
    of_region = OF_NAME_RUN.match(text[start:end])
    if of_region and body_name_of(of_region.group(1)):
        name, title = clean_name(of_region.group(1))
        if name and plausible_name(name):
            stop = start + of_region.end(1)
            return noted(mentions, text, Voice(state.new_speaker(name, text), title or None, start + of_region.start(1), stop)), phrase_end(text, stop, end)
    for match in STATEMENT_NAME_RE.finditer(text, start, start + len(region)):
        if words_in(text[start:match.start()]) > 6:
            break
        raw = match.group(0)
        if re.search(r"['’]s?$", raw):
            owned = POSSESSED_DOCUMENT.match(text, match.end(), end)
            name, title = clean_name(re.sub(r"['’]s?$", "", raw))
            first = re.fullmatch(r"(?:the\s+)?", text[start:match.start()], re.IGNORECASE)
            if owned and name and plausible_name(name) and (len(name.split()) >= 2 or COUNT_OWNED.match(raw[-2:] + owned.group(0))) and first \
                    or owned and name and (fold(name) in state.new_aliases or fold(name) in state.registry.by_alias) and first:
                # "according to Kantar Media's ad tracker", "as the Post's investigative unit reported": the
                # body whose document or desk it is speaks
                role = " ".join(text[match.start():owned.end()].split())
                return (noted(mentions, text, Voice(state.new_speaker(name, text), role, match.start(), match.end())),
                        phrase_end(text, owned.end(), end))
            continue  # a possessor: "Clinton's campaign manager Robby Mook"
        owned = POSSESSED_DOCUMENT.match(text, match.end(), end)
        if owned and re.fullmatch(r"\s*(?:(?:the|a|an|new|latest|recent)\s+)?", text[start:match.start()], re.IGNORECASE):
            # "according to the Huffington Post Pollster average", "the Gallup poll": the body whose document it is
            name, title = clean_name(raw)
            if name and plausible_name(name):
                role = " ".join(text[match.start():owned.end()].split())
                return (noted(mentions, text, Voice(state.new_speaker(name, text), role, match.start(), match.end())),
                        phrase_end(text, owned.end(), end))
        following = re.match(r"\s+([a-z][\w-]*)", text[match.end():end])
        if following and (following.group(1) in VOICE_NOUNS or not (
                following.group(1) in PREPOSITIONS or following.group(1) in FUNCTION_WORDS
                or following.group(1) in SUBORDINATORS or following.group(1) in ("whether", "why", "how", "what")
                or re.search(r"(?:ed|ly)$", following.group(1))
                or following.group(1) in STATEMENT_VERBS)):
            continue  # "according to Trump campaign officials", "another Twitter user": the name modifies a noun
        modifier = re.match(r"\s+((?:[a-z0-9][\w.-]*\s+){1,3})[A-Z]", text[match.end():start + len(region)])
        if modifier and not set(modifier.group(1).split()) & PREPOSITIONS:
            continue  # "CBS moderator Nancy Cordes", "Air Force 1st Lt. Tyler Livingston": a modifier
        name, title = clean_name(raw)
        if not name or not plausible_name(name):
            continue
        role = " ".join(text[start:match.start()].split())
        role = re.sub(r"^(?:the|a|an)(?:\s+|$)", "", role, flags=re.IGNORECASE).strip() or None
        role = " ".join(x for x in (role, title) if x) or None
        stop = match.end()
        return noted(mentions, text, Voice(state.new_speaker(name, text), role, match.start(), stop)), phrase_end(text, stop, end)
    np = None
    for candidate in re.finditer(r"\b(" + "|".join(sorted(VOICE_NOUNS, key=len, reverse=True)) + r")\b",
                                 text[start:start + len(region)]):
        if words_in(text[start:start + candidate.start()]) > 5:
            break
        np = candidate  # the last voice noun of the phrase heads it: "Rubio’s deputy campaign manager"
    if np:
        noun = np.group(1)
        stop = start + np.end()
        apposed = re.match(r"(?:\s+(?:of|for|in)\s+[^,;:“”\"]{1,50}?)?\s*,\s*", text[stop:end])
        if apposed:  # "Rubio’s deputy campaign manager, Rich Beeson, who …", "the governor of Khuzestan, Ahmad Jalali,"
            name_match = STATEMENT_NAME_RE.match(text, stop + apposed.end(), end)
            if name_match and re.match(r"\s*(?:[,.;]|$|of\b|from\b|at\b)", text[name_match.end():end]):
                name, title = clean_name(name_match.group(0))
                if name and plausible_name(name):
                    role = " ".join(text[start:stop + apposed.end()].split()).rstrip(" ,")
                    return (noted(mentions, text, Voice(state.new_speaker(name, text), role, name_match.start(), name_match.end())),
                            phrase_end(text, name_match.end(), end))
        modifiers = text[start:start + np.start()]
        if noun in VOICE_BODY_NOUNS and not noun.endswith("s"):
            name = body_name(modifiers, noun)
            if name and plausible_name(name):
                owner = document_owner(name, noun)
                if owner:  # "according to a Gallup poll": the pollster
                    return (Voice(state.new_speaker(owner, ""), " ".join(text[start:stop].split()), start, stop),
                            phrase_end(text, stop, end))
                return Voice(state.new_speaker(name, "", kind="body"), None, start, stop), phrase_end(text, stop, end)
        for mention in mentions:
            if mention.how == "ref" and start <= mention.start and mention.end <= stop + 1 and mention.speaker_id:
                return Voice(mention.speaker_id, None, start, stop), phrase_end(text, stop, end)
        owner = UNNAMED_OWNER.match(text, start, stop)
        if owner:  # "according to the Spanish government's own estimates": the government, unnamed, speaks
            return Voice(None, " ".join(owner.group(1).split()), start, stop), phrase_end(text, stop, end)
        return Voice(None, " ".join(text[start:stop].split()), start, stop), phrase_end(text, stop, end)
    return None, start


COUNT_NOUNS = r"(?:own\s+|latest\s+|official\s+|running\s+)?(?:count|estimate|tally|reckoning|calculations?|figures|records|account)"
SUB_BODY_AFTER = re.compile(r"\s+(?:[a-z][\w-]*\s+){1,2}(?:agency|office|commission|committee|council|body|mission|"
                            r"programme|program|fund|department|ministry|court|tribunal)\b")
# "…, by the group's count, …", "…, by its own tally."
BY_COUNT = r"(?<!\w)(?:by|on)(?=\s+(?:the\s+)?[^,;:“”\"]{0,60}(?:['’]s?|\b(?:its|their|his|her))\s+" + COUNT_NOUNS + r"\s*[,.;])"
COUNT_OWNED = re.compile(r"['’]s?\s+" + COUNT_NOUNS + r"\b")
UNNAMED_OWNER = re.compile(r"((?:the\s+)?(?:[\w-]+\s+){0,3}?(?:" + VOICE_NOUN_ALTERNATION + r"))['’]s?\s+"
                           r"(?:own\s+|latest\s+|official\s+|new\s+)?(?:" + "|".join(sorted(DOCUMENT_NOUNS, key=len, reverse=True))
                           + r"|count|tally|figures)\s*$", re.IGNORECASE)
OWN_DOCUMENT = re.compile(r"(?i:(its|their|his|her))\s+(?:[a-z][\w-]*\s+){0,3}?(?:reports?|bulletins?|statements?|count|"
                          r"tally|figures|data|records|estimates?|database|list|website|account|findings|survey|study|"
                          r"analysis|update|newsletter|memoirs?|letters?|diary|testimony|book|research|calculations?|"
                          r"reckoning)\b")
# "the group's count" where the group was first named in this passage (no reference mention found it)
GROUP_COUNT = re.compile(r"(?i:the)\s+(organi[sz]ation|group|rights\s+group|watchdog|monitor|ngo)['’]s?\s+" + COUNT_NOUNS + r"\b")
POSSESSIVE_PRONOUNS = {"its": "it", "their": "they", "his": "he", "her": "she"}


def possessor(text: str, position: int, mentions: list[Mention], state: DocumentState) -> str | None:
    """The voice a possessive pronoun at ``position`` ("its", "their", "his", "her") stands for."""
    word = re.match(r"\w+", text[position:]).group(0)
    pronoun = POSSESSIVE_PRONOUNS.get(word.lower(), "it")  # "the group's": as "its"
    mention = Mention(position, position + len(word), None, "pronoun", pronoun, PRONOUNS[pronoun])
    return recent_voice(state, mention.pronoun, pronoun) or resolve(mention, state, [m for m in mentions if m.end <= position]) \
        or pronoun_referent(text, mention, state, anywhere=True) or sentence_opener(text, position, mention, state)


def sentence_opener(text: str, position: int, mention: Mention, state: DocumentState) -> str | None:
    """The person or body that opens the sentence ``position`` stands in, for a possessive later in it ("Kaveh
    Norouzi reconstructs the committee's work; by his reckoning, 1,870 prisoners …")."""
    bounds = [m.end() for m in SENTENCE_BOUND.finditer(text, 0, position)]
    start = bounds[-1] if bounds else 0
    lead = OPENING_PHRASE.match(text, start, position)  # "In The Long Summer (2019), the journalist Kaveh Norouzi …"
    start = lead.end() if lead else start
    kind = "person" if mention.pronoun == "person" else "body"
    opening = [e for e in entities_before(text, position) if e.start >= start and e.subject and e.kind == kind]
    if not opening or words_in(text[start:opening[0].start]) > 3:
        return None
    speaker_id = state.new_speaker(opening[0].name, text, kind="body" if kind == "body" else None)
    return speaker_id if pronoun_fits(state, speaker_id, mention.text) else None


def phrase_end(text: str, position: int, end: int) -> int:
    """Where a voice's phrase ends: its appositive (", the head of …,") and parentheses included."""
    tail = re.match(r"(?:\s*\([^()\n]{0,60}\))?", text[position:end])
    position += tail.end()
    appositive = re.match(r"\s*,([^,;“”\"]{1,100})(?=,(?!\d))", text[position:end])
    if appositive and words_in(appositive.group(1)) <= 12 and not re.search(
            r"\b(?:did|does|do|is|are|was|were|has|have|had|will|would|not|said|says|that|which|who)\b", appositive.group(1)) \
            and not re.match(r"\s*(?:[a-z]{3,}ed|rose|fell|grew|stood|hit|topped|came|went|ran|reaches|exceeds|tops)\b",
                             appositive.group(1)):  # ", according to X, reached 198 last year,": the predicate, no appositive
        position += appositive.end()
    return position


def statement_verbs(text: str, start: int, end: int, quotes: list[tuple[int, int]]):
    for match in STATEMENT_VERB_RE.finditer(text, start, end):
        if inside(match.start(), quotes):
            continue
        if match.start() > 0 and text[match.start() - 1] in "-‐" or text[match.end():match.end() + 1] in ("-", "‐"):
            continue  # "self-described", "so-called", "said-to-be": part of a compound, not a verb
        word = match.group(1)
        if word in ACT_VERBS and any(not inside(m.start(), quotes) and m.group(1) in REPORTING_AFTER
                                     and m.group(1) not in NOUNISH_VERBS
                                     and (not re.search(r"[,;:(—–]", text[m.end():match.start()])
                                          or re.match(r"\W*As\s[^,;:]*$", text[start:m.start()]))
                                     for m in STATEMENT_VERB_RE.finditer(text, start, match.start())):
            continue  # "BuzzFeed first reported Mr. Trump voiced support …": the act is the report's content
        particle = PARTICLE_VERBS.get(word) if word not in STATEMENT_PARTICLES else STATEMENT_PARTICLES[word]
        if particle is not None:
            pattern = particle if isinstance(particle, re.Pattern) else re.compile(particle)
            if word in ("put", "puts"):
                if not pattern.match(text, match.end()) and not re.match(r"\s+it\b", text[match.end():]):
                    continue
            elif not pattern.match(text[match.end():]):
                continue
        before = text[max(0, match.start() - 40):match.start()]
        if NOUN_BEFORE.search(before[-12:]):
            continue
        if word in BASE_NOUNS and re.search(r"\b(?:[Aa]n?|[Tt]he)\s+(?:[A-Z][\w.’'-]*\s+){1,4}$", before) \
                and not re.match(r"\s*(?:that\b|[:,])|\s+(?:the|an?|at\s+least|more\s+than|\d)\b", text[match.end():end]):
            # "A Redress Network report released Tuesday found …": a noun after a name used as a modifier ("the
            # Khavaran Memory Project list the names of 1,912 …" has an object: a verb)
            continue
        if word in NOUNISH_VERBS and NOUN_PHRASE_BEFORE.search(before) and not re.match(r"\s+that\b|\s*:", text[match.end():]) \
                and not re.search(r"(?:\b(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat)|['’]s?)\s+(?:[a-z][\w-]*\s+)?(?:" + VOICE_NOUN_ALTERNATION
                                  + r")\s+$", before):  # "the ministry suggests …" is a verb, "her remarks" a noun
            # ("The Archive's dataset records 4,672 …": a document's verb after its owner)
            continue
        if word in NOUNISH_VERBS and re.match(r"\s+(?:put|puts|show|shows|showed|say|says|said|suggest|suggests|suggested|"
                                              r"range|ranged|vary|varied|place|placed|ran|run|are|were|have|had)\b",
                                              text[match.end():end]):
            continue  # "Unofficial estimates put the toll at 1,500": the noun before its own verb
        if word in NOUNISH_VERBS and re.match(r"\s*[,.;)]", text[match.end():]) and re.search(r"\b[a-z][\w-]*\s+$", before) \
                and not re.search(r"\b(?:he|she|it|they|who)\s+$", before):  # ("“…,” she writes."; a pronoun's verb)
            continue  # "voters in battleground states, according to …": a plural noun before a comma, not a verb
        if not word.endswith("ing") and PAST_PARTICIPLE_AFTER_BE.search(before):
            continue  # "was declared", "were told": passive, nobody speaks
        if word.endswith("ing") and not re.search(
                r"(?:[,;:—–(](?:''|[”\"])?|\b(?:by|while|after|before|when|in|on|and|but|is|are|was|were|been|be|am|keep|keeps|kept|"
                r"started|began|begin|continued|continues|without|also|repeatedly|publicly|even|then|now|still)|['’]s|['’]re"
                r"|[,;]\s*(?:\w+ly|later|again|once|first|finally)(?:\s+\w+ly)?)\s*$", before) \
                and not (word in ("saying", "stating", "declaring", "announcing", "calling", "urging", "warning", "claiming",
                                  "arguing", "alleging", "insisting", "asserting", "suggesting", "noting", "describing",
                                  "expressing", "condemning", "demanding", "detailing", "documenting", "outlining",
                                  "recognising", "recognizing", "requesting")
                         and ISSUED_NOUN.search(text[max(0, match.start() - 80):match.start()])) \
                and not (word in ABSOLUTE_PARTICIPLES - NAMING_PARTICIPLES
                         and WITH_SUBJECT.search(text, max(0, match.start() - 100), match.start())):
            # ("…, with Mr. Sanders saying …" is an absolute clause whose subject speaks; "with X calling her
            # “…”" names, its quotation is read by the quotation rules)
            continue  # "the movement calling for justice": a participle that describes a noun, no one speaking
        if word.endswith("ing") and re.search(r",(?:''|[”\"])\s*$", before) and re.match(r"\s*[,:]?\s*(?:[“\"]|'')", text[match.end():]):
            continue  # "“…,” adding, “…”": a frame word between two quotations, which the quotation rules read
        if word in REQUEST_VERBS and re.match(r"\s+(?:not\s+to\s+be\s+(?:named|identified|quoted)|for\s+anonymity|that\s+(?:her|his|"
                                              r"their)\s+(?:\w+\s+)?\w*name\s+(?:not\s+be|be\s+withheld))\b", text[match.end():]):
            continue  # "a former prisoner, who asked not to be named, said …": the anonymity formula, no content
        if re.match(r"\s+(?:to\s+(?:speak|talk)\s+)?(?:[\w’'-]+\s+){0,3}?on\s+(?:the\s+)?condition\s+that\s+"
                    r"(?:he|she|they|his|her|their)\b[^.;]{0,30}?\b(?:not\s+be|remain|be\s+withheld|is\s+not)", text[match.end():]):
            continue  # "agreed to speak on condition that he not be named": the anonymity formula is no content
        if re.search(r"\b(?:would|could|should)(?:\s+not|n['’]t)?\s+have\s+$", before):
            continue  # "he should have insisted on …", "would have said": what was not said
        if re.search(r"\b(?:not|never|n['’]t)\s+(?:(?:yet|publicly|officially|formally|ever|once|really|explicitly|directly)\s+)?$",
                     before):
            continue  # "has never acknowledged", "has not denied": what a voice did not say is no statement of it
        if word in ADMITTING_VERBS and re.match(r"\s+(?:to\s+)?(?:none|nothing|neither)\b", text[match.end():end]):
            continue  # "the regime has admitted to none of the 5,000 deaths" ("said none of them …" is a statement)
        if re.match(r"\s+(?:is|are|was|were)\b", text[match.end():end]):
            continue  # "not everything Trump says is true", "what X said was ignored": a relative clause, no content
        if re.search(r"\b(?:to|would|could|can|may|might|should|must|not|n['’]t|let|help|"
                     r"make|cannot)\s+$", before) and not re.search(r"(?:s|ed|ing)$", word) and word not in (
                "said", "told", "wrote", "put") and not MATRIX_TO.search(before):
            continue  # "to say", "would say", "did not deny": said by nobody yet ("did suggest" is said)
        yield match


@dataclass
class Span:
    start: int
    end: int
    speaker_id: str | None
    attribution: str
    cue: str | None
    role: str | None


# Verbs whose "of"/"about" object is what was said: "warned of a recession", "complained about the rules"
TOPIC_VERBS = {"warned", "warns", "warn", "warning", "complained", "complains", "complaining", "boasted", "boasts",
               "bragged", "joked", "jokes", "cautioned", "cautions"}


def content_after(text: str, verb: re.Match, s_end: int, quotes) -> int | None:
    """Where the reported content starts after a verb: after "that", an object ("told reporters"), a colon."""
    position = verb.end()
    back = BACK.match(text, position, s_end) if verb.group(1) in ("shot", "fired", "hit", "hits", "fires", "shoots") else None
    if back:  # "shot back that …": the particle is the verb's
        position = back.end()
    if verb.group(1) == "pointed":  # "pointed out that …"
        position += re.match(r"\s+out\b", text[position:s_end]).end() if re.match(r"\s+out\b", text[position:s_end]) else 0
    elif verb.group(1) == "made":  # "made clear that …", "made the case that …"
        made = re.match(r"\s+(?:it\s+)?clear|\s+the\s+case", text[position:s_end])
        position += made.end() if made else 0
    if verb.group(1) in ("arrives", "arrived", "arrive"):  # "arrives at 3.9 million excess deaths": the count reached
        return position + re.match(r"\s+at\s+", text[position:s_end]).end()
    rest = text[position:s_end]
    object_that = re.match(r"\s+(?:(?!that\b)[\w’'.-]+\s+){1,6}?that\b", rest) \
        if verb.group(1) in OBJECT_VERBS and not re.match(r"\s+(?:of|about)\b", rest) else None
    if object_that and not re.search(r"\b(?:to|who|which|and|but|if|when|because)\b", object_that.group(0)[:-4]):
        # "assured his hometown's residents that …", "told a crowd in Iowa that …": the content is after "that"
        position += object_that.end() - 5  # before the space before "that": the "that" rule below takes it
        rest = text[position:s_end]
    elif verb.group(1) in REQUEST_VERBS and REQUEST_OBJECT.match(rest):
        pass  # "asked the Supreme Court to intervene", "urged a strong stand": what is asked, its addressee included
    elif verb.group(1) in OBJECT_VERBS:
        # ("told state television": a noun before the addressee's own noun, never a pronoun or determiner)
        obj = re.match(r"\s+(?:(?:the|a|an|his|her|their|its)\s+)?(?:(?:state|local|national|public|foreign|official)\s+)?"
                       r"[\w.’'-]+(?:\s+[A-Z][\w.’'-]*){0,3}", rest)
        if obj and obj.group(0).split()[-1] != "that":
            position += obj.end()
            rest = text[position:s_end]
    that = re.match(rf"(?:\s*,?\s+{TIME_PHRASE}|\s+{ADVERBIAL})*\s*,?\s+that\b", rest) or re.match(
        # (not "at least nine men … were shot that night": a qualifier, and a "that" of the content's own)
        r"\s+(?:during|in|at(?!\s+(?:least|most)\b)|on|after|before|to|with|last|this|earlier|over|via)\b"
        r"(?:\s+[\w‘’'.“”\"-]+){1,12}?,?\s+that\b(?!\s+(?:night|day|morning|evening|week|month|year|time)\b)", rest) or re.match(
        # "said on CNN, where he is a contributor, that …", "said Monday, after the vote, that …"
        r"(?:\s+(?:on|in|at|to)\s+[^,;:“”\"]{1,40}|\s+[A-Z][a-z]+day)?\s*,\s*(?:where|when|as|after|before|while|during)\b"
        r"[^;:“”\"]{1,100}?,\s*that\b", rest)
    if not that:  # "explained to CBS why …": the question the voice answered is its content
        that = re.match(r"\s+(?:to|with)\s+(?:(?:the|a|an|his|her|their)\s+)?[\w.’'-]+(?:\s+[A-Z][\w.’'-]*){0,3}"
                        r"\s+(?=(?:why|how|whether)\b)", rest)
    if that:
        position += that.end()
    particle = PARTICLE_VERBS.get(verb.group(1))
    adjunct_end = ADJUNCTS.match(text, verb.end(), s_end).end()  # time, place and medium right after the verb
    if particle and isinstance(particle, str) and not that:
        after_particle = re.match(particle, text[position:s_end])
        if after_particle:
            position += after_particle.end()  # "called on the administration to …": the call is the content
    elif not that and adjunct_end > verb.end() \
            and not re.match(r"\s*(?:[,:]|$|of\b|about\b|to\b|as\b|with\b|while\b|when\b|after\b|before\b)",
                             text[adjunct_end:s_end]) and verb.group(1) not in OBJECT_VERBS:
        position = adjunct_end  # "said on Friday he met …"
    elif not that and verb.group(1) not in OBJECT_VERBS and adjunct_end > verb.end() and re.match(r"\s*,", text[adjunct_end:s_end]):
        position = adjunct_end  # "reported on Monday, based on the count, …": the comma below
    elif not that and verb.group(1) in ("admitted", "admits", "confessed", "confesses") \
            and re.match(r"\s+to\s+(?!(?:the\s+)?(?:reporters|journalists|the\s+press)\b)(?=\S)", text[verb.end():s_end]):
        position = verb.end() + re.match(r"\s+to\s+", text[verb.end():s_end]).end()  # "admitted to 1,200 deaths"
    elif not that and verb.group(1) in TOPIC_VERBS and re.match(r"\s+(?:of|about)\s+(?=\S)", text[verb.end():s_end]):
        position = verb.end() + re.match(r"\s+(?:of|about)\s+", text[verb.end():s_end]).end()  # "warned of a recession"
    elif not that and re.match(r"\s+(?:of|about|at|to|during|after|before|while|when|as|with|on|in)\b", text[verb.end():s_end]) \
            and verb.group(1) not in OBJECT_VERBS \
            and not re.match(r"\s+(?:about|at\s+(?:least|most)|as\s+(?:many|much|few|high|low)\s+as)\s+(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                             r"eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?|dozens?|a\s+dozen|several|half)\b)",
                             text[verb.end():s_end]) \
            and not re.match(r"\s+to\s+(?!the\b|a\b|an\b|his\b|her\b|their\b|its\b|reporters\b)(?:[a-z]+|[“\"‘]|'')", text[verb.end():s_end]):
        return None  # "said of Apple in February, when …": no content follows
    colon = re.match(r"\s*[:,]", text[position:s_end])
    if colon:
        position += colon.end()
        sourced = re.match(r"\s*(?:according\s+to|citing)\s+[^,;:“”\"]{1,80},\s*(?:that\s+)?(?=[A-Za-z])", text[position:s_end])
        if sourced:  # "Politico reported, according to sources in the meeting, Clinton tried …"
            position += sourced.end()
        following = re.match(r"\s*(\w+)", text[position:s_end])
        # "said that, if its claims are true, the board …": after "that" the clause is the content
        if following and not that and (following.group(1).lower() in SUBORDINATORS | {"and", "but", "or", "so", "then"} or (
                following.group(1).endswith("ing") and following.group(1) not in PARTICIPLES)):
            inserted = re.match(r"[^,;:“”\"]{1,80},\s*that\s+(?=\w)", text[position:s_end])
            if inserted:
                position += inserted.end()  # "said, as the crowd cheered, that …": the content follows "that"
            elif re.match(r"\s*(?:when|if|although|though|because|after|before|while|since|once|until|unless)\s+[^,;:“”\"]{1,80},\s*"
                          r"(?!(?:and|but|or|then|so)\b|\w+ing\b)(?:[\w’'-]+\s+){2,}", text[position:s_end]):
                pass  # "said, when she was earning $24,000, a boss invited her …": the clause and what it governs are the content
            else:
                return None  # "said, as the crowd cheered", "said, referring to the debate": no content follows
    position += len(text[position:s_end]) - len(text[position:s_end].lstrip())
    if words_in(text[position:s_end]) < 2:
        return None
    return position


def trailing_only(text: str, position: int, s_end: int, verb: str | None = None) -> bool:
    """Whether only an adjunct follows a verb ("said on Monday.", "told reporters."), not content."""
    if verb in OBJECT_VERBS:  # "told his closest advisers as he worked": the object, then what follows it
        obj = re.match(r"\s+(?:(?:the|a|an|his|her|their|its)\s+)?(?:[a-z][\w’'-]*\s+){0,2}?(?:[\w’'-]+)"
                       r"(?:\s+[A-Z][\w.’'-]*){0,3}(?=\s*(?:[,.;!?—–(]|\s-{1,2}\s|$|\s+(?:as|while|when|after|before|in|on|at|during)\b))",
                       text[position:s_end])
        if obj and not re.search(r"\b(?:that|to|if|whether|about)\b", obj.group(0)):
            position += obj.end()
    adjunct = ADJUNCTS.match(text, position, s_end)
    place = re.match(r"(?:\s+(?:in|at)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2})*", text[adjunct.end():s_end]) \
        if adjunct else None
    if adjunct and adjunct.end() > position and re.match(r"\s*(?:[,.;!?—–(]|-{1,2}\s|$)", text[adjunct.end() + place.end():s_end]):
        return True  # "said this week at an event in Wyoming — …", "reported on Tuesday -- a development …"
    rest = text[position:s_end].strip()
    if verb not in OBJECT_VERBS and re.match(r"[A-Z][\w’'-]*\s+[A-Z]", rest) \
            and fold(rest.split()[0]) not in TIME_NAME_WORDS:
        return False  # "said Patricia Smith, the mother …, is wrong": a name opens the content
    if re.match(r"^,", rest):
        return True
    rest = re.split(r"[,—–]", rest)[0].rstrip(".!?”\"’ ")
    if not rest:
        return True
    if re.match(r"(?:as|while|when|after|before|because|since)\s+(?:he|she|they|it|we|I)\b", rest):
        return True  # "…, Susan said as she turned around": a clause of time, not content
    if re.match(r"(?:in|while|after|when|before|by|upon)\s+\w+ing\b", rest):
        return True  # "said in posing the question": an adjunct
    if re.search(r"\b(?:he|she|it|they|we|I|you|is|are|was|were|will|would|does|do|did|has|have|had|can|could|"
                 r"should|must|not|there)\b", rest):
        return False  # a clause of its own follows: content, not an adjunct
    if re.match(r"(?:in|at|during|on|before|after|with|from|via)\s", rest) and words_in(rest) <= 14 \
            and not re.search(r"\b(?:that|whether|if|said|says)\b|\b[a-z]{3,}ed\b|[“\"]", rest):
        return True  # "said during his speech to be a delegate.", "wrote in a memo to State Department officials."
    return words_in(rest) <= 6 and not re.search(r"\b(?:that|to|if|whether)\b", rest) and not re.search(r"[“\"]", rest)


PASSIVE_REPORT = re.compile(r"\s*((?:[A-Z]|the\s)[^,;:]*?)\s+(?:was|were|has\s+been|had\s+been)\s+"
                            r"(?:first\s+|previously\s+|originally\s+|earlier\s+|initially\s+)?(?:reported|revealed|disclosed)\s+by\s+")
PAREN_FIGURE_BY = re.compile(r"\s*\(\s*(?:(?:a|the|this|that)\s+)?(?:[\w-]+\s+)?(?:figure|number|toll|estimate|count|tally)\s+"
                             r"((?:(?:first\s+|widely\s+|often\s+)?(?:cited|given|compiled|reported|provided|published|released)\s+by)"
                             r"|comes\s+from|came\s+from)\s+")
FIGURE_BY = re.compile(
    r"(?<![\w’'-])((?i:the|a|an|this|that|its|their)\s+(?:[\w-]+\s+){0,2}?(?:figure|toll|number|count|tally|estimate|total)"
    r"\s+of\s+(?:(?:at\s+least|more\s+than|about|around|some|nearly|over|up\s+to)\s+)?\d[\d,.]*"
    r"(?:\s+(?:[a-z][\w-]*|people|dead|deaths))?(?:\s+[a-z][\w-]*)?)\s*,?\s+"
    r"(?:(?:first|widely|often|previously|also|originally)\s+)?((?:cited|given|compiled|reported|provided|released|quoted|"
    r"published|recorded|documented|put\s+forward|advanced)\s+by)\s+")
ASKED_BY = re.compile(r"\b[Aa]sked\s+by\s+")
APPOSED_REPORT = re.compile(r",\s*(?:(?:as\s+)?(?:first|previously|originally|earlier|initially)\s+)?(?:reported|revealed|disclosed)\s+by\s+")


# "…, as the Times reported on Tuesday.", "As POLITICO has reported, …": a comparative "as" frame whose verb takes
# no object of its own: what the sentence says on the other side of the comma is the voice's
AS_FRAME = re.compile(
    r"(?:(?<=,)|(?<=^)|(?<=\()|(?<=\b(?:But|And|and|but|Yet|yet)))\s*[Aa]s\s+(?=\S)")
AS_FRAME_VERB = re.compile(
    r",?\s+(?:(?:has|have|had)\s+)?(?:(?:\w+ly|first|also|once|later|earlier|sometimes|often|long|since|already)\s+)?"
    r"(reported|reports|noted|notes|wrote|writes|observed|documented|revealed|disclosed|explained|explains|pointed\s+out|"
    r"points\s+out|detailed|confirmed|acknowledged|acknowledges|said|says|stated|argued|argues|suggested|predicted|warned|"
    r"insisted|testified|tweeted|recalled|conceded|admitted|put\s+it|announced|declared)"
    r"((?:\s+(?:recently|previously|earlier|once|often|repeatedly))?(?:\s+(?:just|only|as\s+recently\s+as))?"
    rf"(?:\s+{TIME_PHRASE}|\s+(?:today|yesterday|(?:a\s+few|several|two|three|\d+)\s+(?:days|weeks|months|years)\s+(?:later|ago|earlier))"
    r"|\s+(?:in|on)\s+(?:(?:a|an|the|his|her|its|their)\s+)?[A-Z][\w.’'-]*(?:\s+[\w.’'-]+){0,2}?)?"
    # "…, as the host Steve Doocy said in April while promoting a film."
    r"(?:\s+(?:while|when|after|before)\s+[a-z]+ing\b[^,;:“”\"()]{0,60})?)"
    r"\s*(?=,|\)|\.?$)")


def as_frame(text: str, s_start: int, body_end: int, quotes, mentions, state) -> list[Span] | None:
    """ "As the Times reported, CONTENT." / "CONTENT, as the Times reported on Tuesday.": the frame's voice
    says the rest of the sentence (before the frame when it closes the sentence, after it when it opens it)."""
    for match in AS_FRAME.finditer(text, s_start, body_end):
        if inside(match.start(), quotes) or QUOTE_MARK.search(text, s_start, body_end) or "''" in text[s_start:body_end]:
            return None
        voice, stop = voice_after_phrase(text, match.end(), body_end, mentions, state)
        if voice is None or not (voice.speaker_id or voice.role):
            continue
        verb = AS_FRAME_VERB.match(text, voice.end, body_end) or AS_FRAME_VERB.match(text, stop, body_end)
        if verb is None:
            continue
        cue = " ".join(verb.group(1).split())
        lead = text[s_start:match.start()]
        if not re.search(r"\w", re.sub(r"\b(?:[Bb]ut|[Aa]nd|[Yy]et|[Hh]owever|[Ss]till|[Aa]lso|[Nn]ow)\b", "", lead)):
            comma = re.match(r"\s*,\s*", text[verb.end():body_end])
            if comma and words_in(text[verb.end() + comma.end():body_end]) >= 3:
                return [Span(verb.end() + comma.end(), body_end, voice.speaker_id, "reported", cue, voice.role)]
            return None
        closing = re.match(r"\s*\)?\s*[.!?]?\s*$", text[verb.end():body_end])
        c_end = s_start + len(lead.rstrip(" ,("))
        if closing and words_in(text[s_start:c_end]) >= 3:
            return [Span(s_start, c_end, voice.speaker_id, "reported", cue, voice.role)]
        return None
    return None


# Verbs that as often take a thing done as words said ("wrote new songs", "called a meeting"): inside reported
# content, after a bare "and", they do not open a voice of their own
NP_OBJECT_VERBS = {"wrote", "writes", "write", "called", "calls", "call", "announced", "announces", "released",
                   "posted", "published", "unveiled", "proposed", "filed", "issued"}


# A participle opening the sentence, its subject the main clause's: "Since announcing in October that he would not
# run, Mr. Biden has …", "Having announced that …, Judge Berman proceeded …"
FRONTED_PARTICIPLE = re.compile(
    r"\s*(?:(?:One|Two|Three|A|Days|Weeks|Months|Hours|Minutes)\s+(?:\w+\s+)?(?=after\b))?"
    r"(?:(?:[Ss]ince|[Aa]fter|[Bb]efore|[Ww]hile|[Uu]pon|[Ww]hen)\s+)?(?:(?:initially|first|publicly|repeatedly)\s+)?"
    r"(?:[Hh]aving\s+(?:(?:publicly|repeatedly|already)\s+)?(?P<past>announced|said|declared|insisted|argued|claimed|"
    r"promised|vowed|warned|stated|acknowledged|admitted|denied|confirmed)|"
    r"(?P<ing>[Aa]nnouncing|[Ss]aying|[Dd]eclaring|[Ii]nsisting|[Aa]rguing|[Cc]laiming|[Pp]romising|[Vv]owing|[Ww]arning|"
    r"[Ss]tating|[Aa]cknowledging|[Aa]dmitting|[Dd]enying|[Cc]onfirming|[Pp]redicting))\b")


def fronted_participle(text: str, s_start: int, body_end: int, quotes, mentions, state) -> list[Span] | None:
    """The content of a participle that opens the sentence, given to the subject of the main clause after it."""
    opening = FRONTED_PARTICIPLE.match(text, s_start, body_end)
    if opening is None or QUOTE_MARK.search(text, s_start, body_end) or "''" in text[s_start:body_end]:
        return None
    verb_start, verb_end = opening.span("past") if opening.group("past") else opening.span("ing")
    verb = re.compile(r"(\w+)").match(text.lower(), verb_start, verb_end)
    c_start = content_after(text, verb, body_end, quotes)
    if c_start is None:
        return None
    for comma in re.finditer(r",\s*", text[c_start:body_end]):
        clause = c_start + comma.end()
        subject = sentence_subject(text, clause, body_end, mentions, state)
        if subject is not None and subject.speaker_id and not text[clause:subject.start].strip():
            if words_in(text[c_start:c_start + comma.start()]) < 2:
                return None
            cue = text[verb_start:verb_end].lower()
            return [Span(c_start, c_start + comma.start(), subject.speaker_id, "reported", cue, subject.role)]
    return None


QUOTED_AS_SAYING = re.compile(r",\s+[^,;:“”\"]{2,80}?\s+quoted\s+([^,;:“”\"]{2,80}?)\s+as\s+saying\s*[.;!]?\s*$")
THAT_IS_ACCORDING = re.compile(r"\s*(?:That|This|These|Those)(?:\s+(?:is|are|was|were)|['’]s)\s+(?:all\s+|also\s+)?"
                               r"(?:according\s+to|from)\s+")


def carve(text: str, spans: list[Span], start: int, stop: int) -> None:
    """Take ``start``–``stop`` out of every span, in place, for a voice of its own; what is left on either side
    stays its span's, where it holds a word."""
    pieces = []
    for span in spans:
        if span.end <= start or span.start >= stop:
            pieces.append(span)
            continue
        for a, b in ((span.start, min(span.end, start)), (max(span.start, stop), span.end)):
            if a < b and re.search(r"\w", text[a:b]):
                pieces.append(Span(a, b, span.speaker_id, span.attribution, span.cue, span.role))
    spans[:] = pieces


def bracketed_frames(text: str, quotes, mentions, state, spans: list[Span]) -> None:
    """ "Activists say …, involving roughly 5,000 workers (the oil ministry puts the figure at under 800).": a bracket
    with a voice and a frame of its own is that voice's, not the words of the statement around it."""
    for bracket in re.finditer(r"\(([^()\n]{10,200})\)", text):
        holder = next((sp for sp in spans if sp.start < bracket.start() < sp.end), None)
        if inside(bracket.start(), quotes) or any(bracket.start() <= sp.start and sp.end <= bracket.end() for sp in spans):
            continue  # (a bracket some rule has read already)
        verb = next(iter(statement_verbs(text, bracket.start(1), bracket.end(1), quotes)), None)
        voice = voice_before(text, verb.start(), bracket.start(1), mentions, state) if verb else None
        if voice is None or not (voice.speaker_id or voice.role) \
                or not re.fullmatch(r"(?:[Tt]he\s+)?", text[bracket.start(1):voice.start]) \
                or holder is not None and (voice.speaker_id, voice.role) == (holder.speaker_id, holder.role):
            continue
        if holder is None and (verb.group(1).endswith("ing") or not re.fullmatch(
                r"\s*(?:,[^,()]{1,60},)?\s*(?:\w+ly\s+|has\s+|have\s+|had\s+)*", text[voice.end:verb.start()])):
            continue  # in the outlet's own sentence, only a bracket that opens with its frame ("(Justice for Iran, a
            # London-based group, puts the toll at …)"), not "(X won the primary, although Y won by declaring …)"
        c_start = content_after(text, verb, bracket.end(1), quotes) or verb.end()
        # (a frame read in the bracket that ran on past it: the words after the bracket are not its content)
        spans[:] = [sp for sp in spans if not bracket.start() <= sp.start < bracket.end()]
        carve(text, spans, bracket.start(), bracket.end())
        spans.append(Span(c_start, bracket.end(1), voice.speaker_id, "reported", cue_for(text, verb, bracket.end(1))
                          if verb.group(1) in SPEECH_VERBS or verb.group(1) in PARTICLE_VERBS else verb.group(1).lower(),
                          voice.role))


# "… range from about 200, the figure given by the Chinese government, to several thousand": a number, then whose it is
NUMBER_APPOSED = re.compile(
    r"(?P<num>(?:(?:about|around|some|more\s+than|at\s+least|nearly|over|roughly|well\s+over|fewer\s+than|under)\s+)?"
    r"\d[\d,.]*(?:\s+(?:thousand|million))?|(?:several\s+|many\s+)?(?:hundreds|thousands)(?:\s+of\s+thousands)?)"
    r"\s*,\s+(?:the|a|an)\s+(?:[\w-]+\s+)?(?:figure|number|estimate|count|toll|total)\s+(?:(?:first|widely|often|still|long|"
    r"later|officially)\s+)?(?P<verb>cited|given|used|claimed|implied|circulated|put\s+forward|offered|advanced|favou?red|"
    r"reported|published|accepted|quoted|preferred)\s+by\s+")


# "roughly 2,800 (Rahnavard 2004, 117)", "4,672 named victims … (IAA 2021)": the work a number comes from
NUMBER_CITED = re.compile(
    r"(?P<num>(?:(?:about|around|some|more\s+than|at\s+least|nearly|over|roughly|upwards\s+of|well\s+over|fewer\s+than|"
    r"under)\s+)?\d[\d,.]*(?:\s+(?:thousand|million))?(?:\s+[a-z][\w-]*){0,3})\s*\((?:see\s+)?"
    r"(?P<author>[A-Z][\w’'-]+(?:[\s-][A-Z][\w’'-]+)?)(?:\s+et\s+al\.?)?,?\s+(?:19|20)\d\d[a-z]?(?:,\s*[^()]{1,20})?\)")


# "from about 3,800 (Human Rights Watch) to as many as 30,000 (NCRI)": a number, then in brackets only whose it is
NUMBER_SOURCED = re.compile(
    r"(?P<num>(?:(?:about|around|some|more\s+than|at\s+least|nearly|over|roughly|upwards\s+of|well\s+over|fewer\s+than|"
    r"under|as\s+many\s+as|up\s+to)\s+)?\d[\d,.]*(?:\s+(?:thousand|million))?(?:\s+[a-z][\w-]*){0,3})\s*\("
    r"(?:according\s+to\s+|per\s+|source:\s*)?(?P<author>(?:the\s+)?[A-Z][^()\n\d]{1,70}?)\)")


MONTH_BEFORE = r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+$"


def cited_author(match: re.Match, state) -> Voice | None:
    """The author of a citation in brackets ("(Rahnavard 2004, 117)"): the full name met before, else the surname."""
    surname = match.group("author")
    full = sorted(state.earlier_names.get(fold(surname), ()))
    name = full[0] if len(full) == 1 else surname
    if not plausible_name(name):
        return None
    return Voice(state.new_speaker(name, ""), None, match.start("author"), match.end("author"))


def apposed_figures(text: str, quotes, mentions, state, spans: list[Span]) -> None:
    """ "… to more than 30,000, the figure cited by exile groups", "roughly 2,800 (Rahnavard 2004, 117)": the number
    is the voice the appositive or the citation names, whoever frames the rest of the sentence."""
    for match in [*NUMBER_APPOSED.finditer(text), *NUMBER_CITED.finditer(text), *NUMBER_SOURCED.finditer(text)]:
        if inside(match.start(), quotes):
            continue
        end = text.find(".", match.end())
        if match.re is NUMBER_SOURCED and re.search(MONTH_BEFORE, text[max(0, match.start() - 12):match.start()]):
            continue  # "Dec. 19 (UPI)": a dateline
        if match.re is NUMBER_SOURCED:  # the bracket holds a name and nothing else
            voice, stop = voice_after_phrase(text, match.start("author"), match.end("author"), mentions, state)
            voice = voice if voice is not None and voice.speaker_id and stop >= match.end("author") - 1 else None
        else:
            voice = cited_author(match, state) if match.re is NUMBER_CITED else \
                voice_after_phrase(text, match.end(), end if end > 0 else len(text), mentions, state)[0]
        if voice is None or not (voice.speaker_id or voice.role):
            continue
        start, stop = match.start("num"), match.end("num")
        carve(text, spans, start, stop)
        cue = "cited" if match.re is not NUMBER_APPOSED else " ".join(match.group("verb").split()) + " by"
        spans.append(Span(start, stop, voice.speaker_id, "reported", cue, voice.role))


HEARD_FROM = re.compile(r"\bheard\s+(?:(?:evidence|testimony)\s+)?from\s+")
OWN_VERDICT = re.compile(r"\s*(His|Her|Its|Their)\s+(?:[a-z]+\s+)?(conclusion|verdict|estimate|count|finding|findings|answer|"
                         r"reply|view|tally|figure|reckoning|guess)\s*:\s+")


def reported_spans(text: str, sentences, quotes, mentions, state) -> list[Span]:
    spans: list[Span] = []
    previous = None
    for s_start, s_end in sentences:
        before, previous = previous, (s_start, s_end)
        body_end = s_start + len(text[s_start:s_end].rstrip())
        back = THAT_IS_ACCORDING.match(text, s_start, body_end)
        if back and before is not None and not inside(s_start, quotes):
            # "More than 1,000 people have been sentenced. That is according to a tally by Hengaw.": the sentence
            # before is the voice's, this one the outlet's frame
            voice, _ = voice_after_phrase(text, back.end(), body_end, mentions, state)
            b_start, b_end = before[0], before[0] + len(text[before[0]:before[1]].rstrip())
            if voice is not None and (voice.speaker_id or voice.role) \
                    and not any(sp.start < b_end and b_start < sp.end for sp in spans) \
                    and not QUOTE_MARK.search(text, b_start, b_end):
                spans.append(Span(b_start, b_end, voice.speaker_id, "reported", "according to", voice.role))
                continue
        quoted_as = QUOTED_AS_SAYING.search(text, s_start, body_end)
        if quoted_as and not inside(quoted_as.start(), quotes) and words_in(text[s_start:quoted_as.start()]) >= 3 \
                and not any(s_start <= q_start < quoted_as.start() and words_in(text[q_start:q_end]) > 3
                            for q_start, q_end in quotes):  # (a word in scare quotes, 700 "rioters", allowed)
            # "Some 700 rioters have been arrested, the Tasnim news agency quoted the police chief as saying.": the
            # one quoted speaks the sentence
            voice, _ = voice_after_phrase(text, quoted_as.start(1), quoted_as.end(1), mentions, state)
            if voice is not None and (voice.speaker_id or voice.role):
                spans.append(Span(s_start, quoted_as.start(), voice.speaker_id, "reported", "quoted as saying", voice.role))
                if voice.speaker_id:
                    state.voices.append(voice.speaker_id)
                continue
        heard = HEARD_FROM.search(text, s_start, body_end)
        if heard and not inside(heard.start(), quotes):
            # "The Tribunal heard from a forensic expert called by the prosecution that …": the witness speaks
            voice, stop = voice_after_phrase(text, heard.end(), body_end, mentions, state)
            if voice is None or not voice.speaker_id:  # an unnamed witness by its whole description, up to "that"
                phrase = re.match(r"(?:a|an|the|one|two|several)\s+[^,;:“”\"]{3,80}?(?=\s+that\b)", text[heard.end():body_end])
                voice = Voice(None, " ".join(phrase.group(0).split()), heard.end(), heard.end() + phrase.end()) \
                    if phrase and re.search(r"\b(?:" + VOICE_NOUN_ALTERNATION + r")\b", phrase.group(0)) else None
                stop = voice.end if voice is not None else stop
            that = re.match(r"[^“”\"]{0,80}?\bthat\s+", text[stop:body_end]) if voice is not None else None
            if that and (voice.speaker_id or voice.role):
                spans.append(Span(stop + that.end(), body_end, voice.speaker_id, "reported", "heard from", voice.role))
                continue
        verdict = OWN_VERDICT.match(text, s_start, body_end)
        if verdict and not inside(verdict.start(), quotes) and words_in(text[verdict.end():body_end]) >= 3:
            # "His conclusion: no fewer than 3,700 people were executed.": the voice the possessive stands for
            word = verdict.group(1).lower()
            pronoun = POSSESSIVE_PRONOUNS[word]
            own = Mention(verdict.start(1), verdict.end(1), None, "pronoun", pronoun, PRONOUNS[pronoun])
            # (the one who opens the sentence before, over the passage's last voice)
            speaker = pronoun_referent(text, own, state, anywhere=True) or possessor(text, verdict.start(1), mentions, state)
            if speaker:
                spans.append(Span(verdict.end(), body_end, speaker, "reported", verdict.group(2).lower(),
                                  " ".join(text[verdict.start(1):verdict.end(2)].split())))
                state.voices.append(speaker)
                continue
        fronted = fronted_participle(text, s_start, body_end, quotes, mentions, state)
        if fronted:
            spans.extend(fronted)
            state.voices.append(fronted[0].speaker_id)
            continue
        framed = as_frame(text, s_start, body_end, quotes, mentions, state)
        if framed:
            spans.extend(framed)
            if framed[0].speaker_id:
                state.voices.append(framed[0].speaker_id)
            continue
        # "IRNA quoted the minister as saying that …": the one quoted speaks
        # "The drought led Lewis to announce that …": the object of a verb of causing did say it (not "urged X to say")
        caused = re.search(r"\b(?:led|prompted|forced|spurred|caused|compelled)\s+([^,;:“”\"]{2,80}?)\s+to\s+(?:publicly\s+)?"
                           r"(?:announce|declare|say|state|admit|acknowledge|concede|confirm|reveal|disclose|warn|predict)"
                           r"\s+(?:that\s+)?(?=\S)", text[s_start:body_end])
        if caused and not inside(s_start + caused.start(), quotes) and words_in(text[s_start + caused.end():body_end]) >= 2:
            voice = noun_phrase_voice(text, s_start + caused.end(1), s_start + caused.start(1), mentions, state)
            if voice is not None and voice.speaker_id \
                    and re.fullmatch(r"\s*(?:the\s+)?", text[s_start + caused.start(1):voice.start]):
                cue = [w for w in caused.group(0).split() if w != "that"][-1]
                spans.append(Span(s_start + caused.end(), body_end, voice.speaker_id, "reported", cue, voice.role))
                state.voices.append(voice.speaker_id)
                continue
        # "The Redress Network has received reports of 312 deaths", "… is aware of 312 executions", "… knows of",
        # "… has evidence of", "… obtained the names of": what a voice knows, when it counts people, is its statement
        known = KNOWLEDGE_FRAME.search(text, s_start, body_end)
        if known and not inside(known.start(), quotes) and re.search(r"\d", text[known.end():body_end]):
            voice = voice_before(text, known.start(), s_start, mentions, state)
            if voice is not None and (voice.speaker_id or voice.role) and not re.sub(r"^\s*\d{1,3}\.", "", text[s_start:voice.start]).strip(" ,") \
                    and voice.end <= known.start():  # (a report's paragraph number may open the sentence: "12. The Mission …")
                cue = re.sub(r"^(?:has|have|had|is|are|was|were)\s+(?:also\s+|now\s+|so\s+far\s+)?", "",
                             " ".join(known.group(0).split()))
                spans.append(Span(known.end(), body_end, voice.speaker_id, "reported", cue, voice.role))
                if voice.speaker_id:
                    state.voices.append(voice.speaker_id)
                continue
        # "Lewis was quoted as saying …": the passive's subject said it
        quoted_passive = re.search(r"\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:quoted|cited)"
                                   r"(?:\s+(?!as\b)[\w’'.-]+){0,5}?\s+as\s+(?:saying|telling\s+[\w ]{1,30}?|stating|writing)"
                                   r"(?:\s+that\b)?\s*[:,]?\s*", text[s_start:body_end])
        if quoted_passive and not inside(s_start + quoted_passive.start(), quotes) \
                and words_in(text[s_start + quoted_passive.end():body_end]) >= 2:
            voice = noun_phrase_voice(text, s_start + quoted_passive.start(), s_start, mentions, state)
            if voice is not None and (voice.speaker_id or voice.role):
                spans.append(Span(s_start + quoted_passive.end(), body_end, voice.speaker_id, "reported", "quoted as saying",
                                  voice.role))
                if voice.speaker_id:
                    state.voices.append(voice.speaker_id)
                continue
        quoted_as = re.search(r"\bquoted\s+(.{1,160}?)\s+as\s+(?:saying|telling|stating|writing)\b(?:\s+\w+)??(?:\s+that\b)?\s*[:,]?\s*",
                              text[s_start:body_end])
        if quoted_as and not inside(s_start + quoted_as.start(), quotes):
            voice, _ = voice_after_phrase(text, s_start + quoted_as.start(1), s_start + quoted_as.end(1), mentions, state)
            if voice is not None and s_start + quoted_as.end() < body_end:
                spans.append(Span(s_start + quoted_as.end(), body_end, voice.speaker_id, "reported", "quoted as saying", voice.role))
                if voice.speaker_id:
                    state.voices.append(voice.speaker_id)
                continue
        # "The meeting was first reported by Politico.": what was reported is the subject, the reporter its voice
        passive = PASSIVE_REPORT.match(text, s_start, body_end)
        if passive and not inside(passive.start(1), quotes) and words_in(passive.group(1)) <= 12 \
                and not QUOTE_MARK.search(passive.group(1)):
            voice, stop = voice_after_phrase(text, passive.end(), body_end, mentions, state)
            if voice is not None and voice.speaker_id and INVERTED_TAIL.match(text[stop:body_end] + "."):
                role = voice.role if voice.role and fold(voice.role) not in DETERMINERS else None
                spans.append(Span(passive.start(1), passive.end(1), voice.speaker_id, "reported", "reported by", role))
                state.voices.append(voice.speaker_id)
                continue
        # "… killed an estimated 20,000 civilians (a figure cited by the Catholic Commission …)", "(the figure comes
        # from the Kurdistan Human Rights Network, …)": the clause before the brackets is the voice's
        cited = PAREN_FIGURE_BY.search(text, s_start, body_end)
        if cited and not inside(cited.start(), quotes) and words_in(text[s_start:cited.start()]) >= 3:
            voice, _ = voice_after_phrase(text, cited.end(), body_end, mentions, state)
            if voice is not None and (voice.speaker_id or voice.role):
                spans.append(Span(s_start, cited.start(), voice.speaker_id, "reported", " ".join(cited.group(1).split()),
                                  voice.role))
                if voice.speaker_id:
                    state.voices.append(voice.speaker_id)
                continue
        # "The figure of 1,200 arrests, cited by lawyers for the detainees, …", "the death toll of 5,000 given by the
        # rapporteur": the figure is the voice's, whatever the sentence then says of it
        figure_by = FIGURE_BY.search(text, s_start, body_end)
        if figure_by and not inside(figure_by.start(), quotes):
            voice, stop = voice_after_phrase(text, figure_by.end(), body_end, mentions, state)
            if voice is not None and (voice.speaker_id or voice.role):
                spans.append(Span(figure_by.start(1), figure_by.end(1), voice.speaker_id, "reported",
                                  " ".join(figure_by.group(2).split()), voice.role))
                if voice.speaker_id:
                    state.voices.append(voice.speaker_id)
                continue
        # "Starr's remarks, first reported by the Times on Tuesday, suggested …": the sentence is what X reported
        reported_by = APPOSED_REPORT.search(text, s_start, body_end)
        if reported_by and not inside(reported_by.start(), quotes) and words_in(text[s_start:reported_by.start()]) >= 2 \
                and not QUOTE_MARK.search(text, s_start, body_end) and "''" not in text[s_start:body_end]:
            voice, stop = voice_after_phrase(text, reported_by.end(), body_end, mentions, state)
            after = re.match(rf"(?:\s+{TIME_PHRASE})?\s*,\s*", text[stop:body_end]) if voice is not None else None
            if voice is not None and voice.speaker_id and after and words_in(text[stop + after.end():body_end]) >= 2:
                role = voice.role if voice.role and fold(voice.role) not in DETERMINERS else None
                spans.append(Span(s_start, reported_by.start(), voice.speaker_id, "reported", "reported by", role))
                spans.append(Span(stop + after.end(), body_end, voice.speaker_id, "reported", "reported by", role))
                state.voices.append(voice.speaker_id)
                continue
        # "Asked by X whether …, Y said …": the question is the asker's
        asked = ASKED_BY.search(text, s_start, body_end)
        if asked and not inside(asked.start(), quotes):
            voice, stop = voice_after_phrase(text, asked.end(), body_end, mentions, state)
            question = re.match(r"(?:\s+(?:on|in|at|during)\s+[\w’'-]+(?:\s+[\w’'-]+)?)?\s+((?:whether|if|about|to|why|how|what)\b[^,;:“”\"]*)",
                                text[stop:body_end]) if voice is not None and voice.speaker_id else None
            if question and words_in(question.group(1)) >= 2:
                spans.append(Span(stop + question.start(1), stop + question.end(1), voice.speaker_id, "reported", "asked by",
                                  voice.role))
        # "According to X, …" opening the sentence governs all of it
        opening = re.match(r"\s*(?:[Aa]ccording\s+to|[Aa]s\s+(?:(?:first|previously|originally|earlier|initially)\s+)?(?:described|stated|noted|put|said|reported)\s+by"
                           # "By Amnesty International's count, …"
                           r"|(?:[Bb]y|[Ii]n|[Oo]n)(?=\s+(?:(?:the\s+)?[A-Z][^,;:“”\"]{0,60}['’]s?|the\s+[a-z]+['’]s|its|their|his|her)\s+"
                           r"(?:own\s+|latest\s+|official\s+)?(?:count|estimate|tally|reckoning|calculations?|figures|view|assessment|account|"
                           r"reading)(?:\s*\([^()]{1,40}\))?\s*,))\s+",
                           text[s_start:body_end])
        vague = VAGUE_SOURCE.match(text, s_start, body_end)
        if vague and not inside(vague.start(), quotes) and words_in(text[vague.end():body_end]) >= 3:
            # "By some accounts, as many as 30,000 …": an unnamed source, not the outlet's own number
            spans.append(Span(vague.end(), body_end, None, "reported", "by", " ".join(vague.group(1).split())))
            continue
        if opening and not inside(s_start + opening.start(), quotes):
            voice, stop = voice_after_phrase(text, s_start + opening.end(), body_end, mentions, state)
            titled = re.match(r"((?:the\s+)?[^,;:“”\"]{3,80}?),\s*((?:(?:Mr|Mrs|Ms|Dr)\.\s+)?(?:[A-Z][\w.’'-]*\s+){1,3}[A-Z][\w.’'-]*),\s*",
                              text[s_start + opening.end():body_end])
            if titled and any(fold(w) in TITLE_WORDS or fold(w) in VOICE_PERSON_NOUNS for w in titled.group(1).split()) \
                    and plausible_name(clean_name(titled.group(2))[0]) and len(clean_name(titled.group(2))[0].split()) >= 2:
                # "According to the UN Special Rapporteur on Iran, Javaid Rehman, …": the name after the title speaks
                name_start = s_start + opening.end() + titled.start(2)
                role = re.sub(r"^the\s+", "", " ".join(titled.group(1).split()), flags=re.IGNORECASE)
                voice = noted(mentions, text, Voice(state.new_speaker(clean_name(titled.group(2))[0], text), role,
                                                    name_start, name_start + len(titled.group(2))))
                stop = name_start + len(titled.group(2))
            comma = re.match(r"(?:[^,]|,(?=\d))*?,(?!\d)\s*", text[stop:body_end])
            if voice is not None and comma:
                cue = " ".join(opening.group(0).lower().split()[:2])
                spans.append(Span(stop + comma.end(), body_end, voice.speaker_id, "reported", cue, voice.role))
                if voice.speaker_id:
                    state.voices.append(voice.speaker_id)
                continue
        # "CONTENT …, X said." closing the sentence governs all of it, speech-like words inside included
        # ("Cruz electrified the crowds with speeches and promises to …, Stovall said")
        all_verbs = list(statement_verbs(text, s_start, s_end, quotes))
        nested = None
        last = all_verbs[-1] if all_verbs else None
        if len(all_verbs) >= 2 and (re.match(r"\s+that\b", text[all_verbs[0].end():body_end])
                                    or all_verbs[0].group(1) in ("put", "puts")) \
                and last.group(1) in REPORTING_AFTER and not last.group(1).endswith("ing") \
                and trailing_only(text, last.end(), body_end, last.group(1)):
            # "The commission estimated that 3,200 were executed, its chairman told reporters": the opening
            # frame names the voice of the content; the closing one only relays it
            nested = voice_before(text, all_verbs[0].start(), s_start, mentions, state)
            relay = voice_before(text, last.start(), s_start, mentions, state) if nested is not None else None
            nested = nested if nested is not None and (nested.speaker_id or nested.role) \
                and not text[s_start:nested.start].strip() and relay is not None \
                and (relay.speaker_id, relay.role) != (nested.speaker_id, nested.role) \
                and re.search(r",\s*(?:(?:the|a|an|his|her|its|their)\s+)?$", text[s_start:relay.start]) else None
        if nested is not None:
            content = content_after(text, all_verbs[0], body_end, quotes)
            closing_frame = re.search(r",\s*(?:[^,]*,\s*){0,2}[^,]*\b" + re.escape(all_verbs[-1].group(1)) + r"\b[^,]*$",
                                      text[s_start:body_end])
            if content is not None and closing_frame and s_start + closing_frame.start() > content:
                cue = cue_for(text, all_verbs[0], body_end) if all_verbs[0].group(1) in SPEECH_VERBS else all_verbs[0].group(1)
                spans.append(Span(content, s_start + closing_frame.start(), nested.speaker_id, "reported", cue, nested.role))
                if nested.speaker_id:
                    state.voices.append(nested.speaker_id)
                continue
        if len(all_verbs) >= 2 and all_verbs[-1].group(1) in REPORTING_AFTER:
            closing = reported_for_verb(text, all_verbs[-1], s_start, body_end, quotes, mentions, state)
            if closing and re.search(r",\s*(?:he|she|they)\s+(?:\w+ly\s+)?$", text[s_start:all_verbs[-1].start()]):
                # "X acknowledged A, which is an outcome, he said, “…”": the pronoun is the opening frame's subject
                opener = voice_before(text, all_verbs[0].start(), s_start, mentions, state)
                if opener is not None and opener.speaker_id and opener.speaker_id != closing[0].speaker_id \
                        and state.type_of(opener.speaker_id) == "person":
                    closing = None
            if closing and closing[0].start == s_start and closing[0].speaker_id and len(closing) == 1 \
                    and words_in(text[closing[0].end:all_verbs[-1].start()]) <= 6:
                # "A, the Herald reported, while B, the Star reported.": two frames, each with its own content
                for inner in all_verbs[:-1]:
                    joint = re.match(r"(?:\s+(?:on\s+\w+|\w+ly))?\s*,\s*(?:while|whereas|and|but)\s+", text[inner.end():closing[0].end])
                    if not joint or inner.group(1) not in REPORTING_AFTER:
                        continue
                    first = voice_before(text, inner.start(), s_start, mentions, state)
                    lead = re.search(r",\s*(?:(?:the|a|an|The)\s+)?$", text[s_start:first.start]) \
                        if first is not None and first.speaker_id else None
                    if lead and first.speaker_id != closing[0].speaker_id and words_in(text[s_start:first.start]) >= 3:
                        closing = [Span(s_start, s_start + lead.start(), first.speaker_id, "reported", inner.group(1).lower(),
                                        first.role),
                                   Span(inner.end() + joint.end(), closing[0].end, closing[0].speaker_id, "reported",
                                        closing[0].cue, closing[0].role)]
                        break
                spans.extend(closing)
                state.voices.append(closing[-1].speaker_id)
                continue
        # A speech verb's frame first: "X says …, according to the AP" is X's
        taken_until = s_start
        for verb in statement_verbs(text, s_start, s_end, quotes):
            holder = next((sp for sp in spans if sp.start <= verb.start() < sp.end), None)
            if holder is not None or verb.start() < taken_until:
                # A verb inside content already given to a voice is nested speech of that voice, unless a
                # new clause names its own subject: "Cruz accuses Obama of …, and Donald Trump says …"
                joints = list(re.finditer(r"(?:[,;][”\"’]*\s*(?:and|but|while|whereas|though|although)?"
                                          r"|\b(?:and|but|while|whereas|though|although))\s+",
                                          text[max(s_start, verb.start() - 80):verb.start()]))
                if holder is None:
                    continue
                last_clause = participle_clause(text, verb, holder, s_start, mentions, state)
                if last_clause is not None:
                    # "Groups say A, and the ACLU has sued the city over the rules, saying B": the participle is the
                    # last clause's subject's; A ends where that clause begins
                    found = reported_for_verb(text, verb, last_clause, body_end, quotes, mentions, state)
                    if found:
                        holder.end = last_clause
                        spans[:] = [sp for sp in spans if sp.end > sp.start]
                        spans.extend(found)
                        taken_until = max(verb.end(), max(sp.end for sp in found))
                        continue
                if not joints:
                    continue
                if verb.group(1) in NP_OBJECT_VERBS and (not re.match(r"[,;]", joints[-1].group(0)) or joints[-1].end() == len(
                        text[max(s_start, verb.start() - 80):verb.start()]) and re.match(
                        r"\s+(?:a|an|the|his|her|their|its|several|many|dozens|two|three|four|five|\d+)\s+(?!\w+\s+(?:is|are|was|were|has|have|had|will|would)\b)",
                        text[verb.end():body_end])):
                    # "said his band and collaborator X, AKA Y, wrote a host of songs": an act inside the content
                    # (the comma closes an appositive, no subject follows it), its object a noun phrase
                    continue
                # the clause's own subject may carry an appositive: "…, and Brian Lewis, the board's
                # adviser, said …": try the joints from the last back, the comma ones then the coordinator
                for joint in reversed(joints[-3:]):
                    boundary = max(s_start, verb.start() - 80) + joint.start() + len(re.match(r"[,;]?[”\"’]*", joint.group(0)).group(0))
                    clause_begin = max(s_start, verb.start() - 80) + joint.end()
                    own = noun_phrase_voice(text, verb.start(), clause_begin, mentions, state, 1)
                    # an unnamed voice opens a clause of its own only after a coordinator: "…, while rights
                    # groups say …", "…, and state television said …"
                    coordinated = re.search(r"(?:[;]|\b(?:and|but|while|whereas|though|although))\s+$", joint.group(0))
                    own = own if own is not None and (
                        (own.speaker_id and own.speaker_id != holder.speaker_id)
                        or (own.speaker_id is None and own.role and coordinated
                            and (holder.speaker_id or (holder.role or "").lower() != own.role.lower()))) \
                        and own.start >= boundary and words_in(text[clause_begin:own.start]) <= 5 and not re.search(
                            r"\b(?:that|who|which|if|when|because|whether)\b", text[clause_begin:own.start]) \
                        and not any(w not in ED_ADJECTIVES for w in re.findall(r"\b\w+ed\b", text[clause_begin:own.start])) \
                        else None  # ("…, while the exiled NCRI puts …": an adjective in -ed, no verb)
                    if own is not None or joint is not joints[-1] and coordinated:
                        break
                if own is None:
                    continue
                found = reported_for_verb(text, verb, clause_begin, body_end, quotes, mentions, state)
                if not found:
                    continue
                holder.end = boundary
                spans[:] = [sp for sp in spans if sp.end > sp.start]
                spans.extend(found)
                taken_until = max(verb.end(), max(sp.end for sp in found))
                continue
            clause = clause_start(text, s_start, verb.start()) if taken_until > s_start else s_start
            found = reported_for_verb(text, verb, max(clause, taken_until), body_end, quotes, mentions, state)
            joint = ACT_CLAUSE_JOINT.match(text, taken_until) if not found and taken_until > s_start else None
            if joint:  # "prosecutors charged X with murder and Emanuel fired his chief, acknowledging …": the next clause's
                found = reported_for_verb(text, verb, joint.end(), body_end, quotes, mentions, state)
            last = spans[-1] if spans and s_start <= spans[-1].start < body_end else None
            if not found and last is not None and (last.speaker_id or last.role) and taken_until > s_start \
                    and re.fullmatch(TAIL_WORDS, verb.group(1)) \
                    and re.fullmatch(r"(?:[^.;:“”\"']|'(?!')|(?:“|'')(?:[A-Z][\w’'-]*\s?){1,5}(?:”|''|(?=,(?:”|''))))*?"
                                     r"(?:,(?:”|'')?\s*|\s+(?:before|after|then)\s+)", text[taken_until:verb.start()]) \
                    and verb.start() - taken_until <= 60 and not re.match(r"\s*[,:]?\s*(?:[“\"]|'')", text[verb.end():body_end]):
                # "“…,” Rubio responded before adding that …", "“…,” he told the hosts of “Morning Joe,” adding
                # that …": the participle goes on in the last frame's voice
                c_start = content_after(text, verb, body_end, quotes)
                if c_start is not None:
                    found = [Span(c_start, body_end, last.speaker_id, "reported", verb.group(1), last.role)]
            if found:
                spans.extend(found)
                taken_until = max(verb.end(), max(sp.end for sp in found))
                if found[0].speaker_id:
                    state.voices.append(found[0].speaker_id)
        if taken_until > s_start:
            trailing_according(text, s_start, body_end, spans, quotes, mentions, state)
            continue
        # "according to X" / "estimates by X"
        for match in re.finditer(r"\b(?:[Aa]ccording\s+to|" + BY_COUNT + r"|[Ee]stimates?\s+(?:by|from)|[Ff]igures\s+(?:by|from)|"
                                 r"[Aa]s\s+(?:(?:first|previously|originally|earlier|initially)\s+)?(?:described|stated|noted|put|said|reported)\s+by)\s+", text[:s_end]):
            if match.start() < s_start or inside(match.start(), quotes):
                continue
            voice, stop = voice_after_phrase(text, match.end(), body_end, mentions, state)
            if voice is None:
                continue
            cue = " ".join(match.group(0).lower().split()[:2])
            cue = "by" if cue == "on" else cue  # "on the Foreign Office's own figures": by its count
            lead = text[s_start:match.start()]
            if not lead.strip(" ,") and cue == "by":
                continue  # "By X's count, …" opening the sentence: the opening frames above
            if not re.search(r"\w", re.sub(r"\b(?:[Bb]ut|[Aa]nd|[Yy]et|[Ss]o|[Hh]owever|[Ss]till|[Aa]lso|[Bb]ut\s+also|[Nn]ow)\b", "", lead)):
                # "According to X, CONTENT.", "But according to X, CONTENT."
                comma = re.match(r"(?:[^,]|,(?=\d))*?,(?!\d)\s*", text[stop:body_end]) or re.match(r"\s*", text[stop:body_end])
                c_start = stop + comma.end()
                spans.append(Span(c_start, body_end, voice.speaker_id, "reported", cue, voice.role))
            else:  # "CONTENT, according to X." / "CONTENT according to X, MORE."
                c_end = s_start + len(lead.rstrip(" ,—–-("))
                opened = lead.rfind("(")
                # "…, such as his claim (the true number is 15 percent, according to X).": the aside is X's
                c_start = s_start + opened + 1 if opened >= 0 and ")" not in lead[opened:] \
                    and words_in(lead[opened + 1:]) >= 3 else counted_clause(text, s_start, c_end) if cue == "by" else s_start
                spans.append(Span(c_start, c_end, voice.speaker_id, "reported", cue, voice.role))
                after = text[stop:body_end]
                more = re.match(r"\s*,\s*", after)
                apposed = more and re.match(r"(?:the|a|an|his|her|their|its)\b", after[more.end():]) and not re.search(
                    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|did|does|do)\b|\b[a-z]+ed\b",
                    after[more.end():])  # "…, according to X, the head of the board.": X's appositive, no content
                # "…, according to X, who spoke to reporters.": the outlet's words about X, no content
                contrast = more and re.match(r"(?:but|yet|while|whereas|though|although|who|whom|whose|which)\b",
                                             after[more.end():])
                if more and words_in(after) >= 2 and not apposed and not contrast:  # "…, but his path is narrowing": the outlet's
                    spans.append(Span(stop + more.end(), body_end, voice.speaker_id, "reported", cue, voice.role))
            break
    nominal_claims(text, sentences, quotes, mentions, state, spans)
    bracketed_frames(text, quotes, mentions, state, spans)
    apposed_figures(text, quotes, mentions, state, spans)
    for span in spans:
        # "He calls for a single-payer system; Mrs. Clinton aims to build on …": a clause with a named subject of
        # its own after a semicolon is the outlet's again
        if span.attribution == "reported":
            named = NAMED_CLAUSE.search(text, span.start, span.end)
            if named and not inside(named.start(), quotes):
                span.end = named.start() + 1
            # "He calls for $1 trillion …; she calls for $275 billion": the other pronoun has a clause of its own
            other = re.search(r";\s+(he|she)\s+[a-z]+(?:s|ed)\b", text[span.start:span.end], re.IGNORECASE)
            framer = re.search(r"\b(he|she)\b[^;]*$", text[max(0, span.start - 60):span.start], re.IGNORECASE)
            if other and framer and other.group(1).lower() != framer.group(1).lower() \
                    and not inside(span.start + other.start(), quotes):
                span.end = span.start + other.start() + 1
    return spans


# "Trump's claim that his net worth exceeds $10 billion": a named voice's claim, in the outlet's sentence
NOMINAL_CLAIM = re.compile(
    r"((?:(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep)\.\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})['’]s?\s+(?:(?:repeated|recent|earlier|latest|"
    r"false|unfounded|public|own)\s+)?(?:claims?|assertions?|contention|insistence|argument|promises?|pledges?|warnings?|"
    r"allegations?|suggestion|accusations?|charges?)\s+(that\b)")


# "Montazeri's estimate of 2,800 to 3,800 executions", "the opposition's figure of 30,000": a named voice's
# own number (not "the regime's toll": a toll is of the killings, not the killer's count)
NOMINAL_FIGURE = re.compile(
    r"((?:(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep)\.\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}(?=['’])|[Tt]he\s+(?:[a-z]+\s+)?[a-z]+(?=['’])"
    r"|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)(?:['’]s?)?\s+(?:(?:own|latest|official|"
    r"earlier|lower|higher|widely\s+cited)\s+)?(?:estimates?|figures?|count|tally|calculation|reckoning|total)\s+"
    # "her count now stands at 4,481", "the group's tally has risen to 481"
    r"((?:(?:now|currently|still|so\s+far)\s+)?(?:(?:stands|stood|has\s+risen|had\s+risen|rose|reached|has\s+reached)\s+)?(?:at|to)|of|at)"
    r"(?=\s+(?:(?:at\s+least|more\s+than|about|around|some|nearly|over|up\s+to)\s+)?\d)")


def nominal_claims(text: str, sentences, quotes, mentions, state, spans: list[Span]) -> None:
    """ "Despite Mr. Trump's claims that his net worth exceeds $10 billion, …": the that-clause is the
    named voice's (reported), up to the end of its clause; the rest of the sentence stays the outlet's.
    "Montazeri's estimate of 2,800 to 3,800 executions is the lowest": the number is his, up to the verb."""
    for match in [*NOMINAL_CLAIM.finditer(text), *NOMINAL_FIGURE.finditer(text)]:
        if inside(match.start(), quotes):
            continue
        sentence = next(((a, b) for a, b in sentences if a <= match.start() < b), None)
        if sentence is None:
            continue
        body_end = sentence[0] + len(text[sentence[0]:sentence[1]].rstrip())
        start = match.end(2)
        start += len(text[start:body_end]) - len(text[start:body_end].lstrip())
        figure = match.re is NOMINAL_FIGURE
        stop = re.search(r",(?!\d)|[;:—–(]|\s-{1,2}\s|$" + (r"|\s+(?:is|was|are|were|has|had|have|remains|remained|stands|"
                                                      r"stood|would|will|may|might)\b" if figure else ""), text[start:body_end])
        end = start + stop.start()
        if words_in(text[start:end]) < (1 if figure else 3) or any(sp.start < end and start < sp.end for sp in spans):
            continue
        name = match.group(1)
        voice = next((Voice(m.speaker_id, None, m.start, m.end) for m in mentions
                      if m.start <= match.start(1) and m.end == match.end(1) and m.speaker_id and m.how != "pronoun"), None)
        if voice is None and fold(name) in POSSESSIVE_PRONOUNS:  # "Its tally of 481 deaths"
            speaker = possessor(text, match.start(1), mentions, state)
            voice = Voice(speaker, None, match.start(1), match.end(1)) if speaker else None
            if voice is None:
                continue
        if voice is None:
            plain = clean_name(name)[0]
            if not plain or not plausible_name(plain) or fold(plain.split()[0]) in FUNCTION_WORDS \
                    or (len(plain.split()) < 2 and fold(plain) not in state.new_aliases):
                continue
            voice = Voice(state.new_speaker(plain, text), None, match.start(1), match.end(1))
        spans.append(Span(start, end, voice.speaker_id, "reported", "estimate" if figure else "claim", voice.role))


NAMED_CLAUSE = re.compile(r";\s+(?=(?:(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep)\.\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}\s+"
                          r"(?!(?:said|says|told|tells|added|adds)\b)[a-z]+(?:s|ed)\b)")


def counted_clause(text: str, s_start: int, frame_start: int) -> int:
    """Where the clause a closing "by X's count" frames starts: "…, who clinched the nomination, by the AP's
    count" frames the relative clause that gives the number, not the sentence."""
    boundary = None
    for boundary in re.finditer(r",\s*(?=(?:who|which|while|whereas|but|and)\b)|;\s*", text[s_start:frame_start]):
        pass
    return s_start + boundary.end() if boundary else s_start


def trailing_according(text: str, s_start: int, body_end: int, spans: list[Span], quotes, mentions, state) -> None:
    """ "X says A, which stood at 263, according to the AP.": the closing "according to Y" is the outlet's
    frame, not X's words; a relative clause right before it is Y's (Y vouches for that fact)."""
    closing = None
    for closing in re.finditer(r",\s*(?:according\s+to|" + BY_COUNT + r")\s+", text[s_start:body_end]):
        pass
    if closing is None or inside(s_start + closing.start(), quotes):
        return
    frame_start, frame_end = s_start + closing.start(), s_start + closing.end()
    cue = "according to" if "according" in closing.group(0) else "by"
    if cue == "by":
        s_start = counted_clause(text, s_start, frame_start)
    holder = next((sp for sp in spans if sp.start < frame_start < sp.end and (sp.speaker_id or sp.role)), None)
    opens = re.search(r"\b(?:that|when|while|because|after|before|since|whereas)\s*$", text[s_start:frame_start])
    if opens:  # "A said that, on the Foreign Office's own figures, 1,500 …": the frame opens A's reported clause
        voice, stop = voice_after_phrase(text, frame_end, body_end, mentions, state)
        comma = re.match(r"\s*,\s*", text[stop:body_end])
        if voice is not None and (voice.speaker_id or voice.role) and comma and words_in(text[stop:body_end]) >= 3:
            content = stop + comma.end()
            for span in spans:  # the reporting voice keeps the frame, not the clause it opens
                if span.start < content < span.end:
                    span.end = content
            spans.append(Span(content, body_end, voice.speaker_id, "reported", cue, voice.role))
            spans[:] = [sp for sp in spans if sp.end > sp.start]
        return
    if holder is None:
        # "Verizon has struck a deal, according to the Labor Department, taking a step …": nobody else holds the
        # words before the frame, so they are its voice's, though a later clause has a frame of its own
        voice, stop = voice_after_phrase(text, frame_end, body_end, mentions, state)
        if voice is not None and voice.speaker_id and words_in(text[s_start:frame_start]) >= 3 \
                and not any(sp.start < frame_start and s_start < sp.end for sp in spans) \
                and not QUOTE_MARK.search(text, s_start, frame_start) and re.match(r"\s*[,.;]|\s*$", text[stop:body_end]):
            more = re.match(r"\s*,\s*(?=" + PREDICATE_START + ")", text[stop:body_end])
            if more:  # "Among the precedents at risk, according to Ms. Epstein, are 16 …": the frame interrupts its content
                end = min([sp.start for sp in spans if sp.start >= stop] + [body_end])
                spans.append(Span(stop + more.end(), end, voice.speaker_id, "reported", cue, voice.role))
            spans.append(Span(s_start, frame_start, voice.speaker_id, "reported", cue, voice.role))
        return
    voice, stop = voice_after_phrase(text, frame_end, body_end, mentions, state)
    rest = re.match(r"\s+(?:familiar\s+with|close\s+to|with\s+knowledge\s+of|in|at|inside|from|who)\b[^,;:“”\"]*?(?=[.!?]?\s*$)",
                    text[stop:body_end]) if voice is not None and not voice.speaker_id and voice.role else None
    if rest:  # "…, according to people familiar with the investigation.": the unnamed voice's whole description
        stop += rest.end()
        voice = Voice(None, " ".join(text[voice.start:stop].split()), voice.start, stop)
    if voice is None or not (voice.speaker_id or voice.role) or (voice.speaker_id and voice.speaker_id == holder.speaker_id) \
            or re.search(r"\w", re.sub(r"^\s*,\s*(?:(?:which|who)\b[^;:“”\"]*|[RDI]-[A-Z][\w.]{1,6})$", "", text[stop:body_end])):
        return  # "…, according to the SITE group, which monitors extremists.": the relative clause is the voice's
    holder.end = frame_start
    if words_in(text[s_start:holder.start]) >= 3 and (holder.cue or "").split()[0] not in INVERTED_VERBS | {"told", "tells"} \
            and not any(sp is not holder and sp.start < holder.start and s_start < sp.end
                                                            for sp in spans):
        # "The Islamic State has called for attacks, according to X": the nested frame is X's report too
        spans.append(Span(s_start, holder.start, voice.speaker_id, "reported", cue, voice.role))
    relative = None
    for relative in re.finditer(r",\s*(?=(?:which|who|whose|where)\b)", text[holder.start:frame_start]):
        pass
    if relative is not None and words_in(text[holder.start + relative.end():frame_start]) >= 3:
        clause = holder.start + relative.end()
        holder.end = holder.start + relative.start()
        spans.append(Span(clause, frame_start, voice.speaker_id, "reported", cue, voice.role))
    spans[:] = [sp for sp in spans if sp.end > sp.start]


# "…, adding that …", "…, mentioning the album is …": a participle after a frame carries more of its voice's words
TAIL_WORDS = (r"(?:adding|noting|saying|arguing|explaining|insisting|warning|stressing|calling|declaring|suggesting|"
              r"acknowledging|mentioning|recalling|predicting|asserting|contending|conceding|pointing\s+out)\b"
              r"(?:\s+(?:hopefully|also|later|quickly|firmly|flatly))?")
# The first word of a predicate: an auxiliary or a modal ("would be clear", "is by design", "has not changed")
PREDICATE_START = r"(?:is|was|are|were|has|had|have|will|would|could|can|may|might|must|should|shall|did|does|do)\b"
TAIL_PARTICIPLE = re.compile(r"[^,“”\"]*,\s*" + TAIL_WORDS + r"(?:\s+that\b)?\s*")


def participle_clause(text: str, verb: re.Match, holder: Span, s_start: int, mentions, state) -> int | None:
    """Where a clause coordinated inside ``holder``'s content begins, when a participle after a comma
    ("…, and the ACLU has sued the city, saying …") has that clause's subject, another voice, for its own."""
    if not verb.group(1).endswith("ing") or not re.search(r",\s*$", text[holder.start:verb.start()]):
        return None
    joints = [j for j in re.finditer(r",\s*(?:and|but|while|whereas)\s+", text[holder.start:verb.start()])
              if not inside_any_quote(text, holder.start + j.start())]
    if not joints:
        return None
    clause = holder.start + joints[-1].end()
    subject = sentence_subject(text, clause, verb.start(), mentions, state)
    if subject is None or not (subject.speaker_id or subject.role) \
            or (subject.speaker_id, subject.role) == (holder.speaker_id, holder.role) \
            or (holder.speaker_id and subject.speaker_id == holder.speaker_id) or words_in(text[clause:subject.start]) > 1:
        return None
    return holder.start + joints[-1].start()


# What relays others' words: a news agency, a paper, a broadcaster
MEDIA_WORDS = re.compile(r"\b(?i:news|agency|agencies|television|tv|radio|newspaper|daily|broadcaster|wire|outlet)\b"
                         r"|\b(?:Reuters|AFP|AP|IRNA|ISNA|Fars|Tasnim|Mehr|Mizan|ILNA|IRIB|Press TV)\b")
RELATIVE_FRAME = re.compile(r"(?:,|\s[—–-]{1,2})\s*(?:which|that|where|whom|who)\s+((?:(?!(?:is|are|was|were|has|have|had)\b)"
                            r"[\w’'-]+\s+){1,5})$")


# A clause of its own after an act's object: "… with murder, and Emanuel fired …", "… on behalf of 14 detainees; they …"
ACT_CLAUSE_JOINT = re.compile(r",?\s+(?:and|but|while|whereas)\s+(?=(?:[A-Z][\w’'-]*\s+){1,3}[a-z]+(?:ed|s)\b|(?:he|she|they|it)\s)|;")


def reported_for_verb(text, verb, s_start, body_end, quotes, mentions, state) -> list[Span] | None:
    cue = cue_for(text, verb, body_end) if verb.group(1) in SPEECH_VERBS or verb.group(1) in PARTICLE_VERBS else verb.group(1).lower()
    # ", said X." — the verb first, its subject after it, the content before
    before = text[s_start:verb.start()]
    if NAMED_AS.search(text, s_start, verb.end()):
        return None  # "under what X called ''…'', the club charged …": a name given in a relative clause, no content
    relative = RELATIVE_FRAME.search(before) if verb.group(1) in REPORTING_AFTER else None
    if relative:  # "The prison, which rights groups say holds around 900 detainees, sits …": the relative clause's frame
        voice = noun_phrase_voice(text, verb.start(), s_start + relative.start(1), mentions, state, 1)
        stop = re.search(r"[;:)—–]|,(?!\d)|\s-{1,2}\s", text[verb.end():body_end])
        voice = None if voice is not None and voice.end - voice.start <= 4 and PRONOUN_RE.fullmatch(
            text[voice.start:voice.end]) else voice  # ("…, which he said runs …": the pronoun's referent is unsure)
        c_end = verb.end() + stop.start() if stop else body_end
        if voice is not None and (voice.speaker_id or voice.role) and words_in(text[verb.end():c_end]) >= 2:
            c_start = verb.end() + len(re.match(r"\s*(?:that\s+)?", text[verb.end():c_end]).group(0))
            return [Span(c_start, c_end, voice.speaker_id, "reported", cue, voice.role)]
    matrix = MATRIX_TO.search(text, max(s_start, verb.start() - 80), verb.start())
    # "X took to Twitter to say …", "X went on to argue …": the subject of the verb that carries the infinitive
    voice = voice_before(text, matrix.start() if matrix else verb.start(), s_start, mentions, state)
    if voice is None or text[voice.end:verb.start()].strip() == "," and re.search(r"[”\"]\s*,?\s*$", text[s_start:voice.start]):
        if re.search(r"[,?!]\s*(?:[”\"’]|'')?\s*$", before) and words_in(before) >= 3 and verb.group(1) in INVERTED_VERBS \
                and not re.match(r"\s+(?:about|by|whether|if|for|to|of)\b", text[verb.end():body_end]):
            # (", asked about the deaths of …, had said": a participle, not an inverted frame)
            inverted, stop = voice_after_phrase(text, verb.end(), body_end, mentions, state)
            more = re.match(r"\s+and\s+(?:many\s+|several\s+|some\s+|a\s+few\s+)?others\b|\s*,\s*(?:who|whose)\s+[^,;:“”\"]{1,80}(?=,)",
                            text[stop:body_end]) if inverted is not None else None
            if more:  # "…, said Doyle and others, would …", "…, said Sunshine, who knows the family, doesn't …"
                stop += more.end()
            if inverted is not None and INVERTED_TAIL.match(text[stop:body_end] + "."):
                c_end = s_start + len(before.rstrip(" ,"))
                found = [Span(s_start, c_end, inverted.speaker_id, "reported", cue, inverted.role)]
                tail = TAIL_PARTICIPLE.match(text, stop, body_end)  # "…,” said X, adding that …"
                if tail and words_in(text[tail.end():body_end]) >= 3:
                    found.append(Span(tail.end(), body_end, inverted.speaker_id, "reported", cue, inverted.role))
                elif (comma := re.match(r"\s*,\s*(?=" + PREDICATE_START + ")", text[stop:body_end])) \
                        and frame_goes_on(text, stop + comma.end(), body_end):
                    # "The contrast, said Doyle, would be clear": the inverted frame interrupts its content's
                    # subject and predicate (", the former director" after it is an appositive, ", and the town
                    # suffered" the outlet's)
                    found.append(Span(stop + comma.end(), body_end, inverted.speaker_id, "reported", cue, inverted.role))
                return found
    elif re.search(r",\s*$", before) and words_in(text[voice.end:verb.start()]) >= 3 and verb.group(1) in INVERTED_VERBS \
            and verb.group(1) not in OBJECT_VERBS and not QUOTE_MARK.search(text, s_start, body_end) \
            and "''" not in text[s_start:body_end] \
            and re.match(r"\s+(?:the\s+|a\s+|an\s+)?(?:[a-z][\w-]*\s+){0,3}[A-Z]|\s+the\s+[a-z]", text[verb.end():body_end]) \
            and not re.match(r"\s+(?:the\s+|a\s+|an\s+)?(?:" + TIME_PHRASE + r")", text[verb.end():body_end]):
        # "In Decatur, the plant is hanging on, but it is under pressure, said the company's chief executive,
        # John Ferriola.": a voice that ends the sentence after the verb is its subject, not a name before the
        # commas (what stands between them is no appositive)
        inverted, stop = voice_after_phrase(text, verb.end(), body_end, mentions, state)
        if inverted is not None and (inverted.speaker_id or inverted.role) and INVERTED_TAIL.fullmatch(re.sub(r"^\s*,", "", text[stop:body_end])):
            c_end = s_start + len(before.rstrip(" ,"))
            return [Span(s_start, c_end, inverted.speaker_id, "reported", cue, inverted.role)]
    if voice is None:
        return None
    # "IRNA, citing a provincial governor, said …", "IRNA reported, citing Mizan, that …": the one cited speaks
    relay = re.search(r",\s*citing\s+", text[voice.end:verb.start()])
    cite_at = voice.end + relay.end() if relay else None
    if cite_at is None and (after_cite := re.match(r"\s*,\s*citing\s+", text[verb.end():body_end])):
        cite_at = verb.end() + after_cite.end()
    relaying = " ".join(x for x in (text[voice.start:voice.end], voice.role or "",
                                     state.description_of(voice.speaker_id) if voice.speaker_id else "") if x)
    if not MEDIA_WORDS.search(relaying):
        cite_at = None  # "Salceda, citing data from the State Department, said …": a person's support, not a source relayed
    cited, cited_end = voice_after_phrase(text, cite_at, body_end, mentions, state) if cite_at is not None else (None, 0)
    if cited is not None and (cited.speaker_id or cited.role) and words_in(text[cited_end:body_end]) >= 3:
        # (not "…, Reuters reported, citing three officials.": the frame closes the sentence, the agency speaks)
        voice = Voice(cited.speaker_id, cited.role, voice.start, voice.end)
    c_start = clause_start(text, s_start, voice.start)
    lead = text[s_start:c_start].rstrip(" ,")
    adverbial_lead = words_in(lead) <= 5 and re.match(
        r"^\s*(?:[A-Z]\w*\s+){0,3}\w*ly\b(?!\s+\d)|^\s*(?:On|In|At(?!\s+(?:least|most)\b)|During|After|Before|When|While|Since|As|Later|Earlier)\b"
        r"|^\s*(?:Last|This|Next)\s+(?:week|month|year|weekend|morning|afternoon|evening|night|time|spring|summer|fall|"
        r"autumn|winter|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", lead)
    # "Speaking on a radio show last week, X said …", "Asked about the poll, X said …": the participle's
    # phrase is the frame's, not content
    adverbial_lead = adverbial_lead or ("," not in lead and re.match(
        r"^\s*(?:[A-Z][a-z]+ing|Asked|Pressed|Questioned|Interviewed|Reached|Contacted|Challenged)\b", lead))
    # "As the crowd began to chant, X … joked": a subordinate clause alone is no content ("Since May, the
    # government detained …, officials said" is: a main clause follows the comma)
    subordinate = bool(re.match(r"\s*(\w+)", lead)) and re.match(r"\s*(\w+)", lead).group(1).lower() in SUBORDINATORS \
        and "," not in lead
    pieces = [piece.strip() for piece in lead.split(",") if piece.strip()]
    if len(pieces) >= 2 and all(
            (piece.split()[0].lower() in SUBORDINATORS and not re.match(r"as\s+(?:well|much|many|long|soon|far)\b", piece))
            or (re.match(r"(?:In|On|At|During|Last|This|Earlier|Later|After|Before|By)\b", piece) and words_in(piece) <= 4)
            for piece in pieces):
        subordinate = True  # "In February, as a protester was being removed, X said": no main clause before
    opener = text[c_start:voice.start].lower().split()
    if any(w in SUBORDINATORS or w in STATEMENT_VERBS for w in opener):
        subordinate = True  # "…, said when Boyle asked him": Boyle's clause is not the reporting clause
    if c_start > s_start and words_in(lead) >= 3 and trailing_only(text, verb.end(), body_end, verb.group(1)) \
            and not adverbial_lead and not subordinate and not lead.endswith(";") and verb.group(1) in REPORTING_AFTER \
            and not re.fullmatch(r",\s*(?:who|which)\s+(?:\w+ly\s+)?", text[voice.end:verb.start()]) \
            and words_in(text[voice.end:verb.start()]) <= 14:
        # "CONTENT, X said." (the reporting clause after the content)
        spans = [Span(s_start, s_start + len(lead), voice.speaker_id, "reported", cue, voice.role)]
        tail = re.match(r"[^,]*,\s*" + TAIL_WORDS + r"(?:\s+that\b)?\s*", text[verb.end():body_end])
        if tail and words_in(text[verb.end() + tail.end():body_end]) >= 3:
            spans.append(Span(verb.end() + tail.end(), body_end, voice.speaker_id, "reported", cue, voice.role))
        # "The main problem, Palmieri says, is figuring out …": the frame sits inside its content
        inside_frame = inside_frame_at(text, verb, body_end)
        if not tail and inside_frame and re.search(r",\s*(?:[\w.’'-]+\s+){0,4}$", text[s_start:voice.start]) \
                and frame_goes_on(text, inside_frame.end(), body_end):
            spans.append(Span(inside_frame.end(), body_end, voice.speaker_id, "reported", cue, voice.role))
        return spans
    inside_frame = inside_frame_at(text, verb, body_end)
    short_subject = words_in(lead) <= 2 or (words_in(lead) <= 8 and not adverbial_lead and not re.search(
        r"\b(?:is|are|was|were|has|have|had|will|would|can|could|did|does|do|that|who|which|when|if|because|[a-z]+ed)\b", lead))
    if c_start > s_start and words_in(lead) >= 1 and short_subject and inside_frame and verb.group(1) in REPORTING_AFTER \
            and re.search(r",\s*(?:[\w.’'-]+\s+){0,6}$", text[s_start:voice.start]) and not QUOTE_MARK.search(lead) \
            and "''" not in lead and "’’" not in lead \
            and frame_goes_on(text, inside_frame.end(), body_end) and not words_in(text[voice.end:verb.start()]) > 8:
        # "That, Walsh explained, is by design.", "But, the former chief executive added, it is not the way to win.",
        # "At least 312 prisoners, the Redress Network said, were executed": a subject, the frame, its predicate
        found = [Span(inside_frame.end(), body_end, voice.speaker_id, "reported", cue, voice.role)]
        if not re.fullmatch(r"\s*(?:[Bb]ut|[Aa]nd|[Yy]et|[Ss]o|[Ss]till|[Hh]owever|[Ss]ometimes|[Nn]ow|[Tt]hen)\s*", lead):
            found.insert(0, Span(s_start, s_start + len(lead), voice.speaker_id, "reported", cue, voice.role))
        return found
    if subordinate and not adverbial_lead and c_start > s_start and words_in(lead) >= 3 and inside_frame \
            and verb.group(1) in REPORTING_AFTER and re.search(r",\s*(?:[\w.’'-]+\s+){0,4}$", text[s_start:voice.start]) \
            and frame_goes_on(text, inside_frame.end(), body_end) and not any(s_start <= q < c_start for q, _ in quotes):
        # "If the law conflicts with the charter, Smith said, the court must strike it down": a reporting
        # clause between commas interrupts its content, the subordinate clause before it included
        return [Span(s_start, s_start + len(lead), voice.speaker_id, "reported", cue, voice.role),
                Span(inside_frame.end(), body_end, voice.speaker_id, "reported", cue, voice.role)]
    if closes_subordinate(text, s_start, voice, verb):
        return None
    c_start = content_after(text, verb, body_end, quotes)
    if c_start is None:
        return None
    c_end = body_end
    if verb.group(1) in ACT_VERBS and (joint := ACT_CLAUSE_JOINT.search(text, c_start, body_end)):
        c_end = joint.start()  # "prosecutors charged the officer with murder and Emanuel fired his police chief"
    return [Span(c_start, c_end, voice.speaker_id, "reported", cue, voice.role)]


# A reporting clause set off by commas inside its content: ", Palmieri says, " (a short adjunct allowed)
INSIDE_FRAME = re.compile(r"(?:\s+(?:on\s+\w+|in\s+(?:an?|its|his|her|their)\s+\w+|\w+ly|today|yesterday|last\s+\w+|this\s+\w+)"
                          # "…, Okafor argued in a letter to the council on Friday, is …"
                          r"|\s+(?:in|on|at|during)\s+(?:an?|its|his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:statement|interview|"
                          r"letter|speech|op-ed|column|post|tweet|email|briefing|hearing|conference|filing)\b"
                          r"(?:\s+(?:to|with|on|at|in|from)\s+[^,;:“”\"()]{1,40}?)?)?\s*,\s*")
# "…, the governor told state television late on Sunday, …": the addressee first, then the frame's adjuncts
TOLD_INSIDE_FRAME = re.compile(r"\s+(?:(?:the|a|an|state|local|national|public)\s+){0,2}[\w.’'-]+(?:\s+[A-Z][\w.’'-]*){0,3}"
                               r"(?:\s+(?:late|early)(?=\s+on\b)|\s+(?:speaking\s+)?on\s+condition\s+of\s+anonymity)?"
                               + INSIDE_FRAME.pattern)


def inside_frame_at(text: str, verb: re.Match, end: int) -> re.Match | None:
    """The rest of a reporting clause set off by commas inside its content, from its verb to the closing comma."""
    return INSIDE_FRAME.match(text, verb.end(), end) or (
        TOLD_INSIDE_FRAME.match(text, verb.end(), end) if verb.group(1) in ("told", "tells") else None)


# What may follow "and"/"but" in the content after such a frame, rather than a second verb of the subject
# ("…, she said, and left the room"): anything but a verb, an auxiliary or an adverb of time
COORDINATED_VERB = re.compile(r"(?:\w+ed|then|also|later|again|is|was|were|are|has|had|have|will|would|did|does|"
                              r"could|can|added|went|left|told|said|says|took|gave|made|spoke|walked|turned)\b")


def frame_goes_on(text: str, position: int, end: int) -> bool:
    """Whether the words after a reporting clause set off by commas continue its content.

    "The emails concerned speeches, the paper said, including some to banks", "It was impossible,
    he said, so the leaders divided the work", "Like his comments, Graham said, the jabs were
    unacceptable": yes. "…, she said, adding …", "…, he said, as the crowd cheered", "…, she said,
    and left", a quotation: no (those have frames of their own or are the outlet's narration).
    """
    rest = text[position:end]
    first = re.match(r"([\w’'-]+)(?:\s+([\w’'-]+))?", rest)
    if not first or words_in(rest) < 3:
        return False
    word = first.group(1)
    if word.lower() in SUBORDINATORS or word.lower() in ("or", "then", "nor", "referring", "pointing", "citing"):
        return False
    if word in ("and", "but", "yet"):
        return bool(first.group(2)) and not COORDINATED_VERB.fullmatch(first.group(2))
    if word.endswith("ing") and word != "including":
        return False
    return True


# "issued a statement saying …", "sent a letter urging …": the document's participle speaks for its issuer
ISSUED_NOUN = re.compile(r"\b(?:issued|released|put\s+out|posted|sent|published|wrote|filed|tweeted|adopted|passed|signed|"
                         r"submitted|delivered|presented|broadcast|broadcasts|aired|airs|screened|ran|launched|started)\s+"
                         r"(?:a|an|the|this|his|her|their|its)\s+"
                         r"(?:[\w-]+\s+){0,2}?(?:statement|letter|release|tweet|post|email|e-mail|memo|message|note|video|"
                         r"op-ed|column|report|filing|complaint|motion|brief|resolution|declaration|communiqu[eé]|documentary|"
                         r"programme|program|film|segment|interview|petition|campaign|appeal|article|editorial|commentary|"
                         r"piece)(?:\s+(?:on|in)\s+[\w.’'-]+(?:\s+[\w.’'-]+)?)?,?\s*$")
# "released the following statement", "issued a statement": a frame without a speech verb
ISSUED_STATEMENT = re.compile(
    r"\b(?:released|issued|put\s+out|posted|sent|published)\s+(?:a|an|the|this|his|her|their|its)\s+"
    r"(?:following\s+|brief\s+|short\s+|written\s+|joint\s+)?(?:statement|message|letter|response|tweet)\b")


# What may stand between "asked by X" and X's quoted question: a time or place, a relative clause on X, "whether …"
ASKED_GAP = re.compile(r"((?:\s+(?:on|in|at|during)\s+[\w’'-]+(?:\s+[\w’'-]+)?)?(?:\s*,\s*who\b[^.;:!?“”\"]*,)?)\s*,?\s*"
                       r"(?:(?:whether|if|about|why|how|what)\b[^.;:!?“”\"]*)?")
# "Said Dorothy Poynter, …, “…”", "Stated Stone:": the verb before its voice
SAID_FIRST = re.compile(r"\s*(?:Said|Says|Stated|Added|Adds|Asked|Wrote|Writes)\s+")
# "As X put it", "Or, as X wrote": the frame of the quotation after it opens with "as"
# "under what Mr. Hedge called ''the prior economy model''", "a clip that Judge Mosman called “distasteful”": the
# quoted name is the relative clause's subject's words; nothing after the quotation is
NAMED_AS = re.compile(r"\b(?:what|which|that|whom)\s+((?:(?!\b(?:what|which|that|whom)\b)[^,;:“”\"]){1,70}?)\s+"
                      r"(?:(?:has|have|had|once|later|then|aptly|rightly|each|both|all|also)\s+)*(called|calls|termed|terms|dubbed|"
                      r"dubs|labell?ed|describe[sd]\s+as|branded|brands)(?:\s+(?:it|them|him|her|this|a|an|the))?\s*,?\s*$")
AS_LEAD = re.compile(r"(?:^|[,;(—–-]|\b(?i:and|but|or|yet|so)\b)\s*\b[Aa]s\s+(?=[A-Z]|the\s)")


def closes_subordinate(text: str, s_start: int, voice: Voice, verb: re.Match) -> bool:
    """ "As Blumenthal spoke, the NRA …", "When Smith said that, the room …": the verb ends a subordinate clause
    at the comma after it; what follows is the main clause, not the verb's content ("As the Atlantic noted, …"
    is a frame: ``as_frame``)."""
    opener = re.match(r"\s*(\w+)", text[clause_start(text, s_start, voice.start):voice.end])
    if not opener or opener.group(1).lower() not in SUBORDINATORS - {"who", "which", "according"} \
            or not re.match(r"\s*,", text[verb.end():]):
        return False
    return opener.group(1).lower() != "as" or not AS_FRAME_VERB.match(" " + verb.group(0))


def quote_voice(text: str, q_start: int, q_end: int, sentence, quotes, mentions, state) -> tuple[Voice | None, str | None]:
    """The voice a quotation's frame names, and the cue."""
    s_start, s_end = sentence
    verbs = list(statement_verbs(text, s_start, q_start, quotes))
    close = verbs[-1] if verbs else None
    asked = None
    for asked in ASKED_BY.finditer(text, s_start, q_start):
        pass
    if asked is not None and not inside(asked.start(), quotes):
        # "Rubio was asked by moderator Gerard Baker whether … would risk “…”", "asked by host Bill Maher, who …,
        # “…”": the question is the asker's
        voice, stop = voice_after_phrase(text, asked.end(), q_start, mentions, state)
        gap = ASKED_GAP.fullmatch(text, stop, q_start) if voice is not None and voice.speaker_id else None
        if gap and not any(True for _ in statement_verbs(text, gap.end(1), q_start, quotes)):
            return voice, "asked by"
    named_as = NAMED_AS.search(text, s_start, q_start)
    if named_as and not inside(named_as.start(), quotes):
        voice = voice_before(text, named_as.end(1), named_as.start(1), mentions, state)
        if voice and (voice.speaker_id or voice.role):
            return voice, named_as.group(2).lower()
    citing = CITING_APPOSITIVE.match(text, s_start, q_start)
    if citing and citing.end() == q_start:
        # "Mr. Manafort, citing “the unique magic of Trump,” said …": the subject takes up the words
        voice = noun_phrase_voice(text, citing.end(1), s_start, mentions, state)
        if voice is not None and (voice.speaker_id or voice.role) and not text[s_start:voice.start].strip():
            return voice, citing.group(2).lower()
    if close and words_in(text[close.end():q_start]) <= 3:
        voice = voice_before(text, close.start(), s_start, mentions, state)
        if voice:
            return voice, close.group(1).lower()
        as_lead = None
        for as_lead in AS_LEAD.finditer(text[s_start:close.start()]):
            pass
        if as_lead is not None:  # "Or, as Tom Ridge, a former secretary of homeland security, put it: “…”"
            voice = voice_before(text, close.start(), s_start + as_lead.end(), mentions, state)
            if voice and voice.speaker_id:
                return voice, close.group(1).lower()
        opener = None
        for opener in re.finditer(r",\s+(?=[A-Z])", text[s_start:close.start()]):
            pass
        if opener is not None and not inside(s_start + opener.start(), quotes):
            # "Tuesday at Baldwin Wallace University in Berea, OH, after winning Ohio, Gov. John Kasich (R-OH), said,
            # “…”": the subject after a long opening phrase
            voice = voice_before(text, close.start(), s_start + opener.end(), mentions, state)
            if voice and voice.speaker_id and voice.start == s_start + opener.end():
                return voice, close.group(1).lower()
    issued = None
    for issued in ISSUED_STATEMENT.finditer(text, s_start, q_start):
        pass
    if issued and re.fullmatch(r"[^.!?“”\"]{0,80}:\s*", text[issued.end():q_start]) \
            and not re.search(r"\b(?:from|by|of|for)\b", text[issued.end():q_start]):
        # "President Clinton released the following statement: “…”"
        voice = voice_before(text, issued.start(), s_start, mentions, state)
        if voice:
            return voice, "statement"
    said_first = SAID_FIRST.match(text[s_start:q_start])
    if said_first:  # "Said Dorothy Poynter, who grew up with Ali, “…”"
        voice, _ = voice_after_phrase(text, s_start + said_first.end(), q_start, mentions, state)
        if voice:
            return voice, said_first.group(0).strip().lower()
    if close and words_in(text[close.end():q_start]) <= 5 and not re.search(r"\w", re.sub(
            r"\b(?:but|and|so|then|also|yet|however)\b", "", text[clause_start(text, s_start, close.start()):close.start()], flags=re.I)):
        voice, stop = voice_after_phrase(text, close.end(), q_start, mentions, state)  # "But, said Solovey, “…”"
        if voice and not text[stop:q_start].strip(" ,:"):
            return voice, close.group(1).lower()
    if text[q_end:s_end].strip() or not close:
        voice, cue = after_quote_voice(text, q_start, q_end, sentence, quotes, mentions, state, next_sentence=False)
        if voice:
            return voice, cue
    if close:
        voice = voice_before(text, close.start(), s_start, mentions, state)
        if voice and not closes_subordinate(text, s_start, voice, close):
            return voice, close.group(1).lower()
    return after_quote_voice(text, q_start, q_end, sentence, quotes, mentions, state, next_sentence=True)


def after_quote_voice(text: str, q_start: int, q_end: int, sentence, quotes, mentions, state,
                      next_sentence: bool) -> tuple[Voice | None, str | None]:
    """The voice named after a quotation: "“…,” said X", "“…,” X said", "“…?” Trump said of Apple" (next sentence)."""
    s_start, s_end = sentence
    after_end = min(s_end, q_end + 200)
    if next_sentence and not text[q_end:s_end].strip():  # "“…?” Trump said of Apple": the frame opens the next sentence
        after_end = min(len(text), q_end + 200)
        introduces = re.match(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|[A-Z])\.|[^.!?“”\"]){0,120}?[:,]\s*(?:[“\"]|'')",
                              text[q_end:after_end])
        if introduces:  # "Mr. Zahed said: ''…''" frames the quotation after it, not this one
            return colon_lead_voice(text, q_start, sentence, mentions, state)
        for following in re.finditer(r"[.!?][”\"’)\]]*(?:\s|$)", text[q_end:after_end]):
            if is_abbreviation(text, q_end + following.start(), q_end):
                continue
            after_end = q_end + following.end()
            break
    after = text[q_end:after_end]
    lead = re.match(r"\s*,?\s*", after)
    verb_first = re.match(rf"\s*,?\s*({'|'.join(STATEMENT_VERBS)}|[a-z]+ed(?=\s+(?:the\s+)?[A-Z]))\b", after)
    if verb_first and verb_first.group(1).endswith("ing"):
        verb_first = None  # "“…,” promising to campaign …": a participle of the sentence's subject, no inverted frame
    if verb_first:
        voice, stop = voice_after_phrase(text, q_end + verb_first.end(), after_end, mentions, state)
        if voice and re.match(r"\s+(?:could|would|should|will|can|may|might|must|is|was|are|were|has|had|have|did|does)\b",
                              text[stop:after_end]):
            voice = None  # "''…,'' said the candidate could be …": the verb's object opens a clause, no frame
        if voice:
            return voice, verb_first.group(1).lower()
    described = re.match(r"\s*,?\s*(?:as\s+(?:described|stated|noted|put|said)\s+by|according\s+to)\s+", after)
    if described:
        voice, _ = voice_after_phrase(text, q_end + described.end(), after_end, mentions, state)
        if voice:
            return voice, "according to" if "according" in described.group(0) else "as described by"
    any_verb = re.match(r"\s*,?\s*(?:(?:[A-Z][\w.’'-]*|the|a|an|[a-z]+)\s+){1,5}?(?:,[^,“”\"]{1,80},\s+)?([a-z]+ed|spoke|went\s+on|shot\s+back)"
                        r"(?=\s*(?:[.,;!?]|$|on\b|in\b|at\b|to\b|during\b|as\b|with\b|from\b|after\b|before\b|when\b|while\b))", after)
    if any_verb:
        voice = voice_before(text, q_end + any_verb.start(1), q_end + (lead.end() if lead else 0), mentions, state)
        if voice:
            return voice, any_verb.group(1).lower()
    limit = 6 if after_end > s_end else 14
    for verb in statement_verbs(text, q_end, after_end, quotes):
        if words_in(re.sub(r",[^,“”\"]{1,200},", ",", text[q_end:verb.start()])) > limit:
            break
        if after_end > s_end and re.search(r"\.\s*(?:[”\"’]|'')$", text[q_start:q_end]) \
                and not trailing_only(text, verb.end(), after_end, verb.group(1)):
            break  # "“…” Kasich said he would have fired him.": the next sentence's frame has its own content
        if re.search(r"\b(?:who|which)\s+(?:\w+ly\s+|had\s+|has\s+|have\s+)?$", text[q_end:verb.start()]):
            continue  # "'…,' Reza Amini, a former prisoner who testified against the warden, told …": the relative's verb
        voice = voice_before(text, verb.start(), q_end + (lead.end() if lead else 0), mentions, state)
        if voice:
            return voice, verb.group(1).lower()
        break
    if not next_sentence:
        return None, None
    return colon_lead_voice(text, q_start, sentence, mentions, state)


def colon_lead_voice(text: str, q_start: int, sentence, mentions, state) -> tuple[Voice | None, str | None]:
    """ "Republican pollster Daron Shaw: “…”": a voice and a colon, no verb, right before the quotation."""
    s_start, _ = sentence
    lead_dash = re.search(r"\s+[-—–]{1,2}\s*$", text[s_start:q_start])
    if lead_dash and 1 <= words_in(text[s_start:s_start + lead_dash.start()]) <= 5 \
            and not STATEMENT_VERB_RE.search(text, s_start, s_start + lead_dash.start()):
        # a transcript's "Bernie Sanders - “…”": a named voice and a dash, nothing else, before the quotation
        dash_end = s_start + lead_dash.start()
        voice = voice_before(text, dash_end, s_start, mentions, state)
        if voice and voice.speaker_id and not text[s_start:voice.start].strip():
            return voice, "dash"
    dash = list(re.finditer(r"\s[-—–]{1,2}\s", text[s_start:q_start]))
    if dash:  # "RED STATES OUTNUMBER BLUE STATES - Jeffrey M. Jones: “…”"
        s_start += dash[-1].end()
    if text[:q_start].rstrip().endswith(":"):
        speaker = colon_lead_speaker(text, text[s_start:q_start].rstrip()[:-1], s_start, mentions, state)
        if speaker:
            return Voice(speaker, None, s_start, q_start), "colon"
        colon = s_start + len(text[s_start:q_start].rstrip()) - 1
        if words_in(text[s_start:colon]) <= 8 and not STATEMENT_VERB_RE.search(text, s_start, colon):
            voice = voice_before(text, colon, s_start, mentions, state)
            if voice and voice.speaker_id and words_in(text[s_start:voice.start]) <= 4:
                return voice, "colon"
    return None, None


# A finite verb for finding a sentence's subject: past forms and speech verbs, not "-s" words (often plural nouns)
SUBJECT_VERB = re.compile(r"\b(?:[a-z]+ed|went|wrote|gave|made|took|spoke|began|held|met|told|said|says|sent|"
                          r"struck|threw|drew|sought|fought|caught|broke|chose|felt|found|heard|paid|rose|sold|"
                          r"spent|swore|taught|thought|understood|wore|beat|"
                          r"brought|led|left|ran|won|lost|saw|came|became|stood|kept|got|had|has|is|was|were|are)\b")
# Forms of be, have and do, and verbs of being and place: a subject of these says nothing
NOT_CLAUSE_VERBS = {"is", "was", "has", "does", "goes", "gets", "seems", "appears", "remains", "becomes", "lives",
                    "works", "serves", "served", "worked", "lived", "remained", "seemed", "appeared", "became",
                    "belongs", "belonged", "stands", "sits", "lies", "being", "having", "doing", "going", "getting",
                    "living", "working", "serving", "born", "died", "dies", "was", "joined", "joins", "led", "leads",
                    "headed", "heads", "owned", "owns", "oversaw", "oversees", "attended", "attends", "visited",
                    # words in -ing that are no verb: "a supporter during the primary"
                    "during", "according", "nothing", "something", "anything", "everything", "thing", "morning",
                    "evening", "king", "spring", "ring", "building", "meeting", "hearing", "briefing", "wedding",
                    "ceiling", "string", "sibling", "funding", "ruling", "spending", "polling", "bring"}
# A wire story's dateline: "PARIS, Aug 31 (Reuters) - ", "WASHINGTON —", "TEHRAN (State Agency) -- "
DATELINE = re.compile(r"\s*[A-Z][A-Z .'’-]{2,30}(?:,\s*[A-Z][\w.]*(?:\s+\d{1,2})?)?\s*(?:\([^()\n]{1,40}\))?\s*(?:-{1,2}|—|–)\s*")
CLAUSE_VERB = re.compile(r"\b(?!(?:news|series|means|species|headquarters|politics|status|crisis|basis|analysis|census|campus|"
                         r"process|access|business|witness|congress|press|mass|class|chaos|gas|bus)\b)"
                         r"((?:[a-z]+(?:ed|es|s)|went|wrote|gave|made|took|spoke|began|knew|thought|put|set|read|"
                         r"[a-z]+ing))\b")


# Reporting verbs after which a paragraph of unframed quotation goes on in the same voice
CONTINUED_BY_QUOTE = {"said", "says", "added", "adds", "told", "tells", "explained", "explains", "argued", "argues",
                      "wrote", "writes", "noted", "notes", "insisted", "insists", "warned", "warns", "stated"}


def passage_statements(text: str, state: DocumentState, carried: Voice | None = None,
                       kind_attribution: str | None = None,
                       quoted_last: Voice | None = None) -> tuple[list[Span], Voice | None]:
    """The voiced spans of one passage's text, and the voice of a quotation left open at its end.

    ``carried`` is the voice of a quotation left open by the passage before (or of its "X said:"
    lead-in); ``quoted_last`` the voice whose quotation ended the passage before ("“…,” X said."):
    a passage that opens with a quotation naming nobody and has no speech verb of its own goes on
    in that voice.
    """
    mentions = find_mentions(text, state)
    quotes = quote_spans(text)
    sentences = sentence_spans(text, quotes)
    dateline = DATELINE.match(text)
    if dateline and sentences and sentences[0][1] > dateline.end():  # "PARIS, Aug 31 (Reuters) - …"
        sentences[0] = (dateline.end(), sentences[0][1])
    mark_subjects(text, mentions, sentences)
    spans = reported_spans(text, sentences, quotes, mentions, state)
    quoted: list[Span] = []
    last_voice: Voice | None = None
    last_cue = None
    last_sentence = None
    last_quote_end = 0
    for index, (q_start, q_end) in enumerate(quotes):
        sentence = next(((s, e) for s, e in sentences if s <= q_start < e), (0, len(text)))
        dash_lead = DASH_NAME_COLON.search(text, max(0, q_start - 80), q_start)
        if dash_lead:  # "Pollsters agree - Carl Bialik: “…”", "- More from Jones: “…”": a bulleted voice
            voice, stop = voice_after_phrase(text, dash_lead.start(1), dash_lead.end(1), mentions, state)
            if voice is not None and voice.speaker_id and stop >= dash_lead.end(1):
                quoted.append(Span(q_start, q_end, voice.speaker_id, "quote", "colon", voice.role))
                spans[:] = [sp for sp in spans if not (sp.start <= q_start < sp.end)] + [
                    Span(sp.start, dash_lead.start(), sp.speaker_id, sp.attribution, sp.cue, sp.role)
                    for sp in spans if sp.start <= q_start < sp.end and sp.start < dash_lead.start()]
                last_voice, last_cue, last_sentence, last_quote_end = voice, "colon", sentence, q_end
                continue
        absolute = absolute_frame(text, q_start, sentence, quotes, mentions, state)
        if absolute is not None:
            voice, verb, opens = absolute
            cue = verb.group(1)
            body_end = clause_end(text, q_end, sentence)
            # "… and Trump calling it …": the next clause ("… and asking, “…”" goes on with the same voice)
            joined = re.search(r",?\s+and\s+(?![a-z]+ing\b)", text[q_end:body_end])
            body_end = q_end + joined.start() if joined else body_end
            c_start = content_after(text, verb, body_end, quotes) or verb.end()
            spans[:] = [piece for sp in spans for piece in (
                Span(sp.start, min(sp.end, opens), sp.speaker_id, sp.attribution, sp.cue, sp.role),
                Span(max(sp.start, body_end), sp.end, sp.speaker_id, sp.attribution, sp.cue, sp.role))
                if piece.end > piece.start]  # the clause is the participle's voice's, whoever the sentence's is
            spans.append(Span(c_start, body_end, voice.speaker_id, "reported", cue, voice.role))
            quoted.append(Span(q_start, q_end, voice.speaker_id, "quote", cue, voice.role))
            last_voice, last_cue, last_sentence, last_quote_end = voice, cue, sentence, q_end
            state.voices.append(voice.speaker_id)
            continue
        holder = next((s for s in spans if s.start <= q_start and q_end <= s.end + 1), None)
        if holder and holder.speaker_id is None and words_in(text[q_start:q_end]) >= QUOTE_MIN_WORDS:
            voice, cue = after_quote_voice(text, q_start, q_end, sentence, quotes, mentions, state, next_sentence=False)
            if voice is not None and voice.speaker_id:  # "“…,” his wife, Gabriela Lazar, wrote": its own named frame
                quoted.append(Span(q_start, q_end, voice.speaker_id, "quote", cue, voice.role))
                last_voice, last_cue, last_sentence, last_quote_end = voice, cue, sentence, q_end
                state.voices.append(voice.speaker_id)
                continue
        if holder:
            quoted.append(Span(q_start, q_end, holder.speaker_id, "quote", holder.cue, holder.role))
            last_voice, last_cue, last_sentence = Voice(holder.speaker_id, holder.role, 0, 0), holder.cue, sentence
            continue
        if words_in(text[q_start:q_end]) < QUOTE_MIN_WORDS and re.search(r"[,?!][”\"’']*$|^[^,]*$", text[q_start:q_end]) \
                and re.match(r"[,]?\s*(?:[a-z]+\s+)?[A-Z]", text[q_end:q_end + 40]) and re.search(r"[,?!]", text[q_end - 3:q_end + 1]):
            voice, cue = quote_voice(text, q_start, q_end, sentence, quotes, mentions, state)
            if voice is not None:  # “Debate recap,” tweeted Rubio spokesman Alex Conant.
                quoted.append(Span(q_start, q_end, voice.speaker_id, "quote", cue, voice.role))
                last_voice, last_cue, last_sentence, last_quote_end = voice, cue, sentence, q_end
                continue
        if words_in(text[q_start:q_end]) < QUOTE_MIN_WORDS and SHORT_ANSWER_FRAME.search(text, max(0, q_start - 40), q_start):
            voice, cue = quote_voice(text, q_start, q_end, sentence, quotes, mentions, state)
            if voice is not None:  # "Mrs. Clinton said, ''No.''": a short answer is speech when a verb frames it
                quoted.append(Span(q_start, q_end, voice.speaker_id, "quote", cue, voice.role))
                last_voice, last_cue, last_sentence, last_quote_end = voice, cue, sentence, q_end
                continue
        if words_in(text[q_start:q_end]) < QUOTE_MIN_WORDS and NAMED_AS.search(text, sentence[0], q_start):
            voice, cue = quote_voice(text, q_start, q_end, sentence, quotes, mentions, state)
            if voice is not None:  # "which Trump had called a “disaster”": a name the voice gave
                quoted.append(Span(q_start, q_end, voice.speaker_id, "quote", cue, voice.role))
                continue
        if words_in(text[q_start:q_end]) < QUOTE_MIN_WORDS:
            found = clause_frame(text, q_start, sentence, quotes, mentions, state)
            if found is None:
                continue
            voice, verb = found
            body_end = clause_end(text, q_end, sentence)
            c_start = content_after(text, verb, body_end, quotes) or verb.end()
            spans.append(Span(c_start, body_end, voice.speaker_id, "reported", verb.group(0).lower(), voice.role))
            quoted.append(Span(q_start, q_end, voice.speaker_id, "quote", verb.group(0).lower(), voice.role))
            continue
        if index == 0 and carried is not None and not text[:q_start].strip():
            voice, cue = after_quote_voice(text, q_start, q_end, sentence, quotes, mentions, state, next_sentence=False)
            if voice is None or not voice.speaker_id:  # "“…,” Kelly charged." inside an excerpt is still Kelly's
                voice, cue = carried, "continued"
        else:
            voice, cue = quote_voice(text, q_start, q_end, sentence, quotes, mentions, state)
        if voice is None and index == 0 and quoted_last is not None and not text[:q_start].strip() \
                and not any(True for _ in statement_verbs(text, 0, len(text), quotes)):
            voice, cue = quoted_last, "continued"  # "“…,” X said." then a paragraph of quotation
        if voice is None and not text[sentence[0]:q_start].strip():
            voice, cue = frame_sentence_before(text, sentence, sentences, quotes, mentions, state)
        if voice is None and words_in(text[sentence[0]:q_start]) >= 3:
            # "Huckabee called the program “worse than amnesty.”": the clause's own subject before any continuation
            found = clause_frame(text, q_start, sentence, quotes, mentions, state)
            if found is not None and found[0].speaker_id:
                voice, verb = found
                cue = verb.group(0).lower()
                body_end = clause_end(text, q_end, sentence)
                c_start = content_after(text, verb, body_end, quotes) or verb.end()
                spans.append(Span(c_start, body_end, voice.speaker_id, "reported", cue, voice.role))
        if voice is None and last_voice is not None and last_sentence is not None and not frame_in(text, sentence, quotes) \
                and (sentence[0] - last_sentence[1] <= 1 or words_in(text[last_quote_end:q_start]) <= 8):
            voice, cue = last_voice, last_cue  # "“…,” he said. “…”": the next quotation is the same voice's
        if voice is None and last_voice is not None and last_sentence == sentence:
            voice, cue = last_voice, last_cue  # "“…,” he said, “…”": one sentence, one voice
        if voice is None and last_voice is not None and last_voice.speaker_id and not frame_in(text, sentence, quotes) \
                and index > 0 and same_voice_between(text, quotes[index - 1][1], sentence[0], last_voice, sentences, quotes,
                                                     mentions, state):
            voice, cue = last_voice, last_cue  # "“…,” said X, a nurse. She moved here in May. “…”": still X
        if voice is None and not text[sentence[0]:q_start].strip() and not frame_in(text, sentence, quotes):
            reported = reported_before(text, sentence, sentences, spans)
            if reported is not None:  # "X said the archive was closed. “They burned the files.”": still X
                voice, cue = Voice(reported.speaker_id, reported.role, 0, 0), reported.cue
        if voice is None:
            found = clause_frame(text, q_start, sentence, quotes, mentions, state)
            if found is None:
                continue
            voice, verb = found
            cue = verb.group(0).lower()
            body_end = clause_end(text, q_end, sentence)
            c_start = content_after(text, verb, body_end, quotes) or verb.end()
            spans.append(Span(c_start, body_end, voice.speaker_id, "reported", cue, voice.role))
        quoted.append(Span(q_start, q_end, voice.speaker_id, "quote", cue, voice.role))
        last_voice, last_cue, last_sentence, last_quote_end = voice, cue, sentence, q_end
        if voice.speaker_id:
            state.voices.append(voice.speaker_id)
    open_voice = None
    if left_open(text, quotes):
        final = next((s for s in quoted if s.start == quotes[-1][0]), None)
        if final is not None:
            open_voice = Voice(final.speaker_id, final.role, 0, 0)
    elif text.rstrip().endswith(":") and sentences:
        # "Espinoza said in a statement:" above a quotation: the lead-in's voice goes on
        s_start, s_end = sentences[-1]
        verbs = list(statement_verbs(text, s_start, s_end, quotes))
        issued = list(ISSUED_STATEMENT.finditer(text, s_start, s_end))
        said_first = SAID_FIRST.match(text, s_start, s_end)
        if said_first:  # "Stated Stone:", "Said Dorothy Poynter, who grew up with Ali:" above the quotation
            voice, stop = voice_after_phrase(text, said_first.end(), s_end, mentions, state)
            if voice is not None and voice.speaker_id and not text[stop:s_end].strip(" ,:"):
                open_voice = voice
        elif verbs and words_in(text[verbs[-1].end():s_end]) <= LEAD_IN_MAX_WORDS:
            voice = voice_before(text, verbs[-1].start(), s_start, mentions, state)
            if voice is not None:
                open_voice = voice
        elif issued and words_in(text[issued[-1].end():s_end]) <= LEAD_IN_MAX_WORDS:
            # "The DNC issued a statement apologizing to Sanders:" above the quotation
            voice = voice_before(text, issued[-1].start(), s_start, mentions, state)
            if voice is not None and voice.speaker_id:
                open_voice = voice
    # Quotations inside a reported span cut it; a quotation's own voice wins where they disagree.
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        pieces = [span]
        for q in quoted:
            next_pieces = []
            for piece in pieces:
                if q.end <= piece.start or q.start >= piece.end:
                    next_pieces.append(piece)
                    continue
                if piece.start < q.start:
                    next_pieces.append(Span(piece.start, q.start, piece.speaker_id, piece.attribution, piece.cue, piece.role))
                if q.end < piece.end:
                    next_pieces.append(Span(q.end, piece.end, piece.speaker_id, piece.attribution, piece.cue, piece.role))
            pieces = next_pieces
        merged.extend(p for p in pieces if any(c.isalnum() for c in text[p.start:p.end]))
    voiced = sorted(merged + quoted, key=lambda s: s.start)
    turns = transcript_turns(text, mentions, state)
    if turns:  # a transcript's turns are their speakers' words, whatever else a clause inside them frames
        voiced = sorted([sp for sp in voiced if not any(t.start < sp.end and sp.start < t.end for t in turns)] + turns,
                        key=lambda s: s.start)
    result: list[Span] = []
    for span in voiced:
        if result and span.start < result[-1].end:
            span = Span(result[-1].end, span.end, span.speaker_id, span.attribution, span.cue, span.role)
            if span.end <= span.start:
                continue
        result.append(span)
    if kind_attribution:
        for span in result:
            span.attribution = kind_attribution
    return result, open_voice


# A transcript's speaker label: "NASRIN TAVAKOLI: …", "TOMÁS FERREIRA (Amnesty Brazil): …", "A (Lina Haddad, …): …",
# "[00:14:32] JUDGE: …", at the start of the passage or of a sentence
TRANSCRIPT_LABEL = re.compile(
    rf"(?:^|(?<=[.?!…])\s+|(?<=[.?!…][”\"’])\s+|(?<=\])\s+)(?P<label>[{UPPER}][{UPPER}’'.-]*(?:\s+[{UPPER}][{UPPER}’'.-]*){{0,3}})"
    r"(?:\s*\((?P<paren>[^()\n]{1,90})\))?:\s+")
# An interview's answer under the speaker's name and title in ordinary capitals, opening the paragraph
TITLED_LABEL = re.compile(r"\s*((?:[A-Z][\w.’'-]*\s+){1,6}[A-Z][\w.’'-]*)(?:\s*\(([^()\n]{1,80})\)|,\s+([^,:;\n]{2,80}))?:\s+"
                          r"(?=[A-Z“\"‘'])")
# Labels of the asking side and of no one: the outlet's own part of the exchange
INTERVIEWER_LABELS = {"q", "question", "host", "interviewer", "moderator", "presenter", "anchor", "reporter",
                      "correspondent", "journalist"}
INTERVIEWER_TURN = re.compile(r"\s*(?i:" + "|".join(sorted(INTERVIEWER_LABELS)) + r")\s*:\s")
NO_SPEAKER_LABELS = {"a", "answer", "note", "update", "updated", "breaking", "breaking news", "exclusive", "watch", "read",
                     "read more", "more", "live", "video", "photos", "photo", "correction", "editor's note", "editor’s note",
                     "source", "sources", "caption", "related", "see also", "warning", "analysis", "opinion", "comment"}


def transcript_turns(text: str, mentions: list[Mention], state: DocumentState) -> list[Span]:
    """The turns of a transcript or interview in the passage: each named label's words up to the next label.

    A label is a name in capitals before a colon ("NASRIN TAVAKOLI:"), or "A" with the name in brackets
    ("A (Lina Haddad, Syrian Network for Missing Persons):"); the asking side ("Q:", "HOST:") is the outlet's.
    A lone label counts only with brackets after it: two or more make a dialogue.
    """
    labels = [m for m in TRANSCRIPT_LABEL.finditer(text) if not re.fullmatch(r"[\d\W]+", m.group("label"))]
    titled = TITLED_LABEL.match(text) if not labels else None
    if titled and not VERB_RE.search(titled.group(1)) and words_in(text[titled.end():]) >= 6 \
            and fold(titled.group(1)) not in NO_SPEAKER_LABELS:
        # "Deputy Justice Minister Ali Rezaei: These figures are invented …": an interview's answer, the name in full
        known, heard = state.checkpoint(), list(mentions)
        voice = voice_before(text, titled.end(1), 0, mentions, state)
        last_role_word = fold(voice.role.split()[-1]).strip(".") if voice is not None and voice.role else ""
        titled_role = last_role_word not in ("u.s", "us", "uk", "un") and (
            last_role_word in TITLE_WORDS or last_role_word in VOICE_PERSON_NOUNS)  # (not "… U.S. Election:")
        if voice is not None and voice.speaker_id and state.type_of(voice.speaker_id) == "person" \
                and (titled_role or (voice.speaker_id in state.registry.speakers or voice.speaker_id in known[0] or state.asking)
                     and not voice.role and not text[:voice.start].strip()):
            # (after "Interviewer: …?", "Mahmoud Rastegar: There were 96 of us." is the answer)
            return [Span(titled.end(), len(text.rstrip()), voice.speaker_id, "quote", "transcript",
                         voice.role or (titled.group(2) or titled.group(3) or "").strip() or None)]
        # ("AP-GfK Poll: Voters …", "Delegate Update: …": a headline's kicker, no one met before and no title)
        state.forget_since(known)
        mentions[:] = heard
    turns = []
    for index, label in enumerate(labels):
        end = labels[index + 1].start("label") if index + 1 < len(labels) else len(text)
        end = label.end() + len(text[label.end():end].rstrip())
        words = " ".join(label.group("label").split())
        paren = label.group("paren")
        if fold(words) in INTERVIEWER_LABELS or end <= label.end():
            continue
        role = None
        if fold(words) in ("a", "answer") and paren:  # "A (Lina Haddad, Syrian Network …):"
            name, _, role = paren.partition(",")
            name, role = name.strip(), role.strip() or None
        elif fold(words) in NO_SPEAKER_LABELS:
            continue
        else:
            name = " ".join(w.capitalize() if not w.isdigit() else w for w in words.split())
            role = paren.strip() if paren else None
        if not (paren or len(labels) >= 2):
            continue  # "UN: PEACEKEEPERS PAYING …": a headline's source, not a turn
        known = state.registry.by_alias.get(fold(name)) or state.new_aliases.get(fold(name))
        if not known and not (len(name.split()) >= 2 and plausible_name(name)):
            continue
        speaker = known or state.new_speaker(name, text)
        turns.append(Span(label.end(), end, speaker, "quote", "transcript", role))
    return turns


def left_open(text: str, quotes) -> bool:
    """Whether the text's last quotation runs to its end unclosed: the next paragraph goes on with it."""
    body = text.rstrip()
    return bool(quotes) and quotes[-1][1] >= len(body) and body[-1:] not in "”\"»" and not body.endswith(("''", "’’"))


def reported_before(text: str, sentence, sentences, spans: list[Span]) -> Span | None:
    """The named voice's reported speech that runs to the end of the sentence right before ``sentence``."""
    index = sentences.index(sentence) if sentence in sentences else -1
    if index <= 0:
        return None
    p_start, p_end = sentences[index - 1]
    body_end = p_start + len(text[p_start:p_end].rstrip().rstrip(".!?”\"’)"))
    for span in spans:
        if span.attribution == "reported" and span.speaker_id and p_start <= span.start < body_end \
                and span.end >= body_end and words_in(text[span.start:span.end]) >= 3:
            return span
    return None


def same_voice_between(text: str, start: int, end: int, voice: Voice, sentences, quotes, mentions, state) -> bool:
    """Whether the sentences between a quotation and the next one of its paragraph name no other voice:
    no other speaker opens a clause, no speech verb has another subject, no sentence opens with a
    name, and they are short (at most 60 words)."""
    if end <= start or words_in(text[start:end]) > 60:
        return end <= start
    for mention in mentions:
        if start <= mention.start < end and mention.subject and mention.how != "pronoun" \
                and mention.speaker_id != voice.speaker_id:
            return False
    for verb in statement_verbs(text, start, end, quotes):
        s_start, s_end = next(((s, e) for s, e in sentences if s <= verb.start() < e), (start, end))
        other = voice_before(text, verb.start(), max(s_start, start), mentions, state)
        if other is None:  # the quotation's own frame: "…,” said X, a nurse."
            other, _ = voice_after_phrase(text, verb.end(), min(s_end, end), mentions, state)
        if other is None or other.speaker_id != voice.speaker_id:
            return False
    for s_start, s_end in sentences:
        if start <= s_start < end:
            opening = STATEMENT_NAME_RE.match(text, s_start + len(text[s_start:s_end]) - len(text[s_start:s_end].lstrip()), s_end)
            if opening and plausible_name(clean_name(opening.group(0))[0] or "") and \
                    state.new_aliases.get(fold(clean_name(opening.group(0))[0])) != voice.speaker_id and \
                    state.registry.by_alias.get(fold(clean_name(opening.group(0))[0])) != voice.speaker_id:
                return False
    return True


SHORT_ANSWER_FRAME = re.compile(r"\b(?:said|says|replied|replies|answered|answers|responded|asked|shouted|yelled|added)"
                                r"(?:\s+(?:simply|flatly|only|quickly|firmly))?\s*[,:]\s*$")
# "Pollsters agree - Carl Bialik: “…”", "- More from Blumenthal and Cohen: “…”": a bulleted voice (or two, led by the first)
DASH_NAME_COLON = re.compile(r"(?:^|\s[-—–]\s*(?:More\s+from\s+)?)((?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]*)"
                             r"(?:\s+and\s+(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]*)?:\s*$")


# "what Newt Gingrich called “…”", "which Mr. Trump called ''a disgrace''", "who Beck on Wednesday called “…”": a
# relative clause names the quotation's voice, whatever the main clause's subject
WHAT_CALLED = re.compile(r"\b(?:what|which|whom|who)\s+(?=(?:the\s+)?[A-Z]|(?:one|a|an|the|another|some)\s+[a-z])")
WHAT_CALLED_VERB = re.compile(r"(?:,?\s+(?:on\s+[A-Z][a-z]+day|[a-z]+ly|once|later|(?:has|have|had)(?:\s+\w+ly)?))*,?\s+"
                              r"((?:called|calls|call|dubbed|dubs|termed|terms|labeled|labelled|labels|branded|brands|"
                              r"described|describes|(?:remembers|remembered|recalls|recalled)(?=\s+as))(?:\s+as)?)"
                              r"(?:\s+(?:it|him|her|them))?\s*$")


def clause_frame(text: str, q_start: int, sentence, quotes, mentions, state):
    """The voice whose clause holds a quotation, and its verb, when no speech verb frames it.

    "Sanders has pushed his promise of “free college”", "Trump called the judge “Spanish”": the
    outlet paraphrases the voice and quotes a few of its words; the paraphrase is reported speech.
    """
    s_start, _ = sentence
    if re.search(r"\b(?:been|being|is|was|were|are|be)\s+(?:\w+ly\s+)?(?:described|called|dubbed|termed|labell?ed|branded|"
                 r"known|referred\s+to)\s+(?:as\s+)?(?:(?:a|an|the)\s+)?$", text[max(s_start, q_start - 80):q_start]):
        return None  # "sending what has been described as a “political army”": a passive naming, nobody's words
    named = WHAT_CALLED.search(text, max(s_start, q_start - 200), q_start)
    if named and not inside(named.start(), quotes):  # "in what Bay Buchanan, …, called “hand-to-hand combat”"
        voice, stop = voice_after_phrase(text, named.end(), q_start, mentions, state)
        aside = re.match(r"\s*,\s*(?:who|which)\b[^,;“”\"]{1,120},", text[stop:q_start]) if voice is not None else None
        stop += aside.end() if aside else 0  # "what one nurse, who asked not to be named, remembers as “…”"
        verb = WHAT_CALLED_VERB.match(text, stop, q_start) if voice is not None and (voice.speaker_id or voice.role) else None
        if verb and voice.start == named.end() + len(text[named.end():q_start]) - len(text[named.end():q_start].lstrip()):
            return voice, re.compile(r"(\w+(?:\s+as)?)").match(text, verb.start(1))
    boundary = None
    for boundary in re.finditer(r"(?:,\s*(?:while|whereas|but|and)|\s(?:while|whereas)|;)\s+", text[s_start:q_start]):
        pass
    if boundary is not None and not inside(s_start + boundary.start(), quotes):
        found = clause_frame(text, q_start, (s_start + boundary.end(), sentence[1]), quotes, mentions, state)
        if found is not None:
            return found  # "Christie refers to him as “Mr. Trump,” while Trump refers to the governor as “Chris.”"
    for verb in CLAUSE_VERB.finditer(text, s_start, q_start):
        if inside(verb.start(), quotes) or verb.group(1) in NOT_CLAUSE_VERBS:
            continue
        if words_in(text[s_start:verb.start()]) > 25:
            break
        if not verb.group(1).endswith("ing") and PAST_PARTICIPLE_AFTER_BE.search(text[max(0, verb.start() - 24):verb.start()]):
            continue
        if verb.group(0) in NOUNISH_VERBS and NOUN_PHRASE_BEFORE.search(text[max(0, verb.start() - 40):verb.start()]):
            continue
        voice = voice_before(text, verb.start(), s_start, mentions, state)
        if voice is None or not (voice.speaker_id or voice.role):
            continue
        if re.search(r",\s*(?:who|which)\b[^,]*$", text[s_start:verb.start()]):
            continue  # "Petrilli, who thinks the administration made …, called": a relative clause's verb
        opening = re.match(r"(?i:after|when|while|because|if|although|though|since|before|once|until|as)\s+",
                           text[voice.start:voice.end])  # the phrase may hold its clause's opener: "As Blumenthal"
        lead = text[s_start:voice.start + (opening.end() if opening else 0)]
        subordinate = re.search(r"\b(?:after|when|while|because|if|although|though|since|before|once|until|as)\s+(?:\w+\s+){0,2}$",
                                lead, re.IGNORECASE) and not re.search(r"\w\s+as\s+$", lead)  # "As X spoke, …" is; "known as X" not
        if words_in(lead) > 4 and not re.search(r"(?:[,:]|\b(?:what|which|that|as))\s*$", lead) and not subordinate:
            continue
        if subordinate and "," in text[verb.end():q_start]:
            continue  # "after the Supreme Court refused …, McCrory blamed “…”": the main clause's quotation
        between = re.sub(r",[^,]*,", " ", text[voice.end:verb.start()])  # appositives may hold "who"
        if re.search(r"\b(?:that|who|which|because|if|when|whose)\b", between):
            continue
        return voice, verb
    return None


# "…, with Sen. John McCain calling it a “Chinese menu.”", "– Ryan saying he was “very encouraged” and Trump calling
# it a “great meeting.”": an absolute clause, a named voice and its participle, frames the quotation it holds
NAMING_PARTICIPLES = {"calling", "describing", "labeling", "labelling", "dubbing", "branding", "deriding", "accusing"}
# "with" and a name or a voice noun just before a participle: "…, with the ACLU of Ohio saying …"
WITH_SUBJECT = re.compile(r"(?:^|[,;—–]\s*|\s)with\s+(?:the\s+)?(?:(?:[A-Z][\w.’'-]*|of|the|de|al)\s+){0,6}?"
                          r"(?:[A-Z][\w.’'-]*|(?:" + VOICE_NOUN_ALTERNATION + r"))"
                          # "with organisers in London saying …": the place the voice is in
                          r"(?:\s+(?:in|at|from)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2})?\s+(?:[a-z]+ly\s+)?$")
ABSOLUTE_OPENER = re.compile(r"(?:\b[Ww]ith|\s[-—–]{1,2}|\band)\s+(?:the\s+)?(?=[A-Z])")
ABSOLUTE_PARTICIPLES = {
    "saying", "calling", "telling", "tweeting", "asking", "yelling", "shouting", "promising", "noting", "declaring",
    "warning", "arguing", "insisting", "describing", "adding", "writing", "labeling", "labelling", "dubbing", "urging",
    "vowing", "claiming", "accusing", "predicting", "joking", "quipping", "explaining", "suggesting", "stating",
    "announcing", "posting", "complaining", "lamenting", "deriding", "branding", "boasting", "pledging", "stressing",
    "chanting", "retorting", "replying", "responding", "answering", "admitting", "acknowledging", "conceding"}


def absolute_frame(text: str, q_start: int, sentence, quotes, mentions, state):
    """The voice and participle of an absolute clause ("with X saying …") that holds the quotation, and where it opens."""
    s_start, _ = sentence
    participles = [m for m in re.finditer(r"\b([a-z]+ing)\b", text[s_start:q_start])
                   if m.group(1) in ABSOLUTE_PARTICIPLES and not inside(s_start + m.start(), quotes)]
    if not participles:
        return None
    verb = re.compile(r"\b([a-z]+ing)\b").match(text, s_start + participles[-1].start())
    between = text[verb.end():q_start]
    if any(not v.group(1).endswith("ing") for v in statement_verbs(text, verb.end(), q_start, quotes)) \
            or re.search(r"[.;]\s", between):
        return None  # another verb, another clause: the quotation is not the participle's
    openers = [m for m in ABSOLUTE_OPENER.finditer(text, max(s_start, verb.start() - 120), verb.start())
               if not inside(m.start(), quotes)]
    if not openers or not re.fullmatch(r"(?:[A-Z][\w.’'-]*|of|the|de|van|von|al|\([^()]{1,30}\)|,)(?:\s+(?:[A-Z][\w.’'-]*|of|the|de|"
                                      r"van|von|al|\([^()]{1,30}\)|,))*\s+(?:[a-z]+ly\s+)?", text[openers[-1].end():verb.start()]):
        return None  # only a name (its title, a party tag) and an adverb between the opener and the participle
    opener = openers[-1]
    if opener.group(0).lstrip().startswith("and") and not re.search(
            r"(?:\b[Ww]ith|\s[-—–]{1,2})\s+[A-Z][^.;]*?\b[a-z]+ing\b", text[s_start:opener.start()]):
        return None  # "and Trump calling it …" only goes on an absolute clause opened before it
    voice, stop = voice_after_phrase(text, opener.end(), verb.start(), mentions, state)
    if voice is None or not voice.speaker_id or voice.start != opener.end() \
            or not re.fullmatch(r"\s*(?:[a-z]+ly\s+)?", text[stop:verb.start()]):
        return None
    return voice, verb, opener.start()


def frame_sentence_before(text: str, sentence, sentences, quotes, mentions, state):
    """ "Iowa State's Dianne Bystrom agreed. “…”": a short sentence that only names a voice and its verb."""
    index = sentences.index(sentence) if sentence in sentences else -1
    if index <= 0:
        return None, None
    p_start, p_end = sentences[index - 1]
    body = text[p_start:p_end].rstrip()
    if words_in(body) > 24 or any(c in body for c in "“”\"«»"):
        return None, None
    # "Sam Lau, the party's spokesman, said in a statement.": the verb and its adjuncts end the sentence
    verb = re.search(r"\b([a-z]+ed|said|says|told|wrote|added|agreed|explained|continued|put it)\b"
                     r"(?:\s+(?:\w+ly|it|this|that|so|too|later|then))?(?:" + ADJUNCTS.pattern + r")\s*[.:!]?$", body)
    if not verb or re.search(r"\b(?:am|is|are|was|were|be|been|being|not|never|n[’']t)\s+(?:\w+ly\s+)?$", body[:verb.start(1)]):
        return None, None  # "The families were not consulted.": a passive or a negation frames no quotation
    voice = voice_before(text, p_start + verb.start(1), p_start, mentions, state)
    return (voice, verb.group(1).lower()) if voice else (None, None)


def clause_end(text: str, position: int, sentence) -> int:
    """Where the clause holding ``position`` ends: at ", while …", ", but …", "; " or the sentence's end."""
    body_end = sentence[0] + len(text[sentence[0]:sentence[1]].rstrip())
    boundary = re.search(r"(?:,\s*(?:while|whereas|but)|\s(?:while|whereas)|;)\s+", text[position:body_end])
    return position + boundary.start() if boundary else body_end


def frame_in(text: str, sentence, quotes) -> bool:
    """Whether a sentence has a speech verb outside its quotations (then it names its own voice)."""
    s_start, s_end = sentence
    return any(True for _ in statement_verbs(text, s_start, s_end, quotes))


# What a written role may open with that is not part of it: "As the Hollywood columnist", "Instead, Matthews, …"
ROLE_CONNECTIVE = re.compile(r"(?:(?:as|and|but|or|so|yet|instead|however|meanwhile|also|then|still)\b(?![-’'])(?:\s*,)?\s*)+", re.IGNORECASE)
ROLE_NOT = re.compile(r"(?:what|which|whom|who|whose|that|in|on|for|by|to|including|especially|particularly)\b|.*\b(?:said|says|told|tells|asked(?!\s+not\s+to\s+be\b|\s+for\s+anonymity\b)|wrote|added|noted)\b"
                      r"|.*-$|(?:(?:Mr|Mrs|Ms|Miss|Mx)\.?\s*)+$", re.IGNORECASE)


def plain_role(role: str | None) -> str | None:
    """The role as a reader may cite it, or None: "Mr." alone is a form of address ("Dr." is a role) and "which President Obama",
    "Mr. Ross said Mr.", "in particular" are pieces of the sentence, not a description of the voice."""
    if role is None:
        return None
    role = role[ROLE_CONNECTIVE.match(role).end():].strip() if ROLE_CONNECTIVE.match(role) else role.strip()
    if not re.search(r"[^\W\d_]", role) or ROLE_NOT.match(role):
        return None
    return role


def fill_statements(text: str, spans: list[Span], offset: int = 0) -> list[Statement]:
    """Statements covering ``text`` exactly: the voiced spans (shifted by ``offset``), the outlet between.

    A gap with no letter or digit (a space, a full stop) joins the statement before it.
    """
    statements: list[Statement] = []
    position = 0
    for span in sorted(spans, key=lambda s: s.start):
        start, end = span.start + offset, span.end + offset
        if start < position:
            start = position
        if end <= start:
            continue
        if start > position:
            gap = text[position:start]
            if statements and not any(c.isalnum() for c in gap):
                statements[-1].end = start
            else:
                statements.append(Statement(position, start))
        statements.append(Statement(start, end, span.speaker_id, span.attribution, span.cue, None, plain_role(span.role)))
        position = end
    if position < len(text):
        gap = text[position:]
        if statements and not any(c.isalnum() for c in gap):
            statements[-1].end = len(text)
        else:
            statements.append(Statement(position, len(text)))
    if not statements:
        statements.append(Statement(0, len(text)))
    return statements


# ---------------------------------------------------------------------------------------------
# The rules


@dataclass
class Finding:
    speaker_id: str
    attribution: str
    cue: str
    whole_quote: bool = False
    lead_in: bool = False  # the cue ends its text ("… wrote in its 2018 report"): it frames what follows


def find_quote(text: str, quotes, sentences, mentions, state) -> Finding | None:
    for q_start, q_end in quotes:
        if words_in(text[q_start:q_end]) < QUOTE_MIN_WORDS:
            continue
        sentence = next(((s, e) for s, e in sentences if s <= q_start < e), (0, len(text)))
        s_start, s_end = sentence
        frame = [v for v in speech_verbs(text, s_start, q_start, quotes)]
        close = frame[-1] if frame else None
        # A verb right before the quotation ("said:", "said, “", "stated that “") decides first.
        if close and words_in(text[close.end():q_start]) <= 2:
            speaker, _ = subject_of(text, close.start(), sentence, mentions, state)
            if speaker:
                return Finding(speaker, "quote", cue_for(text, close, s_end), share(text, quotes) >= QUOTE_KIND_SHARE)
        after = text[q_end:s_end]
        # "“…,” as described by UN experts"
        described = re.match(r"\s*,?\s*" + AS_DESCRIBED_BY.pattern, after)
        if described:
            speaker = voice_after(text, q_end + described.end(), s_end, mentions, state)
            if speaker:
                return Finding(speaker, "quote", f"as {described.group(1)} by", share(text, quotes) >= QUOTE_KIND_SHARE)
        # "“…,” said Diana Eltahawy, …"
        verb_first = re.match(rf"\s*,?\s*({VERB_ALTERNATION})\s+", after)
        if verb_first and verb_first.group(1) in SPEECH_VERBS:
            speaker = voice_after(text, q_end + verb_first.end(), s_end, mentions, state)
            if speaker:
                return Finding(speaker, "quote", verb_first.group(1).lower(), share(text, quotes) >= QUOTE_KIND_SHARE)
        # "“…,” Amnesty International said" / "“…,” she said"
        for verb in speech_verbs(text, q_end, min(s_end, q_end + 200), quotes):
            if words_in(text[q_end:verb.start()]) > 12:
                break
            speaker, mention = subject_of(text, verb.start(), (q_end, s_end), mentions, state)
            if speaker:
                return Finding(speaker, "quote", cue_for(text, verb, s_end), share(text, quotes) >= QUOTE_KIND_SHARE)
            break
        # A verb further back in the sentence: "They said if the authorities “continue …”"
        if close:
            speaker, _ = subject_of(text, close.start(), sentence, mentions, state)
            if speaker:
                return Finding(speaker, "quote", cue_for(text, close, s_end), share(text, quotes) >= QUOTE_KIND_SHARE)
        # "Mrs. X, the President …: “…”" with no verb
        if text[:q_start].rstrip().endswith(":"):
            lead = colon_lead_speaker(text, text[s_start:q_start].rstrip()[:-1], s_start, mentions, state)
            if lead:
                return Finding(lead, "quote", "colon", share(text, quotes) >= QUOTE_KIND_SHARE)
    return None


def share(text: str, quotes) -> float:
    letters = sum(1 for c in text if c.isalnum())
    quoted = sum(1 for s, e in quotes for c in text[s:e] if c.isalnum())
    return quoted / letters if letters else 0.0


def is_block_quote(text: str) -> bool:
    """A passage that is all quotation: it opens with a quotation mark and is (nearly) all quoted."""
    stripped = text.strip()
    return bool(stripped) and stripped[0] in "“\"‘«" and share(stripped, quote_spans(stripped)) >= BLOCK_QUOTE_SHARE


HEADLINE_SAYS = re.compile(
    # a live blog's entry heading may follow its byline and time stamp on the same line ("… 9:23PMRubio Says …")
    r"(?:[^\n]{0,160}?\b\d{1,2}:\d{2}\s?(?:AM|PM|am|pm|a\.m\.|p\.m\.)\s*(?=[A-Z]))?"
    # a short lead before the subject: "Wow: Al Sharpton Just Said …", "After the Speech, Trump Said …",
    # "… Sea— Hillary Clinton Says …"
    r"(?:(?:[^\n:;,—–“”\"]{1,70}?(?:[:;]|\s?[—–]|\s-{1,2})|(?:After|Before|In|On|At|Amid|As|With|Despite|Following|"
    r"Immediately|Hours|Days|Weeks|During|Since|When|While|Ahead)\b[^\n:;,—–“”\"]{1,70}?,)\s*(?=[A-Z]))?"
    r"(?!(?:If|When|Unless|Whether|What|Why|How|Where|Who|Whatever|Whoever|Even|Though|Although|Because)\s)"
    r"((?:[A-Z][\w.’'-]*\s+){0,3}(?!(?:Just|Now|Again|Also|Finally)\s)[A-Z][\w.’'-]*)\s+((?:(?:Just|Now|Again|Also|Finally)\s+)?"
    r"(?:Says|Tells|Warns|Claims|Admits|Denies|Insists|Argues|Tweets|Announces|Vows|Confirms|Predicts|Promises|Explains|"
    r"Writes|Declares|Suggests|Reports|Urges|Calls\s+(?:For|On|Out)|Said|Told|Warned|Vowed|Called\s+(?:For|On|Out)))"
    r"\s+(?=\S)")


# "…, says Iran Human Rights", "…, police sources say": a reporting frame closing a headline after a comma
HEADLINE_FRAME_LAST = re.compile(r"\w[^,]{10,},\s+(?:(?:says|say|said|warns|claims|reports|tells)\s+(?:the\s+)?[A-Z][^,;:]{1,60}"
                                 r"|(?:[^,;:\s]+\s+){0,4}[^,;:\s]+\s+(?:says|say|said|warns|warn|claims|claim))$")


def headline_says(text: str) -> re.Match | None:
    return HEADLINE_SAYS.match(text)


def headline_spans(text: str, says: re.Match, state: DocumentState) -> list[Span]:
    """"Hillary Clinton Says EgyptAir Crash Seems Like …": the headline's claim is its named voice's.
    The verb is read lower-cased (offsets unchanged) by the statement rules; only a voice they find
    whose subject is a plausible name or a registry speaker is kept."""
    # the byline and time stamp before a live blog's heading are masked, same length
    lowered = " " * says.start(1) + text[says.start(1):says.start(2)] + says.group(2).lower() + text[says.end(2):]
    found, _ = passage_statements(lowered, state)
    return [sp for sp in found if sp.speaker_id and sp.start >= says.end(2)
            and (sp.speaker_id in state.registry.speakers or plausible_name(clean_name(says.group(1))[0]))]


def is_headline(text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w’'-]*", text)
    long_words = [w for w in words if len(w) >= 4]
    if len(long_words) < 2:
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised / len(long_words) >= HEADLINE_CAPITALISED_SHARE


def colon_lead_speaker(text: str, lead: str, lead_start: int, mentions, state) -> str | None:
    """The voice that a verbless "Name, title:" lead names at its start."""
    if words_in(lead) > COLON_LEAD_MAX_WORDS or VERB_RE.search(lead):
        return None
    lead_end = lead_start + len(lead)
    inner = [m for m in mentions if lead_start <= m.start and m.end <= lead_end and m.how != "pronoun"]
    if not inner:
        return None
    first = inner[0]
    if words_in(text[lead_start:first.start]) > 1 or not subject_eligible(text, first, lead_start):
        return None
    return first.speaker_id


def find_colon(text: str, quotes, mentions, state) -> Finding | None:
    colon = re.search(r":\s", text)
    if not colon or inside(colon.start(), quotes):
        return None
    rest = text[colon.end():]
    if is_headline(rest.split(".")[0]):
        return None
    speaker = colon_lead_speaker(text, text[:colon.start()], 0, mentions, state)
    if speaker:
        return Finding(speaker, "quote", "colon", True)
    return None


def find_reported(text: str, quotes, sentences, mentions, state) -> Finding | None:
    for sentence in sentences:
        s_start, s_end = sentence
        events = []
        for verb in speech_verbs(text, s_start, s_end, quotes):
            events.append((verb.start(), "verb", verb))
        for match in ACCORDING_TO.finditer(text, s_start, s_end):
            events.append((match.start(), "according", match))
        for match in AS_DESCRIBED_BY.finditer(text, s_start, s_end):
            events.append((match.start(), "described", match))
        for _, how, match in sorted(events, key=lambda e: e[0]):
            if inside(match.start(), quotes):
                continue
            if how == "verb":
                speaker, _ = subject_of(text, match.start(), sentence, mentions, state)
                if speaker:
                    tail = words_in(text[match.end():s_end])
                    return Finding(speaker, "reported", cue_for(text, match, s_end), lead_in=tail <= LEAD_IN_MAX_WORDS)
            else:
                speaker = voice_after(text, match.end(), s_end, mentions, state)
                if speaker:
                    cue = "according to" if how == "according" else f"as {match.group(1)} by"
                    return Finding(speaker, "reported", cue)
    return None


def mark_subjects(text: str, mentions: list[Mention], sentences) -> None:
    """Flag mentions that open their clause: at most three words after the sentence start or a comma."""
    for mention in mentions:
        if mention.how == "pronoun":
            continue
        s_start = next((s for s, e in sentences if s <= mention.start < e), 0)
        before = text[s_start:mention.start]
        clause = before[before.rfind(",") + 1:] if "," in before else before
        mention.subject = words_in(clause) <= 3 and subject_eligible(text, mention, s_start)


def analyse(text: str, state: DocumentState) -> tuple[Finding | None, list[Mention]]:
    mentions = find_mentions(text, state)
    quotes = quote_spans(text)
    sentences = sentence_spans(text, quotes)
    mark_subjects(text, mentions, sentences)
    finding = (
        find_quote(text, quotes, sentences, mentions, state)
        or find_colon(text, quotes, mentions, state)
        or find_reported(text, quotes, sentences, mentions, state)
    )
    return finding, mentions


def attribute_document(passages: list[Passage], registry: SpeakerRegistry) -> list[dict]:
    """Fill each passage's ``statements`` and its ``speaker_id``, ``attribution``, ``attribution_cue``, in place.

    ``statements`` cover the passage exactly (see ``ingest.model.Statement``): each quotation and
    reported clause with its voice, the outlet's own words between. The passage fields keep their
    meaning, the voice quoted in the passage (the passage rules above). A paragraph that is all
    quotation (but its attribution) becomes ``kind = "quote"``. Returns the speakers found that the
    registry lacks, as dicts with id, name, type (person or organisation), affiliation None and
    description "not in registry", in the order first met.

    >>> from ingest.model import Passage
    >>> registry = load_speakers("sources/speakers.yml")  # doctest: +SKIP
    """
    state = DocumentState(registry)
    # The statement pass keeps its own memory, so that what it finds never changes the passage rules
    heard = DocumentState(registry)
    lead_in: Finding | None = None  # "As Amnesty International wrote in its report:" above a block quote
    open_voice: Voice | None = None  # a quotation left open at the end of the passage before
    last_quote: Voice | None = None  # the voice of a quotation that ends the passage before
    persian_found = persian_spans(passages, heard)
    for index, passage in enumerate(passages):
        if index:
            note_full_names(state, passages[index - 1].text)
            note_full_names(heard, passages[index - 1].text)
        heard.previous_passage = passages[index - 1] if index else None
        heard.asking = bool(index and INTERVIEWER_TURN.match(passages[index - 1].text))
        passage.speaker_id = passage.attribution = passage.attribution_cue = None
        passage.statements = []
        pending, lead_in = lead_in, None
        carried, open_voice = open_voice, None
        quoted_last, last_quote = last_quote, None
        if pending and passage.kind in ("paragraph", "quote") and is_block_quote(passage.text):
            passage.speaker_id, passage.attribution, passage.attribution_cue = pending.speaker_id, "quote", pending.cue
            passage.kind = "quote"
            passage.statements = [Statement(0, len(passage.text), pending.speaker_id, "quote", pending.cue)]
            if left_open(passage.text, quote_spans(passage.text)):  # its next paragraph goes on with the quotation
                open_voice = Voice(pending.speaker_id, None, 0, 0)
            remember(state, find_mentions(passage.text, state))
            state.previous_speaker = passage.speaker_id
            state.named.append(passage.speaker_id)
            continue
        if passage.kind in ("heading", "paragraph") and passage.text.rstrip().endswith(":"):
            finding, mentions = analyse(passage.text.rstrip()[:-1], state)
            remember(state, mentions)
            if finding and finding.attribution == "reported" and finding.lead_in:
                lead_in = finding  # the lead-in itself quotes nothing: it stays the outlet's
                passage.statements = [Statement(0, len(passage.text))]
                _, open_voice = passage_statements(passage.text, heard)  # "Cruz continued:" above a quotation
                continue
        if passage.kind == "tweet" and passage.tweet_handle:
            speaker_id = registry.by_handle.get(passage.tweet_handle.lower())
            if speaker_id is None:
                speaker_id = state.new_speaker(passage.tweet_author or passage.tweet_handle, kind="person")
                state.new_speakers[speaker_id]["handle"] = passage.tweet_handle
                heard.new_speaker(passage.tweet_author or passage.tweet_handle, kind="person")  # "Lewis said" later
            passage.speaker_id, passage.attribution, passage.attribution_cue = speaker_id, "tweet", "signature"
            passage.statements = [Statement(0, len(passage.text), speaker_id, "tweet", "signature", passage.said_on)]
            remember(state, find_mentions(passage.text, state))
            state.previous_speaker = speaker_id
            continue
        if passage.kind == "heading":
            # A headline is the outlet's; a short line the splitter took for one but that quotes a named
            # voice ("''The voters are furious,'' Mr. Gidley said, ''…''") gets its quotations.
            spans = []
            says = headline_says(passage.text)
            if says:
                spans = headline_spans(passage.text, says, heard)
            elif HEADLINE_FRAME_LAST.search(passage.text.rstrip()):
                # "More than 400 arrested as siege ends, police sources say": the frame closing the headline,
                # read as the sentence it would be with its full stop
                closed = passage.text.rstrip()
                spans = [sp for sp in passage_statements(closed + ".", heard)[0] if sp.speaker_id or sp.role]
                for sp in spans:
                    sp.end = min(sp.end, len(closed))
            elif quote_spans(passage.text):
                spans, _ = passage_statements(passage.text, heard)
                spans = [sp for sp in spans if sp.attribution == "quote" and sp.speaker_id] if any(
                    sp.attribution == "quote" and sp.speaker_id for sp in spans) else []
            passage.statements = fill_statements(passage.text, spans)
            if passage.text.rstrip().endswith(":"):  # "Dr. Ward stated:" above the quotation
                _, open_voice = passage_statements(passage.text, heard)
            remember(state, find_mentions(passage.text, state))
            continue
        if index in persian_found:  # Persian «…» quotations: ingest.persian reads the cues
            spans = persian_found[index]
            passage.statements = fill_statements(passage.text, spans)
            first = next((sp for sp in spans if sp.speaker_id), None)
            if first is not None:
                passage.speaker_id, passage.attribution, passage.attribution_cue = first.speaker_id, first.attribution, first.cue
                if passage.kind == "caption":
                    passage.attribution = "caption"
                quoted = sum(c.isalpha() for sp in spans if sp.attribution == "quote" for c in passage.text[sp.start:sp.end])
                if passage.kind == "paragraph" and quoted >= QUOTE_KIND_SHARE * sum(c.isalpha() for c in passage.text):
                    passage.kind = "quote"
                state.named.append(first.speaker_id)
            state.previous_speaker = passage.speaker_id
            continue
        text, offset = passage.text, 0
        if passage.kind == "caption":
            credit = CAPTION_CREDIT.match(text)
            if credit:
                remember(state, find_mentions(text[:credit.end()], state))
                text, offset = text[credit.end():], credit.end()
        voices_before = len(heard.voices)
        says = headline_says(text) if passage.kind == "paragraph" and is_headline(text) and len(text.split()) <= 25 else None
        if says:  # a headline the splitter took for a paragraph: "Bernie Sanders Says He’s Already …."
            spans, open_voice = headline_spans(text, says, heard), None
        else:
            spans, open_voice = passage_statements(
                text, heard, carried, "caption" if passage.kind == "caption" else None,
                quoted_last if passage.kind in ("paragraph", "quote") else None)
        final = max((sp for sp in spans if sp.attribution in ("quote", "caption") and sp.speaker_id), key=lambda sp: sp.end,
                    default=None)
        if final is not None and passage.kind in ("paragraph", "quote") and (words_in(text[final.end:]) <= 8 or (
                words_in(text[final.end:]) <= 14 and not any(sp.start >= final.end for sp in spans)
                and re.match(r"[,\s]*(?:[A-Z][\w.’'-]*\s+){1,3}(?:said|says|added|wrote|told)\b", text[final.end:])) or (
                # "“…,” Adelson said during the interview in Macau, ahead of the opening of his hotel.": a frame
                # of any length that names the same voice and ends the paragraph
                not any(sp.start >= final.end and sp.speaker_id != final.speaker_id for sp in spans)
                and re.match(r"[,\s]*(?:(?:[A-Z][\w.’'-]*\s+){1,3}(?:said|says|added|wrote|told)|(?:said|says|added|wrote|told)"
                             r"\s+(?:[A-Z][\w.’'-]*\s*){1,3}[,.])", text[final.end:])
                and not any(not is_abbreviation(text, final.end + m.start(), final.end)  # "St. Regis" ends nothing
                            for m in SENTENCE_END.finditer(text[final.end:].rstrip()))
                and not QUOTE_MARK.search(text, final.end))):
            last_quote = Voice(final.speaker_id, final.role, 0, 0)
        closing = max(spans, key=lambda sp: sp.end, default=None)
        if last_quote is None and closing is not None and passage.kind == "paragraph" and closing.speaker_id \
                and closing.attribution == "reported" and closing.cue in CONTINUED_BY_QUOTE \
                and not text[closing.end:].strip(" .”\"’") and not QUOTE_MARK.search(text, closing.start):
            # "Carter said that the region would not be abandoned." then a paragraph that is all quotation,
            # framed by nothing: the voice goes on in its own words
            last_quote = Voice(closing.speaker_id, closing.role, 0, 0)
        if passage.kind == "caption" and not any(s.speaker_id for s in spans):
            spans = []  # a caption that names no voice is the outlet's
        passage.statements = fill_statements(passage.text, spans, offset)
        learn_pronouns(heard, passage.text, passage.statements)
        # a pronoun may reach back one passage for its voice, no further
        heard.voices = heard.voices[-1:] if len(heard.voices) > voices_before else []
        heard.previous_speaker = next((s.speaker_id for s in reversed(passage.statements) if s.speaker_id), None)
        remember(heard, find_mentions(text, heard))
        heard.named.extend(s.speaker_id for s in passage.statements if s.speaker_id)
        finding, mentions = analyse(text, state)
        if finding:
            passage.speaker_id = finding.speaker_id
            passage.attribution = "caption" if passage.kind == "caption" else finding.attribution
            passage.attribution_cue = finding.cue
            if passage.kind == "paragraph" and finding.attribution == "quote" and finding.whole_quote:
                passage.kind = "quote"
        remember(state, mentions)
        state.previous_speaker = passage.speaker_id
        if passage.speaker_id:
            state.named.append(passage.speaker_id)
    signed_quotations(passages, heard)
    title_voices(passages, heard)
    signed_piece(passages, heard)
    interview_answers(passages, heard)
    common = common_plurals(passages, {**state.new_speakers, **heard.new_speakers})
    for passage in passages:
        for st in passage.statements:
            if st.speaker_id in common:  # "Teachers say …": an unnamed voice, described by the word
                st.role, st.speaker_id = st.role or common[st.speaker_id], None
        if passage.speaker_id in common:
            passage.speaker_id = passage.attribution = passage.attribution_cue = None
    for speaker_id in common:
        state.new_speakers.pop(speaker_id, None)
    found = dict(state.new_speakers)
    used = {s.speaker_id for p in passages for s in p.statements if s.speaker_id}
    for speaker_id, speaker in heard.new_speakers.items():
        if speaker_id in used:
            found.setdefault(speaker_id, speaker)
    return [
        {**{key: value for key, value in speaker.items() if key != "type"},
         "type": "person" if speaker["type"] == "person" else "organisation"}
        for speaker in found.values()
    ]


# An interview's editing note: "This interview has been condensed and edited.", "The conversation has been edited for length."
INTERVIEW_NOTE = re.compile(r"\b(?:[Tt]his|[Tt]he|[Oo]ur)\s+(?:interview|conversation|exchange|Q&A)\s+(?:has|have)\s+been\s+"
                            r"(?:lightly\s+)?(?:condensed|edited|shortened|translated)")


def interview_answers(passages: list[Passage], state: DocumentState) -> None:
    """An interview under an editing note, its questions paragraphs of their own ("What did an ordinary day look
    like?"): the paragraphs after each question, in the outlet's words, are the interviewee's answer, the one
    person the opening paragraphs introduce (attribution "quote", cue "interview")."""
    note = next((i for i, p in enumerate(passages[:4]) if p.kind == "paragraph" and INTERVIEW_NOTE.search(p.text)), None)
    if note is None:
        return
    people = {e.name for p in passages[:note + 1] if p.kind == "paragraph"
              for e in entities_before(p.text, len(p.text)) if e.kind == "person" and e.subject}
    if len(people) != 1:
        return
    interviewee, asked = None, False
    for passage in passages[note + 1:]:
        text = passage.text.strip()
        if passage.kind in ("paragraph", "heading") and text.endswith("?") and words_in(text) <= 60 \
                and not QUOTE_MARK.search(text):
            asked = True  # the interviewer's question: the outlet's
            continue
        if not asked or passage.kind != "paragraph":
            continue
        interviewee = interviewee or state.new_speaker(next(iter(people)), "", kind="person")
        passage.statements = [Statement(st.start, st.end, interviewee, "quote", "interview") if st.attribution is None
                              else st for st in passage.statements]


# An opinion piece's closing line names its author: "Shirin Daneshvar is a researcher based in London."
AUTHOR_TAGLINE = re.compile(r"\s*(?:[—–-]{1,2}\s*|\*\s*)?((?:[A-Z][\w’'.-]*\s+){1,3}[A-Z][\w’'-]*)\s+(?:is|was)\s+"
                            r"(?:a|an|the)\s+[^.\n]{3,160}\.?\*?\s*")
FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|me|my|mine|myself)\b")


def signed_piece(passages: list[Passage], state: DocumentState) -> None:
    """An opinion piece its closing line signs ("Shirin Daneshvar is a researcher based in London."): the sentences
    in its own words that say "I" are its author's, attribution "byline" (cue "signed"). Reportage that ends with
    its writer's line has no "I" outside its quotations, and stays the outlet's."""
    last = next((i for i in range(len(passages) - 1, max(-1, len(passages) - 3), -1) if passages[i].kind == "paragraph"), None)
    tagline = AUTHOR_TAGLINE.fullmatch(passages[last].text) if last is not None and words_in(passages[last].text) <= 40 else None
    name = clean_name(tagline.group(1))[0] if tagline else ""
    if not name or len(name.split()) < 2 or not plausible_name(name) or body_by_name(name):
        return
    author = None
    for passage in passages[:last]:
        if passage.kind not in ("paragraph", "list_item"):
            continue
        quotes = quote_spans(passage.text)
        firsts = [(a, b) for a, b in sentence_spans(passage.text, quotes)
                  if any(not inside(m.start(), quotes) for m in FIRST_PERSON.finditer(passage.text, a, b))]
        if not firsts:
            continue
        author = author or state.new_speaker(name, "", kind="person")
        pieces: list[Statement] = []
        for st in passage.statements:
            if st.attribution is not None:
                pieces.append(st)
                continue
            position = st.start
            for a, b in firsts:
                a, b = max(a, position), min(b, st.end)
                if a >= b or not re.search(r"\w", passage.text[a:b]):
                    continue
                if a > position:
                    pieces.append(Statement(position, a))
                if pieces and pieces[-1].attribution == "byline" and pieces[-1].end == a:
                    pieces[-1].end = b  # the next sentence of the same first person
                else:
                    pieces.append(Statement(a, b, author, "byline", "signed"))
                position = b
            if position < st.end:
                if pieces and pieces[-1].attribution == "byline" and not re.search(r"\w", passage.text[position:st.end]):
                    pieces[-1].end = st.end  # (the space after the sentence joins it)
                else:
                    pieces.append(Statement(position, st.end))
        passage.statements = pieces


TITLE_VERBS = (r"(?:says|said|calls|called|urges|urged|tells|told|warns|warned|vows|vowed|announces|announced|claims|"
               r"claimed|insists|insisted|denies|denied|slams|slammed|blasts|blasted|asks|asked|explains|explained|"
               r"promises|promised|suggests|suggested|predicts|predicted|admits|admitted|confirms|confirmed|argues|argued)")
TITLE_NAME = (rf"((?:(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Gen)\.\s+)?(?!(?i:just|{TITLE_VERBS})\b)[A-Z][\w’'.-]*"
              rf"(?:\s+(?!(?i:just|{TITLE_VERBS})\b)[A-Z][\w’'.-]*){{0,3}})")
# "Biden calls Trump risk to safety", "Rick Perry Just Announced His Endorsement", "Trump Calls On Obama To Resign"
TITLE_FRAME = re.compile(rf"\s*{TITLE_NAME}\s+(?i:just\s+)?(?i:{TITLE_VERBS})(?:\s+(?i:for|on|out))?\s+(?=\S)")
# "Guns are a crisis, Howard Dean Tells Convention.", "…, Trevor Noah Says."
TITLE_CLOSING = re.compile(rf",[’'”\"]?\s+{TITLE_NAME}\s+(?i:{TITLE_VERBS})(?:\s+[A-Z][\w’'.-]*){{0,3}}\s*[.;!]?\s*$")


def title_voices(passages: list[Passage], state: DocumentState) -> None:
    """A title ("Biden calls Trump risk to U.S. safety;") that names a voice the article names too: the
    claim is that voice's. Read after the whole document, so that a surname resolves to the speaker the
    article names in full; an unknown single word is too weak to be a voice."""
    def fuller_of(name: str) -> str | None:
        """The one speaker of the article named in full whose surname ``name`` is."""
        found = [sid for sid, sp in state.new_speakers.items() if len(name.split()) == 1 and len(sp["name"].split()) >= 2
                 and sp["type"] == "person" and fold(name) in {fold(w).strip(".,") for w in sp["name"].split()[1:]}
                 and any(st.speaker_id == sid for p in passages for st in p.statements)]
        return found[0] if len(found) == 1 else None

    for index, passage in enumerate(passages):
        if not (index == 0 and passage.kind == "paragraph" or passage.kind == "heading") \
                or words_in(passage.text) > 30 or "\n" in passage.text.strip():
            continue
        if any(st.attribution for st in passage.statements):
            for st in passage.statements:  # "Lewis calls …" read before the article named Kenneth Lewis in full
                single = state.new_speakers.get(st.speaker_id or "")
                if single is not None and len(single["name"].split()) == 1 and fuller_of(single["name"]):
                    st.speaker_id = fuller_of(single["name"])
            continue
        text = passage.text
        body_end = len(text.rstrip().rstrip(";.!"))
        frame = TITLE_FRAME.match(text)
        closing = TITLE_CLOSING.search(text) if frame is None else None
        match = frame or closing
        if match is None:
            continue
        name = clean_name(match.group(1))[0]
        speaker_id = state.registry.by_alias.get(fold(name)) or fuller_of(name)
        met = state.new_aliases.get(fold(name))
        if speaker_id is None and met and any(st.speaker_id == met for p in passages for st in p.statements):
            speaker_id = met  # a voice the article gives words to
        if speaker_id is None and len(name.split()) >= 2 and plausible_name(name):
            speaker_id = state.new_speaker(name, kind="person")
        if speaker_id is None or not plausible_name(name):
            continue
        start, end = (frame.end(), body_end) if frame else (0, closing.start())
        if words_in(text[start:end]) < 2:
            continue
        cue = re.search(TITLE_VERBS, match.group(0), re.IGNORECASE).group(0).lower()
        passage.statements = fill_statements(text, [Span(start, end, speaker_id, "reported", cue, None)])


def common_plurals(passages: list[Passage], speakers: dict[str, dict]) -> dict[str, str]:
    """New one-word speakers that are a plural common noun capitalised because it opens a sentence
    ("Teachers say …", "Companies said …"): the document writes the word in lower case elsewhere.
    Returns id -> the word."""
    text = "\n".join(p.text for p in passages)
    out = {}
    for speaker_id, speaker in speakers.items():
        name = speaker["name"]
        if len(name.split()) == 1 and re.fullmatch(r"[A-Z][a-z]+[^su\W]s|[A-Z][a-z]+ies", name) \
                and re.search(rf"(?<![\w’'-]){re.escape(name.lower())}(?![\w’'-])", text) \
                and not re.search(rf"(?:[\w,;’'”)]|[A-Z][\w.’'-]*)[ \t]+{re.escape(name)}(?![\w’'-])", text):
            out[speaker_id] = name  # capitalised only where a sentence opens: never "Michelle Fields", "… Fields said"
    return out


SIGNATURE_LINE = re.compile(r"\s*[-—–]{1,2}\s*((?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]*)\s*[.,]?\s*$")


def signed_quotations(passages: list[Passage], state: DocumentState) -> None:
    """A quotation nobody frames, signed by the line after it ("- Clinton."), in the same passage or
    the next: the signer's."""
    for index, passage in enumerate(passages):
        if passage.kind not in ("paragraph", "quote") or any(st.attribution for st in passage.statements):
            continue
        inner = re.search(r"\n(?=\s*[-—–])", passage.text.rstrip())
        if inner and SIGNATURE_LINE.fullmatch(passage.text, inner.end()):
            body_end, sign_text, sign_offset = inner.start(), passage.text, inner.end()
        elif index + 1 < len(passages) and passages[index + 1].kind in ("paragraph", "quote", "list_item") \
                and SIGNATURE_LINE.fullmatch(passages[index + 1].text):
            body_end, sign_text, sign_offset = len(passage.text), passages[index + 1].text, 0
        else:
            continue
        signature = SIGNATURE_LINE.fullmatch(sign_text, sign_offset)
        body = passage.text[:body_end]
        quotes = quote_spans(body)
        stripped = body.strip()
        if len(quotes) != 1 or words_in(stripped) < 3 or quotes[0][1] - quotes[0][0] < 0.9 * len(stripped):
            continue
        voice = noun_phrase_voice(sign_text, signature.end(1), signature.start(1), [], state)
        if voice is None or not voice.speaker_id or voice.start != signature.start(1):
            continue
        start, end = quotes[0]
        passage.statements = fill_statements(passage.text, [Span(start, end, voice.speaker_id, "quote", "signature", voice.role)])


def remember(state: DocumentState, mentions: list[Mention]) -> None:
    for mention in mentions:
        if mention.speaker_id:
            state.named.append(mention.speaker_id)


# ---------------------------------------------------------------------------------------------
# Persian: «…» quotations with the speaker a Persian speech cue names (ingest.persian)

ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
# Speakers that are a description, not a name: "مادرم گفت" (my mother said), "یک منبع" (a source).
PERSIAN_UNNAMED = re.compile(
    r"^(?:(?:یک|این|آن)\s+)?(?:مادر|پدر|برادر|خواهر|همسر|شوهر|زن|دختر|پسر|عمو|دایی|خاله|عمه|"
    r"مادربزرگ|پدربزرگ|دوست|همسایه|همبند|هم‌بند|منبع|منابع|مقام|مقامات|مسئول|مسئولان|شاهد|شاهدان|"
    r"یکی|کسی|زندانی|زندانیان|خانواده|خانواده‌ها)(?:م|ت|ش|مان|تان|شان|ی|ان|ها)?(?:\s+\S+)?$")
PERSIAN_BODY_WORDS = ("سازمان", "وزارت", "دادگاه", "قوه", "کمیسیون", "عفو بین", "دیده‌بان", "شورای", "مجلس",
                      "دولت", "خبرگزاری", "روزنامه", "حزب", "جبهه", "انجمن", "کمیته", "دفتر", "بنیاد", "نهاد")


def is_persian(text: str) -> bool:
    """Whether most of a text's letters are Arabic script."""
    letters = sum(c.isalpha() for c in text)
    return letters > 0 and len(ARABIC_LETTER.findall(text)) * 2 > letters


def persian_spans(passages: list[Passage], state: DocumentState) -> dict[int, list[Span]]:
    """Per Persian passage (by index), its «…» quotations and "به گفته X، …" clauses with their voices.

    The document's Persian passages are read as one text, so that "وی گفت" finds the speaker named
    in a paragraph before. A speaker is the registry speaker whose normalised name or alias is the
    name as written; else one already met in the document whose last word it is ("کریمی" after
    "حسن کریمی"); else a new speaker with id ``persian.speaker_slug(name)``. A description
    ("مادرم", "یک منبع") is an unnamed voice: no speaker id, the words kept as its role.
    """
    from . import persian

    indices = [i for i, p in enumerate(passages) if p.kind != "heading" and is_persian(p.text)]
    if not indices:
        return {}
    pieces, starts, position = [], [], 0
    for i in indices:
        starts.append(position)
        pieces.append(passages[i].text)
        position += len(passages[i].text) + 2
    joined = "\n\n".join(pieces)
    by_name: dict[str, str] = {}
    for speaker_id, entry in state.registry.speakers.items():
        for alias in [entry["name"], *(entry.get("aliases") or [])]:
            by_name.setdefault(persian.normalise(alias), speaker_id)
    met: dict[str, str] = {}  # normalised full name -> id, for surnames later
    out: dict[int, list[Span]] = {}
    for q_start, q_end, name, cue in persian.persian_quote_speakers(joined):
        which = max(k for k, s in enumerate(starts) if s <= q_start)
        offset = starts[which]
        if q_end > offset + len(pieces[which]):
            continue
        name = name.strip(" ،,")
        key = persian.normalise(name)
        speaker_id, role = None, None
        if PERSIAN_UNNAMED.match(key):
            role = name
        elif key in by_name:
            speaker_id = by_name[key]
        else:
            speaker_id = next((sid for full, sid in reversed(list(met.items()))
                               if len(key.split()) == 1 and full.split()[-1] == key), None)
            if speaker_id is None:
                speaker_id = persian.speaker_slug(name)
                if speaker_id not in state.registry.speakers and speaker_id not in state.new_speakers:
                    kind = "body" if any(w in key for w in map(persian.normalise, PERSIAN_BODY_WORDS)) else "person"
                    state.new_speakers[speaker_id] = {"id": speaker_id, "name": name, "affiliation": None,
                                                      "description": NOT_IN_REGISTRY, "type": kind}
            met[key] = speaker_id
        quoted = joined[q_start:q_start + 1] in "«“"
        out.setdefault(indices[which], []).append(
            Span(q_start - offset, q_end - offset, speaker_id, "quote" if quoted else "reported", cue, role))
    return out
