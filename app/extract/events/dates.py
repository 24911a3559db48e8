"""Dates of event mentions: the phrase attached to the trigger's clause, report dates, discourse context."""

from __future__ import annotations

from datetime import date, timedelta

from spacy.tokens import Doc, Token

from app.extract.events.syntax import is_reporting, tree_distance
from app.extract.events.triggers import Trigger
from app.extract.lexicon import lexicon
from app.extract.temporal.arithmetic import month_end
from app.extract.temporal.clock import HOUR_RE
from app.extract.types import TimeExpression

DISCOURSE_SENTENCES = 4  # how far back a date from context may come


def _token_span(doc: Doc, start: int, end: int):
    return doc.char_span(start, end, alignment_mode="expand")


# "tightened controls on Wednesday after the bombing": the bombing is before or after the clause's date, not on it
SEQUENCE_PREPS = frozenset({"since", "after", "before", "following", "prior"})


def _sequenced(tok: Token) -> bool:
    # "fired on Monday despite a truce": a concession names a standing state, not a happening of that day
    return tok.dep_ == "pobj" and (tok.head.lower_ in SEQUENCE_PREPS or tok.head.lower_ == "despite")


# "On Monday, X condemned the airstrike": a verb that reacts to a happening comes after it, on a day of its own
REACTION_VERBS = frozenset({"condemn", "denounce", "criticize", "criticise", "deplore", "decry", "slam", "blame",
                            "investigate", "probe", "welcome", "praise", "hail", "applaud", "mourn", "regret",
                            "lament", "deny", "confirm", "acknowledge", "protest", "reject", "dismiss"})


def _reacted_to(trigger: Trigger) -> bool:
    gov = trigger.governor
    return gov is not None and trigger.token.dep_ in ("dobj", "nsubjpass") and trigger.token.head.i == gov.i \
        and gov.lemma_.lower() in REACTION_VERBS


SPEECH_NOUNS = frozenset({"statement", "interview", "speech", "address", "letter", "post", "briefing", "communique",
                          "declaration", "message", "video", "conference"})


def _anchors(trigger: Trigger) -> set[int]:
    """Tokens whose own date is the trigger's date: itself, its light verb, coordinated heads."""
    out = set()
    governor = None if trigger.is_noun and (_sequenced(trigger.token) or _reacted_to(trigger)) else trigger.governor
    for start in (trigger.token, governor):
        cur = start
        while cur is not None:
            out.add(cur.i)
            if cur.dep_ in ("conj", "xcomp") and cur.head is not cur and not is_reporting(cur.head):
                cur = cur.head
            else:
                cur = None
    if not trigger.is_noun:
        # "Addressing reporters on Monday, X blamed Y": an opening participle clause is the same occasion
        tok = trigger.token
        out.update(c.i for c in tok.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i < tok.i
                   and not any(g.dep_ == "mark" for g in c.children))
        # "In a statement released on Monday, X condemned Y": the statement's own date is the verb's occasion
        out.update(a.i for c in tok.children if c.dep_ == "prep" and c.i < tok.i and c.lower_ in ("in", "at")
                   for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in SPEECH_NOUNS
                   for a in p.children if a.dep_ == "acl")
    if trigger.is_noun:  # "the incident, which occurred on March 22"
        out.update(c.i for c in trigger.token.children if c.dep_ in ("relcl", "acl"))
    elif trigger.token.dep_ == "relcl":  # "a Sept. 6 judgment that endorsed X": the noun's own date is the verb's
        out.add(trigger.token.head.i)
    # "X shelled a post on Monday, to which Y responded": a relative on the whole clause is on that clause's occasion
    if not trigger.is_noun and trigger.token.dep_ in ("relcl", "advcl") and any(
            p.lower_ == "which" for c in trigger.token.children if c.dep_ == "prep" for p in c.children):
        out.add(trigger.token.sent.root.i)
    return out


def _premodifier(root: Token) -> bool:
    """A date written before the noun it dates: "a Sept. 6 judgment", "the 2016 ruling"."""
    return root.dep_ in ("compound", "nmod", "amod", "npadvmod", "nummod", "poss") and root.i < root.head.i \
        and root.head.pos_ in ("NOUN", "PROPN")


