"""Load and validate sources/manifest.yml and the registries, once, before anything is built.

Every fault is a RegistryError with one line naming the file, the line, the entry and the field.
All registries are optional: a sources folder holding only articles/ builds.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import RegistryError
from .language import is_language_code

SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MANIFEST_FIELDS = {"file", "title", "url", "publisher", "published", "published_basis", "retrieved", "language"}
PUBLISHER_FIELDS = {"name", "domain", "affiliation", "basis"}
AFFILIATION_FIELDS = {"name", "description"}
NAME_FIELDS = {"name", "description", "basis", "names"}
NAME_ENTRY_FIELDS = {"name", "signals", "case"}
LINE = "__line__"
MAX_YAML_BYTES = 256 * 1024 * 1024  # a manifest of 100,000 entries is about 17 MB; 500,000 (5M passages) about 86 MB
MAX_EXPANDED_NODES = 1_000_000  # values once YAML aliases (*name) are expanded: bounds "billion laughs"
ALIAS_TOKEN = re.compile(r"(?:^|[\s\[{,:-])\*[^\s,\[\]{}]")


@dataclass
class Registries:
    affiliations: dict[str, dict] = field(default_factory=dict)
    publishers: dict[str, dict] = field(default_factory=dict)
    manifest: dict[str, dict] = field(default_factory=dict)  # file name -> entry
    speakers: object | None = None  # attribute.SpeakerRegistry of speakers.yml; None: no file
    lexicon: object | None = None  # names.Lexicon of names.yml; None: no file
    fingerprints: dict[str, str] = field(default_factory=dict)  # registry file -> sha256 of its bytes


class LineMixin:
    """For a safe loader: it records each mapping's line number under ``__line__``, refuses
    duplicate keys (YAML would silently keep the last) and keeps dates as text, so that the
    validator, not the YAML parser, judges them."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_document(self):
        node = super().compose_document()
        if expanded_size(node, {}) > MAX_EXPANDED_NODES:
            raise yaml.composer.ComposerError(
                None, None, f"aliases expand to more than {MAX_EXPANDED_NODES:,} values (a YAML alias bomb?)", node.start_mark)
        return node

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen = {}
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    key = key_node.value
                    if key in seen:
                        raise yaml.constructor.ConstructorError(
                            None, None,
                            f"duplicate key {key!r} (first at line {seen[key] + 1})",
                            key_node.start_mark,
                        )
                    seen[key] = key_node.start_mark.line
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE] = node.start_mark.line + 1
        return mapping


# The plain shape of YAML a manifest of many entries has (what `archive add` and bench/corpus.py
# write): "- key: value" opening an entry, "  key: value" continuing it, comments and blank
# lines; each value null, an integer, a double-quoted string without escapes, or a plain word.
# Such a file is read line by line, 20x faster than through the YAML parser and without its
# node tree in memory; anything else goes to the YAML parser.
SIMPLE_LINE = re.compile(r'^(- |  )([A-Za-z_][A-Za-z0-9_]*): ?(.*)$')
SIMPLE_WORD = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./-]*$")
SIMPLE_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")


class _PlainResolver(yaml.resolver.Resolver):
    yaml_implicit_resolvers = LineMixin.yaml_implicit_resolvers  # as the loader: dates stay text


_RESOLVER = _PlainResolver()


