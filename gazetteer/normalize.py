"""Text keys for Arabic, Kurdish and English place names.

Two jobs, kept apart on purpose:

* :func:`fold` maps a text to a comparison form *character by character or by
  deleting characters*, so a span found in the folded text can be mapped back
  to the original (see :class:`FoldedText`). It is a single ``str.translate``,
  which keeps scanning megabytes of news cheap.
* :func:`arabic_key` / :func:`latin_key` / :func:`skeleton_key` turn a *name*
  into lookup keys; they may drop articles, clitics and cue words because a
  name is short and its offsets do not matter.

Examples
--------
>>> fold("القحطانيّة")
'القحطانيه'
>>> arabic_key("وبالقامشلي")
'قامشلي'
>>> latin_key("Al-Qāmishlī") == latin_key("Kamishli")
True
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

# --- character folding -------------------------------------------------------

_DELETE = (
    # Arabic diacritics (harakat, tanwin, shadda, sukun, superscript alef, Quranic marks)
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06E5, 0x06E6)]
    + ["\u0640"]  # tatweel
    # zero-width and bidi controls
    + ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u00ad"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
    # quotation marks: names are often quoted ("قاعدة “التنف”"); the quote is not part of the name
    + ['"', "\u201c", "\u201d", "\u201e", "\u201f", "\u00ab", "\u00bb", "\u2033", "\u2018", "\u2019"]
)

_DELETE_SET = frozenset(_DELETE)

_MAP = {
    # alef and hamza forms
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ؤ": "و", "ئ": "ي",
    # taa marbuta, alef maqsura
    "ة": "ه", "ۃ": "ه", "ى": "ي",
    # Persian / Kurdish / Urdu letters
    "ک": "ك", "ڪ": "ك", "گ": "ك", "ی": "ي", "ې": "ي", "ێ": "ي", "ۍ": "ي",
    "ە": "ه", "ھ": "ه", "ہ": "ه", "ۀ": "ه",
    "پ": "ب", "چ": "ج", "ژ": "ز", "ڤ": "ف", "ڨ": "ف", "ۆ": "و", "ۊ": "و", "ڵ": "ل", "ڕ": "ر",
    # Arabic comma/semicolon keep their meaning as punctuation
    "،": ",", "؛": ";", "؟": "?",
    # dashes and the Arabic kashida-like dash used in datelines
    "–": "-", "—": "-", "ـ": "-",
    # the other spaces pages put between words ('دير\xa0الزور'): one space, one for one
    "\xa0": " ", "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ",
    "\u2007": " ", "\u2008": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u205f": " ",
    "\u3000": " ", "\t": " ",
}
# Arabic-Indic and Persian digits -> ASCII
_MAP.update({chr(0x0660 + i): str(i) for i in range(10)})
_MAP.update({chr(0x06F0 + i): str(i) for i in range(10)})
# Latin: ASCII upper -> lower, and the accented letters of transliterations -> base letter
_MAP.update({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})
_LATIN_ACCENTS = {
    "āáàâäãå": "a", "ĀÁÀÂÄÃÅ": "a", "ēéèêë": "e", "ĒÉÈÊË": "e", "īíìîï": "i", "ĪÍÌÎÏİ": "i",
    "ōóòôöõ": "o", "ŌÓÒÔÖÕ": "o", "ūúùûü": "u", "ŪÚÙÛÜ": "u", "şšśṣ": "s", "ŞŠŚṢ": "s",
    "ḩḥ": "h", "ḨḤ": "h", "ţṭ": "t", "ŢṬ": "t", "ḑḍ": "d", "ḐḌ": "d", "ẓẕż": "z", "ẒẔŻ": "z",
    "çć": "c", "ÇĆ": "c", "ğ": "g", "Ğ": "g", "ı": "i", "ñ": "n", "Ñ": "n",
    "ʿʾ‘’`´ʻʼ": "'",
}
for letters, base in _LATIN_ACCENTS.items():
    _MAP.update({ch: base for ch in letters})
_MAP.update({ch: None for ch in _DELETE})  # type: ignore[misc]
_FOLD_TABLE = str.maketrans(_MAP)
_DELETED_RE = re.compile("[" + "".join(re.escape(c) for c in _DELETE) + "]")
_QUOTE_CHARS = '"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033'
#: Like the fold table, but quotation marks become '"' (to spot quoted names).
_FOLD_KEEP_QUOTES = str.maketrans({**_MAP, **{q: '"' for q in _QUOTE_CHARS}})
_DELETED_KEEP_QUOTES_RE = re.compile(
    "[" + "".join(re.escape(c) for c in _DELETE if c not in _QUOTE_CHARS) + "]"
)


#: A quotation mark between two letters; :func:`mended` decides whether it stands for a space.
#: (The quote is matched first and the letter before it read by a look-behind over both: a
#: pattern opening with its look-behind is tried at every character, 75 ms a MB.)
_GLUED_QUOTE_RE = re.compile(
    "[" + _QUOTE_CHARS + r"](?<=[^\W\d_][" + _QUOTE_CHARS + r"])(?=[^\W\d_])")
_A_QUOTE = re.compile("[" + _QUOTE_CHARS + "]").search
#: The clitics a quoted word may carry ('لـ"قسد"', 'و"داعش"', 'بـ«المزيفة»'): the quote
#: after them is deleted like any other, the clitic belongs to the word.
_CLITIC_TOKENS = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك", "لل", "ولل",
                            "فلل", "ال", "وال", "بال", "فال", "لـ", "بـ", "ولـ", "وبـ", "فلـ", "فبـ"})
_TOKEN_START_RE = re.compile(r"[^\W\d_]+$")


#: A dot a page put inside a stretched word to slip past filters ('طـ.ـردوا', 'عسـ.ـكرية',
#: 'مهـ.ين'): beside a tatweel, between letters.
_LETTER = "[\u0621-\u063a\u0641-\u064a]"  # an Arabic letter, not the tatweel
#: (The dot first, then what stands before it, for the same reason.)
_DOTTED_WORD_RE = re.compile(f"\\.(?:(?<={_LETTER}\\.)|(?<={_LETTER}\u0640\\.)"
                             f"|(?<={_LETTER}\u0640\u0640\\.))"
                             f"(?=\u0640*{_LETTER})(?:(?<=\u0640\\.)|(?=\u0640))")

#: ... and with a space after the dot, the word's halves both stretched ('اشتـ. ـباك',
#: 'النظـ. ـام'): the dot and the space are the tatweel too.
#: (The dot and space first, then what stands before them, for the same reason.)
_DOTTED_SPACE_RE = re.compile(f"\\. (?<={_LETTER}\u0640\\. )(?=\u0640+{_LETTER})")


#: A hashtag's marks ('#مخيم_الهول', '#تل_تمر', 'داخل #مخيم _الهول'): a '#' opening a word and
#: an '_' joining a letter (or a space) to the next letter. Not in code or a handle
#: ('window.__x', 'user_24'): there the marks stay, and so do the sentence's bounds.
#: (The mark first, then what stands before it: a pattern opening with a look-behind is
#: tried at every character, 40 ms a MB.)
#: Characters folding deletes (diacritics, tatweel, quotes, zero-width marks) are transparent
#: around a mark: '#"قسد"' is a hashtag as 'قسد' is, so folding a folded text changes nothing.
_DELETED_CLASS = "[" + "".join(re.escape(c) for c in _DELETE) + "]"
_HASHTAG_MARK_RE = re.compile(r"[#_](?=" + _DELETED_CLASS + r"*[^\W\d_])")
_LETTER_OR_SPACE_RE = re.compile(r"[^\W\d_]|\s")


def _hashtag_space(m: re.Match[str]) -> str:
    """A space for a hashtag's mark: a '#' opening a word, an '_' after a letter or a space
    (what stands before read past the characters folding deletes); else the mark itself."""
    text, k = m.string, m.start()
    mark = m.group(0)
    while True:
        before = text[k - 1] if k > 0 else ""
        opens = (not before or before.isspace()) if mark == "#" else bool(
            before and _LETTER_OR_SPACE_RE.match(before))
        if opens:
            return " "
        if before not in _DELETE_SET or not before:
            return mark
        k -= 1

#: The dual of a site's kind word before two names ('قاعدتي حقلي العمر وكونيكو', 'مطاري
#: القامشلي والطبقة'): the singular, letter for letter ('حقلي ' -> 'حقل  ', 'قاعدتي ' ->
#: 'قاعدة  '), so the first name is read with its kind word as the gazetteer holds it.
#: (The kind word first, then its clitics and article read behind it: no letter before
#: them. Opening with that look-behind, the pattern was tried at every character, 20 ms a MB.)
_DUAL_SITE_RE = re.compile("((?:" + "|".join(
    kind + "(?:" + "|".join(f"(?<={lead}{kind})(?<![^\\W\\d_]{lead}{kind})"
                            for lead in ("", "[وفبل]", "ال", "[وفبل]ال")) + ")"
    for kind in ("حقل", "مطار", "قاعد")) + r"))(ت?)ي(?= [^\W\d_])")


def _singular_site(m: re.Match[str]) -> str:
    return m[1] + ("ة " if m[2] else " ")


def mended(text: str) -> str:
    """``text`` as a reader reads its typography, one character for one so every offset
    still maps: a quotation mark glued between two words is the space the page left out
    ('وناحية”تل تمر”' is 'وناحية تل تمر', 'ميليشيات"قسد"' two words; after a clitic alone
    it stays, to be deleted with the other quotes: 'لـ"قسد"' is 'لقسد'); a dot inside a
    stretched word is a tatweel, deleted with it ('طـ.ـردوا الدورية' is 'طردوا الدورية',
    and so is a space after it between two stretched halves: 'اشتـ. ـباك' is 'اشتباك');
    a hashtag's marks are spaces ('#تل_تمر' is 'تل تمر'); a site's dual kind word is its
    singular ('حقلي العمر وكونيكو' is 'حقل  العمر وكونيكو').
    """
    if "\u0640." in text or ".\u0640" in text:
        text = _DOTTED_WORD_RE.sub("\u0640", text)
        if "\u0640. \u0640" in text:
            text = _DOTTED_SPACE_RE.sub("\u0640\u0640", text)
    if "ي " in text:
        text = _DUAL_SITE_RE.sub(_singular_site, text)
    if _A_QUOTE(text) is not None:  # (one search, not one per quotation mark: fold() asks
        text = _glued_quotes_spaced(text)  # this of every name)
    # the hashtag's marks last, past the spaces the quotes became ('A»ـ#x': '#' opens a word)
    if "#" in text or "_" in text:
        while (spaced := _HASHTAG_MARK_RE.sub(_hashtag_space, text)) != text:
            text = spaced  # a mark that became a space may open the next ('A_ـ#x'): until none
    return text


def _glued_quotes_spaced(text: str) -> str:
    """``text`` with each quotation mark glued between two words read as a space (not after
    a clitic alone: 'لـ"قسد"')."""
    spaces = []
    for m in _GLUED_QUOTE_RE.finditer(text):
        token = _TOKEN_START_RE.search(text, max(0, m.start() - 12), m.start())
        if token is not None and token.group(0) not in _CLITIC_TOKENS:
            spaces.append(m.start())
    if not spaces:
        return text
    parts, last = [], 0  # the text between the quotes read as spaces (not a list of every
    for k in spaces:  # character: 30 ms a MB)
        parts += (text[last:k], " ")
        last = k + 1
    parts.append(text[last:])
    return "".join(parts)


def fold(text: str) -> str:
    """Fold a text for matching: one ``str.translate`` (diacritics, forms, digits, case),
    and a run of spaces read as one (as :func:`one_space` does for a folded text)."""
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    text = mended(text)
    folded = None
    if len(text) >= _LONG:
        fast = _fold_long(text, _FOLD_TABLE)
        if fast is not None:
            folded = fast[0]
    if folded is None:
        folded = text.translate(_FOLD_TABLE)
    return _SPACE_RUN_RE.sub(" ", folded) if "  " in folded else folded


#: From this many characters a text is folded through one array lookup (see
#: :func:`_fold_long`); shorter texts, names above all, keep ``str.translate``. Measured:
#: the array wins from about 100 characters (6 µs against 8), by 9x at an article's 2,000.
_LONG = 200
_DROP = 0xFFFFFFFF  # the array value of a deleted character
_DROP16 = 0xFFFF  # ... in the two-byte array (a text holding U+FFFF itself takes the other)
#: (fold table id, bits) -> its code point array, made on first need
_ARRAYS: dict[tuple[int, int], Any] = {}


def _fold_long(text: str, table: dict[int, str | None]) -> _Folded | None:
    """``text.translate(table)`` with each run of spaces cut to one (as :func:`one_space`
    does), the offsets of the deleted characters and their folded offsets, done in C.

    ``str.translate`` looks every character of a non-ASCII text up in a dict (about
    30 MB/s, most of a bare scan's time); the same mapping as a NumPy array indexed
    by code point does it at several hundred MB/s, and the extra spaces of a run are
    dropped from the same array (no second pass over the text in Python or a regex).
    None when the text cannot be encoded (a lone surrogate): the caller then translates.
    """
    import numpy as np  # imported on the first long text: folding names never needs it

    try:
        encoded = text.encode("utf-16-le")
    except UnicodeEncodeError:
        return None
    highs = None  # where a character beyond the Basic Multilingual Plane stands (see below)
    if "\uffff" not in text:
        # two bytes a code unit and a table of 65,536 entries that stays in the processor's
        # cache; a character beyond the plane (an emoji) is two units, each mapped to itself
        # (no surrogate is folded) and joined again when decoded
        bits, drop, codec = 16, _DROP16, "utf-16-le"
        if len(encoded) != 2 * len(text):
            units = np.frombuffer(encoded, dtype=np.uint16)
            highs = np.flatnonzero((units >= 0xD800) & (units < 0xDC00))
    else:  # U+FFFF itself, the two-byte array's mark of a deletion: four bytes a character
        encoded = text.encode("utf-32-le")
        bits, drop, codec = 32, _DROP, "utf-32-le"
    dtype = np.uint16 if bits == 16 else np.uint32
    lookup = _ARRAYS.get((id(table), bits))
    if lookup is None:
        lookup = np.arange(1 << 16 if bits == 16 else 0x110000, dtype=dtype)
        for code, value in table.items():
            if code < len(lookup):
                lookup[code] = drop if value is None else ord(value)
        _ARRAYS[id(table), bits] = lookup
    mapped = lookup[np.frombuffer(encoded, dtype=dtype)]  # not .take: slow on uint32 indices
    del encoded  # none of the arrays here is kept longer than needed
    keep = mapped != drop
    whole = bool(keep.all())
    kept = mapped if whole else mapped[keep]
    folded, pairs = None, None
    if len(kept) < _MANY_CHARS:  # an article seldom has a run of spaces: decoded first, the
        folded = str(kept.data, codec)  # string is searched, the array steps saved
        runs = "  " in folded
    else:  # a long text: the runs found in the array, the text decoded once
        space = kept == 32
        pairs = space[1:] & space[:-1]  # a space right after a space (in the folded text)
        runs = bool(pairs.any())
    if runs:
        if pairs is None:
            space = kept == 32
            pairs = space[1:] & space[:-1]
        extra = np.flatnonzero(pairs) + 1  # folded offsets of a space after a space
        gone = np.flatnonzero(~keep)  # their original offsets: past the deletions before them
        keep[extra + np.searchsorted(gone - np.arange(len(gone)), extra, side="right")] = False
        whole = False
        folded = str(mapped[keep].data, codec)
    elif folded is None:
        folded = str(kept.data, codec)  # decoded from the array, not from a copy
    if whole:
        return folded, (), ()
    gone = np.flatnonzero(~keep)
    if highs is not None and len(highs):  # code units to characters: a pair is one
        gone -= np.searchsorted(highs, gone)  # (a deleted unit is never a surrogate)
    if len(gone) < _MANY:
        deleted = tuple(gone.tolist())
        return folded, deleted, tuple(d - k for k, d in enumerate(deleted))
    deleted_at = gone - np.arange(len(gone))  # kept characters before each deleted one
    return folded, tuple(gone.tolist()), tuple(deleted_at.tolist())


#: What :func:`_fold_long` gives: the folded text, the original offsets of the deleted
#: characters, and the folded offset each stood at (``FoldedText.deleted_at``).
_Folded = tuple[str, tuple[int, ...], tuple[int, ...]]


def cued_matches(pattern: re.Pattern[str], text: str, cues: tuple[str, ...], *,
                 reach: int = 0, leads: frozenset[str] | None = None) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields, for a pattern whose every match has one of
    ``cues`` within its first ``reach`` + 1 characters (a kind word after 'وال': reach 3).

    Why: a pattern opening with a look-behind or optional clitics makes the regex engine
    try every position of the text (40 ms a MB); ``str.find`` of a few literal cues runs
    at C speed, and the pattern is then tried only at the few positions before each cue,
    leftmost first and never inside a match already made (a look-behind still sees the
    text before the position tried).

    ``leads``, when given, are all the texts a match may open with before its cue (the
    clitics and article before a kind word: '', 'و', 'ال', 'وال' ...): the pattern is then
    tried only where one of them stands right before a cue, not at every position in reach.
    """
    at: set[int] = set()
    lengths = sorted({len(lead) for lead in leads}) if leads is not None else ()
    for cue in cues:
        hit = text.find(cue)
        while hit != -1:
            if leads is None:
                at.update(range(max(0, hit - reach), hit + 1))
            else:
                for k in lengths:
                    if k <= hit and text[hit - k:hit] in leads:
                        at.add(hit - k)
            hit = text.find(cue, hit + 1)
    end = 0
    for pos in sorted(at):
        if pos >= end and (match := pattern.match(text, pos)) is not None:
            end = match.end()
            yield match


@dataclass(frozen=True, slots=True)
class FoldedText:
    """A folded text that can map its offsets back to the original.

    Folding only deletes characters or maps one to one, so the original offset
    of folded offset ``n`` is ``n`` plus the deletions before it.
    """

    original: str
    folded: str
    deleted: tuple[int, ...]  # sorted original offsets of deleted characters
    #: the folded offset each deleted character stood at (how many kept characters precede
    #: it): one bisect then maps an offset back
    deleted_at: tuple[int, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.deleted:
            object.__setattr__(self, "deleted_at",
                               tuple(d - k for k, d in enumerate(self.deleted)))

    @classmethod
    def of(cls, text: str, *, keep_quotes: bool = False, mend: bool = True) -> FoldedText:
        """``text`` folded; ``mend=False`` for a text :func:`mended` already (a slice of one
        reads as the whole text read it: mending a slice again may read its edges
        otherwise, a '#' opening the slice, a dual kind word closing it)."""
        if not isinstance(text, str):
            raise TypeError(f"expected str, got {type(text).__name__}")
        return _folded_text(cls, text, keep_quotes, mend)

    @classmethod
    def _fold(cls, text: str, keep_quotes: bool, mend: bool) -> FoldedText:
        """:meth:`of`, worked out (see :func:`_folded_text`)."""
        table, deleted = (
            (_FOLD_KEEP_QUOTES, _DELETED_KEEP_QUOTES_RE) if keep_quotes else (_FOLD_TABLE, _DELETED_RE)
        )
        original, text = text, (text if keep_quotes or not mend else mended(text))
        if len(text) >= _LONG:
            fast = _fold_long(text, table)
            if fast is not None:  # spaces already cut to one, offsets already mapped
                made = cls(original, fast[0], ())
                object.__setattr__(made, "deleted", fast[1])
                object.__setattr__(made, "deleted_at", fast[2])
                return made
        folded = text.translate(table)
        if len(folded) == len(text):
            return one_space(cls(original, folded, ()))
        return one_space(cls(original, folded, tuple(m.start() for m in deleted.finditer(text))))

    def to_original(self, n: int, *, end: bool = False) -> int:
        """Original offset of folded offset ``n`` (for an end offset, pass ``end=True``)."""
        if not self.deleted:
            return n
        if end:
            return n + bisect.bisect_right(self.deleted_at, n - 1) if n > 0 else 0
        return n + bisect.bisect_right(self.deleted_at, n)

    def to_original_many(self, offsets: list[int], *, end: bool = False) -> list[int]:
        """:meth:`to_original` of every offset, in one vectorised search: a long text has
        tens of thousands of names, and a bisect per offset was a call each."""
        if not self.deleted or not offsets:
            return list(offsets)
        if len(offsets) < _MANY:  # an article's few names: NumPy's set-up costs more
            return [self.to_original(n, end=end) for n in offsets]
        import numpy as np

        at = np.asarray(self.deleted_at, dtype=np.int64)
        n = np.asarray(offsets, dtype=np.int64)
        if end:
            return np.where(n > 0, n + np.searchsorted(at, n - 1, side="right"), 0).tolist()
        return (n + np.searchsorted(at, n, side="right")).tolist()

    def to_folded_many(self, offsets: list[int]) -> list[int]:
        """The folded offset of each original offset (the characters folding deleted before
        it taken off), in one vectorised search for a long list."""
        if not self.deleted or not offsets:
            return list(offsets)
        deleted = self.deleted
        if len(offsets) < _MANY:
            return [n - bisect.bisect_left(deleted, n) for n in offsets]
        import numpy as np

        n = np.asarray(offsets, dtype=np.int64)
        return (n - np.searchsorted(np.asarray(deleted, dtype=np.int64), n, side="left")).tolist()


#: From this many characters :func:`_fold_long` looks for runs of spaces in its array.
_MANY_CHARS = 1 << 16
#: From this many offsets :meth:`FoldedText.to_original_many` searches them with NumPy
#: (and :func:`_fold_long` maps its deleted characters' offsets so).
_MANY = 256

#: A run of two or more spaces (a pattern opening with a literal: the engine skips to it;
#: the former ``(?<= ) +`` tried its look-behind at every character, 10 ms a MB).
_SPACE_RUN_RE = re.compile("  +")


def _extra_spaces(folded: str) -> list[tuple[int, int]]:
    """The spans of the spaces after a first one, in each run of spaces (``str.find`` of
    two spaces: runs are rare, and the search between them runs in C)."""
    spans: list[tuple[int, int]] = []
    find, n = folded.find, len(folded)
    at = find("  ")
    while at != -1:
        end = at + 2
        while end < n and folded[end] == " ":
            end += 1
        spans.append((at + 1, end))
        at = find("  ", end)
    return spans


@functools.lru_cache(maxsize=4)
def _folded_text(cls: type[FoldedText], text: str, keep_quotes: bool, mend: bool) -> FoldedText:
    """:meth:`FoldedText.of`, kept for the last few texts: an article's body is folded by
    its reader and its extraction (place names fold it again, as any caller of ``of``
    does); a fold is frozen, so every caller may share it."""
    return cls._fold(text, keep_quotes, mend)


def one_space(ft: FoldedText) -> FoldedText:
    """``ft`` with every run of spaces folded to one, the others deleted like diacritics.

    Why: 'مدينة  عين  العرب' or 'وردت  الدورية' (two spaces, common in pasted pages) must
    read as the names and phrases every pattern writes with one space. Deleting, not
    replacing, keeps every offset mapped back to the original text.

    >>> ft = one_space(FoldedText.of("عين  العرب"))
    >>> ft.folded, ft.to_original(4)
    ('عين العرب', 5)
    """
    if "  " not in ft.folded:
        return ft
    extra = _extra_spaces(ft.folded)
    gone = [ft.to_original(k) for a, b in extra for k in range(a, b)]
    ends = [0] + [b for _, b in extra]
    starts = [a for a, _ in extra] + [len(ft.folded)]
    kept = "".join(ft.folded[e:s] for e, s in zip(ends, starts, strict=True))
    return FoldedText(ft.original, kept, tuple(sorted((*ft.deleted, *gone))))


# --- name keys ------------------------------------------------------------------

#: The dual of a settlement's kind word, by kind ('في بلدتي الصور وأبريهة', 'قريتي X وY'),
#: folded: a cue word too, and the matcher names a place entered with its kind word after it.
DUAL_KIND_WORDS: dict[str, str] = {"town": "بلدتي", "village": "قريتي", "city": "مدينتي"}
#: Generic words in front of a name: they are cues to the kind of place, not part of the name.
CUE_WORDS: dict[str, str] = {
    "مدينه": "city", "بلده": "town", "قريه": "village", "ناحيه": "town", "منطقه": "region",
    "محافظه": "governorate", "ريف": "countryside", "مطار": "airport", "قاعده": "base",
    "حقل": "oilfield", "حقول": "oilfield", "معبر": "border_crossing", "فوج": "base",
    "مخيم": "camp", "سد": "dam", "حي": "neighbourhood", "بلدات": "town", "قري": "village",
    "مدن": "city", "مركز": "town", "معمل": "gasfield", "جسر": "bridge",
    **{word: kind for kind, word in DUAL_KIND_WORDS.items()},
}

#: Kind words that introduce a name the gazetteer may lack ('قرية "ملوك سراي"', 'مدن "الرقة"
#: و"الكرامة"'): the text matcher marks where each stands before a blank, so the finder of
#: such names (:mod:`gazetteer.unknown`) needs no pass over the text of its own.
INTRODUCING_WORDS: frozenset[str] = frozenset({
    "قريه", "بلده", "ناحيه", "مخيم", "حي", "مزرعه", "قريتي", "بلدتي", "مدن", "بلدات", "قري", "مدينتي",
})
#: The direction words of a distance and bearing ('20 كم شرق مدينة ...', read by
#: :mod:`gazetteer.offsets`), folded.
DIRECTION_WORDS: tuple[str, ...] = ("شمال", "جنوب", "شرق", "غرب")
#: Titles before a person's name ('المتحدث باسم قسد مرفان قامشلو', 'القيادي فرهاد شامي',
#: read by :mod:`gazetteer.cues`), folded, without clitics or article.
PERSON_TITLES: tuple[str, ...] = (
    "متحدث", "متحدثه", "ناطق", "ناطقه", "قيادي", "قياديه", "قائد", "قائده", "مسؤول", "مسؤوله",
    "سيد", "سيده", "شيخ", "عميد", "عقيد", "لواء", "جنرال", "نقيب", "مقدم", "رائد", "صحفي", "صحفيه",
    "ناشط", "ناشطه", "مراسل", "مراسله", "مدعو", "مدعوه", "شهيد", "شهيده", "مقاتل", "مقاتله", "قتيل",
    "اسير", "معتقل", "معتقله",
)
#: Words the text matcher spots wherever they stand (inside other words too), in its one
#: pass: the readers of a name's context then look for them around a name by a search
#: among their places, not in the text around every name. A title holding a shorter
#: one ('متحدثه') is found by that one.
SPOTTED_WORDS: tuple[str, ...] = DIRECTION_WORDS + tuple(
    t for t in PERSON_TITLES if not any(o != t and o in t for o in PERSON_TITLES))
#: Every character ``\s`` matches that a folded text may hold (folding maps the other
#: spaces and the tab to a plain space): what may follow a kind word there.
FOLDED_BLANKS: tuple[str, ...] = tuple(
    ch for ch in map(chr, range(0x3001)) if ch.isspace() and ch.translate(_FOLD_TABLE) == ch)

# Clitic sequences that may stand before a name written with the article, and without.
WITH_ARTICLE_PREFIXES = frozenset({
    "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وبال", "فبال", "وكال", "وفال",
})
_PREFIXES_LONGEST_FIRST = tuple(sorted(WITH_ARTICLE_PREFIXES, key=len, reverse=True))
BARE_PREFIXES = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك"})

_SPACE_RE = re.compile(r"[\s\-_/.,;:()\[\]{}'!?]+")
_NON_ARABIC_LETTER_RE = re.compile(r"[^\u0621-\u064a0-9 ]")


def _words(folded: str) -> list[str]:
    return [w for w in _SPACE_RE.split(folded) if w]


def strip_article(word: str) -> str:
    """'القامشلي' -> 'قامشلي'; a word of three letters or fewer keeps its article."""
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


#: How many words and names :func:`strip_clitics` and :func:`arabic_key` remember: a news
#: text repeats its words and names, and both are asked about every word near a name.
_MEMO = 1 << 16


@functools.lru_cache(maxsize=_MEMO)
def strip_clitics(word: str) -> str:
    """Remove one clitic sequence (و ف ب ل ك + ال) from the front of a folded word."""
    for prefix in _PREFIXES_LONGEST_FIRST:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix):]
    return word


