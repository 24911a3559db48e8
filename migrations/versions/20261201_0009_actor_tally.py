"""actor account tallies

- actor_tally: per actor, how many of its stored accounts (evidence rows of kind "account") give each value of
  name, role, description, country and alias. Fusing an actor needs only these counts, so ingest folds a new
  document's accounts into them instead of re-reading every account of the actor (app.ingest.accounts); a
  delete or re-extraction rebuilds them from the accounts that remain. The key holds a sha1 of the value (a
  description may be longer than a PostgreSQL index row allows). Existing accounts are tallied here.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""
import hashlib
import json
from collections import Counter
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "actor_tally",
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(16), nullable=False),
        sa.Column("digest", sa.String(40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["actor.id"], name=op.f("fk_actor_tally_actor_id_actor"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("actor_id", "field", "digest", name=op.f("pk_actor_tally")),
    )
    bind = op.get_bind()
    counts: Counter = Counter()
    # the same counting as app.ingest.accounts.Tally.add (frozen here: no app imports)
    for actor_id, payload in bind.execute(sa.text(
            "SELECT actor_id, sentence FROM evidence WHERE kind = 'account' AND actor_id IS NOT NULL")):
        account = json.loads(payload)
        for field in ("name", "role", "description", "country"):
            if account.get(field):
                counts[(actor_id, field, account[field])] += 1
        for alias in {account.get("name"), *(account.get("aliases") or [])}:
            if alias:
                counts[(actor_id, "alias", alias)] += 1
    rows = [{"a": a, "f": f, "d": hashlib.sha1(v.encode()).hexdigest(), "v": v, "n": n}
            for (a, f, v), n in sorted(counts.items())]
    if rows:
        bind.execute(sa.text("INSERT INTO actor_tally (actor_id, field, digest, value, n) "
                             "VALUES (:a, :f, :d, :v, :n)"), rows)


def downgrade() -> None:
    op.drop_table("actor_tally")
