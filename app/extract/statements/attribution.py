"""Who said each claim: speakers resolved in text order, with the continuity of news prose.

A pronoun or "the statement" right after a statement goes on with its speaker; an unnamed spokesperson
speaks for the body named in the phrase; "the two sides said" is each of the two countries named last;
a speaker the text only describes becomes an actor of its own (unnamed.py).
"""

from __future__ import annotations

from spacy.tokens import Token

from app.extract.actors.index import ActorIndex
from app.extract.doctext import doc_text
from app.extract.lexicon import lexicon
from app.extract.statements.speaker import counted_sides, resolve_speaker
from app.extract.statements.unnamed import unnamed_speaker
from app.extract.types import ExtractedActor


def assign_speakers(found: list, actors: ActorIndex, sentence_no: dict[int, int],
                    regions: list[tuple[int, int]]) -> dict[int, list[tuple[ExtractedActor | None, str]]]:
    """The speakers of each cue (by id of its claim), in text order, with how each was found.

    Claims are the finder's (`.cue`, `.content`, `.sent`, `.speaker_tok`, `.owner`); a quote sentence
    (one with an owner) takes its owner's speakers. Usually one speaker; "the two sides said" has two.
    """
    said: dict[int, list[tuple[int, int]]] = {}  # what each speaker is quoted as saying, by id of its claim
    for f in found:
        lo, hi = f.content[0].idx, f.content[-1].idx + len(f.content[-1])
        said.setdefault(id(f.owner or f), []).extend([(lo, hi)] + [r for r in regions if r[0] < hi and lo < r[1]])
    out: dict[int, list[tuple[ExtractedActor | None, str]]] = {}
    previous: tuple[int, ExtractedActor] | None = None  # (sentence number, speaker) of the last statement
    for f in found:
        if f.owner is not None:
            continue
        exclude = tuple(said[id(f)])
        tok = _same_line_subject(f.cue, f.speaker_tok)
        sides = counted_sides(tok, actors, exclude)
        if sides:
            out[id(f)] = [(side, "fallback") for side in sides]
            continue
        speaker, how = resolve_speaker(tok, actors, exclude)
        continued = continued_speaker(f.speaker_tok, how, previous, sentence_no[f.sent.start], actors, exclude)
        if continued is not None:
            speaker, how = continued, "fallback" if how == "none" else how
        if speaker is None:
            speaker = unnamed_speaker(tok, actors, lambda t: resolve_speaker(t, actors)[0])
            how = "none" if speaker is None else "described"
        speaker = institution_of_spokesperson(speaker, actors)
        if speaker is not None:
            previous = (sentence_no[f.sent.start], speaker)
        out[id(f)] = [(speaker, how)]
    return out


def institution_of_spokesperson(speaker: ExtractedActor | None, actors: ActorIndex) -> ExtractedActor | None:
    """An unnamed spokesperson ("a ministry spokesperson said") speaks for the institution named in the phrase."""
    if speaker is None or speaker.type != "person" or not (speaker.role or "").lower().startswith("spokes"):
        return speaker
    institution = lexicon().words.statements.institution_words
    if any(w[:1].isupper() for w in speaker.name.split()[1:] if w.lower() not in institution):
        return speaker  # a named spokesperson ("spokeswoman Maria X") is a person in their own right
    for mention in speaker.mentions:
        inside = [a for _, _, a in actors.in_span(mention.start, mention.end) if a.type == "organization"]
        if inside:
            return inside[0]
    return speaker


def _same_line_subject(cue: Token, speaker: Token | None) -> Token | None:
    """When a heading line was glued onto the cue's sentence, the subject is the phrase opening the cue's line."""
    if speaker is None or "\n" not in doc_text(cue.doc)[speaker.idx:cue.idx]:
        return speaker
    line_start = doc_text(cue.doc).rfind("\n", 0, cue.idx) + 1
    stretch = [t for t in cue.sent if line_start <= t.idx < cue.idx and not t.is_space]
    ids = {t.i for t in stretch}
    heads = [t for t in stretch if t.head.i not in ids and t.pos_ in ("NOUN", "PROPN", "PRON")]
    return heads[0] if heads else speaker


def continued_speaker(tok: Token | None, how: str, previous, sentence: int, actors: ActorIndex,
                       exclude) -> ExtractedActor | None:
    """A pronoun speaker right after another statement is, in news prose, that statement's speaker.

    So is "the statement"/"the report" whose issuer the text does not name. Not when another actor the
    pronoun could stand for is named earlier in its own sentence ("X declined to comment on the attack,
    which came after it said ...": "it" is X).
    """
    if tok is None or previous is None or sentence - previous[0] > 2:
        return None
    lex = lexicon().reporting
    if tok.lower_ in lex.speaker_pronouns:
        types = lex.speaker_pronouns[tok.lower_]
    elif tok.lemma_.lower() in lex.document_nouns and how == "none":
        types = ("organization", "country", "person", "group")
    else:
        return None
    if previous[1].type not in types:
        return None
    closer = [a for s, _e, a in actors.in_span(tok.sent.start_char, tok.idx)
              if a.type in types and a.key != previous[1].key and not any(x <= s < y for x, y in exclude)]
    return None if closer else previous[1]
