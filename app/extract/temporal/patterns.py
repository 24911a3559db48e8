"""Surface patterns for time expressions: the candidate finder's regexes and the shared vocabulary.

Month names are matched case-sensitively (capitalised) so the modal "may" and the verb "march" are not
taken for months; every other word is matched case-insensitively.

The calendar vocabulary (months, weekdays, units, the number words of NUMBER) stays here, next to the
regexes that spell it out: a date grammar, where a word added to a table but not to its pattern would
never match. Open-ended lists (the nouns a year dates, future-tense cues) and the number tables live in
data/words.json.
"""

from __future__ import annotations

import re
from functools import lru_cache

from app.extract.lexicon import lexicon

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
         "year": "year", "years": "year", "night": "day", "nights": "day"}

_MONTH_NAMES = sorted({name.capitalize() for name in MONTHS} | {name.upper() for name in MONTHS}, key=len,
                      reverse=True)
MONTH = r"(?:" + "|".join(_MONTH_NAMES) + r")\.?"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
WEEKDAY = r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
NUMBER = r"(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a\s+few|\d{1,3})"
UNIT = r"(?i:days?|weeks?|months?|years?|nights?)"
PART_OF_DAY = r"(?i:morning|afternoon|evening|night)"
MONTH_PART = r"(?i:early|mid|late|the\s+(?:end|beginning|start|middle)\s+of|end\s+of|beginning\s+of)"
YEAR_TAIL = r"(?:,?\s+(?:" + YEAR + r"|(?i:last|this|next)\s+year))"

# One alternation, longest forms first: regex alternation is ordered, so the fuller reading wins.
_CANDIDATE_PARTS = [
    # "a day after April 27": an offset glued to the date it counts from
    NUMBER + r"\s+" + UNIT + r"\s+(?i:after|before)\s+(?:" + MONTH + r"\s+" + DAY + r"|" + DAY + r"\s+"
    + MONTH + r")" + YEAR_TAIL + r"?",
    MONTH_PART + r"[\s-]+" + MONTH + YEAR_TAIL + r"?",
    MONTH + r"\s+" + DAY + r"\s*(?:-|–|—|(?i:to)\s)\s*" + DAY + r"(?![\d:])" + YEAR_TAIL + r"?",
    DAY + r"\s*(?:-|–|—|(?i:to)\s)\s*" + DAY + r"\s+(?i:of\s+)?" + MONTH + YEAR_TAIL + r"?",
    YEAR + r"-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])",
    r"(?i:(?:the\s+)?(?:early|mid|late)[\s-]+)?(?:1[6-9]\d0|20\d0)'?s",
    YEAR + r"\s*(?:-|–|/)\s*(?:" + YEAR + r"|\d\d)(?![\d-])",
    r"(?i:(?:over|at|during|on)\s+the\s+weekend)",
    r"(?:" + WEEKDAY + r",?\s+)?" + MONTH + r"\s+" + DAY + r"(?![\d:])" + YEAR_TAIL + r"?",
    r"(?:" + WEEKDAY + r",?\s+(?i:the\s+)?)?" + DAY + r"\s+(?i:of\s+)?" + MONTH + YEAR_TAIL + r"?",
    MONTH + r",?\s+" + YEAR,
    r"(?i:today|yesterday|tomorrow|tonight)(?:\s+" + PART_OF_DAY + r")?",
    (r"(?i:this|last|next|earlier\s+this|later\s+this|earlier\s+last|late\s+last|early\s+last)\s+"
     r"(?i:week(?:end)?|month|year|morning|afternoon|evening|night)"),
    r"(?i:in\s+)?(?i:recent|the\s+past|the\s+last|the\s+coming|the\s+next)\s+(?i:few\s+)?(?i:days|weeks|months)",
    r"(?i:the\s+(?:past|last)\s+(?:week|month|year))",
    r"(?i:(?:last|next|this)\s+)?" + WEEKDAY + r"(?:\s+" + PART_OF_DAY + r")?",
    NUMBER + r"\s+" + UNIT + r"\s+(?i:earlier|later|ago|prior)",
    # "two days before," stands alone; "a day after the attack" counts from an undated event (kept, unknown)
    NUMBER + r"\s+" + UNIT + r"\s+(?i:before|after)(?=\s*(?:[,.;:)]|$))",
    NUMBER + r"\s+" + UNIT + r"\s+(?i:before|after)(?=\s+\w)",
    (r"(?i:the\s+(?:same|following|next|previous|preceding|prior)\s+(?:day|week|month|year|morning|afternoon"
     r"|evening|night|weekend))"),
    r"(?i:the\s+(?:day|week|month|year|night)\s+(?:before|after|earlier|prior))",
    r"(?i:(?:earlier|later)\s+(?:in\s+the|that|the\s+same|in\s+that)\s+(?:day|week|month|year))",
    r"(?i:(?:that|the\s+same)\s+(?:day|week|month|morning|evening|night))",
]
CANDIDATE_RE = re.compile(r"\b(?:" + "|".join(_CANDIDATE_PARTS) + r")(?![\w])")

# Bare month names and years only count after a word that makes them a date ("in May", "since 1993").
_DATE_PREPOSITION = r"(?i:in|since|until|till|by|from|of|during|through|before|after|to|between|and|early|late|mid)"
BARE_MONTH_RE = re.compile(r"\b" + _DATE_PREPOSITION + r"[\s-]+(" + MONTH + r")(?![\w])")
BARE_YEAR_RE = re.compile(r"\b" + _DATE_PREPOSITION + r"[\s-]+(" + YEAR + r")(?![\w-])")


@lru_cache(maxsize=1)
def year_modifier_re() -> re.Pattern[str]:
    """ "the 1993 Treaty", "the 2014 elections": a year used as a modifier of a named or dated thing.

    The dated nouns come from words.json (temporal.year_event_nouns), so the pattern is built on first use.
    """
    nouns = "|".join(lexicon().words.temporal.year_event_nouns)
    return re.compile(r"\b(?i:the|a|its|their|his|her)\s+(" + YEAR + r")(?:'s)?(?=\s+(?:[A-Z]|(?i:" + nouns + r")\b))")


# Words that make a spaCy DATE entity worth keeping even when no rule can resolve it.
DATE_WORD_RE = re.compile(r"\b(?:" + MONTH + r"|" + YEAR + r"|" + WEEKDAY + r")\b")


def number_value(word: str) -> int | None:
    """The integer a number word or numeral stands for ("two" -> 2, "3" -> 3)."""
    word = " ".join(word.lower().split())
    if word.isdecimal():
        return int(word)
    numbers = lexicon().words.numbers
    return numbers.indefinite.get(word, numbers.cardinals.get(word))
