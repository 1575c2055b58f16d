"""ingest.attribute: who speaks in each passage.

Table-driven rule cases, registry validation, and the measure over the labelled set
(tests/fixtures/attribution_gold.yml): run ``pytest tests/test_attribute.py -k gold -s`` to see the figures.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.attribute import attribute_document, load_speakers, plain_role, plausible_name, quote_spans
from ingest.clean import clean
from ingest.model import Passage
from ingest.split import split

ROOT = Path(__file__).resolve().parent.parent
SPEAKERS = ROOT / "sources" / "speakers.yml"
GOLD = ROOT / "tests" / "fixtures" / "attribution_gold.yml"

QUOTE_PRECISION_TARGET = 0.90
QUOTE_RECALL_TARGET = 0.85


@pytest.fixture(scope="module")
def registry():
    return load_speakers(SPEAKERS)


def passages_of(text: str) -> list[Passage]:
    """Passages as the build makes them: clean, then split."""
    return split(text, clean(text).kept)


def attributed(text: str, registry) -> tuple[list[Passage], list[dict]]:
    passages = passages_of(text)
    new = attribute_document(passages, registry)
    return passages, new


# ---------------------------------------------------------------------------------------------
# Rule cases: (name, text, index of the passage to check, speaker, attribution, cue)

CASES = [
    ("tweet by handle",
     "The regime must answer.\n— Morgan Ortagus (@statedeptspox) July 17, 2020\n",
     0, "morgan-ortagus", "tweet", "signature"),
    ("colon and verb before the quote",
     "In a decree, Khomeini wrote: “Anyone who supports them is condemned to death.”\n",
     0, "ruhollah-khomeini", "quote", "wrote"),
    ("verb and name after the quote",
     "“The communication is a momentous breakthrough for the families,” said Diana Eltahawy, Amnesty International’s Deputy Director.\n",
     0, "diana-eltahawy", "quote", "said"),
    ("name then verb after the quote",
     "“This is a step in the right direction,” Amnesty International said.\n",
     0, "amnesty-international", "quote", "said"),
    ("pronoun refers to the previous passage's speaker",
     "In his remarks, Stevenson condemned the trip and said: “Rouhani is no moderate at all.”\n"
     "He added: “The EU should demand a full United Nations inquiry.”\n",
     1, "struan-stevenson", "quote", "added"),
    ("'It' refers to the body named just before",
     "Amnesty International mentioned the incident in its most recent report.\n"
     "It emphasizes that the authorities keep concealing the fate of the victims.\n",
     1, "amnesty-international", "reported", "emphasizes"),
    ("describes … as, without quotation marks",
     "Geoffrey Robertson, a human rights barrister, describes the massacre as the worst crime since the war.\n",
     0, "geoffrey-robertson", "reported", "describes … as"),
    ("according to the report of a voice named before",
     "The UN Secretary-General, Antonio Guterres, submitted a report this week.\n"
     "Graves were destroyed, according to the report.\n",
     1, "un-secretary-general", "reported", "according to"),
    ("as described by after a quotation",
     "Tehran kept to a “strategy of deflection and denial,” as described by UN experts.\n",
     0, "un-experts", "quote", "as described by"),
    ("a verbless colon lead",
     "Mrs. Maryam Rajavi, President-elect of the NCRI: We see the names of courageous women among the martyrs.\n",
     0, "maryam-rajavi", "quote", "colon"),
    ("a caption reporting a named voice",
     "(PMOI / MEK Iran) and (NCRI): UN Secretary-General Antonio Guterres emphasized the lack of accountability.\n",
     0, "un-secretary-general", "caption", "emphasized"),
    ("a caption repeating a headline is the outlet's",
     "(NCRI) and (PMOI / MEK Iran): Amnesty International: Iran’s Regime Ended 2020 With More Human Rights Abuses.\n",
     0, None, None, None),
    ("scare quotes quote nobody",
     "The regime’s “election” of Ebrahim Raisi took place in June 2021 as part of the same process.\n",
     0, None, None, None),
    ("a coordinated list of voices is nobody in particular",
     "Human rights defenders, European politicians and the Iranian Resistance called for an inquiry.\n",
     0, None, None, None),
    ("a name after a preposition is not the subject",
     "Legal scholars spoke at a conference hosted by the National Council of Resistance of Iran (NCRI), and highlighted the case.\n",
     0, None, None, None),
    ("the outlet's own voice",
     "The impunity of the regime officials must end, and they must face justice for their crimes.\n",
     0, None, None, None),
    ("a pronoun with nobody before it stays unattributed",
     "He told his team to do whatever it takes to quell the protests.\n",
     0, None, None, None),
    ("lead-in line then block quote",
     "As Amnesty International wrote in its 2018 report:\n\n“The authorities have concealed the fate of the victims for decades.”\n",
     1, "amnesty-international", "quote", "wrote"),
]


@pytest.mark.parametrize("name,text,index,speaker,attribution,cue", CASES, ids=[c[0] for c in CASES])
def test_rule_cases(registry, name, text, index, speaker, attribution, cue):
    passages, _ = attributed(text, registry)
    passage = passages[index]
    assert (passage.speaker_id, passage.attribution, passage.attribution_cue) == (speaker, attribution, cue), passage.text


def test_whole_quotation_becomes_kind_quote_and_tweet_keeps_its_kind(registry):
    passages, _ = attributed(
        "He said nothing.\n\nKhomeini wrote: “Anyone who at any stage is insistent on their support is condemned.”\n"
        "In the face of these youth, the regime cannot forestall its overthrow\n"
        "— Maryam Rajavi (@Maryam_Rajavi) December 24, 2019\n",
        registry,
    )
    kinds = [(p.kind, p.speaker_id, p.said_on) for p in passages]
    assert kinds == [
        ("paragraph", None, None),
        ("quote", "ruhollah-khomeini", None),
        ("tweet", "maryam-rajavi", "2019-12-24"),
    ]


def test_names_not_in_the_registry_are_returned_never_dropped(registry):
    passages, new = attributed(
        "“These allegations are baseless and politically motivated,” judiciary spokesman Karim Nourbakhsh told reporters.\n"
        "Nobody knows.\n— Some Account (@someaccount123) May 1, 2021\n",
        registry,
    )
    assert [p.speaker_id for p in passages] == ["karim-nourbakhsh", "some-account"]
    assert new == [
        {"id": "karim-nourbakhsh", "name": "Karim Nourbakhsh", "affiliation": None, "description": "not in registry",
         "type": "person"},
        {"id": "some-account", "name": "Some Account", "affiliation": None, "description": "not in registry",
         "handle": "someaccount123", "type": "person"},
    ]


def test_attribution_is_idempotent(registry):
    text = (ROOT / "sources/articles/001_c9f4e8dba30f38fc.txt").read_text(encoding="utf-8")
    passages = passages_of(text)
    attribute_document(passages, registry)
    first = [(p.kind, p.speaker_id, p.attribution, p.attribution_cue) for p in passages]
    attribute_document(passages, registry)
    assert [(p.kind, p.speaker_id, p.attribution, p.attribution_cue) for p in passages] == first


# ---------------------------------------------------------------------------------------------
# The registry


def test_registry_loads_and_covers_the_seed_handles(registry):
    assert {"statedeptspox", "sfundamentalism", "mek_iran", "maryam_rajavi"} <= set(registry.by_handle)
    affiliations = yaml.safe_load((ROOT / "sources/affiliations.yml").read_text(encoding="utf-8"))
    for key, entry in registry.speakers.items():
        assert entry.get("affiliation") is None or entry["affiliation"] in affiliations, key
        assert (entry.get("basis") or "").strip(), f"{key}: every speaker gives the basis of its affiliation"


BAD_REGISTRIES = [
    ("unknown affiliation", "a:\n  name: A\n  affiliation: martians\n", "entry 'a' field 'affiliation'"),
    ("duplicate alias", "a:\n  name: A\n  aliases: [Amnesty]\nb:\n  name: B\n  aliases: [amnesty]\n", "entry 'b' field 'aliases'"),
    ("duplicate handle", "a:\n  name: A\n  handles: [x1]\nb:\n  name: B\n  handles: ['@X1']\n", "entry 'b' field 'handles'"),
    ("unknown field", "a:\n  name: A\n  colour: red\n", "entry 'a' field 'colour'"),
    ("missing name", "a:\n  aliases: [A]\n", "entry 'a' field 'name'"),
    ("bad type", "a:\n  name: A\n  type: planet\n", "entry 'a' field 'type'"),
]


@pytest.mark.parametrize("name,text,where", BAD_REGISTRIES, ids=[b[0] for b in BAD_REGISTRIES])
def test_registry_faults_name_file_entry_and_field(tmp_path, name, text, where):
    path = tmp_path / "speakers.yml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "affiliations.yml").write_text("un:\n  name: United Nations\n", encoding="utf-8")
    with pytest.raises(ValueError) as error:
        load_speakers(path)
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(str(path)) and where in message, message


# ---------------------------------------------------------------------------------------------
# The measure


def gold_rows(registry):
    """(file, passage, gold label or None) for every passage of every labelled document."""
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    rows = []
    for document in gold["documents"]:
        text = (ROOT / document["file"]).read_text(encoding="utf-8")
        passages = passages_of(text)
        attribute_document(passages, registry)
        labels = {}
        for label in document["passages"]:
            hits = [i for i, p in enumerate(passages) if label["text"] in p.text]
            assert len(hits) == 1, f"{document['file']}: snippet {label['text']!r} matches {len(hits)} passages"
            assert hits[0] not in labels, f"{document['file']}: two labels for one passage ({label['text']!r})"
            labels[hits[0]] = label
        for index, passage in enumerate(passages):
            rows.append((document["file"], passage, labels.get(index), bool(document.get("heldout"))))
    return rows


def score(rows) -> dict:
    counts = Counter()
    problems = []
    for file, passage, label, *_ in rows:
        gold_speaker = label.get("speaker") if label else None
        gold_attribution = label.get("attribution") if label else None
        where = f"{file}: {' '.join(passage.text.split())[:70]!r}"
        if gold_speaker is None and passage.speaker_id is not None:
            counts["false_attributions"] += 1
            problems.append(f"attributed to {passage.speaker_id} but gold is the outlet's voice: {where}")
        if gold_speaker is not None:
            counts["voiced_gold"] += 1
            counts["voiced_found"] += passage.speaker_id == gold_speaker
            if passage.speaker_id not in (None, gold_speaker):
                problems.append(f"speaker {passage.speaker_id}, gold {gold_speaker}: {where}")
            elif passage.speaker_id is None:
                problems.append(f"missed {gold_speaker} ({gold_attribution}): {where}")
        if passage.speaker_id is not None:
            counts["voiced_predicted"] += 1
        if gold_attribution == "tweet":
            counts["tweets"] += 1
            ok = (passage.speaker_id == gold_speaker and passage.tweet_handle == label["handle"]
                  and passage.said_on == str(label["said_on"]) and passage.attribution == "tweet")
            counts["tweets_ok"] += ok
            if not ok:
                problems.append(f"tweet not attributed with handle and date: {where}")
        if gold_attribution == "quote":
            counts["quotes_gold"] += 1
        if passage.attribution == "quote":
            counts["quotes_predicted"] += 1
        if gold_attribution == "quote" and passage.attribution == "quote" and passage.speaker_id == gold_speaker:
            counts["quotes_correct"] += 1
        if gold_speaker is not None and passage.speaker_id == gold_speaker:
            counts["cues_compared"] += 1
            counts["cues_agree"] += passage.attribution_cue == label.get("cue")
            counts["attributions_agree"] += passage.attribution == gold_attribution
        if label and label.get("kind"):
            counts["kinds_gold"] += 1
            counts["kinds_agree"] += passage.kind == label["kind"]
    ratio = lambda a, b: counts[a] / counts[b] if counts[b] else 1.0  # noqa: E731
    return {
        "passages": len(rows),
        "tweets": f"{counts['tweets_ok']}/{counts['tweets']}",
        "quote_precision": ratio("quotes_correct", "quotes_predicted"),
        "quote_recall": ratio("quotes_correct", "quotes_gold"),
        "voice_precision": ratio("voiced_found", "voiced_predicted"),
        "voice_recall": ratio("voiced_found", "voiced_gold"),
        "false_attributions": counts["false_attributions"],
        "attribution_agreement": ratio("attributions_agree", "cues_compared"),
        "cue_agreement": ratio("cues_agree", "cues_compared"),
        "kind_agreement": ratio("kinds_agree", "kinds_gold"),
        "counts": dict(counts),
        "problems": problems,
    }


def report(title: str, result: dict) -> None:
    counts = result["counts"]
    print(f"\n{title}: {result['passages']} passages")
    print(f"  tweets with handle and date   {result['tweets']}")
    print(f"  quotations  precision {result['quote_precision']:.3f} ({counts.get('quotes_correct', 0)}/{counts.get('quotes_predicted', 0)})"
          f"  recall {result['quote_recall']:.3f} ({counts.get('quotes_correct', 0)}/{counts.get('quotes_gold', 0)})")
    print(f"  all voices  precision {result['voice_precision']:.3f} ({counts.get('voiced_found', 0)}/{counts.get('voiced_predicted', 0)})"
          f"  recall {result['voice_recall']:.3f} ({counts.get('voiced_found', 0)}/{counts.get('voiced_gold', 0)})")
    print(f"  passages attributed to a voice they do not carry: {result['false_attributions']}")
    print(f"  where the speaker is right: attribution agrees {result['attribution_agreement']:.3f}, cue agrees {result['cue_agreement']:.3f}")
    print(f"  kind 'quote' as labelled: {result['kind_agreement']:.3f}")
    for problem in result["problems"]:
        print(f"  - {problem}")


def test_gold_precision_and_recall(registry):
    rows = gold_rows(registry)
    seeds = score([r for r in rows if r[0].startswith("sources/")])
    styles = score([r for r in rows if not r[0].startswith("sources/") and not r[3]])
    heldout = score([r for r in rows if r[3]])
    result = score(rows)
    report("seeds (rules written while reading them)", seeds)
    report("house styles (written with the rules in mind)", styles)
    report("held out (labelled before the first run, never tuned on)", heldout)
    report("all", result)
    tweets_ok, tweets = map(int, result["tweets"].split("/"))
    assert tweets >= 6 and tweets_ok == tweets
    assert result["false_attributions"] == 0, result["problems"]
    assert result["quote_precision"] >= QUOTE_PRECISION_TARGET
    assert result["quote_recall"] >= QUOTE_RECALL_TARGET


def test_scoring_can_fail():
    """The measure is not vacuous: a wrong speaker and an invented one both count."""
    passage = Passage(kind="paragraph", start=0, end=3, text="abc", speaker_id="x", attribution="quote")
    outlet = Passage(kind="paragraph", start=4, end=7, text="def", speaker_id="y", attribution="reported")
    result = score([
        ("f", passage, {"speaker": "z", "attribution": "quote"}),
        ("f", outlet, None),
    ])
    assert result["quote_precision"] == 0.0 and result["quote_recall"] == 0.0
    assert result["false_attributions"] == 1


# ---------------------------------------------------------------------------------------------
# Statements: who says each stretch of a passage
#
# (name, text, expected): each expected item is (snippet, speaker_id, attribution, role); the
# snippet must lie inside one statement, which must carry exactly that voice. A speaker None with
# an attribution is an unnamed voice described by its role; None, None, None is the outlet.

STATEMENT_CASES = [
    ("NGO: a clause before '(a figure cited by X)' or '(the figure comes from X, …)' is X's; 'the Hengaw rights group' "
     "is Hengaw",
     "Forces burned the wells (a figure cited by the Valley Commission for Justice and Peace). The pumps failed (the "
     "figure comes from the Dana Network, which monitors them). The Dadban rights group said the dam failed.\n",
     [("Forces burned the wells", "valley-commission-for-justice-and-peace", "reported", None),
      ("The pumps failed", "dana-network", "reported", None),
      ("the dam failed", "dadban", "reported", None)]),
    ("NGO and UN: 'Justice for Iran …; The organisation said'; 'The Norway-registered group said'; 'found reasonable "
     "grounds to believe that'; 'the United Nations Assistance Mission in Afghanistan said' (a body of its own); "
     "'She says at least nine men … were shot that night'",
     "Justice for Valley, a Leeds-based advocacy group, released images. The organisation said the wells were dry. "
     "Dadban, a Kurdish rights organisation, published video. The Norway-registered group said the pumps failed. "
     "The Commission of Inquiry found reasonable grounds to believe that the dam leaked. "
     "Forces closed the canal, the United Nations Assistance Mission in Afghanistan said. "
     "Farideh Nouri lost her son. She says at least nine men from her street were shot that night.\n",
     [("the wells were dry", "justice-for-valley", "reported", None),
      ("the pumps failed", "dadban", "reported", None),
      ("the dam leaked", "commission-of-inquiry", "reported", None),
      ("Forces closed the canal", "united-nations-assistance-mission-in-afghanistan", "reported", None),
      ("at least nine men from her street were shot that night", "farideh-nouri", "reported", None)]),
    ("wire and analysis: '…, NAME, ROLE, said' after content with a verb; '…, the BODY, APPOSITIVE, said in a "
     "statement' (a medium, no voice); 'quoted the governor of X, NAME, as saying'; '…, argues X'; 'according to a "
     "list published by the exiled opposition NCRI'; 'discovered' speaks only with 'that'",
     "Forces burned the wells, Kenneth Lewis, a rights lawyer, said. Forces closed the pumps, the Valley Human Rights "
     "Commission, a state-affiliated body, said in a statement. The agency quoted the governor of Dana province, "
     "Ali Karimi, as saying that the dam leaked. The dam set a template, argues Omar Haddad, a fellow at the Forum. "
     "The canal was closed, according to a list published by the exiled opposition National Council of Resistance "
     "of Iran. The Valley Patrol discovered an unfinished tunnel.\n",
     [("Forces burned the wells", "kenneth-lewis", "reported", None),
      ("Forces closed the pumps", "valley-human-rights-commission", "reported", None),
      ("the dam leaked", "ali-karimi", "reported", "the governor of Dana province"),
      ("The dam set a template", "omar-haddad", "reported", None),
      ("The canal was closed", "ncri", "reported", "a list published by the exiled opposition"),
      ("an unfinished tunnel", None, None, None)]),
    ("memoir and interview: 'she said' after a single-quoted quotation, for the person a role names in the sentence "
     "before; an unnamed body's own estimates are the body's",
     "Asked how many came back, former prisoner Nasrin Vahedi paused. 'Only eleven of us were left,' she said. "
     "The wells are dry, according to the regional government's own estimates.\n",
     [("Only eleven of us were left", "nasrin-vahedi", "quote", None),
      ("The wells are dry", None, "reported", "the regional government")]),
    ("NGO and wire: 'Its latest count, released on Monday, lists …'; 'were reported by X in the week after …'; "
     "'told Reuters on condition of anonymity' set off by commas",
     "The Dana Memory Project, a Leeds-based archive, gathers testimony. Its latest count, released on Monday, lists "
     "the names of 312 people. Forty deaths were reported by the Valley Network in the week after the flood. "
     "The toll, a hospital official told Reuters on condition of anonymity, had risen to 214.\n",
     [("the names of 312 people", "dana-memory-project", "reported", "Its latest count"),
      ("Forty deaths", "valley-network", "reported", None),
      ("had risen to 214", None, "reported", "a hospital official")]),
    ("wire and NGO: 'X quoted Y as saying' gives the sentence to Y; 'On Wednesday he told'; 'he added' after a "
     "sentence an unnamed voice opens; 'according to the UN refugee agency' is a body of its own; 'Iran Justice "
     "Collective' keeps its name",
     "Some 70 people were arrested, the Valley news agency quoted the police chief as saying. "
     "Reza Tavana, a lawyer, has gathered testimony for years. On Wednesday he told the court that the wells were dry. "
     "A spokesman for the Dana Medics Union described the market. The pumps failed, he added. "
     "According to the UN refugee agency, the camps are full. "
     "The toll, according to the Paris-based Iran Justice Collective, is rising.\n",
     [("Some 70 people were arrested", None, "reported", "the police chief"),
      ("the wells were dry", "reza-tavana", "reported", None),
      ("The pumps failed", None, "reported", "A spokesman for the Dana Medics Union"),
      ("the camps are full", "un-refugee-agency", "reported", None),
      ("is rising", "iran-justice-collective", "reported", "Paris-based")]),
    ("NGO and wire: 'That is according to X.' gives the sentence before to X; 'the monitor', 'the former prisoner' "
     "for the body or the one person the passage named; 'found it proven that'; 'He calls for …; she calls for …'",
     "Forty people were arrested. That is according to a tally compiled by the rights group Dadban. "
     "The Leeds-based Valley Observatory for Water has tracked the wells since 2011. The monitor said the wells were dry. "
     "Ali Karimi was arrested in 1981. The former prisoner told the tribunal that the pumps had failed. "
     "The Valley Court of Appeal upheld the sentence. In its judgment, the court found it proven that the dam leaked. "
     "He calls for new pumps; she calls for a canal.\n",
     [("Forty people were arrested", "dadban", "reported", "a tally compiled by the rights group"),
      ("the wells were dry", "valley-observatory-for-water", "reported", None),
      ("the pumps had failed", "ali-karimi", "reported", None),
      ("the dam leaked", "valley-court-of-appeal", "reported", None),
      ("she calls for a canal", None, None, None)]),
    ("NGO and press: 'The group', 'The text' after the body or its document was named; a plural subject before a "
     "verb in the present; a frame set off by commas after 'told state television'",
     "The Dana Center said the wells were dry. The group called for an inquiry into the pumps. "
     "The Valley Parliament adopted a resolution on Friday. The text condemned the new dam. "
     "Some historians dispute the figure, putting the toll closer to 40. "
     "The toll, the governor told state television late on Sunday, had risen to 38.\n",
     [("an inquiry into the pumps", "dana-center", "reported", None),
      ("the new dam", "valley-parliament", "reported", "The text"),
      ("the toll closer to 40", None, "reported", "Some historians"),
      ("had risen to 38", None, "reported", "the governor")]),
    ("NGO: 'it', 'the cleric', 'the commission' and 'he' after a quotation stand for the name an earlier sentence "
     "of the passage gives, though it spoke there of no words",
     "The Dana Memory Project, a small Leeds-based group, mapped the graves. It said that the wells were dry. "
     "Ayatollah Omid Kashanian, then a senior cleric in Qom, objected. The cleric wrote that the pumps had failed. "
     "In a recording, Ahmad Rezaei-Far can be heard. \"The fields are empty,\" he says.\n",
     [("the wells were dry", "dana-memory-project", "reported", None),
      ("the pumps had failed", "omid-kashanian", "reported", None),
      ("The fields are empty", "ahmad-rezaei-far", "quote", None)]),
    ("wire: a body and the place it sits in ('Police in Kabul said', 'the prosecutor's office in Tehran said')",
     "Police in Herat said the wells were poisoned. The prosecutor's office in Tabriz said the pumps failed.\n",
     [("the wells were poisoned", None, "reported", "Police in Herat"),
      ("the pumps failed", None, "reported", "The prosecutor's office in Tabriz")]),
    ("NGO: a person by what the person does ('the cemetery's caretaker estimated'), never 'the latter' or 'the number'",
     "The village's gravedigger estimated that 40 bodies came each night. The latter said the wells were dry.\n",
     [("40 bodies came each night", None, "reported", "The village's gravedigger"),
      ("the wells were dry", None, None, None)]),
    ("NGO: 'he' or 'she' opening a sentence after a sentence a person's full name opens",
     "Nasrin Vahedi, whose brother was taken in 1988, has searched for his grave ever since. She believes at least "
     "40 bodies lie under the lot.\n",
     [("at least 40 bodies lie under the lot", "nasrin-vahedi", "reported", None)]),
    ("NGO: 'the figure of N, cited by X,' is X's figure; the rest of the sentence stays the outlet's",
     "The figure of 1,200 arrests, cited by lawyers for the detainees, could not be verified.\n",
     [("The figure of 1,200 arrests", None, "reported", "lawyers for the detainees"),
      ("could not be verified", None, None, None)]),
    ("NGO: 'by the group's count' and 'according to its bulletin' after the body was named in the passage",
     "Dadban, a Kurdish rights group, said raids went on. Forty people, by the group's count, were arrested. "
     "Nine were freed, according to its latest bulletin.\n",
     [("Forty people", "dadban", "reported", "the group's count"),
      ("Nine were freed", "dadban", "reported", "its latest bulletin")]),
    ("wire: a closing 'by X's count' frames the clause that gives the number, not the whole sentence",
     "Lewis praised the vote, which 212 members backed, by the Ledger's count.\n",
     [("which 212 members backed", "ledger", "reported", "Ledger's count"),
      ("Lewis praised the vote", None, None, None)]),
    ("wire: after a semicolon a clause with a named subject of its own is the outlet's again",
     "Kenneth Lewis said the wells were dry; Ada Quinlan wants new pumps.\n",
     [("the wells were dry", "kenneth-lewis", "reported", None), ("Ada Quinlan wants new pumps", None, None, None)]),
    ("NGO and encyclopedia: 'has published the names of 5,000 victims'; '…, putting the toll closer to 5,000'",
     "The Redress Network has published the names of 5,000 victims. Omar Haddad rejected the figure of 30,000, "
     "putting the toll closer to 5,000.\n",
     [("the names of 5,000 victims", "redress-network", "reported", None),
      ("the toll closer to 5,000", "omar-haddad", "reported", None)]),
    ("NGO release: 'issued a report documenting 312 executions', 'published a report detailing …': the issuer speaks",
     "The Redress Network issued a report documenting 312 executions. She spent the day detailing her plans.\n",
     [("312 executions", "redress-network", "reported", None), ("her plans", None, None, None)]),
    ("wire: 'the ministry' refers back only to a ministry ('Unlike Amnesty, the ministry said' is not Amnesty)",
     "Unlike Amnesty International, the ministry said the files were lost.\n",
     [("the files were lost", None, "reported", "the ministry")]),
    ("NGO report: 'X's latest report on Iran says', 'The London-based X said' (an adjective, the registry voice), "
     "'The resistance says', 'a study by researchers at the University of Oxford found'",
     "Amnesty International's latest report on Iran says at least 853 people were executed. The London-based Amnesty "
     "said 22 people died in custody. The resistance says 120,000 members were killed. A 2019 study by researchers "
     "at the University of Oxford found that 2,800 prisoners were executed.\n",
     [("at least 853 people", "amnesty-international", "reported", "Amnesty International's latest report"),
      ("22 people died", "amnesty-international", "reported", "London-based"),
      ("120,000 members", None, "reported", "The resistance"),
      ("2,800 prisoners", None, "reported", "researchers at the University of Oxford")]),
    ("encyclopedia: vague sources stay unnamed voices ('By some accounts,', 'Unofficial estimates put', 'Historians "
     "agree that'), never a speaker named 'Unofficial'",
     "By some accounts, as many as 30,000 prisoners were executed. Unofficial estimates put the toll at 1,500. "
     "Historians generally agree that at least 5,000 prisoners were executed. By Monday, 30 prisoners were freed.\n",
     [("as many as 30,000", None, "reported", "some accounts"), ("the toll at 1,500", None, "reported", "Unofficial estimates"),
      ("at least 5,000 prisoners", None, "reported", "Historians"), ("30 prisoners were freed", None, None, None)]),
    ("UN record: 'raised concern about …' stays a statement of the body beside 'raised its count to'",
     "The UN General Assembly resolution raised concern about the cover-up of the massacre of 30,000 prisoners.\n",
     [("about the cover-up", "un-general-assembly", "reported", "The UN General Assembly resolution")]),
    ("international press: British single quotation marks are quotations; apostrophes and a plural possessive are not",
     "‘The files were burned,’ Omar Haddad said. ‘Nobody was told.’ The prisoners’ families said they don’t know. "
     "'The register is lost,' Nadia Farrow said.\n",
     [("The files were burned", "omar-haddad", "quote", None), ("Nobody was told", "omar-haddad", "quote", None),
      ("they don’t know", None, "reported", "The prisoners’ families"), ("The register is lost", "nadia-farrow", "quote", None)]),
    ("state media: a plural of people opening a sentence is an unnamed voice ('Hardliners said'), a '-language' "
     "adjective no name; a surname in -ers stays a name",
     "Hardliners said the trial would resume. Persian-language media said the court had met. Peters said the files "
     "were lost.\n",
     [("the trial would resume", None, "reported", "Hardliners"), ("the court had met", None, "reported",
      "Persian-language media"), ("the files were lost", "peters", "reported", None)]),
    ("NGO report: what a voice knows of a count is its statement ('has received reports of 312 deaths', 'is aware "
     "of', 'knows of'); 'fears that', 'believes the toll may be', 'raised its count to', 'In X's tally,'",
     "The Redress Network has received reports of 312 deaths in custody. Omar Haddad is aware of 40 executions. The "
     "Redress Network fears that 500 prisoners face execution. Nadia Farrow believes the toll may be as high as 900. "
     "The Redress Network raised its count to 320. In the Redress Network's tally, 312 prisoners were executed. The "
     "ministry is aware of the problem.\n",
     [("312 deaths in custody", "redress-network", "reported", None), ("40 executions", "omar-haddad", "reported", None),
      ("500 prisoners face", "redress-network", "reported", None), ("the toll may be", "nadia-farrow", "reported", None),
      ("its count to 320", "redress-network", "reported", None), ("312 prisoners were executed", "redress-network",
      "reported", "Redress Network's tally"), ("the problem", None, None, None)]),
    ("NGO and inquiry: 'monitors recorded', 'the Oslo-based group puts' (an adjective, no name), 'a leaked memo from X "
     "put', '…, survivors recall.', 'X's fact-finding mission found', 'admitted to none of' (nothing granted)",
     "Kurdish rights monitors recorded at least 52 deaths. The Oslo-based group puts the number of women executed at "
     "31. A leaked memo from the Redress Network put the number of arrests at 21,000. Some 2,500 prisoners were moved "
     "that summer, survivors recall. The regime has admitted to none of the 5,000 deaths. Omar Haddad said none of "
     "the files survived.\n",
     [("at least 52 deaths", None, "reported", "Kurdish rights monitors"),
      ("the number of women executed", None, "reported", "The Oslo-based group"),
      ("the number of arrests", "redress-network", "reported", None),
      ("Some 2,500 prisoners", None, "reported", "survivors"), ("none of the 5,000 deaths", None, None, None),
      ("none of the files survived", "omar-haddad", "reported", None)]),
    ("NGO report: a subject of several words before an interrupting frame is content ('At least 312 prisoners, X "
     "said, were executed'); 'X's estimate of N' gives X the number",
     "At least 312 prisoners, the Redress Network said, were executed in one week. Nadia Farrow's estimate of 2,800 "
     "to 3,800 executions is the lowest.\n",
     [("At least 312 prisoners", "redress-network", "reported", None), ("were executed in one week", "redress-network",
      "reported", None), ("2,800 to 3,800 executions", "nadia-farrow", "reported", None), ("is the lowest", None, None, None)]),
    ("wire and NGO: 'By X's count, …', 'gave a toll of', 'data from X show that', 'a report by Justice for Iran', "
     "and a body the registry voice only qualifies ('the UN refugee agency')",
     "By the Redress Network's count, at least 582 people were executed. The agency gave a toll of 23 dead. Data from "
     "the Iran Prison Atlas show that 902 prisoners are held. Some 4,000 were killed, according to a 2017 report by "
     "Justice for Iran. The UN refugee agency estimated the toll at 250. She gave a speech.\n",
     [("at least 582 people", "redress-network", "reported", "Redress Network's count"),
      ("a toll of 23 dead", None, "reported", "The agency"), ("902 prisoners are held", "iran-prison-atlas", "reported", None),
      ("Some 4,000 were killed", "justice-for-iran", "reported", "a 2017 report"),
      ("the toll at 250", "un-refugee-agency", "reported", None), ("a speech", None, None, None)]),
    ("NGO report: a registry organisation's staff speak for it ('Amnesty's researchers counted'); 'published a list "
     "of N names' is a count; 'put the number killed between' is a figure frame",
     "Amnesty's researchers counted 4,482 victims in 32 cities. In 2019 the Redress Network published a list of "
     "5,000 names. Historians have put the number killed between 2,800 and 5,000. The group published a book.\n",
     [("4,482 victims", "amnesty-international", "reported", "Amnesty's researchers"),
      ("a list of 5,000 names", "redress-network", "reported", None),
      ("the number killed between", None, "reported", "Historians"), ("a book", None, None, None)]),
    ("column: '…, as X said in April while promoting a film.' closes the sentence as X's frame",
     "The register was burned in 1989, as Omar Haddad said in April while promoting his book.\n",
     [("The register was burned", "omar-haddad", "reported", None)]),
    ("wire: a participle after an article is an adjective of the name ('a still-struggling HP announced'), "
     "not a verb whose object the name is",
     "In September, a still-struggling Redress Network announced it would close two offices.\n",
     [("it would close two offices", "redress-network", "reported", "still-struggling")]),
    ("UN record: 'adopted a resolution expressing concern over …': the body that adopted it speaks",
     "The UN General Assembly adopted a resolution expressing concern over the executions in Iran. She was "
     "expressing concern.\n",
     [("concern over the executions", "un-general-assembly", "reported", None), ("She was expressing", None, None, None)]),
    ("wire: 'X said in a statement released by his office' closes the frame; the content is before it",
     "The tax is illegal and must be repealed, Omar Haddad said in a statement released by his office.\n",
     [("The tax is illegal", "omar-haddad", "reported", None), ("released by his office", None, None, None)]),
    ("NGO report: 'A Redress Network report released Tuesday found that …': the report's owner speaks; 'report' "
     "after a name is a noun",
     "A Redress Network report released Tuesday found that the register had been burned.\n",
     [("the register had been burned", "redress-network", "reported", "A Redress Network report")]),
    ("op-ed: a frame set off by commas may carry 'in a letter to the council on Friday'",
     "The tax, Omar Haddad argued in a letter to the council on Friday, is illegal under the constitution.\n",
     [("is illegal under the constitution", "omar-haddad", "reported", None)]),
    ("NGO report: 'X believes that …' is X's stated position; 'is believed to' and 'Few believed' name no voice",
     "The Redress Network believes that at least 2,800 prisoners were killed. He is believed to have fled. Few "
     "believed that the register existed.\n",
     [("at least 2,800 prisoners", "redress-network", "reported", None), ("to have fled", None, None, None),
      ("the register existed", None, None, None)]),
    ("encyclopedia: 'according to X's memoirs', 'X's report lists': the owner of the document speaks",
     "Some 3,800 prisoners were killed, according to Nadia Farrow's memoirs. The Redress Network's report lists "
     "5,000 victims by name.\n",
     [("Some 3,800 prisoners", "nadia-farrow", "reported", "Nadia Farrow's memoirs"),
      ("5,000 victims by name", "redress-network", "reported", "The Redress Network's report")]),
    ("inquiry: 'witnesses interviewed by the commission said': the witnesses speak, not the commission; "
     "'Rubio was asked by X' stays a passive",
     "Witnesses interviewed by the Redress Network said about 400 detainees had been moved.\n",
     [("about 400 detainees", None, "reported", "Witnesses interviewed by the Redress Network")]),
    ("NGO report: an NGO's own count ('recorded the names of', 'compiled a list of', 'identified') is its statement; "
     "'recorded a song' is not",
     "In its 1990 report, the Redress Network recorded the names of 2,300 victims. Omar Haddad has compiled a list of "
     "790 names. The choir recorded a song in 1988.\n",
     [("the names of 2,300 victims", "redress-network", "reported", None), ("a list of 790 names", "omar-haddad", "reported", None),
      ("a song in 1988", None, None, None)]),
    ("state media: 'figures released by X put the toll at', 'data compiled by X show that': X gives the number",
     "Official figures released by the Redress Network put the death toll at 312. Data compiled by Nadia Farrow show "
     "that 40 people died. The video shows that the guards were armed.\n",
     [("the death toll at 312", "redress-network", "reported", None), ("40 people died", "nadia-farrow", "reported", None),
      ("the guards were armed", None, None, None)]),
    ("wire: a spokeswoman for a long organisation name ('the International Committee of the Red Cross') speaks for it",
     "A spokeswoman for the International Committee of the Red Cross said its staff had visited 1,400 detainees.\n",
     [("its staff had visited", "international-committee-of-the-red-cross", "reported", "A spokeswoman")]),
    ("UN briefing: 'said as many as N': the content starts at the qualifier",
     "The special rapporteur Leila Haddad said as many as 7,000 people may have been killed.\n",
     [("as many as 7,000", "leila-haddad", "reported", "special rapporteur")]),
    ("encyclopedia: what a voice has never acknowledged or has not denied is not its statement",
     "Thousands of prisoners were executed in 1988, a crime that the government has never acknowledged. The "
     "ministry has not publicly denied that the files were burned.\n",
     [("Thousands of prisoners were executed", None, None, None), ("the files were burned", None, None, None)]),
    ("court report: 'was prompted to say' and 'felt compelled to add': the passive's subject speaks",
     "The hearing was so quiet that Omar Haddad was prompted to say, “Nobody here remembers 1988.” Nadia Farrow "
     "felt compelled to add that the files were lost.\n",
     [("Nobody here remembers", "omar-haddad", "quote", None), ("the files were lost", "nadia-farrow", "reported", None)]),
    ("wire: 'X, citing “…”, said': the subject takes up the quoted words",
     "Omar Haddad, citing “the silence of the archives,” said the register had been burned.\n",
     [("the silence of the archives", "omar-haddad", "quote", None),
      ("the register had been burned", "omar-haddad", "reported", None)]),
    ("wire: 'X and other leaders shunned Y, claiming …': the named voice leads the coordinated subject",
     "Omar Haddad and other lawyers boycotted the hearing, claiming that the court was “a theatre.”\n",
     [("a theatre", "omar-haddad", "quote", "Omar Haddad and other lawyers")]),
    ("web copy: an appositive whose closing comma is missing still leaves the name before it the subject",
     "Omar Haddad, the lawyer for the families of Tabriz told the court the register was burned.\n",
     [("the register was burned", "omar-haddad", "reported", "the lawyer for the families of Tabriz")]),
    ("op-ed: a speech verb followed by 'is' or 'was' closes a relative clause and reports nothing",
     "While not everything Omar Haddad says is true, Nadia Farrow said the register exists.\n",
     [("is true", None, None, None), ("the register exists", "nadia-farrow", "reported", None)]),
    ("profile: a long subordinate clause opening the sentence holds no subject of the main clause",
     "When told Nadia Farrow had filed the complaint in Geneva and in two other cities across the region last year, "
     "Omar Haddad paused and said that in the present climate, “the files will stay closed.”\n",
     [("the files will stay closed", "omar-haddad", "quote", None)]),
    ("statement: a frame sentence with an appositive and an adjunct ('X, the spokesman, said in a statement.') "
     "gives the next quotation; a passive or negated sentence gives none",
     "Omar Haddad, the spokesman for the families, said in a statement. “There is no register.”\n\n"
     "The families were not consulted. “We learned it from the radio.”\n",
     [("There is no register", "omar-haddad", "quote", None),
      ("We learned it from the radio", None, None, None)]),
    ("wire: 'with X saying …' without quotation marks is the absolute clause's subject's reported speech",
     "The council passed the rules, with the Redress Network saying they violate the right to mourn. Families met "
     "the mayor, with officials saying the files were lost.\n",
     [("they violate the right", "redress-network", "reported", None), ("the files were lost", None, "reported", "officials")]),
    ("wire: '…, and Y has sued the city, saying …' inside X's content: the participle is the last clause's subject's",
     "Nadia Farrow said the register was burned in 1988, and the Redress Network has since sued the ministry over "
     "the files, saying they were hidden.\n",
     [("the register was burned", "nadia-farrow", "reported", None), ("sued the ministry", None, None, None),
      ("they were hidden", "redress-network", "reported", None)]),
    ("wire: a name closing a restrictive relative clause is its object, never the voice ('a lawyer who represents X said')",
     "A lawyer who represents Omar Haddad said the files were lost in 1988. The family that hired Nadia Farrow told "
     "reporters “nobody has seen the register.” Nadia Farrow who chairs the Redress Network said the register was burned.\n",
     [("the files were lost", None, "reported", "A lawyer who represents Omar Haddad"),
      ("nobody has seen", None, "quote", "The family that hired Nadia Farrow"),
      ("the register was burned", "nadia-farrow", "reported", None)]),
    ("rally report: the subject after a long opening phrase with commas frames the quotation",
     "Tuesday at the town hall in Berea, OH, after a long day of hearings in the capital, Sen. Omar Haddad (D-OH), "
     "said, “We are going to publish every name.”\n",
     [("We are going to publish", "omar-haddad", "quote", "Sen.")]),
    ("interview: an abbreviation in a long closing frame does not end it; the next quoted paragraph goes on",
     "“We like many of the candidates,” Nadia Farrow said during the interview at the St. Regis hotel in the former "
     "colony, ahead of its opening.\n\n“It is changing every day. Nobody knows where it ends.”\n",
     [("It is changing every day", "nadia-farrow", "quote", None)]),
    ("wire: 'with the X calling …' — a body named with its article opens the absolute clause",
     "Rights groups rejected the report, with the Redress Network calling it “a whitewash of the camps” and "
     "several lawyers walking out.\n",
     [("a whitewash of the camps", "redress-network", "quote", None), ("several lawyers walking out", None, None, None)]),
    ("wire: a sentence opening with 'Unless' names no voice; the quotation goes on in the last one",
     "“It is an enormous moment,” said Omar Haddad, a lawyer. Unless further courts intervene, “the files are lost "
     "for good.”\n",
     [("the files are lost", "omar-haddad", "quote", None)]),
    ("profile: 'in what X, …, called “…”' names the quotation's voice, not the main clause's subject",
     "The ministry defended the camps in what Nadia Farrow, a lawyer for the families, called “a theatre of denial.”\n",
     [("a theatre of denial", "nadia-farrow", "quote", None)]),
    ("court report: a quotation's own named frame beats an unnamed span around it",
     "\"We need him because life is very hard here,\" his wife, Nadia Farrow, wrote in a letter to the court.\n",
     [("We need him", "nadia-farrow", "quote", "his wife")]),
    ("NGO report: 'found that' gives a study's finding; 'found the files' does not",
     "In 2014, Redress Network found that “one death in three was never registered.” Police found the files in May.\n",
     [("one death in three", "redress-network", "quote", None), ("the files in May", None, None, None)]),
    ("profile: a participle after a quotation is no inverted frame ('“…,” promising to …')",
     "Nadia Farrow praised the “open public registry,” promising to campaign across the country.\n",
     [("open public registry", "nadia-farrow", "quote", None)]),
    ("newsletter: a bulleted pair of voices and a colon, led by the first",
     "PRISON FIGURES UNDERCOUNTED - Nadia Farrow and Omar Haddad: “The registry misses one death in three.” [Report.]\n",
     [("The registry misses", "nadia-farrow", "quote", None)]),
    ("interview: 'was asked by X, who …, “…”' quotes the asker's question",
     "The minister was asked by Nadia Farrow, who chairs the inquiry, “Why were the files burned in one night?”\n",
     [("Why were the files burned", "nadia-farrow", "quote", None)]),
    ("interview: a lead-in with the verb first, 'Stated Haddad:', above the quotation",
     "Omar Haddad spoke to the committee on Monday.\n\nStated Haddad:\n\n“The files were burned in one night.”\n",
     [("The files were burned", "omar-haddad", "quote", None)]),
    ("wire: an absolute clause 'with X calling …' frames the quotation it holds",
     "The vote was delayed again, with Nadia Farrow calling the plan a “betrayal of the families.”\n",
     [("betrayal of the families", "nadia-farrow", "quote", None)]),
    ("wire: absolute clauses joined by 'and' each frame their own quotation",
     "The ministry released a statement – Omar Haddad saying he was “deeply troubled” and Nadia Farrow calling it "
     "a “cover-up.”\n",
     [("deeply troubled", "omar-haddad", "quote", None), ("cover-up", "nadia-farrow", "quote", None)]),
    ("commentary: 'Or, as X, an appositive, put it:' frames the quotation after it",
     "Or, as Omar Haddad, a former minister of the interior, put it: “The files were burned in one night.”\n",
     [("The files were burned", "omar-haddad", "quote", None)]),
    ("profile: 'had written' frames a quotation a few words later",
     "As Nadia Farrow had written only a few years earlier, “The archive will outlive all of us.”\n",
     [("The archive will outlive", "nadia-farrow", "quote", None)]),
    ("wire: 'has written off' is no speech",
     "The ministry has written off efforts by the opposition. The talks resumed on Monday.\n",
     [("efforts by the opposition", None, None, None)]),
    ("excerpt: a quoted paragraph left open goes on in the next one, under the lead-in's voice",
     "Nadia Farrow said:\n\n\"The ministry is not about justice anymore. It is about something else.\n\n"
     "\"The latest example is the lawsuit against the state.\"\n",
     [("The latest example", "nadia-farrow", "quote", None)]),
    ("excerpt: a continued paragraph whose quotation names its own voice is that voice's",
     "Nadia Farrow said:\n\n\"The ministry is not about justice anymore. It is about something else.\n\n"
     "“We will publish every name we have,” Omar Haddad said in the hearing.\n",
     [("We will publish every name", "omar-haddad", "quote", None)]),
    ("NGO report: what is counted between 'put the total' and 'at'",
     "Redress Network has put the total of detainees hanged that winter at no fewer than 900.\n",
     [("Redress Network has put", None, None, None), ("no fewer than 900", "redress-network", "reported", None)]),
    ("wire: 'while' and an unnamed voice open a clause of its own",
     "The health ministry put the death toll at 19, while local doctors say at least 60 died.\n",
     [("the death toll at 19", None, "reported", "The health ministry"),
      ("at least 60 died", None, "reported", "local doctors")]),
    ("wire: 'and' and an unnamed voice after a named one",
     "Redress Network denied the claims, and a military spokesman said 11 soldiers had died.\n",
     [("11 soldiers had died", None, "reported", "a military spokesman")]),
    ("state media: a body in lower case with what it is of",
     "The ministry of intelligence said the cell had been dismantled.\n",
     [("the cell had been dismantled", None, "reported", "The ministry of intelligence")]),
    ("state media: a word capitalised because it opens the sentence is no name",
     "State radio said the rioters had been arrested.\n",
     [("the rioters had been arrested", None, "reported", "State radio")]),
    ("wire: 'the court' after the named court is that court",
     "The Malmo District Court said the hearing would resume. The court said the witness had testified.\n",
     [("the witness had testified", "malmo-district-court", "reported", None)]),
    ("transcript: a name and a dash before a quotation",
     "Nadia Farrow - “We will publish every name we have.”\n",
     [("We will publish every name", "nadia-farrow", "quote", None)]),
    ("op-ed: a quotation signed by the line after it",
     "“We will publish every name we have, and we will not stop.”\n\n- Nadia Farrow.\n",
     [("We will publish every name", "nadia-farrow", "quote", None)]),
    ("wire: 'assured' with an object and 'that'",
     "Nadia Farrow assured the families of the victims that the inquiry would continue.\n",
     [("the inquiry would continue", "nadia-farrow", "reported", None)]),
    ("NGO report: a figure put by an organisation",
     "Amnesty International has put the number at around 5,000, most of them political prisoners.\n",
     [("Amnesty International has put", None, None, None),
      ("around 5,000", "amnesty-international", "reported", None)]),
    ("NGO report: 'according to' opening the sentence",
     "According to Amnesty International, the authorities destroyed the graves in 2020.\n",
     [("According to Amnesty International", None, None, None),
      ("the authorities destroyed the graves", "amnesty-international", "reported", None)]),
    ("wire: a quotation then 'said' and a named voice with a title after it",
     "“The communication is a breakthrough for the families,” said Diana Eltahawy, Amnesty International’s deputy director.\n",
     [("a breakthrough for the families", "diana-eltahawy", "quote", None),
      ("said Diana Eltahawy", None, None, None)]),
    ("wire: an unnamed spokesman is a voice, not the outlet",
     "“We will not accept these accusations,” said the spokesman.\n",
     [("We will not accept", None, "quote", "the spokesman"), ("said the spokesman", None, None, None)]),
    ("wire: a ministry without a name is an unnamed body",
     "The foreign ministry said the report was baseless and politically motivated.\n",
     [("The foreign ministry said", None, None, None),
      ("the report was baseless", None, "reported", "The foreign ministry")]),
    ("wire: the content before its reporting clause",
     "Since May, the government has detained hundreds of protesters, officials said.\n",
     [("the government has detained", None, "reported", "officials"), ("officials said", None, None, None)]),
    ("wire: a participle's phrase before the subject is the frame, not content",
     "Speaking on a radio show last week, Nadia Farrow said the band had finished a new album.\n",
     [("Speaking on a radio show", None, None, None),
      ("the band had finished", "nadia-farrow", "reported", None)]),
    ("wire: a reflexive after the subject",
     "The company was said to be leaving. Hallmark Steel itself said the plant would stay open.\n",
     [("the plant would stay open", "hallmark-steel", "reported", None)]),
    ("wire: a name coordinated with an unnamed group is the voice, the phrase its role",
     "Governor Ada Quinlan and her advisers have denied the claims about the budget.\n",
     [("the claims about the budget", "ada-quinlan", "reported", "Governor Ada Quinlan and her advisers")]),
    ("headline: a named voice says, in Title Case",
     "Ada Quinlan Says The Budget Will Pass Next Week.\n\nThe vote is on Monday.\n",
     [("The Budget Will Pass", "ada-quinlan", "reported", None), ("Ada Quinlan Says", None, None, None)]),
    ("headline: a demonym that says is no voice",
     "Swedish Says Nothing Yet.\n",
     [("Nothing Yet", None, None, None)]),
    ("wire: participles of the statement verbs after the subject's clause ('…, confirming that …', '…, conceding …')",
     "Mayor Ada Quinlan joined the debate on Monday, confirming that the plan would fail. "
     "Kenneth Lewis spoke on Tuesday, conceding that the wells were dry.\n",
     [("the plan would fail", "ada-quinlan", "reported", "Mayor"),
      ("the wells were dry", "kenneth-lewis", "reported", None)]),
    ("wire: a closing 'as X said' frame: the clause before it is X's ('…, as X has sometimes acknowledged.', "
     "'…, as the columnist X noted recently in the Herald.')",
     "The numbers changed over the summer, as Kenneth Lewis has sometimes acknowledged. "
     "The mayor is the top recipient, as the columnist Ada Quinlan noted recently in the Herald.\n",
     [("The numbers changed over the summer", "kenneth-lewis", "reported", None),
      ("The mayor is the top recipient", "ada-quinlan", "reported", "columnist")]),
    ("wire: 'called out X for …' and 'called to ban …' are speech; 'was called to testify', 'called to the crowd' are not",
     "Senator Ada Quinlan called out her rival for ignoring the wells. Kenneth Lewis called to ban the pumps. "
     "Dana Whitfield was called to testify. Omar Haddad called to the crowd.\n",
     [("her rival for ignoring the wells", "ada-quinlan", "reported", "Senator"),
      ("to ban the pumps", "kenneth-lewis", "reported", None),
      ("Dana Whitfield was called to testify", None, None, None), ("Omar Haddad called to the crowd", None, None, None)]),
    ("wire: bodies named 'X for Y' and 'Committee to Y' are voices; 'Lawyers for X' stays an unnamed voice",
     "Physicians for Valley Health said the wells were poisoned. The Committee to Protect Farmers said the pumps failed. "
     "Lawyers for Kenneth Lewis said he was innocent.\n",
     [("the wells were poisoned", "physicians-for-valley-health", "reported", None),
      ("the pumps failed", "committee-to-protect-farmers", "reported", None),
      ("he was innocent", None, "reported", "Lawyers for Kenneth Lewis")]),
    ("wire: a person 'of' a body named 'X for Y' is the person",
     "Jeffrey Lamb of the Dana Center for Water Studies wrote that the wells were dry.\n",
     [("the wells were dry", "jeffrey-lamb", "reported", "of the Dana Center for Water Studies")]),
    ("wire: outlets written in capitals or ending in 'Today' are voices ('POLITICO reported', 'USA Today reported')",
     "POLITICO reported that the wells were dry. USA Today reported that the pumps failed.\n",
     [("the wells were dry", "politico", "reported", None), ("the pumps failed", "usa-today", "reported", None)]),
    ("wire: adverbs between subject and verb ('has nevertheless called', 'soon noted', 'sometimes says')",
     "Lewis said the wells were safe. Ada Quinlan has nevertheless called his plan a failure. "
     "Omar Haddad soon noted that the pumps had stopped.\n",
     [("his plan a failure", "ada-quinlan", "reported", None),
      ("the pumps had stopped", "omar-haddad", "reported", None)]),
    ("wire: 'CONTENT, NAME, a long appositive, said.': up to 14 words between the name and its verb",
     "The plan would fail, Kenneth Lewis, a professor of history at the University of Maine, said on Monday.\n",
     [("The plan would fail", "kenneth-lewis", "reported", None),
      (", Kenneth Lewis, a professor of history at the University of Maine, said on Monday.", None, None, None)]),
    ("wire: '…, saying …' after a subject whose verb comes late (a long role before the name)",
     "The chairman of the valley water board for more than ten years, Kenneth Lewis, attacked the pumps on Monday, "
     "saying they had failed.\n",
     [("they had failed", "kenneth-lewis", "reported", None)]),
    ("wire: a body's second complement may hold an ordinal ('Court of Appeals for the 6th Circuit'), "
     "also as the subject of a coordinated verb",
     "But the Court of Appeals for the 6th Circuit overruled and said the wells were safe.\n",
     [("the wells were safe", "court-of-appeals-for-the-6th-circuit", "reported", None)]),
    ("headline: a short lead before the voice ('Wow: X Just Said …', 'After …, X Said …', '…— X Says …')",
     "Wow: Ada Quinlan Just Said Something Unexpected About The Budget\n\nThe vote is on Monday.\n",
     [("Something Unexpected About The Budget", "ada-quinlan", "reported", None), ("Wow:", None, None, None)]),
    ("headline: an opening phrase before the voice",
     "Hours After The Flood, Kenneth Lewis Says The Wells Are Dry\n\nThe vote is on Monday.\n",
     [("The Wells Are Dry", "kenneth-lewis", "reported", None), ("Hours After The Flood", None, None, None)]),
    ("headline: a conditional or a list before 'Says' gives no voice",
     "Fact Check: If Quinlan Says It, It Is True\n\nLewis, Quinlan Say They Want Change\n\nThe vote is on Monday.\n",
     [("It Is True", None, None, None), ("They Want Change", None, None, None)]),
    ("wire: a quotation closing on a single and a double mark ends on the last two",
     "''We watched it on 'Evening News,'" "'' said Lena Marsh, a teacher. ''Nobody believed it.''\n",
     [("We watched it", "lena-marsh", "quote", None), ("Nobody believed it", "lena-marsh", "quote", None)]),
    ("wire: a paragraph's later quotation with no frame stays with its voice when nobody else is named between",
     "“The water came at night,” said Lena Marsh, 52, a nurse from the valley. A widow since 2009, she "
     "moved here in spring. “We lost everything in an hour.”\n",
     [("We lost everything", "lena-marsh", "quote", None)]),
    ("wire: another voice between two quotations stops the paragraph's voice",
     "“The water came at night,” said Lena Marsh, a nurse. Omar Haddad, the mayor, disagreed with her. "
     "“We lost everything in an hour.”\n",
     [("We lost everything", None, None, None)]),
    ("lead-in: a short line ending in a colon gives its voice to the quotation below",
     "Dr. Lena Marsh stated:\n\n\"The agency is not about “equal justice” anymore. It has lost its way.\"\n",
     [("It has lost its way", "lena-marsh", "quote", None), ("equal justice", "lena-marsh", "quote", None)]),
    ("wire: initials before a surname do not end the sentence",
     "“The network has grown in every region,” said J.R. Hollis, a fellow at the institute.\n",
     [("The network has grown", "j-r-hollis", "quote", None)]),
    ("wire: a frame inside its content, with a title before the name",
     "Lena Marsh said the clinic was full.\n\nBy closing the east wing, Dr. Marsh said, the clinic saves a million dollars.\n",
     [("By closing the east wing", "lena-marsh", "reported", "Dr."),
      ("the clinic saves a million", "lena-marsh", "reported", "Dr.")]),
    ("wire: several named voices saying one thing together are one unnamed voice, described by the names",
     "Forbes and Wealth-X say the country has more billionaires than ever.\n",
     [("the country has more billionaires", None, "reported", "Forbes and Wealth-X")]),
    ("wire: a list of named voices is led by its first member, the whole list its role",
     "Ada Quinlan and Omar Haddad said the bridge would reopen in May.\n",
     [("the bridge would reopen", "ada-quinlan", "reported", "Ada Quinlan and Omar Haddad")]),
    ("wire: a list with a role before it and a body in it",
     "Republican senators Ada Quinlan and Omar Haddad have argued that the tariff hurts farmers. "
     "Lena Marsh and the Harbor Trust have both said the pier is unsafe.\n",
     [("the tariff hurts farmers", "ada-quinlan", "reported", "Republican senators Ada Quinlan and Omar Haddad"),
      ("the pier is unsafe", "lena-marsh", "reported", "Lena Marsh and the Harbor Trust")]),
    ("wire: a list with an appositive after its last member is led by its first member",
     "Lena Marsh and Omar Haddad, who both sit on the harbour board, said the pier was unsafe. "
     "Party hopefuls Ada Quinlan and Omar Haddad say the tariff hurts farmers.\n",
     [("the pier was unsafe", "lena-marsh", "reported", "Lena Marsh and Omar Haddad"),
      ("the tariff hurts farmers", "ada-quinlan", "reported", "Party hopefuls Ada Quinlan and Omar Haddad")]),
    ("wire: a name ending a clause before 'and X said' leads no list",
     "Omar Haddad met Ada Quinlan on Monday. Quinlan attacked Haddad and Marsh said the plan was dead.\n",
     [("the plan was dead", None, None, None)]),
    ("wire: a word first met opening a clause is no voice leading a list",
     "Together, Ada Quinlan and Omar Haddad represent a shift in the party, helping it win the vote.\n",
     [("helping it win the vote", None, None, None)]),
    ("wire: a list doing something else than speaking is no voice",
     "Ada Quinlan spoke first. Ada Quinlan and Omar Haddad signed on for “The Long Night,” a series about the port.\n",
     [("The Long Night", None, None, None)]),
    ("wire: a relative clause after a closing 'according to X' describes X, it is not X's content",
     "The vote was delayed, according to Lena Marsh, who chairs the board.\n",
     [("The vote was delayed", "lena-marsh", "reported", None), ("who chairs the board", None, None, None)]),
    ("wire: 'a month later' between a subject and its verb",
     "Lena Marsh a month later announced that the clinic would close.\n",
     [("the clinic would close", "lena-marsh", "reported", None)]),
    ("wire: a state named as a republic or kingdom speaks",
     "The Republic of Korea denies that the missile was fired. The Kingdom of Norway said the talks would resume.\n",
     [("the missile was fired", "republic-of-korea", "reported", None),
      ("the talks would resume", "kingdom-of-norway", "reported", None)]),
    ("wire: 'called X her Y' names X",
     "Lena Marsh spoke last. Marsh called her fallen son her hero and thanked the crowd.\n",
     [("her fallen son her hero", "lena-marsh", "reported", None)]),
    ("wire: names in an object are not a coordinated subject",
     "Voters who watched Ada Quinlan and Omar Haddad said the debate was dull.\n",
     [("the debate was dull", None, None, None)]),
    ("wire: a place before an honorific is no speaker, a subordinate clause before the frame no content",
     "In February, as a protester was led out of a rally in Las Vegas, Mr. Omar Haddad said, "
     "“I would like to see him gone.”\n",
     [("I would like to see him gone", "omar-haddad", "quote", None),
      ("as a protester was led out", None, None, None)]),
    ("digest: a dash then a name and a colon before a quotation gives the quotation to the name",
     "Pollsters agree - Lena Marsh: “Keep on calling voters as late as you can.”\n",
     [("Keep on calling voters", "lena-marsh", "quote", None), ("Pollsters agree", None, None, None)]),
    ("wire: a word in -ing that is no verb gives no frame",
     "Lena Marsh said the clinic was full.\n\nMarsh, herself a supporter during the campaign, incurred a wave of "
     "boos upon saying, “The valley deserves better.”\n",
     [("The valley deserves better", "lena-marsh", "quote", None)]),
    ("wire: a participle after a negated clause has the sentence's subject",
     "Lena Marsh said the clinic was full.\n\nMarsh didn’t seem impressed on Tuesday, telling reporters, "
     "“A lot of people want the mayor to step down.”\n",
     [("A lot of people want", "lena-marsh", "quote", None)]),
    ("wire: 'released the following statement:' frames the quotation after it",
     "Mayor Omar Haddad released the following statement: “We grieve with the families of the valley.”\n",
     [("We grieve with the families", "omar-haddad", "quote", "Mayor")]),
    ("lead-in: 'issued a statement …:' above a quotation hands it its voice",
     "The Valley Water Board issued a statement apologizing to the families:\n\n"
     "“We failed the people we serve, and we will make it right.”\n",
     [("We failed the people", "valley-water-board", "quote", None)]),
    ("wire: naming someone is a claim: 'called him divisive'",
     "Mayor Omar Haddad called the plan a disaster for the valley.\n",
     [("the plan a disaster", "omar-haddad", "reported", "Mayor")]),
    ("wire: calling a meeting or a person onto a stage is no claim",
     "The council called an emergency session. Omar Haddad called Lena onto the stage.\n",
     [("an emergency session", None, None, None), ("onto the stage", None, None, None)]),
    ("wire: a dashed aside holding hyphens between the subject and the verb",
     "Lena Marsh said the clinic was full.\n\nMarsh — after a knock-on-wood gesture — told me she has had a "
     "lucky life so far.\n",
     [("she has had a lucky life", "lena-marsh", "reported", None)]),
    ("wire: a titled name after a comma is its own voice, not the role of the name before",
     "Asked about the mayor, Omar Haddad, Governor Ada Quinlan said the valley would be rebuilt.\n",
     [("the valley would be rebuilt", "ada-quinlan", "reported", "Governor")]),
    ("wire: a clause between commas is no appositive, and a registered person's aide is not that person",
     "In response to the plan to close the border with the United States, Maryam Rajavi’s spokeswoman "
     "rallied supporters, saying: “We have to be ready to stop it.”\n",
     [("We have to be ready", None, "quote", "Maryam Rajavi’s spokeswoman")]),
    ("wire: an organisation's spokeswoman speaks for it",
     "In response to the plan to close the border with the United States, Amnesty International’s spokeswoman "
     "rallied supporters, saying: “We have to be ready to stop it.”\n",
     [("We have to be ready", "amnesty-international", "quote", "Amnesty International’s spokeswoman")]),
    ("wire: a reporting clause closing the sentence governs it all, speech-like nouns inside included",
     "Haddad won the crowds with long speeches and promises to rebuild the valley, Lena Marsh said.\n",
     [("Haddad won the crowds", "lena-marsh", "reported", None),
      ("promises to rebuild the valley", "lena-marsh", "reported", None)]),
    ("wire: a two-word typewriter quotation before its frame, and no content after 'said, and …'",
     "''Follow us,'' Ms. Lena Marsh said, and the boys, intrigued, trailed behind her to the plaza.\n",
     [("Follow us", "lena-marsh", "quote", None), ("the boys, intrigued", None, None, None)]),
    ("wire: a short answer framed by a speech verb is speech",
     "Asked whether he would serve, Mr. Omar Haddad said, ''Never.'' The sign on the gate said, “Keep out.”\n",
     [("Never.", "omar-haddad", "quote", None), ("Keep out", None, None, None)]),
    ("wire: a mixed quotation in its own clause is its subject's, not the voice of the sentence before",
     "Lena Marsh said the plan would cost millions, and called it “a waste.” Former mayor Omar Haddad called "
     "the H-2 program “worse than useless.”\n",
     [("worse than useless", "omar-haddad", "quote", "Former mayor")]),
    ("wire: 'shot back' and 'fired back' are speech; shots fired are not",
     "Lena Marsh shot back, “I could have stayed home, but I chose to work.” Police fired shots at the crowd.\n",
     [("I could have stayed home", "lena-marsh", "quote", None), ("shots at the crowd", None, None, None)]),
    ("wire: a time clause after the frame is no content; the next paragraph of quotation keeps the voice",
     "Her friends have mocked the campaign, calling it “a circus,” Lena Marsh said as she turned around and "
     "waved to the crowd.\n\n“But it is our circus, and we love it!”\n",
     [("Her friends have mocked", "lena-marsh", "reported", None),
      ("But it is our circus", "lena-marsh", "quote", None)]),
    ("wire: a title before the name stays the role",
     "Trump attorney Alan Garten said the claims were false.\n",
     [("the claims were false", "alan-garten", "reported", "Trump attorney")]),
    ("wire: a possessive and an appositive lead to the named person",
     "Clinton's communications director, Jennifer Palmieri, said the campaign would release the records.\n",
     [("the campaign would release", "jennifer-palmieri", "reported", "Clinton's communications director")]),
    ("wire: a demonym before a voice noun is no speaker",
     "Swedish prosecutors said the trial would resume in the autumn.\n",
     [("the trial would resume", None, "reported", "Swedish prosecutors")]),
    ("wire: a named court speaks",
     "The Stockholm District Court said the evidence against the defendant was strong.\n",
     [("the evidence against the defendant", "stockholm-district-court", "reported", None)]),
    ("wire: mixed quote marks do not swallow the reporting clause",
     "“The trial is a political show,\" Rehman said. \"It must end now,” he added.\n",
     [("political show", "rehman", "quote", None), ("Rehman said", None, None, None),
      ("It must end now", "rehman", "quote", None), ("he added", None, None, None)]),
    ("wire: a name inside the quotation is not its speaker",
     "“Khomeini ordered the killings himself,” the survivor told reporters.\n",
     [("Khomeini ordered the killings", None, "quote", "the survivor")]),
    ("wire: a passive is nobody speaking",
     "The death toll was declared final by the authorities in September.\n",
     [("The death toll was declared final", None, None, None)]),
    ("wire: 'state' as a noun is no speech verb",
     "The state has never published the names of the dead.\n",
     [("The state has never published", None, None, None)]),
    ("state media: 'quoted X as saying'",
     "The official news agency quoted the minister as saying that the sentences were lawful.\n",
     [("the sentences were lawful", None, "reported", "the minister")]),
    ("state media: a spokesman for a body",
     "A spokesman for the judiciary told reporters that the verdict was final.\n",
     [("the verdict was final", None, "reported", "A spokesman for the judiciary")]),
    ("encyclopedia: a figure from a memoir's author",
     "Hossein-Ali Montazeri, in his memoirs, put the figure at between 2,800 and 3,800.\n",
     [("between 2,800 and 3,800", "hossein-ali-montazeri", "reported", None)]),
    ("encyclopedia: estimates by a voice",
     "Estimates by human rights groups range from 2,800 to 30,000.\n",
     [("range from 2,800 to 30,000", None, "reported", "human rights groups")]),
    ("encyclopedia: 'states that' with a document as the voice",
     "The encyclopedia states that the executions began in July 1988.\n",
     [("the executions began", None, "reported", "The encyclopedia")]),
    ("wire: the body behind a poll",
     "According to a new poll by Gallup, most voters disapprove of the deal.\n",
     [("most voters disapprove", "gallup", "reported", "a new poll")]),
    ("encyclopedia: the outlet's own sentence",
     "The executions began in late July 1988 and lasted about five months.\n",
     [("The executions began", None, None, None)]),
    ("wire: a title's complement is no name ('Special Rapporteur on Iran')",
     "The U.N. Special Rapporteur on Iran, Javaid Rehman, said in a statement that families still faced harassment.\n",
     [("families still faced harassment", "javaid-rehman", "reported", "U.N. Special Rapporteur on Iran")]),
    ("a tweet's author named later by surname",
     "Today is a historic day for justice.\n— Kenneth Lewis (@KLewisLaw) July 14, 2022\n\n"
     "Lewis said the verdict was a message to every perpetrator.\n",
     [("the verdict was a message", "kenneth-lewis", "reported", None)]),
    ("wire: a colon lead after a headline's dash",
     "TRIAL ENDS IN STOCKHOLM - Kenneth Lewis: “The verdict is a message to every perpetrator still in office.”\n",
     [("The verdict is a message", "kenneth-lewis", "quote", None)]),
    ("wire: a dateline is no voice",
     "GENEVA, March 3 (Wire) - The UN Human Rights Council said the findings would be published in June.\n",
     [("GENEVA", None, None, None), ("the findings would be published", "un-human-rights-council", "reported", None)]),
    ("wire: two frames in one sentence, each with its own content",
     "The prosecutor said the sentence was lawful, and the defence lawyer Kenneth Lewis said it would be appealed.\n",
     [("the sentence was lawful", None, "reported", "The prosecutor"),
      ("it would be appealed", "kenneth-lewis", "reported", "defence lawyer")]),
    ("wire: a frame that introduces the next quotation is not the previous one's",
     "“We are refugees,” Ms. Alawee said. “We are not criminals.” Mr. Zahed said: “The attack was the work of others.”\n",
     [("We are not criminals", "alawee", "quote", None), ("The attack was the work", "zahed", "quote", None)]),
    ("wire: a subordinate clause's subject is not the quotation's voice",
     "After the court refused to hear the case, Governor Ali Rezaei blamed “foreign meddling in our affairs.”\n",
     [("foreign meddling in our affairs", "ali-rezaei", "quote", "Governor")]),
    ("encyclopedia: 'according to' with the name after its description",
     "According to the historian Ervand Abrahamian, the commissions asked prisoners whether they were Muslims.\n",
     [("the commissions asked prisoners", "ervand-abrahamian", "reported", "historian")]),
    ("a paragraph of quotation after a paragraph that ends with a voice's quotation",
     "“We will appeal the verdict,” said Kenneth Lewis.\n\n“The court ignored the evidence of the survivors.”\n",
     [("The court ignored the evidence", "kenneth-lewis", "quote", None)]),
    ("a paragraph of quotation after the outlet's own paragraph names nobody",
     "The court met on Monday in Stockholm.\n\n“The court ignored the evidence of the survivors.”\n",
     [("The court ignored the evidence", None, None, None)]),
    ("wire: a reporting clause between commas, a new subject after it",
     "Like the earlier raids, Kenneth Lewis said, Mr. Haddad's arrest was meant to frighten the families.\n",
     [("Like the earlier raids", "kenneth-lewis", "reported", None),
      ("arrest was meant to frighten", "kenneth-lewis", "reported", None)]),
    ("wire: a reporting clause between commas, 'so' and 'including' after it",
     "The archive was closed, Kenneth Lewis said, so the families went to court. "
     "The files covered many prisons, the ministry said, including two in the north.\n",
     [("so the families went to court", "kenneth-lewis", "reported", None),
      ("including two in the north", None, "reported", "the ministry")]),
    ("wire: a subordinate clause before a reporting clause between commas is content",
     "If the court refuses the appeal, Kenneth Lewis said, the families will go to Geneva.\n",
     [("If the court refuses the appeal", "kenneth-lewis", "reported", None),
      ("the families will go to Geneva", "kenneth-lewis", "reported", None)]),
    ("wire: after a reporting clause between commas, narration is the outlet's",
     "The verdict is final, Kenneth Lewis said, and left the courtroom without a word.\n",
     [("The verdict is final", "kenneth-lewis", "reported", None),
      ("left the courtroom without a word", None, None, None)]),
    ("wire: a quotation sentence after a voice's reported sentence is that voice's",
     "Kenneth Lewis said the archive had been closed for years. “They burned the files before the trial.”\n",
     [("They burned the files", "kenneth-lewis", "quote", None)]),
    ("wire: a quotation sentence after the outlet's own sentence names nobody",
     "The archive had been closed for years. “They burned the files before the trial.”\n",
     [("They burned the files", None, None, None)]),
    ("wire: a short quoted title inside the appositive between a name and its verb",
     "Dana Whitfield, host of the radio show “Morning Line,” suggested the ruling would be appealed.\n",
     [("the ruling would be appealed", "dana-whitfield", "reported", None)]),
    ("wire: 'explained to X why …': the question answered is the content",
     "Dana Whitfield explained to the council why the archive had been sealed.\n",
     [("why the archive had been sealed", "dana-whitfield", "reported", None)]),
    ("wire: a long adjunct between the verb and 'that'",
     "Dana Whitfield wrote in a memo to the deputy director of the Valley Water Board that the wells were dry.\n",
     [("the wells were dry", "dana-whitfield", "reported", None)]),
    ("wire: a month as a surname is a name",
     "The prime minister, Rose May, said the inquiry would report in the spring.\n",
     [("the inquiry would report", "rose-may", "reported", "prime minister")]),
    ("wire: 'CONTENT, X told OBJECT as …': the object and the clause after it are the outlet's",
     "This is not about revenge, Kenneth Lewis told his colleagues as he left the court.\n",
     [("This is not about revenge", "kenneth-lewis", "reported", None),
      ("his colleagues as he left", None, None, None)]),
    ("wire: 'CONTENT, X reported on Tuesday -- …': what follows the dash is the outlet's",
     "Water use will fall this year, the Valley Water Board reported on Tuesday -- a sign that the drought is easing.\n",
     [("Water use will fall this year", "valley-water-board", "reported", None),
      ("a sign that the drought is easing", None, None, None)]),
    ("wire: 'CONTENT, X said at an event in PLACE — …'",
     "The wells are dry, Kenneth Lewis said this week at an event in Tabriz — a reversal of his earlier view.\n",
     [("The wells are dry", "kenneth-lewis", "reported", None),
      ("a reversal of his earlier view", None, None, None)]),
    ("wire: a name right after 'said' opens the content, the words before are the frame's",
     "Wednesday at the hearing, Kenneth Lewis said Dana Whitfield, the ministry's lawyer, was wrong about the files.\n",
     [("Dana Whitfield, the ministry's lawyer, was wrong", "kenneth-lewis", "reported", None),
      ("Wednesday at the hearing", None, None, None)]),
    ("wire: ', said X.' ending the sentence, a clause between the commas before it",
     "In nearby Tabriz, the old plant is still open, but it is losing money, said the company's director, Dana Whitfield.\n",
     [("the old plant is still open", "dana-whitfield", "reported", "the company's director")]),
    ("wire: 'took to Twitter to say': the infinitive says what its subject said",
     "Dana Whitfield, who runs the clinic, took to Twitter on Friday to say the wells had been poisoned.\n",
     [("the wells had been poisoned", "dana-whitfield", "reported", None)]),
    ("wire: 'declined to say' is said by nobody",
     "Dana Whitfield declined to say whether the wells had been poisoned.\n",
     [("whether the wells had been poisoned", None, None, None)]),
    ("wire: 'has long said': an adverb between the auxiliary and the verb",
     "Dana Whitfield has long said that the wells were poisoned.\n",
     [("the wells were poisoned", "dana-whitfield", "reported", None)]),
    ("encyclopedia: 'CONTENT, according to X, APPOSITIVE.': the appositive is no content",
     "The wells ran dry in 1988, according to Dana Whitfield, the historian of the valley.\n",
     [("The wells ran dry in 1988", "dana-whitfield", "reported", None),
      ("the historian of the valley", None, None, None)]),
    ("encyclopedia: 'SUBJECT, according to X, PREDICATE.': both halves are X's",
     "The wells, according to Dana Whitfield, ran dry in 1988.\n",
     [("The wells", "dana-whitfield", "reported", None), ("ran dry in 1988", "dana-whitfield", "reported", None)]),
    ("wire: a reporting clause between commas with 'in its report'",
     "The wells were dry, the Valley Water Board said in its report, and the pumps had failed.\n",
     [("The wells were dry", "valley-water-board", "reported", None),
      ("the pumps had failed", "valley-water-board", "reported", None)]),
    ("wire: 'X issued a statement saying …' after an opening phrase: the issuer speaks",
     "After the verdict, Kenneth Lewis issued a statement saying that the families would appeal.\n",
     [("the families would appeal", "kenneth-lewis", "reported", None)]),
    ("wire: a clause before 'a statement' is not the name of a body",
     "Later that day, Dana Whitfield released a statement saying the wells had been poisoned.\n",
     [("the wells had been poisoned", "dana-whitfield", "reported", None)]),
    ("wire: 'SUBJECT was first reported by X': the subject is what X reported",
     "News of the closure was first reported by the Valley Herald.\n",
     [("News of the closure", "valley-herald", "reported", None)]),
    ("wire: 'as first reported by X' after its content",
     "The wells are dry, as first reported by the Valley Herald on Tuesday.\n",
     [("The wells are dry", "valley-herald", "reported", None)]),
    ("wire: 'Asked by X whether …': the question is the asker's",
     "Asked by Dana Whitfield whether the wells were dry, Kenneth Lewis said he did not know.\n",
     [("whether the wells were dry", "dana-whitfield", "reported", None),
      ("he did not know", "kenneth-lewis", "reported", None)]),
    ("wire: a noun in -ly ('ally') is no adverb between a subject and its verb",
     "Another Lewis ally, Valley Mayor Dana Whitfield, told reporters that the wells were poisoned.\n",
     [("the wells were poisoned", "dana-whitfield", "reported", "Another Lewis ally")]),
    ("wire: a name after a participle is its object, the appositive names the voice",
     "One farmer supporting Mr. Lewis, Dana Whitfield of Green Valley Farm in Tabriz, said the wells were dry.\n",
     [("the wells were dry", "dana-whitfield", "reported", "One farmer supporting Mr. Lewis")]),
    ("wire: a closing 'according to Y' is the outlet's frame; a relative clause before it is Y's",
     "Kenneth Lewis says the drought is proof the wells were neglected, which the board denied in 2019, "
     "according to the Valley Herald.\n",
     [("the drought is proof the wells were neglected", "kenneth-lewis", "reported", None),
      ("which the board denied in 2019", "valley-herald", "reported", None),
      ("according to the Valley Herald", None, None, None)]),
    ("wire: two reporting clauses in one sentence, each with its own content",
     "In Tabriz, marchers carried white roses, the Valley Herald reported, while in Shiraz the parade began "
     "with a moment of silence, the Daily Star reported.\n",
     [("marchers carried white roses", "valley-herald", "reported", None),
      ("the parade began with a moment of silence", "daily-star", "reported", None)]),
    ("a title names by surname the voice the article names in full",
     "Lewis calls the drought a disaster;\n\nThe lawyer Kenneth B. Lewis Jr. said the wells were dry.\n",
     [("the drought a disaster", "kenneth-b-lewis-jr", "reported", None)]),
    ("a title in title case with 'Just' before the verb",
     "Dana Whitfield Just Announced Her Support For The Valley Plan.\n\nThe historian spoke on Monday.\n",
     [("Her Support For The Valley Plan", "dana-whitfield", "reported", None)]),
    ("a paragraph of quotation after a long frame that names the same voice",
     "“We will appeal the verdict,” Kenneth Lewis said during the hearing in Tabriz, the provincial capital, "
     "ahead of the opening of the new session of the court.\n\n“The court ignored the evidence of the survivors.”\n",
     [("The court ignored the evidence", "kenneth-lewis", "quote", None)]),
    ("wire: 'and Y vowed to “…”' opens a clause of Y's own inside X's",
     "Kenneth Lewis said he would make the valley “bloom again,” for instance, and Dana Whitfield vowed to "
     "“drain the swamp” of the board.\n",
     [("bloom again", "kenneth-lewis", "quote", None), ("drain the swamp", "dana-whitfield", "quote", None)]),
    ("wire: an opening phrase before the subject of a coordinated 'and said'",
     "In the days before the vote on the new water plan, Kenneth Lewis denounced the plan and said it would be appealed.\n",
     [("it would be appealed", "kenneth-lewis", "reported", None)]),
    ("wire: 'was quick to add that …'",
     "Kenneth Lewis was quick to add that the plan did not include closing the wells.\n",
     [("the plan did not include closing the wells", "kenneth-lewis", "reported", None)]),
    ("wire: 'X and others said': the named voice leads, the phrase is its role",
     "Kenneth Lewis and others said they could not support the plan.\n",
     [("they could not support the plan", "kenneth-lewis", "reported", "Kenneth Lewis and others")]),
    ("wire: '…, then says …' has the sentence's subject",
     "Kenneth Lewis offered the farmer a job, then says he will welcome advice from anyone.\n",
     [("he will welcome advice from anyone", "kenneth-lewis", "reported", None)]),
    ("transcript: 'former secretary of state NAME:' is a title and its holder",
     "Former secretary of state Kenneth Lewis: “We learned that from the ministry and its analysis.”\n",
     [("We learned that from the ministry", "kenneth-lewis", "quote", "Former secretary of state")]),
    ("wire: 'a spokesman for NAME' stays an unnamed voice",
     "A spokesman for presidential candidate Dana Whitfield said the wells were dry.\n",
     [("the wells were dry", None, "reported", "A spokesman for presidential candidate Dana Whitfield")]),
    ("wire: '…,” said X, adding that …' in typewriter quotes: the paraphrase after the participle is X's",
     "''The wells are dry,'' said Kenneth Lewis, adding that he did not think the board ''will ever admit it.''\n",
     [("he did not think the board", "kenneth-lewis", "reported", None),
      ("will ever admit it", "kenneth-lewis", "quote", None)]),
    ("wire: '…,” X said, mentioning …'",
     "“We dug two new wells last year,” Kenneth Lewis said, mentioning the third well is “almost finished.”\n",
     [("the third well is", "kenneth-lewis", "reported", None)]),
    ("wire: a participle after a dash has the sentence's subject",
     "Kenneth Lewis changed his mind on the spot – saying he was now against the plan.\n",
     [("he was now against the plan", "kenneth-lewis", "reported", None)]),
    ("wire: 'X's claim that …' is X's claim, the rest of the sentence the outlet's",
     "Despite Kenneth Lewis's claims that the wells are full, all of the surveys found them dry.\n",
     [("the wells are full", "kenneth-lewis", "reported", None),
      ("all of the surveys found them dry", None, None, None)]),
    ("wire: ', saying …' after a second clause has that clause's subject",
     "Kenneth Lewis opened the meeting, and Dana Whitfield left the room early, saying the rules were unfair.\n",
     [("the rules were unfair", "dana-whitfield", "reported", None)]),
    ("wire: a plural noun that opens a sentence is an unnamed voice, not a name",
     "Teachers say the new rules are unfair. Many teachers have left the valley.\n",
     [("the new rules are unfair", None, "reported", "Teachers")]),
    ("wire: a surname that is also a plural noun stays a name",
     "Michelle Fields said she was grabbed. Fields said the fields were wet.\n",
     [("the fields were wet", "michelle-fields", "reported", None)]),
    ("wire: emphatic 'did suggest' is said; 'did not deny' is not",
     "Kenneth Lewis did suggest that the wells were poisoned. Dana Whitfield did not deny that the pumps had failed.\n",
     [("the wells were poisoned", "kenneth-lewis", "reported", None), ("the pumps had failed", None, None, None)]),
    ("wire: a reporting clause between commas after one or two words",
     "That, Valley Mayor Dana Whitfield explained, is by design. But, the board's lawyer added, it is not the way to win.\n",
     [("is by design", "dana-whitfield", "reported", "Valley Mayor"),
      ("it is not the way to win", None, "reported", "the board's lawyer")]),
    ("wire: 'SUBJECT, first reported by X on Tuesday, PREDICATE': the sentence is what X reported",
     "The remarks, first reported by the Valley Herald on Tuesday, suggested a change of course on the wells.\n",
     [("The remarks", "valley-herald", "reported", None),
      ("suggested a change of course on the wells", "valley-herald", "reported", None)]),
    ("wire: 'CONTENT, according to X, PARTICIPLE …' when a later clause has a frame of its own",
     "The board struck a deal with the farmers, according to the Valley Water Board, taking a step toward ending a "
     "strike that company executives said could ruin the harvest.\n",
     [("The board struck a deal with the farmers", "valley-water-board", "reported", None)]),
    ("wire: 'a spokesman for the Valley Police Department': the organisation speaks, the spokesman is its role",
     "A spokesman for the Valley Police Department said the man was not handcuffed.\n",
     [("the man was not handcuffed", "valley-police-department", "reported", "A spokesman")]),
    ("wire: 'X reported, according to sources, CONTENT'",
     "The Valley Herald reported, according to sources in the meetings, the board tried to calm the farmers.\n",
     [("the board tried to calm the farmers", "valley-herald", "reported", None)]),
    ("wire: ', said X of ORGANISATION.' and ', says X in PLACE.' end an inverted frame",
     "The wells are dry, said Dana Whitfield of the Valley Water Board. The pumps failed, says the engineer Kenneth Lewis in Tabriz.\n",
     [("The wells are dry", "dana-whitfield", "reported", None), ("The pumps failed", "kenneth-lewis", "reported", "engineer")]),
    ("wire: 'CONTENT, NAME, APPOSITIVE, said on Monday.'",
     "The wells are dry, Lewis, a farmer, said on Monday.\n",
     [("The wells are dry", "lewis", "reported", None)]),
    ("wire: 'X on Twitter called …'",
     "Kenneth Lewis on Twitter called the plan a disaster for the valley.\n",
     [("the plan a disaster for the valley", "kenneth-lewis", "reported", None)]),
    ("wire: 'questioned whether', 'made clear that', 'pointed out that'; 'made a cake' is no speech",
     "Kenneth Lewis questioned whether the board had hidden the files. Dana Whitfield made clear that the wells "
     "were dry. Lewis pointed out that the pumps had failed. Whitfield made a cake for the board.\n",
     [("whether the board had hidden the files", "kenneth-lewis", "reported", None),
      ("the wells were dry", "dana-whitfield", "reported", None),
      ("the pumps had failed", "kenneth-lewis", "reported", None),
      ("a cake for the board", None, None, None)]),
    ("NGO report: 'X estimated that C, its chairman, Y, told reporters': C is X's, Y only relays it",
     "The water board estimated that 900 wells had run dry, its chairman, Kenneth Lewis, told reporters.\n",
     [("900 wells had run dry", None, "reported", "The water board"),
      ("its chairman, Kenneth Lewis, told reporters", None, None, None)]),
    ("wire: 'warned of …', 'complained about …': the object is what was said; 'said of X' is not",
     "Kenneth Lewis warned of a drought that could last a decade. Dana Whitfield complained about the new rules.\n",
     [("a drought that could last a decade", "kenneth-lewis", "reported", None),
      ("the new rules", "dana-whitfield", "reported", None)]),
    ("wire: 'CONTENT, the ROLE, NAME, said': the role before the name is the voice's, its frame starts there",
     "The wells are dry, the spokesperson for the valley board, Mary Cole, said on Monday.\n",
     [("The wells are dry", "mary-cole", "reported", "spokesperson for the valley board"),
      (", the spokesperson for the valley board, Mary Cole, said", None, None, None)]),
    ("wire: 'X contends that A, and NAME, APPOSITIVE, said B': the second clause has its own voice",
     "The water board contends that the wells are safe, and Kenneth Lewis, the board's chief engineer, said the pumps had failed.\n",
     [("the wells are safe", None, "reported", "The water board"),
      ("the pumps had failed", "kenneth-lewis", "reported", None)]),
    ("live blog: 'BYLINE … 9:23PMName Says Title Case Claim': the entry heading after the time stamp is its voice's",
     "Dana WhitfieldFlagShareReplyMary Cole 5ptsFeaturedFebruary 6, 2016 9:23PMKenneth Lewis Says The Wells Are Dry Again\n"
     "Kenneth Lewis spoke in the valley on Monday.\n",
     [("The Wells Are Dry Again", "kenneth-lewis", "reported", None),
      ("Dana WhitfieldFlagShareReplyMary Cole", None, None, None)]),
    ("'…, and when X thanked Y and said C': the coordinated verb has the subordinate clause's subject",
     "Some in the crowd booed, and when Kenneth Lewis thanked the valley and said the wells were dry, a man left.\n",
     [("the wells were dry", "kenneth-lewis", "reported", None)]),
    ("wire: 'said that, if …, C': a subordinate clause after 'that' opens the content",
     "Kenneth Lewis said in a statement on Wednesday that, if the reports are true, the board broke the rules.\n",
     [("if the reports are true, the board broke the rules", "kenneth-lewis", "reported", None),
      ("said in a statement on Wednesday that", None, None, None)]),
    ("wire: 'said, as …, that C': an inserted clause before 'that'; 'said, as the crowd cheered.' has no content",
     "Kenneth Lewis said, as the crowd cheered, that the wells were dry. Dana Whitfield spoke, as the crowd left.\n",
     [("the wells were dry", "kenneth-lewis", "reported", None),
      ("said, as the crowd cheered, that", None, None, None)]),
    ("a lone surname is the one full name with that surname met earlier in the document, even as a sentence's first word",
     "Kenneth Boreing runs the valley club.\n\nThe club met in May.\n\nBoreing said the members will still meet.\n\n"
     "Dana Lewis and Mary Lewis spoke.\n\nLewis said the wells were dry.\n",
     [("the members will still meet", "kenneth-boreing", "reported", None),
      ("the wells were dry", "lewis", "reported", None)]),
    ("'X and others who … said': the named voice leading them, the group its role",
     "Kenneth Lewis and others who want to ban dams said the decision will make the choice stark.\n",
     [("the decision will make the choice stark", "kenneth-lewis", "reported", "Kenneth Lewis and others")]),
    ("wire: 'said on CNN, where …, that C', 'said Monday, after …, that C': the content is after 'that'",
     "Kenneth Lewis said on the radio, where he is a paid guest, that the board should resign. "
     "Dana Whitfield said Monday, after the vote, that the pumps had failed.\n",
     [("the board should resign", "kenneth-lewis", "reported", None),
      ("said on the radio, where he is a paid guest, that", None, None, None),
      ("the pumps had failed", "dana-whitfield", "reported", None),
      ("said Monday, after the vote, that", None, None, None)]),
    ("wire: 'X was quoted by the Herald as saying C': the passive's subject said it, not the paper",
     "Kenneth Lewis was quoted by the Valley Herald as saying that the wells were dry. "
     "A spokesman was cited as saying the pumps failed.\n",
     [("the wells were dry", "kenneth-lewis", "reported", None),
      ("the pumps failed", None, "reported", "A spokesman")]),
    ("'the drought led X to announce that C': X said it; 'urged X to say' is no statement of X's",
     "The drought led Kenneth Lewis to announce that the wells were dry. The board urged Dana Whitfield to say that the pumps failed.\n",
     [("the wells were dry", "kenneth-lewis", "reported", None),
      ("the pumps failed", None, "reported", "The board")]),
    ("wire: 'X said, when …, MAIN CLAUSE': the subordinate clause and its main clause are the content",
     "In the end, Kenneth Lewis said, when he was earning little, a boss invited him to lunch. "
     "Dana Whitfield spoke, when the vote closed, and left the stage.\n",
     [("when he was earning little, a boss invited him to lunch", "kenneth-lewis", "reported", None),
      ("Dana Whitfield spoke, when the vote closed, and left the stage.", None, None, None)]),
    ("wire: '…, as X reported last week.' closing the sentence gives what comes before to X",
     "The ministry delayed the hearing twice, as the Valley Herald reported last week.\n",
     [("The ministry delayed the hearing twice", "valley-herald", "reported", None)]),
    ("NGO report: 'As X has documented, …' opening the sentence gives the rest to X",
     "As Redress Network has documented, the families were never told where the graves are.\n",
     [("the families were never told where the graves are", "redress-network", "reported", None)]),
    ("'as X reported the story': a verb with an object is no 'as' frame",
     "The guards left the yard as the Valley Herald reported the story.\n",
     [("The guards left the yard", None, None, None)]),
    ("wire: 'according to X's annual report': the body whose report it is",
     "The prison held 4,000 inmates that year, according to Redress Network's annual report.\n",
     [("The prison held 4,000 inmates that year", "redress-network", "reported", "Redress Network's annual report")]),
    ("'the border states,': a plural noun before a comma is no speech verb",
     "The party has spent more than $7 million on television and radio advertising, largely targeting voters in border "
     "states, according to the Valley Herald.\n",
     [("The party has spent more than $7 million", "valley-herald", "reported", None)]),
    ("'he should have insisted on …': a verb after 'should have' is what was not said",
     "Redress Network insists it does not know where he is.\n\nKenneth Lewis, a former governor who led the board, said "
     "that the swap was costly but that if the mayor made one, he should have insisted on getting all the prisoners out.\n",
     [("the swap was costly but that if the mayor made one", "kenneth-lewis", "reported", None)]),
    ("wire: 'X said his band and Y wrote new songs': an act inside the content after a bare 'and' opens no voice",
     "Kenneth Lewis said his brother and the engineer Dana Whitfield wrote a new plan for the wells.\n",
     [("his brother and the engineer Dana Whitfield wrote a new plan for the wells", "kenneth-lewis", "reported", None)]),
    ("wire: a quotation inside a participial aside does not cut the subject from its verb",
     "Kenneth Lewis, citing “the worst drought in memory,” said the wells would be closed.\n"
     "Dana Whitfield - who once called the plan “a fantasy” - said at a rally that the pumps had failed.\n",
     [("the wells would be closed", "kenneth-lewis", "reported", None),
      ("the pumps had failed", "dana-whitfield", "reported", None)]),
    ("headline: 'X Just Said …', 'X Calls For …' give the rest of the line to X",
     "Kenneth Lewis Just Said The Wells Will Close Before Summer\n\nThe board met on Monday.\n\n"
     "Dana Whitfield Calls For An Inquiry Into The Pumps\n\nThe mayor left.\n",
     [("The Wells Will Close Before Summer", "kenneth-lewis", "reported", None),
      ("An Inquiry Into The Pumps", "dana-whitfield", "reported", None)]),
    ("wire: a request's content holds its addressee ('asked the court to intervene', 'urged a strong stand')",
     "Kenneth Lewis has asked the Supreme Court to intervene. Dana Whitfield urged a firm reply, saying the pumps had failed.\n",
     [("the Supreme Court to intervene", "kenneth-lewis", "reported", None),
      ("a firm reply", "dana-whitfield", "reported", None)]),
    ("wire: a verb coordinated after 'and has' or in a list of the subject's acts has the sentence's subject",
     "Kenneth Lewis often visits the wells and has promised that the pumps will be repaired. "
     "The Valley Board delayed the audit, admitted it withheld the records, and closed the office.\n",
     [("the pumps will be repaired", "kenneth-lewis", "reported", None),
      ("it withheld the records", "valley-board", "reported", None)]),
    ("a verb coordinated inside a relative clause on another noun is not the subject's",
     "Kenneth Lewis was questioned by Dana Whitfield, who chairs the board, but has dismissed the report as gossip.\n",
     [("the report as gossip", None, None, None)]),
    ("wire: 'CONTENT, X wrote in a memo to the ministry.': a prepositional tail is an adjunct, the content is before",
     "The files were placed in secure storage, Kenneth Lewis, the board's secretary, wrote in a memo to ministry officials. "
     "Dana Whitfield spoke in Geneva on Monday.\n",
     [("The files were placed in secure storage", "kenneth-lewis", "reported", None),
      ("in a memo to ministry officials", None, None, None)]),
    ("wire: a web outlet's name keeps its domain ('according to Valleynews.org')",
     "The toll rose to 40 overnight, according to Valleynews.org.\n",
     [("The toll rose to 40 overnight", "valleynews-org", "reported", None)]),
    ("'(…, according to X)': a parenthesis closed by 'according to X' is X's, not the sentence around it",
     "The governor repeated his claim that 900 had fled (the real number is closer to 90, according to Redress Network). "
     "He left.\n",
     [("the real number is closer to 90", "redress-network", "reported", None),
      ("The governor repeated his claim", None, None, None)]),
    ("wire: '…, according to X, which monitors …': the nested frame before a closing 'according to' is X's report",
     "The Valley Front has called for strikes on the dams, according to Redress Network, which monitors the region.\n",
     [("The Valley Front has called for", "redress-network", "reported", None),
      ("strikes on the dams", "valley-front", "reported", None)]),
    ("wire: a participle opening the sentence has the main clause's subject ('Since announcing that …, X has …')",
     "Since announcing in May that the wells would close, Kenneth Lewis has avoided the press. "
     "Having declared that the pumps were safe, Dana Whitfield left the hall.\n",
     [("the wells would close", "kenneth-lewis", "reported", None),
      ("the pumps were safe", "dana-whitfield", "reported", None),
      ("Kenneth Lewis has avoided the press", None, None, None)]),
    ("wire: 'according to the Valley Herald poll' is the body whose poll it is; a clause after ', but' is the outlet's",
     "The mayor leads by 9 points, according to the Valley Herald poll, but his lead is narrowing.\n",
     [("The mayor leads by 9 points", "valley-herald", "reported", "Valley Herald poll"),
      ("but his lead is narrowing", None, None, None)]),
    ("wire: a closing 'according to X' over an unnamed nested voice gives X the rest of the sentence",
     "In the end, most of the wells were closed, and the remaining farmers pledged to leave the valley, "
     "according to Redress Network.\n",
     [("In the end, most of the wells were closed", "redress-network", "reported", None)]),
    ("wire: 'X stood at a meeting here to say C', 'X left but on Monday announced C': the subject says it",
     "Kenneth Lewis stood at a town meeting here to say the wells would close. "
     "Dana Whitfield left the board but on Monday announced that the pumps had failed.\n",
     [("the wells would close", "kenneth-lewis", "reported", None),
      ("the pumps had failed", "dana-whitfield", "reported", None)]),
    ("wire: '“…,” X responded before adding that C': the participle goes on in the frame's voice",
     "“We will not leave,” Kenneth Lewis responded before adding that the wells would close in June.\n",
     [("the wells would close in June", "kenneth-lewis", "reported", None)]),
    ("wire: 'In Geneva, the board's chairman, X, said': a name in an opening prepositional phrase is no subject",
     "In Geneva, the board's chairman, Kenneth Lewis, said the wells would close. "
     "On Valley Radio, his deputy, Dana Whitfield, said the pumps had failed.\n",
     [("the wells would close", "kenneth-lewis", "reported", "board's chairman"),
      ("the pumps had failed", "dana-whitfield", "reported", "his deputy")]),
    ("wire: 'As X spoke, the union was whipping …': a subordinate clause's verb has no content after its comma",
     "As Kenneth Lewis spoke, the union was whipping members against “any new tax.”\n",
     [("any new tax", None, "quote", "the union"), ("members against", None, "reported", "the union")]),
    ("wire: 'pro-X demonstrators' names a crowd, not X",
     "Hundreds of pro-Whitfield demonstrators marched through the city, chanting “Count every vote.”\n",
     [("Count every vote", None, None, None)]),
    ("wire: 'C1, said X, C2': an inverted frame inside its content gives X both parts, not an appositive after it",
     "The contrast with the old board, said Kenneth Lewis, would be clear. "
     "The wells failed early, said Dana Whitfield, the former director.\n",
     [("The contrast with the old board", "kenneth-lewis", "reported", None),
      ("would be clear", "kenneth-lewis", "reported", None),
      ("the former director", None, None, None)]),
    ("wire: ', asked about X, had said': a participle before its subject's verb is no inverted frame",
     "The row began after Kenneth Lewis, asked about the dead wells under Dana Whitfield, had said, “We pump too much.”\n",
     [("The row began", None, None, None), ("We pump too much", "kenneth-lewis", "quote", None)]),
    ("wire: accented Latin letters belong to the name, and the id keeps their base letters",
     "Ángel Gurría said the economy would grow. Andrzej Łukasz said the wells would close. "
     "Marta Lazăr Lehel, the farmer known as “the Mule,” stated that the pumps had failed.\n",
     [("the economy would grow", "angel-gurria", "reported", None),
      ("the wells would close", "andrzej-lukasz", "reported", None),
      ("the pumps had failed", "marta-lazar-lehel", "reported", None)]),
    ("wire: 'wrote that X “…”': the content's subject is not the quotation's voice",
     "His biographers, Ada Quinlan and Omar Haddad, wrote that Lewis “had a tin ear for the valley.”\n",
     [("had a tin ear", None, None, None)]),
    ("wire: 'former Pennsylvania Gov. and party chairman X': a name never ends in an abbreviated title",
     "“The wells are dry,” said former Valley Gov. and party chairman Kenneth Lewis.\n",
     [("The wells are dry", "kenneth-lewis", "quote", "former Valley Gov. and party chairman")]),
    ("wire: 'DESCRIPTION — NAME, who … — said': a name between dashes is the voice, the description its role",
     "A former candidate for governor — Dana Whitfield, who lost the 2008 election — said the wells were dry. "
     "The board's members — and, in particular, Chairman Kenneth Lewis — insisted that the pumps stay.\n",
     [("the wells were dry", "dana-whitfield", "reported", "former candidate for governor"),
      ("the pumps stay", "kenneth-lewis", "reported", None)]),
    ("a surname that is also a time word ('Day') names the person met before, not a time phrase",
     "“The wells are dry,” said Kristen Day, director of the Valley Water Board.\n\n"
     "Day said the pumping schedule is draining the aquifer. On Election Day the board met again.\n",
     [("The wells are dry", "kristen-day", "quote", None),
      ("the pumping schedule is draining the aquifer", "kristen-day", "reported", None)]),
    ("a clause after an inverted-looking verb is content, not a voice ('said the platform is …')",
     "Kristen Lewis, the director of the water board, said the plan is weakening the party.\n",
     [("the plan is weakening the party", "kristen-lewis", "reported", None)]),
    ("a verb of making inside reported content, after an appositive, has no voice of its own",
     "Speaking on a radio show last week, Kenneth Lewis said his brother and his partner Dana Whitfield, "
     "known as the Engineer, wrote a dozen new reports on the wells.\n",
     [("wrote a dozen new reports", "kenneth-lewis", "reported", None)]),
    ("'CONTENT, wrote TITLE NAME, APPOSITIVE, on PLATFORM.': the inverted frame's name, past a list before it",
     "Omar Haddad and his wife Leila, their son Sami and his cousin Rana had left the valley together, wrote "
     "engineer Dana Whitfield, Haddad's niece, on Facebook.\n",
     [("had left the valley together", "dana-whitfield", "reported", "engineer")]),
    ("'X, who …, did A but turned to B, eventually saying …': a participle after an adverb is the subject's",
     "Kenneth Lewis, who runs the largest farm in the valley, stayed quiet at first but grew angrier over the summer, "
     "eventually saying the board had ruined the wells.\n",
     [("the board had ruined the wells", "kenneth-lewis", "reported", None)]),
    ("'C1, said X and others, PREDICATE': the inverted frame with its company interrupts its content",
     "The damage to the valley, said Whitfield and others, would last a decade because the wells are dry.\n",
     [("The damage to the valley", "whitfield", "reported", None),
      ("would last a decade", "whitfield", "reported", None)]),
    ("a paragraph of unframed quotation after 'X said that …' closing the paragraph before goes on in X's voice",
     "Kenneth Lewis said that for years the board had ignored the farmers, but that this would change.\n\n"
     "“The wells are dry and the valley knows who dried them.”\n\n"
     "The board met on Monday. Its chairman said the pumps would stay.\n\n"
     "“We will not close them.”\n",
     [("The wells are dry", "kenneth-lewis", "quote", None),
      ("We will not close them", None, None, None)]),
    ("'“…,” NAME, AGE, of CITY, STATE, who …, said': four appositives between the name and the verb",
     "\"The wells scare me,\" Dana Whitfield, 41, of Fresno, Calif., who was among the farmers polled, said on Monday.\n",
     [("The wells scare me", "dana-whitfield", "quote", None)]),
    ("'under what X called ''…'', REST': the quoted name is X's, the rest of the sentence the outlet's",
     "Oliver Hedge appraises farms in the valley.\n\n"
     "In 2009, under what Mr. Hedge called ''the old water model,'' the Lewis farm charged $900 a month. "
     "In a ruling that Judge Dana Whitfield called \"careless,\" the board kept the pumps.\n",
     [("the old water model", "oliver-hedge", "quote", None),
      ("the Lewis farm charged $900 a month", None, None, None),
      ("careless", "dana-whitfield", "quote", "Judge"),
      ("the board kept the pumps", None, None, None)]),
    ("'The Herald columnist X has been A but on Tuesday wrote that …': a subject with its role, a coordinated verb",
     "The Valley Herald columnist Dana Whitfield has been critical of the board but on Tuesday wrote that she agreed "
     "with its plan.\n",
     [("she agreed with its plan", "dana-whitfield", "reported", "Valley Herald columnist")]),
    ("'Chief of Staff X', 'Secretary of Homeland Security X': the title's complement is not the name",
     "That, board Chief of Staff Kenneth Lewis explained, is by design. "
     "Secretary of Homeland Security Dana Whitfield said the wells were safe.\n",
     [("is by design", "kenneth-lewis", "reported", "board Chief of Staff"),
      ("the wells were safe", "dana-whitfield", "reported", "Secretary of Homeland Security")]),
    ("a participle after a subject with an age ('62-year-old X … , explaining …') is the subject's",
     "At a farm event in Fresno, 62-year-old Dana Whitfield also railed against the board, explaining how much "
     "it upset her to see the wells run dry.\n",
     [("how much it upset her", "dana-whitfield", "reported", "62-year-old")]),
    ("reporting verbs that speak with 'that' ('charged that', 'has indicated that', 'informed the board that'), "
     "and their absence ('charged with fraud')",
     "Kenneth Lewis charged that the board had lied. The ministry has indicated that the wells are safe. "
     "Dana Whitfield informed the board that she would resign. Whitfield was charged with fraud in 2019.\n",
     [("the board had lied", "kenneth-lewis", "reported", None),
      ("the wells are safe", None, "reported", "The ministry"),
      ("she would resign", "dana-whitfield", "reported", None),
      ("charged with fraud", None, None, None)]),
    ("'the ministry suggests …' is a verb after a voice noun, 'her remarks' a noun; closing verbs 'denied', "
     "'reiterated'; 'said on Twitter …' with no 'that'",
     "The ministry suggests the wells are safe. The wells were never dry, Kenneth Lewis reiterated. "
     "Dana Whitfield said on Twitter the pumps would stay.\n",
     [("the wells are safe", None, "reported", "The ministry"),
      ("The wells were never dry", "kenneth-lewis", "reported", None),
      ("the pumps would stay", "dana-whitfield", "reported", None)]),
    ("a quotation ending in a full stop is not framed by the next sentence when that frame has content of its own",
     "\"It is a sad day,\" Kenneth Lewis told reporters outside the pump house. \"The board lied to us. It has no place "
     "in this valley.\" Valley Gov. Dana Whitfield said she would have closed the wells.\n",
     [("The board lied to us", "kenneth-lewis", "quote", None),
      ("she would have closed the wells", "dana-whitfield", "reported", "Valley Gov.")]),
    ("'his wife, longtime board aide X, announced': an appositive of a role and a name names the voice",
     "First his wife, longtime water board aide Dana Whitfield, announced they were separated.\n",
     [("they were separated", "dana-whitfield", "reported", "longtime water board aide")]),
    ("'a spokeswoman for the Valley Water Board, announced': the name after 'for' is no appositive's voice",
     "Dana Whitfield, a spokeswoman for the Valley Water Board, said the pumps would stay.\n",
     [("the pumps would stay", "dana-whitfield", "reported", None)]),
    ("'what has been described as a “…”': a passive naming quotes nobody",
     "In 2008, the late Mayor Kenneth Lewis helped the campaign by sending what has been described as a "
     "“water army” into the valley.\n",
     [("water army", None, None, None)]),
    ("'X reported on Monday, based on …, CONTENT': the content after a time adjunct and a comma",
     "The Valley Herald reported on Monday, based on the latest count, that the wells were dry.\n"
     "The Valley Herald reported on Tuesday, based on the latest count, if the rain fails the wells will be dry.\n",
     [("the wells were dry", "valley-herald", "reported", None),
      ("the wells will be dry", "valley-herald", "reported", None)]),
    ("'For almost 60 years, X denied NP.': an adverbial lead is no content",
     "For almost 60 years, the Valley Water Board denied any role in the drought.\n",
     [("For almost 60 years", None, None, None)]),
    ("'Fox News Sean Hannity': an outlet's name before a person's is the role",
     "At the rally, Valley News Dana Whitfield asked the governor to explain his plan for the wells.\n",
     [("to explain his plan", "dana-whitfield", "reported", "Valley News")]),
    ("'…by X, who said …': an object is the relative clause's antecedent; what comes before is the outlet's",
     "The report was praised by Amnesty International, which said the wells were poisoned. "
     "The plan angered farmers like Dana Whitfield, who said the pumps must stop.\n",
     [("The report was praised", None, None, None),
      ("the wells were poisoned", "amnesty-international", "reported", None),
      ("The plan angered farmers", None, None, None),
      ("the pumps must stop", "dana-whitfield", "reported", None)]),
    ("'…, which denied …' stands for no person: 'Lewis v. Whitfield, which denied …' is not Whitfield's",
     "The precedents include Lewis v. Whitfield, which denied water rights to tenant farmers.\n",
     [("water rights to tenant farmers", None, None, None)]),
    ("'A, according to X, PREDICATE': the frame interrupts its content, both sides are X's",
     "Among the wells at risk, according to Dana Whitfield, are 16 near the river, including the Lewis well, "
     "which the board denied any part in drying.\n",
     [("Among the wells at risk", "dana-whitfield", "reported", None),
      ("are 16 near the river", "dana-whitfield", "reported", None)]),
    ("'X acknowledged A, which is an outcome, he said, “…”': the pronoun of a closing frame is the opening frame's subject",
     "Dana Whitfield said she was proud of the campaign.\n\n"
     "In a memo released as polls closed Tuesday, Whitfield campaign manager Kenneth Lewis acknowledged the rivals "
     "had split the first two contests, which is an outcome, he said, \"we have long anticipated.\"\n",
     [("the rivals had split", "kenneth-lewis", "reported", "Whitfield campaign manager"),
      ("we have long anticipated", "kenneth-lewis", "quote", "Whitfield campaign manager")]),
    ("'he' never stands for a voice the text calls 'she' ('Whitfield said she …', 'Ms. Whitfield')",
     "Kenneth Lewis said the vote was close. Dana Whitfield said she was proud of the campaign.\n\n"
     "“We lost the valley,” he said.\n\n"
     "Ms. Whitfield said the board would meet again.\n\n"
     "“We will win it back,” she said.\n",
     [("We lost the valley", None, None, None),
      ("We will win it back", "dana-whitfield", "quote", None)]),
    ("'X calls Y's plan ‘reckless’', 'X called Y, APPOSITIVE, an outstanding leader': naming is speech",
     "Former governor Kenneth Lewis calls Whitfield’s plan for the wells ‘reckless.’ "
     "At the time, Mr. Lewis called Mr. Haddad, a farmer who was twice fined for pumping, an honest neighbor.\n",
     [("plan for the wells", "kenneth-lewis", "reported", "Former governor"),
      ("an honest neighbor", "kenneth-lewis", "reported", None)]),
    ("NGO and court reports: 'A former prisoner, who asked not to be named, said', 'the judiciary chief', "
     "'According to the UN Special Rapporteur on Iran, NAME, …'",
     "A former prisoner, who asked not to be named, said the guards read out names every night. "
     "The state agency quoted the judiciary chief as saying that the trials were lawful. "
     "According to the UN Special Rapporteur on Iran, Javaid Rehman, the executions amount to crimes against humanity.\n",
     [("the guards read out names", None, "reported", "A former prisoner"),
      ("the trials were lawful", None, "reported", "the judiciary chief"),
      ("the executions amount to crimes", "javaid-rehman", "reported", "UN Special Rapporteur on Iran")]),
    ("'admitted to N deaths', 'Justice for Iran' a body, 'X put the toll in the thousands, state radio said': "
     "the figure's own frame",
     "The regime admitted to 1,200 deaths. Justice for Iran said the graves were destroyed. "
     "The ministry of intelligence put the toll in the thousands, state radio said.\n",
     [("1,200 deaths", None, "reported", "The regime"),
      ("the graves were destroyed", "justice-for-iran", "reported", None),
      ("in the thousands", None, "reported", "The ministry of intelligence")]),
    ("acts of expression: what a voice condemns or welcomes is reported, the act inside another report is not",
     "The Kurdistan Bar Association condemned the hanging of nine farm workers in Urmia. "
     "Pen Iran welcomed the release of 14 poets. "
     "The ministry said Pen Iran welcomed the decision of the court.\n",
     [("the hanging of nine farm workers", "kurdistan-bar-association", "reported", None),
      ("the release of 14 poets", "pen-iran", "reported", None),
      ("Pen Iran welcomed the decision", None, "reported", "The ministry")]),
    ("a motion's issuer speaks through it; former officials of a body are an unnamed voice",
     "The Belgian senate passed a resolution recognising the killing of 300 miners as a crime. "
     "Former UN officials said the inquiry had been blocked.\n",
     [("the killing of 300 miners", "belgian-senate", "reported", None),
      ("the inquiry had been blocked", None, "reported", "Former UN officials")]),
    ("a participle opening the sentence is no name; 'according to her'; a cause's name is a body; the predicate "
     "after an 'according to' aside is the voice's",
     "Posting on Telegram, the miners' lawyer, Dariush Kamali, said 12 men were still missing. "
     "Leyla Sadri lost two cousins in 1988. According to her, the guards kept no list. "
     "Teachers Without Frontiers published its survey on Friday. It found that 31 schools had closed. "
     "The number of arrests in Ahvaz, according to Karun Watch, rose to 212 in May.\n",
     [("12 men were still missing", "dariush-kamali", "reported", "miners' lawyer"),
      ("the guards kept no list", "leyla-sadri", "reported", None),
      ("31 schools had closed", "teachers-without-frontiers", "reported", None),
      ("rose to 212 in May", "karun-watch", "reported", None)]),
    ("a transcript's turns are their speakers' words; the asking side and a headline's source are not turns",
     "INTERVIEWER: How long were you held? MARYAM FAROKHI: Eleven months, with 30 women in one cell.\n\n"
     "Q: Who keeps the lists? A (Omid Rahbar, Prison Memory Archive): We do, and we have 1,900 names.\n\n"
     "ARCHIVE: GUARDS BURNED THE FILES\n",
     [("Eleven months, with 30 women", "maryam-farokhi", "quote", None),
      ("We do, and we have 1,900 names.", "omid-rahbar", "quote", "Prison Memory Archive"),
      ("Who keeps the lists?", None, None, None), ("GUARDS BURNED THE FILES", None, None, None)]),
    ("'the 58-year-old', 'the scientist' for the one person who opens a sentence before (not a place in a place); "
     "'it' for an unnamed body opening the sentence before",
     "Ramin Tavassoli, a retired surgeon, has lived in Graz since 1990. The 58-year-old told the hearing that "
     "nine doctors were arrested with him.\n\n"
     "Ines Arbelaez, a Chilean geneticist, has worked near Tulcan in Ecuador for a decade. The bones belong to 30 "
     "people, the scientist said.\n\n"
     "The tribunal of inquiry spent a year in the camps. In its report, it estimated that 700 men had vanished.\n",
     [("nine doctors were arrested", "ramin-tavassoli", "reported", None),
      ("The bones belong to 30 people", "ines-arbelaez", "reported", None),
      ("700 men had vanished", None, "reported", "The tribunal of inquiry")]),
    ("an unnamed voice in a place: inside the sentence it frames, opening it, after 'with', in a relative clause",
     "The toll, a nurse in Mosul told reporters, had risen to 19. "
     "The count, the health office in Kerman said on Monday, stood at 40. "
     "Crowds gathered on Friday, with organisers in Berlin saying 3,000 people came. "
     "Student groups in Mashhad said 12 students were expelled. "
     "The camp, which aid groups say holds 9,000 people, is full.\n",
     [("had risen to 19", None, "reported", "a nurse in Mosul"),
      ("stood at 40", None, "reported", "the health office in Kerman"),
      ("3,000 people came", None, "reported", "organisers in Berlin"),
      ("12 students were expelled", None, "reported", "Student groups in Mashhad"),
      ("holds 9,000 people", None, "reported", "aid groups"), ("is full", None, None, None)]),
    ("a split quotation going on in lower case; a reduced relative in -ing; 'received credible information that'; "
     "a document's owner before 'which'; 'a report published in 2019 by'; 'His conclusion:'",
     "'The archive,' said Kian Mostofi of the Tabriz Memory Group, 'now holds 2,140 names.' "
     "Volunteers working from court records have so far identified 600 victims. "
     "4. The Panel received credible information that 35 men were shot. "
     "Anyone can read the Redress Network report, which documents 90 hangings. "
     "At least 70 were hanged, according to a study published in 2019 by the Ahvaz Rights Forum.\n\n"
     "Kaveh Amini, a demographer, spent years on the registers. His conclusion: no fewer than 3,000 died.\n",
     [("now holds 2,140 names", "kian-mostofi", "quote", None),
      ("600 victims", None, "reported", "Volunteers working from court records"),
      ("35 men were shot", None, "reported", "The Panel"),
      ("90 hangings", "redress-network", "reported", "the Redress Network report"),
      ("At least 70 were hanged", "ahvaz-rights-forum", "reported", "a study published in 2019"),
      ("no fewer than 3,000 died", "kaveh-amini", "reported", "His conclusion")]),
    ("a bracket with its own voice and frame is that voice's; a count alone in brackets with its source",
     "Unions say the strike involves 4,000 dockers (the port authority puts the figure at 900). "
     "Hangings rose again (at least 41, according to Hengaw) in the spring.\n",
     [("4,000 dockers", None, "reported", "Unions"), ("the figure at 900", None, "reported", "the port authority"),
      ("at least 41", "hengaw", "reported", None)]),
    ("a number, then whose figure it is: 'N, the figure given by X' wins over the frame around it",
     "Estimates range from 900, according to the historian Omid Sabet, to 4,000, the figure cited by exile groups.\n",
     [("from 900", "omid-sabet", "reported", "historian"), ("4,000", None, "reported", "exile groups")]),
    ("a wire's dateline names no one in the story; a long appositive after an inverted frame; 'he said' after a "
     "number with a comma; a document of a name in s', of a body in lower case, on a topic in lower case",
     "BERLIN, May 2 (Reuters) - Iran hanged 70 people in April, the Oslo-based group Hengaw said on Friday. "
     "The group said 12 of them were Kurds.\n\n"
     "Farid Nadjafi has spent years on the archive. The archive now holds 4,310 names, he said.\n\n"
     "The 1988 massacre, said Laleh Sadr, co-founder of the Geneva-based group Families for Truth in Iran, was "
     "“the murder of at least 4,000 people.”\n\n"
     "The Union of Kurdish Teachers' yearly census found 310 detainees. The Kurdish government's 2019 census of "
     "displaced families counted 9,000 people. Hengaw's monthly report on the death penalty recorded 40 hangings.\n",
     [("12 of them were Kurds", "hengaw", "reported", None),
      ("The archive now holds 4,310 names", "farid-nadjafi", "reported", None),
      ("the murder of at least 4,000 people", "laleh-sadr", "quote", None),
      ("310 detainees", "union-of-kurdish-teachers", "reported", "Union of Kurdish Teachers' yearly census"),
      ("9,000 people", None, "reported", "The Kurdish government's 2019 census"),
      ("40 hangings", "hengaw", "reported", "Hengaw's monthly report")]),
    ("'by his reckoning' for the one who opens the sentence; 'By the organisation's own account'; 'the centre' for a "
     "Center; 'sources inside'; 'X alone'; a contrast clause with its own voice; a role with modifiers before the name",
     "In The Long Winter (2020), the journalist Kian Sohrabi retraces the hearings; by his reckoning, 870 prisoners "
     "were tried in a week.\n\n"
     "The raid cost the People's Mojahedin Organization of Iran dearly. By the organisation's own account, about 300 of its "
     "fighters died.\n\n"
     "The Tabriz Center for Prisoner Records keeps files. The centre says it has verified 900 names.\n\n"
     "Sources inside Qezel Hesar told reporters that 14 men were moved. Hengaw alone has identified 80 victims, "
     "while the exiled Iran Justice Forum puts the figure at 200.\n\n"
     "The Swiss-Iranian writer Mina Kashani spent a decade on the archive. She concludes that 1,100 died.\n",
     [("870 prisoners were tried", "kian-sohrabi", "reported", "his reckoning"),
      ("about 300 of its fighters died", "pmoi", "reported", "the organisation's own account"),
      ("it has verified 900 names", "tabriz-center-for-prisoner-records", "reported", None),
      ("14 men were moved", None, "reported", "Sources inside Qezel Hesar"),
      ("80 victims", "hengaw", "reported", None),
      ("the figure at 200", "iran-justice-forum", "reported", "exiled"),
      ("1,100 died", "mina-kashani", "reported", None)]),
    ("an interview's answer under the speaker's title and name; a headline's kicker is no speaker",
     "Deputy Interior Minister Reza Amini: These lists are invented abroad, and the number held was under 900.\n\n"
     "Delegate Update: Sanders Wins Another State After A Long Night Of Counting.\n",
     [("These lists are invented abroad", "reza-amini", "quote", "Deputy Interior Minister"),
      ("Sanders Wins Another State", None, None, None)]),
    ("an agency citing a source relays it, a person citing support speaks; a 'though' clause with its own voice; "
     "'she' for the 'she' of the sentence before; 'The 70-year-old' between the name and 'He'",
     "The state news agency ISNA, citing a city official, said 14 people were detained. "
     "Kamali, citing figures from the census bureau, said that 9,000 families had left.\n\n"
     "Police put the crowd at 800, though organisers put it at 5,000.\n\n"
     "Nasrin Bahrami was 20 when she fled Tabriz. Now living in Graz, she keeps her brother's letters. "
     "“We were 60 in that ward,” she said.\n\n"
     "Dr Ardeshir Kia left Iran in 1986. The 70-year-old, who now lives in Malmo, has studied the registers. "
     "He believes at least 900 prisoners died.\n",
     [("14 people were detained", None, "reported", "a city official"),
      ("9,000 families had left", "kamali", "reported", None),
      ("the crowd at 800", None, "reported", "Police"), ("at 5,000", None, "reported", "organisers"),
      ("We were 60 in that ward", "nasrin-bahrami", "quote", None),
      ("at least 900 prisoners died", "ardeshir-kia", "reported", None)]),
    ("the person a paragraph introduces speaks in the next ('she said', 'the 60-year-old said'); an answer under "
     "a plain name after an interviewer's question; 'quoted X, <a long title>, as saying'",
     "Parisa Nouri has looked for her uncle's grave since 1989. She keeps a map of Khavaran.\n\n"
     "“We know of 40 graves there,” she said.\n\n"
     "Interviewer: How many were in your ward?\n\n"
     "Kamran Ashtiani: About 70, and most of them were hanged.\n\n"
     "Q: And the missing?\n\n"
     "Lena Vuk, director of the tracing service: Our lists still hold 900 names of the missing.\n\n"
     "The official agency quoted Hadi Tabrizi, secretary of the judiciary's council for the rights of citizens, as "
     "saying that 300 rioters were held.\n",
     [("We know of 40 graves there", "parisa-nouri", "quote", None),
      ("About 70, and most of them were hanged.", "kamran-ashtiani", "quote", None),
      ("Our lists still hold 900 names", "lena-vuk", "quote", "director of the tracing service"),
      ("300 rioters were held", "hadi-tabrizi", "reported", None)]),
    ("a plural voice in the present inverted mid-sentence; an unnamed source's whole description after 'according to'",
     "As many as 900 migrants are held in the camps, diplomats estimate, most of them from Sudan. "
     "The ministry has moved 40 inmates, according to people familiar with the transfer.\n",
     [("As many as 900 migrants are held in the camps", None, "reported", "diplomats"),
      ("according to people familiar with the transfer", None, None, None)]),
    ("'arrives at' a count; 'The group' for the body the paragraph before introduced",
     "The historian Omid Kia arrives at 4,100 executions in all.\n\n"
     "The Mashhad Memory Collective, a volunteer group, released photographs on Monday.\n\n"
     "The group said 70 graves had been paved over.\n",
     [("4,100 executions in all", "omid-kia", "reported", "historian"),
      ("70 graves had been paved over", "mashhad-memory-collective", "reported", None)]),
    ("academic prose: a citation after a number names its source; a document's verb after its owner; a study by X",
     "Estimates run from about 900 (Farahmand 2003, 41) to over 4,000 (Sadri 2015). "
     "The Tabriz Registry Project’s dataset records 812 named victims. "
     "A 2018 policy brief by the Centre for Prison Studies estimated that some 600 died.\n",
     [("about 900", "farahmand", "reported", None), ("over 4,000", "sadri", "reported", None),
      ("812 named victims", "tabriz-registry-project", "reported", "The Tabriz Registry Project’s dataset"),
      ("some 600 died", "centre-for-prison-studies", "reported", None)]),
    ("a court's sentence and a launched petition are their issuers' acts",
     "The Shiraz Revolutionary Court sentenced two men to death for the killing of 11 guards. "
     "Hengaw launched a petition on Friday demanding the release of 60 teachers.\n",
     [("the killing of 11 guards", "shiraz-revolutionary-court", "reported", None),
      ("the release of 60 teachers", "hengaw", "reported", None)]),
    ("a charge, a complaint and a campaign brought for others are their bringers' acts; the next clause is its own",
     "The Gothenburg prosecutor charged Arash Kiani, a former warden, with the killing of 40 prisoners. "
     "The Tabriz Families Network filed a complaint on Monday on behalf of 12 widows and Omid Kia resigned. "
     "The Shahr Legal Clinic launched a global campaign for 26 students.\n",
     [("the killing of 40 prisoners", None, "reported", "The Gothenburg prosecutor"),
      ("on behalf of 12 widows", "tabriz-families-network", "reported", None),
      ("Omid Kia resigned", None, None, None),
      ("for 26 students", "shahr-legal-clinic", "reported", None)]),
    ("a participle after a quotation and a programme's title goes on in the quotation's voice",
     "''The wards emptied overnight,'' Leila Farahani told the hosts of ''Morning Report,'' adding that 30 men never came back.\n",
     [("30 men never came back", "leila-farahani", "reported", None)]),
    ("a relative clause after a name and its appositive; a place's country is no appositive voice",
     "The figures were given by Mina Sadr, a spokeswoman for the mission, who said 86 people had been hanged. "
     "Nora Hale and Tom Reyes, the parents of two aid workers killed at a clinic in Aleppo, Syria, have said 30 staff fled.\n",
     [("86 people had been hanged", "mina-sadr", "reported", None),
      ("30 staff fled", None, None, None)]),
    ("a name in brackets after a number is its source; a dateline's day is no number",
     "BEIRUT, Dec. 19 (Reuters) - Estimates run from about 900 (Amnesty International) to 4,000 (the Tabriz Registry Project).\n",
     [("about 900", "amnesty-international", "reported", None), ("4,000", "tabriz-registry-project", "reported", None),
      ("19", None, None, None)]),
    ("a quoted witness in single quotes and a long appositive with a relative clause",
     "'They took the men at night, and the lists grew. I counted 64 men in three days,' Reza Amini, a former prisoner "
     "who testified against the warden, told the court in Oslo.\n",
     [("I counted 64 men", "reza-amini", "quote", None)]),
    ("the report introduced at the end of the paragraph before speaks for its publisher",
     "The Office of the Regional Ombudsman for Detainees published its annual report on Wednesday.\n\n"
     "The report found that 1,400 people had been held without charge.\n",
     [("1,400 people had been held", "office-of-the-regional-ombudsman-for-detainees", "reported", "The report")]),
    ("a reporting frame closing a headline",
     "More than 400 held after the campus siege, police sources say\n\nThe last of them came out at dawn.\n",
     [("More than 400 held", None, "reported", "police sources")]),
    ("an opinion piece signed in its closing line: its first person is its author's, its other sentences the outlet's",
     "I was eleven when the letters from Evin stopped. The prison still stands.\n\n"
     "Over five years I counted 1,230 names in the ledgers.\n\n"
     "Mahsa Tehrani is a historian based in Leeds.\n",
     [("I was eleven", "mahsa-tehrani", "byline", None), ("The prison still stands", None, None, None),
      ("I counted 1,230 names", "mahsa-tehrani", "byline", None)]),
    ("an interview under an editing note: the answers after each question are the interviewee's",
     "Dr Karim Nasseri ran the trauma ward in Mosul during the siege. This interview has been condensed and edited.\n\n"
     "How many came in on the worst day?\n\n"
     "We took in 140 wounded before noon.\n",
     [("How many came in", None, None, None), ("We took in 140 wounded", "karim-nasseri", "quote", None)]),
    ("'At X, we' speaks for X; 'she writes' after a quotation; a paragraph opening with 'Her' continues the person "
     "the paragraph before introduced",
     "At Prison Watch Kabul, we estimate that 300 men are held without trial.\n\n"
     "Roya Amini was a teacher in Rasht. Her memoir appeared last year.\n\n"
     "“I saw the lists,” she writes.\n\n"
     "Laleh Kia comes anyway, but the gate is shut.\n\n"
     "Her brother vanished in 1988. “They told us nothing,” she said.\n",
     [("300 men are held", "prison-watch-kabul", "reported", None), ("I saw the lists", "roya-amini", "quote", None),
      ("They told us nothing", "laleh-kia", "quote", None)]),
    ("an unnamed witness the paragraph before opened with speaks as 'he'; the anonymity condition is no content",
     "A former guard, who agreed to speak on condition that he not be named, described the hall.\n\n"
     "“On the worst nights 200 men went through,” he said.\n",
     [("he not be named", None, None, None), ("200 men went through", None, "quote", "A former guard")]),
    ("'has for years maintained'; a bracket in the outlet's sentence that opens with its own frame",
     "The Exile Council has for years maintained that 30,000 were killed. Prisoners died in 32 cities "
     "(the Memory Project, a London group, puts the toll outside the capital at 3,700), from Rasht to Shiraz.\n",
     [("30,000 were killed", "exile-council", "reported", None), ("3,700", "memory-project", "reported", None),
      ("from Rasht to Shiraz", None, None, None)]),
    ("state media by their registry names: an all-capitals word ends a name, 'news' is no verb, 'ran an article arguing'",
     "Press TV, the English arm of the state broadcaster, aired a film on Saturday claiming that 1,700 fighters crossed. "
     "The Fars news agency, which is close to the Guards, ran an article on Sunday arguing that fewer than 1,000 died. "
     "The UN special rapporteur on Iran said 5,000 prisoners were killed.\n",
     [("1,700 fighters crossed", "press-tv", "reported", None), ("fewer than 1,000 died", "fars-news-agency", "reported", None),
      ("5,000 prisoners were killed", "un-special-rapporteur-iran", "reported", None)]),
    ("the anonymity formula is part of an unnamed voice's description",
     "A nurse who asked not to be named said the ward held 40 beds.\n",
     [("the ward held 40 beds", None, "reported", "A nurse who asked not to be named")]),
    ("a list of unnamed voices is one unnamed voice",
     "Local doctors and nurses said the clinic had run out of insulin.\n",
     [("the clinic had run out", None, "reported", "Local doctors and nurses")]),
    ("a quotation continued in the next paragraph keeps its speaker",
     "Diana Eltahawy said: “The authorities have lied for decades about the graves.\n\n"
     "“They must now open the archives to the families.”\n",
     [("They must now open the archives", "diana-eltahawy", "quote", None)]),
]


QUOTE_SPAN_CASES = [
    ("curly pair", "He said “we will stay” today.", ["“we will stay”"]),
    ("straight pair", 'He said "we will stay" today.', ['"we will stay"']),
    ("curly opened, straight closed, then straight pair", "“We stay,\" Rehman said, \"and we fight.”",
     ["“We stay,\"", "\"and we fight.”"]),
    ("typewriter doubles", "''We stay,'' he said.", ["''We stay,''"]),
    ("a curly opening mark typed as the closing one", "“We stay here,“ said Clyburn.", ["“We stay here,“"]),
    ("an unclosed quotation runs to the end", "She said: “We will not leave", ["“We will not leave"]),
]


@pytest.mark.parametrize("name,text,expected", QUOTE_SPAN_CASES, ids=[c[0] for c in QUOTE_SPAN_CASES])
def test_quote_spans(name, text, expected):
    assert [text[start:end] for start, end in quote_spans(text)] == expected


def statement_at(passages, snippet):
    for passage in passages:
        index = passage.text.find(snippet)
        if index < 0:
            continue
        holders = [s for s in passage.statements if s.start <= index and index + len(snippet) <= s.end]
        assert holders, f"{snippet!r} spans two statements: {[(passage.text[s.start:s.end], s.speaker_id) for s in passage.statements]}"
        return holders[0]
    raise AssertionError(f"{snippet!r} is in no passage")


@pytest.mark.parametrize("name,text,expected", STATEMENT_CASES, ids=[c[0] for c in STATEMENT_CASES])
def test_statement_cases(registry, name, text, expected):
    passages, _ = attributed(text, registry)
    for snippet, speaker, attribution, role in expected:
        statement = statement_at(passages, snippet)
        assert (statement.speaker_id, statement.attribution, statement.role) == (speaker, attribution, role), snippet


def assert_covered(passage):
    """The coverage invariant: contiguous statements, in order, from 0 to len(text)."""
    statements = passage.statements
    assert statements, passage.text
    assert statements[0].start == 0 and statements[-1].end == len(passage.text)
    for before, after in zip(statements, statements[1:]):
        assert before.end == after.start
    assert all(s.start < s.end for s in statements)
    for statement in statements:
        if statement.attribution is None:  # the outlet's own words carry no voice
            assert statement.speaker_id is None and statement.role is None


def test_every_seed_passage_is_covered_by_its_statements(registry):
    for path in sorted((ROOT / "sources" / "articles").glob("*.txt")):
        passages, _ = attributed(path.read_text(encoding="utf-8"), registry)
        for passage in passages:
            assert_covered(passage)


def test_the_passage_voice_is_one_of_its_statements_voices_where_statements_name_one(registry):
    """A tweet or a quotation paragraph: the passage's speaker speaks in its statements."""
    passages, _ = attributed(
        "“These allegations are baseless,” judiciary spokesman Karim Nourbakhsh told reporters.\n"
        "Nobody knows.\n— Some Account (@someaccount123) May 1, 2021\n",
        registry,
    )
    for passage in passages:
        assert passage.speaker_id in {s.speaker_id for s in passage.statements}


