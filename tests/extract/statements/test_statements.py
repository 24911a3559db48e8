"""Statements: reporting cues, content clauses and speakers, on hand-built sentences and on the seeds."""

from __future__ import annotations

import re
from datetime import date

import pytest

from app.extract.actors.index import ActorIndex
from app.extract.statements import find_statements
from app.extract.types import (
    ExtractedActor,
    ExtractedEvent,
    Participant,
    Span,
    TimeExpression,
)
from app.text import normalize

# Invented sentences: the cues are the point, not who speaks.
SENTENCES = {
    "that": "The Foreign Ministry of Norway stated that the talks had been productive.",
    "urge": "Finland urged Estonia to reopen the border crossings without delay.",
    "concern": "The European Union expressed serious concern about the detention of journalists.",
    "according": "According to the Ministry of Health, 40 people were injured in the blast.",
    "quoted": "Maria Santos was quoted as stressing that cooperation must continue.",
    "pronoun": "Maria Santos arrived in Lisbon on Monday. She said the visit had been useful.",
    "split": "Peter Novak stressed that the checks are temporary, and that trade will resume soon.",
    "but": "\u201cThere was no rain, but the river rose overnight,\u201d Peter Novak said.",
    "quote": "\u201cWe will not accept these conditions,\u201d Peter Novak said.",
    "negated": "Peter Novak did not say that the checks are temporary.",
    "question": "Did Peter Novak say that the checks are temporary?",
    "participle": "Reported comments from Finland also referenced the decision.",
    "describe": "The Foreign Ministry of Norway described the meeting as frank and constructive.",
    "dated": "On April 28, the Foreign Ministry of Norway reported that 300 travellers were stranded.",
    "ministry": "The Foreign Ministry of Norway met Finland. The ministry warned that delays would grow.",
    "officials": "Finland closed two crossings. Finnish officials noted that the queues had shortened.",
    "relcl": "The European Union, which said the convoy was attacked, called for an investigation.",
    "cited": "Peter Novak said on Monday that the alliance would hold, according to Reuters.",
    "nested": "Finland said Estonia had agreed to talks, while Peter Novak stressed the need for dialogue.",
    "relayed": "Finland reiterated that Peter Novak had suggested the checks should end soon.",
    "runon": "\u201cWe are ready,\u201d Peter Novak said. \u201cBut Estonia must move first.\u201d",
    "dateline": "LISBON, May 7: Peter Novak said on Sunday that the bridge would reopen.",
    "dash_dateline": ("Lisbon \u2014 Peter Novak, the head of the rescue team who had arrived on Sunday, said that "
                      "the team would stay."),
    "dateline_content": ("LISBON, May 7 (Reuters) - At least four people were hurt when the bridge collapsed, "
                         "Peter Novak told reporters."),
    "heading": "Peter Novak says bridge will reopen\n\nThe bridge was closed in March.",
    "place": "A Lisbon-based analyst said the bridge would reopen.",
    "accuse": "Peter Novak accused Estonia of stalling the talks.",
    "blame": "Finland blamed Estonia for the delays at the crossing.",
    "praise": "Maria Santos praised the firefighters for their courage.",
    "vow": "Peter Novak vowed to rebuild the harbour within a year.",
    "claim_to": "Finland claims to be neutral in the dispute.",
    "call_it": "Maria Santos called the ruling a victory for common sense.",
    "named_thing": "Maria Santos criticised what she called a reckless plan.",
    "plead": "Peter Novak pleaded not guilty to all the charges.",
    "announce": "Finland announced new checks on freight trains.",
    "cited_as": "The Foreign Ministry of Norway cited Peter Novak as saying the harbour would reopen.",
    "describe_having": "Finland and Estonia described having a \u201cclose friendship\u201d.",
    "planned": "Finland decided to urge Estonia to reopen the crossing.",
    "spliced": ("Finland has suspended the talks with the rebel group, its foreign ministry said on Monday, "
                "after an attack on a border post."),
    "told_agency": "\u201cThe dam is safe,\u201d Peter Novak told Reuters on Monday.",
    "posted": "Peter Novak wrote on X that the dam was safe. \u201cNobody needs to leave,\u201d he posted later.",
    "scare_quotes": "Peter Novak declared a \u201cday of national unity\u201d on Friday.",
    "open_paragraph": ('"The dam held overnight. The water is falling.\n'
                       '"The town is safe now," Peter Novak said.'),
    "quote_before": "\u201cThe dam held overnight. The town is safe now,\u201d Peter Novak said.",
    "quote_after": ("Peter Novak spoke late. \u201cWe are ready,\u201d he said. \u201cEstonia must move first. "
                    "Our patience has limits.\u201d"),
    "trailing": "Talks will resume in May, the Foreign Ministry of Norway said, without giving details.",
    "they": "Finland shut a crossing. Finnish officials urged Estonia to act. They argued that the delays were costly.",
}
# (surface form, canonical name, type): mentions are found by plain string search in each sentence.
ACTORS = [
    ("The Foreign Ministry of Norway", "Ministry of Foreign Affairs of Norway", "organization"),
    ("the Ministry of Health", "Ministry of Health", "organization"),
    ("The European Union", "European Union", "organization"),
    ("Maria Santos", "Maria Santos", "person"),
    ("Peter Novak", "Peter Novak", "person"),
    ("Finland", "Finland", "country"),
    ("Estonia", "Estonia", "country"),
    ("Lisbon", "Lisbon", "location"),
    ("Reuters", "Reuters", "organization"),
]


