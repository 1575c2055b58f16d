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
