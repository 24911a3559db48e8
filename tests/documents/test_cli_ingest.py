"""`eventkb ingest` over bad records and broken links: each is reported with its reason and the run goes on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlmodel import Session

from app.documents.bulk import RawItem, ingest, read_inputs
from app.models import Document

ROOT = Path(__file__).resolve().parents[2]
GOOD = [
    "The foreign minister of Kenya met his Norwegian counterpart in Oslo on Monday.",
    "Turkey accused Egypt of violating the agreement on Wednesday, the ministry said.",
    "Authorities in Ottawa arrested three men on Thursday, police said.",
]


def bad_folder(root: Path) -> Path:
    """Good and bad records side by side, a broken file, and every kind of link that cannot be followed."""
    folder = root / "in"
    (folder / "nested").mkdir(parents=True)
    lines = [
        {"text": GOOD[0], "published": "2024-05-01", "title": "good 1"},
        {"text": "Police in Cairo detained 12 activists on Tuesday.", "published": 20240501},
        {"text": "The envoy said on Monday that talks would resume. A day earlier, officials met.",
         "published": "0001-01-02", "title": "calendar edge"},
        {"text": "Officials met.", "published": "2024-02-30"},
        {"text": "\u200b\u200d\ufeff"},
        {"text": "The chancellor visited Warsaw on Friday.", "published": "2024-05-03", "title": 7},
        {"text": GOOD[1], "published": "2024-05-02", "title": "good 2"},
    ]
    records = "".join(json.dumps(line) + "\n" for line in lines) + "{broken json\n" + \
        json.dumps({"text": GOOD[2], "published": "2024-05-02", "title": "good 3"}) + "\n"
    (folder / "records.jsonl").write_text(records)
    (folder / "article.txt").write_text("Mexico and Canada signed an energy agreement on Tuesday, officials said.\n")
    (folder / "latin1.txt").write_bytes("Caf\xe9 talks ended.".encode("latin-1"))
    os.symlink("gone.txt", folder / "dangling.txt")
    os.symlink("self.txt", folder / "self.txt")
    os.symlink("..", folder / "nested" / "loop")
    os.symlink("nested", folder / "again")
    return folder


EXPECTED_FAILURES = {
    "again": "symbolic link to a folder already read as",
    "dangling.txt": "dangling symbolic link",
    "latin1.txt": "not UTF-8",
    "nested/loop": "symbolic link loop: leads back to the enclosing folder",
    "records.jsonl:2": "published: must be an ISO date string",
    "records.jsonl:4": "published: '2024-02-30' is not a date",
    "records.jsonl:5": "text: is empty",
    "records.jsonl:6": "title: must be a string",
    "records.jsonl:8": "invalid JSON",
    "self.txt": "symbolic link loop",
}


def test_links_that_cannot_be_followed_are_reported_not_skipped(tmp_path):
    folder = bad_folder(tmp_path)
    errors = {str(Path(i.name).relative_to(folder)): i.error for i in read_inputs([str(folder)]) if i.error}
    assert {k: v for k, v in errors.items() if k in ("again", "dangling.txt", "nested/loop", "self.txt")} == {
        "again": f"symbolic link to a folder already read as {folder / 'nested'}",
        "dangling.txt": "dangling symbolic link (its target gone.txt does not exist)",
        "nested/loop": f"symbolic link loop: leads back to the enclosing folder {folder}",
        "self.txt": "symbolic link loop"}


@pytest.mark.slow
def test_the_cli_reports_each_bad_record_and_stores_the_lines_after_it(tmp_path, database_url, engine):
    folder = bad_folder(tmp_path)
    env = {**os.environ, "EVENTKB_DATABASE_URL": database_url, "EVENTKB_LOG_LEVEL": "INFO", "COLUMNS": "200"}
    done = subprocess.run([sys.executable, "-m", "app.cli", "ingest", str(folder), "--batch-size", "4"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    failed = {str(Path(f["item"]).relative_to(folder)): f["reason"] for f in summary["failed"]}
    assert set(failed) == set(EXPECTED_FAILURES)
    assert all(failed[k].startswith(v) for k, v in EXPECTED_FAILURES.items()), failed
    assert summary["stored"] == 5 and summary["skipped"] == 0  # 3 good lines, the calendar edge, article.txt
    with Session(engine) as s:
        titles = set(s.exec(select(Document.title)).scalars())
    assert {"good 1", "good 2", "good 3", "calendar edge", "article"} == titles  # "good 3" follows the broken line
    # one JSON log line per item, stored or failed, with its outcome (and the reason when it failed)
    logs = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    per_item = {str(Path(e["item"]).relative_to(folder)): e for e in logs if e.get("event") == "ingest"}
    assert len(per_item) == len(EXPECTED_FAILURES) + 5
    assert all(per_item[k]["outcome"] == "failed" and per_item[k]["reason"] == failed[k] for k in failed)
    assert sorted(e["document_id"] for e in per_item.values() if e["outcome"] == "stored") == [1, 2, 3, 4, 5]
    assert "stored 5" in done.stderr and "failed 10" in done.stderr and "Traceback" not in done.stderr


def test_a_document_that_fails_to_extract_is_reported_and_its_batch_is_stored(engine, monkeypatch):
    import app.extract

    def batch_fails(texts, **_):
        raise RuntimeError("the batch failed")
        yield  # a generator, as extract_many is

    real_extract = app.extract.extract

    def one_fails(text, **kwargs):
        if "poison" in text:
            raise ValueError("cannot read this one")
        return real_extract(text, **kwargs)

    monkeypatch.setattr(app.extract, "extract_many", batch_fails)
    monkeypatch.setattr(app.extract, "extract", one_fails)
    items = [RawItem(name=f"item-{i}", text=f"{text} (poison)" if i == 1 else text, meta={"published": "2024-05-01"})
             for i, text in enumerate(GOOD)]
    summary = ingest(engine, items, max_bytes=1_000_000, batch_size=8)
    assert summary.stored == 2
    assert summary.failed == [("item-1", "extraction failed: ValueError: cannot read this one")]
