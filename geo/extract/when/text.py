"""Folding a text for date matching, with a map back to the original offsets.

Why: date rules match a folded text (diacritics and bidi marks removed, alef and
hamza forms unified, Arabic-Indic digits made ASCII) yet must report spans of the
original. Folding here only deletes characters or replaces one by one, so an index
map gives each span back. Also the word-edge tests the rules share.

>>> folded, offsets = fold_with_map("أمسِ")
>>> folded, list(offsets)
('امس', [0, 1, 2, 4])
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

__all__ = ["OffsetMap", "fold_with_map", "fold_word", "left_ok", "prev_word"]

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
#: The replacements of :data:`_REPLACED`, one ``str.replace`` each. No replacement makes a
#: character another one replaces (or deletes), so in turn they give what one translation gives.
_REPLACE_PAIRS = tuple(_REPLACED.items())


def fold_with_map(text: str) -> tuple[str, Sequence[int]]:
    """Fold for matching; also return where each folded char came from.

    The map has one extra entry (``len(text)``) so a match ending at the end of
    the folded text maps to the end of the original. Deleted marks just after
    a match (a tanween on 'غداً') fall inside the original span.

    Why not ``str.translate``: it looks every character up in a table, a few times
    slower on an article than a search for the runs of deleted marks and one
    ``str.replace`` per character present (each a scan in C); and the map is an
    :class:`OffsetMap`, worked out where it is read (a few spans), not a list of
    every offset.
    """
    runs = [m.span() for m in _DELETED_RUN.finditer(text)]
    folded = _DELETED_RUN.sub("", text) if runs else text
    for old, new in _REPLACE_PAIRS:
        if old in folded:
            folded = folded.replace(old, new)
    if not runs:
        return folded, range(len(text) + 1)
    return folded, OffsetMap(runs, len(text))


class OffsetMap(Sequence[int]):
    """Where each character of a folded text came from, from the runs of marks folding
    deleted: the folded index plus the length of the runs deleted at or before it.

    >>> list(OffsetMap([(1, 4), (5, 7)], 8))
    [0, 4, 7, 8]
    """

    __slots__ = ("_at", "_shift", "_len")

    def __init__(self, runs: Sequence[tuple[int, int]], length: int) -> None:
        self._at: list[int] = []  # the folded index where each run was
        self._shift: list[int] = []  # the characters deleted up to and with it
        deleted = 0
        for start, end in runs:
            self._at.append(start - deleted)
            deleted += end - start
            self._shift.append(deleted)
        self._len = length - deleted + 1

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._len))]
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("offset map index out of range")
        k = bisect.bisect_right(self._at, i)
        return i + self._shift[k - 1] if k else i


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
