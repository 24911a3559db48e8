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
    api_key: str | None = Field(default=None, description="required in X-API-Key for writes when set")
    read_api_key: str | None = Field(default=None, description="required in X-API-Key for reads when set")
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
    pool_size: int = 5


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