def cue_word(word: str) -> str:
    """The kind word a folded word is, clitics off ('ببلده', 'وبلده', 'بالمدينه' -> 'بلده',
    'بلده', 'مدينه'), or '' when it is none.

    Why not ``lstrip``: the town's word itself opens with ب ('ببلده' stripped of every ب and
    ل is 'ده'), so only a clitic sequence the language allows (:data:`BARE_PREFIXES`, or
    one with the article) comes off."""
    if word in CUE_WORDS:
        return word
    bare = strip_clitics(word)
    if bare in CUE_WORDS:
        return bare
    for cut in (1, 2):
        if word[:cut] in BARE_PREFIXES and word[cut:] in CUE_WORDS:
            return word[cut:]
    return ""


def split_cue(text: str) -> tuple[str, str]:
    """Split a leading generic word off a name: 'قرية ملوك سراي' -> ('village', 'ملوك سراي')."""
    words = _words(fold(text))
    if len(words) > 1:
        head = cue_word(words[0])
        if head:
            return CUE_WORDS[head], " ".join(words[1:])
    return "", " ".join(words)


@functools.lru_cache(maxsize=_MEMO)
def arabic_key(name: str) -> str:
    """Key of an Arabic name: folded, one space between words, article and clitics off.

    The same key comes out of 'القامشلي', 'للقامشلي', 'وبالقامشلي' and 'القامشلى'.
    """
    words = _words(fold(name))
    if not words:
        return ""
    words[0] = strip_article(strip_clitics(words[0]))
    return " ".join(words)