def fake_index(text: str) -> ActorIndex:
    """An ActorIndex from string matches only, so these tests do not depend on the actors stage."""
    actors = []
    for k, (surface, name, type_) in enumerate(ACTORS):
        spans = [Span(m.start(), m.end(), surface) for m in re.finditer(re.escape(surface), text, re.IGNORECASE)]
        if spans:
            actors.append(ExtractedActor(key=f"actor:{k}", name=name, type=type_, aliases=[surface], mentions=spans))
    return ActorIndex(actors)


@pytest.fixture(scope="module")
def parsed(nlp):
    """Each invented sentence parsed once: name -> (doc, index)."""
    docs = nlp.pipe(SENTENCES.values())
    return {name: (doc, fake_index(doc.text)) for name, doc in zip(SENTENCES, docs, strict=True)}


def run(parsed, name, times=(), events=()):
    doc, index = parsed[name]
    return doc, index, find_statements(doc, index, list(times), list(events), date(2024, 5, 1))


def speaker_name(index, statement):
    actor = index.get(statement.speaker_key)
    return actor.name if actor else None


def test_that_clause(parsed):
    doc, index, out = run(parsed, "that")
    assert len(out) == 1
    s = out[0]
    assert s.cue == "state" and s.text == "the talks had been productive"
    assert speaker_name(index, s) == "Ministry of Foreign Affairs of Norway"
    assert not s.direct_quote
    assert doc.text[s.quote.start:s.quote.end] == s.text
    assert s.evidence.start == 0 and s.evidence.text == doc.text
    assert s.key == "statement:1" and 0 <= s.confidence <= 1


def test_urge_becomes_should(parsed):
    _, index, out = run(parsed, "urge")
    assert [(s.cue, s.text) for s in out] == [("urge", "Estonia should reopen the border crossings without delay")]
    assert speaker_name(index, out[0]) == "Finland"


def test_expressed_concern(parsed):
    _, index, out = run(parsed, "concern")
    assert [(s.cue, s.text) for s in out] == [("express concern", "serious concern about the detention of journalists")]
    assert speaker_name(index, out[0]) == "European Union"


def test_according_to(parsed):
    _, index, out = run(parsed, "according")
    assert len(out) == 1
    assert out[0].cue == "according to"
    assert out[0].text == "40 people were injured in the blast"
    assert speaker_name(index, out[0]) == "Ministry of Health"


def test_quoted_as_stressing(parsed):
    _, index, out = run(parsed, "quoted")
    assert [(s.cue, s.text) for s in out] == [("stress", "cooperation must continue")]
    assert speaker_name(index, out[0]) == "Maria Santos"


def test_pronoun_speaker_falls_back_to_previous_person(parsed):
    _, index, out = run(parsed, "pronoun")
    assert [s.text for s in out] == ["the visit had been useful"]
    assert speaker_name(index, out[0]) == "Maria Santos"


def test_coordinated_claims_in_one_sentence_stay_one_statement(parsed):
    """ "X said A and B" is one statement (the gold's rule): only a sentence boundary separates claims."""
    _, index, out = run(parsed, "split")
    assert [s.text for s in out] == ["the checks are temporary, and that trade will resume soon"]
    assert speaker_name(index, out[0]) == "Peter Novak"
    _, index, out = run(parsed, "but")
    assert [s.text for s in out] == ["There was no rain, but the river rose overnight"]


