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


def _names_read_alone(raws, folded, spotted) -> list[NameCues]:
    """Each name read by itself: one name is too few for the memo of contexts."""
    return [read_names([raw], folded, spotted)[0] for raw in raws]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES + _TITLE_PIECES + ["(", ")", "شارع", "ابو"]),
                min_size=1, max_size=30), st.integers(min_value=2, max_value=4))
def test_a_context_read_before_is_read_as_when_first_read(small_gazetteer: Gazetteer, pieces,
                                                           copies) -> None:
    """The memo of a long text's contexts (here used from the first name) gives each name
    what reading it alone gives, lines' starts and credits included."""
    from gazetteer import cues

    folded, raws, _, spotted = small_gazetteer.matcher.find_spotted(" ".join(pieces * copies))
    saved = cues.MEMO_FROM
    cues.MEMO_FROM = 1
    try:
        remembered = read_names(raws, folded, spotted)
    finally:
        cues.MEMO_FROM = saved
    assert remembered == _names_read_alone(raws, folded, spotted)


def test_real_news_read_with_the_memo_reads_as_each_name_alone() -> None:
    """The seeds and the development set, twice over in one text (thousands of names):
    what the memo of contexts gives is what each name read alone gives."""
    import json
    from pathlib import Path

    from gazetteer import cues
    from gazetteer.store import load_gazetteer

    root = Path(__file__).resolve().parents[2]
    texts = [p.read_text("utf-8") for p in sorted((root / "seeds").glob("*.txt"))]
    for path in sorted((root / "tests" / "data" / "news").glob("*.json"))[:200]:
        item = json.loads(path.read_text("utf-8"))
        if isinstance(item, dict) and isinstance(item.get("text"), str):
            texts.append(item["text"])
    folded, raws, _, spotted = load_gazetteer().matcher.find_spotted("\n\n".join(texts * 2))
    assert len(raws) >= cues.MEMO_FROM
    assert read_names(raws, folded, spotted) == _names_read_alone(raws, folded, spotted)


def test_the_town_word_with_a_clitic_is_read_as_a_kind_word() -> None:
    from gazetteer import load_gazetteer
    from gazetteer.resolver import resolve_text
    gaz = load_gazetteer()
    for text in ("مر ببلدة الشحيل اليوم.", "قصفت القوات وبلدة الشحيل.", "وصل لبلدة الشحيل."):
        [m] = [m for m in resolve_text(text, gaz) if m.place is not None and m.place.id == "shuhayl"]
        assert m.kind_word == "town", text
