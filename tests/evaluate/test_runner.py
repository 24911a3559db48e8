"""`eventkb evaluate` gives the owner's scorer's figures on the same inputs: the seeds and a small corpus.

The reference is a copy of shared/tools/kbscore.py whose HTTP helpers are pointed at an in-process client, so
both sides read the same API from knowledge bases built the same way.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.evaluate import evaluate_corpus, evaluate_seed_gold
from app.evaluate.corpus import load_corpus
from app.evaluate.report import corpus_summary, seed_summary
from app.evaluate.runner import load_seeds, post_article, temporary_kb
from tests.conftest import GOLD, SEEDS
from tests.support import kbscore_reference as kbscore

ARTICLES = {
    "a1_fish.txt": (
        "Norway and Iceland sign fishing accord\n\n"
        "OSLO, March 3 (Agency) - Norway and Iceland signed an agreement on mackerel quotas on Friday after "
        "two years of talks, the Norwegian foreign ministry said.\n\n"
        "Norwegian Foreign Minister Kari Holm said the accord would protect fishing communities. "
        "Icelandic Prime Minister Einar Jonsson called the deal fair.\n\n"
        "On Tuesday, coast guard vessels detained two trawlers near the Faroe Islands.\n"),
    "a2_fish.txt": (
        "Iceland and Norway agreed on Friday on how to share mackerel quotas, ending a long dispute.\n\n"
        "Jonsson told reporters in Reykjavik that the accord was balanced. Holm said the two governments would "
        "meet again in June.\n"),
}
GOLDS = {
    "a1_fish.json": {
        "actors": [{"name": "Norway", "type": "country"}, {"name": "Iceland", "type": "country"},
                   {"name": "Kari Holm", "type": "person", "aliases": ["Holm"]},
                   {"name": "Einar Jonsson", "type": "person", "aliases": ["Jonsson"]},
                   {"name": "Ministry of Foreign Affairs of Norway", "type": "organization", "country": "Norway"}],
        "events": [{"summary": "Norway and Iceland sign a quota agreement", "type": "AGREE", "date": "2023-03-03",
                    "actors": ["Norway", "Iceland"], "story_event": "fish:accord"},
                   {"summary": "coast guard detains trawlers", "type": "ARREST", "date": "2023-02-28",
                    "actors": ["Norway"]}],
        "statements": [{"speaker": "Kari Holm", "words": ["accord", "protect", "fishing", "communities"]},
                       {"speaker": "Einar Jonsson", "words": ["deal", "fair"]}]},
    "a2_fish.json": {
        "actors": [{"name": "Norway", "type": "country"}, {"name": "Iceland", "type": "country"},
                   {"name": "Kari Holm", "type": "person", "aliases": ["Holm"]},
                   {"name": "Einar Jonsson", "type": "person", "aliases": ["Jonsson"]}],
        "events": [{"summary": "Iceland and Norway agree on quotas", "type": "AGREE", "date": "2023-03-03",
                    "actors": ["Norway", "Iceland"], "story_event": "fish:accord"}],
        "statements": [{"speaker": "Einar Jonsson", "words": ["accord", "balanced"]},
                       {"speaker": "Kari Holm", "words": ["governments", "meet", "june"]}]},
}


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    gold_dir, texts = tmp_path / "corpus", tmp_path / "texts"
    (gold_dir / "gold").mkdir(parents=True)
    texts.mkdir()
    manifest = {"articles": [
        {"file": "a1_fish.txt", "title": "Norway and Iceland sign fishing accord", "outlet": "Agency",
         "published_date": "2023-03-04", "story": "fish"},
        {"file": "a2_fish.txt", "title": "Quota dispute ends", "outlet": "Daily", "published_date": "2023-03-05",
         "story": "fish"}]}
    (gold_dir / "manifest.json").write_text(json.dumps(manifest))
    for name, gold in GOLDS.items():
        (gold_dir / "gold" / name).write_text(json.dumps(gold))
    for name, text in ARTICLES.items():
        (texts / name).write_text(text)
    return gold_dir, texts


@contextlib.contextmanager
def reference_against(client):
    """Point the reference scorer's HTTP helpers at the in-process client."""
    saved = kbscore.get, kbscore.post, dict(kbscore.SIDES)
    kbscore.get = lambda base, path, params=None: client.get(path, params=params).raise_for_status().json()
    kbscore.post = lambda base, path, body, headers=None: client.post(path, json=body).raise_for_status().json()
    kbscore.SIDES.clear()
    try:
        yield
    finally:
        kbscore.get, kbscore.post = saved[0], saved[1]
        kbscore.SIDES.clear()
        kbscore.SIDES.update(saved[2])


