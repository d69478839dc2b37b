from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer.resolver import resolve_text
from gazetteer.store import Gazetteer


def _located(mentions):
    return [m for m in mentions if m.role == "location" and m.place is not None]


def test_span_points_at_the_original_text(small_gazetteer: Gazetteer) -> None:
    text = "وقعت الحادثة بالقرب من بلدة القحطانيّة في محافظة الحسكة."
    mentions = resolve_text(text, small_gazetteer)
    m = mentions[0]
    assert text[m.start:m.end] == m.text == "القحطانيّة"
    assert m.place.id == "qahtaniyah_hasakah"
    assert m.geo_precision == 2  # 'بالقرب من' = near it


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("اشتباكات في قرية القحطانية قرب خان أرنبة في محافظة القنيطرة", "qahtaniyah_quneitra"),
        ("دورية أمريكية في القحطانية شرقي القامشلي", "qahtaniyah_hasakah"),
        ("القحطانية في محافظة الحسكة", "qahtaniyah_hasakah"),
    ],
)
def test_same_name_goes_where_the_context_points(small_gazetteer, text, expected) -> None:
    first = resolve_text(text, small_gazetteer)
    got = [m for m in first if m.text.endswith("القحطانية")][0]
    assert got.place is not None and got.place.id == expected
    assert len(got.candidates) == 2


def test_kind_word_and_airport_longest_match(small_gazetteer) -> None:
    mentions = resolve_text("تسيطر قوات النظام على مطار القامشلي", small_gazetteer)
    assert [m.place.id for m in mentions] == ["qamishli_airport"]
    assert mentions[0].geo_precision == 1


def test_countryside_is_precision_two(small_gazetteer) -> None:
    mentions = resolve_text("عملية إنزال جوي بريف القامشلي", small_gazetteer)
    assert mentions[0].place.id == "rif_qamishli"
    assert mentions[0].geo_precision == 2


def test_region_is_precision_three(small_gazetteer) -> None:
    m = resolve_text("انتشرت القوات في شمال شرقي سوريا", small_gazetteer)[0]
    assert m.place.id == "ne_syria" and m.geo_precision == 3


def test_unknown_village_is_reported_at_its_parent_area(small_gazetteer) -> None:
    text = 'بعملية إنزال جوي في قرية "ملوك سراي" بريف القامشلي.'
    mentions = resolve_text(text, small_gazetteer)
    unknown = [m for m in mentions if m.text == "ملوك سراي"]
    assert unknown, mentions
    m = unknown[0]
    assert m.approximate and m.place.id == "rif_qamishli" and m.geo_precision == 2
    assert "not in the gazetteer" in m.cue


def test_unknown_village_without_area_stays_unresolved(small_gazetteer) -> None:
    mentions = resolve_text("وصلت الدورية إلى قرية تل حميدو صباحاً.", small_gazetteer)
    unknown = [m for m in mentions if "حميدو" in m.text]
    assert unknown and unknown[0].place is None and "review" in unknown[0].cue


def test_adjective_after_village_is_not_a_name(small_gazetteer) -> None:
    mentions = resolve_text("في قرية خاضعة لسيطرة النظام في القامشلي", small_gazetteer)
    assert all("خاضعة" not in m.text for m in mentions)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("2022.10.08 | 17:41 دمشق", "timezone"),
        ("إسطنبول - متابعات\nنص الخبر", "dateline"),
        ("إسطنبول ـ وكالات\nنص الخبر", "dateline"),
        ("وقالت مصادر لموقع تلفزيون سوريا", "media"),
        ("وفقاً لقناة الرقة", "media"),  # a clitic 'ل' on the outlet word
        ("كما قال مصدر ولوكالة الحسكة", "media"),
    ],
)
def test_names_that_are_not_story_locations(small_gazetteer, text, role) -> None:
    roles = {m.role for m in resolve_text(text, small_gazetteer)}
    assert role in roles


def test_timezone_never_becomes_a_place(small_gazetteer) -> None:
    m = resolve_text("2021.01.18 | 15:35 دمشق", small_gazetteer)[0]
    assert m.place is None and m.role == "timezone"


def test_outside_places_are_marked_outside(small_gazetteer) -> None:
    m = resolve_text("الحرب في أوكرانيا", small_gazetteer)[0]
    assert m.role == "outside" and not m.place.in_area


@pytest.mark.parametrize("text", ["تفجير جسر الرقم", "حقل الرقمي", "طرطوسي"])
def test_near_spellings_do_not_match(small_gazetteer, text) -> None:
    assert _located(resolve_text(text, small_gazetteer)) == []


def test_tartab_is_not_tartus(small_gazetteer) -> None:
    mentions = resolve_text('وفي "الفوج 154" (فوج طرطب) جنوبي القامشلي', small_gazetteer)
    ids = [m.place.id for m in mentions if m.place]
    assert "tartus" not in ids and ids.count("tartab") == 2


def test_too_ambiguous_stays_unresolved() -> None:
    from gazetteer.model import Place

    gaz = Gazetteer([
        Place("a1", "الكرامة", "al-Karama", "village", 35.9, 38.9, "aleppo", source="t"),
        Place("a2", "الكرامة", "al-Karama", "village", 33.4, 36.1, "rif_dimashq", source="t"),
    ])
    m = resolve_text("في الكرامة", gaz)[0]
    assert m.place is None and len(m.candidates) == 2 and m.cue.startswith("ambiguous")


@pytest.mark.parametrize("bad", [None, 12, b"\xd8\xa7"])
def test_rejects_non_text(small_gazetteer, bad) -> None:
    with pytest.raises(TypeError):
        resolve_text(bad, small_gazetteer)  # type: ignore[arg-type]