FRAGMENTS = [
    "Amnesty International", "said", "“", "”", "\"", ",", ".", " ", "\n", "\n\n", "the spokesman", "told reporters",
    "according to", "Swedish", "officials", "he added", "Rehman", "that", "5,000", "was declared", "Since May",
    "What's", "Clinton's", "(NCRI):", "— Name (@handle) May 1, 2021", "put the number at", "Mr.", "‘’", "''", ":",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS + ["word", "Word", "The", "she", "and"]), min_size=1, max_size=40))
def test_statements_cover_every_passage_exactly(fragments):
    registry = load_speakers(SPEAKERS)
    text = " ".join(fragments)
    passages = passages_of(text)
    attribute_document(passages, registry)
    for passage in passages:
        assert_covered(passage)


# ---------------------------------------------------------------------------------------------
# Voices are persons, organisations and bodies

@pytest.mark.parametrize("name", ["Swedish", "Iranian", "Since May", "Early June", "May", "Last August", "Which", "Such", "What's", "Republican", "Clinton's", "British",
                                  "Independent", "Emmy Award", "Monday", "Moreover", "R-Ky.", "Having", "I'm",
                                  "Russians", "Republican-", "Reagan. God", "Is Donald Trump", "N.H.", "WASHINGTON",
                                  "thinks the Obama administration", "NGOs", "Fifteen", "Hastily", "Temporarily",
                                  "Oscar-winning", "Texas-based", "Tex"])
