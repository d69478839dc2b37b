"""gazetteer.matcher: a name counts only as a whole word, with nothing glued to it but the
closed list of clitics; a name that is only letters inside a longer word never counts."""

from __future__ import annotations

import pytest

from gazetteer.matcher import PlaceMatcher
from gazetteer.model import Place
from gazetteer.normalize import fold


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
    "العراكي", "تاراك", "اراكين", "مستالرقة", "الرقةوي", "الحسكاوي", "الرقة24", "_الرقة",
    "xالرقة", "سالحسكة", "عاراك",
])
def test_letters_inside_a_longer_word_are_not_a_name(matcher, text):
    assert _found(matcher, text) == []
