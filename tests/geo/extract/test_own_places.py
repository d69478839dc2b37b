"""geo.extract.own_places: a sentence that turns to a place of its own tells its own events.
Sentences written for these tests in the style of the news."""

from __future__ import annotations

import pytest

from tests.geo.extract.helpers import run


@pytest.mark.parametrize("turn", ["وفي دير الزور، قالت مصادر محلية إن", "أما في ريف دير الزور، فقد"])
def test_a_sentence_turning_to_a_place_tells_its_own_killing(gaz, turn):
    """'وفي دير الزور قالت مصادر إن متزعماً قتل برصاص مجهولين في بلدة ذيبان' after attacks told
    elsewhere: the killing there is news of its own, not how the casualties told before were
    hit ('برصاص' is its means)."""
    body = ("قتل عنصران من قسد بهجوم شنه مجهولون استهدف سيارة عسكرية قرب مدينة الطبقة اليوم. "
            f"{turn} عنصراً من قسد قتل برصاص مجهولين في بلدة ذيبان.")
    places = {i.place.id for i in run(gaz, body).incidents if i.place is not None}
    assert {"tabqa", "dhiban"} <= places, places


def test_the_casualties_of_the_attack_told_before_are_no_second_event(gaz):
    body = ("هاجم مسلحون مجهولون حاجزاً لقسد في بلدة ذيبان اليوم. "
            "وقالت مصادر إن عنصرين من قسد قتلا برصاص المهاجمين في بلدة ذيبان.")
    assert len(run(gaz, body).incidents) == 1