def simple_scalar(text: str):
    """The value of a scalar of the simple shape, as the YAML loader reads it; ValueError for
    any other (the caller then reads the file with the YAML parser)."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"' and '"' not in text[1:-1] and "\\" not in text:
        return text[1:-1]
    if text == "" or not SIMPLE_WORD.match(text) and text != "~":
        raise ValueError(text)
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:int" and SIMPLE_INT.match(text):
        return int(text)
    if tag == "tag:yaml.org,2002:str":
        return text
    raise ValueError(text)


def simple_entries(text: str) -> list[dict] | None:
    """A manifest of the simple shape as the YAML parser would give it; None: not that shape."""
    entries: list[dict] = []
    try:
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip() or line.lstrip().startswith("#") and not line.startswith(("- ", "  ")):
                continue
            found = SIMPLE_LINE.match(line)
            if found is None or (found[1] == "  " and not entries):
                return None
            if found[1] == "- ":
                entries.append({LINE: number})
            entry = entries[-1]
            if found[2] in entry:
                return None  # a duplicate key: the YAML parser names it
            entry[found[2]] = simple_scalar(found[3]) if found[3].strip() else None
    except ValueError:
        return None
    return entries


def expanded_size(node, sizes: dict) -> int:
    """How many values ``node`` holds once every alias in it is expanded (shared nodes counted
    each time they are used, computed once each)."""
    known = sizes.get(id(node))
    if known is not None:
        return known
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(expanded_size(child, sizes) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size += sum(expanded_size(key, sizes) + expanded_size(value, sizes) for key, value in node.value)
    sizes[id(node)] = size
    return size


class LineLoader(LineMixin, yaml.SafeLoader):
    """The pure-Python safe loader with line numbers; its error messages are the clearest."""


class FastLineLoader(LineMixin, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """LineLoader on libyaml's parser, when PyYAML has it: the pure-Python parser takes seconds per
    thousand manifest entries. Errors are reported by re-reading with LineLoader, whose messages
    are clearer."""


def load_yaml(path: Path, label: str):
    if not path.exists():
        return None
    try:
        if path.stat().st_size > MAX_YAML_BYTES:
            raise RegistryError(f"{label}: larger than {MAX_YAML_BYTES:,} bytes; refusing to read it")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RegistryError(f"{label}: not UTF-8 text") from None
    except OSError as error:
        raise RegistryError(f"{label}: cannot be read ({error.strerror})") from None
    if not ALIAS_TOKEN.search(text):  # libyaml's composer is not checked for alias bombs: only files without aliases
        try:
            return yaml.load(text, Loader=FastLineLoader)
        except (yaml.YAMLError, RecursionError):
            pass
    try:
        return yaml.load(text, Loader=LineLoader)
    except RecursionError:
        raise RegistryError(f"{label}: YAML nested too deeply to read") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f":{mark.line + 1}" if mark else ""
        problem = " ".join(str(error.problem or error.context or "invalid YAML").split())
        lines = text.splitlines()
        if mark and mark.line < len(lines) and "\t" in lines[mark.line]:
            problem += " (a tab: YAML indents with spaces only)"
        raise RegistryError(f"{label}{where}: YAML syntax error: {problem}") from None
    except yaml.YAMLError as error:
        raise RegistryError(f"{label}: YAML error: {' '.join(str(error).split())}") from None


def fail(label: str, entry: dict | None, entry_name: str, field_name: str | None, problem: str):
    line = f":{entry[LINE]}" if isinstance(entry, dict) and LINE in entry else ""
    where = f" entry {entry_name!r}" if entry_name else ""
    what = f" field {field_name!r}" if field_name else ""
    raise RegistryError(f"{label}{line}:{where}{what}: {problem}")


def check_mapping_registry(data, label: str, allowed: set[str], required: set[str]) -> dict[str, dict]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RegistryError(f"{label}: expected a mapping from id to entry, got {type(data).__name__}")
    registry = {}
    for key, entry in data.items():
        if key == LINE:
            continue
        key = str(key)
        if not SLUG.match(key):
            fail(label, entry, key, None, "id must be a lowercase slug (letters, digits, . _ -)")
        if not isinstance(entry, dict):
            fail(label, None, key, None, "expected a mapping of fields")
        for name in entry:
            if name != LINE and name not in allowed:
                fail(label, entry, key, name, f"unknown field (allowed: {', '.join(sorted(allowed))})")
        for name in required:
            value = entry.get(name)
            if not isinstance(value, str) or not value.strip():
                fail(label, entry, key, name, "required, a non-empty string")
        registry[key] = entry
    return registry


def check_date(label, entry, name, field_name, value, partial: bool) -> str | None:
    if value is None:
        return None
    if isinstance(value, int) and partial and 1000 <= value <= 9999:
        return str(value)
    if not isinstance(value, str):
        fail(label, entry, name, field_name, f"expected an ISO 8601 date, got {value!r}")
    text = value.strip()
    if partial and PARTIAL_DATE.match(text):
        parts = [int(p) for p in text.split("-")]
        try:
            datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            fail(label, entry, name, field_name, f"impossible date {text!r}")
        return text
    try:
        datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        fail(label, entry, name, field_name, f"not an ISO 8601 date: {text!r}")
    return text


class FolderListings:
    """``exists(name)``: whether ``folder/name`` exists, as ``os.path.exists`` says, answered from
    one listing of each folder (100,000 manifest entries: one ``stat`` each cost 0.3 s). A name
    not in its folder's listing, a symbolic link and a name ending in ``.``, ``..`` or ``/`` are
    asked of ``os.path.exists`` itself."""

    def __init__(self, folder: str):
        self.folder = folder
        self.listings: dict[str, set[str]] = {}

    def __call__(self, name: str) -> bool:
        head, _, base = name.rpartition("/")
        if base in ("", ".", ".."):
            return os.path.exists(os.path.join(self.folder, name))
        entries = self.listings.get(head)
        if entries is None:
            try:
                with os.scandir(os.path.join(self.folder, head) if head else self.folder) as found:
                    entries = {entry.name for entry in found if not entry.is_symlink()}
            except OSError:
                entries = set()
            self.listings[head] = entries
        return base in entries or os.path.exists(os.path.join(self.folder, name))


def load_registries(sources: Path, articles: Path | None = None, manifest: dict | None = None) -> Registries:
    """Load and cross-check affiliations, publishers and the manifest under ``sources``.

    ``manifest``: the manifest as an earlier call loaded it from the same bytes of manifest.yml
    (the incremental build caches it: parsing 100,000 entries of YAML takes tens of seconds);
    only its files and publishers are checked again.
    """
    if not sources.is_dir():
        raise RegistryError(f"{sources}: no such folder (expected the sources folder holding articles/ and the registries)")
    articles = articles or sources / "articles"
    label = lambda name: str(sources / name)  # noqa: E731
    affiliations = check_mapping_registry(
        load_yaml(sources / "affiliations.yml", label("affiliations.yml")),
        label("affiliations.yml"), AFFILIATION_FIELDS, {"name"},
    )
    publishers = check_mapping_registry(
        load_yaml(sources / "publishers.yml", label("publishers.yml")),
        label("publishers.yml"), PUBLISHER_FIELDS, {"name"},
    )
    for key, entry in publishers.items():
        affiliation = entry.get("affiliation")
        if affiliation is not None and not isinstance(affiliation, str):
            fail(label("publishers.yml"), entry, key, "affiliation", "expected an affiliation id (text) or null")
        if affiliation is not None and affiliation not in affiliations:
            fail(label("publishers.yml"), entry, key, "affiliation", f"unknown affiliation id {affiliation!r} (not in affiliations.yml)")
        domain = entry.get("domain")
        domains = domain if isinstance(domain, list) else [domain]
        if not all(d is None or isinstance(d, str) for d in domains):
            fail(label("publishers.yml"), entry, key, "domain", "expected a domain name, a list of them, or null")
    if manifest is None:
        manifest = load_manifest(sources / "manifest.yml", label("manifest.yml"), publishers, articles)
    else:
        exists = FolderListings(str(articles))
        for name, entry in manifest.items():
            if not exists(name):
                fail(label("manifest.yml"), entry, name, "file", f"no such file in {articles}")
            if entry.get("publisher") is not None and entry["publisher"] not in publishers:
                fail(label("manifest.yml"), entry, name, "publisher", f"unknown publisher id {entry['publisher']!r} (not in publishers.yml)")
    registries = Registries(affiliations=affiliations, publishers=publishers, manifest=manifest)
    registries.speakers = load_speaker_registry(sources / "speakers.yml", affiliations)
    registries.lexicon = load_names(sources / "names.yml")
    for name in ("affiliations.yml", "publishers.yml", "speakers.yml", "names.yml"):
        path = sources / name
        registries.fingerprints[name] = hashlib.sha256(path.read_bytes() if path.exists() else b"").hexdigest()
    return registries


def strip_lines(value):
    """``value`` without the line numbers the loader records."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != LINE}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value


