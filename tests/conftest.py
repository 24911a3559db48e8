"""Shared fixtures: a migrated database per test (SQLite file or PostgreSQL), an app client, the NLP pipeline.

Pick the backend with `--db-url` (default: a fresh SQLite file per test). `--require-db` turns an
unreachable database into a failure instead of a skip (CI sets it for the PostgreSQL leg).
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect, make_url, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app import migrate
from app.config import Settings
from app.db import make_engine

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "data" / "seeds.gold.json"  # a copy of shared/gold: the spec, used only by tests


@pytest.fixture(autouse=True, scope="session")
def _verify_reused_statements() -> None:
    """Every list page that reuses a cached statement is checked against a fresh build (app/statement_cache.py)."""
    from app import statement_cache

    statement_cache.VERIFY = True


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--db-url", default=None, help="run against this database (e.g. PostgreSQL) instead of SQLite")
    parser.addoption("--require-db", action="store_true", help="fail, not skip, when --db-url is unreachable")


@pytest.fixture(scope="session")
def db_backend(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """Migrate once per session: a template SQLite file, or a throwaway PostgreSQL database.

    On PostgreSQL each test session creates its own database next to the one named in --db-url, so
    concurrent runs (CI legs, developers) never share tables; it is dropped at the end.
    """
    url = request.config.getoption("--db-url")
    if not url:
        template = tmp_path_factory.mktemp("template") / "template.db"
        migrate.upgrade(f"sqlite:///{template}")
        yield {"kind": "sqlite", "template": template}
        return
    admin = make_engine(url).execution_options(isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        admin.dispose()
        if request.config.getoption("--require-db"):
            pytest.fail(f"database {url} is unreachable: {exc}")
        pytest.skip(f"database {url} is unreachable: {exc}")
    name = f"eventkb_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    session_url = make_url(url).set(database=name).render_as_string(hide_password=False)
    migrate.upgrade(session_url)
    try:
        yield {"kind": "postgresql", "url": session_url}
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def database_url(db_backend: dict, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database for this test alone."""
    if db_backend["kind"] == "sqlite":
        path = tmp_path / "eventkb.db"
        shutil.copyfile(db_backend["template"], path)
        yield f"sqlite:///{path}"
        return
    url = db_backend["url"]
    engine = make_engine(url)
    tables = [t for t in inspect(engine).get_table_names() if t != "alembic_version"]
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    engine.dispose()
    yield url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as s:
        yield s


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=database_url, _env_file=None, api_key="test-write-key", data_dir=tmp_path / "data")


@pytest.fixture
def client(settings: Settings):
    """A TestClient over a freshly migrated, empty database."""
    from fastapi.testclient import TestClient

    from app.main import create_app

    with TestClient(create_app(settings), base_url="http://localhost", headers={"X-API-Key": settings.api_key}) as c:
        yield c


@pytest.fixture(scope="session")
def nlp():
    """The real pipeline, loaded once for the whole run."""
    from app.extract.pipeline import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD.read_text())


@pytest.fixture(scope="session")
def seed_manifest() -> dict:
    return json.loads((SEEDS / "manifest.json").read_text())


@pytest.fixture(scope="session")
def seed_texts(seed_manifest: dict) -> dict[str, tuple[str, date]]:
    """Gold document key (A, B) -> (text, published)."""
    out = {}
    for key, entry in zip("AB", seed_manifest["documents"], strict=True):
        out[key] = ((SEEDS / entry["file"]).read_text(), date.fromisoformat(entry["published"]))
    return out
