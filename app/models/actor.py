"""People, organizations, countries, groups and locations, with every surface form as an alias."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class Actor(SQLModel, table=True):
    __tablename__ = "actor"

    id: int | None = Field(default=None, primary_key=True)
    # type + normalised canonical name: concurrent loaders of the same actor collide here, not in duplicates
    key: str = Field(max_length=400, sa_column_kwargs={"unique": True, "nullable": False})
    name: str = Field(max_length=300, index=True)
    type: str = Field(max_length=16, index=True)  # person | organization | country | group | location
    role: str | None = Field(default=None, max_length=300)
    country_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("actor.id", ondelete="SET NULL"), nullable=True, index=True)
    )
    description: str | None = Field(default=None, max_length=2000)
    # locations and countries: the gazetteer entry voted from each document's resolution (actor_place); a plain
    # indexed id, no foreign key (migration 0007 adds it in place; place rows are never deleted)
    place_id: int | None = Field(default=None, index=True)


class ActorAlias(SQLModel, table=True):
    __tablename__ = "actor_alias"
    __table_args__ = (
        UniqueConstraint("actor_id", "alias"),
        Index("ix_actor_alias_normalized_actor", "normalized", "actor_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    actor_id: int = Field(sa_column=Column(Integer, ForeignKey("actor.id", ondelete="CASCADE"), nullable=False))
    alias: str = Field(max_length=300)
    normalized: str = Field(max_length=300)  # case-, accent- and transliteration-folded


class ActorWord(SQLModel, table=True):
    """The first one to three letters of every word of a person's aliases, so a surname stem finds its people
    with an index lookup ("lav" -> every stored alias with a word starting "lav"), not a scan of every alias."""

    __tablename__ = "actor_word"
    __table_args__ = (Index("ix_actor_word_actor_id", "actor_id"),)

    stem: str = Field(max_length=3, primary_key=True)
    actor_id: int = Field(sa_column=Column(Integer, ForeignKey("actor.id", ondelete="CASCADE"), primary_key=True))


class ActorNameKey(SQLModel, table=True):
    """A person's candidate keys, from its aliases (app.ingest.actors.name_keys): "w:<word>" for every whole word,
    "o:<word>" for a one-word alias, and the shape of a multi-word alias (last word; first three letters of the
    first word with the first or last three of the last; the first word when the last is short). A name finds
    the people it may be through these (`wanted_keys`): a set that grows with the people sharing a surname or a
    name's shape, not with everyone sharing a given name or whose name merely starts alike."""

    __tablename__ = "actor_name_key"
    __table_args__ = (Index("ix_actor_name_key_actor_id", "actor_id"),)

    key: str = Field(max_length=310, primary_key=True)
    actor_id: int = Field(sa_column=Column(Integer, ForeignKey("actor.id", ondelete="CASCADE"), primary_key=True))


class ActorTally(SQLModel, table=True):
    """How many of an actor's stored accounts give each value of a field (name, role, description, country,
    alias): what fusing the actor needs, without reading every account (app.ingest.accounts). The key holds a
    digest of the value, so a long description stays within PostgreSQL's index row limit."""

    __tablename__ = "actor_tally"

    actor_id: int = Field(sa_column=Column(Integer, ForeignKey("actor.id", ondelete="CASCADE"), primary_key=True))
    field: str = Field(sa_column=Column(String(16), primary_key=True))
    digest: str = Field(sa_column=Column(String(40), primary_key=True))  # sha1 of value, hex
    value: str = Field(sa_column=Column(Text, nullable=False))
    n: int = Field(sa_column=Column(Integer, nullable=False))
