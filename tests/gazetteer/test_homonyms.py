"""A village named among far places is another village of that name (gazetteer.homonyms)."""

from __future__ import annotations

import pytest

from gazetteer.resolver import resolve_text
from gazetteer.store import Gazetteer, load_gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _mention(gaz: Gazetteer, text: str, name: str):
    [m] = [m for m in resolve_text(text, gaz) if m.text == name]
    return m


def test_a_village_among_places_of_another_region_is_left_for_review(gaz) -> None:
    # Tal Shaeer of the gazetteer lies by Qamishli; this one is on a patrol route west of Kobani
    text = ("انطلقت الدورية من قرية آشمة في ريف كوباني الغربي، ثم جابت قرى جارقلي وقران، وصولاً "
            "إلى قرية تل شعير، وعادت إلى مركزها قرب بلدة صرين جنوبي كوباني.")
    m = _mention(gaz, text, "تل شعير")
    assert m.place is None and "another village of that name" in m.cue
    assert "tal_shaeer" in [c.place.id for c in m.candidates]


@pytest.mark.parametrize("text", [
    "استهدفت مسيرة تركية سيارة قرب قرية تل شعير على طريق القامشلي - عامودا.",  # its own area
    "انفجر لغم في قرية تل شعير.",  # nothing else named: nothing to read it against
    # strikes on two regions in one sentence are common: one far town says nothing
    "قصفت مسيرة قرية تل شعير، كما قصفت مدينة كوباني.",
    # towns of one far region only, no village of it the gazetteer lacks: no sign of another
    "استهدفت القوات قرية تل شعير بأكثر من 30 قذيفة كما استهدفت بلدة عين عيسى شمال الرقة.",
    "قصفت المسيرات قرية تل شعير وبلدة عين عيسى ومدينة كوباني.",  # places of two regions
])
def test_the_known_village_stands_without_a_sign_of_another(gaz, text) -> None:
    m = _mention(gaz, text, "تل شعير")
    assert m.place is not None and m.place.id == "tal_shaeer"


def test_a_town_is_never_read_as_a_namesake(gaz) -> None:
    m = _mention(gaz, "وصلت تعزيزات إلى بلدة تل تمر قادمة من كوباني ومنبج.", "تل تمر")
    assert m.place is not None and m.place.id == "tal_tamr"
