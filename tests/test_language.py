"""The language detector's fast scores are py3langid's own, to the bit."""

import numpy as np
import pytest

from ingest import language


def synchronising_bytes(identifier, limit: int = 12) -> int | None:
    """The least n such that every state of py3langid's automaton, reading the same n bytes,
    ends in the same state (classes of states refined byte by byte until one is left)."""
    nextmove = np.frombuffer(identifier.tk_nextmove, dtype=np.uint32).reshape(-1, 256)
    row = np.frombuffer(identifier.tk_row, dtype=np.uint16)
    classes = np.arange(len(row), dtype=np.int32)  # before any byte: every state its own class
    for steps in range(1, limit + 1):
        table = np.ascontiguousarray(classes[nextmove])  # each row: the classes its bytes lead to
        _, inverse = np.unique(table.view(np.dtype((np.void, table.shape[1] * 4))).ravel(), return_inverse=True)
        classes = inverse.ravel().astype(np.int32)[row]
        if classes.max() == 0:
            return steps
    return None


def test_the_automaton_forgets_its_start_within_sync_bytes():
    steps = synchronising_bytes(language._get_identifier())
    assert steps is not None and steps <= language.SYNC_BYTES


TEXTS = [
    "The 1988 massacre of political prisoners in Iran was a crime against humanity.",
    "SHOUTED HEADLINE IN CAPITALS ABOUT THE TRIAL",
    "کشتار زندانیان سیاسی در سال ۱۳۶۷ جنایت علیه بشریت بود و گواهان از آن گفتند.",
    "قال المتحدث إن المحكمة ستنظر في القضية الأسبوع المقبل في العاصمة.",
    "Der Zeuge sagte vor dem Gericht aus, dass die Gefangenen verlegt wurden.",
    "Le témoin a déclaré devant le tribunal que les prisonniers avaient été transférés.",
    "ab", "", "1234 5678 !!! ???", "a" * 3000, "Ünïcödé ﬁ ligatures and combining e\u0301 marks.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_scores_equal_py3langid(text):
    identifier = language._get_identifier()
    assert np.array_equal(language.scores(text), identifier._decide(text))


def test_features_start_of_text_and_short_input():
    from py3langid.langid import visit_counts
    identifier = language._get_identifier()
    for text in ["a", "ab", "abcde", "abcdef", "abcdefg", "The trial."]:
        data = identifier._encode(text)
        found, counts = language.features(data)
        expected = visit_counts(identifier.tk_nextmove, identifier._rowbase, identifier.tk_output, data)
        assert dict(zip(found.tolist(), counts.tolist())) == dict(expected or {})
        assert found.tolist() == list((expected or {}).keys())  # the same order: the same sums


def test_a_walk_too_short_to_forget_its_start_differs():
    """With fewer steps than the automaton needs, the counts differ somewhere: the check can fail."""
    identifier = language._get_identifier()
    from py3langid.langid import visit_counts
    differs = False
    for text in TEXTS[:6]:
        data = identifier._encode(text)
        found, counts = language.features(data, sync=2)
        expected = visit_counts(identifier.tk_nextmove, identifier._rowbase, identifier.tk_output, data) or {}
        differs |= dict(zip(found.tolist(), counts.tolist())) != dict(expected)
    assert differs


@pytest.mark.parametrize("text,expected", [
    (TEXTS[0], "en"), (TEXTS[2], "fa"), (TEXTS[4], "de"), (TEXTS[5], "fr"), ("ab", None), ("", None),
])
def test_detect_language(text, expected):
    assert language.detect_language(text) == expected