def _attachment(root: Token) -> Token:
    """The word a date phrase modifies: climb over prepositions ("on April 27" -> its verb).

    Dates qualify happenings, not people or things: a date PP parsed onto a plain noun
    ("summoned the ambassador on Friday") is lifted to the verb or event noun above it.
    """
    event_nouns = lexicon().plover.nouns
    cur = root
    # "appealed a Sept. 6 judgment", "rejected the February 25 election": a date written before a noun is that
    # noun's own; a background happening keeps its date and does not lend it to the verb above
    if _premodifier(root):
        cur = root.head  # "a March 3 court ruling": through the compound to the noun the phrase names
        while cur.dep_ in ("compound", "nmod", "amod") and cur.i < cur.head.i and cur.head.pos_ in ("NOUN", "PROPN"):
            cur = cur.head
        return cur
    while cur.head is not cur:
        cur = cur.head
        if cur.pos_ == "ADP" or cur.dep_ in ("prep", "agent", "pcomp"):
            continue
        if cur.pos_ in ("NOUN", "PROPN") and cur.lemma_.lower() not in event_nouns and cur.head is not cur \
                and cur.dep_ in ("dobj", "nsubjpass", "pobj", "attr", "appos", "compound", "nsubj"):
            continue
        return cur
    return cur


attachment = _attachment  # the discourse steps ask it too (events/discourse.py)


# "since a coup in 2021", "before 2027", "until May": the date bounds a stretch, it does not date the happening
BOUNDING_PREPS = frozenset({"since", "before", "until", "till"})


def _bounding_prep(span) -> Token | None:
    """The "since"/"before"/"until" whose object holds the date: "since 2021", "since [a coup in 2021]"."""
    cur = span.root
    for _ in range(5):
        if cur.head is cur:
            return None
        cur = cur.head
        if cur.dep_ == "prep" or cur.pos_ == "ADP":
            if cur.lower_ in BOUNDING_PREPS:
                return cur
        elif cur.pos_ in ("VERB", "AUX"):
            return None
    return None


def _bounds_a_stretch(span, tok: Token | None = None) -> bool:
    """Whether the date only bounds a stretch for `tok`: a noun inside the phrase ("since [Russia's invasion in
    2022]") keeps the date as its own."""
    prep = _bounding_prep(span)
    return prep is not None and (tok is None or not (prep.left_edge.i <= tok.i <= prep.right_edge.i))


def sentence_times(tok: Token, times: list[TimeExpression]):
    """Dated expressions of the token's sentence with their token spans (stretch bounds left out)."""
    doc, sent = tok.doc, tok.sent
    for t in times:
        if t.date_start is None or not (sent.start_char <= t.span.start < sent.end_char):
            continue
        span = _token_span(doc, t.span.start, t.span.end)
        if span is not None and len(span) and not _bounds_a_stretch(span, tok):
            yield t, span


def adjacent_date_pp(trigger: Trigger, span) -> bool:
    """ "the attack on a concert hall on March 22": a date PP right after an event noun's phrase is its own."""
    if not trigger.is_noun or span.start < 2:
        return False
    doc = span.doc
    prep = doc[span.start - 1]
    return prep.pos_ == "ADP" and prep.lower_ in ("on", "in", "at") and \
        doc[span.start - 2].i == trigger.token.right_edge.i


def local_time(trigger: Trigger, times: list[TimeExpression], claimed: dict[int, int]) -> TimeExpression | None:
    """The date phrase attached to the trigger's clause (or inside a noun trigger's own phrase)."""
    anchors = _anchors(trigger)
    own = {t.i for t in trigger.token.subtree} if trigger.is_noun else set()
    best, best_dist = None, 1000
    for t, span in sentence_times(trigger.token, times):
        root = span.root
        attached = _attachment(root)
        owner = claimed.get(t.span.start)
        if owner is not None and owner != trigger.token.i:
            continue
        if attached.i not in anchors and root.i not in own and owner is None:
            continue
        dist = tree_distance(trigger.token, root)
        if dist < best_dist:
            best, best_dist = t, dist
    return best


