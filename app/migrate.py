"""Run Alembic migrations from code (CLI, tests, Docker entrypoint)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from app.config import PROJECT_ROOT


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Full-text search objects are made by raw SQL in a revision, not modelled: autogenerate skips them."""
    # FTS objects and PostgreSQL-only sort indexes (suffix _newest) are made by raw SQL in revisions
    return not (name and (name.endswith("_fts") or "_fts_" in name or name.endswith("_newest")))


def alembic_config(database_url: str) -> Config:
    """Alembic's config for `database_url`; works from a checkout and from an installed wheel (Docker)."""
    import migrations

    ini = PROJECT_ROOT / "alembic.ini"
    cfg = Config(str(ini)) if ini.exists() else Config()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).resolve().parent))
    cfg.set_main_option("path_separator", "os")
    cfg.attributes["database_url"] = database_url
    return cfg


def upgrade(database_url: str, revision: str = "head") -> None:
    """Bring the database at `database_url` to `revision`."""
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str = "base") -> None:
    """Take the database at `database_url` back to `revision`."""
    command.downgrade(alembic_config(database_url), revision)
