"""A small, dependency-free language check: is this text English enough to extract from?"""

from __future__ import annotations

import re

# The most frequent English function words; news English runs at 35-50% of tokens from this list.
_ENGLISH = frozenset(
    "the of and to in a is that for on was with as by it at from his her he she they their be are were has have "
    "had said not but an this which who will would been its after over about than into more also".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str) -> str:
    """"en" for English, "und" (undetermined) for anything else or for too little text to tell."""
    words = [w.lower() for w in _WORD.findall(text[:20_000])]
    if len(words) < 5:
        # too short to judge by frequency: accept Latin-script text, refuse other scripts
        return "en" if words and all(w.isascii() for w in words) else "und"
    ascii_share = sum(w.isascii() for w in words) / len(words)
    english_share = sum(w in _ENGLISH for w in words) / len(words)
    return "en" if ascii_share > 0.8 and english_share >= 0.12 else "und"
