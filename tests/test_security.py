"""Closed by default: writes need the write key (configured, or generated owner-only on first start); reads are
open unless a read key is set; only the allowed Host names are served; open writes never face the network."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.config import Settings
from app.hosts import exposure_problem
from app.main import create_app
from app.security import KeyFileError

ROOT = Path(__file__).resolve().parent.parent
NOT_ENGLISH = {"text": "Dies ist kein englischer Text, er wird gespeichert und nicht ausgewertet."}


def client_with(database_url: str, data_dir: Path, **options) -> TestClient:
    settings = Settings(database_url=database_url, _env_file=None, data_dir=data_dir, **options)
    return TestClient(create_app(settings), base_url="http://localhost")


def test_a_fresh_server_refuses_anonymous_writes_and_keeps_a_generated_key_owner_only(database_url, tmp_path):
    key_file = tmp_path / "data" / "api-key"
    with client_with(database_url, tmp_path / "data") as c:
        refused = c.post("/api/v1/documents", json=NOT_ENGLISH)
        assert refused.status_code == 401 and refused.headers["content-type"] == "application/problem+json"
        assert "X-API-Key" in refused.json()["detail"] and "eventkb api-key" in refused.json()["detail"]
        assert c.delete("/api/v1/documents/1").status_code == 401
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        key = key_file.read_text().strip()
        assert len(key) >= 32
        created = c.post("/api/v1/documents", json=NOT_ENGLISH, headers={"X-API-Key": key})
        assert created.status_code == 201
        assert c.get("/api/v1/documents").json()["total"] == 1  # reads stay open
    with client_with(database_url, tmp_path / "data") as c:  # a restart keeps the same key
        assert c.delete(f"/api/v1/documents/{created.json()['id']}", headers={"X-API-Key": key}).status_code == 204


def test_a_key_file_others_can_read_stops_the_start(database_url, tmp_path):
    key_file = tmp_path / "data" / "api-key"
    key_file.parent.mkdir()
    key_file.write_text("k" * 40)
    os.chmod(key_file, 0o644)
    with pytest.raises(KeyFileError, match="chmod 600"), client_with(database_url, tmp_path / "data"):
        pass


def test_writes_need_the_configured_key(database_url, tmp_path):
    with client_with(database_url, tmp_path, api_key="s3cret-s3cret-s3cret") as c:
        for headers in ({}, {"X-API-Key": "wrong"}, {"X-API-Key": "s3cret-s3cret-s3cret "}):
            r = c.post("/api/v1/documents", json={"text": "Leaders met."}, headers=headers)
            assert r.status_code == 401 and r.headers["content-type"].startswith("application/problem+json")
            assert c.delete("/api/v1/documents/1", headers=headers).status_code == 401
        assert c.get("/api/v1/documents").status_code == 200  # reads stay open without a read key
        assert c.delete("/api/v1/documents/1", headers={"X-API-Key": "s3cret-s3cret-s3cret"}).status_code == 404
    assert not (tmp_path / "api-key").exists()  # a configured key generates no file


def test_anonymous_writes_only_when_opened_explicitly(database_url, tmp_path):
    with client_with(database_url, tmp_path, allow_anonymous_writes=True) as c:
        assert c.post("/api/v1/documents", json=NOT_ENGLISH).status_code == 201


def test_read_key_protects_reads_and_the_write_key_also_reads(database_url, tmp_path):
    with client_with(database_url, tmp_path / "data", read_api_key="r") as c:
        generated = (tmp_path / "data" / "api-key").read_text().strip()
        assert c.get("/api/v1/events").status_code == 401
        assert c.get("/api/v1/events", headers={"X-API-Key": "r"}).status_code == 200
        assert c.get("/api/v1/events", headers={"X-API-Key": generated}).status_code == 200
        assert c.post("/api/v1/documents", json=NOT_ENGLISH, headers={"X-API-Key": "r"}).status_code == 401
        assert c.get("/healthz").status_code == 200  # liveness stays open for orchestrators


def test_cors_comes_from_settings(database_url, tmp_path):
    with client_with(database_url, tmp_path, cors_origins=["https://dash.example"]) as c:
        preflight = {"Access-Control-Request-Method": "GET"}
        r = c.options("/api/v1/events", headers={"Origin": "https://dash.example", **preflight})
        assert r.headers.get("access-control-allow-origin") == "https://dash.example"
        r = c.options("/api/v1/events", headers={"Origin": "https://evil.example", **preflight})
        assert r.headers.get("access-control-allow-origin") is None


@pytest.mark.parametrize(("options", "host", "served"), [
    ({}, "localhost:8000", True),
    ({}, "127.0.0.1:8000", True),
    ({}, "[::1]:8000", True),
    ({}, "rebind.attacker.example", False),  # a DNS-rebinding page sends its own name
    ({}, "127.0.0.1.attacker.example", False),
    ({"host": "0.0.0.0"}, "kb.example.org", True),  # bound to every interface: names are the operator's to list
    ({"host": "0.0.0.0", "allowed_hosts": ["kb.example.org", "*.kb.example.org"]}, "api.kb.example.org", True),
    ({"host": "0.0.0.0", "allowed_hosts": ["kb.example.org"]}, "other.example.org", False),
])
def test_only_allowed_host_names_are_served(database_url, tmp_path, options, host, served):
    with client_with(database_url, tmp_path, **options) as c:
        r = c.get("/api/v1/events", headers={"Host": host})
        if served:
            assert r.status_code == 200
        else:
            assert r.status_code == 400 and r.headers["content-type"] == "application/problem+json"
            assert "EVENTKB_ALLOWED_HOSTS" in r.json()["detail"]


def test_open_writes_never_face_the_network(tmp_path):
    anonymous = Settings(_env_file=None, allow_anonymous_writes=True, data_dir=tmp_path)
    assert exposure_problem(anonymous, "0.0.0.0") and exposure_problem(anonymous, "192.168.1.20")
    assert exposure_problem(anonymous, "127.0.0.1") is None and exposure_problem(anonymous, "localhost") is None
    keyed = Settings(_env_file=None, allow_anonymous_writes=True, api_key="k" * 20, data_dir=tmp_path)
    assert exposure_problem(keyed, "0.0.0.0") is None
    assert exposure_problem(Settings(_env_file=None, data_dir=tmp_path), "0.0.0.0") is None  # generated key


def test_the_cli_prints_where_the_key_is_and_refuses_open_writes_on_all_interfaces(tmp_path, monkeypatch):
    from app import cli
    from app.config import get_settings

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    get_settings.cache_clear()
    try:
        shown = runner.invoke(cli.app, ["api-key"])
        assert shown.exit_code == 0 and "data/api-key" in shown.output and "X-API-Key" in shown.output
        key = runner.invoke(cli.app, ["api-key", "--show"]).output.strip()
        assert key == (tmp_path / "data" / "api-key").read_text().strip()
        get_settings.cache_clear()
        env = {"EVENTKB_HOST": "0.0.0.0", "EVENTKB_ALLOW_ANONYMOUS_WRITES": "true"}
        refused = runner.invoke(cli.app, ["serve"], env=env)
        assert refused.exit_code == 2 and "refusing to serve on 0.0.0.0" in refused.output
    finally:
        get_settings.cache_clear()


def test_the_docker_entrypoint_refuses_open_writes_before_touching_the_database(tmp_path):
    env = {**os.environ, "PATH": f"{ROOT / '.venv' / 'bin'}:{os.environ['PATH']}", "EVENTKB_HOST": "0.0.0.0",
           "EVENTKB_ALLOW_ANONYMOUS_WRITES": "true", "EVENTKB_DATABASE_URL": f"sqlite:///{tmp_path}/kb.db",
           "EVENTKB_DATA_DIR": str(tmp_path)}
    run = subprocess.run(["sh", str(ROOT / "docker-entrypoint.sh")], env=env, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 2, run.stderr
    assert "refusing to serve on 0.0.0.0" in run.stderr
    assert not (tmp_path / "kb.db").exists()
