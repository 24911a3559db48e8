"""Custom spaCy pipeline components (registered with spaCy; `pipeline.build_nlp` adds them).

newline_sentences starts a sentence after every line break.

News bodies put headings ("What was said in the capital") on their own line with no final
punctuation; the parser glues them onto the next sentence and then reads the heading's last word
as the subject of the next clause's verb. Lines are never part of one sentence in these texts.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("newline_sentences")
def newline_sentences(doc: Doc) -> Doc:
    """Mark the first token after a newline as a sentence start (run before the parser)."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
        elif not prev.is_punct and not prev.is_space and not tok.is_punct and not prev.text.endswith((".", "!", "?")):
            # "Kenya | and | Uganda agreed": edited prose never ends a sentence on a bare word mid-line (a word with
            # its own full stop, "U.S.", may end one)
            tok.is_sent_start = False
    return doc