def test_empty_and_control_characters(small_gazetteer) -> None:
    assert resolve_text("", small_gazetteer) == []
    text = "\x00\x07القامشلي\x1b[31m Qamishli \u202e"
    mentions = resolve_text(text, small_gazetteer)
    assert [m.place.id for m in mentions] == ["qamishli", "qamishli"]


def test_ten_megabytes(small_gazetteer) -> None:
    chunk = "قالت مصادر إن دورية أمريكية مرت قرب القامشلي اليوم. " * 10
    text = chunk * (10_000_000 // len(chunk))
    mentions = resolve_text(text, small_gazetteer)
    assert len(mentions) == text.count("القامشلي")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("القامشليحسكةطرتب ريف قرية \"“”.\n:17|دمشق")) ))
def test_any_text_gives_consistent_spans(small_gazetteer, text) -> None:
    for m in resolve_text(text, small_gazetteer):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_any_unicode_never_crashes(small_gazetteer, text) -> None:
    resolve_text(text, small_gazetteer)


# --- the words before a name: the short window reads as the long one ---------------------


def _words_before_by_long_window(text: str, pos: int, n: int) -> list[str]:
    window = text[max(0, pos - 60):pos]
    cut = max(window.rfind("."), window.rfind("\n"), window.rfind("!"), window.rfind("?"))
    return re.findall(r"[^\W_]+", window[cut + 1:])[-n:]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["قرية", "في", "ريف", "و", " ", "  ", ".", "\n", "؟", "?", "12",
                                 "_", "بلدة", "الشرقي", "x", "حي"]), max_size=40),
       st.integers(1, 5))
def test_the_words_before_a_name_are_those_of_its_sentence_within_60_characters(pieces, n):
    from gazetteer.cues import words_before as _words_before

    text = "".join(pieces) + "القامشلي"
    pos = len(text) - len("القامشلي")
    assert _words_before(text, pos, n) == _words_before_by_long_window(text, pos, n)


@pytest.mark.parametrize("was_on", [True, False])
def test_the_collector_is_left_as_it_was_found(small_gazetteer, was_on: bool) -> None:
    import gc

    from gazetteer.resolver import collector_paused

    before = gc.isenabled()
    try:
        (gc.enable if was_on else gc.disable)()
        assert resolve_text("دورية في القامشلي", small_gazetteer)
        assert gc.isenabled() is was_on
        with pytest.raises(RuntimeError), collector_paused():
            assert not gc.isenabled()
            raise RuntimeError
        assert gc.isenabled() is was_on
    finally:
        (gc.enable if before else gc.disable)()


def test_single_candidate_choices_are_remembered_per_kind_word_and_precision(
        small_gazetteer) -> None:
    plain = resolve_text("دورية في القامشلي", small_gazetteer)[0]
    near = resolve_text("دورية قرب القامشلي", small_gazetteer)[-1]
    again = resolve_text("وفي القامشلي", small_gazetteer)[0]
    assert plain.place is near.place is again.place
    assert (plain.geo_precision, near.geo_precision) == (1, 2)
    assert again.candidates == plain.candidates and again.candidates is not plain.candidates


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="قرية ال1_-.\n،:!\u0640x ", max_size=90), st.integers(0, 90))
def test_words_before_reads_the_words_the_regex_reads(text: str, pos: int) -> None:
    from gazetteer.cues import words_before as _words_before

    pos = min(pos, len(text))
    window = text[max(0, pos - 60):pos]
    cut = max(window.rfind(c) for c in ".\n!?")
    assert _words_before(text, pos, 4) == re.findall(r"[^\W_]+", window[cut + 1:])[-4:]


_PERSON_PIECES = ["باراك", "اوباما", "مظلوم", "كوباني", "دونالد", "ترامب", "بشار", "الاسد",
                  "القامشلي", "بالقامشلي", "والقامشلي", "الحسكه", "اراك", "عين العرب", "قرية",
                  "في", "قال", "12", " ", " ", " ", "  ", "\n", "\r", ".", "،", "-", "x", "بايدن"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PERSON_PIECES), max_size=30))
def test_the_cheap_person_test_never_misses_a_persons_name(pieces) -> None:
    """Where ``_may_name_a_person`` says no, the full reading says no too (the fast path
    only skips work, never a person)."""
    from gazetteer.cues import may_name_a_person as _may_name_a_person
    from gazetteer.cues import words_before as _words_before
    from gazetteer.persons import default_person_names
    from gazetteer.store import load_gazetteer

    gaz = load_gazetteer()
    folded, raws = gaz.matcher.find("".join(pieces))
    text = folded.folded
    for raw in raws:
        if not _may_name_a_person(raw, _words_before(text, raw.word_start, 4), text):
            assert not default_person_names().is_person_at(text, raw.word_start, raw.start,
                                                            raw.end), raw


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["معبر", " ", ".", "!", "؟", "?", "\n", "x", "اليعربية" * 40]),
                max_size=40), st.data())
def test_a_sentence_is_found_around_a_name_as_the_list_of_sentence_ends_gives_it(pieces, data):
    """``_sentence_of`` searches around one name; the reference lists every sentence end."""
    import bisect

    from gazetteer.resolver import _sentence_of

    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    ends = [m.end() for m in re.finditer(r"[.!؟?\n]", text)]
    before, after = bisect.bisect_right(ends, start), bisect.bisect_right(ends, end)
    expected = (ends[before - 1] if before else 0,
                ends[after] - 1 if after < len(ends) else len(text))
    assert _sentence_of(text, start, end) == expected
