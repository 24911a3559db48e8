"""Reporting cues, speakers and content clauses: who said what, when, about which event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from app.extract.actors.index import ActorIndex
from app.extract.doctext import doc_text
from app.extract.lexicon import lexicon
from app.extract.statements.attribution import assign_speakers
from app.extract.statements.cues import (
    QUOTE_CHARS,
    according_to,
    attributed_to,
    content_clauses,
    cue_lemma_of,
    inside,
    is_negated,
    quote_regions,
    render,
    speaker_token,
    tidy,
    without_dateline,
)
from app.extract.statements.link import (
    link_event,
    paragraph_bounds,
    reports,
    statement_date,
)
from app.extract.types import (
    ExtractedEvent,
    ExtractedStatement,
    Span,
    TimeExpression,
)

SCARE_QUOTE_MAX_WORDS = 6  # a verbless quotation shorter than this names a term, it says nothing
HEADING_MAX_WORDS = 25  # a longer line without closing punctuation is a paragraph that lost its full stop


@dataclass
class _Found:
    cue: Token
    cue_lemma: str
    content: list[Token]
    text: str
    speaker_tok: Token | None
    direct_quote: bool
    sent: object = None  # the sentence holding the content (the cue's, unless a quote runs on)
    owner: _Found | None = None  # the statement whose quotation this sentence belongs to

    def __post_init__(self):
        if self.sent is None:
            self.sent = self.cue.sent


def find_statements(doc: Doc, actors: ActorIndex, times: list[TimeExpression], events: list[ExtractedEvent],
                    published: date | None = None) -> list[ExtractedStatement]:
    """Statements of one parsed article, each with a resolved speaker where the text names one."""
    regions = quote_regions(doc)
    found: list[_Found] = []
    headings = _heading_lines(doc_text(doc))
    for sent in doc.sents:
        if _is_question(sent) or any(a <= sent.start_char < b for a, b in headings):
            continue
        for tok in sent:
            found.extend(_claims_at(tok, regions))
    found = _dedupe(found)
    found += _quote_runs(doc, found, regions)
    found += _co_speakers(found)
    sentence_no = {sent.start: k for k, sent in enumerate(doc.sents)}
    by_key = {a.key: a for a in actors.actors}
    found.sort(key=lambda f: (f.sent.start_char, f.content[0].idx))
    speakers = assign_speakers(found, actors, sentence_no, regions)
    out: list[ExtractedStatement] = []
    seen: set[tuple[str | None, int]] = set()
    last_event: tuple[int, int, str | None] | None = None  # (paragraph start, sentence number, event key)
    claims = [(c, sp, how) for c in found for sp, how in speakers[id(c.owner or c)]]
    for f, speaker, how in claims:
        sent = f.sent
        if speaker is None:
            continue  # no one it is attributed to: narrative, or a speaker the text never pins down
        if (speaker.key, f.content[0].i) in seen:
            continue  # "A and B said": B was the same actor as A after all
        seen.add((speaker.key, f.content[0].i))
        start, end = f.content[0].idx, f.content[-1].idx + len(f.content[-1])
        s_start, s_end = _line_of(doc_text(doc), sent.start_char, sent.end_char, f.cue.idx, start, end)
        sent_text = doc_text(doc)[s_start:s_end]
        evidence = Span(s_start, s_end, sent_text, sent_text, s_start)
        quote = Span(start, end, doc_text(doc)[start:end], sent_text, s_start)
        event = link_event(f, events, doc_text(doc), last_event, times, speaker, by_key)
        occasion = event if event is not None and not reports(f, event) else None  # the next may share it
        last_event = (paragraph_bounds(doc_text(doc), sent.start_char)[0], sentence_no[sent.start],
                      occasion.key if occasion else None)
        d_start, d_end, prec = statement_date(f, times, event)
        out.append(ExtractedStatement(
            key=f"statement:{len(out) + 1}", speaker_key=speaker.key if speaker else None, cue=f.cue_lemma,
            text=f.text, direct_quote=f.direct_quote, evidence=evidence, quote=quote,
            event_key=event.key if event else None, date_start=d_start, date_end=d_end, date_precision=prec,
            confidence=_confidence(f, how),
        ))
    return out


def _line_of(text: str, s_start: int, s_end: int, cue: int, c_start: int, c_end: int) -> tuple[int, int]:
    """The sentence bounds, cut to the line holding cue and content when the parser merged lines."""
    lo, hi = min(cue, c_start), max(cue, c_end)
    cut = text.rfind("\n", s_start, lo)
    if cut >= 0:
        s_start = cut + 1
    nl = text.find("\n", hi, s_end)
    if nl >= 0:
        s_end = nl
    while s_end > s_start and text[s_end - 1].isspace():
        s_end -= 1
    return s_start, s_end


def _heading_lines(text: str) -> list[tuple[int, int]]:
    """Lines without a sentence's closing punctuation (headlines, crossheads): no one is quoted in them."""
    out, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        body = line.strip().rstrip("".join(QUOTE_CHARS) + "\u2019' )")
        if body and body[-1] not in ".!?:;" and len(body.split()) <= HEADING_MAX_WORDS:
            out.append((start, end))
        start = end + 1
    return out


