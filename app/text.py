"""Text folding shared by storage, filters and matching: one definition of "the same name"."""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

_NON_WORD = re.compile(r"[^a-z0-9]+")
_POSSESSIVE = re.compile(r"['’]s\b")


def normalize(value: str) -> str:
    """Fold case, accents, script and punctuation: "Sérgei  Ivanov's" -> "sergei ivanov"."""
    folded = anyascii(unicodedata.normalize("NFKC", value or ""))
    folded = _POSSESSIVE.sub("", folded.lower())
    return _NON_WORD.sub(" ", folded).strip()
