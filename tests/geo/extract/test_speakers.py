"""geo.extract.speakers: a place tied to whoever spoke is never an event's place."""

from __future__ import annotations

import pytest

from geo.extract.folding import fold_letters
from geo.extract.speakers import said_from
from tests.geo.extract.helpers import run


def test_a_text_not_ending_in_a_preposition_is_no_speaker_place() -> None:
    from geo.extract.speakers import reporter_in, said_from

    assert said_from("اشار الصحافي عطا فرحات من \n") and reporter_in("مراسلنا في\n\n")
    assert not said_from("اشار الصحافي عطا فرحات من القرية") and not reporter_in("مراسلنا في x")


@pytest.mark.parametrize(("before", "expected"), [
    ("أشار الصحافي عطا فرحات من ", True),
    ("وقال الناشط الإعلامي أبو محمد في ", True),
    ("قال مصدر عسكري لوكالة ((شينخوا)) ب", True),
    ("وصرّح القيادي لقناة الحدث في ", True),
    # the event's own places
    ("اندلعت اشتباكات عنيفة في ", False),
    ("قصفت المدفعية التركية قرية ب", False),
    # a local source's area is often where the story is: still usable
    ("وأفادت مصادر محلية في ", False),
    # what the journalist said, not where from
    ("وقال الصحافي إن القصف استهدف مواقع في ", False),
    # the centre an official heads, named by its place
    ("ودعا نائب مدير مركز ", True),
    ("وقصفت الطائرات مركز ", False),
])
def test_said_from(before, expected):
    assert said_from(fold_letters(before)) is expected


def test_an_event_told_beside_a_journalists_town_takes_the_towns_of_the_story(gaz):
    body = ("اندلعت مساء الأحد اشتباكات عنيفة بين الجيش السوري وقسد في بلدة تل تمر، في حين أشار "
            "الصحافي عطا فرحات من القامشلي بأنها الأعنف منذ شهور. "
            "وأضاف البيان أن طائرة مسيّرة هاجمت في المساء دورية لقوى الأمن الداخلي.")
    places = {i.place.id for i in run(gaz, body).incidents if i.place is not None}
    assert places == {"tal_tamr"}


def test_a_quote_given_to_an_agency_in_damascus_does_not_move_the_battle(gaz):
    body = ("تمكن الجيش السوري اليوم من السيطرة على مدينة البوكمال بالكامل.\n"
            "وكان مصدر عسكري قال لوكالة شينخوا بدمشق إن الجيش هاجم مواقع التنظيم في المدينة.")
    places = {i.place.id for i in run(gaz, body).incidents if i.place is not None}
    assert "damascus" not in places


def test_a_sources_town_ranks_below_the_place_the_event_is_told_at(gaz):
    body = "ونقلت وكالة سانا عن مصادر أهلية في الحسكة أن رتلاً أمريكياً دخل من معبر الوليد اليوم."
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("convoy", "waleed_crossing")]
    # alone, the sources' town is still the story's
    body = "وقالت مصادر محلية في الحسكة إن رتلاً أمريكياً دخل المدينة اليوم."
    assert [i.place.id for i in run(gaz, body).incidents] == ["hasakah"]


def test_the_place_in_an_officials_title_is_not_where_the_fighting_is(gaz):
    body = ("ودعا نائب مدير مركز حميميم الأطراف المنخرطة في تبادل إطلاق النار في بلدة عين عيسى إلى "
            "وقف التصعيد.")
    places = {i.place.id for i in run(gaz, body).incidents if i.place is not None}
    assert "hmeimim" not in " ".join(places)



def test_the_authorities_of_damascus_are_no_place(gaz):
    """'(مناطق سيطرة سلطة دمشق)': the government, not the city, whose areas hold the raid."""
    body = ("نفذت قوات التحالف الدولي عملية إنزال جوي استهدفت موقعاً لداعش بمنطقة جبل البشري "
            "بريف دير الزور الغربي (مناطق سيطرة سلطة دمشق) يوم الأحد.")
    assert "damascus" not in {i.place.id for i in run(gaz, body).incidents if i.place}
