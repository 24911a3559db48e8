"""Build a throwaway knowledge base in process, ingest a gold corpus into it, and score it through the v1 API.

Ingestion takes the paths users take (`eventkb seed` for a seed folder, the `POST /documents` service for each
article) and scoring reads the same JSON the API serves, so the figures are the ones a client would measure.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.evaluate.corpus import GoldArticle, load_corpus, load_seed_gold
from app.evaluate.scoring import ArticleScore, Scorer, f1

API = "/api/v1"


@dataclass
class ArticleResult:
    file: str
    document_id: int
    score: ArticleScore


@dataclass
class CorpusResult:
    """Per-article scores, the corpus totals (recall summed, precision averaged per article) and story fusion."""

    articles: list[ArticleResult] = field(default_factory=list)
    stories: dict[str, list[tuple[str, Any]]] = field(default_factory=dict)  # story event -> [(file, system id)]

    def totals(self) -> dict[str, dict[str, float]]:
        out = {}
        n = max(1, len(self.articles))
        for kind in ("actors", "events", "statements"):
            sections = [getattr(a.score, kind) for a in self.articles]
            required, found = sum(s.required for s in sections), sum(s.found for s in sections)
            precision = sum(s.precision for s in sections) / n
            out[kind] = {"required": required, "found": found, "recall": found / max(1, required),
                         "precision": precision, "f1": f1(found, required, precision)}
        return out

    def fused(self) -> tuple[list[str], dict[str, list[tuple[str, Any]]]]:
        """Story events told by several articles, and those whose every telling is one stored event."""
        told = {k: v for k, v in self.stories.items() if len(v) > 1}
        ok = [k for k, v in told.items() if None not in {i for _, i in v} and len({i for _, i in v}) == 1]
        return ok, told


@contextmanager
def temporary_kb(database_url: str | None = None) -> Iterator[tuple[Engine, Any]]:
    """A migrated knowledge base (a temporary SQLite file unless a URL is given) and an API client on it."""
    from fastapi.testclient import TestClient

    from app import migrate
    from app.config import Settings
    from app.db import make_engine
    from app.main import create_app

    with tempfile.TemporaryDirectory(prefix="eventkb-eval-") as tmp:
        url = database_url or f"sqlite:///{Path(tmp) / 'kb.db'}"
        migrate.upgrade(url)
        # nothing from the environment: a configured read key or data directory must not change what is measured
        settings = Settings(_env_file=None, database_url=url, log_level="WARNING", api_key="evaluate",
                            read_api_key=None, data_dir=Path(tmp))
        engine = make_engine(url)
        try:
            with TestClient(create_app(settings), base_url="http://localhost",
                            headers={"X-API-Key": settings.api_key}) as client:
                yield engine, client
        finally:
            engine.dispose()


def load_seeds(engine: Engine, seeds_dir: Path) -> None:
    """Load a seed folder the way `eventkb seed` does."""
    from app.documents.bulk import ingest, seed_items

    items = seed_items(seeds_dir)
    summary = ingest(engine, items, max_bytes=10_000_000, reextract=True, batch_size=8)
    if summary.failed:
        raise RuntimeError(f"seed loading failed: {summary.failed}")


def post_article(engine: Engine, article: GoldArticle) -> int:
    """Store one article through the service behind `POST /documents`; returns its document id."""
    from app.db import writer
    from app.documents.service import create_document, validate_new_document

    new = validate_new_document(article.text, max_bytes=10_000_000, title=article.title, outlet=article.outlet,
                                url=article.url, published=article.published)
    with Session(writer(engine), expire_on_commit=False) as session:
        item, _, _ = create_document(session, new)
        session.commit()
    return int(item["id"])


def get_all(client: Any, path: str, params: dict[str, Any] | None = None, cap: int = 5000) -> list[dict]:
    """Every item of a list endpoint, page by page."""
    params = {"limit": 100, **(params or {})}
    items: list[dict] = []
    cursor = None
    while True:
        page = client.get(API + path, params={**params, **({"cursor": cursor} if cursor else {})})
        page.raise_for_status()
        body = page.json()
        items += body.get("items", [])
        cursor = body.get("next_cursor")
        if not cursor or len(items) >= cap:
            return items


def _listings(client: Any, params: dict[str, Any] | None = None) -> tuple[list[dict], list[dict], list[dict]]:
    return (get_all(client, "/actors", params), get_all(client, "/events", params),
            get_all(client, "/statements", params))


def evaluate_corpus(gold_dir: Path, texts_dir: Path, *, seeds_dir: Path | None = None,
                    database_url: str | None = None,
                    progress: Callable[[str], None] | None = None) -> CorpusResult:
    """Ingest each article of a gold corpus (after `seeds_dir`, if given) and score it alone, in manifest order."""
    articles = load_corpus(gold_dir, texts_dir)
    result = CorpusResult()
    sides: dict[str, set[str]] = {}  # kept for the whole run, as the owner's scorer keeps it
    with temporary_kb(database_url) as (engine, client):
        if seeds_dir is not None:
            load_seeds(engine, seeds_dir)
        for article in articles:
            if progress:
                progress(article.file)
            document_id = post_article(engine, article)
            score = Scorer(article.gold, sides).score(*_listings(client, {"document": document_id}))
            result.articles.append(ArticleResult(article.file, document_id, score))
            for e in article.gold["events"]:
                if e.get("story_event"):
                    hit = score.matched_events.get(e["id"])
                    result.stories.setdefault(e["story_event"], []).append(
                        (article.file, hit["system_id"] if hit else None))
    return result


def evaluate_seed_gold(gold_file: Path, seeds_dir: Path, *, database_url: str | None = None) -> ArticleScore:
    """Load a seed folder into a fresh knowledge base and score all of it against a gold file for those seeds."""
    gold = load_seed_gold(gold_file)
    with temporary_kb(database_url) as (engine, client):
        load_seeds(engine, seeds_dir)
        return Scorer(gold).score(*_listings(client))