def test_direct_quote(parsed):
    doc, index, out = run(parsed, "quote")
    assert len(out) == 1
    s = out[0]
    assert s.direct_quote and s.text == "We will not accept these conditions"
    assert speaker_name(index, s) == "Peter Novak"
    assert doc.text[s.quote.start:s.quote.end].startswith("We will not accept")


@pytest.mark.parametrize("name", ["negated", "question", "participle"])
def test_skipped_cues(parsed, name):
    assert run(parsed, name)[2] == []


def test_describe_as(parsed):
    _, _index, out = run(parsed, "describe")
    assert [(s.cue, s.text) for s in out] == [("describe", "the meeting as frank and constructive")]


def test_date_from_cue_clause_not_content(parsed):
    doc = parsed["dated"][0]
    at = doc.text.index("April 28")
    t = TimeExpression(Span(at, at + 8, "April 28"), date(2024, 4, 28), date(2024, 4, 28), "day", "publication")
    _, _, out = run(parsed, "dated", times=[t])
    assert out[0].date_start == date(2024, 4, 28) and out[0].date_precision == "day"
    assert out[0].text == "300 travellers were stranded"


def test_definite_description_and_group_fall_back(parsed):
    _, index, out = run(parsed, "ministry")
    assert speaker_name(index, out[0]) == "Ministry of Foreign Affairs of Norway"
    _, index, out = run(parsed, "officials")
    assert speaker_name(index, out[0]) == "Finland"


def test_relative_clause_cue_and_coordinated_call_for(parsed):
    _, index, out = run(parsed, "relcl")
    assert [(s.cue, s.text) for s in out] == [("say", "the convoy was attacked"), ("call for", "an investigation")]
    assert {speaker_name(index, s) for s in out} == {"European Union"}


def test_according_to_an_outlet_keeps_the_named_speaker(parsed):
    _, index, out = run(parsed, "cited")
    assert [(s.cue, speaker_name(index, s), s.text) for s in out] == [
        ("say", "Peter Novak", "the alliance would hold")]


def test_side_report_is_cut_from_content_and_kept_apart(parsed):
    _, index, out = run(parsed, "nested")
    assert [(speaker_name(index, s), s.text) for s in out] == [
        ("Finland", "Estonia had agreed to talks"), ("Peter Novak", "the need for dialogue")]


def test_relayed_report_is_stored_once_with_the_original_speaker(parsed):
    _, index, out = run(parsed, "relayed")
    assert [(speaker_name(index, s), s.cue, s.text) for s in out] == [
        ("Peter Novak", "suggest", "the checks should end soon")]


def test_pronoun_continues_previous_speaker(parsed):
    _, index, out = run(parsed, "they")
    assert [speaker_name(index, s) for s in out] == ["Finland", "Finland"]
    assert out[1].text == "the delays were costly"


def test_quote_running_on_into_next_sentence_keeps_speaker(parsed):
    _doc, index, out = run(parsed, "runon")
    assert [(s.text, s.direct_quote, speaker_name(index, s)) for s in out] == [
        ("We are ready", True, "Peter Novak"), ("Estonia must move first", True, "Peter Novak")]
    assert out[1].evidence.text == "\u201cBut Estonia must move first.\u201d"


def test_every_sentence_of_a_quotation_belongs_to_its_speaker(parsed):
    _doc, index, out = run(parsed, "quote_before")
    assert [(s.text, s.direct_quote, speaker_name(index, s)) for s in out] == [
        ("The dam held overnight", True, "Peter Novak"), ("The town is safe now", True, "Peter Novak")]
    _doc, index, out = run(parsed, "quote_after")
    assert [(s.text, speaker_name(index, s)) for s in out] == [
        ("We are ready", "Peter Novak"), ("Estonia must move first", "Peter Novak"),
        ("Our patience has limits", "Peter Novak")]


def test_dateline_is_not_the_subject(parsed):
    _doc, index, out = run(parsed, "dateline")
    assert [(s.text, speaker_name(index, s)) for s in out] == [("the bridge would reopen", "Peter Novak")]
    _doc, index, out = run(parsed, "dash_dateline")
    assert [(s.text, speaker_name(index, s)) for s in out] == [("the team would stay", "Peter Novak")]


def test_a_dateline_is_not_content(parsed):
    _doc, index, out = run(parsed, "dateline_content")
    assert [(s.text, speaker_name(index, s)) for s in out] == [
        ("At least four people were hurt when the bridge collapsed", "Peter Novak")]


