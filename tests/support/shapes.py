"""Adversarial text shapes of a given size in characters (used by the bounds tests and bench/adversarial.py)."""

from __future__ import annotations

from collections.abc import Callable

# function words keep every shape English enough to be extracted (app/extract/language.py)
WORDS = ["the", "ministers", "of", "France", "said", "that", "the", "talks", "in", "Paris", "with", "Anna Keller",
         "and", "the", "envoy", "of", "Germany", "were", "about", "the", "border"]


def _repeat(parts: list[str], joiner: str, size: int, head: str = "", tail: str = "") -> str:
    out, length, i = [], len(head) + len(tail), 0
    while length < size:
        part = parts[i % len(parts)]
        out.append(part)
        length += len(part) + len(joiner)
        i += 1
    body = joiner.join(out)
    return (head + body)[:max(0, size - len(tail))] + tail


def giant_sentence(size: int) -> str:
    """One hyphen-joined "sentence" with no space and no full stop: names and places throughout."""
    return _repeat(WORDS, "-", size)


def giant_token(size: int) -> str:
    """One word as long as the text, inside a short sentence."""
    head, tail = "The envoy said ", " on Monday."
    return head + "x" * max(1, size - len(head) - len(tail)) + tail


def short_sentences(size: int) -> str:
    """Very many short sentences (10,000 is about 280 KB)."""
    return _repeat(["The police met the envoy.", "He said that it was over.", "Anna Keller left the city."], " ",
                   size)


def nesting(size: int) -> str:
    """Quotes and brackets nested as deep as the size allows, around one short clause."""
    depth = max(1, (size - 30) // 6)
    return 'The envoy said ' + '"([' * depth + "talks ended" + '])"' * depth + "."


def mentions(size: int) -> str:
    """One sentence that is nothing but a list of people, places and pronouns: a mention every two words."""
    return _repeat(["Anna Keller", "the city of Paris", "Pierre Moreau", "the ministry", "Germany", "he", "France",
                    "they", "the envoy of Kenya", "she"], ", ", size, head="The officials said that ", tail=" met.")


def prose(size: int) -> str:
    """Ordinary news articles back to back (the baseline the others are compared with)."""
    from tests.support.articles import articles

    texts = [a["text"] for a in articles(max(8, size // 400), seed=11)]
    return _repeat(texts, "\n\n", size)


SHAPES: dict[str, Callable[[int], str]] = {"prose": prose, "giant_sentence": giant_sentence,
                                           "giant_token": giant_token, "short_sentences": short_sentences,
                                           "nesting": nesting, "mentions": mentions}
