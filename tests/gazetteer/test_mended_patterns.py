"""The patterns :func:`gazetteer.normalize.mended` runs, rewritten for speed (a literal
first, what stands before it read behind), against the first forms that said the rule
plainly: the same text out, on the rule's own examples and on Hypothesis's texts."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer.normalize import (
    _DELETE,
    _DOTTED_SPACE_RE,
    _DUAL_SITE_RE,
    _HASHTAG_MARK_RE,
    _LETTER,
    _hashtag_space,
    _singular_site,
    mended,
)


#: The rules as first written, a look-behind opening each (tried at every character).
def _plain_hashtag(text: str) -> str:
    """A hashtag's marks as first written, one character at a time: '#' opening a word, '_'
    after a letter or a space, before a letter; what folding deletes (quotes, diacritics,
    tatweel) read through on both sides, unless it is itself what the rule asks ('ـ_ق': the
    tatweel is a letter), so '#"قسد"' is a hashtag as '#قسد' is."""
    def letter(c: str) -> bool:
        return bool(re.fullmatch(r"[^\W\d_]", c))

    out = list(text)
    for i, ch in enumerate(text):
        if ch not in "#_":
            continue
        j = i + 1
        while j < len(text) and text[j] in _DELETE and not letter(text[j]):
            j += 1
        if j >= len(text) or not letter(text[j]):
            continue
        k = i
        while True:
            prev = text[k - 1] if k else ""
            if (not prev or prev.isspace()) if ch == "#" else (letter(prev) or prev.isspace()):
                out[i] = " "
                break
            if not prev or prev not in _DELETE:
                break
            k -= 1
    return "".join(out)


_PLAIN_DUAL = re.compile(r"(?<![^\W\d_])([وفبل]?(?:ال)?(?:حقل|مطار|قاعد))(ت?)ي(?= [^\W\d_])")
_PLAIN_DOTTED_SPACE = re.compile(f"(?<={_LETTER}\u0640)\\. (?=\u0640+{_LETTER})")

_PIECES = st.sampled_from([
    "حقل", "مطار", "قاعد", "ت", "ي", "ال", "و", "ف", "ب", "ل", "ك", "ا", "ة", "#", "_", "__",
    " ", "\n", "\t", "1", "x", ".", "-", "العمر", "تل", "تمر", "\u0640", ". ", "\u0640. \u0640",
    '"', "\u00ab", "\u064e", "\u200f",
])
#: A word as the dual rule reads one: what stands before, clitics, kind word, dual ending.
_WORDS = st.tuples(
    st.sampled_from(["", "x", "1", "#", "_", "ك", "ال", "و"]),
    st.sampled_from(["", "و", "ف", "ب", "ل", "ال", "وال", "بال", "لل", "ولال"]),
    st.sampled_from(["حقل", "مطار", "قاعد", "تل", ""]),
    st.sampled_from(["", "ت"]),
    st.sampled_from(["ي", "", "ين", "ة"]),
    st.sampled_from([" ", "", "_", "\n", "  ", " 1"]),
).map("".join)
_TEXTS = st.one_of(st.lists(_PIECES, max_size=14).map("".join),
                   st.lists(_WORDS, max_size=6).map("".join))


@settings(max_examples=600, deadline=None)
@given(_TEXTS)
def test_hashtag_marks_as_first_written(text: str) -> None:
    assert _HASHTAG_MARK_RE.sub(_hashtag_space, text) == _plain_hashtag(text)


@settings(max_examples=600, deadline=None)
@given(_TEXTS)
def test_dual_site_words_as_first_written(text: str) -> None:
    assert _DUAL_SITE_RE.sub(_singular_site, text) == _PLAIN_DUAL.sub(_singular_site, text)


@settings(max_examples=600, deadline=None)
@given(_TEXTS)
def test_dotted_space_as_first_written(text: str) -> None:
    assert _DOTTED_SPACE_RE.sub("\u0640\u0640", text) == _PLAIN_DOTTED_SPACE.sub("\u0640\u0640", text)


@pytest.mark.parametrize(("text", "read"), [
    ("#تل_تمر", " تل تمر"),
    ("داخل #مخيم _الهول", "داخل  مخيم  الهول"),
    ("window.__x user_24 a#b", "window.__x user_24 a#b"),
    ("قاعدتي حقلي العمر وكونيكو", "قاعدة  حقل  العمر وكونيكو"),
    ("ومطاري القامشلي والطبقة", "ومطار  القامشلي والطبقة"),
    ("بالحقلي الشرقي", "بالحقل  الشرقي"),
    ("للمطاري القامشلي", "للمطاري القامشلي"),  # 'لل' is no clitic of a kind word here
    ("xحقلي العمر", "xحقلي العمر"),  # a letter before the word
    ("5حقلي العمر", "5حقل  العمر"),  # a digit is no letter
    ("اشتـ. ـباك", "اشتــــباك"),  # a dot and a space between stretched halves
    ("اشتـ. باك", "اشتـ. باك"),
])
def test_mended_reads_marks_and_duals(text: str, read: str) -> None:
    assert mended(text) == read
    assert len(mended(text)) == len(text)