def test_headline_is_no_statement(parsed):
    assert run(parsed, "heading")[2] == []


def test_a_place_never_speaks(parsed):
    _doc, index, out = run(parsed, "place")
    assert [s.text for s in out] == ["the bridge would reopen"]
    speaker = index.get(out[0].speaker_key)
    assert (speaker.name, speaker.type) == ("Lisbon-based analyst", "person")


@pytest.mark.parametrize("name, cue, text, speaker", [
    ("accuse", "accuse", "Estonia of stalling the talks", "Peter Novak"),
    ("blame", "blame", "Estonia for the delays at the crossing", "Finland"),
    ("praise", "praise", "the firefighters for their courage", "Maria Santos"),
    ("vow", "vow", "to rebuild the harbour within a year", "Peter Novak"),
    ("claim_to", "claim", "to be neutral in the dispute", "Finland"),
    ("call_it", "call", "the ruling a victory for common sense", "Maria Santos"),
    ("plead", "plead", "not guilty to all the charges", "Peter Novak"),
    ("announce", "announce", "new checks on freight trains", "Finland"),
])
def test_speech_act_cues_take_their_object_and_complements(parsed, name, cue, text, speaker):
    _doc, index, out = run(parsed, name)
    assert [(s.cue, s.text, speaker_name(index, s)) for s in out] == [(cue, text, speaker)]


def test_what_someone_called_a_thing_is_no_claim(parsed):
    _doc, _index, out = run(parsed, "named_thing")
    assert [(s.cue, s.text) for s in out] == [("criticise", "what she called a reckless plan")]


def test_cited_as_saying_names_the_speaker_not_the_relay(parsed):
    _doc, index, out = run(parsed, "cited_as")
    assert [(s.text, speaker_name(index, s)) for s in out] == [("the harbour would reopen", "Peter Novak")]


def test_described_having_is_a_claim(parsed):
    _doc, index, out = run(parsed, "describe_having")
    assert [(s.cue, s.text, speaker_name(index, s)) for s in out] == [
        ("describe", "having a close friendship", "Finland"), ("describe", "having a close friendship", "Estonia")]


def test_adding_belongs_to_the_one_who_stated(nlp):
    """ "X stated that A, adding that B" parsed with "adding" under A's verb: X adds, not A's subject."""
    from spacy.tokens import Doc

    words = ["Peter", "Novak", "stated", "that", "the", "troops", "will", "stay", ",", "adding", "that", "talks",
             "would", "resume", "."]
    heads = [1, 2, 2, 7, 5, 7, 7, 2, 7, 7, 13, 13, 13, 9, 2]  # "adding" hangs on "stay", inside the content
    deps = ["compound", "nsubj", "ROOT", "mark", "det", "nsubj", "aux", "ccomp", "punct", "advcl", "mark", "nsubj",
            "aux", "ccomp", "punct"]
    pos = ["PROPN", "PROPN", "VERB", "SCONJ", "DET", "NOUN", "AUX", "VERB", "PUNCT", "VERB", "SCONJ", "NOUN", "AUX",
           "VERB", "PUNCT"]
    tags = ["NNP", "NNP", "VBD", "IN", "DT", "NNS", "MD", "VB", ",", "VBG", "IN", "NNS", "MD", "VB", "."]
    lemmas = ["Peter", "Novak", "state", "that", "the", "troop", "will", "stay", ",", "add", "that", "talk", "would",
              "resume", "."]
    spaces = [True] * 7 + [False] + [True] * 5 + [False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
    index = fake_index(doc.text)
    out = find_statements(doc, index, [], [], date(2024, 5, 1))
    assert [(s.cue, speaker_name(index, s)) for s in out] == [("state", "Peter Novak"), ("add", "Peter Novak")]


def test_a_planned_speech_act_is_not_made(parsed):
    assert run(parsed, "planned")[2] == []


def test_attribution_after_a_bare_comma(parsed, nlp):
    """ "A, its ministry said": the cue is A's attribution, whether parsed as a complement or as a conjunct of A."""
    from spacy.tokens import Doc

    _doc, index, out = run(parsed, "spliced")
    assert [(s.text, speaker_name(index, s)) for s in out] == [
        ("Finland has suspended the talks with the rebel group", "Ministry of Foreign Affairs of Finland")]
    words = ["Finland", "suspended", "the", "talks", ",", "its", "ministry", "said", "on", "Monday", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True, True, True, False, True, True, True, True, True, False, False],
              heads=[1, 1, 3, 1, 7, 6, 7, 1, 7, 8, 1],
              deps=["nsubj", "ROOT", "det", "dobj", "punct", "poss", "nsubj", "conj", "prep", "pobj", "punct"],
              pos=["PROPN", "VERB", "DET", "NOUN", "PUNCT", "PRON", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"],
              tags=["NNP", "VBD", "DT", "NNS", ",", "PRP$", "NN", "VBD", "IN", "NNP", "."],
              lemmas=["Finland", "suspend", "the", "talk", ",", "its", "ministry", "say", "on", "Monday", "."])
    index = fake_index(doc.text)
    out = find_statements(doc, index, [], [], date(2024, 5, 1))
    assert [s.text for s in out] == ["Finland suspended the talks"]


def test_noun_cue_keeps_what_it_is_about(nlp):
    """ "expressed her support for the loan" with "for" hung on the verb: the support is still for the loan."""
    from spacy.tokens import Doc

    words = ["Maria", "Santos", "expressed", "her", "support", "for", "the", "loan", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True] * 7 + [False, False], heads=[1, 2, 2, 4, 2, 2, 7, 5, 2],
              deps=["compound", "nsubj", "ROOT", "poss", "dobj", "prep", "det", "pobj", "punct"],
              pos=["PROPN", "PROPN", "VERB", "PRON", "NOUN", "ADP", "DET", "NOUN", "PUNCT"],
              tags=["NNP", "NNP", "VBD", "PRP$", "NN", "IN", "DT", "NN", "."],
              lemmas=["Maria", "Santos", "express", "her", "support", "for", "the", "loan", "."])
    out = find_statements(doc, fake_index(doc.text), [], [], date(2024, 5, 1))
    assert [(s.cue, s.text) for s in out] == [("express support", "her support for the loan")]


