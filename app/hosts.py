"""Network hygiene: which Host names are served, and whether a bind address exposes open writes."""

from __future__ import annotations

import ipaddress
import json
from typing import Any

from app.config import Settings
from app.errors import PROBLEM_JSON

LOCAL_NAMES = ["localhost", "127.0.0.1", "::1"]


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: only this machine can connect."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(settings: Settings) -> list[str]:
    """EVENTKB_ALLOWED_HOSTS, else the local names on a loopback bind (a DNS-rebinding page names its own host),
    else any name: behind a proxy or in a container the public names are the operator's to list."""
    if settings.allowed_hosts is not None:
        return [h.lower() for h in settings.allowed_hosts]
    return LOCAL_NAMES if is_loopback(settings.host) else ["*"]


def exposure_problem(settings: Settings, host: str | None = None) -> str | None:
    """Why serving on `host` would be unsafe (open writes reachable from other machines), or None."""
    host = host or settings.host
    if settings.allow_anonymous_writes and not settings.api_key and not is_loopback(host):
        return (f"refusing to serve on {host} with anonymous writes (EVENTKB_ALLOW_ANONYMOUS_WRITES): anyone who "
                "can reach it could add or delete documents. Set EVENTKB_API_KEY (or EVENTKB_API_KEY_FILE), or "
                "bind to 127.0.0.1.")
    return None


def _host_name(header: str) -> str:
    header = header.strip().lower()
    if header.startswith("["):  # [::1]:8000
        return header[1:header.find("]")] if "]" in header else header
    name, _, port = header.rpartition(":")
    return name if name and port.isdigit() and ":" not in name else header


class AllowedHostsMiddleware:
    """Pure ASGI: answer 400 problem+json to a Host header not in the allowed list."""

    def __init__(self, app: Any, hosts: list[str]) -> None:
        self.app, self.hosts = app, hosts
        self.any = "*" in hosts

    def allows(self, name: str) -> bool:
        return any(name == h or (h.startswith("*.") and name.endswith(h[1:])) for h in self.hosts)

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if self.any or scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
        if self.allows(_host_name(header)):
            await self.app(scope, receive, send)
            return
        body = json.dumps({"type": "about:blank", "title": "Bad Request", "status": 400,
                           "detail": f"Host {header[:100]!r} is not served here (EVENTKB_ALLOWED_HOSTS)"}).encode()
        await send({"type": "http.response.start", "status": 400,
                    "headers": [(b"content-type", PROBLEM_JSON.encode()),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
