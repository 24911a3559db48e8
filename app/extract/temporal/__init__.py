"""Temporal stage: time expressions and datelines -> intervals with a precision and an anchor.

(Named `temporal`, not `time`, so it never shadows the standard library module.)
"""

from app.extract.temporal.finder import find_times, interval_text, time_for_clause

__all__ = ["find_times", "interval_text", "time_for_clause"]
