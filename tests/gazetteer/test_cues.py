"""gazetteer.cues: the words around a name, read for all the names of a text at once."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer.cues import NameCues, read_names
from gazetteer.store import Gazetteer

_PIECES = ["القامشلي", "الحسكه", "دمشق", "اسطنبول", "قرية", "ريف", "قرب", "في", "قناه", "مجلس",
           "العسكري", " - ", "17:41", " ", "\n", ".", "،", "المتحدث", "مرفان", "x", "24", "و"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_reading_all_names_at_once_reads_each_as_alone(small_gazetteer: Gazetteer, pieces):
    """The line ends carried from name to name give what a search for each gives."""
    folded, raws = small_gazetteer.matcher.find(" ".join(pieces))
    together = read_names(raws, folded)
    assert together == [read_names([raw], folded)[0] for raw in raws]
    assert read_names(raws[::-1], folded) == together[::-1]  # out of order: searched each


def test_a_dateline_and_a_kind_word_are_read(small_gazetteer: Gazetteer) -> None:
    folded, raws = small_gazetteer.matcher.find("اسطنبول - متابعات\nدورية في ريف مدينة القامشلي")
    assert read_names(raws, folded) == [NameCues("", False, "", "dateline"),
                                        NameCues("city", True, "ريف", "location")]


#: The pattern the titles were first read by, one word at a time (the reference).
_TITLE_PATTERN = re.compile(
    r"(?<![^\W\d_])[وف]?(?:ال)?(?:متحدث|متحدثه|ناطق|ناطقه|قيادي|قياديه|قائد|قائده|مسؤول|مسؤوله"
    r"|سيد|سيده|شيخ|عميد|عقيد|لواء|جنرال|نقيب|مقدم|رائد|صحفي|صحفيه|ناشط|ناشطه|مراسل|مراسله"
    r"|مدعو|مدعوه|شهيد|شهيده|مقاتل|مقاتله|قتيل|اسير|معتقل|معتقله|الرئيس المشترك|الرئيسه المشتركه)"
    r"(?![^\W\d_])")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["و", "ف", "ال", "ب", "متحدث", "قائد", "ه", "سيد", "لواء", "x",
                                 "1", "_", "اسير", "الرئيس", "المشترك"]), min_size=1, max_size=5))
def test_a_title_is_a_word_the_titles_pattern_matches_whole(pieces) -> None:
    from gazetteer.cues import _TITLE_WORDS

    word = "".join(pieces)
    assert (word in _TITLE_WORDS) == (_TITLE_PATTERN.fullmatch(word) is not None)


_TITLE_PIECES = ["القامشلي", "الحسكه", "المتحدث", "القيادي", "والقيادي", "باسم", "قسد", "مرفان",
                 "فرهاد", "ابو", "بكر", "قال", "ان", "،", ".", "\n", " ", "x", "شمال", "مقاتل"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TITLE_PIECES), max_size=40))
def test_titles_looked_for_where_the_matcher_spotted_them_read_as_everywhere(
        small_gazetteer: Gazetteer, pieces):
    """The person's reading that skips names with no title spotted before them reads what
    the reading of every name reads."""
    folded, raws, _, spotted = small_gazetteer.matcher.find_spotted(" ".join(pieces))
    assert read_names(raws, folded, spotted) == read_names(raws, folded)
