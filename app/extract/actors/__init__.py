"""Actors stage: people, organizations, countries, groups and locations of one article, with coreference."""

from app.extract.actors.finder import find_actors
from app.extract.actors.index import ActorIndex

__all__ = ["ActorIndex", "find_actors"]
