"""Gold corpora on disk: a folder with manifest.json and gold/ (one annotation per article), or one seed gold file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from app.evaluate.scoring import prepare_gold


class CorpusError(ValueError):
    """A gold corpus that cannot be read: the message names the file and what is wrong."""


@dataclass
class GoldArticle:
    """One article to ingest and score alone: its text, its metadata and its gold annotation."""

    file: str
    text: str
    gold: dict[str, Any]
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    story: str | None = None


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CorpusError(f"{path}: no such file") from None
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{path}: invalid JSON ({exc.msg}, line {exc.lineno})") from None


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CorpusError(f"{path}: no such file (the article texts are kept outside the gold folder)") from None


def _date(value: Any, where: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise CorpusError(f"{where}: published date {value!r} is not an ISO date") from None


def load_corpus(gold_dir: Path, texts_dir: Path) -> list[GoldArticle]:
    """The articles of a corpus folder (manifest.json + gold/), in manifest order, texts read from `texts_dir`."""
    manifest = _read_json(gold_dir / "manifest.json")
    entries = manifest.get("articles") if isinstance(manifest, dict) else None
    if not isinstance(entries, list):
        raise CorpusError(f"{gold_dir / 'manifest.json'}: expected an object with an \"articles\" list")
    articles = []
    for n, m in enumerate(entries):
        if not isinstance(m, dict) or not isinstance(m.get("file"), str):
            raise CorpusError(f"{gold_dir / 'manifest.json'}: article {n} has no \"file\"")
        gold_path = gold_dir / "gold" / (Path(m["file"]).stem + ".json")
        gold = _read_json(gold_path)
        for key in ("actors", "events", "statements"):
            if not isinstance(gold.get(key), list):
                raise CorpusError(f"{gold_path}: \"{key}\" must be a list")
        articles.append(GoldArticle(
            file=m["file"], text=_read_text(texts_dir / m["file"]), gold=prepare_gold(gold), title=m.get("title"),
            outlet=m.get("outlet"), url=m.get("url"), story=m.get("story"),
            published=_date(m.get("published_date") or m.get("published"), m["file"])))
    return articles


def load_seed_gold(gold_file: Path) -> dict[str, Any]:
    """A gold file that describes several articles together (the seeds): used as written, no defaults added."""
    gold = _read_json(gold_file)
    for key in ("actors", "events", "statements"):
        if not isinstance(gold.get(key), list):
            raise CorpusError(f"{gold_file}: \"{key}\" must be a list")
    return gold