def test_words_that_are_no_voice(name):
    assert not plausible_name(name)


@pytest.mark.parametrize("name", ["Alan Garten", "Amnesty International", "Stockholm District Court", "Rehman",
                                  "Human Rights Watch", "IRNA", "Dallas police", "Islamic State", "U.N.", "Zahed",
                                  "Mark Manning", "Iran's foreign ministry", "Kelly", "Skelly", "Daly", "Rose May",
                                  "Yin Myint May"])
def test_names_that_are_voices(name):
    assert plausible_name(name)


def test_fixtures_in_four_house_styles_name_only_persons_and_organisations(registry):
    """Our own short texts (NGO report, wire story, state media, encyclopedia): every new voice is typed."""
    found = {}
    for path in sorted((ROOT / "tests" / "fixtures" / "attribution_styles").glob("*.txt")):
        passages, new = attributed(path.read_text(encoding="utf-8"), registry)
        for speaker in new:
            assert speaker["type"] in ("person", "organisation"), speaker
            assert plausible_name(speaker["name"]), speaker
            found[speaker["id"]] = speaker["name"]
        for passage in passages:
            assert_covered(passage)
    assert {"stockholm-district-court", "kenneth-lewis", "human-rights-watch"} <= set(found)


def test_figures_in_the_fixtures_carry_the_voice_that_gave_them(registry):
    voices = {}
    for path in sorted((ROOT / "tests" / "fixtures" / "attribution_styles").glob("*.txt")):
        passages, _ = attributed(path.read_text(encoding="utf-8"), registry)
        for figure in ("around 5,000", "between 2,800 and 3,800", "17,000", "30,000", "at least 2,800"):
            for passage in passages:
                if figure in passage.text:
                    statement = statement_at([passage], figure)
                    voices[(path.stem, figure)] = (statement.speaker_id, statement.role)
    assert voices[("ngo_report", "around 5,000")] == ("amnesty-international", None)
    assert voices[("encyclopedia", "between 2,800 and 3,800")] == ("hossein-ali-montazeri", None)
    assert voices[("encyclopedia", "at least 2,800")] == ("human-rights-watch", None)
    assert voices[("state_media", "17,000")] == (None, "the ministry")
    assert voices[("state_media", "30,000")] == (None, "The spokesman")
    # the encyclopedia's own range is the outlet's
    assert voices[("encyclopedia", "30,000")] == (None, None)


