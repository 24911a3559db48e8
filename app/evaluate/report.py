"""Render evaluation results: the scorer's summary lines, per-article figures, and every miss with its cause."""

from __future__ import annotations

from collections import Counter
from typing import Any

from app.evaluate.runner import CorpusResult
from app.evaluate.scoring import ArticleScore

KINDS = ("actors", "events", "statements")


def seed_summary(score: ArticleScore) -> str:
    """The owner's scorer's last line for a seed gold file."""
    merged, need = score.merged
    return (f"seeds: actor F1 {score.actors.f1:.2f}, event F1 {score.events.f1:.2f} (merged {merged}/{need}), "
            f"statement F1 {score.statements.f1:.2f}")


def corpus_summary(result: CorpusResult, name: str) -> str:
    """The owner's scorer's last line for a corpus."""
    parts = [f"{kind} F1 {t['f1']:.2f} (recall {t['found']}/{t['required']}, precision {t['precision']:.2f})"
             for kind, t in result.totals().items()]
    fused, told = result.fused()
    if told:
        parts.append(f"story events fused {len(fused)}/{len(told)}")
    return f"{name}: " + "; ".join(parts)


def cause_counts(result: CorpusResult) -> dict[str, dict[str, int]]:
    """How many misses each cause accounts for, per record kind, over the corpus."""
    out = {}
    for kind in KINDS:
        counts: Counter[str] = Counter()
        for a in result.articles:
            section = getattr(a.score, kind)
            counts.update(m["cause"] for m in section.misses)
            counts["extra: not in the gold"] += len(section.extras)
        out[kind] = dict(counts.most_common())
    return out


def corpus_json(result: CorpusResult, name: str) -> dict[str, Any]:
    fused, told = result.fused()
    return {"corpus": name, "summary": corpus_summary(result, name), "totals": result.totals(),
            "causes": cause_counts(result),
            "stories": {k: {"system_ids": [i for _, i in v], "fused": k in fused} for k, v in told.items()},
            "articles": [{"file": a.file, "document_id": a.document_id, **a.score.as_dict()}
                         for a in result.articles]}


def _miss_line(kind: str, m: dict[str, Any]) -> str:
    label = m.get("name") or m.get("id")
    extra = {k: v for k, v in m.items() if k not in ("name", "id", "cause", "summary", "text")}
    detail = " ".join(f"{k}={v}" for k, v in extra.items() if v not in (None, [], ""))
    return f"    {kind[:-1]:9} {m['cause']:28} {label}  {detail}".rstrip()


def render_score(score: ArticleScore, *, extras: bool = True) -> list[str]:
    lines = []
    for kind in KINDS:
        s = getattr(score, kind)
        lines.append(f"  {kind:10} P {s.precision:.2f}  R {s.found}/{s.required}  F1 {s.f1:.2f}")
        lines += [_miss_line(kind, m) for m in s.misses]
        if extras:
            lines += [_miss_line(kind, m | {"name": m.get("name") or m.get("summary") or m.get("text")})
                      for m in s.extras]
    return lines


def render_corpus(result: CorpusResult, name: str, *, extras: bool = True) -> str:
    lines = []
    for a in result.articles:
        lines.append(f"{a.file} (document {a.document_id})")
        lines += render_score(a.score, extras=extras)
    fused, told = result.fused()
    if told:
        lines.append("stories:")
        for k, v in told.items():
            lines.append(f"  {'fused' if k in fused else 'SPLIT':5} {k}: " + ", ".join(f"{f}={i}" for f, i in v))
    lines.append("causes of misses:")
    for kind, counts in cause_counts(result).items():
        lines.append(f"  {kind}: " + ", ".join(f"{c} {n}" for c, n in counts.items()))
    lines.append(corpus_summary(result, name))
    return "\n".join(lines)
