"""PostgreSQL: full-text vectors stored in a generated column instead of recomputed from an expression index

Migration 0002 indexed to_tsvector('english', ...) as an expression. The GIN index finds the matching rows, but
every other plan recomputes the vector per row it reads: a newest-first page of a common word walks the date
index and tokenises ~20 summaries per row kept (1,100 to_tsvector calls, 12-23 ms at 1M events), and the
planner's choice between that walk and the index flips on estimates. A STORED generated column computes the
vector once per write (PostgreSQL keeps it in step; no trigger) and the GIN index moves onto the column, so a
row read by any plan costs a vector comparison, not a parse. SQLite is untouched: its FTS5 tables already
store their tokens. The column names end in `_fts`, which app.migrate.include_object keeps out of the model
comparison, like every other full-text object.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""
from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> indexed text column (as in 0002); the stored vector is `<column>_fts`
FTS_TABLES = {"document": "text", "event": "summary", "statement": "text"}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in FTS_TABLES.items():
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_fts")
        op.execute(f"ALTER TABLE {table} ADD COLUMN {column}_fts tsvector "
                   f"GENERATED ALWAYS AS (to_tsvector('english', coalesce({column}, ''))) STORED")
        op.execute(f"CREATE INDEX ix_{table}_fts ON {table} USING gin ({column}_fts)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in FTS_TABLES.items():
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_fts")
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}_fts")
        op.execute(f"CREATE INDEX ix_{table}_fts ON {table} "
                   f"USING gin (to_tsvector('english', coalesce({column}, '')))")
