"""Names: which name a text uses for an actor."""

from pathlib import Path

import pytest

from ingest.names import build_lexicon, find_mentions, load_lexicon

ROOT = Path(__file__).resolve().parent.parent
LEXICON = load_lexicon(ROOT / "sources" / "names.yml")


def found(text):
    return [(m.actor_id, m.surface) for m in find_mentions(text, LEXICON)]


# (text, [(actor_id, surface), ...])
CASES = [
    ("The People’s Mojahedin Organization of Iran (PMOI / MEK Iran)",
     [("pmoi", "People’s Mojahedin Organization of Iran"), ("pmoi", "PMOI"), ("pmoi", "MEK")]),
    ("The People's Mojahedin Organization of Iran", [("pmoi", "People's Mojahedin Organization of Iran")]),
    ("the Mujahedin-e Khalq (MKO), whom officials call monafeqin",
     [("pmoi", "Mujahedin-e Khalq"), ("pmoi", "MKO"), ("pmoi", "monafeqin")]),
    ("#MEK #PMOI #WeSupportMEK @MEK_Iran MEKs", [("pmoi", "MEK"), ("pmoi", "PMOI")]),
    ("the MEK’s supporters", [("pmoi", "MEK")]),
    ("mek and pmoi in lower case are not the acronyms", []),
    ("National Council of Resistance of Iran (NCRI)",
     [("ncri", "National Council of Resistance of Iran"), ("ncri", "NCRI")]),
    ("the Islamic Republic of Iran", [("islamic-republic", "Islamic Republic of Iran")]),
    ("The regime and the mullahs’ regime", [("islamic-republic", "The regime"), ("islamic-republic", "mullahs’ regime")]),
    ("the Iranian regime’s judiciary", [("islamic-republic", "Iranian regime")]),
    ("trade with the religious fascism ruling Iran", [("islamic-republic", "religious fascism")]),
    ("the clerical regime", [("islamic-republic", "clerical regime")]),
    ("Tehran made it clear; tehranis are not Tehran", [("islamic-republic", "Tehran"), ("islamic-republic", "Tehran")]),
    ("the Islamic Revolutionary Guards Corps (IRGC)",
     [("irgc", "Islamic Revolutionary Guards Corps"), ("irgc", "IRGC")]),
    ("the Iranian\u00a0government\nsaid", [("islamic-republic", "Iranian\u00a0government")]),
    ("a regime change in Syria; the Assad government", []),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_mentions(text, expected):
    assert found(text) == expected


def test_offsets_and_names():
    text = "Iranian officials claim the fatwa still stands against the PMOI/MEK."
    mentions = find_mentions(text, LEXICON)
    assert [(m.surface, m.name) for m in mentions] == [("PMOI", "PMOI"), ("MEK", "MEK")]
    for m in mentions:
        assert text[m.start : m.end] == m.surface


def test_lexicon_every_actor_has_names_with_signals():
    for actor in LEXICON.actors.values():
        assert actor.basis and actor.description and actor.names
        assert all(n["signals"].strip() for n in actor.names)
        assert set(actor.row()) == {"id", "name", "description"}


def test_a_name_for_two_actors_is_refused():
    data = {
        "a": {"name": "A", "description": "d", "basis": "b", "names": [{"name": "X", "signals": "s"}]},
        "b": {"name": "B", "description": "d", "basis": "b", "names": [{"name": "x", "signals": "s"}]},
    }
    with pytest.raises(ValueError, match="two actors"):
        build_lexicon(data)


def test_seed_names():
    text = (ROOT / "sources" / "articles" / "003_e58dc68211112426.txt").read_text(encoding="utf-8")
    names = {(m.actor_id, m.name) for m in find_mentions(text, LEXICON)}
    assert ("islamic-republic", "religious fascism") in names
    assert ("islamic-republic", "clerical regime") in names
    assert ("ncri", "Iranian Resistance") in names
    assert ("pmoi", "People's Mojahedin Organization of Iran") in names
