"""Events stage: PLOVER triggers, arguments from syntax, dates per clause, numbers, in-document coreference."""

from app.extract.events.finder import find_events

__all__ = ["find_events"]