def test_member_of_is_loaded_and_validated(tmp_path, registry):
    assert registry.organisation_of("agnes-callamard") == "amnesty-international"
    assert {row["id"]: row["member_of"] for row in registry.rows()}["agnes-callamard"] == "amnesty-international"
    path = tmp_path / "speakers.yml"
    path.write_text("a:\n  name: A\n  member_of: nobody\n", encoding="utf-8")
    with pytest.raises(ValueError) as error:
        load_speakers(path, affiliations={})
    assert str(error.value) == f"{path}: entry 'a' field 'member_of': unknown speaker id 'nobody' (not an entry of this file)"


# ---------------------------------------------------------------------------------------------
# Persian «…» quotations (ingest.persian reads the cues)

PERSIAN_GOLD = ROOT / "tests" / "fixtures" / "attribution_persian" / "gold.yml"
PERSIAN_PRECISION_TARGET = 0.95
PERSIAN_RECALL_TARGET = 0.85


def persian_voices(text: str, registry) -> tuple[list[Passage], list[tuple[str, str | None, str | None]]]:
    """(first two words, speaker id, role) of each voiced statement."""
    passages, _ = attributed(text, registry)
    found = []
    for passage in passages:
        for s in passage.statements:
            if s.attribution:
                words = passage.text[s.start:s.end].strip("«»“” ").split()
                found.append((" ".join(words[:2]), s.speaker_id, s.role))
    return passages, found


