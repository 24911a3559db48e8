"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22 13:51:50.712208
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table('actor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('type', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('country_id', sa.Integer(), nullable=True),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
    sa.ForeignKeyConstraint(['country_id'], ['actor.id'], name=op.f('fk_actor_country_id_actor'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actor')),
    sa.UniqueConstraint('key', name=op.f('uq_actor_key'))
    )
    with op.batch_alter_table('actor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actor_country_id'), ['country_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_actor_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_actor_type'), ['type'], unique=False)

    op.create_table('document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('outlet', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('url', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('extracted', sa.Boolean(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('cites', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('ingested_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('extractor_version', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document')),
    sa.UniqueConstraint('sha256', name=op.f('uq_document_sha256'))
    )
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_extractor_version'), ['extractor_version'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_published'), ['published'], unique=False)

    op.create_table('event',
    sa.Column('type', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('mode', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('summary', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('date_start', sa.Date(), nullable=True),
    sa.Column('date_end', sa.Date(), nullable=True),
    sa.Column('date_precision', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('date_text', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('location', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('fatalities', sa.Integer(), nullable=True),
    sa.Column('affected', sa.Integer(), nullable=True),
    sa.Column('numbers', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event'))
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index('ix_event_date_end', ['date_end'], unique=False)
        batch_op.create_index('ix_event_date_start_id', ['date_start', 'id'], unique=False)
        batch_op.create_index('ix_event_type_date_start', ['type', 'date_start'], unique=False)

    op.create_table('actor_alias',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('alias', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('normalized', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actor.id'], name=op.f('fk_actor_alias_actor_id_actor'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actor_alias')),
    sa.UniqueConstraint('actor_id', 'alias', name=op.f('uq_actor_alias_actor_id_alias'))
    )
    with op.batch_alter_table('actor_alias', schema=None) as batch_op:
        batch_op.create_index('ix_actor_alias_normalized_actor', ['normalized', 'actor_id'], unique=False)

    op.create_table('claim',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
    sa.Column('attribute', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=True),
    sa.Column('end', sa.Integer(), nullable=True),
    sa.Column('quote', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], name=op.f('fk_claim_document_id_document'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_claim_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim'))
    )
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.create_index('ix_claim_document', ['document_id'], unique=False)
        batch_op.create_index('ix_claim_event_kind', ['event_id', 'kind', 'attribute'], unique=False)

    op.create_table('document_source',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('normalized', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], name=op.f('fk_document_source_document_id_document'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_source')),
    sa.UniqueConstraint('document_id', 'normalized', 'kind', name=op.f('uq_document_source_document_id_normalized_kind'))
    )
    with op.batch_alter_table('document_source', schema=None) as batch_op:
        batch_op.create_index('ix_document_source_normalized_document', ['normalized', 'document_id'], unique=False)

    op.create_table('event_participant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actor.id'], name=op.f('fk_event_participant_actor_id_actor'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], name=op.f('fk_event_participant_document_id_document'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_event_participant_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_participant')),
    sa.UniqueConstraint('event_id', 'actor_id', 'role', 'document_id', name=op.f('uq_event_participant_event_id_actor_id_role_document_id'))
    )
    with op.batch_alter_table('event_participant', schema=None) as batch_op:
        batch_op.create_index('ix_event_participant_actor_event', ['actor_id', 'role', 'event_id'], unique=False)
        batch_op.create_index('ix_event_participant_document', ['document_id'], unique=False)

    op.create_table('event_report',
    sa.Column('type', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('mode', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('summary', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('date_start', sa.Date(), nullable=True),
    sa.Column('date_end', sa.Date(), nullable=True),
    sa.Column('date_precision', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('date_text', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('location', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('fatalities', sa.Integer(), nullable=True),
    sa.Column('affected', sa.Integer(), nullable=True),
    sa.Column('numbers', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('characterization', sa.Text(), nullable=True),
    sa.Column('match_score', sa.Float(), nullable=True),
    sa.Column('match_reasons', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], name=op.f('fk_event_report_document_id_document'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_event_report_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_report')),
    sa.UniqueConstraint('event_id', 'document_id', name=op.f('uq_event_report_event_id_document_id'))
    )
    with op.batch_alter_table('event_report', schema=None) as batch_op:
        batch_op.create_index('ix_event_report_document_event', ['document_id', 'event_id'], unique=False)

    op.create_table('statement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('speaker_id', sa.Integer(), nullable=True),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('cue', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('direct_quote', sa.Boolean(), nullable=False),
    sa.Column('date_start', sa.Date(), nullable=True),
    sa.Column('date_end', sa.Date(), nullable=True),
    sa.Column('date_precision', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], name=op.f('fk_statement_document_id_document'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_statement_event_id_event'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['speaker_id'], ['actor.id'], name=op.f('fk_statement_speaker_id_actor'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_statement'))
    )
    with op.batch_alter_table('statement', schema=None) as batch_op:
        batch_op.create_index('ix_statement_date_start_id', ['date_start', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_statement_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_statement_event_id'), ['event_id'], unique=False)
        batch_op.create_index('ix_statement_speaker_date', ['speaker_id', 'date_start', 'id'], unique=False)

    op.create_table('evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('sentence', sa.Text(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('statement_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['actor.id'], name=op.f('fk_evidence_actor_id_actor'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], name=op.f('fk_evidence_document_id_document'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_evidence_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['statement_id'], ['statement.id'], name=op.f('fk_evidence_statement_id_statement'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence'))
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index('ix_evidence_actor_document', ['actor_id', 'document_id'], unique=False)
        batch_op.create_index('ix_evidence_document_actor', ['document_id', 'actor_id'], unique=False)
        batch_op.create_index('ix_evidence_event', ['event_id'], unique=False)
        batch_op.create_index('ix_evidence_statement', ['statement_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index('ix_evidence_statement')
        batch_op.drop_index('ix_evidence_event')
        batch_op.drop_index('ix_evidence_document_actor')
        batch_op.drop_index('ix_evidence_actor_document')

    op.drop_table('evidence')
    with op.batch_alter_table('statement', schema=None) as batch_op:
        batch_op.drop_index('ix_statement_speaker_date')
        batch_op.drop_index(batch_op.f('ix_statement_event_id'))
        batch_op.drop_index(batch_op.f('ix_statement_document_id'))
        batch_op.drop_index('ix_statement_date_start_id')

    op.drop_table('statement')
    with op.batch_alter_table('event_report', schema=None) as batch_op:
        batch_op.drop_index('ix_event_report_document_event')

    op.drop_table('event_report')
    with op.batch_alter_table('event_participant', schema=None) as batch_op:
        batch_op.drop_index('ix_event_participant_document')
        batch_op.drop_index('ix_event_participant_actor_event')

    op.drop_table('event_participant')
    with op.batch_alter_table('document_source', schema=None) as batch_op:
        batch_op.drop_index('ix_document_source_normalized_document')

    op.drop_table('document_source')
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.drop_index('ix_claim_event_kind')
        batch_op.drop_index('ix_claim_document')

    op.drop_table('claim')
    with op.batch_alter_table('actor_alias', schema=None) as batch_op:
        batch_op.drop_index('ix_actor_alias_normalized_actor')

    op.drop_table('actor_alias')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index('ix_event_type_date_start')
        batch_op.drop_index('ix_event_date_start_id')
        batch_op.drop_index('ix_event_date_end')

    op.drop_table('event')
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_published'))
        batch_op.drop_index(batch_op.f('ix_document_extractor_version'))

    op.drop_table('document')
    with op.batch_alter_table('actor', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actor_type'))
        batch_op.drop_index(batch_op.f('ix_actor_name'))
        batch_op.drop_index(batch_op.f('ix_actor_country_id'))

    op.drop_table('actor')

