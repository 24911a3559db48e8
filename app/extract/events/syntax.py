"""Token helpers the event modules share: dependency distance and reporting cues.

triggers.py, dates.py and finder.py all import from here and this module imports none of them, so the
event modules form no import cycle (triggers.py used to import dates.py inside a function for
`is_reporting` while dates.py imported triggers.py).
"""

from __future__ import annotations

from spacy.tokens import Token

from app.extract.events.senses import is_event_verb
from app.extract.lexicon import lexicon


def tree_distance(a: Token, b: Token) -> int:
    """Dependency arcs between two tokens (99 across sentences)."""
    a_path = [a, *a.ancestors]
    b_path = [b, *b.ancestors]
    b_index = {t.i: n for n, t in enumerate(b_path)}
    for n, t in enumerate(a_path):
        if t.i in b_index:
            return n + b_index[t.i]
    return 99


def is_reporting(tok: Token) -> bool:
    """A reporting cue that is not itself an event trigger here ("said", "described"; not "warned X of war")."""
    return tok.lemma_.lower() in lexicon().reporting.reporting_lemmas and not is_event_verb(tok)