def persian_scores(gold: dict, registry) -> tuple[int, int, int, int]:
    """(right, predicted with a speaker or role, gold, found) over the gold files."""
    right = predicted = total = found = 0
    for name, expected in gold.items():
        _, got = persian_voices((ROOT / "tests" / "fixtures" / name).read_text(encoding="utf-8"), registry)
        expected = {tuple(e[:1])[0]: (e[1], e[2]) for e in expected}
        got = {g[0]: (g[1], g[2]) for g in got}
        total += len(expected)
        predicted += len(got)
        for key, voice in got.items():
            if expected.get(key) == voice:
                right += 1
                found += 1
    return right, predicted, total, found


def test_persian_quotations_get_their_named_speakers(registry):
    gold = yaml.safe_load(PERSIAN_GOLD.read_text(encoding="utf-8"))
    right, predicted, total, found = persian_scores(gold, registry)
    assert predicted and right / predicted >= PERSIAN_PRECISION_TARGET, (right, predicted)
    assert found / total >= PERSIAN_RECALL_TARGET, (found, total)


def test_persian_scoring_can_fail(registry):
    gold = yaml.safe_load(PERSIAN_GOLD.read_text(encoding="utf-8"))
    wrong = {name: [[e[0], "someone-else", None] for e in expected] for name, expected in gold.items()}
    right, predicted, total, found = persian_scores(wrong, registry)
    assert right == 0 and found == 0


