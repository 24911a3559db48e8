"""places, the change feed, corroboration counts

- place: gazetteer entries (GeoNames cities and countries, ISO 3166-2 regions, airports) that event reports,
  fused events and location actors resolve to (app.places); actor_place keeps each document's resolution of an
  actor so its place is voted order-independently. event.place_id is indexed with the date for place and bbox
  filters; place (latitude, longitude) for the bbox itself.
- kb_change: the change feed (app.changes), one row per creation, update, deletion or merge, written in the
  transaction that makes the change. What is stored already is recorded here as created, so replaying the feed
  from the start gives the current knowledge base.
- document.origin and event.sources_count / independent_sources (app.corroboration). Documents stored before
  this revision get their outlet as origin (wire copies are recognised from their text only when re-extracted).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = ("document", "actor", "event", "statement")


def upgrade() -> None:
    op.create_table(
        "place",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("geonames_id", sa.Integer(), nullable=True),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("precision", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("country_code", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True),
        sa.Column("region_code", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
        sa.Column("region_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_place")),
        sa.UniqueConstraint("key", name=op.f("uq_place_key")),
    )
    with op.batch_alter_table("place", schema=None) as batch_op:
        batch_op.create_index("ix_place_latitude_longitude", ["latitude", "longitude"], unique=False)
        batch_op.create_index("ix_place_country_region", ["country_code", "region_code"], unique=False)
        batch_op.create_index("ix_place_geonames_id", ["geonames_id"], unique=False)
    op.create_table(
        "actor_place",
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["actor.id"], name=op.f("fk_actor_place_actor_id_actor"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name=op.f("fk_actor_place_document_id_document"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["place_id"], ["place.id"], name=op.f("fk_actor_place_place_id_place"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("actor_id", "document_id", name=op.f("pk_actor_place")),
    )
    with op.batch_alter_table("actor_place", schema=None) as batch_op:
        batch_op.create_index("ix_actor_place_document_id", ["document_id"], unique=False)
    op.create_table(
        "kb_change",
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("op", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("into_id", sa.Integer(), nullable=True),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_kb_change")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_kb_change_entity", "kb_change", ["kind", "entity_id", "seq"], unique=False)
    # Plain indexed columns, added in place. No foreign key: on SQLite adding one recreates the table, and with
    # foreign keys on, dropping the old `event` or `actor` table cascades into reports, participants and evidence.
    # Place rows are never deleted, so nothing can dangle.
    op.add_column("event", sa.Column("place_id", sa.Integer(), nullable=True))
    op.add_column("event", sa.Column("sources_count", sa.Integer(), server_default="1", nullable=False))
    op.add_column("event", sa.Column("independent_sources", sa.Integer(), server_default="1", nullable=False))
    op.create_index("ix_event_place_date", "event", ["place_id", "date_start", "id"], unique=False)
    op.add_column("event_report", sa.Column("place_id", sa.Integer(), nullable=True))
    op.add_column("actor", sa.Column("place_id", sa.Integer(), nullable=True))
    op.create_index("ix_actor_place_id", "actor", ["place_id"], unique=False)
    op.add_column("document", sa.Column("origin", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True))

    # what is stored already: origins from outlets, source counts, and a "created" change per row
    op.execute("UPDATE document SET origin = 'outlet:' || lower(trim(outlet)) "
               "WHERE outlet IS NOT NULL AND trim(outlet) <> ''")
    op.execute(
        "UPDATE event SET "
        "sources_count = (SELECT count(DISTINCT r.document_id) FROM event_report r WHERE r.event_id = event.id), "
        "independent_sources = (SELECT count(DISTINCT coalesce(d.origin, 'document:' || d.id)) "
        "FROM event_report r JOIN document d ON d.id = r.document_id WHERE r.event_id = event.id)")
    op.execute("UPDATE event SET sources_count = 1, independent_sources = 1 WHERE sources_count = 0")
    for kind in KINDS:
        op.execute(f"INSERT INTO kb_change (kind, entity_id, op, at) "
                   f"SELECT '{kind}', id, 'created', CURRENT_TIMESTAMP FROM {kind} ORDER BY id")


def downgrade() -> None:
    # ALTER TABLE ... DROP COLUMN in place (SQLite >= 3.35, PostgreSQL): a batch copy would cascade, see upgrade
    op.drop_index("ix_actor_place_id", table_name="actor")
    op.drop_index("ix_event_place_date", table_name="event")
    for table, column in (("document", "origin"), ("actor", "place_id"), ("event_report", "place_id"),
                          ("event", "independent_sources"), ("event", "sources_count"), ("event", "place_id")):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    op.drop_index("ix_kb_change_entity", table_name="kb_change")
    op.drop_table("kb_change")
    with op.batch_alter_table("actor_place", schema=None) as batch_op:
        batch_op.drop_index("ix_actor_place_document_id")
    op.drop_table("actor_place")
    with op.batch_alter_table("place", schema=None) as batch_op:
        batch_op.drop_index("ix_place_geonames_id")
        batch_op.drop_index("ix_place_country_region")
        batch_op.drop_index("ix_place_latitude_longitude")
    op.drop_table("place")
