"""Statements stage: reporting cues, speaker resolution, content spans and links to events."""

from app.extract.statements.finder import find_statements

__all__ = ["find_statements"]