def test_persian_passage_voice_statements_and_new_speakers(registry):
    text = ("سخنگوی قوه قضاییه، علی رضایی، روز دوشنبه گفت: «این پرونده‌ها سال‌ها پیش بسته شده است.»\n\n"
            "وی افزود: «هیچ حکمی بدون رأی دادگاه اجرا نشده است.»\n\n"
            "به گفته رضایی، خانواده‌ها خبر دارند.\n\n"
            "روزنامه از «منافقین» نوشت.\n")
    passages, new = attributed(text, registry)
    for passage in passages:
        assert_covered(passage)
    assert [p.speaker_id for p in passages] == ["علی-رضایی", "علی-رضایی", "علی-رضایی", None]
    assert [p.attribution for p in passages] == ["quote", "quote", "reported", None]
    assert passages[1].kind == "quote"  # all quotation but its cue
    assert passages[0].statements[0].attribution is None  # "سخنگوی … گفت:" is the outlet's frame
    assert [(s["id"], s["type"]) for s in new] == [("علی-رضایی", "person")]


def test_persian_speaker_matches_the_registry_by_normalised_name(tmp_path):
    path = tmp_path / "speakers.yml"
    path.write_text("ali-rezaei:\n  name: Ali Rezaei\n  type: person\n"
                    "  aliases: [\"علي رضايي\"]\n", encoding="utf-8")
    registry = load_speakers(path)
    passages, new = attributed("علی رضایی گفت: «این حکم اجرا خواهد شد.»\n", registry)
    assert passages[0].speaker_id == "ali-rezaei" and new == []