def test_the_outlet_told_is_not_the_speaker_and_platform_posts_are_statements(parsed):
    _doc, index, out = run(parsed, "told_agency")
    assert [(s.cue, s.text, speaker_name(index, s)) for s in out] == [("tell", "The dam is safe", "Peter Novak")]
    _doc, index, out = run(parsed, "posted")
    assert [(s.cue, s.text, speaker_name(index, s)) for s in out] == [
        ("write", "the dam was safe", "Peter Novak"), ("post", "Nobody needs to leave", "Peter Novak")]


def test_scare_quotes_say_nothing(parsed):
    assert run(parsed, "scare_quotes")[2] == []


def test_a_quotation_left_open_goes_on_in_the_next_paragraph(parsed):
    _doc, index, out = run(parsed, "open_paragraph")
    assert [(s.text, speaker_name(index, s)) for s in out] == [
        ("The dam held overnight", "Peter Novak"), ("The water is falling", "Peter Novak"),
        ("The town is safe now", "Peter Novak")]


def test_trailing_cue_takes_the_clause_before_it(parsed):
    _, index, out = run(parsed, "trailing")
    assert [(s.text, speaker_name(index, s)) for s in out] == [
        ("Talks will resume in May", "Ministry of Foreign Affairs of Norway")]


def test_event_link_prefers_same_paragraph_consult(nlp):
    text = ("Finland and Estonia held a phone call on Monday.\nThe weather was cold.\n"
            "Peter Novak stressed that trade will resume.")
    doc = nlp(text)
    call = ExtractedEvent(key="event:1", type="CONSULT", mode="telephone", summary="call", trigger="call",
                          date_start=date(2024, 4, 29), date_end=date(2024, 4, 29), date_precision="day",
                          date_text="Monday", evidence=[Span(0, 48, text[:48])])
    out = find_statements(doc, fake_index(text), [], [call], date(2024, 5, 1))
    assert out[0].event_key is None  # the call is two paragraphs back
    # a consultation nearby is no occasion for a speaker on neither side of it
    doc3 = nlp("Finland and Estonia held a phone call on Monday. Peter Novak stressed that trade will resume.")
    index3 = fake_index(doc3.text)
    sides = [Participant(a.key, "participant") for a in index3.actors if a.type == "country"]
    call3 = ExtractedEvent(key="event:1", type="CONSULT", mode=None, summary="call", trigger="hold",
                           date_start=None, date_end=None, date_precision="unknown", date_text=None,
                           participants=sides, evidence=[Span(0, 48, doc3.text[:48])])
    # same sentence? no: the call is in the sentence before, so only the participant rule decides
    assert find_statements(doc3, index3, [], [call3], date(2024, 5, 1))[0].event_key is None
    doc2 = nlp(text.replace("\n", " "))
    out = find_statements(doc2, fake_index(doc2.text), [], [call], date(2024, 5, 1))
    assert out[0].event_key == "event:1" and out[0].date_start == date(2024, 4, 29)