def core_form(name: str) -> tuple[str, bool]:
    """The form indexed by the text matcher: (folded name without leading article, had article).

    Unlike :func:`arabic_key` this keeps any clitic-looking first letter, since a
    gazetteer name such as 'بانياس' starts with a real 'ب'.
    """
    words = _words(fold(name))
    if not words:
        return "", False
    first = words[0]
    had_article = first.startswith("ال") and len(first) > 4
    if had_article:
        words[0] = first[2:]
    return " ".join(words), had_article


_LATIN_ARTICLE_RE = re.compile(r"^(?:al|el|as|ad|ar|ash|at|az|an|ath|adh|ad|ed|es|et|ul)[\s-]+")
_LATIN_SUFFIXES = (
    (re.compile(r"(?:iyyah|iyyeh|iyah|iyeh|iyya|iyye|iya|iye|ieh|iah|ia)\b"), "ia"),
    (re.compile(r"(?<=[a-z])(?:ah|eh)\b"), "a"),
)


def latin_key(name: str) -> str:
    """Key of a Latin-script name: ASCII, no article, Q=K, one spelling of -iyah.

    'Al-Qāmishlī', 'Kamishli' and 'el-Qamishli' share a key; so do
    'Qahtaniyah', 'Qahtaniyeh' and 'Al Qahtania'.
    """
    text = fold(name).replace("'", "")
    if not text.isascii():  # (ASCII is its own decomposition, with no combining mark)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NOT_LATIN_KEY_RE.sub("", text)
    text = _LATIN_ARTICLE_RE.sub("", text.strip())
    text = text.replace("q", "k").replace("-", " ")
    previous = None
    while text != previous:  # rewrite to a fixed point, so the key is idempotent
        previous = text
        text = _LATIN_ARTICLE_RE.sub("", text.strip())
        text = text.replace("ou", "u").replace("ee", "i")
        for pattern, repl in _LATIN_SUFFIXES:
            text = pattern.sub(repl, text)
        text = _DOUBLED_RE.sub(r"\1", text)  # doubled letters
        text = " ".join(text.split())
    return text


