"""Property tests: for any text the reader, cleaner and splitter never crash and every non-space
character lands in exactly one passage or one removed span; for any manifest the validator
accepts it or names the fault in one line."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.clean import boilerplate_candidates, clean
from ingest.errors import RegistryError, SourceFileError
from ingest.model import KINDS
from ingest.read import decode, normalise_newlines
from ingest.registry import Registries, load_registries
from ingest.split import split

CHARACTERS = st.characters(blacklist_categories=("Cs",))
LINE_ENDINGS = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\u2028", "\x85", "\x0b", "\x0c", "\n \t\n"])
# Lines the cleaner and splitter treat specially, so the examples reach every rule.
SPECIAL_LINES = st.sampled_from([
    "— Maryam Rajavi (@Maryam_Rajavi) September 22, 2020",
    "Human rights now — Jane Doe (@jdoe) February 31, 2020",
    "MASSACRE:",
    "(NCRI) and (PMOI / MEK Iran): A rally in Berlin",
    "1. First item", "• bullet", "- dash item", "Tags:", "Tags: iran, 1988",
    "Home › News › Iran", "Copyright © 2020 All rights reserved", "Follow us on Twitter",
    "Tuesday, September 22, 2020", "Who ordered the killings?", "Mr. Smith said so. Dr. Jones agreed.",
    "The commission met in 1988. " * 60,
    "“Quoted words,” he said. (And more.) " * 50,
    "   ", "\t", "\ufeff", "—", "(x)", ":", "1.",
])
LINE = st.one_of(st.text(CHARACTERS, max_size=300), SPECIAL_LINES)


@st.composite
def documents(draw) -> str:
    lines = draw(st.lists(LINE, max_size=40))
    endings = draw(st.lists(LINE_ENDINGS, min_size=len(lines), max_size=len(lines)))
    text = "".join(line + ending for line, ending in zip(lines, endings))
    if draw(st.booleans()):
        text = text[:-1] if text else text  # no final line ending
    repeat = draw(st.sampled_from([1, 1, 1, 2, 50, 400]))
    return (text * repeat)[:400_000]


def same_up_to_whitespace(a: str, b: str) -> bool:
    return a.split() == b.split()


def check_coverage(text: str, repeated: bool, hints=()) -> None:
    cleaned = clean(text, {key: 3 for key in boilerplate_candidates(text)} if repeated else None)
    passages = split(text, cleaned.kept, list(hints))
    change = [0] * (len(text) + 1)
    for span in itertools.chain(passages, cleaned.removed):
        assert 0 <= span.start < span.end <= len(text)
        change[span.start] += 1
        change[span.end] -= 1
    for removed in cleaned.removed:
        assert removed.text == text[removed.start:removed.end]
    for passage in passages:
        assert passage.kind in KINDS
        assert same_up_to_whitespace(text[passage.start:passage.end], passage.text)
    covered = 0
    for index, (character, delta) in enumerate(zip(text, change)):
        covered += delta
        if not character.isspace():
            assert covered == 1, (index, character, covered)
    starts = [p.start for p in passages]
    assert starts == sorted(starts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=documents(), encoding=st.sampled_from(["utf-8", "utf-16", "utf-16-le-bom", "utf-8-sig"]), repeated=st.booleans())
def test_reader_cleaner_splitter_keep_every_character(text, encoding, repeated):
    if encoding == "utf-16-le-bom":
        data = "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")
        expected = text
    elif encoding == "utf-8-sig":
        data = text.encode("utf-8-sig")
        expected = text
    else:
        data = text.encode(encoding)
        expected = text.removeprefix("\ufeff") if encoding == "utf-8" else text
    try:
        decoded, _ = decode(data, "article.txt")
    except SourceFileError as error:
        assert "\n" not in str(error) and str(error).startswith("article.txt: ")
        return
    assert decoded == normalise_newlines(expected)
    check_coverage(decoded, repeated)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=documents(), data=st.data())
def test_splitter_keeps_every_character_with_reader_hints(text, data):
    text = normalise_newlines(text)
    size = len(text)
    cuts = sorted(data.draw(st.lists(st.integers(0, max(size, 0)), max_size=20, unique=True)))
    pairs = list(zip(cuts[::2], cuts[1::2]))
    hints = [(start, end, data.draw(st.sampled_from(KINDS))) for start, end in pairs if start < end]
    check_coverage(text, data.draw(st.booleans()), hints)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=2000))
def test_decode_of_any_bytes_returns_text_or_a_one_line_refusal(data):
    try:
        text, encoding = decode(data, "x.txt")
    except SourceFileError as error:
        assert "\n" not in str(error)
        return
    assert "\r" not in text and text.strip() and encoding in ("utf-8", "utf-8-sig", "utf-16", "cp1252")


# --- manifests and registries -----------------------------------------------------------------

FIELD_NAMES = st.sampled_from(["file", "title", "url", "publisher", "published", "published_basis", "retrieved",
                               "name", "domain", "affiliation", "basis", "description", "__line__"])
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10_000), st.floats(allow_nan=True),
    st.text(CHARACTERS, max_size=30),
    st.sampled_from(["a.txt", "b c.txt", "../x", "/etc/passwd", "a.txt\x00", "x" * 300, "outlet", "advocacy",
                     "2020", "2020-02-30", "2021-13", "1988-07-19", "0000", "2020-09-22T10:00:00Z", "unknown", ""]),
    st.dates(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.one_of(FIELD_NAMES, SCALARS), inner, max_size=5)),
    max_leaves=25,
)
ENTRY = st.dictionaries(FIELD_NAMES, VALUES, max_size=7)
REGISTRY = st.one_of(VALUES, st.dictionaries(st.sampled_from(["outlet", "advocacy", "Bad Id", "x"]), ENTRY, max_size=4))
MANIFEST = st.one_of(VALUES, st.lists(ENTRY, max_size=6))


def dump(value) -> str:
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=False)


RAW_YAML = st.one_of(
    st.text(CHARACTERS, max_size=200),
    st.sampled_from(["- file: [a", "a:\n\tb: 1", "&a [*a]", "a: &x 1\nb: *y", "[" * 5000, "{a: 1, a: 2}", "- !!python/object:os.system x"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    affiliations=st.one_of(REGISTRY.map(dump), RAW_YAML, st.none()),
    publishers=st.one_of(REGISTRY.map(dump), RAW_YAML, st.none()),
    manifest=st.one_of(MANIFEST.map(dump), RAW_YAML, st.none()),
)
def test_registries_are_accepted_or_refused_in_one_line(affiliations, publishers, manifest):
    with tempfile.TemporaryDirectory() as folder:
        sources = Path(folder) / "sources"
        (sources / "articles").mkdir(parents=True)
        for name in ("a.txt", "b c.txt"):
            (sources / "articles" / name).write_text("text\n")
        for name, content in (("affiliations.yml", affiliations), ("publishers.yml", publishers), ("manifest.yml", manifest)):
            if content is not None:
                (sources / name).write_text(content, encoding="utf-8", errors="surrogatepass")
        try:
            registries = load_registries(sources)
        except RegistryError as error:
            message = str(error)
            assert message and "\n" not in message and "\r" not in message
            return
        assert isinstance(registries, Registries)
        for name in registries.manifest:
            assert (sources / "articles" / name).resolve().is_relative_to((sources / "articles").resolve())
