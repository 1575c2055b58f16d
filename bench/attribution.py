"""Measure attribution (``ingest.attribute``) on the PolNeAR corpus: who says each statement.

    PYTHONPATH=. .venv/bin/python bench/attribution.py PATH_TO_POLNEAR [--split dev|train] [--show N]

PATH_TO_POLNEAR is a checkout of github.com/networkdynamics/PolNeAR (the directory holding
``data/``), or its ``data`` directory. Only the ``train`` and ``dev`` splits are read: the ``test``
split is held out and this script refuses it. None of the corpus goes into the repository.

Per text: the passages are made as the build makes them (``ingest.clean`` then ``ingest.split``),
``attribute_document`` runs with ``sources/speakers.yml`` and its statements are scored against
the gold ``.ann`` (Source / Cue / Content spans). Where a text has several annotators' ``.ann``
files, the first in sorted order is used.

Categories of gold attributions (each has a Content, a Cue and a Source):

- ``quote``: direct and mixed quotations (the Content holds a quotation mark: “ ” " « » or the
  typewriter '' of some papers) with a named source;
- ``indirect-speech``: Content without a quotation mark, whose Cue holds a speech verb
  (said, told, added, …), with a named source;
- ``indirect``: every Content without a quotation mark, with a named source.

A source is *named* when, after dropping parentheses and possessives, it holds a capitalised word
that is not a pronoun, article or title; its *head* is the last run of such words ("Trump attorney
Alan Garten" -> "Alan Garten"; "The New York Post" -> "New York Post"). Sources that are pronouns
("he") or descriptions ("a source", "Clinton's campaign") are not scored per category (the gold
has no coreference to check a pronoun against).

A predicted speaker's *name* (registry name and aliases, or the new speaker's name) *matches* a
head when they share their last word (case-insensitive, apostrophes and accents folded), or the
head's last word is any word of the name or the name's last word is any word of the head, unless
both carry a different first name ("Bill Clinton" is not "Hillary Clinton"). For organisations
any shared word of four letters or more that is not generic ("news", "party", …) also matches.

Recall, per category: the share of gold attributions whose Content is mostly covered (at least
half of its characters) by statements of one speaker whose name matches the head. Precision, per category:
among statements with a named speaker whose largest overlap with a gold Content is a Content of
that category, the share whose speaker matches that Content's head. The ``all`` precision line
counts every statement with a named speaker: right when its largest-overlap Content has a named
source it matches, wrong when it matches no source or overlaps no gold Content at all (statements
whose Content has a pronoun or description source are left out: they cannot be checked).

``non-voices`` counts predicted speakers that are not persons, organisations or bodies: names
that are a single demonym or adjective ("Swedish", "Republican"), a time phrase ("Since May"),
a function word ("What's"), a possessive ("Clinton's") — each listed for review.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.attribute import DEMONYMS, attribute_document, load_speakers  # noqa: E402
from ingest.clean import clean  # noqa: E402
from ingest.split import split  # noqa: E402

QUOTE_MARKS = "\"“”«»"
SPEECH_CUE = re.compile(
    r"\b(?:say|says|said|saying|tell|tells|told|telling|add|adds|added|adding|state|states|stated|"
    r"write|writes|wrote|written|announce[sd]?|announcing|declare[sd]?|explain(?:s|ed)?|note[sd]?|"
    r"claim(?:s|ed)?|insist(?:s|ed)?|argue[sd]?|ask(?:s|ed)?|answer(?:s|ed)?|repl(?:y|ies|ied)|"
    r"respond(?:s|ed)?|warn(?:s|ed)?|report(?:s|ed)?|testif(?:y|ies|ied)|acknowledg(?:e|es|ed)|"
    r"admit(?:s|ted)?|den(?:y|ies|ied)|confirm(?:s|ed)?|tweet(?:s|ed)?|post(?:s|ed)?|predict(?:s|ed)?|"
    r"promise[sd]?|vow(?:s|ed)?|accuse[sd]?|charge[sd]?|suggest(?:s|ed)?|mention(?:s|ed)?|"
    r"recall(?:s|ed)?|call(?:s|ed)?|urge[sd]?|according)\b",
    re.IGNORECASE,
)
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "who", "which", "that", "his", "her", "their", "its",
            "him", "them", "us", "me", "one", "this", "these", "those"}
NOT_HEAD = {"the", "a", "an", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "president", "rev",
            "retired", "former", "senator", "representative", "governor", "secretary", "speaker",
            "some", "many", "most", "several", "top", "nearly", "half", "about", "all", "both", "few", "large",
            "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "one", "two", "three",
            "four", "five", "six", "seven", "eight", "nine", "ten", "monday", "tuesday", "wednesday", "thursday",
            "friday", "saturday", "sunday", "aides", "officials", "police", "sources", "critics", "experts",
            "analysts", "supporters", "voters", "democrats", "republicans",
            # common words that are capitalised only because they open the sentence: no name
            "others", "other", "allies", "organizers", "organisers", "friends", "people", "majorities", "majority",
            "more", "everyone", "everybody", "nobody", "residents", "opponents", "protesters", "advocates", "fans",
            "insiders", "members", "leaders", "students", "parents", "respondents", "economists", "researchers",
            "lawmakers", "delegates", "activists", "donors", "none", "neither", "each", "every", "another",
            "presidential", "democratic", "republican", "candidate", "nominee", "but", "and", "in", "on",
            "as", "when", "after", "while", "if", "so", "still", "yet", "now"} | PRONOUNS
TITLES = {"pres", "chief", "director", "adviser", "advisor", "senior", "leader", "majority", "minority", "professor",
          "attorney", "general", "judge", "justice", "mayor", "spokesman", "spokeswoman", "chairman", "manager",
          "pastor", "father", "bishop", "editor", "reporter", "pollster", "analyst", "host", "anchor", "officer",
          "commissioner", "sheriff", "secretary", "senator", "state", "department"}
TITLE_TOKENS = {"mr", "mrs", "ms", "dr", "sen", "sens", "rep", "reps", "gov", "gen", "lt", "rev", "president", "senator",
                "representative", "governor", "secretary", "speaker", "former", "retired", "mayor", "judge", "justice",
                "chairman", "director", "professor", "attorney", "sheriff", "commissioner", "pastor", "bishop"}
RUN_BREAK = TITLES - {"state", "department", "justice", "general", "host", "officer", "attorney"}
GENERIC_ORG_WORDS = {"news", "party", "times", "post", "group", "press", "national", "international", "united",
                     "states", "american", "association", "committee", "campaign", "department", "office",
                     "center", "centre", "institute", "university", "council", "state", "city", "county",
                     "new", "york", "washington"}
FUNCTION_WORDS = {
    "since", "what", "what's", "whats", "when", "where", "why", "how", "who", "there", "here", "this",
    "that", "these", "those", "while", "after", "before", "during", "until", "although", "though",
    "because", "if", "once", "as", "but", "and", "or", "so", "yet", "also", "still", "even", "just",
    "only", "now", "then", "today", "yesterday", "tomorrow", "last", "next", "earlier", "later", "in",
    "on", "at", "for", "with", "by", "from", "of", "to", "the", "a", "an", "it", "its", "we", "our",
    "i", "you", "he", "she", "they", "his", "her", "their", "my", "some", "many", "most", "all",
}
TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
              "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "week", "month", "year", "today", "yesterday"}
ADJECTIVES = {"independent", "federal", "national", "democratic", "republican", "conservative", "liberal",
              "western", "eastern", "northern", "southern", "foreign", "international", "local", "former"}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return text.lower().replace("'", "")


def words(text: str) -> list[str]:
    return [fold(w) for w in re.findall(r"[\w’'.-]+", text) if re.search(r"\w", w)]


HEAD_PREPOSITIONS = {"of", "for", "at", "from", "with", "by", "in", "on", "like", "including", "to", "about",
                     "among", "and", "or", "than", "as", "under", "behind", "near", "inside", "outside"}
SELF = {"itself", "himself", "herself", "themselves"}


def source_head(source: str, common: frozenset = frozenset()) -> tuple[str, str | None]:
    """('named', head) | ('pronoun', None) | ('description', None) for a gold Source text.

    The head is the last run of capitalised words that is not a possessor ("Clinton's"), not the
    object of a preposition ("a spokeswoman for Fiorina", "Joel Pollak of Breitbart"), not a
    modifier of a common noun ("Clinton aides", "the Washington Post fact checker") and not a
    demonym or adjective ("Federal officials"). With ``common``, the words the document writes in lower
    case and never capitalises inside a sentence, a one-word head that opens the source and is one of
    them ("Witnesses", "Prosecutors", "Polls") is a common noun capitalised by the sentence: a description.
    """
    text = re.sub(r"\([^()]*\)", " ", source)
    text = re.split(r",\s*(?:who|which|the|a|an|whose)\b", text)[0]
    # a restrictive relative clause names no head: "a committee member who supports Trump", "Sen. Jim Whelan who
    # represents Atlantic City"
    text = re.split(r"\s+(?:who|which|whose|that)\s", text)[0]
    if "," in text:
        kind, head = source_head(text.split(",")[0], common)  # "Doug Usher, director of research at …"
        if kind == "named":
            return kind, head
        text = text.replace(",", " ")
    tokens = re.findall(r"[\w’'.&-]+", text)
    if not tokens:
        return "description", None
    if len(tokens) <= 2 and all(t.lower().strip(".") in PRONOUNS for t in tokens):
        return "pronoun", None
    runs = []  # (words, preceded by a preposition, possessive, followed by a lowercase word)
    current, start_index = [], 0
    for index, token in enumerate(tokens + ["."]):
        bare = token.strip(".")
        capital = bool(bare[:1].isupper()) and bare.lower() not in NOT_HEAD and bare.lower() not in RUN_BREAK
        possessive = bool(re.search(r"['’]s?$", bare))
        if capital and not possessive and index < len(tokens):
            if not current:
                start_index = index
            current.append(bare)
            continue
        if current or (capital and possessive):
            words_run = current if current else [bare]
            begin = start_index if current else index
            back = begin - 1
            # "a spokesman for Mayor Frank G. Jackson", "a representative for Mr. Pinchuk": a title between the
            # preposition and the name leaves the name the preposition's object
            while back >= 0 and (tokens[back].lower() in ("the", "a", "an") or tokens[back].strip(".").lower() in TITLE_TOKENS):
                back -= 1
            previous = tokens[back].lower() if back >= 0 else ""
            following = tokens[index] if current and index < len(tokens) else ""
            runs.append({
                "words": words_run,
                "object": previous in HEAD_PREPOSITIONS,
                "possessive": not current,
                "modifier": bool(current) and following[:1].islower() and following.lower() not in SELF
                and following.lower() not in HEAD_PREPOSITIONS,
            })
        current = []
    heads = [r for r in runs if not r["object"] and not r["possessive"] and not r["modifier"]
             and not all(w in DEMONYMS or w.lower() in ADJECTIVES for w in r["words"])]
    if not heads:
        return "description", None
    head = " ".join(heads[-1]["words"])
    if heads[-1] is runs[0] and len(heads[-1]["words"]) == 1 and tokens[0] == head and head.lower() in common:
        # "Witnesses", "Prosecutors", "Staff for the committee": a common noun, capitalised only because it opens the
        # sentence (the document writes it in lower case elsewhere), names no one
        return "description", None
    if head.isupper() and len(head) > 4:
        head = head.title()  # transcripts: "WALLACE:"
    return "named", head


def names_match(head: str, names: list[str]) -> bool:
    head_words = [w for w in words(head) if w not in NOT_HEAD]
    if not head_words:
        return False
    for name in names:
        name_words = [w for w in words(name) if w not in NOT_HEAD]
        if not name_words:
            continue
        if len(head_words) >= 2 and len(name_words) >= 2 and head_words[-1] == name_words[-1]:
            head_first, name_first = head_words[-2].strip("."), name_words[-2].strip(".")
            if head_first != name_first and len(head_first) > 2 and len(name_first) > 2 \
                    and head_first not in TITLES and name_first not in TITLES:
                continue  # a different first name: another person of that family
        if head_words[-1] == name_words[-1] or head_words[-1] in name_words or name_words[-1] in head_words:
            return True
        shared = {w for w in set(head_words) & set(name_words) if len(w) >= 4 and w not in GENERIC_ORG_WORDS}
        if shared:
            return True
    return False


COMMON_OPENERS = {"having", "facing", "being", "multiple", "appear", "is", "are", "was", "were", "do", "does", "did",
                  "has", "have", "had", "can", "will", "would", "should", "could", "may", "might", "must", "asked",
                  "told", "speaking", "according", "following", "despite", "among", "amid", "another", "others",
                  "everyone", "nobody", "somebody", "let", "please", "yes", "no", "why", "how", "who", "what"}


def not_a_voice(name: str) -> bool:
    """A predicted speaker name that is no person, organisation or body.

    A demonym or adjective alone (also plural: "Russians"), a time phrase, a sentence's function word,
    verb or contraction ("What's", "Having", "I'm", "Is Donald Trump"), a possessive ("Clinton's"),
    a word cut at a hyphen ("Republican-"), two sentences run together ("Reagan. God"), an adjective
    in -winning, -based, … ("Oscar-winning"), a state tag alone ("Tex").
    """
    tokens = name.split()
    if not tokens:
        return True
    lowered = [fold(t).strip(".,") for t in tokens]
    if lowered[0] in COMMON_OPENERS or re.search(r"['’](?:m|re|ve|ll|d)$", tokens[0]) or name.endswith("-"):
        return True
    if len(tokens) == 1 and (tokens[0].endswith("ing") and tokens[0].lower() in COMMON_OPENERS | {"facing", "having"}):
        return True
    if len(tokens) == 1 and tokens[0].endswith("s") and tokens[0][:-1] in DEMONYMS:
        return True
    abbreviations = {"pres", "gov", "sen", "rep", "gen", "rev", "calif", "mass", "conn", "ariz", "wash", "colo",
                     "okla", "tenn", "mich", "minn", "sept", "corp", "capt", "sgt", "col", "maj", "adm", "cmdr", "supt",
                     "prof", "msgr", "hon", "mrs"}
    for token, following in zip(tokens, tokens[1:]):
        word = fold(token).strip(".")
        if token.endswith(".") and (len(word) > 3 and word not in abbreviations or fold(following) in FUNCTION_WORDS):
            return True  # "Reagan. God", "Calif. The Islamic State": two sentences run together
    first = fold(tokens[0]).strip(".")
    if first in FUNCTION_WORDS or any(fold(t) in TIME_WORDS for t in tokens[:1]):
        return True
    if re.search(r"['’]s?$", name):
        return True
    if len(tokens) == 1 and (name in DEMONYMS or fold(name) in ADJECTIVES):
        return True
    if re.search(r"-(?:winning|based|born|backed|led|owned|funded|leaning|style)$", lowered[-1]):
        return True  # "Oscar-winning", "Texas-based": an adjective
    if len(tokens) == 1 and lowered[0] in {"tex", "calif", "fla", "ariz", "okla", "tenn", "mich", "minn", "conn", "colo"}:
        return True  # "Tex" of "(R-Tex.)": a state tag
    return False


def parse_ann(text: str) -> list[dict]:
    spans, events = {}, []
    for line in text.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, ranges = parts[1].partition(" ")
            pieces = []
            for piece in ranges.split(";"):
                a, b = piece.split()
                pieces.append((int(a), int(b)))
            spans[parts[0]] = (label, pieces, parts[2] if len(parts) > 2 else "")
        elif line.startswith("E") and len(parts) >= 2:
            events.append(parts[1].split())
    attributions = []
    for event in events:
        roles = {}
        for item in event:
            role, _, ref = item.partition(":")
            roles.setdefault(role.rstrip("0123456789"), []).append(ref)
        contents = [spans[r] for r in roles.get("Content", []) if r in spans]
        if not contents:
            continue
        source = " ".join(spans[r][2] for r in roles.get("Source", []) if r in spans)
        cue = " ".join(spans[r][2] for r in roles.get("Cue", []) if r in spans)
        pieces = [p for c in contents for p in c[1]]
        attributions.append({"source": source, "cue": cue, "pieces": pieces,
                             "content": " ".join(c[2] for c in contents)})
    return attributions


def category_of(gold: dict, common: frozenset = frozenset()) -> set[str]:
    kind, _ = source_head(gold["source"], common) if gold["source"] else ("none", None)
    if kind != "named":
        return set()
    if any(mark in gold["content"] for mark in QUOTE_MARKS) or "''" in gold["content"]:
        return {"quote"}  # ''…'' is the typewriter quotation of some papers (the New York Times)
    cats = {"indirect"}
    if SPEECH_CUE.search(gold["cue"]):
        cats.add("indirect-speech")
    return cats


def data_dir(path: Path) -> Path:
    if (path / "data").is_dir():
        path = path / "data"
    if not (path / "dev").is_dir() and not (path / "train").is_dir():
        raise SystemExit(f"{path}: no PolNeAR data here (expected dev/ and train/)")
    return path


def statements_of(passages) -> list[tuple[int, int, str | None, str | None, str | None]]:
    """(start, end, speaker_id, attribution, role) in document offsets."""
    out = []
    for passage in passages:
        if passage.statements:
            for s in passage.statements:
                out.append((passage.start + s.start, passage.start + s.end, s.speaker_id, s.attribution, s.role))
        else:  # an engine without statements: the passage's voice for all of it
            out.append((passage.start, passage.end, passage.speaker_id, passage.attribution, None))
    return out


def evaluate(root: Path, split_name: str, show: int = 0) -> dict:
    registry = load_speakers(ROOT / "sources" / "speakers.yml")
    base = root / split_name
    counts = Counter()
    non_voices = Counter()
    misses = []
    for text_path in sorted((base / "text").glob("*.txt")):
        stem = text_path.stem
        anns = sorted((base / "attributions").glob(f"{stem}_*.ann"))
        if not anns:
            continue
        text = text_path.read_text(encoding="utf-8")
        golds = parse_ann(anns[0].read_text(encoding="utf-8"))
        # the words the document writes in lower case and never capitalised inside a sentence
        common = frozenset(re.findall(r"\b[a-z][a-z’'-]+\b", text)) \
            - {w.lower() for w in re.findall(r"(?<=[\w,] )([A-Z][a-z’'-]+)\b", text)}
        passages = split(text, clean(text).kept)
        new = attribute_document(passages, registry)
        names = {}
        for speaker_id, entry in registry.speakers.items():
            names[speaker_id] = [entry["name"], *(entry.get("aliases") or [])]
        for speaker in new:
            names[speaker["id"]] = [speaker["name"]]
            if not_a_voice(speaker["name"]):
                non_voices[speaker["name"]] += 1
        statements = [s for s in statements_of(passages) if s[2] or s[3]]
        owner = [None] * (len(text) + 1)
        for index, (start, end, *_rest) in enumerate(statements):
            for i in range(start, end):
                owner[i] = index
        gold_owner = [None] * (len(text) + 1)
        for g_index, gold in enumerate(golds):
            gold["cats"] = category_of(gold, common)
            gold["kind"], gold["head"] = source_head(gold["source"], common) if gold["source"] else ("none", None)
            for a, b in gold["pieces"]:
                for i in range(a, min(b, len(text))):
                    gold_owner[i] = g_index
        # Recall
        for gold in golds:
            if not gold["cats"]:
                continue
            covered = Counter(statements[owner[i]][2] if owner[i] is not None else None
                              for a, b in gold["pieces"] for i in range(a, min(b, len(text))))
            size = sum(b - a for a, b in gold["pieces"])
            speaker, chars = covered.most_common(1)[0] if covered else (None, 0)
            right = False
            if speaker is not None and chars * 2 >= size:
                right = names_match(gold["head"], names.get(speaker, [speaker]))
            for cat in gold["cats"]:
                counts[f"{cat}_gold"] += 1
                counts[f"{cat}_found"] += right
            if not right and len(misses) < 10000:
                got = speaker if chars * 2 >= size else None
                misses.append(("miss", "/".join(sorted(gold["cats"])), gold["head"], got,
                               f"{gold['source']} | {gold['cue']} | {gold['content'][:90]}"))
        # Precision
        for start, end, speaker, attribution, role in statements:
            if not speaker:
                continue
            overlap = Counter(gold_owner[i] for i in range(start, end) if gold_owner[i] is not None)
            if not overlap:
                counts["all_predicted"] += 1
                misses.append(("false", "-", None, speaker, text[start:end][:120]))
                continue
            g_index, _ = overlap.most_common(1)[0]
            gold = golds[g_index]
            if gold["kind"] != "named":
                continue
            right = names_match(gold["head"], names.get(speaker, [speaker]))
            counts["all_predicted"] += 1
            counts["all_right"] += right
            for cat in gold["cats"]:
                counts[f"{cat}_predicted"] += 1
                counts[f"{cat}_right"] += right
            if not right:
                misses.append(("wrong", "/".join(sorted(gold["cats"])), gold["head"], speaker,
                               f"{gold['source']} | {gold['cue']} | {gold['content'][:90]}"))
        counts["texts"] += 1
        counts["gold"] += len(golds)
    return {"counts": counts, "non_voices": non_voices, "misses": misses}


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "- (0/0)"


def report(split_name: str, result: dict, show: int) -> None:
    counts = result["counts"]
    print(f"{split_name}: {counts['texts']} texts, {counts['gold']} gold attributions")
    labels = {"quote": "direct/mixed quotation, named source",
              "indirect-speech": "indirect, speech verb, named source",
              "indirect": "all indirect, named source"}
    for cat, label in labels.items():
        print(f"  {label:40s} P {ratio(counts[f'{cat}_right'], counts[f'{cat}_predicted']):22s}"
              f" R {ratio(counts[f'{cat}_found'], counts[f'{cat}_gold'])}")
    print(f"  {'all statements with a named speaker':40s} P {ratio(counts['all_right'], counts['all_predicted'])}")
    total = sum(result["non_voices"].values())
    listed = ", ".join(f"{name!r}" for name in sorted(result["non_voices"]))
    print(f"  non-voices (not a person, organisation or body): {total}{' — ' + listed if listed else ''}")
    if show:
        for kind, cat, head, got, where in result["misses"][:show]:
            print(f"    {kind:5s} {cat:24s} gold={head!r} got={got!r} :: {' '.join(where.split())}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="a PolNeAR checkout (or its data/ directory)")
    parser.add_argument("--split", choices=["dev", "train"], action="append",
                        help="which split(s) to measure (default: train and dev); never test")
    parser.add_argument("--show", type=int, default=0, help="print the first N misses and wrong speakers")
    args = parser.parse_args(argv)
    root = data_dir(args.path)
    for split_name in args.split or ["train", "dev"]:
        if not (root / split_name / "text").is_dir():
            print(f"{root / split_name}: no text/ directory", file=sys.stderr)
            return 1
        report(split_name, evaluate(root, split_name, args.show), args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
