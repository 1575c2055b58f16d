"""Attribute: who is speaking in each passage, apart from the channel that publishes it.

Pure: passages and the speaker registry in, passages filled in place out; knows no database.

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

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .model import Passage

SPEAKER_FIELDS = {"name", "type", "aliases", "refs", "handles", "affiliation", "role", "basis"}
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
    r"|\b(?:report|statement|letter|communication|study|resolution)\s+(?:\w+\s+)?by)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Descriptions that refer back to the most recent voice of a type, registry or not.
GENERIC_REFS = re.compile(
    r"\b[Tt]he\s+(?:(?P<body>organi[sz]ation|group|rights group|agency|ministry|watchdog|institution|body)"
    r"|(?P<person>spokes(?:man|woman|person)|minister|official|rapporteur|researcher|historian|director))\b"
)
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

# A capitalised name: one to four capitalised words, optionally after a title.
NAME_WORD = r"[A-Z][a-zà-öø-ÿA-Z’'.-]*[a-zà-öø-ÿ][a-zà-öø-ÿA-Z’'.-]*"
NAME_RE = re.compile(rf"(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)?{NAME_WORD}(?:\s+(?:(?:de|van|von|al|bin|da|du|le)\s+)?{NAME_WORD}){{0,3}}")
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
}
ORGANISATION_WORDS = {
    "watch", "international", "council", "ministry", "agency", "organization", "organisation", "office",
    "committee", "court", "department", "news", "association", "foundation", "institute", "group",
    "network", "press", "times", "post", "union", "commission", "government", "judiciary", "party",
    "front", "movement", "center", "centre", "society", "federation", "league", "tribunal", "parliament",
}

QUOTE_SPANS = re.compile(r"“[^“”]*(?:”|$)|‘’.*?(?:’’|$)|''.*?(?:''|$)|\"[^\"]*(?:\"|$)|«[^»]*(?:»|$)", re.MULTILINE)
QUOTE_MIN_WORDS = 3
QUOTE_KIND_SHARE = 0.6  # a paragraph becomes kind "quote" when this share of its letters is quoted
SENTENCE_END = re.compile(r"[.!?][”\"’)\]]*\s+(?=[“\"‘(\[]?[A-Z0-9])")
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "no", "gen", "jr", "sr", "vs", "prof", "gov", "sen", "rep",
                 "u.s", "u.n", "e.g", "i.e", "etc", "lt", "col", "maj", "capt", "sgt"}
CAPTION_CREDIT = re.compile(r"^(?:.*\n\s*)?\((?:[^()\n]{2,40})\)(?:\s+and\s+\((?:[^()\n]{2,40})\))*\s*:\s*", re.DOTALL)
COLON_LEAD_MAX_WORDS = 25
LEAD_IN_MAX_WORDS = 8  # words after the verb in a lead-in line that ends with a colon
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
    registry.by_alias = alias_owner
    registry.alias_re = _alias_pattern([a for entry in data.values() for a in entry.get("aliases") or []])
    registry.ref_re = _ref_pattern([r for r, _ in ref_phrases])
    return registry


def _alias_pattern(aliases: list[str]) -> re.Pattern | None:
    if not aliases:
        return None
    ordered = sorted(set(aliases), key=len, reverse=True)
    return re.compile(r"(?<![\w@])(?:" + "|".join(phrase_pattern(a) for a in ordered) + r")(?![\w’'-]*\w)")


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

    def new_speaker(self, name: str, context: str = "") -> str:
        name = " ".join(name.split())
        if len(name.split()) == 1 and context:
            # "Rehman said" after "Javaid Rehman, the rapporteur": the full name from the passage
            for match in NAME_RE.finditer(context):
                words = match.group(0).split()
                if len(words) >= 2 and words[-1] == name and words[0] not in NOT_NAMES:
                    name = match.group(0)
                    break
        folded = fold(name)
        if folded in self.new_aliases:
            return self.new_aliases[folded]
        plain = re.sub(r"^(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+", "", name)
        speaker_id = slug(plain)
        base, number = speaker_id, 2
        while speaker_id in self.registry.speakers or (speaker_id in self.new_speakers and fold(self.new_speakers[speaker_id]["name"]) != fold(plain)):
            speaker_id = f"{base}-{number}"
            number += 1
        plain = re.sub(r"^(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+", "", name)
        self.new_speakers[speaker_id] = {
            "id": speaker_id, "name": plain, "affiliation": None, "description": NOT_IN_REGISTRY,
            "type": "body" if len(plain.split()) < 2 or ORGANISATION_WORDS & set(fold(plain).split()) else "person",
        }
        self.new_aliases[folded] = speaker_id
        self.new_aliases[fold(plain)] = speaker_id
        surname = plain.split()[-1]
        if self.new_speakers[speaker_id]["type"] == "person":
            self.new_aliases.setdefault(fold(surname), speaker_id)
        return speaker_id


def slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "unnamed"


def find_mentions(text: str, state: DocumentState) -> list[Mention]:
    """Registry aliases, references to voices named before, new names already met, pronouns."""
    registry = state.registry
    mentions: list[Mention] = []
    taken = [False] * (len(text) + 1)

    def add(start, end, speaker_id, how, pronoun=None):
        if any(taken[start:end]):
            return
        for i in range(start, end):
            taken[i] = True
        mentions.append(Mention(start, end, speaker_id, how, text[start:end], pronoun))

    if registry.alias_re is not None:
        for match in registry.alias_re.finditer(text):
            speaker_id = registry.by_alias.get(fold(match.group(0)))
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
        named_before = state.named + [m.speaker_id for m in sorted(mentions, key=lambda m: m.start) if m.end <= match.start() and m.speaker_id]
        speaker_id = next((s for s in reversed(named_before) if state.type_of(s) in wanted), None)
        if speaker_id:
            add(match.start(), match.end(), speaker_id, "ref")
    for match in PRONOUN_RE.finditer(text):
        add(match.start(), match.end(), None, "pronoun", PRONOUNS[match.group(1).lower()])
    mentions.sort(key=lambda m: m.start)
    return mentions


# ---------------------------------------------------------------------------------------------
# Sentences and quotations


def quote_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in QUOTE_SPANS.finditer(text):
        if match.end() - match.start() >= 2:
            spans.append((match.start(), match.end()))
    return spans


def inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < position < end for start, end in spans)


def sentence_spans(text: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        cut = match.end()
        if inside(match.start(), quotes) and inside(cut, quotes):
            continue
        word = re.search(r"([\w.]+)$", text[start:match.start()])
        if word and (word.group(1).lower() in ABBREVIATIONS or len(word.group(1)) == 1):
            continue
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


def resolve(mention: Mention, state: DocumentState, earlier: list[Mention]) -> str | None:
    """The speaker a mention stands for; pronouns look back in the passage, then one passage."""
    if mention.how != "pronoun":
        return mention.speaker_id
    fits = PRONOUN_FITS[mention.pronoun]
    named = [m for m in earlier if m.how != "pronoun" and m.speaker_id]
    for types in PRONOUN_PREFERENCE[mention.pronoun]:
        for subject_only in (True, False):
            for other in reversed(named):
                if state.type_of(other.speaker_id) in types and (other.subject or not subject_only):
                    return other.speaker_id
    previous = state.previous_speaker
    if previous and state.type_of(previous) in fits:
        return previous
    return None


def pronoun_position_ok(text: str, mention: Mention, sentence_start: int) -> bool:
    """A pronoun is a subject at the sentence start, after an opening phrase and comma, or after 'and'."""
    before = text[sentence_start:mention.start]
    stripped = before.strip()
    return stripped == "" or stripped.endswith(",") or stripped.endswith(" and") or stripped.lower() == "and"


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
            if subject_eligible(text, fake, s_start) and len(name.group(0).split()) >= 2:
                return state.new_speaker(name.group(0), text), fake
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
        return state.new_speaker(name, text), fake
    return None, None


def voice_after(text: str, position: int, end: int, mentions: list[Mention], state: DocumentState) -> str | None:
    """The voice named at ``position``: a mention starting there, or a new capitalised name."""
    for mention in mentions:
        if position <= mention.start <= position + 4 and mention.how != "pronoun":
            return mention.speaker_id
    gap = re.match(r"\s*(?:the\s+)?", text[position:end])
    match = NAME_RE.match(text, position + (gap.end() if gap else 0), end)
    if match and match.group(0).split()[0] not in NOT_NAMES:
        return state.new_speaker(match.group(0), text)
    return None


def cue_for(text: str, verb_match: re.Match, sentence_end: int) -> str:
    verb = verb_match.group(1).lower()
    if verb == "put":
        return "put it"
    if verb in ("raised", "raises"):
        return f"{verb} concern"
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
    """Fill ``speaker_id``, ``attribution`` and ``attribution_cue`` of each passage, in place.

    A paragraph that is all quotation (but its attribution) becomes ``kind = "quote"``. Returns the
    speakers found that the registry lacks, as dicts with id, name, affiliation None and
    description "not in registry", in the order first met.

    >>> from ingest.model import Passage
    >>> registry = load_speakers("sources/speakers.yml")  # doctest: +SKIP
    """
    state = DocumentState(registry)
    lead_in: Finding | None = None  # "As Amnesty International wrote in its report:" above a block quote
    for passage in passages:
        passage.speaker_id = passage.attribution = passage.attribution_cue = None
        pending, lead_in = lead_in, None
        if pending and passage.kind in ("paragraph", "quote") and is_block_quote(passage.text):
            passage.speaker_id, passage.attribution, passage.attribution_cue = pending.speaker_id, "quote", pending.cue
            passage.kind = "quote"
            remember(state, find_mentions(passage.text, state))
            state.previous_speaker = passage.speaker_id
            state.named.append(passage.speaker_id)
            continue
        if passage.kind in ("heading", "paragraph") and passage.text.rstrip().endswith(":"):
            finding, mentions = analyse(passage.text.rstrip()[:-1], state)
            remember(state, mentions)
            if finding and finding.attribution == "reported" and finding.lead_in:
                lead_in = finding  # the lead-in itself quotes nothing: it stays the outlet's
                continue
        if passage.kind == "tweet" and passage.tweet_handle:
            speaker_id = registry.by_handle.get(passage.tweet_handle.lower())
            if speaker_id is None:
                speaker_id = state.new_speaker(passage.tweet_author or passage.tweet_handle)
                state.new_speakers[speaker_id]["handle"] = passage.tweet_handle
                state.new_speakers[speaker_id]["type"] = "person"
            passage.speaker_id, passage.attribution, passage.attribution_cue = speaker_id, "tweet", "signature"
            remember(state, find_mentions(passage.text, state))
            state.previous_speaker = speaker_id
            continue
        if passage.kind == "heading":
            remember(state, find_mentions(passage.text, state))
            continue
        text = passage.text
        if passage.kind == "caption":
            credit = CAPTION_CREDIT.match(text)
            if credit:
                remember(state, find_mentions(text[:credit.end()], state))
                text = text[credit.end():]
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
    return [
        {key: value for key, value in speaker.items() if key != "type"}
        for speaker in state.new_speakers.values()
    ]


def remember(state: DocumentState, mentions: list[Mention]) -> None:
    for mention in mentions:
        if mention.speaker_id:
            state.named.append(mention.speaker_id)
