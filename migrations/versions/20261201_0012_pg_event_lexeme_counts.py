"""PostgreSQL: how many events hold each lexeme of their summary, kept by a trigger

A one-word search of the events (`/events?q=` alone, the commonest full-text request) needs its total and, to pick
its plan, whether matches are many. SQLite counts from its FTS5 index without reading an event. PostgreSQL cannot
count over a GIN index without visiting each matching row (its bitmap scan's skip-fetch is gone since the 2025 minor
releases), so it counted up to 10,001 rows: 15-25 ms of heap reads per request at 1M events, and a total of
"10,000 or more". event_fts_lexeme holds, per lexeme, the number of events whose stored summary vector contains
it, which is exactly the number of events a one-lexeme query matches. An AFTER trigger keeps it in step with every
insert, delete and change of the vector (rows at zero stay: a lexeme seen once is likely to come back). The names
contain `_fts_`, which app.migrate.include_object keeps out of the model comparison. SQLite is untouched.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""
from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNT_FUNCTION = """
CREATE FUNCTION event_fts_lexeme_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE event_fts_lexeme SET n = n - 1 WHERE lexeme = ANY (tsvector_to_array(OLD.summary_fts));
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO event_fts_lexeme (lexeme, n)
        SELECT lexeme, 1 FROM unnest(tsvector_to_array(NEW.summary_fts)) AS lexeme ORDER BY lexeme
        ON CONFLICT (lexeme) DO UPDATE SET n = event_fts_lexeme.n + 1;
    END IF;
    RETURN NULL;
END $$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE TABLE event_fts_lexeme (lexeme text NOT NULL, n integer NOT NULL, "
               "CONSTRAINT pk_event_fts_lexeme PRIMARY KEY (lexeme))")
    op.execute("INSERT INTO event_fts_lexeme (lexeme, n) SELECT word, ndoc FROM ts_stat('SELECT summary_fts FROM event')")
    op.execute(COUNT_FUNCTION)
    # lexemes in one order in every transaction (ORDER BY above), so two writers cannot deadlock on them
    op.execute("CREATE TRIGGER event_fts_lexeme_insert_delete AFTER INSERT OR DELETE ON event "
               "FOR EACH ROW EXECUTE FUNCTION event_fts_lexeme_count()")
    op.execute("CREATE TRIGGER event_fts_lexeme_update AFTER UPDATE OF summary ON event FOR EACH ROW "
               "WHEN (OLD.summary_fts IS DISTINCT FROM NEW.summary_fts) EXECUTE FUNCTION event_fts_lexeme_count()")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS event_fts_lexeme_update ON event")
    op.execute("DROP TRIGGER IF EXISTS event_fts_lexeme_insert_delete ON event")
    op.execute("DROP FUNCTION IF EXISTS event_fts_lexeme_count()")
    op.execute("DROP TABLE IF EXISTS event_fts_lexeme")