def month_of(t: TimeExpression) -> TimeExpression:
    """The same expression at month precision: what a report date honestly says about the event."""
    if t.precision in ("month", "year") or t.date_start is None:
        return t
    first = t.date_start.replace(day=1)
    last = month_end(first.year, first.month)
    return TimeExpression(span=t.span, date_start=first, date_end=last, precision="month",
                          anchor=f"text:{t.span.start}")


def _report_date(verb: Token, times: list[TimeExpression]) -> TimeExpression | None:
    for t, span in sentence_times(verb, times):
        if _attachment(span.root).i == verb.i:
            return month_of(t)
    return None


def report_time(trigger: Trigger, times: list[TimeExpression], *, nouns: bool = False) -> TimeExpression | None:
    """ "On April 28, X reported that N people had been stranded": the report's month.

    Also "X has called off the talks, its delegation said on Wednesday" parsed with the reporting verb under the
    trigger's clause, and a noun trigger whose clause is reported ("the vote has lifted it, the speaker said
    Wednesday", only with `nouns`: the finder asks for it after a related event's date, which says more). A report
    date bounds the happening from above, so only its month is claimed.
    """
    cur = trigger.token
    if trigger.is_noun:
        gov = trigger.governor
        if not nouns:
            return None
        if gov is None or trigger.token.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            return None
        cur = gov
    for c in cur.children:
        if c.dep_ in ("conj", "parataxis", "ccomp") and c.i > cur.i and is_reporting(c) \
                and not any(d.dep_ in ("dobj", "ccomp") for d in c.children):
            return _report_date(c, times)
    for _ in range(3):
        if cur.dep_ not in ("ccomp", "conj", "xcomp") or cur.head is cur:
            return None
        cur = cur.head
        if is_reporting(cur):
            return _report_date(cur, times)
    return None


def context_time(sent_start: int, doc: Doc, times: list[TimeExpression],
                 published: date | None = None) -> TimeExpression | None:
    """Most recent dated expression in the few sentences before this one (report dates excluded, and a date after
    publication: a deadline ahead, "to go home by June 2", does not date what the text tells as done)."""
    sents = list(doc.sents)
    idx = next((n for n, s in enumerate(sents) if s.start_char == sent_start), None)
    if idx is None:
        return None
    window_start = sents[max(0, idx - DISCOURSE_SENTENCES)].start_char
    candidates = []
    for t in times:
        if t.date_start is None or not (window_start <= t.span.start < sent_start):
            continue
        if published is not None and t.date_start > published:
            continue
        span = _token_span(doc, t.span.start, t.span.end)
        if span is None or not len(span) or _bounds_a_stretch(span):
            continue
        if _premodifier(span.root):  # "the February 25 election" dates the election, not what follows it
            continue
        if t.date_end is not None and (t.date_end - t.date_start).days > 366:  # "from 1910 to 1945": an era
            continue
        head = _attachment(span.root)
        if head.dep_ == "relcl" and head.head.pos_ in ("NOUN", "PROPN") \
                and head.head.lemma_.lower() not in lexicon().plover.nouns:
            continue  # "thanked envoys from X, who landed on Monday": an aside on someone dates only itself
        if is_reporting(head):
            # "Earlier in the week, outlets reported friction at the border" dates what follows (to the
            # month); an attribution tail ("..., X reported on May 1") dates only the report itself
            if not any(c.dep_ in ("dobj", "ccomp") for c in head.children):
                continue
            t = month_of(t)
        candidates.append(t)
    return max(candidates, key=lambda t: t.span.start) if candidates else None


MEASURE_UNITS = frozenset({"day", "week", "month", "year"})


