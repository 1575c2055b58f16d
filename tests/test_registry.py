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
