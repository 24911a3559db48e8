"""/docs and /redoc work offline: every asset is served by the app from the installed fastapi-offline package,
neither page names an outside URL, and in a real headless Chromium with no name resolution beyond this machine
both render the list of operations without requesting anything from elsewhere."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path

import pytest
from sqlmodel import Session

from app.db import make_engine
from tests.factories import small_kb
from tests.support.server import free_port, serve_process

PAGES = ["/docs", "/redoc"]
REFERENCE = re.compile(r"""(?:src|href|url|spec-url)\s*[=:(]\s*["']?([^"')\s>]+)""")


@pytest.mark.parametrize("page", PAGES)
def test_the_page_names_no_outside_url_and_every_asset_it_names_is_served(client, page):
    r = client.get(page)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert not re.search(r"https?://|//cdn|fonts\.googleapis", r.text), re.findall(r"\S*https?://\S*", r.text)
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "img-src 'self' data:" in csp and "https:" not in csp
    references = set(REFERENCE.findall(r.text))
    assert references, r.text
    for ref in references:
        assert ref.startswith("/"), ref
        got = client.get(ref)
        assert got.status_code == 200, ref
    assert "/openapi.json" in references


def test_the_assets_are_the_installed_packages_not_a_copy(client):
    static = files("fastapi_offline") / "static"
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js", "favicon.png"):
        served = client.get(f"/docs-assets/{name}")
        assert served.status_code == 200 and served.content == (static / name).read_bytes()
    repo = Path(__file__).resolve().parent.parent / "app"
    assert not list(repo.rglob("swagger-ui-bundle.js")) and not list(repo.rglob("redoc.standalone.js"))


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# no outside name resolves (an air-gapped machine), and none of the browser's own background traffic
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-extensions",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-default-apps", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
         "--virtual-time-budget=30000"]


def render(url: str, netlog: Path) -> tuple[str, list[tuple[str, str | None]]]:
    """The DOM after the page's scripts ran, and every request (url, initiator) the browser started."""
    run = subprocess.run([CHROMIUM, *FLAGS, f"--log-net-log={netlog}", "--dump-dom", url], capture_output=True,
                         text=True, timeout=180)
    assert run.returncode == 0, run.stderr[-2000:]
    log = json.loads(netlog.read_text())
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    requests = [(e["params"]["url"], e["params"].get("initiator")) for e in log["events"]
                if e["type"] == start and "url" in e.get("params", {})]
    return run.stdout, requests


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_both_pages_render_every_operation_offline_in_headless_chromium(database_url, tmp_path):
    engine = make_engine(database_url)
    with Session(engine) as session:
        small_kb(session)
    engine.dispose()
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    log = (tmp_path / "server.log").open("wb")
    server = serve_process(database_url, port, log, env={"EVENTKB_API_KEY": "docs-test-key"})
    try:
        import httpx

        spec = httpx.get(f"{origin}/openapi.json").json()
        operations = {op["operationId"] for methods in spec["paths"].values() for op in methods.values()}
        swagger, swagger_requests = render(f"{origin}/docs", tmp_path / "docs.json")
        redoc, redoc_requests = render(f"{origin}/redoc", tmp_path / "redoc.json")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    # Swagger UI: one block per path, each linking to its operations
    assert set(re.findall(r'class="opblock-summary-path" data-path="([^"]+)"', swagger)) == set(spec["paths"])
    assert {op for op in operations if f"{op}" in swagger} == operations
    # ReDoc: a menu entry and a section per operation
    assert set(re.findall(r'operation/([A-Za-z0-9_]+)', redoc)) >= operations
    for requests, asset in ((swagger_requests, "swagger-ui-bundle.js"), (redoc_requests, "redoc.standalone.js")):
        from_the_page = [url for url, initiator in requests if initiator == origin]
        assert any(url.endswith(asset) for url in from_the_page)
        assert any(url.endswith("/openapi.json") for url in from_the_page)
        assert [url for url in from_the_page if not url.startswith(origin)] == []
