"""actor_name_key: a full name looks up the people sharing its surname only with a given name like its own

0013 made a multi-word name look up "l:<last word>": every person with that surname, a set that grows with the
knowledge base (hundreds of people share a common one), of whom only those with a compatible given name (the
same, an initial, or a spelling variant) could match. A variant with the same last word now needs given names
that start with one letter, end with the same three or have the same first three consonants
(app.ingest.matching_actors.same_shape), and a person holds "l:<last word> <first letter of the given names>",
"g:<last word> <their last three letters>" and "c:<last word> <their first three consonants>" in place of
"l:<last word>". Rebuilt here from the stored aliases; app.ingest.actors keeps it in step from then on.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLE = sa.table("actor_name_key", sa.column("key", sa.String), sa.column("actor_id", sa.Integer))


def _consonants(given: str) -> str:
    return "".join(c for c in given if c.isalpha() and c not in "aeiouy")[:3]


def _keys(normalized: str, surname_keys) -> set[str]:
    # as app.ingest.actors.name_keys (frozen here: a revision must not import app code)
    words = normalized.split()
    keys = {f"w:{w[:300]}" for w in words}
    if len(words) == 1:
        keys.add(f"o:{words[0][:300]}")
    elif words:
        first, last = words[0], words[-1]
        keys.update(surname_keys(last[:300], " ".join(words[:-1])))
        keys.update({f"p:{first[:3]} {last[:3]}", f"s:{first[:3]} {last[-3:]}"})
        if len(last) <= 5:
            keys.add(f"f:{first[:300]}:{len(last)}")
    return keys


def _keys_0013(normalized: str) -> set[str]:
    return _keys(normalized, lambda last, given: {f"l:{last}"})


def _keys_0014(normalized: str) -> set[str]:
    return _keys(normalized, lambda last, given: {f"l:{last} {given[0]}", f"g:{last} {given[-3:]}",
                                                  f"c:{last} {_consonants(given)}"})


def _rebuild(keys_of) -> None:
    bind = op.get_bind()
    bind.execute(sa.text("DELETE FROM actor_name_key"))
    rows = bind.execute(sa.text(
        "SELECT al.actor_id, al.normalized FROM actor_alias al JOIN actor a ON a.id = al.actor_id "
        "WHERE a.type = 'person'"))
    keys = sorted({(key, actor_id) for actor_id, normalized in rows for key in keys_of(normalized)})
    for start in range(0, len(keys), 50_000):  # bounded statements on a large knowledge base
        op.bulk_insert(_TABLE, [{"key": k, "actor_id": a} for k, a in keys[start:start + 50_000]])


def upgrade() -> None:
    _rebuild(_keys_0014)


def downgrade() -> None:
    _rebuild(_keys_0013)