def _is_question(sent) -> bool:
    return sent.text.rstrip(" \n\"”’'").endswith("?")


def _claims_at(tok: Token, regions: list[tuple[int, int]]) -> list[_Found]:
    """Every claim whose cue is `tok` (a verb, "according", or "attributed")."""
    acc = according_to(tok) or attributed_to(tok)
    if acc is not None:
        speaker, rest = acc
        content = tidy(rest)
        if len(content) < 3 or _reports_itself(content):
            return []  # "X said A, according to Reuters": X's statement is the one to keep
        cue = "according to" if tok.lower_ == "according" else f"{tok.lemma_.lower()} to"
        return [_found(tok, cue, content, None, speaker, regions)]
    if tok.pos_ not in ("VERB", "AUX") or inside(regions, tok.idx):
        return []  # a cue quoted inside someone else's words belongs to that quote
    lemma = cue_lemma_of(tok)
    if lemma is None or is_negated(tok):
        return []
    if tok.tag_ == "VB" and tok.i == tok.sent.start and not any(c.dep_ in ("nsubj", "csubj") for c in tok.children):
        return []  # "Recall that ...", "Note that ...": the writer addresses the reader
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _planning_heads():
        return []  # "decided to call on X", "refused to comment": a speech act planned or declined, not made
    speaker, explicit = speaker_token(tok)
    if tok.tag_ in ("VBN", "VBG") and tok.dep_ in ("amod", "acl", "compound") and not explicit:
        return []  # "Reported comments ...": a participle, not a report
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    if passive and speaker is None:
        return []  # "it was reported that ...": nobody named
    claims = content_clauses(tok, lemma)
    if not claims:
        claims = _quote_fallback(tok, lemma, regions)
    adjunct = tok.tag_ == "VBG" and tok.dep_ in ("advcl", "acl", "conj", "xcomp")
    out = []
    for cue_lemma, toks, text in claims:
        toks = [t for t in tidy(toks) if t.i != tok.i]
        if len(toks) < 2:
            continue
        if adjunct and not _is_clause(toks):
            continue  # "..., highlighting differences": a participle with a bare object is colour, not a claim
        out.append(_found(tok, cue_lemma, toks, text, speaker, regions))
    return out


def _planning_heads() -> frozenset[str]:
    lex = lexicon()
    return lex.reporting.planning_heads | lex.plover.control_heads


def _is_clause(toks: list[Token]) -> bool:
    """True when the content's top token (head outside the content) is a verb."""
    ids = {t.i for t in toks}
    return any(t.head.i not in ids and t.pos_ in ("VERB", "AUX") for t in toks)


def _quote_runs(doc: Doc, found: list[_Found], regions) -> list[_Found]:
    """Sentences of a quotation that carry no cue belong to the statement whose quote they share.

    '"A. B," he said.': A is his too; '"A," he said. "B. C."': a quote opening right after a quoted statement
    (next sentence, or next paragraph) goes on with it, and so does every sentence inside that quote.
    """
    has_claim = {f.sent.start for f in found}
    quoted = [f for f in found if f.direct_quote]
    text = doc_text(doc)
    out: list[_Found] = []
    sents = list(doc.sents)
    for k, sent in enumerate(sents):
        words = [t for t in sent if not (t.is_punct or t.is_space)]
        if sent.start in has_claim or len(words) < 2 or _is_question(sent):
            continue
        region = inside(regions, words[0].idx)
        if region is None or inside(regions, words[-1].idx) != region:
            continue  # not all quotation
        owner = next((f for f in quoted + out if inside(regions, f.content[0].idx) == region
                      or inside(regions, f.content[-1].idx) == region), None)
        if owner is None and k and sent.text.lstrip()[:1] in QUOTE_CHARS:
            owner = next((f for f in reversed(quoted + out) if f.sent.start == sents[k - 1].start), None)
        if owner is None and text[region[1] - 1] not in QUOTE_CHARS:
            # a paragraph left open goes on in the next one, which reopens the quote: its speaker's
            nxt = region[1] + len(text[region[1]:]) - len(text[region[1]:].lstrip())
            owner = next((f for f in quoted if (inside(regions, f.content[0].idx) or (-1,))[0] == nxt), None)
        if owner is None:
            continue
        toks = tidy([t for t in sent if region[0] <= t.idx < region[1]])
        if len(toks) >= 2:
            out.append(_Found(owner.cue, owner.cue_lemma, toks, render(toks), owner.speaker_tok, True, sent,
                              owner=owner.owner or owner))
    return out