# ---- seed evaluation against the gold spec ---------------------------------------------------------

STOP = {"a", "an", "the", "of", "to", "in", "on", "at", "and", "or", "but", "that", "this", "these", "those", "is",
        "are", "was", "were", "be", "been", "by", "for", "with", "as", "its", "their", "it", "they", "his", "her",
        "from", "which", "who", "not"}


def words(text: str) -> set[str]:
    return {w for w in normalize(text).split() if w not in STOP}


def overlap(a: str, b: str) -> float:
    wa, wb = words(a), words(b)
    return len(wa & wb) / min(len(wa), len(wb)) if wa and wb else 0.0


def gold_names(gold: dict, speaker: str) -> set[str]:
    """Normalised names a gold speaker answers to: its aliases, plus its country's / its ministries'."""
    by_name = {a["name"]: a for a in gold["actors"]}
    actor = by_name.get(speaker, {"name": speaker, "aliases": []})
    names = {actor["name"], *actor.get("aliases", [])}
    if actor.get("country") and actor.get("type") == "organization":
        country = by_name.get(actor["country"], {"name": actor["country"], "aliases": []})
        names |= {country["name"], *country.get("aliases", [])}
    if actor.get("type") == "country":
        for other in gold["actors"]:
            if other.get("type") == "organization" and other.get("country") == actor["name"]:
                names |= {other["name"], *other.get("aliases", [])}
    return {normalize(n) for n in names}


def extracted_names(actor) -> set[str]:
    if actor is None:
        return set()
    return {normalize(n) for n in [actor.name, *actor.aliases, actor.country or ""] if n}


def test_seed_statements_against_gold(nlp, gold, seed_texts):
    from app.extract.pipeline import extract

    docs = {key: extract(text, published=published, nlp=nlp) for key, (text, published) in seed_texts.items()}
    required = [g for g in gold["statements"] if g["required"]]
    text_hits = speaker_hits = event_hits = 0
    consult_ids = {e["id"] for e in gold["events"] if e["types"][0] == "CONSULT"}
    for g in required:
        candidates = [(overlap(s.text, g["text"]), s, docs[key]) for key in g["docs"] for s in docs[key].statements]
        candidates = sorted((c for c in candidates if c[0] >= 0.4), key=lambda c: -c[0])
        if not candidates:
            print(f"MISS text    {g['id']}: {g['speaker']} {g['cue']} | {g['text'][:70]}")
            continue
        text_hits += 1
        _, top, top_doc = candidates[0]
        event = next((e for e in top_doc.events if e.key == top.event_key), None)
        want_consult = g.get("event") in consult_ids
        if (event is not None and event.type == "CONSULT") == want_consult:
            event_hits += 1
        else:
            print(f"EVENT {g['id']}: gold {g.get('event')}, got {event.type if event else None}")
        if any(extracted_names(d.actor(s.speaker_key)) & gold_names(gold, g["speaker"]) for _, s, d in candidates):
            speaker_hits += 1
        else:
            _, s, d = candidates[0]
            actor = d.actor(s.speaker_key)
            print(f"MISS speaker {g['id']}: want {g['speaker']!r}, got {actor.name if actor else None!r} "
                  f"(cue {s.cue}) | {s.evidence.text[:60]}")
    extracted = [(k, s) for k, d in docs.items() for s in d.statements]
    matched = 0
    for key, s in extracted:
        if any(key in g["docs"] and overlap(s.text, g["text"]) >= 0.4 for g in gold["statements"]):
            matched += 1
        else:
            print(f"EXTRA {key} {s.cue}: {s.text[:80]}")
    recall_text = text_hits / len(required)
    recall_speaker = speaker_hits / len(required)
    precision = matched / len(extracted) if extracted else 0.0
    print(f"\nstatements: recall(text) {recall_text:.2f}  recall(text+speaker) {recall_speaker:.2f}  "
          f"precision {precision:.2f}  ({len(extracted)} extracted, {len(required)} required gold); "
          f"consultation link agrees on {event_hits}/{text_hits}")
    assert recall_text >= 0.8
    assert recall_speaker >= 0.8  # depends on the actors stage's coreference too: see the MISS lines when it drops
    assert precision >= 0.7


