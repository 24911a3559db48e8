"""The pipeline around the model: what build_nlp adds to the model's tokenizer."""

from __future__ import annotations

import pytest

from app.extract.pipeline import extract


@pytest.mark.parametrize(("text", "tokens"), [
    ("The mayor stated,\u201cThe bridge stays shut.\u201d", ["stated", ",", "\u201c", "The"]),
    ('The coach said:"We lost."', ["said", ":", '"', "We"]),
    ("She wrote;\u2018Enough.\u2019", ["wrote", ";", "\u2018", "Enough"]),
])
def test_a_quote_glued_to_punctuation_is_split_off(nlp, text, tokens):
    words = [t.text for t in nlp(text)]
    start = words.index(tokens[0])
    assert words[start:start + len(tokens)] == tokens


@pytest.mark.parametrize("text", ["U.S. officials met on Monday.", "He said e.g. the plan works.",
                                  "It rose 3.5 percent."])
def test_abbreviations_and_numbers_keep_their_tokens(nlp, text):
    assert [t.text for t in nlp(text)] == [t.text for t in nlp.tokenizer.inner(text)]


def test_a_glued_quote_becomes_a_statement(nlp):
    text = 'The harbour master of Bergen, Ola Berg, said,"The port will reopen on Friday."'
    [statement] = extract(text, nlp=nlp).statements
    assert "port will reopen" in statement.text


def test_a_sentence_never_ends_on_a_bare_word_mid_line(nlp):
    doc = nlp("Kenya, Uganda to reopen embassies\n\nKenya and Uganda agreed on Thursday to restore diplomatic "
              "relations after years of tension, officials said. Talks follow")
    sents = [s.text.strip() for s in doc.sents]
    assert sents == ["Kenya, Uganda to reopen embassies",
                     "Kenya and Uganda agreed on Thursday to restore diplomatic relations after years of tension, "
                     "officials said.", "Talks follow"]
