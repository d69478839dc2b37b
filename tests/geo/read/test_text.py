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