def test_unnamed_spokesperson_speaks_for_the_institution(nlp):
    from app.extract import extract

    text = ("Germany recalled its envoy on Monday. A German foreign ministry spokesperson stated that the talks "
            "would resume next month. Foreign Ministry spokeswoman Petra Vogel said that the envoy would return.")
    result = extract(text, published=date(2024, 5, 1), nlp=nlp)
    speakers = {s.text.split()[1]: result.actor(s.speaker_key) for s in result.statements}
    assert speakers["talks"].name == "Ministry of Foreign Affairs of Germany"
    assert speakers["envoy"].type == "person" and "Vogel" in speakers["envoy"].name


# ---- speakers ---------------------------------------------------------------------------------------

PEOPLE = [
    ("Peter Novak", "Peter Novak", "person", None),
    ("President Ana Ruiz", "Ana Ruiz", "person", "President of Norway"),
    ("President Tomas Berg", "Tomas Berg", "person", "President of Estonia"),
    ("Tomas Berg", "Tomas Berg", "person", "President of Estonia"),
    ("Ana Ruiz", "Ana Ruiz", "person", None),
    ("the European Union", "European Union", "organization", None),
    ("The European Union", "European Union", "organization", None),
    ("Finland", "Finland", "country", None),
    ("Estonia", "Estonia", "country", None),
    ("Norway", "Norway", "country", None),
]


def index_of(text: str) -> ActorIndex:
    """Mentions by plain string search; one actor per canonical name (its surface forms are its aliases)."""
    by_name: dict[str, ExtractedActor] = {}
    for surface, name, type_, role in PEOPLE:
        spans = [Span(m.start(), m.end(), surface) for m in re.finditer(re.escape(surface), text)]
        if not spans:
            continue
        actor = by_name.setdefault(name, ExtractedActor(key=f"actor:{len(by_name)}", name=name, type=type_))
        actor.role = actor.role or role
        actor.aliases.append(surface)
        actor.mentions = sorted(actor.mentions + spans, key=lambda m: m.start)
    return ActorIndex(list(by_name.values()))


SPEAKER_CASES = {
    # a surname the actor finder missed is the person so named
    "surname": ("Peter Novak visited the port. \u201cThe harbour is ready,\u201d Novak said.",
                [("The harbour is ready", "Peter Novak")]),
    # a person named only inside the quote is spoken about: "the president" is the one named before
    "quoted_person": (("President Ana Ruiz spoke on Monday. \u201cPresident Tomas Berg has broken his word,\u201d "
                      "the president said."), [("President Tomas Berg has broken his word", "Ana Ruiz")]),
    # "it" after a statement is its speaker, unless another actor is named earlier in its own sentence
    "closer": (("Finland said the port would reopen. The European Union did not comment on the report, which "
               "came after it said the port was closed."),
               [("the port would reopen", "Finland"), ("the port was closed", "European Union")]),
    # "A and B said X": each of them said it
    "both": ("Finland and Estonia said the talks were useful.",
             [("the talks were useful", "Finland"), ("the talks were useful", "Estonia")]),
    # the writer addressing the reader is no speaker; the report inside is still one
    "imperative": ("Recall that Finland said the talks were useful.", [("the talks were useful", "Finland")]),
    # the holder of a role named through a body, not the body
    "role": ("Tomas Berg arrived in Oslo. The President of Estonia said the budget was agreed.",
             [("the budget was agreed", "Tomas Berg")]),
    # the role holder as an apposition says it
    "apposition": (("Ana Ruiz, the President of the European Union, arrived. The President of the European Union "
                   "said the budget was agreed."), [("the budget was agreed", "Ana Ruiz")]),
    # a name the tagger took for a common noun
    "noun_name": ("Peter Novak spoke first. Novak confirmed he would stay.", [("he would stay", "Peter Novak")]),
    # bare "authorities" are a country's, never the body last named
    "authorities": (("The European Union hosted the talks. According to authorities, forty people were hurt in "
                    "the riots that followed in Estonia."),
                    [("forty people were hurt in the riots that followed in Estonia", "Estonia")]),
    # "the two sides said": each of the two countries named last
    "two_sides": ("Norway hosted the meeting. Finland and Estonia met in Oslo. "
                  "The two sides said the talks were useful.",
                  [("the talks were useful", "Estonia"), ("the talks were useful", "Finland")]),
    # a relative of a person is not that person: a person of her own, as the text describes her
    "relative": ("The sister of Peter Novak said the house was sold.",
                 [("the house was sold", "sister of Peter Novak")]),
    # "the statement said" with no issuer named: whoever spoke just before
    "document": ("Finland said the port would reopen. \u201cTrade will resume soon,\u201d the statement said.",
                 [("the port would reopen", "Finland"), ("Trade will resume soon", "Finland")]),
}


