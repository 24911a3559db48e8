"""Score one knowledge-base view against a gold annotation, by the owner's scorer's matching rules.

The rules are those of `shared/tools/kbscore.py` (documented in the README, "Measuring quality"), applied to
the same JSON the v1 API returns, so the figures agree with it on the same inputs. On top of the figures,
every miss carries its cause, which is what a developer iterating on the extractor needs.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

# The gold's plain taxonomy -> the PLOVER types accepted for it (None: the gold event is not scored).
PLAIN_TO_PLOVER: dict[str, list[str] | None] = {
    "CONSULT": ["CONSULT"], "MEET": ["CONSULT"], "TRAVEL": ["CONSULT"], "ACCUSE": ["ACCUSE", "DISAPPROVE"],
    "PROTEST": ["PROTEST", "DISAPPROVE", "ACCUSE"], "DEMAND": ["DEMAND", "REQUEST"], "REQUEST": ["REQUEST", "DEMAND"],
    "AGREE": ["AGREE", "COOPERATE"], "SUPPORT": ["SUPPORT", "AGREE", "AID"], "REJECT": ["REJECT", "DISAPPROVE"],
    "THREATEN": ["THREATEN"], "SANCTION": ["SANCTION", "COERCE"], "RESTRICT": ["COERCE", "SANCTION"],
    "ARREST": ["COERCE"], "ATTACK": ["ASSAULT", "FIGHT"], "KILL": ["ASSAULT"], "INVESTIGATE": ["INVESTIGATE"],
    "STATEMENT": None, "OTHER": None,
}
PRONOUNS = frozenset({"it", "its", "he", "she", "they", "his", "her", "their", "him", "them"})
STOP = frozenset("the a an of to and in on at for by with from that this is are was were be been its their his her "
                 "it as into over about than which who".split())
STATEMENT_OVERLAP = 0.4  # share of the shorter text's content words two statements must have in common


def norm(s: str | None) -> str:
    """Fold a name for comparison: ASCII, lower case, no possessive, no punctuation, no articles."""
    s = unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower()
    s = s.replace("'s", "").replace("’s", "")
    s = re.sub(r"[^a-z0-9 ]+", " ", s)
    return " ".join(t for t in s.split() if t not in {"the", "a", "an"})


def same_name(a: str, b: str) -> bool:
    """Equal after folding, or (names over 6 characters) at least 0.9 similar: Sergey/Sergei, small typos."""
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    return a == b or (len(a) > 6 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.9)


def content_words(s: str | None) -> set[str]:
    return {t for t in norm(s).split() if t not in STOP and len(t) > 2}


def word_overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def date_ok(gold: str | None, system: Any) -> bool:
    """The system date starts with the gold date, or is a coarser prefix of it at month precision or finer."""
    if not gold:
        return True
    if not system:
        return False
    system = str(system)
    return system.startswith(gold) or (len(system) < len(gold) and gold.startswith(system) and len(system) >= 7)


def actor_names(a: Any) -> list[str]:
    if not a:
        return []
    if isinstance(a, str):
        return [a]
    return [n for n in [a.get("name") or ""] + list(a.get("aliases") or []) if n]


def participants(ev: dict) -> list[Any]:
    out = []
    for p in ev.get("participants") or ev.get("actors") or []:
        out.append(p.get("actor") if isinstance(p, dict) and isinstance(p.get("actor"), dict) else p)
    return out


def prepare_gold(gold: dict) -> dict:
    """Fill the defaults a corpus gold file leaves out (as the scorer does): required, ids, accepted types."""
    gold.setdefault("locations", [])
    for g in gold["actors"]:
        g.setdefault("required", g.get("type") in ("person", "organization", "country"))
        g["aliases"] = [x for x in g.get("aliases", []) if x.lower() not in PRONOUNS]
    for e in gold["events"]:
        accepted = PLAIN_TO_PLOVER.get(e.get("type"), [e.get("type")])
        e.setdefault("required", accepted is not None)
        e.setdefault("docs", ["A"])
        e["types"] = e.get("types") or accepted or []
        e.setdefault("id", e["summary"][:40])
    for i, s in enumerate(gold["statements"]):
        s.setdefault("required", True)
        s.setdefault("id", f"s{i}")
    return gold


@dataclass
class Section:
    """Recall and precision of one record kind, with the misses and their causes."""

    required: int = 0
    found: int = 0
    precision: float = 0.0
    system_total: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)  # gold items not found: {"id"/"name", "cause", ...}
    extras: list[dict[str, Any]] = field(default_factory=list)  # stored items that match nothing in the gold

    @property
    def recall(self) -> float:
        return self.found / max(1, self.required)

    @property
    def f1(self) -> float:
        return f1(self.found, self.required, self.precision)

    def as_dict(self) -> dict[str, Any]:
        return {"required": self.required, "found": self.found, "recall": round(self.recall, 3),
                "precision": round(self.precision, 3), "f1": round(self.f1, 3), "system_total": self.system_total,
                "misses": self.misses, "extras": self.extras}


def f1(found: int, required: int, precision: float) -> float:
    recall = found / max(1, required)
    return 0.0 if recall + precision == 0 else 2 * precision * recall / (precision + recall)


@dataclass
class ArticleScore:
    actors: Section
    events: Section
    statements: Section
    duplicates: dict[str, list[str]]
    merged: tuple[int, int]  # (gold events told by several documents that fused, those that need to)
    matched_events: dict[str, dict[str, Any]]  # gold event id -> {"system_id", "sources"}

    def as_dict(self) -> dict[str, Any]:
        return {"actors": self.actors.as_dict() | {"duplicates": self.duplicates},
                "events": self.events.as_dict() | {"merged_across_documents": f"{self.merged[0]}/{self.merged[1]}"},
                "statements": self.statements.as_dict()}


class Scorer:
    """One gold annotation against the stored actors, events and statements of the same text(s).

    `sides` maps a country to the names that speak for it (its ministries). The owner's scorer keeps this map
    for a whole corpus run, so a side learnt from one article's gold still counts in the next: pass the same
    dict for every article of a run to get the same figures.
    """

    def __init__(self, gold: dict, sides: dict[str, set[str]] | None = None):
        self.gold = gold
        self.sides = {} if sides is None else sides
        for a in gold["actors"]:
            if a.get("type") == "country":
                self.sides.setdefault(a["name"], {a["name"]})
        for a in gold["actors"]:
            if a.get("type") == "organization" and a.get("country") in self.sides:
                self.sides[a["country"]].add(a["name"])
                self.sides[a["name"]] = self.sides[a["country"]]
        self.everyone = gold["actors"] + [dict(loc, type="location") for loc in gold.get("locations", [])]

    def resolve(self, system_actor: Any) -> str | None:
        """The gold actor a stored actor names: exact canonical names, then exact aliases, then near spellings."""
        names = [norm(n) for n in actor_names(system_actor)]
        for g in self.everyone:
            if norm(g["name"]) in names:
                return g["name"]
        for g in self.everyone:
            if any(norm(ga) in names for ga in g.get("aliases", [])):
                return g["name"]
        for g in self.everyone:
            if any(same_name(n, ga) for n in names for ga in [g["name"]] + g.get("aliases", [])):
                return g["name"]
        return None

    def _resolve_any(self, p: Any) -> str | None:
        return self.resolve(p if isinstance(p, dict) else {"name": p})

    def event_actors(self, ev: dict) -> set[str]:
        return {g for g in (self._resolve_any(p) for p in participants(ev)) if g}

    def score(self, actors: list[dict], events: list[dict], statements: list[dict]) -> ArticleScore:
        actor_section, duplicates = self._actors(actors)
        event_section, matched, merged = self._events(events)
        return ArticleScore(actor_section, event_section, self._statements(statements), duplicates, merged, matched)

    # ------------------------------------------------------------------ actors

    def _actors(self, actors: list[dict]) -> tuple[Section, dict[str, list[str]]]:
        to_gold = {a.get("id"): self.resolve(a) for a in actors}
        found: dict[str, list[tuple[str, str]]] = {}
        for a in actors:
            g = to_gold[a.get("id")]
            if g:
                found.setdefault(g, []).append((a.get("type"), a.get("name")))
        required = [g["name"] for g in self.gold["actors"] if g.get("required")]
        # a duplicate: two stored actors of the same type for one real actor (a capital stored as a location is fine)
        duplicates = {n: [name for _, name in v] for n, v in found.items() if len({t for t, _ in v}) < len(v)}
        section = Section(required=len(required), found=sum(n in found for n in required),
                          precision=sum(len({t for t, _ in v}) for v in found.values()) / max(1, len(actors)),
                          system_total=len(actors))
        for n in required:
            if n not in found:
                section.misses.append({"name": n, "cause": "missing"})
        for n, names in duplicates.items():
            section.misses.append({"name": n, "cause": "duplicate", "stored": names})
        section.extras = [{"name": a.get("name"), "type": a.get("type"), "cause": "not in the gold"}
                          for a in actors if not to_gold[a.get("id")]]
        return section, duplicates

    # ------------------------------------------------------------------ events

    def _events(self, events: list[dict]) -> tuple[Section, dict[str, dict[str, Any]], tuple[int, int]]:
        used: set[Any] = set()
        matched: dict[str, dict[str, Any]] = {}
        causes: dict[str, dict[str, Any]] = {}
        cast = {id(ev): self.event_actors(ev) for ev in events}
        for ge in self.gold["events"]:
            best = None
            for ev in events:
                # an unscored gold event (no accepted type) still absorbs the system event that reports it
                if ev.get("id") in used or (ge["types"] and ev.get("type") not in ge["types"]):
                    continue
                if not date_ok(ge.get("date"), ev.get("date")):
                    continue
                wanted = set(ge.get("actors", []))
                if wanted and not (wanted & cast[id(ev)]):
                    continue
                best = ev
                break
            if best is not None:
                used.add(best.get("id"))
                docs = {str(d.get("document_id") if isinstance(d, dict) else d)
                        for d in (best.get("evidence") or best.get("sources") or [])}
                matched[ge["id"]] = {"system_id": best.get("id"), "sources": len(docs)}
            elif ge.get("required"):
                causes[ge["id"]] = self._event_miss_cause(ge, events, used, cast)
        required = [e for e in self.gold["events"] if e.get("required")]
        section = Section(required=len(required), found=sum(e["id"] in matched for e in required),
                          precision=len(used) / max(1, len(events)), system_total=len(events))
        section.misses = [{"id": e["id"], "type": e.get("type"), "date": e.get("date"),
                           "actors": e.get("actors", []), **causes[e["id"]]}
                          for e in required if e["id"] not in matched]
        section.extras = [{"id": ev.get("id"), "type": ev.get("type"), "date": ev.get("date"),
                           "summary": (ev.get("summary") or "")[:120], "actors": sorted(_names(ev)),
                           "cause": "not in the gold"} for ev in events if ev.get("id") not in used]
        need = [e["id"] for e in required if len(e.get("docs", [])) > 1 and e["id"] in matched]
        merged = (sum(matched[i]["sources"] > 1 for i in need), len(need))
        return section, matched, merged

    def _event_miss_cause(self, ge: dict, events: list[dict], used: set[Any], cast: dict[int, set[str]]) -> dict:
        """Why no stored event matched: the first condition every candidate fails, in the scorer's order."""
        wanted = set(ge.get("actors", []))
        typed = [ev for ev in events if ev.get("type") in ge["types"]]
        if not typed:
            # an event with the gold's date and cast but another type is a wrong type; nothing at all, no trigger
            near = [ev for ev in events if date_ok(ge.get("date"), ev.get("date"))
                    and (not wanted or wanted & cast[id(ev)])]
            if near:
                return {"cause": "wrong type", "stored": [_brief(ev) for ev in near[:3]]}
            return {"cause": "no trigger"}
        dated = [ev for ev in typed if date_ok(ge.get("date"), ev.get("date"))]
        if not dated:
            return {"cause": "wrong date", "stored": [_brief(ev) for ev in typed[:3]]}
        shared = [ev for ev in dated if not wanted or wanted & cast[id(ev)]]
        if not shared:
            return {"cause": "no shared participant", "stored": [_brief(ev) for ev in dated[:3]]}
        return {"cause": "taken by another gold event", "stored": [_brief(ev) for ev in shared[:3]]}

    # ------------------------------------------------------------------ statements

    def _speaker_ok(self, gold_speaker: str, st: dict) -> bool:
        sp = st.get("speaker")
        g = self._resolve_any(sp)
        return g == gold_speaker or g in self.sides.get(gold_speaker, set())

    def _statements(self, statements: list[dict]) -> Section:
        used: set[Any] = set()
        hits: set[str] = set()
        misses: dict[str, dict[str, Any]] = {}
        texts = {id(st): content_words(st.get("text") or st.get("content") or "") for st in statements}
        for gs in self.gold["statements"]:
            # corpus gold gives the statement as its bag of content words instead of the article's words
            gwords = set(gs["words"]) if "words" in gs else content_words(gs["text"])
            cands = [(word_overlap(gwords, texts[id(st)]), st) for st in statements
                     if st.get("id") not in used and self._speaker_ok(gs["speaker"], st)]
            cands = [c for c in cands if c[0] >= STATEMENT_OVERLAP]
            if cands:
                used.add(max(cands, key=lambda c: c[0])[1].get("id"))
                hits.add(gs["id"])
            elif gs.get("required"):
                misses[gs["id"]] = self._statement_miss_cause(gs, gwords, statements, texts)
        required = [s for s in self.gold["statements"] if s.get("required")]
        section = Section(required=len(required), found=sum(s["id"] in hits for s in required),
                          precision=len(used) / max(1, len(statements)), system_total=len(statements))
        section.misses = [{"id": s["id"], "speaker": s["speaker"], **misses[s["id"]]}
                          for s in required if s["id"] not in hits]
        section.extras = [{"id": st.get("id"), "speaker": _speaker_name(st), "text": (st.get("text") or "")[:120],
                           "cause": "not in the gold"} for st in statements if st.get("id") not in used]
        return section

    def _statement_miss_cause(self, gs: dict, gwords: set[str], statements: list[dict],
                              texts: dict[int, set[str]]) -> dict[str, Any]:
        """Wrong speaker when the content is there under someone else; else no match (with the best overlap)."""
        scored = sorted(((word_overlap(gwords, texts[id(st)]), st) for st in statements),
                        key=lambda c: -c[0])
        if scored and scored[0][0] >= STATEMENT_OVERLAP and not self._speaker_ok(gs["speaker"], scored[0][1]):
            return {"cause": "wrong speaker", "stored_speaker": _speaker_name(scored[0][1]),
                    "overlap": round(scored[0][0], 2)}
        own = [c for c in scored if self._speaker_ok(gs["speaker"], c[1])]
        best = own[0][0] if own else 0.0
        return {"cause": "no match", "best_overlap_same_speaker": round(best, 2)}


def _speaker_name(st: dict) -> str | None:
    sp = st.get("speaker")
    return sp.get("name") if isinstance(sp, dict) else sp


def _names(ev: dict) -> set[str]:
    return {n for p in participants(ev) for n in actor_names(p)[:1]}


def _brief(ev: dict) -> dict[str, Any]:
    return {"id": ev.get("id"), "type": ev.get("type"), "date": ev.get("date"), "actors": sorted(_names(ev))}
