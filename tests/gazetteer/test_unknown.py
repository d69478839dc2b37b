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


# --- one pass for both kind-word patterns ------------------------------------------------

_KIND_PIECES = ["و", "ال", "ب", "ف", "ل", "قريه", "قريتي", "قري", "بلده", "بلدتي", "بلدات", "ناحيه",
                "مخيم", "حي", "حيه", "مزرعه", "مدن", "مدينتي", "حيان", " ", "  ", "\n", "\r", "\t",
                "\u2028", "1", "ا", "x", '"', "،", "كسره", "الفردوس", '"ملوك سراي"']


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_KIND_PIECES), max_size=40))
def test_one_pass_gives_each_kind_word_pattern_its_finditer_matches(pieces):
    from gazetteer.unknown import _PLURAL_KIND_RE, _UNKNOWN_KIND_RE, _kind_word_matches

    text = "".join(pieces)
    unknown, plural = _kind_word_matches(text)
    for found, pattern in ((unknown, _UNKNOWN_KIND_RE), (plural, _PLURAL_KIND_RE)):
        assert [(m.span(), m.groups()) for m in found] == \
            [(m.span(), m.groups()) for m in pattern.finditer(text)]


def test_no_kind_word_ends_another():
    """What lets one pass find every kind word with a blank after it (see
    ``_kind_word_matches``): a kind word ending another would be hidden by it."""
    from gazetteer.unknown import _PLURAL_KINDS, _UNKNOWN_KINDS

    kinds = _UNKNOWN_KINDS | _PLURAL_KINDS
    assert not [(a, b) for a in kinds for b in kinds if a != b and a.endswith(b)]


def _overlaps_pairs(spans, start, end):
    """The reference: the search among sorted (start, end) pairs the flat lists replace."""
    import bisect

    i = bisect.bisect_left(spans, (start, start))
    if i and spans[i - 1][0] < end and start < spans[i - 1][1]:
        return True
    return i < len(spans) and spans[i][0] < end and start < spans[i][1]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=30),
       st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=30))
def test_the_spans_taken_answer_as_sorted_pairs_do(fixed, asked):
    import bisect

    from gazetteer.unknown import _Taken

    fixed = sorted((s, s + n) for s, n in fixed)
    for size in (0, 40, 80):  # (an array shorter than the spans: the lists answer)
        taken, added = _Taken(list(fixed), size), []
        for start, n in asked:
            end = start + n
            expected = _overlaps_pairs(fixed, start, end) or (
                bool(added) and _overlaps_pairs(added, start, end))
            assert taken.overlaps(start, end) == expected
            if not expected:
                taken.add(start, end)
                bisect.insort(added, (start, end))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=30),
       st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8), st.booleans()), max_size=30))
def test_spans_added_without_asking_answer_as_sorted_pairs_do(fixed, asked):
    """Overlapping or empty spans added all the same are read as the sorted pairs read them."""
    import bisect

    from gazetteer.unknown import _Taken

    fixed = sorted((s, s + n) for s, n in fixed)
    taken, added = _Taken(list(fixed), 80), []
    for start, n, add in asked:
        end = start + n
        expected = _overlaps_pairs(fixed, start, end) or (
            bool(added) and _overlaps_pairs(added, start, end))
        assert taken.overlaps(start, end) == expected
        if add or not expected:
            taken.add(start, end)
            bisect.insort(added, (start, end))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_KIND_PIECES, "القامشلي", "\u201c", "\u201d", "«", "»", "\u064e",
                                 "\xa0", "\u2003", "ريف", "بريف", ".", "\u0640"]), max_size=40))
def test_the_kind_words_the_matcher_marks_give_the_matches_a_search_gives(small_gazetteer, pieces):
    """The matcher's marks (in the text folded without quotation marks, mapped to the one
    folded with them) lead to the same matches as the finder's own search."""
    from gazetteer.normalize import FoldedText
    from gazetteer.unknown import _kind_word_matches, _quoted_offsets

    text = "".join(pieces)
    folded, _, marked = small_gazetteer.matcher.find_marked(text)
    quoted = FoldedText.of(text, keep_quotes=True)
    given = _kind_word_matches(quoted.folded, _quoted_offsets(folded, quoted, marked))
    searched = _kind_word_matches(quoted.folded)
    assert [[(m.span(), m.groups()) for m in ms] for ms in given] == \
        [[(m.span(), m.groups()) for m in ms] for ms in searched]


def test_names_the_gazetteer_lacks_are_the_same_with_marks_or_without(small_gazetteer):
    from gazetteer.resolver import resolve_text
    from gazetteer.unknown import unknown_named_places

    text = ('دورية في قرية "ملوك سراي" بريف القامشلي، ثم في بلدة\xa0تل حميدو ومدن "الرقة" و"الحسكة". '
            "وأهالي ملوك سراي غاضبون من قوات\u2003في حي الزهور.") * 3
    folded, raws, marked = small_gazetteer.matcher.find_marked(text)
    known = resolve_text(text, small_gazetteer)
    spans = {(folded.to_original(r.start), folded.to_original(r.end, end=True)) for r in raws}
    known = [m for m in known if (m.start, m.end) in spans]  # the names the matcher found
    with_marks = unknown_named_places(text, folded, known, small_gazetteer, marked=marked)
    searched = unknown_named_places(text, folded, known, small_gazetteer)
    assert [(m.start, m.end, m.cue) for m in with_marks] == [(m.start, m.end, m.cue) for m in searched]
    assert any(m.text == "ملوك سراي" for m in with_marks)


@pytest.mark.parametrize("text", [
    "وأضاف المصدر أن العناصر ردوا بإطلاق النار الحي على المتظاهرين في شارع الساقية.",
    "ودمرت الطائرات تعزيزات استقدمتها الفصائل إلى قرية خلف منطقة الاشتباكات.",
])
def test_words_after_a_kind_word_that_are_no_name(text) -> None:
    assert [m.text for m in resolve_text(text, load_gazetteer()) if m.place is None] == []


def test_a_word_with_a_pronoun_ends_the_unknown_name() -> None:
    text = "ردوا بإطلاق النار على المتظاهرين في حي الرميلة لتفريقهم."
    assert [m.text for m in resolve_text(text, load_gazetteer()) if m.place is None] == ["الرميلة"]


@pytest.mark.parametrize(("text", "area"), [
    # the sub-district named after the province's seat frames the village, not the seat's countryside
    ("هاجم مسلحون نقاطاً في قرية أبو النيتل شمالي دير الزور بناحية الصور.", "suwar"),
    # the seat alone still frames it, on the side of the province the bearing names
    ("هاجم مسلحون نقاطاً في قرية أبو النيتل شمالي دير الزور.", "rif_deir_ez_zor_north"),
    # a region of the country after the seat is no finer frame
    ("نفذت القوات إنزالاً في قرية الكسار الفوقاني شمال شرقي دير الزور شرقي سوريا.",
     "rif_deir_ez_zor_north_east"),
])
def test_an_unknown_village_takes_the_finest_area_named_right_after_it(text: str, area: str) -> None:
    gaz = load_gazetteer()
    [village] = [m for m in resolve_text(text, gaz) if m.key and "النيتل" in m.text or "الكسار" in m.text]
    assert village.place is not None and village.place.id == area
