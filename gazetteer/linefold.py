"""A long text folded as :meth:`FoldedText.of <gazetteer.normalize.FoldedText.of>` folds
it, its mending done a block of lines at a time.

Why: :func:`gazetteer.normalize.mended` runs each of its passes over the whole text when
the text holds that pass's sign anywhere ('#', a dot beside a tatweel, a quotation mark,
a dual kind word); a file of many articles holds every sign somewhere, so every pass read
and copied all of it (five copies of 16 MB for 8 MB of news, a tenth of a ``find``).
Mended a few thousand characters at a time, a block without a pass's sign skips it.

Why the same text: every rule of ``mended`` reads no further than the line it stands on
(its look-behinds and look-aheads read letters, tatweels, marks, quotation marks and
spaces, never a line end) and changes no line end. A block opens with the line end
before it, so a rule reading back from a line's first character sees what it sees in
the whole text. A test holds the blocks to the whole on varied text: a rule that reads
across lines fails it.
"""

from __future__ import annotations

import dataclasses
import functools

from .normalize import FoldedText, mended

__all__ = ["BLOCK", "LONG_TEXT", "folded_text", "mended_in_blocks"]

#: From this many characters a text is mended in blocks. A shorter one (an article) is
#: folded by ``FoldedText.of`` itself, whose memo its reader and its extraction share.
LONG_TEXT = 1 << 16
#: A block runs from a line end to the first line end at least this many characters on.
BLOCK = 1 << 12


def folded_text(text: str) -> FoldedText:
    """``FoldedText.of(text)``: the same original, folded text and offsets."""
    if len(text) < LONG_TEXT:
        return FoldedText.of(text)
    return _long_folded(text)


@functools.lru_cache(maxsize=2)
def _long_folded(text: str) -> FoldedText:
    """:func:`folded_text` of a long text, kept for the last two (as ``FoldedText.of``
    keeps its last few: a caller that finds the names, then resolves them, folds once)."""
    made = FoldedText.of(mended_in_blocks(text), mend=False)
    return dataclasses.replace(made, original=text)


def mended_in_blocks(text: str, block: int = BLOCK) -> str:
    """``mended(text)``, a block of lines at a time (each from a line end on, ``block``
    characters long at least: one or more)."""
    parts: list[str] = []
    start, size, block = 0, len(text), max(block, 1)  # (0 would cut at the block's own line end)
    while start < size:
        cut = text.find("\n", start + block)
        if cut < 0:
            cut = size
        parts.append(mended(text[start:cut]))
        start = cut
    return "".join(parts)