def _co_speakers(found: list[_Found]) -> list[_Found]:
    """ "A and B said X": X is A's statement and B's (each speaks; one statement would name only A)."""
    out = []
    for f in found:
        if f.owner is None and f.speaker_tok is not None:
            for conj in f.speaker_tok.conjuncts:
                if conj.i > f.speaker_tok.i and conj.pos_ in ("PROPN", "NOUN"):
                    out.append(_Found(f.cue, f.cue_lemma, f.content, f.text, conj, f.direct_quote, f.sent))
    return out


def _reports_itself(tokens: list[Token]) -> bool:
    """True when the content's top verb is itself a reporting cue with its own subject."""
    ids = {t.i for t in tokens}
    return any((t.head.i not in ids or t.head.i == t.i) and cue_lemma_of(t) is not None
               and any(c.dep_ == "nsubj" for c in t.children) for t in tokens)


def _quote_fallback(tok: Token, lemma: str, regions) -> list[tuple[str, list[Token], str | None]]:
    """'"...," he said.': the quotation in the cue's sentence is its content."""
    sent = tok.sent
    for s, e in regions:
        if s >= sent.start_char - 1 and e <= sent.end_char + 1 and not (s <= tok.idx < e):
            toks = [t for t in sent if s <= t.idx < e]
            if len(toks) >= 3 and _says_something(toks):
                return [(lemma, toks, None)]
    # '"A," the ministry said' parsed with the cue as a side clause of A (not "X said A had agreed"), or as a
    # conjunct joined by a bare comma ("A, its delegation said on Monday", not "A and said B")
    spliced = tok.dep_ == "conj" and any(c.dep_ == "nsubj" for c in tok.children) \
        and not any(c.dep_ in ("dobj", "oprd", "ccomp", "xcomp", "attr", "acomp") for c in tok.children) \
        and not any(t.dep_ == "cc" and t.head.i == tok.head.i for t in tok.doc[tok.head.i:tok.i])
    if (tok.dep_ in ("parataxis", "ccomp") or spliced) and tok.head.i < tok.i and tok.head.pos_ in ("VERB", "AUX") \
            and (tok.dep_ != "ccomp" or cue_lemma_of(tok.head) is None) \
            and any(t.text in (",", "\u201d", '"') for t in tok.doc[tok.head.i:tok.i]):
        cut = {t.i for t in tok.subtree}
        return [(lemma, [t for t in tok.head.subtree if t.i not in cut], None)]
    return []


def _says_something(toks: list[Token]) -> bool:
    """A quotation that is a clause, or a long phrase: not scare quotes around a term ("an 'emergency law'")."""
    words = [t for t in toks if not t.is_punct]
    return len(words) >= SCARE_QUOTE_MAX_WORDS or any(t.pos_ in ("VERB", "AUX") for t in words)


def _found(cue: Token, lemma: str, toks: list[Token], text: str | None, speaker: Token | None,
           regions) -> _Found:
    cut = without_dateline(toks)
    if len(cut) < len(toks) and text is None:
        toks = cut
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    quoted = inside(regions, start, end) is not None or (
        inside(regions, start) is not None and inside(regions, end - 1) is not None)
    return _Found(cue, lemma, toks, text or render(toks), speaker, quoted)


def _dedupe(found: list[_Found]) -> list[_Found]:
    """One statement per content clause: an inner cue wins over an outer one with the same content."""
    kept: list[_Found] = []
    for f in found:
        span = {t.i for t in f.content}
        clash = next((k for k in kept if {t.i for t in k.content} == span or
                      (k.cue.i in span and k.speaker_tok is None)), None)
        if clash is None:
            kept.append(f)
    return [f for f in kept if not _relays(f, kept)]


def _relays(outer: _Found, found: list[_Found]) -> bool:
    """ "X reiterated that Y had suggested Z": X's whole content is Y's report, kept as Y's statement.

    The relayed claim is stored once, with the speaker who made it, rather than twice with Y's words
    counted as X's claim as well.
    """
    span = {t.i for t in outer.content}
    return any(inner is not outer and inner.cue.i in span and inner.cue.head.i not in span
               and inner.speaker_tok is not None and inner.speaker_tok.i in span for inner in found)


def _confidence(f: _Found, how: str) -> float:
    score = {"index": 0.8, "fallback": 0.65, "described": 0.6, "none": 0.45}[how]
    if f.direct_quote:
        score += 0.1
    if f.cue_lemma in ("say", "state", "stress", "according to"):
        score += 0.05
    return round(min(score, 0.95), 2)
