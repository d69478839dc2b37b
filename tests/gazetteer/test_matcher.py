"""gazetteer.matcher: a name counts only as a whole word, with nothing glued to it but the
closed list of clitics; a name that is only letters inside a longer word never counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer.matcher import PlaceMatcher
from gazetteer.model import Place
from gazetteer.normalize import BARE_PREFIXES, WITH_ARTICLE_PREFIXES, fold

NEWS = Path(__file__).resolve().parents[1] / "data" / "news"


@pytest.fixture(scope="module")
def matcher():
    return PlaceMatcher([
        Place("raqqa", "الرقة", "Raqqa", "city", 35.95, 39.01, "raqqa", source="test"),
        Place("arak", "آراك", "Arak", "village", 34.65, 38.57, "homs", ("اراك",), source="test"),
        Place("hasakah", "الحسكة", "Hasakah", "city", 36.5, 40.75, "hasakah", source="test"),
    ])


def _found(matcher, text: str) -> list[str]:
    return [m.core for m in matcher.scan(fold(text))]


@pytest.mark.parametrize(("text", "core"), [
    ("الرقة", "رقه"), ("بالرقة", "رقه"), ("للرقة", "رقه"), ("والرقة", "رقه"), ("وبالرقة", "رقه"),
    ("فالرقة", "رقه"), ("اراك", "اراك"), ("باراك", "اراك"), ("واراك", "اراك"), ("لاراك", "اراك"),
    ("في الرقة.", "رقه"), ("(الحسكة)", "حسكه"),
])
def test_a_name_with_its_clitics_is_found(matcher, text, core):
    assert _found(matcher, text) == [core]


def test_a_short_article_name_needs_its_article(matcher):
    assert _found(matcher, "رقة") == []


@pytest.mark.parametrize("text", [
    "العراكي", "تاراك", "اراكين", "مستالرقة", "الرقةوي", "الحسكاوي", "الرقة24",
    "xالرقة", "سالحسكة", "عاراك",
])
def test_letters_inside_a_longer_word_are_not_a_name(matcher, text):
    assert _found(matcher, text) == []


#: Pieces glued together at random: names, clitics, other letters, digits and spaces.
_PIECES = ("اراك", "الرقة", "رقة", "الحسكة", "ب", "و", "ف", "ل", "ك", "ال", "وبال", "ت", "ين",
           "ي", "م", "س", "2", "_", " ", " ", ".")


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_every_match_is_a_whole_word_with_listed_clitics(matcher, text):
    folded = fold(text)
    for m in matcher.scan(folded):
        assert m.end == len(folded) or not (folded[m.end].isalnum() or folded[m.end] == "_")
        assert m.word_start == 0 or not (folded[m.word_start - 1].isalnum()
                                         or folded[m.word_start - 1] == "_")
        assert m.prefix in BARE_PREFIXES | WITH_ARTICLE_PREFIXES
        assert folded[m.word_start:m.end] == m.prefix + m.core


def test_the_pass_marks_kind_words_before_a_blank_and_names_alike(small_gazetteer) -> None:
    text = "في قرية ملوك سراي قرب القامشلي وفي قريه\nتل حميدو، وحي الزهور وقريةٌ"
    folded, raws, marked = small_gazetteer.matcher.find_marked(text)
    assert [r.core for r in raws] == [r.core for r in small_gazetteer.matcher.find(text)[1]]
    assert [(folded.folded[at:at + len(word)], word) for at, word in marked] == [
        ("قريه", "قريه"), ("قريه", "قريه"), ("حي", "حي")]  # not the last: no blank after it
    assert PlaceMatcher(small_gazetteer.places.values(), marks=()).scan_marked(folded.folded)[1] == []


def _longest_by_sorted_lengths(matches):
    """The selection as first written: sorted by start with the longest first."""
    matches = sorted(matches, key=lambda m: (m[0] << 32) - (m[1] - m[0]))
    chosen = []
    for m in matches:
        if not chosen or m[0] >= chosen[-1][1]:
            chosen.append(m)
        elif (m[1] - m[0]) > (chosen[-1][1] - chosen[-1][0]):
            chosen[-1] = m
    return chosen


@settings(max_examples=500, deadline=None)
@given(st.sets(st.tuples(st.integers(0, 40), st.integers(1, 9))))
def test_the_longest_of_each_start_is_chosen_as_when_it_came_first(spans) -> None:
    """Matches come in the automaton's order (by end); one span per (start, length)."""
    from gazetteer.matcher import RawMatch, _longest_non_overlapping

    found = sorted((RawMatch(s, s + n, "x", ("p",), "", s) for s, n in spans),
                   key=lambda m: m.end)
    assert _longest_non_overlapping(list(found)) == _longest_by_sorted_lengths(found)


def _occurrences(text: str, word: str) -> list[int]:
    """Every start of ``word`` in ``text``, inside other words and overlapping ones too."""
    found, at = [], text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


#: A place named as a spotted word is ('الشيخ': core 'شيخ'), and one holding a direction.
_SPOT_PLACES = [
    Place("shaykh", "الشيخ", "Al-Shaykh", "village", 36.1, 40.1, "hasakah", source="test"),
    Place("gharb", "تل غرب", "Tal Gharb", "village", 36.2, 40.2, "hasakah", source="test"),
    Place("raqqa", "الرقة", "Raqqa", "city", 35.95, 39.01, "raqqa", source="test"),
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["شمال", "شرق", "الشرقي", "غرب", "تل غرب", "الشيخ", "شيخ",
                                 "المتحدث", "متحدثه", "قرية ", "الرقة", "بالرقة", " ", "\n", "x"]),
                max_size=30).map("".join))
def test_spotted_words_are_where_a_search_finds_them_and_names_are_found_the_same(text) -> None:
    spotting = PlaceMatcher(_SPOT_PLACES)
    plain = PlaceMatcher(_SPOT_PLACES, spots=())
    folded = fold(text)
    found, marked, spotted = spotting.scan_spotted(folded)
    assert (found, marked) == plain.scan_marked(folded) and plain.scan_spotted(folded)[2] == {}
    assert set(spotted) == set(spotting.spots) and "شيخ" in spotted and "غرب" in spotted
    for word, places in spotted.items():
        assert places == _occurrences(folded, word)


def test_the_automaton_finds_the_same_whatever_order_its_words_came_in() -> None:
    """Its branches are made commonest character first (``automaton_of``): the matches, and
    their order, are those of the same words added in another order."""
    import ahocorasick

    from gazetteer import load_gazetteer
    from gazetteer.matcher import automaton_of

    words = dict(load_gazetteer().matcher.automaton.items())
    other = ahocorasick.Automaton()
    for key in sorted(words, reverse=True):
        other.add_word(key, words[key])
    other.make_automaton()
    made = automaton_of(words)
    assert len(made) == len(words)
    for path in sorted(NEWS.glob("*.json"))[:100]:
        folded = fold(json.loads(path.read_text("utf-8"))["text"])
        assert list(made.iter(folded)) == list(other.iter(folded))


def test_words_are_added_commonest_character_first() -> None:
    from gazetteer.matcher import FREQUENT_FIRST, _frequency_key

    words = ["زور", "ال", "اب", "ءا", "xy", "ا", "ال قامشلي"]
    assert sorted(words, key=_frequency_key) == ["ا", "ال", "ال قامشلي", "اب", "زور", "ءا", "xy"]
    assert FREQUENT_FIRST.startswith(" ا") and len(set(FREQUENT_FIRST)) == len(FREQUENT_FIRST)