def load_speaker_registry(path: Path, affiliations: dict):
    """speakers.yml, checked as YAML here (duplicate keys, size, aliases) and as a registry by
    ``attribute.load_speakers``, whose one-line errors become RegistryErrors. None: no file."""
    from .attribute import load_speakers

    if not path.exists():
        return None
    load_yaml(path, str(path))
    try:
        return load_speakers(path, strip_lines(affiliations))
    except (ValueError, OSError) as error:
        raise RegistryError(" ".join(str(error).split())) from None


def load_names(path: Path):
    """names.yml, validated (one line naming file, line, entry and field), as a ``names.Lexicon``."""
    from .names import build_lexicon

    if not path.exists():
        return None
    label = str(path)
    data = load_yaml(path, label)
    if data is None:
        return build_lexicon({})
    if not isinstance(data, dict):
        raise RegistryError(f"{label}: expected a mapping from actor id to entry, got {type(data).__name__}")
    for key, entry in data.items():
        if key == LINE:
            continue
        if not isinstance(entry, dict):
            fail(label, None, str(key), None, "expected a mapping of fields")
        for name in entry:
            if name != LINE and name not in NAME_FIELDS:
                fail(label, entry, str(key), name, f"unknown field (allowed: {', '.join(sorted(NAME_FIELDS))})")
        for name in ("name", "description", "basis"):
            if not isinstance(entry.get(name), str) or not entry[name].strip():
                fail(label, entry, str(key), name, "required, a non-empty string")
        names = entry.get("names")
        if not isinstance(names, list) or not names:
            fail(label, entry, str(key), "names", "required, a list of names, each with name and signals")
        for item in names:
            where = item if isinstance(item, dict) else entry
            if not isinstance(item, dict):
                fail(label, entry, str(key), "names", "each name must be a mapping with name and signals")
            for name in item:
                if name != LINE and name not in NAME_ENTRY_FIELDS:
                    fail(label, where, str(key), f"names: {name}", f"unknown field (allowed: {', '.join(sorted(NAME_ENTRY_FIELDS))})")
            for name in ("name", "signals"):
                if not isinstance(item.get(name), str) or not item[name].strip():
                    fail(label, where, str(key), f"names: {name}", "required, a non-empty string")
            if item.get("case", "any") not in ("any", "exact"):
                fail(label, where, str(key), "names: case", "must be 'any' or 'exact'")
    try:
        return build_lexicon(strip_lines(data))
    except ValueError as error:
        raise RegistryError(f"{label}: {' '.join(str(error).split())}") from None


