"""Matching on folded Arabic: the letters patterns are written in, word edges, spaces.

Why a module: the extractor's stages (triggers, actors, places, casualties ...) all
match regular expressions against the article folded by
:func:`gazetteer.normalize.fold` (hamza and alef forms, taa marbuta and alef maqsura
unified). A pattern, whether in code or in a lexicon file under ``data/``, may be
written with the usual spelling ('طائرة', 'إنزال'); :func:`rx` folds its letters the
same way before compiling, so both spellings mean the same.

>>> bool(rx("طائرة").search("طايره"))
True
"""

from __future__ import annotations

import re

__all__ = ["LETTERS", "WORD_END", "WORD_START", "fold_letters", "rx"]

#: The letters folding changes in a pattern (the rest it keeps as they are).
LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي",
                         "ة": "ه", "ى": "ي"})

#: A word starts here (no letter before).
WORD_START = r"(?<![^\W\d_])"
#: A word ends here (no letter after).
WORD_END = r"(?![^\W\d_])"


def fold_letters(text: str) -> str:
    """``text`` with its letters folded as the article's are (a pattern, a needle, a word)."""
    return text.translate(LETTERS)


def rx(pattern: str) -> re.Pattern[str]:
    """Compile a pattern over folded text; its Arabic letters are folded the same way."""
    return re.compile(fold_letters(pattern))
