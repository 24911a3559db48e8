"""kill -9 in the middle of a bulk ingest: the database stays sound, documents are whole or absent, a re-run
completes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlmodel import Session

from app.db import make_engine
from app.models import Document, EventReport, Statement
from tests.support.articles import articles

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent


def run_ingest(database_url: str, path: Path, **kw) -> subprocess.Popen:
    env = {**os.environ, "EVENTKB_DATABASE_URL": database_url, "EVENTKB_LOG_LEVEL": "WARNING"}
    return subprocess.Popen([sys.executable, "-m", "app.cli", "ingest", str(path), "--batch-size", "4"], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, **kw)


def _children(pid: int) -> list[int]:
    """Direct child processes of pid (Linux /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def stored(database_url: str) -> int:
    engine = make_engine(database_url)
    with Session(engine) as s:
        n = s.exec(select(func.count()).select_from(Document)).one()[0]
    engine.dispose()
    return n


def test_kill_nine_mid_ingest_then_rerun(database_url, tmp_path):
    docs = articles(60, seed=3)
    source = tmp_path / "articles.jsonl"
    source.write_text("\n".join(json.dumps(d) for d in docs))
    proc = run_ingest(database_url, source)
    deadline = time.time() + 300
    while stored(database_url) < 8 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
    children = _children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = stored(database_url)
    assert 0 < partial < len(docs), "the kill must land mid-run"

    engine = make_engine(database_url)
    with Session(engine) as s:
        if engine.dialect.name == "sqlite":
            assert s.exec(text("PRAGMA integrity_check")).one()[0] == "ok"
        # every stored document is whole: each one of these templates yields events and statements
        for doc_id, in s.exec(select(Document.id)).all():
            for table in (EventReport, Statement):
                rows = select(func.count()).select_from(table).where(table.document_id == doc_id)
                assert s.exec(rows).one()[0] > 0
    engine.dispose()
    # the parse process of a pipelined ingest does not outlive its writer
    deadline = time.time() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in children) and time.time() < deadline:
        time.sleep(0.2)
    assert children and not [pid for pid in children if Path(f"/proc/{pid}").exists()]

    rerun = run_ingest(database_url, source)
    out, _ = rerun.communicate(timeout=600)
    summary = json.loads(out.decode().strip().splitlines()[-1])
    assert rerun.returncode == 0
    assert summary["skipped"] == partial and summary["stored"] == len(docs) - partial and summary["failed"] == []
    assert stored(database_url) == len(docs)