@pytest.mark.parametrize("name", SPEAKER_CASES)
def test_speaker_resolution(nlp, name):
    text, want = SPEAKER_CASES[name]
    doc = nlp(text)
    index = index_of(text)
    out = find_statements(doc, index, [], [], date(2024, 5, 1))
    assert [(s.text, speaker_name(index, s)) for s in out] == want


UNNAMED_CASES = {
    "spokesperson": ("\u201cThe fire is out,\u201d a regional fire service spokesperson said. "
                     "\u201cNobody was hurt.\u201d",
                     "regional fire service spokesperson", "person", "Spokesperson", 2),
    "group": ("Some economists said the rate cut came too late.", "Some economists", "group", None, 1),
    "collective": ("A large crowd shouted that the mayor must resign.", "large crowd", "group", None, 1),
    "resident": ("A resident of the valley said the water rose overnight.", "resident of the valley", "person",
                 None, 1),
    # a described body is not the body named just before
    "described": ("Estonia met Finland. The border trade delegation said the queues had shortened.",
                  "border trade delegation", "group", None, 1),
    "owned": ("Finland closed the port, its harbour authority said.", "Harbour authority of Finland",
              "organization", None, 1),
}


@pytest.mark.parametrize("name", UNNAMED_CASES)
def test_a_described_speaker_becomes_an_actor(nlp, name):
    """A speaker the text describes but never names is an actor of its own, with the surface form as alias."""
    text, actor_name, type_, role, statements = UNNAMED_CASES[name]
    doc = nlp(text)
    index = index_of(text)
    out = find_statements(doc, index, [], [], date(2024, 5, 1))
    assert len(out) == statements
    speakers = {index.get(s.speaker_key).key for s in out}
    assert len(speakers) == 1  # "Nobody was hurt." continues the same spokesperson's quote
    actor = index.get(out[0].speaker_key)
    assert (actor.name, actor.type, actor.role) == (actor_name, type_, role)
    assert actor in index.actors and actor.mentions and text[actor.mentions[0].start:actor.mentions[0].end]


def test_the_office_of_a_named_person_speaks_for_its_holder(nlp):
    text = "President Ana Ruiz spoke on Monday. Later, her office said the visit was postponed."
    doc = nlp(text)
    index = index_of(text)
    out = find_statements(doc, index, [], [], date(2024, 5, 1))
    actor = index.get(out[-1].speaker_key)
    assert (actor.name, actor.type) == ("Office of the President of Norway", "organization")
    assert "her office" in actor.aliases


def test_a_thing_never_speaks(nlp):
    """ "The principle asserts ...", "an act of defiance by X that confirms ...": no speaker, and no actor."""
    text = "Finland has a rule. The principle asserts that each member votes once."
    doc = nlp(text)
    index = index_of(text)
    out = find_statements(doc, index, [], [], date(2024, 5, 1))
    assert out == []  # a claim attributed to no one is not a statement
    assert [a.name for a in index.actors] == ["Finland"]


def test_a_statement_that_reports_an_event_links_to_it(nlp):
    """With no occasion, the event the content reports is the statement's event; its date is not the statement's."""
    text = "Finland said a storm destroyed the harbour on Monday."
    doc = nlp(text)
    at = text.index("destroyed")
    storm = ExtractedEvent(key="event:1", type="ASSAULT", mode=None, summary="storm", trigger="destroy",
                           date_start=date(2024, 4, 29), date_end=date(2024, 4, 29), date_precision="day",
                           date_text="Monday", evidence=[Span(at, at + 9, "destroyed")])
    out = find_statements(doc, fake_index(text), [], [storm], date(2024, 5, 1))
    assert [(s.text, s.event_key) for s in out] == [("a storm destroyed the harbour on Monday", "event:1")]
    assert out[0].date_start is None and out[0].date_precision == "unknown"