def skeleton_key(name: str) -> str:
    """Consonant skeleton of a Latin key: a loose key for Kurdish/English spelling drift.

    'Qamişlo' and 'Qamishli' both give 'kmshl'.
    """
    key = latin_key(name.replace("ş", "sh").replace("Ş", "Sh"))
    if not key:
        return ""
    words = key.split()
    return " ".join(w[0] + _VOWELS_RE.sub("", w[1:]) for w in words)


#: What :func:`latin_key`, its doubled letters and :func:`skeleton_key` take out (compiled
#: once: a store keys every Latin name of every place when it loads).
_NOT_LATIN_KEY_RE = re.compile(r"[^a-z0-9\s-]")
_DOUBLED_RE = re.compile(r"(.)\1+")
_VOWELS_RE = re.compile(r"[aeiouyw]")


def is_arabic(text: str) -> bool:
    """True when the text has more Arabic letters than Latin ones."""
    if len(text) <= _SHORT_TEXT:  # a name: two searches, not a Python step per letter
        arabic = len(_ARABIC_RE.findall(text))
        latin = len(_LATIN_RE.findall(text))
    else:  # a whole text: counted without a list of its letters
        arabic = sum(1 for ch in text if "\u0600" <= ch <= "\u06ff")
        latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return arabic > 0 and arabic >= latin


_SHORT_TEXT = 200
#: A character of the Arabic block, and a Latin letter (ASCII and a letter).
_ARABIC_RE = re.compile("[\u0600-\u06ff]")
_LATIN_RE = re.compile("[A-Za-z]")


def name_keys(name: str) -> set[str]:
    """Every lookup key of one name (Arabic key, or Latin key and skeleton)."""
    if not name or not name.strip():
        return set()
    if is_arabic(name):
        key = arabic_key(name)
        return {key} if key else set()
    keys = {latin_key(name)}
    return {k for k in keys if k}
