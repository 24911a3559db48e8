"""The one settings class: every knob comes from EVENTKB_* environment variables (or a .env file)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Runtime configuration; nothing else in the code reads the environment."""

    model_config = SettingsConfigDict(env_prefix="EVENTKB_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///./data/eventkb.db"
    # Writes are closed by default: without api_key the server generates a write key on first start and keeps
    # it owner-only in api_key_file (default data_dir/api-key); allow_anonymous_writes opens them explicitly.
    api_key: str | None = Field(default=None, description="the write key (X-API-Key for POST/DELETE)")
    api_key_file: Path | None = Field(default=None, description="where the write key is read or generated")
    allow_anonymous_writes: bool = False
    read_api_key: str | None = Field(default=None, description="required in X-API-Key for reads when set")
    data_dir: Path = Path("data")
    # Host header values served; unset means the local names when bound to loopback, any name otherwise.
    allowed_hosts: list[str] | None = None
    cors_origins: list[str] = Field(default_factory=list)
    log_level: str = "INFO"
    host: str = "127.0.0.1"
    port: int = 8000
    seeds_dir: Path = PROJECT_ROOT / "seeds"
    seed_on_startup: bool = False  # `make run` seeds through the CLI; the app itself never writes at start
    max_document_bytes: int = 1_000_000
    # words and punctuation marks; bounds one document's extraction time and its one write transaction
    max_document_tokens: int = 50_000
    sqlite_busy_timeout_ms: int = 30_000
    # Concurrency is sized as one budget (README, "Bursts"): at most `max_concurrency` API requests run at once,
    # each holding at most one worker thread and one pooled connection at a time; the thread limiter and the pool
    # are sized from it so an admitted request never waits for either. Excess requests wait `queue_timeout_s`
    # for a slot, then get 503 with Retry-After.
    max_concurrency: int = Field(default=8, ge=1, le=256)
    max_concurrent_writes: int = Field(default=2, ge=1, le=64)
    queue_timeout_s: float = Field(default=5.0, gt=0, le=300)
    pool_size: int | None = Field(default=None, ge=1, description="connections; default max_concurrency + 2")
    # Rendered GET /api/v1 JSON responses kept in memory per process, keyed on the request and the knowledge
    # base's generation (app/response_cache.py); 0 turns the whole layer off: no cache, no ETag, no 304.
    response_cache_mb: float = Field(default=64, ge=0, le=65_536)

    @property
    def write_key_file(self) -> Path:
        return self.api_key_file or self.data_dir / "api-key"

    @property
    def pool_capacity(self) -> int:
        """Pooled connections: one per admitted request, one for /healthz, one spare."""
        return self.pool_size or self.max_concurrency + 2

    @property
    def worker_threads(self) -> int:
        """Worker threads for sync endpoints and dependencies: one per admitted request, plus headroom."""
        return self.max_concurrency + 4


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
