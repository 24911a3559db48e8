"""A small language check without spaCy: is this text English enough to extract from?"""

from __future__ import annotations

import re

from app.extract.lexicon import lexicon

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str) -> str:
    """"en" for English, "und" (undetermined) for anything else or for too little text to tell."""
    words = [w.lower() for w in _WORD.findall(text[:20_000])]
    if len(words) < 5:
        # too short to judge by frequency: accept Latin-script text, refuse other scripts
        return "en" if words and all(w.isascii() for w in words) else "und"
    ascii_share = sum(w.isascii() for w in words) / len(words)
    english = lexicon().words.language.english_function_words
    english_share = sum(w in english for w in words) / len(words)
    return "en" if ascii_share > 0.8 and english_share >= 0.12 else "und"