def run_reference(client, *argv: str) -> str:
    out = io.StringIO()
    with reference_against(client), contextlib.redirect_stdout(out):
        old = sys.argv
        sys.argv = ["kbscore", "--base", "", *argv]
        try:
            kbscore.main()
        finally:
            sys.argv = old
    return out.getvalue().strip().splitlines()[-1]


def test_seed_figures_equal_the_owners_scorer():
    with temporary_kb() as (engine, client):
        load_seeds(engine, SEEDS)
        reference = run_reference(client, "--gold", str(GOLD))
    ours = seed_summary(evaluate_seed_gold(GOLD, SEEDS))
    assert ours == reference
    assert ours.startswith("seeds: actor F1 ")


def test_corpus_figures_equal_the_owners_scorer(corpus):
    gold_dir, texts = corpus
    with temporary_kb() as (_, client):
        reference = run_reference(client, "--gold-dir", str(gold_dir), "--texts", str(texts))
    result = evaluate_corpus(gold_dir, texts)
    assert corpus_summary(result, "corpus") == reference
    # the run really scored something: both articles were stored and the accord was found in at least one
    assert [a.document_id for a in result.articles] == [1, 2]
    assert result.totals()["actors"]["found"] >= 6
    assert "fish:accord" in result.stories


def test_misses_are_listed_with_causes(corpus):
    gold_dir, texts = corpus
    result = evaluate_corpus(gold_dir, texts)
    first = result.articles[0].score
    # the trawler detention names no participant the gold lists, or is not found at all: either way it has a cause
    misses = {m["id"]: m["cause"] for m in first.events.misses}
    allowed = {"no trigger", "wrong type", "wrong date", "no shared participant", "taken by another gold event"}
    assert set(misses.values()) <= allowed
    assert all(m["cause"] in {"missing", "duplicate"} for m in first.actors.misses)


def test_post_article_is_the_api_path(corpus):
    gold_dir, texts = corpus
    [first, _] = load_corpus(gold_dir, texts)
    with temporary_kb() as (engine, client):
        document_id = post_article(engine, first)
        item = client.get(f"/api/v1/documents/{document_id}").json()
    assert item["outlet"] == "Agency" and item["published"] == "2023-03-04"
    assert item["counts"]["actors"] > 0


def test_cli_prints_the_summary_and_misses(corpus):
    from app.cli import app

    gold_dir, texts = corpus
    result = CliRunner().invoke(app, ["evaluate", "--gold-dir", str(gold_dir), "--texts", str(texts)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[-1].startswith("corpus: actors F1 ")
    assert "causes of misses:" in lines
    as_json = CliRunner().invoke(app, ["evaluate", "--gold-dir", str(gold_dir), "--texts", str(texts), "--json"])
    payload = json.loads(as_json.stdout)
    assert payload["summary"] == lines[-1]
    assert [a["file"] for a in payload["articles"]] == ["a1_fish.txt", "a2_fish.txt"]


def test_a_missing_text_is_a_clear_error(corpus, tmp_path):
    from app.cli import app

    gold_dir, _ = corpus
    result = CliRunner().invoke(app, ["evaluate", "--gold-dir", str(gold_dir), "--texts", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "a1_fish.txt: no such file" in " ".join(result.output.split())
