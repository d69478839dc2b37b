"""Text helpers every stage of the reader shares: clean-up and matching keys.

Why here: decoded text is cleaned once (newlines, control characters, NFC) before
anything reads it, and furniture, stamps and the lexicon all compare lines through
the same folded key ('أ/إ/آ' -> 'ا', 'ة' -> 'ه', 'ى' -> 'ي', no diacritics, lower
case); the data files are written in that folded form.

>>> match_key("  اقرأ أيضاً: ")
'اقرا ايضا'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["ARABIC_RE", "BIDI_CONTROLS", "FOLD", "clean_text", "key_words", "match_key"]

#: One Arabic letter (the Arabic blocks and presentation forms).
ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")

_NEWLINES = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n",
                           "\u2028": "\n", "\u2029": "\n\n"})
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
    text = text.replace("\r\n", "\n").translate(_NEWLINES)
    return unicodedata.normalize("NFC", _STRIP_CHARS.sub("", text))


_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
#: The one-to-one letter folding of :func:`match_key` (spans in folded text still fit).
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                      "ؤ": "و", "ئ": "ي", "ک": "ك", "ی": "ي"})


def match_key(line: str) -> str:
    """A matching key: no diacritics/tatweel, alef/ya/ta-marbuta folded, lower case."""
    key = _DIACRITICS.sub("", _INVISIBLE.sub("", line)).translate(FOLD).casefold()
    return " ".join(key.split()).strip(" :：.-–—|•·»«")


def key_words(line: str) -> list[str]:
    """Folded word tokens (punctuation dropped) for comparing headlines."""
    return re.sub(r"[^\w\s]", " ", match_key(line)).split()