def test_persian_description_is_an_unnamed_voice(registry):
    passages, new = attributed("یک زندانی سابق گفت: «ما را شب‌ها به سالن می‌بردند.»\n", registry)
    voiced = [s for s in passages[0].statements if s.attribution]
    assert [(s.speaker_id, s.role) for s in voiced] == [(None, "یک زندانی سابق")]
    assert passages[0].speaker_id is None and new == []


@pytest.mark.parametrize("line", ["''The voters are furious,'' Mr. Gidley said.",
                                  "علی رضایی گفت: «این حکم اجرا خواهد شد.»",
                                  "آیا این حکم اجرا خواهد شد؟ هنوز نه،"])
def test_a_short_line_ending_in_a_stop_inside_closing_marks_is_no_heading(line):
    assert [p.kind for p in passages_of(line + "\n")] != ["heading"]


@pytest.mark.parametrize("role,expected", [
    ("Mr.", None), ("Ms. ", None),                       # a form of address describes no one
    ("Dr.", "Dr."),                                       # a title does
    ("As the board's chairman", "the board's chairman"),  # a connective is not part of the role
    ("Instead, the deputy", "the deputy"),
    ("Then-Secretary of State", "Then-Secretary of State"),
    ("which the board chairman", None),                   # pieces of the sentence, not descriptions
    ("the chairman said the deputy", None),
    ("pro-", None),
    (None, None),
])
def test_plain_role(role, expected):
    assert plain_role(role) == expected
