"""When and on what occasion a statement was made: the linked event and the statement's date.

Functions take a found claim `f` with `.cue` (the cue token), `.content` (content tokens) and
`.sent` (the sentence holding the content).
"""

from __future__ import annotations

from app.extract.lexicon import lexicon
from app.extract.types import ExtractedActor, ExtractedEvent, TimeExpression


def paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, (len(text) if end < 0 else end)


def link_event(f, events: list[ExtractedEvent], text: str,
               previous: tuple[int, int, str | None] | None = None,
               times: list[TimeExpression] = (), speaker: ExtractedActor | None = None,
               actors: dict[str, ExtractedActor] | None = None) -> ExtractedEvent | None:
    """The occasion a statement was made on (a call, a note), else the event it reports, by the tiers below.

    None when nothing fits.

    `previous` is (paragraph start, sentence number, event key) of the statement before this one.
    """
    sent = f.sent
    c_start, c_end = f.content[0].idx, f.content[-1].idx + len(f.content[-1])
    speech = _speech_lemmas()
    in_sentence = [e for e in events if any(sent.start_char <= ev.start < sent.end_char for ev in e.evidence)]
    # 1. a consultation reported in the same sentence ("during the call, X stressed ...", "X said the call ...")
    consult = [e for e in in_sentence if e.type == "CONSULT"]
    if consult:
        return consult[0]
    # 2. another event framing the cue ("in the note of protest, X expressed ..."); an event named inside
    #    the content is what was talked about, and a parallel speech act ("..., while urging") is no occasion
    frame = _frame_ranges(f)
    framing = [e for e in in_sentence if e.trigger.split()[0] not in speech and any(
        not c_start <= ev.start < c_end and any(ev.start < hi and ev.end > lo for lo, hi in frame)
        for ev in e.evidence)]
    if framing:
        return framing[0]
    p_start = paragraph_bounds(text, sent.start_char)[0]
    own_date = _clause_time(f, times)
    # a statement dated in its own clause was not made on an occasion dated otherwise
    events = [e for e in events if own_date is None or e.date_start is None or
              (e.date_start <= own_date.date_start and (e.date_end or e.date_start) >= own_date.date_start)]
    by_key = {e.key: e for e in events}
    # 3. the statement just before (this paragraph, or the sentence before) goes on about the same occasion
    sentence = next(k for k, s in enumerate(sent.doc.sents) if s.start == sent.start)
    if previous is not None and previous[2] in by_key and (previous[0] == p_start or previous[1] == sentence - 1):
        return by_key[previous[2]]
    # 4. the latest consultation reported earlier in this paragraph or the one before
    window_start = paragraph_bounds(text, max(0, p_start - 2))[0]
    best, best_at = None, -1
    for e in events:
        if e.type != "CONSULT" or not _took_part(speaker, e, actors or {}):
            continue
        for ev in e.evidence:
            if window_start <= ev.start < sent.start_char and ev.start > best_at:
                best, best_at = e, ev.start
    if best is not None:
        return best
    # 5. no occasion: the event the statement reports ("the ministry said an air strike killed ten"), the
    #    first one inside the content (its main clause comes first in news prose)
    reported = [(ev.start, e) for e in in_sentence if e.trigger.split()[0] not in speech
                for ev in e.evidence if c_start <= ev.start < c_end]
    return min(reported, key=lambda r: r[0])[1] if reported else None


def _sides(actor: ExtractedActor) -> set[str]:
    """An actor and the country it stands for: a minister, his ministry and his country are one side."""
    out = {actor.key, actor.name}
    if actor.country:
        out.add(actor.country)
    return out


def _took_part(speaker: ExtractedActor | None, event: ExtractedEvent, actors: dict[str, ExtractedActor]) -> bool:
    """Whether a speaker could have spoken at `event`: on one of its participants' sides, or nothing known."""
    sides = [actors[p.actor_key] for p in event.participants if p.actor_key in actors]
    if speaker is None or not sides:
        return True
    mine = _sides(speaker)
    return any(mine & _sides(a) for a in sides)


def _speech_lemmas() -> set[str]:
    lex = lexicon().reporting
    return {w.split()[0] for w in lex.clause_verbs | lex.urge_verbs | lex.describe_verbs}


def _frame_ranges(f) -> list[tuple[int, int]]:
    """Character ranges of the cue's own clause: subject, adjuncts and cue, not content or side clauses."""
    content = {t.i for t in f.content}
    cut = {t.i for c in f.cue.children if c.dep_ in ("advcl", "conj", "ccomp", "xcomp", "parataxis")
           for t in c.subtree}
    return [(t.idx, t.idx + len(t)) for t in f.cue.subtree if t.i not in content and t.i not in cut]


def _clause_time(f, times: list[TimeExpression]) -> TimeExpression | None:
    """The dated time expression in the cue's sentence but outside the content, nearest the cue."""
    sent = f.sent
    c_start, c_end = f.content[0].idx, f.content[-1].idx + len(f.content[-1])
    candidates = [t for t in times if sent.start_char <= t.span.start < sent.end_char
                  and not (c_start <= t.span.start < c_end) and t.date_start is not None]
    return min(candidates, key=lambda t: abs(t.span.start - f.cue.idx)) if candidates else None


def reports(f, event: ExtractedEvent | None) -> bool:
    """Whether the statement's content reports `event` (rather than the event being its occasion)."""
    c_start, c_end = f.content[0].idx, f.content[-1].idx + len(f.content[-1])
    return event is not None and any(c_start <= ev.start < c_end for ev in event.evidence)


def statement_date(f, times: list[TimeExpression], event: ExtractedEvent | None):
    """Date from a time expression in the cue's clause (outside the content), else its occasion's, else unknown.

    An event the statement reports happened before it was said: its date is no date of the statement.
    """
    t = _clause_time(f, times)
    if t is not None:
        return t.date_start, t.date_end, t.precision
    if event is not None and event.date_start is not None and not reports(f, event):
        return event.date_start, event.date_end, event.date_precision
    return None, None, "unknown"
