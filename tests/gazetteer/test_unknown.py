"""gazetteer.unknown: kind words, and names the gazetteer knows written another way.

The reading of unknown names in running text is tested through the resolver
(tests/gazetteer/test_resolver_context.py); these are the module's small parts."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer.normalize import cued_matches, fold
from gazetteer.resolver import resolve_text
from gazetteer.store import load_gazetteer
from gazetteer.unknown import is_kind_word


@pytest.mark.parametrize("word", ["بمدينة", "وقرية", "المدينة", "وبلدة", "فالقرية", "لبلدة"])
def test_a_kind_word_with_its_clitics_is_a_kind_word(word):
    assert is_kind_word(fold(word))


@pytest.mark.parametrize("word", ["الفردوس", "دوكركا", "بالقامشلي", "وب"])
def test_a_name_is_not_a_kind_word(word):
    assert not is_kind_word(fold(word))


# --- cued_matches: finditer, tried only near the cue words ----------------------------

_KIND_LIKE = re.compile(r"(?<![^\W\d_])[وفبل]?(?:ال)?(قريه|بلده|حي|مدن)\s+([^\W\d_]{2,})")
_ALPHABET = ["و", "ال", "ب", "قريه", "بلده", "حي", "مدن", "قري", " ", "  ", "\n", "حيان", "1", "ا",
             "x", "وال", '"']


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=40))
def test_cued_matches_are_the_matches_of_finditer(pieces):
    text = "".join(pieces)
    expected = [(m.start(), m.end()) for m in _KIND_LIKE.finditer(text)]
    cues = ("قري", "بلد", "حي", "مدن")
    found = [(m.start(), m.end()) for m in cued_matches(_KIND_LIKE, text, cues, reach=3)]
    assert found == expected
    # with the leads a match may open with before its cue, tried only where one stands
    leads = frozenset(c + a for c in ("", "و", "ف", "ب", "ل") for a in ("", "ال"))
    found = [(m.start(), m.end()) for m in cued_matches(_KIND_LIKE, text, cues, reach=3,
                                                        leads=leads)]
    assert found == expected


def test_cued_matches_read_the_letter_before_a_cue():
    # 'سبلدة' is no kind word: the look-behind still sees the letter before the tried position
    found = cued_matches(_KIND_LIKE, "سبلده كسره وبلده كسره", ("بلد",), reach=3)
    assert [m.group(2) for m in found] == ["كسره"]


@pytest.mark.parametrize("text", [
    "وأضاف المصدر أن العناصر ردوا بإطلاق النار الحي على المتظاهرين في شارع الساقية.",
    "ودمرت الطائرات تعزيزات استقدمتها الفصائل إلى قرية خلف منطقة الاشتباكات.",
])
def test_words_after_a_kind_word_that_are_no_name(text) -> None:
    assert [m.text for m in resolve_text(text, load_gazetteer()) if m.place is None] == []


def test_a_word_with_a_pronoun_ends_the_unknown_name() -> None:
    text = "ردوا بإطلاق النار على المتظاهرين في حي الرميلة لتفريقهم."
    assert [m.text for m in resolve_text(text, load_gazetteer()) if m.place is None] == ["الرميلة"]
