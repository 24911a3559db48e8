"""The OpenAPI document users explore at /docs: a summary on every route, described parameters with examples."""

from __future__ import annotations


def test_every_route_has_a_summary_and_every_parameter_a_description_and_example(client):
    spec = client.get("/openapi.json").json()
    problems = []
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            if not op.get("summary") or not op.get("description"):
                problems.append(f"{method} {path}: no summary/description")
            for param in op.get("parameters", []):
                if not param.get("description"):
                    problems.append(f"{method} {path} {param['name']}: no description")
                if "example" not in param and "examples" not in param and "examples" not in param.get("schema", {}):
                    problems.append(f"{method} {path} {param['name']}: no example")
            if path.startswith("/api/v1") and not op.get("tags"):
                problems.append(f"{method} {path}: no tag")
    assert problems == []
    assert {"/api/v1/events", "/api/v1/events/{event_id}", "/api/v1/events/{event_id}/readouts", "/api/v1/actors",
            "/api/v1/actors/{actor_id}/network", "/api/v1/statements", "/api/v1/documents", "/api/v1/sources",
            "/api/v1/stats/timeline", "/api/v1/discrepancies", "/healthz"} <= set(spec["paths"])
