"""API keys. Writes are closed by default: they need `X-API-Key` with the write key, which is EVENTKB_API_KEY,
or else a key generated on first start and kept owner-only in the data directory. Reads are open unless
EVENTKB_READ_API_KEY is set (then the read key or the write key reads).
"""

from __future__ import annotations

import hmac
import logging
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Header, Request

from app.config import Settings
from app.errors import Unauthorized

log = logging.getLogger("eventkb.security")
KEY_HELP = ("send the write key in X-API-Key: EVENTKB_API_KEY, or the key file the server names at start "
            "(`eventkb api-key` prints where it is)")


class KeyFileError(RuntimeError):
    """The write key file exists but cannot be trusted or read."""


@dataclass(frozen=True)
class WriteAccess:
    """How writes are authorized: a key and where it came from, or explicitly open (key None)."""

    key: str | None
    source: str


def resolve_write_access(settings: Settings, *, create: bool = True) -> WriteAccess:
    """The write key: EVENTKB_API_KEY, else the key file (generated on first use), unless writes are opened."""
    if settings.api_key:
        return WriteAccess(settings.api_key, "EVENTKB_API_KEY")
    if settings.allow_anonymous_writes:
        return WriteAccess(None, "EVENTKB_ALLOW_ANONYMOUS_WRITES")
    path = settings.write_key_file
    if not path.exists() and create and settings.api_key_file is None:
        return WriteAccess(_generate(path), str(path))
    return WriteAccess(_read(path, managed=settings.api_key_file is None), str(path))


def _generate(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process generated it first
        return _read(path, managed=True)
    with os.fdopen(fd, "w") as out:
        out.write(key + "\n")
    log.warning("generated a write key in %s (owner-only)", path, extra={"key_file": str(path)})
    return key


def _read(path: Path, *, managed: bool) -> str:
    try:
        mode = path.stat().st_mode
        key = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise KeyFileError(f"cannot read the write key file {path}: {exc.strerror}") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        if managed:  # ours was created 0600: a looser mode means someone changed it, so say so and stop
            raise KeyFileError(f"the write key file {path} is readable by others; `chmod 600 {path}` "
                               "or delete it to have a new key generated")
        log.warning("the write key file is readable by others", extra={"key_file": str(path)})
    if len(key) < 16:
        raise KeyFileError(f"the write key in {path} is empty or shorter than 16 characters")
    return key


def _matches(given: str | None, *expected: str | None) -> bool:
    given_b = (given or "").encode()
    # compare against every configured key, always, so timing says nothing about which one (or none) matched
    results = [hmac.compare_digest(given_b, key.encode()) for key in expected if key]
    return any(results)


# How the OpenAPI document declares the key (app/openapi.py adds it to the operations that need it).
SECURITY_SCHEME = {"type": "apiKey", "in": "header", "name": "X-API-Key",
                   "description": "The write key (EVENTKB_API_KEY, or the owner-only key file the server generates on "
                                  "first start: `eventkb api-key` prints where) for POST and DELETE; for reads only "
                                  "when EVENTKB_READ_API_KEY is set, and then the read key also works."}


async def require_write_key(request: Request, x_api_key: Annotated[
        str | None, Header(include_in_schema=False)] = None) -> None:
    """Refuse writes without the write key (open only when EVENTKB_ALLOW_ANONYMOUS_WRITES is set)."""
    access: WriteAccess | None = getattr(request.app.state, "write_access", None)
    if access is not None and access.key is None:
        return
    # no access resolved (the lifespan did not run) refuses like a wrong key: closed unless proven open
    if access is None or not _matches(x_api_key, access.key):
        raise Unauthorized(f"a valid X-API-Key header is required for writes; {KEY_HELP}")


async def require_read_key(request: Request, x_api_key: Annotated[
        str | None, Header(include_in_schema=False)] = None) -> None:
    """Refuse reads without a configured read (or write) key."""
    if not may_read(request.app.state, x_api_key):
        raise Unauthorized("a valid X-API-Key header is required (the read key or the write key)")


def may_read(state: Any, x_api_key: str | None) -> bool:
    """Whether a request with this X-API-Key may read (any key, or none, when no read key is configured)."""
    read_key = state.settings.read_api_key
    if not read_key:
        return True
    access: WriteAccess | None = getattr(state, "write_access", None)
    return _matches(x_api_key, read_key, access.key if access else None)
