"""geo.read.text: the line keys the furniture pass compares."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from geo.read.text import FOLD, fold_letters, match_key

_LETTERS = "أإآٱىةؤئکیاويهكقرية ،.-ـَُ" + "".join(chr(c) for c in FOLD)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(_LETTERS) | st.characters(), max_size=60))
def test_fold_letters_is_the_translation_by_fold(text):
    assert fold_letters(text) == text.translate(FOLD)


def test_a_line_key_folds_letters_and_drops_marks():
    assert match_key("  أخبارُ  القريةِ الكبرى  ") == "اخبار القريه الكبري"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("قصفأإىة ABcß\u200b\u200f\u202b\u2066\u00ad\u064b\u0651\u0670"
                                        "\u0640\u06d6\u0610 .:-|»«\n"), max_size=40) | st.text(max_size=40))
def test_match_key_drops_as_two_passes_did(line: str) -> None:
    """One pass over the union of the invisible characters and the diacritics gives the key
    the two passes gave (invisible characters first, then diacritics)."""
    from geo.read.text import _DIACRITICS, _INVISIBLE, fold_letters, match_key

    key = fold_letters(_DIACRITICS.sub("", _INVISIBLE.sub("", line))).casefold()
    assert match_key(line) == " ".join(key.split()).strip(" :：.-–—|•·»«")
