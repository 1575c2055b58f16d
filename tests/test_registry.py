import pytest

from ingest.errors import RegistryError
from ingest.registry import load_registries


def write(sources, name, text):
    (sources / name).write_text(text, encoding="utf-8")


def test_the_repository_sources_are_valid(sources):
    registries = load_registries(sources)
    assert len(registries.manifest) == 5
    assert {entry["publisher"] for entry in registries.manifest.values()} <= set(registries.publishers)


def test_only_articles_is_enough(tmp_path):
    (tmp_path / "articles").mkdir()
    registries = load_registries(tmp_path)
    assert (registries.manifest, registries.publishers, registries.affiliations) == ({}, {}, {})


MANIFEST_HEAD = "- file: 000_e8de499f15e36025.txt\n  publisher: mek-iran\n"


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("manifest.yml", "- file: missing.txt\n", "manifest.yml:1: entry 'missing.txt' field 'file': no such file in"),
        ("manifest.yml", "- file: 000_e8de499f15e36025.txt\n  publisher: nobody\n", "manifest.yml:1: entry '000_e8de499f15e36025.txt' field 'publisher': unknown publisher id 'nobody'"),
        ("manifest.yml", MANIFEST_HEAD + "  published: 2021-02-30\n", "field 'published': impossible date '2021-02-30'"),
        ("manifest.yml", MANIFEST_HEAD + "  published: '2021-13'\n  published_basis: x\n", "field 'published': impossible date '2021-13'"),
        ("manifest.yml", MANIFEST_HEAD + "  published: 'last spring'\n", "field 'published': not an ISO 8601 date: 'last spring'"),
        ("manifest.yml", MANIFEST_HEAD + "  published: '2021'\n", "field 'published_basis': required when 'published' is given"),
        ("manifest.yml", MANIFEST_HEAD + "  publsher: x\n", "field 'publsher': unknown field"),
        ("manifest.yml", MANIFEST_HEAD + MANIFEST_HEAD, "manifest.yml:3: entry '000_e8de499f15e36025.txt' field 'file': duplicate entry (first at line 1)"),
        ("manifest.yml", "- file: a.txt\n\ttitle: x\n", "manifest.yml:2: YAML syntax error"),
        ("manifest.yml", "- file: a\n  title: MEK: UN\n", "manifest.yml:2: YAML syntax error: mapping values are not allowed here"),
        ("manifest.yml", "file: a.txt\n", "manifest.yml: expected a list of entries"),
        ("publishers.yml", "x:\n  name: X\n  affiliation: nowhere\n", "publishers.yml:2: entry 'x' field 'affiliation': unknown affiliation id 'nowhere'"),
        ("publishers.yml", "Bad Id:\n  name: X\n", "publishers.yml:2: entry 'Bad Id': id must be a lowercase slug"),
        ("affiliations.yml", "a:\n  description: no name\n", "affiliations.yml:2: entry 'a' field 'name': required"),
    ],
)
def test_registry_faults_are_one_line_naming_file_line_entry_field(sources, name, text, message):
    write(sources, name, text)
    with pytest.raises(RegistryError) as error:
        load_registries(sources)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_tabs_are_named(sources):
    write(sources, "publishers.yml", "x:\n\tname: X\n")
    with pytest.raises(RegistryError, match=r"publishers.yml:2: YAML syntax error: .*a tab"):
        load_registries(sources)


NAME_ENTRY = "x:\n  name: X\n  description: An actor.\n  basis: Seen.\n  names:\n    - name: Ex\n      signals: Used by all.\n"


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("names.yml", "x:\n  name: X\n  basis: b\n  names:\n    - name: Ex\n      signals: s\n", "names.yml:2: entry 'x' field 'description': required"),
        ("names.yml", "x:\n  name: X\n  description: d\n  basis: b\n  names:\n    - name: Ex\n", "names.yml:6: entry 'x' field 'names: signals': required"),
        ("names.yml", NAME_ENTRY.replace("      signals", "      case: upper\n      signals"), "field 'names: case': must be 'any' or 'exact'"),
        ("names.yml", NAME_ENTRY + NAME_ENTRY.replace("x:", "y:"), "names.yml: names.yml: 'Ex' is listed for two actors"),
        ("names.yml", NAME_ENTRY + NAME_ENTRY, "names.yml:8: YAML syntax error: duplicate key 'x'"),
        ("speakers.yml", "a:\n  name: A\na:\n  name: B\n", "speakers.yml:3: YAML syntax error: duplicate key 'a'"),
        ("speakers.yml", "a:\n  name: A\n  type: planet\n", "speakers.yml: entry 'a' field 'type': unknown type 'planet'"),
    ],
)
def test_every_registry_is_checked_up_front_with_one_line(sources, name, text, message):
    write(sources, name, text)
    with pytest.raises(RegistryError) as error:
        load_registries(sources)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_the_names_and_speakers_registries_are_loaded(sources):
    registries = load_registries(sources)
    assert registries.lexicon is not None and "pmoi" in registries.lexicon.actors
    assert registries.speakers is not None and registries.speakers.speakers


