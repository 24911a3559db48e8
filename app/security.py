"""API keys: writes need `X-API-Key` when EVENTKB_API_KEY is set; reads when EVENTKB_READ_API_KEY is set."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Header, Request

from app.errors import Unauthorized


def _matches(given: str | None, *expected: str | None) -> bool:
    given_b = (given or "").encode()
    # compare against every configured key, always, so timing says nothing about which one (or none) matched
    results = [hmac.compare_digest(given_b, key.encode()) for key in expected if key]
    return any(results)


def require_write_key(request: Request, x_api_key: Annotated[
        str | None, Header(description="The write key, when the service has one (EVENTKB_API_KEY).",
                           examples=["change-me"])] = None) -> None:
    """Refuse writes without the configured key."""
    settings = request.app.state.settings
    if settings.api_key and not _matches(x_api_key, settings.api_key):
        raise Unauthorized("a valid X-API-Key header is required for writes")


def require_read_key(request: Request, x_api_key: Annotated[
        str | None, Header(description="The read key, when the service has one (EVENTKB_READ_API_KEY).",
                           examples=["change-me"])] = None) -> None:
    """Refuse reads without a configured read (or write) key."""
    settings = request.app.state.settings
    if settings.read_api_key and not _matches(x_api_key, settings.read_api_key, settings.api_key):
        raise Unauthorized("a valid X-API-Key header is required")
