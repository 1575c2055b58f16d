from ingest.text import ABBREVIATIONS, SENTENCE_END, is_abbreviation


def ends(text):
    """The sentence ends of ``text``: full stops that do not close an abbreviation."""
    return [m.start() for m in SENTENCE_END.finditer(text) if not is_abbreviation(text, m.start())]


def test_title_before_a_name_is_no_sentence_end():
    assert ends("Mr. Smith arrived. Dr. Jones left.") == [len("Mr. Smith arrived")]


def test_dotted_initialism_is_no_sentence_end():
    text = "The U.N. officials met. They agreed."
    assert ends(text) == [text.index(" They") - 1]


def test_month_before_a_day_is_no_sentence_end():
    assert ends("It opened on Jan. 5 in Boston. Crowds came.") == [len("It opened on Jan. 5 in Boston")]


def test_number_sign_before_a_digit_is_no_sentence_end():
    assert is_abbreviation("He wore No. 5 all season.", len("He wore No"))
    assert ends("He wore No. 5 all season. Fans cheered.") == [len("He wore No. 5 all season")]


def test_plain_sentences_end_at_each_full_stop():
    text = "He left. She stayed."
    assert ends(text) == [len("He left")]
    assert not is_abbreviation(text, len("He left"))


def test_single_letter_and_quoted_title_are_abbreviations():
    assert is_abbreviation("said J. Smith", len("said J"))
    assert is_abbreviation("“Mr. Smith", len("“Mr"))


def test_word_is_not_read_before_start():
    text = "Smith.Mr. Jones"
    assert not is_abbreviation(text, len("Smith.Mr"))  # the word is "Smith.Mr"
    assert is_abbreviation(text, len("Smith.Mr"), start=len("Smith."))
    assert not is_abbreviation("Xmr. Jones", len("Xmr"))
    assert is_abbreviation("Xmr. Jones", len("Xmr"), start=1)


def test_sentence_end_allows_closing_and_opening_marks():
    text = "He said “yes.” “No,” she said. ''Maybe,'' he replied."
    assert [m.group(1) for m in SENTENCE_END.finditer(text)] == [" ", " "]


def test_one_list_for_every_job():
    assert {"mr", "u.n", "jan", "no", "calif", "tex"} <= ABBREVIATIONS
    assert not {"left", "stayed", "said"} & ABBREVIATIONS