def test_yaml_alias_bombs_are_refused(sources):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        lines.append(f"{chr(97 + level)}: &{chr(97 + level)} [" + ", ".join([f"*{chr(96 + level)}"] * 10) + "]")
    write(sources, "affiliations.yml", "\n".join(lines) + "\n")
    with pytest.raises(RegistryError, match=r"affiliations.yml:\d+: YAML syntax error: aliases expand to more than"):
        load_registries(sources)


def test_oversized_registries_are_refused(sources, monkeypatch):
    from ingest import registry

    limit = max((sources / "affiliations.yml").stat().st_size, 10)
    monkeypatch.setattr(registry, "MAX_YAML_BYTES", limit)
    write(sources, "publishers.yml", "x:\n  name: " + "X" * limit + "\n")
    with pytest.raises(RegistryError, match=r"publishers.yml: larger than"):
        load_registries(sources)


import yaml  # noqa: E402
from hypothesis import given, strategies as st  # noqa: E402

SCALARS = st.one_of(
    st.sampled_from(["null", "~", "", "yes", "No", "on", "0x1F", "1.5", "007", "-1", "12:30", "2020", "2024-01-04",
                     "a: b", "x # y", "'q'", "[1]", "{a: 1}", "*alias", "&anchor x", "|", ">"]),
    st.from_regex(r'"[A-Za-z0-9 :#/._-]{0,12}"', fullmatch=True),
    st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_./-]{0,12}", fullmatch=True),
)


@given(st.lists(st.lists(st.tuples(st.sampled_from(["file", "title", "url", "publisher", "published"]), SCALARS),
                         min_size=1, max_size=5), max_size=4),
       st.booleans())
def test_the_fast_manifest_reader_reads_what_yaml_reads(entries, comment):
    """simple_entries gives the YAML loader's result, or None (then the YAML loader is used)."""
    from ingest.registry import LineLoader, simple_entries

    lines = ["# a manifest"] if comment else []
    for entry in entries:
        for number, (key, value) in enumerate(entry):
            lines.append(("- " if number == 0 else "  ") + f"{key}: {value}".rstrip())
    text = "\n".join(lines) + "\n"
    fast = simple_entries(text)
    if fast is None:
        return
    assert fast == (yaml.load(text, Loader=LineLoader) or [])


def test_a_large_plain_manifest_is_read_without_the_yaml_parser(sources, monkeypatch):
    from ingest import registry

    load_yaml = registry.load_yaml

    def refuse_manifest(path, label):
        assert path.name != "manifest.yml", "the YAML parser read the manifest"
        return load_yaml(path, label)

    monkeypatch.setattr(registry, "load_yaml", refuse_manifest)
    names = sorted(path.name for path in (sources / "articles").iterdir())
    write(sources, "manifest.yml", "# plain\n" + "".join(
        f'- file: {name}\n  title: "A title: {number}"\n  url: null\n  publisher: mek-iran\n  published: "2020-01-0{number + 1}"\n'
        f'  published_basis: "a test"\n' for number, name in enumerate(names)))
    registries = load_registries(sources)
    assert [entry["title"] for entry in registries.manifest.values()] == [f"A title: {n}" for n in range(len(names))]
    assert registries.manifest[names[1]]["published"] == "2020-01-02" and registries.manifest[names[1]]["__line__"] == 8


def test_a_cached_manifest_is_checked_against_the_files_as_the_parsed_one_is(tmp_path):
    import os

    from ingest.registry import FolderListings

    articles = tmp_path / "articles"
    (articles / "sub" / "deeper").mkdir(parents=True)
    for name in ("top.txt", "sub/inner.txt", "sub/deeper/leaf.txt"):
        (articles / name).write_text("text\n", encoding="utf-8")
    os.symlink(articles / "nowhere.txt", articles / "sub" / "broken.txt")
    os.symlink(articles / "top.txt", articles / "sub" / "linked.txt")
    exists = FolderListings(str(articles))
    for name in ("top.txt", "sub/inner.txt", "sub/deeper/leaf.txt", "sub/linked.txt", "sub", "sub/./inner.txt",
                 "sub/../top.txt", "missing.txt", "sub/missing.txt", "nofolder/top.txt", "sub/broken.txt", "sub/"):
        assert exists(name) == os.path.exists(articles / name), name
    manifest = {"top.txt": {"file": "top.txt"}, "sub/gone.txt": {"file": "sub/gone.txt"}}
    with pytest.raises(RegistryError, match="entry 'sub/gone.txt' field 'file': no such file in"):
        load_registries(tmp_path, manifest=manifest)
    del manifest["sub/gone.txt"]
    assert load_registries(tmp_path, manifest=manifest).manifest == manifest
