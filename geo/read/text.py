"""Text helpers every stage of the reader shares: clean-up and matching keys.

Why here: decoded text is cleaned once (newlines, control characters, NFC) before
anything reads it, and furniture, stamps and the lexicon all compare lines through
the same folded key ('أ/إ/آ' -> 'ا', 'ة' -> 'ه', 'ى' -> 'ي', no diacritics, lower
case); the data files are written in that folded form.

>>> match_key("  اقرأ أيضاً: ")
'اقرا ايضا'
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata

from gazetteer.normalize import FoldedText

__all__ = ["ARABIC_RE", "BIDI_CONTROLS", "FOLD", "clean_text", "fold_letters", "folded_page", "forget_keys",
           "key_words", "match_key"]

#: One Arabic letter (the Arabic blocks and presentation forms).
ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")

_NEWLINES = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n",
                           "\u2028": "\n", "\u2029": "\n\n"})
#: Any character of :data:`_NEWLINES`: most texts have none, and one search is a tenth
#: of the cost of ``translate`` (a dict lookup per character of a non-ASCII text).
_OTHER_NEWLINES = re.compile("[\r\x0b\x0c\x85\u2028\u2029]")
# C0 except \t \n, DEL, C1 and BOM/ZWNBSP go. Bidi controls (LRM/RLM, embeddings,
# overrides, isolates) and zero-width joiners stay: the text is evidence and exports carry
# it unchanged; every display isolates each field so a control cannot reorder anything
# outside it, and matching keys ignore them.
_STRIP_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff]")
#: Bidi embedding, override and isolate controls (kept in the text, counted in a warning).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\u00ad]")


def clean_text(text: str) -> str:
    """Newlines to \\n, controls removed, NFC; letters and diacritics untouched."""
    if _OTHER_NEWLINES.search(text):
        text = text.replace("\r\n", "\n").translate(_NEWLINES)
    return _nfc(_STRIP_CHARS.sub("", text))


#: The most combining marks in a row that NFC reorders as written (Unicode's
#: stream-safe limit, UAX #15); no letter of any script carries more.
MAX_COMBINING_RUN = 30
_CGJ = "\u034f"  # COMBINING GRAPHEME JOINER: invisible, and it ends a run of marks


def _nfc(text: str) -> str:
    """NFC in time linear in the text.

    Why not just ``normalize``: it sorts each run of combining marks by insertion, so
    100 KB of diacritics in a row took 15 s. Text already in NFC (every real article)
    is returned as it is; otherwise a run longer than :data:`MAX_COMBINING_RUN` gets a
    grapheme joiner after every 30 marks first, as the stream-safe format does.
    """
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", _long_mark_runs().sub(_split_run, text))


def _split_run(match: re.Match[str]) -> str:
    run = match.group()
    return _CGJ.join(run[i:i + MAX_COMBINING_RUN] for i in range(0, len(run),
                                                                 MAX_COMBINING_RUN))


@functools.cache
def _long_mark_runs() -> re.Pattern[str]:
    """Runs of more than MAX_COMBINING_RUN combining marks (built once, on first need)."""
    ranges: list[tuple[int, int]] = []
    for cp in range(sys.maxunicode + 1):
        if unicodedata.combining(chr(cp)):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    marks = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(f"[{marks}]{{{MAX_COMBINING_RUN + 1},}}")


_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
#: What a key leaves out: invisible characters and diacritics, in one pass (deleting the
#: characters of two classes one class after the other is deleting those of their union).
_KEY_DROPPED = re.compile("[" + _INVISIBLE.pattern[1:-1] + _DIACRITICS.pattern[1:-1] + "]")
#: The one-to-one letter folding of :func:`match_key` (spans in folded text still fit).
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                      "ؤ": "و", "ئ": "ي", "ک": "ك", "ی": "ي"})
#: :data:`FOLD` as (letter, its folded form) pairs: no folded form is itself folded, so
#: replacing them one after the other gives what ``translate`` gives.
_FOLD_PAIRS = tuple((chr(code), value) for code, value in FOLD.items())


def fold_letters(text: str) -> str:
    """``text.translate(FOLD)``, faster: ``str.translate`` looks every character of an
    Arabic line up in a dict, while ``in`` and ``replace`` scan it in C (7x on news lines)."""
    for letter, folded in _FOLD_PAIRS:
        if letter in text:
            text = text.replace(letter, folded)
    return text



@functools.lru_cache(maxsize=8192)
def match_key(line: str) -> str:
    """A matching key: no diacritics/tatweel, alef/ya/ta-marbuta folded, lower case.

    Remembered for the lines of the page being read: the furniture pass asks for the
    key of one line many times over (classifying it, comparing headlines, looking for a
    title's repeats), and a key depends on the line alone. :func:`forget_keys` empties
    the memory between pages, so none of it outlives the page.
    """
    key = fold_letters(_KEY_DROPPED.sub("", line)).casefold()
    return " ".join(key.split()).strip(" :：.-–—|•·»«")


_NOT_WORD = re.compile(r"[^\w\s]")


def key_words(line: str) -> list[str]:
    """Folded word tokens (punctuation dropped) for comparing headlines."""
    return list(_key_words(line))


@functools.lru_cache(maxsize=8192)
def _key_words(line: str) -> tuple[str, ...]:
    return tuple(_NOT_WORD.sub(" ", match_key(line)).split())


def forget_keys() -> None:
    """Empty the memory of :func:`match_key` and :func:`key_words` (a new page begins).

    Why: entries replaced one by one over a 100,000-article run are long-lived objects
    scattered through memory, which keeps it from being given back.
    """
    match_key.cache_clear()
    _key_words.cache_clear()


@functools.lru_cache(maxsize=2)
def folded_page(body: str) -> FoldedText:
    """``FoldedText.of(body)``, kept for the last two bodies: the reader folds an undated
    body to look for weekday dates (:mod:`.published`), and extraction folds the same body
    right after (:mod:`geo.extract.document`); a fold of a page is a few per cent of its time.
    The folded text is frozen, so both may share it."""
    return FoldedText.of(body)
