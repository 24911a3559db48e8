"""full-text search over document text, event summaries and statement text

FTS5 external-content tables kept in step by triggers on SQLite; GIN expression indexes over
to_tsvector('english', ...) on PostgreSQL. app/search.py issues the matching queries.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""
from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> indexed text column
FTS_TABLES = {"document": "text", "event": "summary", "statement": "text"}


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, column in FTS_TABLES.items():
            op.execute(
                f"CREATE INDEX ix_{table}_fts ON {table} "
                f"USING gin (to_tsvector('english', coalesce({column}, '')))"
            )
        return
    for table, column in FTS_TABLES.items():
        fts = f"{table}_fts"
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='{table}', content_rowid='id', "
            f"tokenize='porter unicode61 remove_diacritics 2')"
        )
        op.execute(f"INSERT INTO {fts}(rowid, {column}) SELECT id, {column} FROM {table}")
        op.execute(
            f"CREATE TRIGGER {table}_fts_ai AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_ad AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_au AFTER UPDATE OF {column} ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); "
            f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in FTS_TABLES:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_fts")
        return
    for table in FTS_TABLES:
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {table}_fts")