def borrows_no_context(tok: Token) -> bool:
    """A verb whose clause says it is not at the time the sentences before tell: "has been convicted" (a present
    perfect reports an unspecified past, background to the news), "ended a month after X closed Y" (X's act lies a
    stated stretch before)."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve") for c in tok.children):
        return True
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return any(c.dep_ == "mark" and c.lower_ in ("after", "before") for c in tok.children) \
        and any(c.dep_ == "npadvmod" and c.lemma_.lower() in MEASURE_UNITS for c in tok.children)


def dates_compatible(a: TimeExpression | None, b: TimeExpression | None) -> bool:
    """Whether two dates can describe one happening (unknown is compatible with anything)."""
    if a is None or b is None or a.date_start is None or b.date_start is None:
        return True
    a_end = a.date_end or a.date_start
    b_end = b.date_end or b.date_start
    return a.date_start <= b_end and b.date_start <= a_end


UNIT_DAYS = {"day": 1, "week": 7}


def _amount_days(measure: Token) -> int | None:
    """ "a day", "two days", "3 weeks": the measure phrase in days."""
    unit = UNIT_DAYS.get(measure.lemma_.lower())
    if unit is None:
        return None
    for c in measure.children:
        if c.dep_ in ("det", "nummod"):
            word = c.lower_
            n = int(word) if word.isdigit() else lexicon().words.events.offset_counts.get(word)
            return n * unit if n else None
    return None


def relative_offset(tok: Token) -> tuple[Token, int] | None:
    """(anchor head, days) when `tok` heads "<N days> after/before <tok's clause or noun>".

    "X was initiated a day after Y was summoned": Y (tok) is one day before X (the head returned), so -1.
    "arrested them a day before the attack": the attack (tok) is one day after the arrests, so +1.
    """
    if tok.dep_ == "advcl":
        marker = next((c for c in tok.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
        measure_holder, head = tok, tok.head
    elif tok.dep_ == "pobj" and tok.head.lower_ in ("after", "before") and tok.head.dep_ == "prep":
        marker, measure_holder, head = tok.head, tok.head, tok.head.head
    else:
        return None
    if marker is None:
        return None
    measure = next((c for c in measure_holder.children if c.dep_ == "npadvmod"), None)
    days = _amount_days(measure) if measure is not None else None
    if not days:
        return None
    return head, (-days if marker.lower_ == "after" else days)


def shifted(t: TimeExpression, days: int) -> TimeExpression:
    """A day-precise date moved by `days`, anchored to the expression it came from."""
    return TimeExpression(span=t.span, date_start=t.date_start + timedelta(days=days),
                          date_end=t.date_start + timedelta(days=days), precision="day",
                          anchor=f"text:{t.span.start}")


def coarser(t: TimeExpression) -> TimeExpression:
    """A day-precise date widened to its month (a week is kept): what a neighbouring clause's date says."""
    return month_of(t) if t.precision == "day" else t


def clause_sibling_time(trigger: Trigger, times: list[TimeExpression]) -> TimeExpression | None:
    """ "X broke off ties in 2016 after protesters invaded Y": a clause joined to a dated clause ("after", "before",
    "as", "when", or coordinated) happened about then, so it takes that clause's date at month precision at most."""
    tok = trigger.governor if trigger.is_noun and trigger.governor is not None else trigger.token
    if tok.dep_ not in ("advcl", "conj") or tok.head is tok or is_reporting(tok.head):
        return _right_node_time(tok, times)
    if tok.dep_ == "advcl":
        marks = {c.lower_ for c in tok.children if c.dep_ in ("mark", "advmod")}
        if not marks & {"after", "before", "as", "when", "while"}:
            return None
    head = tok.head
    for t, span in sentence_times(head, times):
        if _attachment(span.root).i == head.i and not _premodifier(span.root):
            return coarser(t)
    return None


def _right_node_time(tok: Token, times: list[TimeExpression]) -> TimeExpression | None:
    """ "X declared a curfew and closed the border yesterday": a date after the last of coordinated verbs that share
    their subject dates the first too (to the month at most: the likelier reading, not the only one)."""
    if is_reporting(tok):
        return None
    conjs = [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > tok.i
             and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
    if not conjs:
        return None
    last = conjs[-1]
    for t, span in sentence_times(last, times):
        if span.start > last.i and _attachment(span.root).i == last.i and not _premodifier(span.root):
            return coarser(t)
    return None


def clock_day(sent_start: int, doc: Doc, times: list[TimeExpression]) -> TimeExpression | None:
    """A sentence that tells the hour ("At 3 p.m., X said ...") is on the last day the text named before it:
    a story told hour by hour names its day once."""
    sent = next((s for s in doc.sents if s.start_char == sent_start), None)
    if sent is None or not HOUR_RE.search(sent.text):  # "at 3 p.m.", "around 10:30 pm", "by midnight"
        return None
    days = [t for t in times if t.precision == "day" and t.date_start is not None and t.span.start < sent.end_char]
    return max(days, key=lambda t: t.span.start) if days else None
