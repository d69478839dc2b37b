"""gazetteer.cues: the words around a name, read for all the names of a text at once."""

from __future__ import annotations

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
