"""Look up which actor a stretch of text or a parsed noun phrase refers to.

`find_actors` (actors/finder.py) builds the index; the events and statements stages only ask it questions, so
coreference ("he", "the ministry", "the top Russian diplomat") is decided in one place.
"""

from __future__ import annotations

from bisect import bisect_right, insort

from spacy.tokens import Token

from app.extract.types import ExtractedActor


class ActorIndex:
    """Every mention of every actor in one document, searchable by character offsets."""

    def __init__(self, actors: list[ExtractedActor]):
        self.actors = actors
        self._by_key = {a.key: a for a in actors}
        self._mentions = sorted(
            (m.start, m.end, a.key) for a in actors for m in a.mentions
        )
        self._starts = [m[0] for m in self._mentions]

    def add(self, actor: ExtractedActor) -> ExtractedActor:
        """Register an actor a later stage found (an unnamed speaker: "a defence spokesperson", "critics")."""
        self.actors.append(actor)
        self._by_key[actor.key] = actor
        for m in actor.mentions:
            insort(self._mentions, (m.start, m.end, actor.key))
        self._starts = [m[0] for m in self._mentions]
        return actor

    def next_key(self) -> str:
        """A key no actor of this document has yet."""
        return f"actor:{1 + max((int(k.split(':')[1]) for k in self._by_key if k.split(':')[1].isdigit()), default=-1)}"

    def get(self, key: str | None) -> ExtractedActor | None:
        return self._by_key.get(key) if key else None

    def in_span(self, start: int, end: int) -> list[tuple[int, int, ExtractedActor]]:
        """Mentions lying inside [start, end), in text order."""
        i = bisect_right(self._starts, start - 1)
        out = []
        while i < len(self._mentions) and self._mentions[i][0] < end:
            s, e, key = self._mentions[i]
            if e <= end:
                out.append((s, e, self._by_key[key]))
            i += 1
        return out

    def at(self, start: int, end: int) -> ExtractedActor | None:
        """The actor of the longest mention overlapping [start, end)."""
        best = None
        i = max(0, bisect_right(self._starts, start) - 40)
        for s, e, key in self._mentions[i:]:
            if s >= end:
                break
            if e > start and (best is None or (e - s) > (best[1] - best[0])):
                best = (s, e, key)
        return self._by_key[best[2]] if best else None

    def of_token(self, token: Token) -> ExtractedActor | None:
        """The actor the noun phrase headed by `token` refers to.

        The token itself first (a mention covering the head), then the mention nearest the head
        inside the phrase ("the ministry of X": the ministry, not X, when both are mentions).
        """
        hit = self.at(token.idx, token.idx + len(token))
        if hit:
            return hit
        left, right = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
        inside = self.in_span(left, right)
        if not inside:
            return None
        return min(inside, key=lambda m: abs(m[0] - token.idx))[2]

    def before(self, offset: int, types: tuple[str, ...] | None = None) -> ExtractedActor | None:
        """The most recently mentioned actor (of one of `types`) before `offset`."""
        i = bisect_right(self._starts, offset) - 1
        while i >= 0:
            _, e, key = self._mentions[i]
            actor = self._by_key[key]
            if e <= offset and (types is None or actor.type in types):
                return actor
            i -= 1
        return None
