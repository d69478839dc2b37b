"""Folding a text for date matching, with a map back to the original offsets.

Why: date rules match a folded text (diacritics and bidi marks removed, alef and
hamza forms unified, Arabic-Indic digits made ASCII) yet must report spans of the
original. Folding here only deletes characters or replaces one by one, so an index
map gives each span back. Also the word-edge tests the rules share.

>>> fold_with_map("أمسِ")
('امس', [0, 1, 2, 4])
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["fold_with_map", "fold_word", "left_ok", "prev_word"]

_DELETED = frozenset(
    chr(c)
    for c in (
        *range(0x064B, 0x0660),  # harakat, tanween, shadda, sukun...
        0x0670,  # superscript alef
        *range(0x0610, 0x061B),  # Quranic signs
        *range(0x06D6, 0x06DD),
        *range(0x06DF, 0x06E9),
        *range(0x06EA, 0x06EE),
        0x0640,  # tatweel
        0x061C,  # Arabic letter mark
        *range(0x200B, 0x2010),  # zero-width space/joiners, LRM, RLM
        *range(0x202A, 0x202F),  # bidi embeddings
        *range(0x2066, 0x206A),  # bidi isolates
        0x00AD,  # soft hyphen
        0xFEFF,  # BOM
    )
)
_REPLACED = {
    **dict.fromkeys("أإآٱٲٳ", "ا"),
    "ى": "ي",
    "ی": "ي",
    "ک": "ك",
    "ة": "ه",
    "ۀ": "ه",
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    **dict.fromkeys("\u2044\u2215", "/"),
    "٫": ".",
    "٬": ",",
    **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008", " "),
    **dict.fromkeys("\u2009\u200a\u202f\u205f\u3000", " "),
}
_FOLD_TABLE = str.maketrans({**dict.fromkeys(_DELETED), **_REPLACED})
#: A run of characters folding deletes: the map skips each run in one step, not char by char.
_DELETED_RUN = re.compile("[" + "".join(re.escape(ch) for ch in sorted(_DELETED)) + "]+")


def fold_with_map(text: str) -> tuple[str, Sequence[int]]:
    """Fold for matching; also return where each folded char came from.

    The map has one extra entry (``len(text)``) so a match ending at the end of
    the folded text maps to the end of the original. Deleted marks just after
    a match (a tanween on 'غداً') fall inside the original span.
    """
    folded = text.translate(_FOLD_TABLE)
    if len(folded) == len(text):
        return folded, range(len(text) + 1)
    where: list[int] = []
    kept = 0
    for run in _DELETED_RUN.finditer(text):  # the kept stretches between runs of deleted marks
        where.extend(range(kept, run.start()))
        kept = run.end()
    where.extend(range(kept, len(text) + 1))
    return folded, where


def fold_word(text: str) -> str:
    """A word of the calendar lexicon folded as the text is ('نهاية' -> 'نهايه')."""
    return text.translate(_FOLD_TABLE)


# Left edge: a word start, or after a proclitic و/ف, or after ب/ل/ك (+و/ف)
# when the expression starts with ال, عام, سنه, يوم, شهر or a digit.
_CLITIC_HOSTS = ("ال", "عام", "سنه", "يوم", "شهر", *"0123456789")


def _is_word_start(norm: str, i: int) -> bool:
    return i == 0 or not (norm[i - 1].isalnum() or norm[i - 1] == "_")


def left_ok(norm: str, i: int) -> bool:
    """Does a match at i start a word, perhaps after a proclitic?

    Allowed: a word start; after و/ف ('وأمس'); after ب/ل/ك, perhaps with و/ف
    before them, when the expression starts with ال, عام, سنه, يوم, شهر or a
    digit ('بالأمس', 'لعام 2019'). Checked here rather than as a regex
    look-behind, which would run at every position and cost ten times more.
    """
    if _is_word_start(norm, i):
        return True
    before = norm[i - 1]
    if before in "وف":
        return _is_word_start(norm, i - 1)
    if before not in "بلك" or not norm.startswith(_CLITIC_HOSTS, i):
        return False
    return _is_word_start(norm, i - 1) or (i >= 2 and norm[i - 2] in "وف" and _is_word_start(norm, i - 2))


_PREV_WORD = re.compile(r"(\w+)[^\S\n]*$")


def prev_word(norm: str, i: int) -> str:
    """The word before position i, without a proclitic و/ف ('وفي' -> 'في')."""
    found = _PREV_WORD.search(norm, max(0, i - 30), i)
    if found is None:
        return ""
    word = found.group(1)
    return word[1:] if len(word) > 2 and word[0] in "وف" else word
