"""The layering rules that keep routers thin: HTTP only, no router borrowing another router's helpers."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_router_imports_another_router():
    routers = sorted(APP.glob("*/router.py"))
    assert len(routers) >= 8
    borrowed = {f"{r.parent.name}: {m}" for r in routers for m in imported_modules(r) if m.endswith(".router")}
    assert borrowed == set()


def test_no_router_builds_a_query():
    for router in APP.glob("*/router.py"):
        modules = imported_modules(router)
        assert not {"sqlmodel.select", "sqlalchemy.select", "sqlalchemy.text"} & modules, router


def test_each_value_list_is_published_as_defined_once(client):
    from app.discrepancies.schemas import DISCREPANCY_KINDS
    from app.extract.types import ACTOR_TYPES, PARTICIPANT_ROLES

    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]

    def enum(schema: dict) -> list:
        for option in schema.get("anyOf", [schema]):
            if "enum" in option:
                return option["enum"]
        raise AssertionError(schema)

    params = {p["name"]: p["schema"] for p in spec["paths"]["/api/v1/actors"]["get"]["parameters"]}
    assert enum(params["type"]) == list(ACTOR_TYPES)
    assert enum(schemas["ActorPublic"]["properties"]["type"]) == list(ACTOR_TYPES)
    assert enum(schemas["ParticipantPublic"]["properties"]["type"]) == list(ACTOR_TYPES)
    assert enum(schemas["ParticipantPublic"]["properties"]["role"]) == list(PARTICIPANT_ROLES)
    params = {p["name"]: p["schema"] for p in spec["paths"]["/api/v1/discrepancies"]["get"]["parameters"]}
    assert enum(params["kind"]) == list(DISCREPANCY_KINDS)
    assert enum(schemas["DiscrepancyPublic"]["properties"]["kind"]) == list(DISCREPANCY_KINDS)