def load_manifest(path: Path, label: str, publishers: dict, articles: Path) -> dict[str, dict]:
    data = None
    if path.exists() and path.stat().st_size <= MAX_YAML_BYTES:
        try:
            data = simple_entries(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, OSError):
            data = None
    if data is None:
        data = load_yaml(path, label)
    if data is None:
        return {}
    if not isinstance(data, list):
        raise RegistryError(f"{label}: expected a list of entries, got {type(data).__name__}")
    manifest: dict[str, dict] = {}
    for number, entry in enumerate(data, start=1):
        if not isinstance(entry, dict):
            raise RegistryError(f"{label}: entry {number}: expected a mapping of fields")
        name = entry.get("file")
        if not isinstance(name, str) or not name.strip():
            fail(label, entry, f"#{number}", "file", "required, the file's name in articles/")
        for key in entry:
            if key != LINE and key not in MANIFEST_FIELDS:
                fail(label, entry, name, key, f"unknown field (allowed: {', '.join(sorted(MANIFEST_FIELDS))})")
        if name in manifest:
            fail(label, entry, name, "file", f"duplicate entry (first at line {manifest[name][LINE]})")
        check_file_name(label, entry, name, articles)
        publisher = entry.get("publisher")
        if publisher is not None and not isinstance(publisher, str):
            fail(label, entry, name, "publisher", "expected a publisher id (text) or null")
        if publisher is not None and publisher not in publishers:
            fail(label, entry, name, "publisher", f"unknown publisher id {publisher!r} (not in publishers.yml)")
        for key in ("title", "url", "published_basis"):
            if entry.get(key) is not None and not isinstance(entry[key], str):
                fail(label, entry, name, key, "expected text or null")
        language = entry.get("language")
        if language is not None and not is_language_code(language):
            fail(label, entry, name, "language", f"{language!r} is not an ISO 639-1 code (two lower-case letters, e.g. fa or en)")
        clean = dict(entry)
        clean["published"] = check_date(label, entry, name, "published", entry.get("published"), partial=True)
        clean["retrieved"] = check_date(label, entry, name, "retrieved", entry.get("retrieved"), partial=True)
        if clean["published"] and not (entry.get("published_basis") or "").strip():
            fail(label, entry, name, "published_basis", "required when 'published' is given: name the evidence")
        manifest[name] = clean
    return manifest


def check_file_name(label: str, entry: dict, name: str, articles: Path) -> None:
    """A manifest's file: a relative path to an existing file inside articles/, nothing else."""
    parts = Path(name).parts
    if "\0" in name or Path(name).is_absolute() or ".." in parts:
        fail(label, entry, name, "file", "must be a file name relative to articles/ (no '..', no leading '/')")
    try:
        found = (articles / name).is_file()
    except OSError as error:
        fail(label, entry, name, "file", f"cannot be looked up ({error.strerror})")
    if not found:
        fail(label, entry, name, "file", f"no such file in {articles}")
