"""newest-first sort indexes on PostgreSQL

Lists default to `ORDER BY date_start DESC NULLS LAST, id DESC`. SQLite's ascending index already
yields that order backwards (NULLs sort first there), but PostgreSQL's backward scan gives NULLS
FIRST, so every first page was a sequential scan plus a top-N sort (757 ms at 1M events in
bench/). These indexes match the order exactly. They are dialect-specific, so app.migrate's
include_object keeps them out of the model comparison (suffix `_newest`).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""
from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = {"event": "date_start", "statement": "date_start", "document": "published"}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in TABLES.items():
        op.execute(f"CREATE INDEX ix_{table}_newest ON {table} ({column} DESC NULLS LAST, id DESC)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_newest")
