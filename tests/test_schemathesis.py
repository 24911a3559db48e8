"""The API against its own schema: `schemathesis run --checks all` (every check, every phase), as the README runs
it, against real uvicorn on this test's database (SQLite, or PostgreSQL with --db-url), with the repository's
schemathesis.toml. It must report no failure and no error (warnings, such as ids it could not find, are fine).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from sqlmodel import Session

from app.db import make_engine
from tests.factories import small_kb
from tests.support.server import free_port, serve_process

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
KEY = "schemathesis-test-key"
EXAMPLES = 40  # per operation and phase: ~2,500 requests over the 18 operations


def test_schemathesis_checks_all_find_nothing(database_url, tmp_path):
    engine = make_engine(database_url)
    with Session(engine) as session:
        small_kb(session)
    engine.dispose()
    port = free_port()
    log = (tmp_path / "server.log").open("wb")
    server = serve_process(database_url, port, log, env={"EVENTKB_API_KEY": KEY})
    try:
        run = subprocess.run(
            [str(Path(sys.executable).parent / "schemathesis"), "run", f"http://127.0.0.1:{port}/openapi.json",
             "--checks", "all", "-H", f"X-API-Key: {KEY}", "--max-examples", str(EXAMPLES), "--no-color",
             "--report", "junit", "--report-dir", str(tmp_path)],
            cwd=ROOT, capture_output=True, text=True, timeout=1500)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    summary = run.stdout[-3000:]
    print(summary)
    assert run.returncode == 0, summary
    [report] = tmp_path.glob("junit-*.xml")
    suite = ElementTree.parse(report).getroot()
    assert (suite.get("failures"), suite.get("errors")) == ("0", "0"), summary
    assert int(suite.get("tests")) >= 18  # one per operation, plus the stateful run
    generated = [line for line in run.stdout.splitlines() if " generated, " in line]
    assert generated and int(generated[-1].split()[0]) >= 1000, summary
    assert b"Traceback" not in (tmp_path / "server.log").read_bytes()
